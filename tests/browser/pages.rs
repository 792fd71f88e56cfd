//! Whole pages: the dashboard, the front door, phones at 360 px, pages opened from outside.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_shows_targets_and_activity_in_chinese_and_english_and_an_admin_reports_a_figure() {
    use fantoccini::Locator;
    let server = Server::start().await;
    // An admin's demand (published through the store), and a verified innovation consortium.
    published_demand(&server).await;
    let lab_owner = server.user("lab@example.com", false).await;
    let lab = server.verified_org(lab_owner, shared::orgs::OrgKind::Lab, "城西科创创新联合体").await;
    sql::query("UPDATE organizations SET subtype = 'innovation_consortium' WHERE id = $1")
        .bind(lab)
        .execute(&server.state.db)
        .await
        .unwrap();

    let b = Browser::start(1280, 1000).await;
    b.client.goto(&server.url("/dashboard")).await.unwrap();
    b.text_contains("h1", "未来产业发展看板").await;
    b.text_contains("[data-testid=target][data-code=innovation_consortia]", "1 / 10").await;
    b.text_contains("[data-testid=target][data-code=innovation_consortia]", "平台数据").await;
    b.text_contains("[data-testid=target][data-code=demonstration_samples]", "尚未填报").await;
    let bar = b.el("[data-testid=target][data-code=innovation_consortia] progress").await;
    assert_eq!(bar.attr("value").await.unwrap().as_deref(), Some("100"), "1 of 10 is 10.0 %");
    // The funnel: an SVG chart with a name for screen readers, and the same numbers as a table.
    let svg = b.el("[data-testid=chart-funnel] svg").await;
    assert!(svg.attr("aria-label").await.unwrap().unwrap_or_default().contains("对接漏斗"));
    assert_eq!(svg.attr("role").await.unwrap().as_deref(), Some("img"));
    b.click("[data-testid=chart-funnel] [data-testid=chart-toggle]").await;
    b.text_contains("[data-testid=funnel-table] tbody tr:first-child", "发布").await;
    let first = b.el("[data-testid=funnel-table] tbody tr:first-child td").await.text().await.unwrap();
    assert_eq!(first.trim(), "1", "the demand is the one posting");
    b.text_contains("[data-testid=district-table]", "上城区").await;
    b.look_at("dashboard-zh").await;

    // On a phone: the tables of figures keep their headings (and scroll sideways), chart text
    // reads at 11 px or more, a district's name is not broken inside a word.
    let phone = Browser::start(360, 800).await;
    phone.client.goto(&server.url("/dashboard")).await.unwrap();
    phone.text_contains("[data-testid=district-table]", "上城区").await;
    assert!(phone.el("[data-testid=district-table] thead th:nth-child(2)").await.is_displayed().await.unwrap());
    let smallest: f64 = phone
        .js("let min = 99; for (const t of document.querySelectorAll('.svg-chart text')) { \
             const svg = t.closest('svg'); const box = svg.getBoundingClientRect(); \
             if (!box.width || !t.getBoundingClientRect().width) continue; \
             const size = parseFloat(getComputedStyle(t).fontSize) * box.width / svg.viewBox.baseVal.width; \
             min = Math.min(min, size); } return min;")
        .await;
    assert!(smallest >= 11.0, "chart text as small as {smallest:.1} px");
    let lines: f64 = phone
        .js("const th = [...document.querySelectorAll('[data-testid=district-table] tbody th')].find(t => t.textContent.includes('上城区')); \
             return th.getBoundingClientRect().height / parseFloat(getComputedStyle(th).lineHeight || 20);")
        .await;
    assert!(lines < 2.0, "上城区 wraps over {lines:.1} lines");
    phone.look_at("dashboard-360").await;
    phone.close().await;

    // One field: the field chart keeps one bar, for that field.
    b.select("[data-testid=dash-domain]", "advanced_energy").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while b.client.find_all(Locator::Css("[data-testid=chart-domain] rect.bar")).await.unwrap().len() != 1 {
        assert!(std::time::Instant::now() < deadline, "the field filter never applied");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    b.click("[data-testid=chart-domain] [data-testid=chart-toggle]").await;
    b.text_contains("[data-testid=domain-table] tbody", "先进能源").await;

    // In English: headings, targets, charts and tables.
    b.click("[data-testid=lang-switch]").await;
    b.text_contains("h1", "Future-industry dashboard").await;
    b.text_contains("[data-testid=target][data-code=innovation_consortia]", "Innovation consortia").await;
    b.text_contains("[data-testid=domain-table] tbody", "Advanced energy").await;
    b.text_contains("[data-testid=district-table]", "Shangcheng").await;
    let svg = b.el("[data-testid=chart-weekly] svg").await;
    assert!(svg.attr("aria-label").await.unwrap().unwrap_or_default().contains("Week by week"));
    b.look_at("dashboard-en").await;

    // A site admin reports a figure the platform does not hold; the dashboard shows it with its source.
    log_in(&b, &server, "ent@example.com", "/admin/targets").await;
    b.click("[data-testid=admin-target][data-code=demonstration_samples] [data-testid=target-edit]").await;
    b.fill("#f-manual_value", "4").await;
    b.fill("#f-manual_source", "市未来产业工作专班").await;
    b.set_value("#f-manual_as_of", "2026-09-30").await;
    b.click("[data-testid=target-save]").await;
    b.text_contains("[data-testid=admin-target][data-code=demonstration_samples] td:nth-child(3)", "4").await;
    b.client.goto(&server.url("/dashboard")).await.unwrap();
    b.text_contains("[data-testid=target][data-code=demonstration_samples]", "4 / 10").await;
    b.text_contains("[data-testid=target][data-code=demonstration_samples]", "市未来产业工作专班").await;
    b.text_contains("[data-testid=target][data-code=demonstration_samples]", "2026-09-30").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_front_door_on_a_phone_shows_figures_lists_and_what_needs_the_person_under_a_56_px_header() {
    let server = Server::start().await;
    let ent = server.user("ent@example.com", false).await;
    let org = server.verified_org(ent, shared::orgs::OrgKind::Enterprise, "钱塘储能科技有限公司").await;
    publish(
        &server,
        org,
        serde_json::json!({
            "kind": "demand", "title_zh": "揭榜挂帅：钠离子电池低温性能", "summary_zh": "征集零下二十度容量保持方案",
            "details_zh": "零下20摄氏度容量保持率80%以上", "domains": ["advanced_energy"], "keywords": ["钠离子电池"],
            "deadline": "2099-01-01", "demand_type": "tech_problem", "trl": 5, "budget_min": 100, "budget_max": 300,
            "open_call": {"reward": 300, "application_deadline": "2098-12-31"}
        }),
    )
    .await;
    let header_height = "return document.querySelector('.site-header').getBoundingClientRect().height";
    let b = Browser::start(360, 780).await;
    b.client.goto(&server.url("/")).await.unwrap();
    // A visitor: the way in, the live figures and the call, each a link.
    b.text_contains(".hero", "立即注册").await;
    b.text_contains(".figures li:first-child", "1").await;
    b.text_contains(".home-lists", "揭榜挂帅：钠离子电池低温性能").await;
    b.text_contains(".home-lists", "榜额：300 万元").await;
    let height: f64 = b.js(header_height).await;
    assert!(height <= 56.0, "the phone header is {height} px");
    b.look_at("home-360-visitor").await;
    // The sections are behind the menu button.
    assert!(!b.el(".site-nav").await.is_displayed().await.unwrap(), "the menu starts closed");
    b.click(".menu-toggle").await;
    b.text_contains(".site-nav", "成果与能力").await;
    b.look_at("menu-360-visitor").await;
    b.click(".menu-toggle").await;

    // Signed in: what needs them and what their organization can start, no 立即注册.
    log_in(&b, &server, "ent@example.com", "/").await;
    b.text_contains(".desk", "发布技术需求").await;
    b.text_contains(".todo", "暂时没有需要您处理的事项").await;
    assert!(
        b.client.find_all(fantoccini::Locator::Css(".hero")).await.unwrap().is_empty(),
        "no sign-up call to a member"
    );
    let height: f64 = b.js(header_height).await;
    assert!(height <= 56.0, "the signed-in phone header is {height} px");
    b.look_at("home-360-member").await;
    // The search button opens the search box, ready to type.
    b.click(".search-toggle").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while b.js::<String>("return document.activeElement.id").await != "global-search" {
        assert!(std::time::Instant::now() < deadline, "the search box never took the focus");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    b.fill("[data-testid=global-search]", "钠离子\n").await;
    b.path_matches(|p| p == "/search").await;
    b.text_contains("main", "揭榜挂帅：钠离子电池低温性能").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_demand_with_its_matches_reads_on_a_360_px_phone_without_sideways_scrolling() {
    let server = Server::start().await;
    let (demand, _) = demand_and_fitting_capability(&server).await;
    let b = Browser::start(360, 780).await;
    b.client.goto(&server.url(&format!("/demands/{demand}"))).await.unwrap();
    b.text_contains("h1", "固态电池电解质界面稳定性攻关").await;
    b.text_contains("[data-testid=match]", "固态电解质界面改性中试平台").await;
    b.text_contains("[data-testid=match-reasons]", "领域一致：先进能源").await;
    let width = page_width(&b).await;
    assert!(width <= 360.0, "the demand's page is {width} px wide on a 360 px phone");
    // The score and the way to act on a match stay on screen, not pushed off its right edge.
    for css in ["[data-testid=match-score]", "[data-testid=match] h3, [data-testid=match] a"] {
        let right: f64 = b.js(&format!("return document.querySelector({:?}).getBoundingClientRect().right", css)).await;
        assert!(right <= 360.0, "{css} ends at {right} px");
    }
    b.look_at("demand-matches-360").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_competition_with_long_track_names_reads_on_a_360_px_phone_in_english_without_sideways_scrolling() {
    use reqwest::{Method, StatusCode};
    let server = Server::start().await;
    let host = server.user("host@example.com", false).await;
    let org = server.verified_org(host, shared::orgs::OrgKind::Organizer, "杭州市未来产业促进中心").await;
    let deadline = "2099-03-01T08:00:00Z";
    let competition = serde_json::json!({"org_id": org, "title_zh": "2026杭州未来产业创新创业大赛",
        "title_en": "Hangzhou Future Industries Innovation and Entrepreneurship Competition 2026",
        "description_zh": "面向5+X领域的创新创业项目", "description_en": "Start-ups in the 5+X future industries",
        "eligibility_zh": "在杭注册的初创企业或团队",
        "tracks": [{"domain": "humanoid_robots", "name_zh": "人形机器人赛道", "name_en": "Humanoid robots and embodied intelligence"},
                   {"domain": "synthetic_bio", "name_zh": "合成生物赛道", "name_en": "Synthetic biology and biomanufacturing"}],
        "stages": [{"name_zh": "初赛", "name_en": "Preliminary round", "deadline": deadline, "advance": 2, "fields": []}],
        "rubric": [{"name_zh": "技术创新性", "name_en": "Innovation", "weight": 100, "scale": 10}], "judges_per_entry": 1});
    let (status, c) =
        server.api(&server.session_cookie(host).await, Method::POST, "/api/v1/competitions", Some(competition)).await;
    assert_eq!(status, StatusCode::CREATED, "{c}");
    let b = Browser::start(360, 780).await;
    b.client.goto(&server.url("/")).await.unwrap();
    b.js::<serde_json::Value>("localStorage.setItem('fm_locale', 'en'); return null").await;
    b.client.goto(&server.url(&format!("/competitions/{}", c["id"]))).await.unwrap();
    b.text_contains("h1", "Hangzhou Future Industries").await;
    b.text_contains("ul.tags", "Humanoid robots and embodied intelligence").await;
    let width = page_width(&b).await;
    assert!(width <= 360.0, "the competition page is {width} px wide on a 360 px phone");
    let right: f64 = b.js("return Math.max(...[...document.querySelectorAll('ul.tags li')].map(e => e.getBoundingClientRect().right))").await;
    assert!(right <= 360.0, "a track's badge ends at {right} px");
    b.look_at("competition-360-en").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_attendee_registers_for_an_event_on_a_360_px_phone() {
    use reqwest::{Method, StatusCode};
    let server = Server::start().await;
    let host = server.user("host@example.com", false).await;
    let org = server.verified_org(host, shared::orgs::OrgKind::Organizer, "杭州市未来产业促进中心").await;
    server.user("zhangming@example.com", false).await;
    let host_cookie = server.session_cookie(host).await;
    let event = serde_json::json!({"org_id": org, "title_zh": "2027杭州未来产业国际论坛暨具身智能与低空经济专场对接会",
        "description_zh": "聚焦5+X未来产业", "event_type": "forum", "venue": "杭州国际博览中心B馆二层多功能厅",
        "starts_at": "2099-04-01T01:00:00Z", "ends_at": "2099-04-01T09:00:00Z", "domains": ["gen_ai"], "capacity": 50});
    let (status, e) = server.api(&host_cookie, Method::POST, "/api/v1/events", Some(event)).await;
    assert_eq!(status, StatusCode::CREATED, "{e}");
    let id = e["id"].as_i64().unwrap();
    let ticket = serde_json::json!({"name_zh": "普通观众", "quota": 50, "approval": false});
    let (status, _) =
        server.api(&host_cookie, Method::POST, &format!("/api/v1/events/{id}/ticket-types"), Some(ticket)).await;
    assert_eq!(status, StatusCode::CREATED);
    let page = format!("/events/{id}");

    let b = Browser::start(360, 780).await;
    // A visitor sees the ticket types, seats left and the way in, which brings them back here.
    b.client.goto(&server.url(&page)).await.unwrap();
    b.text_contains("[data-testid=ticket-types]", "普通观众").await;
    b.text_contains("[data-testid=register-signin]", "登录后报名").await;
    b.click("[data-testid=login-to-register]").await;
    b.path_matches(|p| p == "/login").await;
    b.fill("#f-email", "zhangming@example.com").await;
    b.fill("#f-password", PASSWORD).await;
    b.click("form button[type=submit]").await;
    b.path_matches(|p| p == page).await;
    b.text_contains("h1", "2027杭州未来产业国际论坛").await;
    b.text_contains("[data-testid=register]", "普通观众").await;
    let width = page_width(&b).await;
    assert!(width <= 360.0, "the event page is {width} px wide on a 360 px phone");
    let button: (f64, f64) = b
        .js("const r = document.querySelector('[data-testid=register-submit]').getBoundingClientRect(); return [r.right, r.height]")
        .await;
    assert!(button.0 <= 360.0 && button.1 >= 40.0, "the register button is {button:?} (right edge, height)");
    b.look_at("event-register-360").await;
    b.click("[data-testid=register-submit]").await;
    b.text_contains("[data-testid=registration-status]", "已确认").await;
    let width = page_width(&b).await;
    assert!(width <= 360.0, "with the ticket shown the page is {width} px wide");
    b.look_at("event-registered-360").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_opened_from_outside_draws_from_the_answers_it_came_with_and_asks_again_after_navigating() {
    let server = Server::start().await;
    let (demand, capability) = demand_and_fitting_capability(&server).await;
    let b = Browser::start(1280, 1000).await;
    // The front door, for a visitor: its figures and lists came with the page.
    b.client.goto(&server.url("/")).await.unwrap();
    b.text_contains(".home-lists", "固态电池电解质界面稳定性攻关").await;
    let asked = fetched_api(&b).await;
    assert!(asked.is_empty(), "the front door's data came with the page: {asked:?}");
    b.client.goto(&server.url(&format!("/demands/{demand}"))).await.unwrap();
    b.text_contains("h1", "固态电池电解质界面稳定性攻关").await;
    b.text_contains("[data-testid=match]", "固态电解质界面改性中试平台").await;
    b.text_contains("[data-testid=match-reasons]", "领域一致：先进能源").await;
    let asked = fetched_api(&b).await;
    assert!(
        asked.is_empty(),
        "the posting, its matches, bundles, the session and the lists came with the page: {asked:?}"
    );

    // A page reached inside the app asks for its data.
    b.client.goto(&server.url(&format!("/demands/{demand}"))).await.unwrap();
    b.text_contains("[data-testid=match]", "固态电解质界面改性中试平台").await;
    b.click("[data-testid=match] a").await;
    b.path_matches(|p| p == format!("/capabilities/{capability}")).await;
    b.text_contains("h1", "固态电解质界面改性中试平台").await;
    let asked = fetched_api(&b).await;
    assert!(asked.contains(&format!("/api/v1/capabilities/{capability}")), "{asked:?}");
    assert!(!asked.iter().any(|p| p.starts_with(&format!("/api/v1/demands/{demand}"))), "{asked:?}");

    // Signed in, the page says so from the start and the owner's tools come with it.
    log_in(&b, &server, "ent@example.com", &format!("/demands/{demand}")).await;
    b.client.goto(&server.url(&format!("/demands/{demand}"))).await.unwrap();
    b.el("[data-testid=owner-panel]").await;
    b.el("[data-testid=user-name]").await;
    let asked = fetched_api(&b).await;
    assert!(
        !asked.iter().any(|p| p == "/api/v1/auth/session" || p == &format!("/api/v1/demands/{demand}")),
        "{asked:?}"
    );
    // And the front door with the person's to-dos.
    b.client.goto(&server.url("/")).await.unwrap();
    b.el(".desk").await;
    b.text_contains(".home-lists", "固态电池电解质界面稳定性攻关").await;
    let asked = fetched_api(&b).await;
    assert!(!asked.iter().any(|p| p == "/api/v1/home" || p == "/api/v1/auth/session"), "{asked:?}");
    b.close().await;
}
