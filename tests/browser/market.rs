//! The market: browsing, filtering and searching postings, posting and importing them.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_visitor_browses_demands_filters_by_url_opens_one_and_finds_it_by_search() {
    let server = Server::start().await;
    let id = published_demand(&server).await;
    let b = Browser::start(1280, 900).await;

    b.client.goto(&server.url("/demands")).await.unwrap();
    b.text_contains(".cards", "固态电池电解质界面稳定性攻关").await;
    b.text_contains(".cards", "200–500 万元").await;
    // In English the amount reads as people say it.
    b.click("[data-testid=lang-switch]").await;
    b.text_contains(".cards", "CNY 2–5 million").await;
    b.click("[data-testid=lang-switch]").await;
    b.text_contains(".cards", "200–500 万元").await;
    let list = "需求 · 未来产业对接平台";
    assert_eq!(head(&b, list).await, (list.to_owned(), shared::Msg::IntroDemands.t(shared::Locale::ZhCn).to_owned()));
    assert_eq!(
        failed_requests(&b).await,
        Vec::<String>::new(),
        "a visitor's page asks nothing that fails (not even who is signed in)"
    );
    let shift = layout_shift(&b).await;
    assert!(shift < 0.05, "nothing moves when the list arrives: cumulative layout shift {shift}");
    // Filters live in the URL: a shared link shows the same filtered list.
    b.client.goto(&server.url("/demands?type=joint_rnd")).await.unwrap();
    b.text_contains("main", "暂无符合条件的信息").await;
    // Even a short page keeps the footer below the fold, so it cannot jump when content arrives.
    let below: bool =
        b.js("return document.querySelector('footer').getBoundingClientRect().top >= window.innerHeight").await;
    assert!(below, "the footer starts below the fold");
    b.client.goto(&server.url("/demands?type=tech_problem")).await.unwrap();
    b.click(".cards a.posting-title").await;
    b.path_matches(|p| p == format!("/demands/{id}")).await;
    b.text_contains("[data-testid=posting-title]", "固态电池电解质界面稳定性攻关").await;
    b.text_contains("main", "详细信息仅对已认证组织的成员开放").await;
    let title = "固态电池电解质界面稳定性攻关 · 未来产业对接平台";
    let named = (title.to_owned(), "寻求固态电池电解质界面改性方案".to_owned());
    assert_eq!(head(&b, title).await, named, "the page is named after the demand");
    b.look_at("demand-detail").await;
    // In English: the English title as given; the summary, written only in Chinese, is marked as
    // Chinese (for the eye and for screen readers), and so is the keyword.
    b.click("[data-testid=lang-switch]").await;
    let title = b.text_contains("[data-testid=posting-title]", "Solid-state electrolyte interface stability").await;
    assert!(!title.contains("中文"), "an English title carries no marker: {title}");
    b.text_contains("[data-testid=posting-summary] [data-testid=in-chinese]", "中文").await;
    let lang: String =
        b.js("return document.querySelector('[data-testid=posting-summary] [lang]').getAttribute('lang')").await;
    assert_eq!(lang, "zh-CN");
    b.look_at("demand-detail-en").await;
    b.click("[data-testid=lang-switch]").await;
    b.text_contains("[data-testid=posting-title]", "固态电池电解质界面稳定性攻关").await;
    let marked: bool = b.js("return !!document.querySelector('[data-testid=in-chinese]')").await;
    assert!(!marked, "nothing is marked in Chinese");

    // The header's search box finds it, with the match highlighted.
    b.fill("[data-testid=global-search]", "固态电池\n").await;
    b.path_matches(|p| p == "/search").await;
    let hit = b.text_contains(".hits", "固态电池电解质界面稳定性攻关").await;
    assert!(!hit.is_empty());
    let bold = b.el(".hits b").await.text().await.unwrap();
    assert!(!bold.is_empty() && "固态电池".contains(bold.as_str()), "a part of the query is highlighted: {bold}");
    b.look_at("search-results").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_visitor_on_a_phone_narrows_a_list_with_its_keyword_box_and_a_filter_and_searches_unspaced() {
    let server = Server::start().await;
    published_demand(&server).await;
    let owner = server.user("drones@example.com", false).await;
    let org = server.verified_org(owner, shared::orgs::OrgKind::Enterprise, "云栖低空科技有限公司").await;
    publish(
        &server,
        org,
        serde_json::json!({"kind": "demand", "title_zh": "社区无人机外卖配送航线规划", "summary_zh": "需要城市低空物流配送的航线与调度系统",
            "domains": ["low_altitude"], "keywords": ["无人机"], "deadline": "2099-01-01", "demand_type": "joint_rnd", "trl": 5}),
    )
    .await;
    let b = Browser::start(360, 800).await;
    b.client.goto(&server.url("/demands")).await.unwrap();
    b.text_contains(".cards", "固态电池电解质界面稳定性攻关").await;
    // Typed as people type: no spaces between the Chinese words.
    b.fill("[data-testid=keyword]", "无人机物流配送\n").await;
    b.text_contains("main", "共 1 条").await;
    let cards = b.text_contains(".cards", "社区无人机外卖配送航线规划").await;
    assert!(!cards.contains("固态电池"), "only what the words found: {cards}");
    let url = b.client.current_url().await.unwrap();
    assert!(url.query().unwrap_or("").contains("q="), "the words are in the URL: {url}");
    b.look_at("keyword-demands-360").await;
    // The keyword combines with a filter: another type leaves nothing, and says what to do.
    b.select("#f-type", "tech_problem").await;
    b.text_contains("main", "暂无符合条件的信息").await;
    b.select("#f-type", "joint_rnd").await;
    b.text_contains(".cards", "社区无人机外卖配送航线规划").await;
    // Clearing the box lists everything again.
    b.fill("[data-testid=keyword]", "\n").await;
    b.text_contains(".cards", "社区无人机外卖配送航线规划").await;
    b.client.goto(&server.url("/demands")).await.unwrap();
    b.text_contains(".cards", "固态电池电解质界面稳定性攻关").await;
    // The header's search answers unspaced Chinese too (it used to be one exact phrase: nothing).
    b.client.goto(&server.url("/search?q=固态电池电解质界面")).await.unwrap();
    b.text_contains(".hits", "固态电池电解质界面稳定性攻关").await;
    // Each hit shows its facts; a field filter that leaves nothing says what dropping it finds.
    b.text_contains("[data-testid=hit-facts]", "TRL 6").await;
    b.select("#s-domain", "low_altitude").await;
    b.text_contains("[data-testid=search-none]", "去掉领域和区县筛选，可找到 1 条结果").await;
    b.look_at("search-nothing-found-360").await;
    b.click("[data-testid=drop-filters]").await;
    b.text_contains(".hits", "固态电池电解质界面稳定性攻关").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_signed_in_person_downloads_the_list_they_filtered_as_a_spreadsheet() {
    let server = Server::start().await;
    published_demand(&server).await;
    let b = Browser::start(1280, 900).await;
    b.client.goto(&server.url("/demands?domain=advanced_energy")).await.unwrap();
    b.text_contains(".cards", "固态电池电解质界面稳定性攻关").await;
    let links = b.client.find_all(fantoccini::Locator::Css("[data-testid=export-xlsx]")).await.unwrap();
    assert!(links.is_empty(), "a visitor is offered no export");
    log_in(&b, &server, "ent@example.com", "/demands").await;
    b.client.goto(&server.url("/demands?domain=advanced_energy")).await.unwrap();
    b.text_contains(".cards", "固态电池电解质界面稳定性攻关").await;
    b.text_contains("[data-testid=export-xlsx]", "导出 Excel").await;
    let href: String = b.js("return document.querySelector('[data-testid=export-xlsx]').getAttribute('href')").await;
    assert_eq!(href, "/api/v1/demands/export.xlsx?domain=advanced_energy", "the list's filters, no paging");
    let (status, kind): (u16, String) = b
        .js("return fetch(document.querySelector('[data-testid=export-xlsx]').href)
                .then(r => [r.status, r.headers.get('content-type')])")
        .await;
    assert_eq!(status, 200);
    assert_eq!(kind, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_imports_a_filled_template_after_fixing_the_row_the_preview_names() {
    let server = Server::start().await;
    let owner = server.user("ent@example.com", false).await;
    server.verified_org(owner, shared::orgs::OrgKind::Enterprise, "钱塘储能科技有限公司").await;
    let b = Browser::start(1280, 900).await;
    log_in(&b, &server, "ent@example.com", "/import").await;
    b.text_contains("h1", "批量导入").await;
    let href: String = b.js("return document.querySelector('[data-testid=template-zh]').getAttribute('href')").await;
    let template = reqwest::get(server.url(&href)).await.unwrap().bytes().await.unwrap();
    let good: &[(&str, &str)] = &[
        ("标题（中文） *", "固态电池界面改性"),
        ("公开概要（中文） *", "寻求提升循环寿命的界面改性方案"),
        ("所属领域（1–3 个） *", "先进能源"),
        ("需求类型 *", "技术攻关"),
        ("技术成熟度 *", "6"),
        ("截止日期", "2099-06-30"),
    ];
    let mut bad = good.to_vec();
    bad[0].1 = "钠离子电池正极材料";
    bad[4].1 = "六级";
    let dir = tempfile::tempdir().unwrap();
    let first = filled_template(&template, &[good, &bad], dir.path(), "需求征集表.xlsx");
    b.el("[data-testid=import-file]").await.send_keys(first.to_str().unwrap()).await.unwrap();
    b.click("[data-testid=import-check]").await;
    b.text_contains("[data-testid=import-summary]", "1 行有错误").await;
    let problem = b.text_contains("[data-testid=import-problem]", "技术成熟度").await;
    assert!(problem.contains('3'), "the row is named: {problem}");
    let confirm = b.client.find_all(fantoccini::Locator::Css("[data-testid=import-confirm]")).await.unwrap();
    assert!(confirm.is_empty(), "nothing can be imported while a row is wrong");
    b.look_at("import-preview-with-an-error").await;

    bad[4].1 = "5";
    let fixed = filled_template(&template, &[good, &bad], dir.path(), "需求征集表-修改.xlsx");
    let input = b.el("[data-testid=import-file]").await;
    input.clear().await.unwrap();
    input.send_keys(fixed.to_str().unwrap()).await.unwrap();
    b.click("[data-testid=import-check]").await;
    b.text_contains("[data-testid=import-summary]", "2 行可导入").await;
    b.click("[data-testid=import-confirm]").await;
    b.text_contains("[data-testid=import-done]", "已导入 2 条").await;
    b.click("[data-testid=import-see]").await;
    b.path_matches(|p| p == "/my/postings").await;
    b.text_contains(".cards", "固态电池界面改性").await;
    b.text_contains(".cards", "钠离子电池正极材料").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_enterprise_posts_a_demand_an_admin_approves_it_and_a_lab_finds_it_by_search() {
    let server = Server::start().await;
    let ent = server.user("ent@example.com", false).await;
    server.verified_org(ent, shared::orgs::OrgKind::Enterprise, "钱塘储能科技有限公司").await;
    server.user("admin@example.com", true).await;
    let lab = server.user("lab@example.com", false).await;
    server.verified_org(lab, shared::orgs::OrgKind::Lab, "之江电化学实验室").await;
    let b = Browser::start(1280, 1200).await;

    // The enterprise fills in the form; the shared rules answer inline before anything is sent.
    log_in(&b, &server, "ent@example.com", "/my/postings").await;
    b.click("[data-testid=new-posting]").await;
    b.path_matches(|p| p == "/demands/new").await;
    b.click("[data-testid=save-and-submit]").await;
    b.text_contains("#f-title_zh-error", "必填").await;
    b.text_contains("#f-domains-error", "").await;
    // The failed submit takes the person to the first field with a problem; the summary at the
    // top names each field with a link to it; a group's problem sits under the group's legend.
    b.focus_is_on("#f-title_zh").await;
    b.text_contains("[data-testid=form-error] a[href='#f-title_zh']", "标题（中文）：").await;
    b.text_contains("[data-testid=form-error] a[href='#f-domains']", "").await;
    let under_legend: bool =
        b.js("return document.querySelector('#f-domains legend').nextElementSibling.id === 'f-domains-error'").await;
    assert!(under_legend, "the group's problem is under its legend");
    b.click("[data-testid=form-error] a[href='#f-domains']").await;
    b.focus_is_on("input[name=domains]").await;
    b.fill("#f-title_zh", "固态电池电解质界面稳定性攻关").await;
    b.fill("#f-title_en", "Solid-state electrolyte interface stability").await;
    b.fill("#f-summary_zh", "寻求固态电池电解质界面改性方案，提升循环寿命").await;
    b.fill("#f-details_zh", "循环寿命需达到1000次以上，容量保持率90%").await;
    b.select("#f-demand_type", "tech_problem").await;
    b.click("input[name=domains][value=advanced_energy]").await;
    b.fill("#f-keywords", "固态电池，电解质").await;
    b.fill("#f-trl", "6").await;
    b.fill("#f-budget_min", "900").await;
    b.fill("#f-budget_max", "500").await;
    b.click("[data-testid=save-and-submit]").await;
    b.text_contains("[id='f-budget_max-error']", "").await;
    b.focus_is_on("#f-budget_max").await;
    b.look_at("demand-form-errors").await;
    let (drafts,): (i64,) = sql::query_as("SELECT COUNT(*) FROM postings").fetch_one(&server.state.db).await.unwrap();
    assert_eq!(drafts, 0, "nothing is sent while the form has errors");
    b.fill("#f-budget_min", "200").await;
    b.click("[data-testid=save-and-submit]").await;
    let path = b.path_matches(|p| p.starts_with("/demands/") && p[9..].parse::<i64>().is_ok()).await;
    let id: i64 = path[9..].parse().unwrap();
    b.text_contains("[data-testid=posting-status]", "待审核").await;
    b.look_at("demand-submitted").await;
    let (status, budget_min): (String, i64) = sql::query_as("SELECT status, amount_min FROM postings WHERE id = $1")
        .bind(id)
        .fetch_one(&server.state.db)
        .await
        .unwrap();
    assert_eq!((status.as_str(), budget_min), ("submitted", 200));
    b.click("[data-testid=user-name]").await;
    b.click("[data-testid=logout]").await;

    // The admin approves it from the moderation queue.
    log_in(&b, &server, "admin@example.com", "/admin/moderation").await;
    b.text_contains("[data-testid=moderation-queue]", "固态电池电解质界面稳定性攻关").await;
    // Before deciding, the whole posting: every field, the organization, the history.
    b.text_contains("[data-testid=console-moderation] [data-testid=console-count]", "1").await;
    b.click("[data-testid=moderation-item] [data-testid=review] summary").await;
    b.text_contains("[data-testid=review]", "容量保持率90%").await;
    b.text_contains("[data-testid=review]", "Solid-state electrolyte interface stability").await;
    b.text_contains("[data-testid=review-org]", "钱塘储能科技有限公司").await;
    b.text_contains("[data-testid=review] [data-testid=posting-history]", "提交审核").await;
    // Rejecting one needs its own reason, asked for in place.
    b.click("[data-testid=moderation-item] [data-testid=reject-one]").await;
    b.click("[data-testid=moderation-item] [data-testid=reject-one-yes]").await;
    b.text_contains("[data-testid=moderation-item] .moderation-decision .field-error", "必填").await;
    b.look_at("moderation-queue").await;
    b.click("[data-testid=moderation-item] [data-testid=approve-one]").await;
    b.text_contains("[data-testid=approve-one-ask]", "立即公开发布").await;
    b.click("[data-testid=approve-one-yes]").await;
    b.text_contains("[data-testid=moderation-empty]", "暂无待审核").await;
    b.click("[data-testid=user-name]").await;
    b.click("[data-testid=logout]").await;

    // A lab member finds it through the header's search box and, being verified, reads the details.
    log_in(&b, &server, "lab@example.com", "/my/orgs").await;
    b.fill("[data-testid=global-search]", "固态电池\n").await;
    b.text_contains(".hits", "固态电池电解质界面稳定性攻关").await;
    b.click(".hits a").await;
    b.path_matches(|p| p == path).await;
    b.text_contains("[data-testid=posting-details]", "容量保持率90%").await;
    let owner_panel = b.client.find(fantoccini::Locator::Css("[data-testid=owner-panel]")).await;
    assert!(owner_panel.is_err(), "the lab does not get the owner's controls");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lab_drafts_and_edits_a_capability_and_opens_a_scenario_through_the_forms() {
    let server = Server::start().await;
    let lab = server.user("lab@example.com", false).await;
    server.verified_org(lab, shared::orgs::OrgKind::Lab, "之江电化学实验室").await;
    let b = Browser::start(1280, 1200).await;
    log_in(&b, &server, "lab@example.com", "/capabilities/new").await;

    // A capability saved as a draft: private, with the owner's controls.
    b.fill("#f-title_zh", "固态电解质界面表征平台").await;
    b.fill("#f-summary_zh", "提供固态电池界面原位表征与失效分析服务").await;
    b.select("#f-capability_kind", "facility").await;
    b.click("input[name=domains][value=advanced_energy]").await;
    b.fill("#f-trl", "7").await;
    b.select("#f-ip_status", "granted").await;
    b.fill("#f-patents", "ZL202310001234.5，ZL202310005678.9").await;
    b.click("input[name=modes][value=service]").await;
    b.click("input[name=negotiable]").await;
    b.click("[data-testid=save-posting]").await;
    let path = b.path_matches(|p| p.starts_with("/capabilities/") && p[14..].parse::<i64>().is_ok()).await;
    b.text_contains("[data-testid=posting-status]", "草稿").await;
    b.text_contains("main", "ZL202310005678.9").await;
    b.text_contains("main", "面议").await;

    // Editing starts from the saved values.
    b.click("[data-testid=edit-posting]").await;
    b.path_matches(|p| p == format!("{path}/edit")).await;
    let trl = b.el("#f-trl").await.prop("value").await.unwrap().unwrap_or_default();
    assert_eq!(trl, "7", "the form holds the saved TRL");
    b.fill("#f-title_zh", "固态电解质界面原位表征平台").await;
    b.click("[data-testid=save-posting]").await;
    b.path_matches(|p| p == path).await;
    b.text_contains("[data-testid=posting-title]", "固态电解质界面原位表征平台").await;

    // Any verified organization opens a scenario; it needs an application deadline.
    b.client.goto(&server.url("/scenarios/new")).await.unwrap();
    b.fill("#f-title_zh", "实验室中试线开放验证").await;
    b.fill("#f-summary_zh", "开放中试线用于固态电池工艺验证").await;
    b.select("#f-category", "future_factory").await;
    b.click("input[name=domains][value=advanced_energy]").await;
    b.fill("#f-site", "钱塘区中试基地").await;
    b.fill("#f-seeks", "固态电池干法电极工艺").await;
    b.click("input[name=offers][value=site]").await;
    b.click("[data-testid=save-posting]").await;
    b.text_contains("#f-deadline-error", "").await;
    b.set_value("#f-deadline", "2099-03-31").await;
    b.click("[data-testid=save-and-submit]").await;
    b.path_matches(|p| p.starts_with("/scenarios/") && p[11..].parse::<i64>().is_ok()).await;
    b.text_contains("[data-testid=posting-status]", "待审核").await;

    // My postings lists both, in their states.
    b.click("[data-testid=user-name]").await;
    b.click("[data-testid=my-postings]").await;
    b.click(".tabs .tab:nth-child(2)").await;
    b.text_contains(".cards", "固态电解质界面原位表征平台").await;
    b.text_contains(".cards [data-testid=card-status]", "草稿").await;
    b.click(".tabs .tab:nth-child(3)").await;
    b.text_contains(".cards", "实验室中试线开放验证").await;
    let (kinds,): (i64,) =
        sql::query_as("SELECT COUNT(DISTINCT kind) FROM postings").fetch_one(&server.state.db).await.unwrap();
    assert_eq!(kinds, 2);
    b.close().await;
}
