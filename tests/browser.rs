//! Browser tests: headless Chromium against the real built frontend and a real server.

use backend::db::sql;
use e2e::{Browser, PASSWORD, Server};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn register_reload_create_organization_switch_to_english_and_log_out() {
    let server = Server::start().await;
    let b = Browser::start(1280, 900).await;

    // Register.
    b.client.goto(&server.url("/register")).await.unwrap();
    b.fill("#f-display_name", "林晓").await;
    b.fill("#f-email", "lin.xiao@example.com").await;
    b.fill("#f-password", PASSWORD).await;
    b.click("form button[type=submit]").await;
    b.path_matches(|p| p == "/my/orgs").await;
    b.text_contains("[data-testid=user-name]", "林晓").await;

    // A reload keeps the session (HttpOnly cookie, /api/v1/me on start).
    b.client.refresh().await.unwrap();
    b.text_contains("[data-testid=user-name]", "林晓").await;

    // Until the emailed link is followed, a banner says so.
    b.text_contains("[data-testid=verify-banner]", "lin.xiao@example.com").await;
    follow_verification_link(&b, &server, "lin.xiao@example.com").await;
    b.path_matches(|p| p == "/").await;
    assert!(b.client.find(fantoccini::Locator::Css("[data-testid=verify-banner]")).await.is_err(), "verified");

    // Create an organization.
    b.client.goto(&server.url("/orgs/new")).await.unwrap();
    b.fill("#f-name_zh", "杭州星河量子科技有限公司").await;
    b.fill("#f-name_en", "Hangzhou Xinghe Quantum").await;
    b.click("input[name=domains][value=quantum]").await;
    b.click("form button[type=submit]").await;
    let path = b.path_matches(|p| p.starts_with("/orgs/") && p[6..].parse::<i64>().is_ok()).await;
    b.text_contains("[data-testid=org-name]", "杭州星河量子科技有限公司").await;
    b.text_contains("main", "量子科技").await;
    b.look_at("org-profile-zh").await;
    let id: i64 = path[6..].parse().unwrap();
    let (name,): (String,) = sql::query_as("SELECT name_zh FROM organizations WHERE id = $1")
        .bind(id)
        .fetch_one(&server.state.db)
        .await
        .unwrap();
    assert_eq!(name, "杭州星河量子科技有限公司", "the organization is in the database");

    // Switch to English: the interface, names and labels change.
    b.text_contains(".site-nav", "需求").await;
    b.click("[data-testid=lang-switch]").await;
    b.text_contains(".site-nav", "Demands").await;
    b.text_contains("[data-testid=org-name]", "Hangzhou Xinghe Quantum").await;
    b.text_contains("main", "Quantum technology").await;
    b.look_at("org-profile-en").await;
    // Remembered for the user: after a reload it is still English.
    b.client.refresh().await.unwrap();
    b.text_contains(".site-nav", "Capabilities").await;
    let (locale,): (String,) = sql::query_as("SELECT locale FROM users WHERE email = 'lin.xiao@example.com'")
        .fetch_one(&server.state.db)
        .await
        .unwrap();
    assert_eq!(locale, "en");

    // Log out: the header offers login again, and a reload does not bring the session back.
    b.click("[data-testid=user-name]").await;
    b.click("[data-testid=logout]").await;
    b.text_contains(".header-tools", "Log in").await;
    b.client.refresh().await.unwrap();
    b.text_contains(".header-tools", "Log in").await;
    let (sessions,): (i64,) = sql::query_as("SELECT COUNT(*) FROM sessions").fetch_one(&server.state.db).await.unwrap();
    assert_eq!(sessions, 0, "logout deleted the session on the server");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forms_show_shared_rule_errors_before_submitting_and_server_errors_inline() {
    let server = Server::start().await;
    let b = Browser::start(390, 844).await; // a phone-sized viewport

    b.client.goto(&server.url("/register")).await.unwrap();
    b.fill("#f-display_name", "测试").await;
    b.fill("#f-email", "not-an-email").await;
    b.fill("#f-password", "short").await;
    b.click("form button[type=submit]").await;
    b.text_contains("#f-email-error", "请输入有效的邮箱地址").await;
    b.text_contains("#f-password-error", "密码至少需要 10 个字符").await;
    let (users,): (i64,) = sql::query_as("SELECT COUNT(*) FROM users").fetch_one(&server.state.db).await.unwrap();
    assert_eq!(users, 0, "nothing was sent to the server");
    b.look_at("register-errors-phone").await;

    // A server-side refusal (duplicate email) shows inline too.
    let pool = &server.state.db;
    let email = shared::validate::Email::parse("taken@example.com").unwrap();
    let pw = shared::validate::Password::parse(PASSWORD).unwrap();
    backend::accounts::store::create_or_promote_admin(pool, &email, &pw).await.unwrap();
    b.fill("#f-email", "taken@example.com").await;
    b.fill("#f-password", PASSWORD).await;
    b.click("form button[type=submit]").await;
    b.text_contains(".form-error", "该邮箱已注册").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_pages_show_the_404_page_and_deep_links_load() {
    let server = Server::start().await;
    let b = Browser::start(1280, 900).await;
    b.client.goto(&server.url("/no/such/page")).await.unwrap();
    b.text_contains("main h1", "页面不存在").await;
    b.client.goto(&server.url("/dashboard")).await.unwrap();
    b.text_contains("main", "2026").await;
    b.client.goto(&server.url("/")).await.unwrap();
    b.text_contains("main", "生成式人工智能").await;
    b.look_at("home-zh").await;
    b.close().await;
}

/// The wasm files the page has fetched so far (names only).
/// Opens the verification link of the newest email to `email` (as the user would from their
/// inbox), waits for the confirmation and follows "continue".
async fn follow_verification_link(b: &Browser, server: &Server, email: &str) {
    let (text,): (String,) = sql::query_as("SELECT body FROM outbox WHERE to_email = $1 ORDER BY id DESC LIMIT 1")
        .bind(email)
        .fetch_one(&server.state.db)
        .await
        .unwrap();
    let link = text.split_whitespace().find(|w| w.contains("/verify-email?token=")).expect("a verification link");
    let link = link.replacen(&server.state.config.site_url(), &server.url(""), 1);
    b.client.goto(&link).await.unwrap();
    b.click("[data-testid=verify-confirm]").await;
    b.text_contains("[data-testid=verify-done]", "邮箱已验证").await;
    b.click("[data-testid=verify-continue]").await;
}

async fn fetched_wasm(b: &Browser) -> Vec<String> {
    b.js("return performance.getEntriesByType('resource').map(e => e.name).filter(n => n.endsWith('.wasm')).map(n => n.split('/').pop())")
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_home_page_loads_only_the_shell_and_each_area_fetches_its_module_when_first_shown() {
    let server = Server::start().await;
    let b = Browser::start(1280, 900).await;
    b.client.goto(&server.url("/")).await.unwrap();
    b.text_contains("main", "生成式人工智能").await;
    let first = fetched_wasm(&b).await;
    assert_eq!(first, ["frontend_bg.wasm"], "the home page needs only the main module");

    b.click("a[href='/events']").await;
    b.text_contains("main h1", "活动").await;
    let after = fetched_wasm(&b).await;
    assert!(after.iter().any(|n| n.starts_with("split_events_")), "{after:?}");
    assert!(!after.iter().any(|n| n.starts_with("split_market_")), "{after:?}");

    b.click("a[href='/demands']").await;
    b.el(".filters-postings").await;
    assert!(fetched_wasm(&b).await.iter().any(|n| n.starts_with("split_market_")));
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_owner_invites_by_link_and_the_invitee_joins_after_registering() {
    let server = Server::start().await;
    let b = Browser::start(1280, 900).await;

    // The owner registers and creates an organization.
    b.client.goto(&server.url("/register")).await.unwrap();
    b.fill("#f-display_name", "周总").await;
    b.fill("#f-email", "zhou@example.com").await;
    b.fill("#f-password", PASSWORD).await;
    b.click("form button[type=submit]").await;
    b.path_matches(|p| p == "/my/orgs").await;
    follow_verification_link(&b, &server, "zhou@example.com").await;
    b.client.goto(&server.url("/orgs/new")).await.unwrap();
    b.fill("#f-name_zh", "钱塘细胞工厂有限公司").await;
    b.click("form button[type=submit]").await;
    let path = b.path_matches(|p| p.starts_with("/orgs/") && p[6..].parse::<i64>().is_ok()).await;

    // Invite a colleague from the members page; the link is shown once.
    b.client.goto(&server.url(&format!("{path}/members"))).await.unwrap();
    b.fill("#f-email", "wu@example.com").await;
    b.click("form button[type=submit]").await;
    let link = b.text_contains("[data-testid=invite-link]", "/invitations/").await;
    b.text_contains("main", "wu@example.com").await; // now among the pending invitations
    b.click("[data-testid=user-name]").await;
    b.click("[data-testid=logout]").await;
    b.text_contains(".header-tools", "登录").await;

    // The invitee opens the link, registers, comes back and accepts.
    b.client.goto(link.trim()).await.unwrap();
    b.text_contains("main", "钱塘细胞工厂有限公司").await;
    b.click("main a.btn-primary").await; // log in first
    b.path_matches(|p| p == "/login").await;
    b.click("main form p a").await; // no account yet: register, keeping the way back
    b.path_matches(|p| p == "/register").await;
    b.fill("#f-display_name", "吴工").await;
    b.fill("#f-email", "wu@example.com").await;
    b.fill("#f-password", PASSWORD).await;
    b.click("form button[type=submit]").await;
    let invitation = b.path_matches(|p| p.starts_with("/invitations/")).await;
    // Not before the address is verified: the page says why, the banner how.
    b.click("main button.btn-primary").await;
    b.text_contains("main [role=alert]", "请先验证邮箱").await;
    b.text_contains("[data-testid=verify-banner]", "wu@example.com").await;
    b.look_at("invitation-needs-verified-email").await;
    // The link in the email verifies the address and leads back to the invitation.
    follow_verification_link(&b, &server, "wu@example.com").await;
    b.path_matches(|p| p == invitation).await;
    b.click("main button.btn-primary").await;
    b.path_matches(|p| p == path).await;
    b.text_contains("main", "成员管理").await; // members see the members link

    let (n,): (i64,) = sql::query_as("SELECT COUNT(*) FROM memberships").fetch_one(&server.state.db).await.unwrap();
    assert_eq!(n, 2, "the invitee is now a member");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_site_admin_verifies_an_organization_from_the_admin_console() {
    let server = Server::start().await;
    let pool = &server.state.db;
    let pw = shared::validate::Password::parse(PASSWORD).unwrap();
    let admin = shared::validate::Email::parse("admin@example.com").unwrap();
    backend::accounts::store::create_or_promote_admin(pool, &admin, &pw).await.unwrap();
    let owner = shared::validate::Email::parse("owner@example.com").unwrap();
    backend::accounts::store::create_or_promote_admin(pool, &owner, &pw).await.unwrap();
    sql::query("UPDATE users SET is_admin = FALSE WHERE email = 'owner@example.com'").execute(pool).await.unwrap();
    let mut conn = pool.acquire().await.unwrap();
    let tax = backend::taxonomy::store::load(&mut conn).await.unwrap();
    let input = shared::orgs::OrgInput {
        name_zh: "临平新材料研究院".into(),
        subtype: Some("research_institute".into()),
        ..shared::orgs::OrgInput::empty(shared::orgs::OrgKind::Lab)
    };
    let profile = input.parse(&tax, 2026).unwrap();
    let (owner_id,): (i64,) =
        sql::query_as("SELECT id FROM users WHERE email = 'owner@example.com'").fetch_one(&mut conn).await.unwrap();
    let org_id = backend::orgs::store::insert(&mut conn, &profile, owner_id).await.unwrap();
    drop(conn);

    let b = Browser::start(1280, 900).await;
    b.client.goto(&server.url("/login?next=/admin")).await.unwrap();
    b.fill("#f-email", "admin@example.com").await;
    b.fill("#f-password", PASSWORD).await;
    b.click("form button[type=submit]").await;
    b.path_matches(|p| p == "/admin").await;
    // The console opens on what waits: one organization to verify, counted in the menu too.
    b.text_contains("[data-testid=console-overview]", "组织认证").await;
    b.text_contains("[data-testid=console-orgs] [data-testid=console-count]", "1").await;
    b.look_at("admin-console").await;
    b.click("[data-testid=console-orgs]").await;
    b.path_matches(|p| p == "/admin/orgs").await;
    b.text_contains("[data-testid=admin-orgs]", "临平新材料研究院").await;
    let next = b.el(".pager button:last-child").await.text().await.unwrap();
    assert_eq!(next.trim(), "下一页", "the pager renders its label, nothing else");
    b.click("[data-testid=admin-orgs] button").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        let (verified,): (Option<String>,) = sql::query_as("SELECT verified_at FROM organizations WHERE id = $1")
            .bind(org_id)
            .fetch_one(pool)
            .await
            .unwrap();
        if verified.is_some() {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the organization was never verified");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    // Nothing waits any more.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while b
        .js::<bool>("return !!document.querySelector('[data-testid=console-orgs] [data-testid=console-count]')")
        .await
    {
        assert!(std::time::Instant::now() < deadline, "the count stayed");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    // The audit log says it in words: who (by name, their account a click away), what, to which
    // organization (linked), the change field by field, in China time; the raw record folds away.
    b.click("[data-testid=console-audit]").await;
    b.path_matches(|p| p == "/admin/audit").await;
    b.text_contains("[data-testid=audit-action]", "认证机构").await;
    b.text_contains("[data-testid=audit-target] a", "临平新材料研究院").await;
    let href: String = b.js("return document.querySelector('[data-testid=audit-target] a').getAttribute('href')").await;
    assert_eq!(href, format!("/orgs/{org_id}"));
    let actor: String = b.js("return document.querySelector('[data-testid=audit-actor] a').getAttribute('href')").await;
    assert_eq!(actor, "/admin/users?q=admin%40example.com");
    let changes = b.text_contains("[data-testid=audit-changes]", "→").await;
    assert!(!changes.contains('{'), "no raw JSON in the change: {changes}");
    let raw_open: bool = b.js("return document.querySelector('[data-testid=audit-entry] details').open").await;
    assert!(!raw_open, "the raw record is folded away");
    b.look_at("admin-audit").await;
    b.click("[data-testid=audit-actor] a").await;
    b.path_matches(|p| p == "/admin/users").await;
    b.text_contains("[data-testid=admin-user]", "admin@example.com").await;
    // The profile now shows the badge to everyone.
    b.client.goto(&server.url(&format!("/orgs/{org_id}"))).await.unwrap();
    b.text_contains("main .badge-ok", "已认证").await;
    b.close().await;
}

/// Publishes one demand straight through the store (the browse and search test needs no form).
async fn published_demand(server: &Server) -> i64 {
    let pool = &server.state.db;
    let pw = shared::validate::Password::parse(PASSWORD).unwrap();
    let owner = shared::validate::Email::parse("ent@example.com").unwrap();
    backend::accounts::store::create_or_promote_admin(pool, &owner, &pw).await.unwrap();
    let mut conn = pool.acquire().await.unwrap();
    let tax = backend::taxonomy::store::load(&mut conn).await.unwrap();
    let org = shared::orgs::OrgInput {
        name_zh: "钱塘储能科技有限公司".into(),
        ..shared::orgs::OrgInput::empty(shared::orgs::OrgKind::Enterprise)
    };
    let org_id = backend::orgs::store::insert(&mut conn, &org.parse(&tax, 2026).unwrap(), 1).await.unwrap();
    backend::orgs::store::set_verified(&mut conn, org_id, Some(1)).await.unwrap();
    let input: shared::market::PostingInput = serde_json::from_value(serde_json::json!({
        "kind": "demand", "title_zh": "固态电池电解质界面稳定性攻关", "title_en": "Solid-state electrolyte interface stability",
        "summary_zh": "寻求固态电池电解质界面改性方案", "details_zh": "循环寿命1000次以上", "domains": ["advanced_energy"],
        "keywords": ["固态电池"], "deadline": "2099-01-01", "demand_type": "tech_problem", "trl": 6, "budget_min": 200, "budget_max": 500
    }))
    .unwrap();
    let today = backend::db::now().date();
    let id = backend::market::store::insert(&mut conn, org_id, 1, &input.parse(&tax, today).unwrap()).await.unwrap();
    let row = backend::market::store::row(&mut conn, id).await.unwrap().unwrap();
    backend::market::store::set_status(
        &mut conn,
        &row,
        shared::market::PostingAction::Approve,
        shared::market::PostingStatus::Published,
        Some(1),
        None,
    )
    .await
    .unwrap();
    drop(conn);
    backend::market::ops::sync_published(&server.state, &[id]).await.unwrap();
    id
}

/// The document's title and meta description, once the title is `title` (or after 10 s).
async fn head(b: &Browser, title: &str) -> (String, String) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let found: (String, String) =
            b.js("return [document.title, document.querySelector('meta[name=description]').content]").await;
        if found.0 == title || std::time::Instant::now() > deadline {
            return found;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// The layout shift of this page load so far (the sum of Chromium's `layout-shift` entries not
/// caused by input): how far visible content moved while the page filled in.
async fn layout_shift(b: &Browser) -> f64 {
    b.js("return new Promise(done => { \
            const o = new PerformanceObserver(list => { o.disconnect(); \
              done(list.getEntries().filter(e => !e.hadRecentInput).reduce((s, e) => s + e.value, 0)); }); \
            o.observe({type: 'layout-shift', buffered: true}); \
            setTimeout(() => { o.disconnect(); done(0); }, 1000); })")
        .await
}

/// The requests of this page load that answered 400 or more (Chromium reports each response's status).
async fn failed_requests(b: &Browser) -> Vec<String> {
    b.js("return performance.getEntriesByType('resource').filter(e => e.responseStatus >= 400).map(e => e.responseStatus + ' ' + e.name)")
        .await
}

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

/// The template's demands sheet filled with `rows` (one cell per heading, by heading), as a file.
fn filled_template(template: &[u8], rows: &[&[(&str, &str)]], dir: &std::path::Path, name: &str) -> std::path::PathBuf {
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::Xlsx::new(std::io::Cursor::new(template.to_vec())).unwrap();
    let range = book.worksheet_range("技术需求").unwrap();
    let heads: Vec<String> = range.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("技术需求").unwrap();
    for (c, h) in heads.iter().enumerate() {
        ws.write_string(0, c as u16, h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (head, value) in row.iter() {
            let c = heads.iter().position(|h| h == head).unwrap_or_else(|| panic!("no column {head} in {heads:?}"));
            ws.write_string(r as u32 + 1, c as u16, *value).unwrap();
        }
    }
    let path = dir.join(name);
    wb.save(&path).unwrap();
    path
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
async fn signing_in_from_a_posting_returns_to_it_and_a_person_without_an_organization_is_shown_the_way() {
    let server = Server::start().await;
    let demand = published_demand(&server).await;
    server.user("wang@example.com", false).await;
    let page = format!("/demands/{demand}");
    let b = Browser::start(1280, 900).await;
    b.client.goto(&server.url(&page)).await.unwrap();
    b.text_contains("h1", "固态电池电解质界面稳定性攻关").await;
    let href: String =
        b.js("return document.querySelector('[data-testid=login-to-request]').getAttribute('href')").await;
    assert_eq!(href, format!("/login?next=%2Fdemands%2F{demand}"));
    b.click("[data-testid=login-to-request]").await;
    b.path_matches(|p| p == "/login").await;
    // The header's links on the sign-in page keep where to return, registering included.
    let register: String = b.js("return document.querySelector('a[href^=\"/register\"]').getAttribute('href')").await;
    assert!(register.contains("next=%2Fdemands%2F"), "registering returns to the posting too: {register}");
    b.fill("#f-email", "wang@example.com").await;
    b.fill("#f-password", PASSWORD).await;
    b.click("form button[type=submit]").await;
    b.path_matches(|p| p == page).await;
    b.text_contains("[data-testid=request-no-org]", "先创建您的组织").await;
    b.click("[data-testid=request-panel] a[href=\"/orgs/new\"]").await;
    b.path_matches(|p| p == "/orgs/new").await;
    b.close().await;
}

async fn log_in(b: &Browser, server: &Server, email: &str, next: &str) {
    b.client.goto(&server.url(&format!("/login?next={next}"))).await.unwrap();
    b.fill("#f-email", email).await;
    b.fill("#f-password", PASSWORD).await;
    b.click("form button[type=submit]").await;
    b.path_matches(|p| p == next).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_in_never_sends_the_browser_to_another_site_whatever_next_says() {
    let server = Server::start().await;
    server.user("zhang@example.com", false).await;
    let b = Browser::start(1280, 900).await;
    for next in [
        "/%5Cevil.example",
        "/%09/evil.example",
        "/%0A/evil.example",
        "/%5C%5Cevil.example/",
        "//evil.example",
        "/..//evil.example",
        "https://evil.example/",
        "javascript:alert(1)",
    ] {
        b.client.delete_all_cookies().await.unwrap();
        b.client.goto(&server.url(&format!("/login?next={next}"))).await.unwrap();
        b.fill("#f-email", "zhang@example.com").await;
        b.fill("#f-password", PASSWORD).await;
        b.click("form button[type=submit]").await;
        b.el("[data-testid=user-name]").await;
        let mut url = b.client.current_url().await.unwrap();
        for _ in 0..150 {
            if url.path() != "/login" || url.host_str() != Some("127.0.0.1") {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            url = b.client.current_url().await.unwrap();
        }
        assert_eq!(url.host_str(), Some("127.0.0.1"), "next={next} left the site: {url}");
        assert_eq!(url.path(), "/", "next={next} goes home: {url}");
    }
    // A path of the site is where signing in returns to.
    b.client.delete_all_cookies().await.unwrap();
    log_in(&b, &server, "zhang@example.com", "/events").await;
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

/// Inserts and publishes a posting for `org_id` straight through the store.
async fn publish(server: &Server, org_id: i64, posting: serde_json::Value) -> i64 {
    let mut conn = server.state.db.acquire().await.unwrap();
    let tax = backend::taxonomy::store::load(&mut conn).await.unwrap();
    let input: shared::market::PostingInput = serde_json::from_value(posting).unwrap();
    let today = backend::db::now().date();
    let draft = input.parse(&tax, today).unwrap();
    let id = backend::market::store::insert(&mut conn, org_id, 1, &draft).await.unwrap();
    let row = backend::market::store::row(&mut conn, id).await.unwrap().unwrap();
    let (action, status) = (shared::market::PostingAction::Approve, shared::market::PostingStatus::Published);
    backend::market::store::set_status(&mut conn, &row, action, status, None, None).await.unwrap();
    drop(conn);
    backend::market::ops::sync_published(&server.state, &[id]).await.unwrap();
    id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_founder_posts_what_the_company_raises_and_asks_the_three_parties_of_a_bundle_in_one_step() {
    let server = Server::start().await;
    let ent = server.user("ent@example.com", false).await;
    server.verified_org(ent, shared::orgs::OrgKind::Enterprise, "钱塘储能科技有限公司").await;
    let lab = server.user("lab@example.com", false).await;
    let lab_org = server.verified_org(lab, shared::orgs::OrgKind::Lab, "之江电化学实验室").await;
    let park = server.user("park@example.com", false).await;
    let park_org = server.verified_org(park, shared::orgs::OrgKind::Enterprise, "临平储能产业园").await;
    let vc = server.user("vc@example.com", false).await;
    let vc_org = server.verified_org(vc, shared::orgs::OrgKind::Investor, "湖畔新能源创投").await;
    publish(
        &server,
        lab_org,
        serde_json::json!({
            "kind": "capability", "title_zh": "固态电解质界面改性中试平台", "summary_zh": "固态电池界面改性与中试验证",
            "domains": ["advanced_energy"], "keywords": ["固态电池"], "district": "qiantang",
            "capability_kind": "poc_service", "trl": 7, "ip_status": "granted", "modes": ["service"], "negotiable": true
        }),
    )
    .await;
    publish(&server, park_org, serde_json::json!({
        "kind": "scenario", "title_zh": "园区储能站固态电池示范", "summary_zh": "开放园区储能站试点固态电池模组",
        "domains": ["advanced_energy"], "keywords": ["固态电池"], "district": "qiantang", "deadline": "2099-01-01",
        "category": "future_factory", "site": "临平园区储能站", "seeks": "固态电池模组", "offers": ["site"], "slots": 1
    }))
    .await;
    publish(
        &server,
        vc_org,
        serde_json::json!({
            "kind": "mandate", "title_zh": "固态电池与储能早期投资", "summary_zh": "投资固态电池材料与储能系统",
            "domains": ["advanced_energy"], "keywords": ["固态电池"], "fund_type": "vc", "stages": ["series_a"],
            "ticket_min": 1000, "ticket_max": 5000, "districts": ["qiantang"]
        }),
    )
    .await;
    let b = Browser::start(1280, 1400).await;

    // A funding demand asks for the amount raised; the round may be left to matching.
    log_in(&b, &server, "ent@example.com", "/demands/new").await;
    b.fill("#f-title_zh", "固态电池模组A轮融资").await;
    b.fill("#f-summary_zh", "固态电池模组已通过车规测试，A轮融资用于建设中试线").await;
    b.select("#f-demand_type", "funding").await;
    b.click("input[name=domains][value=advanced_energy]").await;
    b.fill("#f-keywords", "固态电池").await;
    b.select("#f-district", "qiantang").await;
    b.fill("#f-trl", "6").await;
    b.click("[data-testid=save-and-submit]").await;
    b.text_contains("#f-amount_sought-error", "").await;
    b.fill("#f-amount_sought", "3000").await;
    b.select("#f-round", "series_a").await;
    b.click("[data-testid=save-and-submit]").await;
    let path = b.path_matches(|p| p.starts_with("/demands/") && p[9..].parse::<i64>().is_ok()).await;
    let demand: i64 = path[9..].parse().unwrap();
    let (amount, spec): (Option<i64>, String) = sql::query_as("SELECT amount_min, spec FROM postings WHERE id = $1")
        .bind(demand)
        .fetch_one(&server.state.db)
        .await
        .unwrap();
    assert_eq!(amount, Some(3000), "the amount raised is the demand's money");
    assert!(spec.contains("\"round\":\"series_a\""), "{spec}");
    {
        let mut conn = server.state.db.acquire().await.unwrap();
        let row = backend::market::store::row(&mut conn, demand).await.unwrap().unwrap();
        let (action, status) = (shared::market::PostingAction::Approve, shared::market::PostingStatus::Published);
        backend::market::store::set_status(&mut conn, &row, action, status, None, None).await.unwrap();
    }
    backend::market::ops::sync_published(&server.state, &[demand]).await.unwrap();

    // Its page shows the raise, and a bundle naming each party's organization.
    b.client.goto(&server.url(&path)).await.unwrap();
    b.text_contains("[data-testid=posting-facts]", "A轮").await;
    b.text_contains("[data-testid=bundle]", "之江电化学实验室").await;
    b.text_contains("[data-testid=bundle]", "临平储能产业园").await;
    b.text_contains("[data-testid=bundle]", "湖畔新能源创投").await;

    // One step to ask all three: the lab's cooperation mode is chosen, not assumed.
    b.click("[data-testid=bundle-request]").await;
    b.fill(
        "[data-testid=bundle-request-form] #f-message",
        "我们的固态电池模组需要中试、试点和A轮资金，想与三方一起推进",
    )
    .await;
    b.click("[data-testid=send-bundle-request]").await;
    b.text_contains("#f-capability_proposal-error", "").await;
    b.select("#f-capability_proposal", "joint_development").await;
    b.click("[data-testid=send-bundle-request]").await;
    b.text_contains("[data-testid=bundle-request-done]", "已向3方发送对接请求").await;
    b.look_at("bundle-request").await;
    let sent: Vec<(i64, String, Option<i64>)> =
        sql::query_as("SELECT to_org, proposal, source_id FROM engagements ORDER BY to_org")
            .fetch_all(&server.state.db)
            .await
            .unwrap();
    let mut expected = vec![
        (lab_org, "joint_development".to_owned(), Some(demand)),
        (park_org, "pilot".to_owned(), Some(demand)),
        (vc_org, "investment".to_owned(), Some(demand)),
    ];
    expected.sort();
    assert_eq!(sent, expected);
    b.close().await;
}

/// An enterprise's published demand (固态电池电解质界面稳定性攻关…) and a lab's published capability
/// that fits it (固态电解质界面改性中试平台): (demand, capability). Owners: ent@ and lab@example.com.
async fn demand_and_fitting_capability(server: &Server) -> (i64, i64) {
    let ent = server.user("ent@example.com", false).await;
    let ent_org = server.verified_org(ent, shared::orgs::OrgKind::Enterprise, "钱塘储能科技有限公司").await;
    let lab = server.user("lab@example.com", false).await;
    let lab_org = server.verified_org(lab, shared::orgs::OrgKind::Lab, "之江电化学实验室").await;
    let demand = publish(
        server,
        ent_org,
        serde_json::json!({
            "kind": "demand", "title_zh": "固态电池电解质界面稳定性攻关与中试验证",
            "summary_zh": "寻求固态电池电解质界面改性方案，要求零下二十度循环一千次容量保持率不低于百分之八十",
            "domains": ["advanced_energy"], "keywords": ["固态电池", "电解质"], "district": "qiantang",
            "deadline": "2099-01-01", "demand_type": "tech_problem", "trl": 6, "budget_min": 200, "budget_max": 500
        }),
    )
    .await;
    let capability = publish(
        server,
        lab_org,
        serde_json::json!({
            "kind": "capability", "title_zh": "固态电解质界面改性中试平台", "summary_zh": "固态电池界面改性与中试验证",
            "domains": ["advanced_energy"], "keywords": ["固态电池"], "district": "qiantang",
            "capability_kind": "poc_service", "trl": 4, "ip_status": "granted", "modes": ["service"], "negotiable": true
        }),
    )
    .await;
    (demand, capability)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_demand_shows_its_matches_with_reasons_and_its_owner_saves_one() {
    let server = Server::start().await;
    let (demand, capability) = demand_and_fitting_capability(&server).await;
    let b = Browser::start(1280, 1400).await;

    // Anyone sees the matches of a published demand, with the reasons and what held it back.
    b.client.goto(&server.url(&format!("/demands/{demand}"))).await.unwrap();
    b.text_contains("[data-testid=match]", "固态电解质界面改性中试平台").await;
    b.text_contains("[data-testid=match-reasons]", "领域一致：先进能源").await;
    b.text_contains("[data-testid=match-reasons]", "共同关键词：固态电池").await;
    b.text_contains("[data-testid=match-reasons]", "同属钱塘区").await;
    b.text_contains("[data-testid=match] .held-back", "成熟度TRL4低于需求TRL6").await;
    let score: u32 = b.el("[data-testid=match-score]").await.text().await.unwrap().trim().parse().unwrap();
    assert!((1..=100).contains(&score));
    // The breakdown reads as points that add up to the score, with a legend and each factor in words.
    b.click("[data-testid=match-factors] summary").await;
    let breakdown = b.text_contains("[data-testid=match-factors]", "相加即为匹配度").await;
    let points: u32 =
        breakdown.lines().filter_map(|l| l.split(" / ").next()?.split_whitespace().last()?.parse::<u32>().ok()).sum();
    assert_eq!(points, score, "the factors' points add up to the score shown: {breakdown}");
    assert!(breakdown.contains("完全符合") && !breakdown.contains('×'), "{breakdown}");
    assert!(
        b.client.find(fantoccini::Locator::Css("[data-testid=match-save]")).await.is_err(),
        "no feedback for visitors"
    );
    b.look_at("demand-matches").await;

    // The demand's owner saves it.
    log_in(&b, &server, "ent@example.com", &format!("/demands/{demand}")).await;
    b.click("[data-testid=match-save]").await;
    b.text_contains("[data-testid=match-save]", "已收藏").await;
    let (action,): (String,) =
        sql::query_as("SELECT action FROM match_feedback WHERE source_id = $1 AND candidate_id = $2")
            .bind(demand)
            .bind(capability)
            .fetch_one(&server.state.db)
            .await
            .unwrap();
    assert_eq!(action, "save");

    // The owner's feed offers it too, for the demand it fits.
    b.click("[data-testid=user-name]").await;
    b.click("[data-testid=nav-feed]").await;
    b.text_contains("[data-testid=feed]", "固态电解质界面改性中试平台").await;
    b.text_contains("[data-testid=feed]", "固态电池电解质界面稳定性攻关").await;
    b.client.goto(&server.url(&format!("/demands/{demand}"))).await.unwrap();

    // In English the reasons follow.
    b.click("[data-testid=lang-switch]").await;
    b.text_contains("[data-testid=match-reasons]", "Same field: Advanced energy").await;

    // The path to contact: from the match straight to the request form, sent for the demand.
    b.click("[data-testid=match-request]").await;
    b.path_matches(|p| p == format!("/capabilities/{capability}")).await;
    b.fill("#f-message", "Our demand fits your platform; can we talk?").await;
    // No mode is chosen for the person: sending without one names the field and sends nothing.
    b.click("[data-testid=send-request]").await;
    b.text_contains("#f-proposal-error", "required").await;
    b.select("#f-proposal", "license").await;
    b.click("[data-testid=send-request]").await;
    b.path_matches(|p| p.starts_with("/engagements/")).await;
    let (source,): (Option<i64>,) = sql::query_as("SELECT source_id FROM engagements WHERE posting_id = $1")
        .bind(capability)
        .fetch_one(&server.state.db)
        .await
        .unwrap();
    assert_eq!(source, Some(demand), "the request remembers the demand it came from");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lab_requests_cooperation_the_enterprise_accepts_and_they_exchange_messages() {
    let server = Server::start().await;
    let ent = server.user("ent@example.com", false).await;
    let ent_org = server.verified_org(ent, shared::orgs::OrgKind::Enterprise, "钱塘储能科技有限公司").await;
    sql::query("UPDATE organizations SET contact_phone = '0571-8888 6666' WHERE id = $1")
        .bind(ent_org)
        .execute(&server.state.db)
        .await
        .unwrap();
    let lab = server.user("lab@example.com", false).await;
    server.verified_org(lab, shared::orgs::OrgKind::Lab, "之江电化学实验室").await;
    let demand = publish(&server, ent_org, serde_json::json!({
        "kind": "demand", "title_zh": "固态电池电解质界面稳定性攻关", "summary_zh": "寻求固态电池电解质界面改性方案",
        "domains": ["advanced_energy"], "keywords": ["固态电池"], "district": "qiantang",
        "deadline": "2099-01-01", "demand_type": "tech_problem", "trl": 6, "budget_min": 200, "budget_max": 500
    }))
    .await;

    // The lab asks, from the demand's page.
    let lab_b = Browser::start(1280, 1200).await;
    log_in(&lab_b, &server, "lab@example.com", &format!("/demands/{demand}")).await;
    lab_b.click("[data-testid=open-request]").await;
    lab_b.select("#f-proposal", "joint_development").await;
    lab_b.fill("#f-message", "我们的界面改性平台可提升循环寿命，希望联合开发。").await;
    lab_b.click("[data-testid=send-request]").await;
    let path = lab_b.path_matches(|p| p.starts_with("/engagements/")).await;
    lab_b.text_contains("[data-testid=engagement-state]", "待回复").await;
    lab_b.text_contains("[data-testid=contacts]", "对方接受申请后").await;
    lab_b.text_contains("[data-testid=expires]", "如未回复，这条申请将于").await;

    // The enterprise, in its own browser, finds it on its board and accepts.
    let ent_b = Browser::start(1280, 1200).await;
    log_in(&ent_b, &server, "ent@example.com", "/engagements").await;
    ent_b.text_contains("[data-testid=board]", "之江电化学实验室").await;
    // The bell says so too, and its notification leads to the request.
    ent_b.text_contains("[data-testid=bell-count]", "1").await;
    ent_b.click("[data-testid=bell]").await;
    ent_b
        .text_contains("[data-testid=notification]", "之江电化学实验室申请就「固态电池电解质界面稳定性攻关」与你对接")
        .await;
    ent_b.click("[data-testid=notification] a").await;
    assert_eq!(ent_b.path_matches(|p| p.starts_with("/engagements/")).await, path);
    ent_b.text_contains("[data-testid=request-message]", "希望联合开发").await;
    ent_b.click("[data-testid=accept]").await;
    ent_b.text_contains("[data-testid=engagement-state]", "洽谈中").await;
    ent_b.text_contains("[data-testid=contacts]", "lab@example.com").await;
    ent_b.fill("#f-body", "收到，欢迎下周来访。").await;
    ent_b.click("[data-testid=send-message]").await;
    ent_b.text_contains("[data-testid=conversation]", "欢迎下周来访").await;
    // The conversation comes before the deal controls; each message says when, to the minute;
    // the header's link says where it leads.
    let first: bool = ent_b
        .js("return !!(document.querySelector('[data-testid=conversation]').compareDocumentPosition(\
             document.querySelector('[data-testid=stage-panel]')) & Node.DOCUMENT_POSITION_FOLLOWING)")
        .await;
    assert!(first, "the conversation comes first");
    let when = ent_b.text_contains("[data-testid=message] time", ":").await;
    assert!(when.len() >= "2026-12-05 10:00".len(), "date and time of day: {when}");
    ent_b.text_contains("[data-testid=engagement-posting]", "查看所涉发布").await;

    // The lab sees the contacts and the reply, and answers with a PDF.
    lab_b.client.goto(&server.url(&path)).await.unwrap();
    lab_b.text_contains("[data-testid=contacts]", "0571-8888 6666").await;
    lab_b.text_contains("[data-testid=conversation]", "欢迎下周来访").await;
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("测试报告.pdf");
    std::fs::write(&pdf, b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n").unwrap();
    lab_b.fill("#f-body", "附上测试报告。").await;
    lab_b.el("#attachment").await.send_keys(&pdf.display().to_string()).await.unwrap();
    lab_b.click("[data-testid=send-message]").await;
    lab_b.text_contains("[data-testid=attachment]", "测试报告.pdf").await;
    lab_b.look_at("engagement-conversation").await;

    // Unread for the enterprise until it opens the conversation.
    ent_b.client.goto(&server.url("/engagements")).await.unwrap();
    ent_b.text_contains("[data-testid=unread]", "1").await;
    ent_b.click("[data-testid=engagement-card] a").await;
    ent_b.text_contains("[data-testid=conversation]", "附上测试报告").await;
    ent_b.text_contains("[data-testid=attachment]", "测试报告.pdf").await;

    // Either side can report the other to the site admins.
    ent_b.click("[data-testid=safety] summary").await;
    ent_b.fill("#f-report_reason", "测试举报").await;
    ent_b.click("[data-testid=report]").await;
    ent_b.text_contains("[data-testid=safety]", "已提交举报").await;
    let (reason,): (String,) =
        sql::query_as("SELECT reason FROM abuse_reports").fetch_one(&server.state.db).await.unwrap();
    assert_eq!(reason, "测试举报");
    lab_b.close().await;
    ent_b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lab_applies_to_an_open_call_the_owner_selects_it_and_an_objection_is_answered_in_public() {
    let server = Server::start().await;
    let ent = server.user("ent@example.com", false).await;
    let ent_org = server.verified_org(ent, shared::orgs::OrgKind::Enterprise, "钱塘储能科技有限公司").await;
    let lab = server.user("lab@example.com", false).await;
    server.verified_org(lab, shared::orgs::OrgKind::Lab, "之江电化学实验室").await;
    let demand = publish(
        &server,
        ent_org,
        serde_json::json!({
            "kind": "demand", "title_zh": "固态电池界面揭榜挂帅", "summary_zh": "面向全国揭榜固态电池界面稳定性难题",
            "domains": ["advanced_energy"], "keywords": ["固态电池"], "district": "qiantang",
            "deadline": "2099-01-01", "demand_type": "tech_problem", "trl": 6, "budget_min": 200, "budget_max": 500,
            "open_call": {"reward": 500, "application_deadline": "2099-01-01"}
        }),
    )
    .await;

    // The lab applies from the call's page.
    let lab_b = Browser::start(1280, 1400).await;
    log_in(&lab_b, &server, "lab@example.com", &format!("/demands/{demand}")).await;
    lab_b.fill("#f-solution", "原位聚合界面改性，循环1200次容量保持92%").await;
    lab_b.fill("#f-team", "15人，含4名教授").await;
    lab_b.fill("#f-budget", "450").await;
    lab_b.fill("#f-timeline", "12个月完成中试").await;
    lab_b.click("[data-testid=submit-application]").await;
    lab_b.text_contains("[data-testid=application-status]", "已提交").await;

    // After the deadline the owner selects it and publishes the result.
    sql::query(
        "UPDATE postings SET spec = json_set(spec, '$.open_call.application_deadline', '2026-01-01') WHERE id = $1",
    )
    .bind(demand)
    .execute(&server.state.db)
    .await
    .unwrap();
    let ent_b = Browser::start(1280, 1400).await;
    log_in(&ent_b, &server, "ent@example.com", &format!("/demands/{demand}")).await;
    ent_b.text_contains("[data-testid=application]", "原位聚合界面改性").await;
    ent_b.click("[data-testid=choose-winner]").await;
    ent_b.fill("#f-rationale", "指标领先，团队具备中试经验").await;
    ent_b.click("[data-testid=select-winners]").await;
    let notice = ent_b.path_matches(|p| p.starts_with("/notices/")).await;
    ent_b.text_contains("[data-testid=notice-winners]", "之江电化学实验室").await;
    ent_b.text_contains("[data-testid=notice-status]", "公示中").await;

    // Anyone signed in may object during the notice period; the owner answers in public.
    lab_b.client.goto(&server.url(&notice)).await.unwrap();
    lab_b.fill("#f-grounds", "请公开评审专家名单").await;
    lab_b.click("[data-testid=file-objection]").await;
    lab_b.text_contains("[data-testid=objections]", "请公开评审专家名单").await;
    ent_b.client.goto(&server.url(&notice)).await.unwrap();
    ent_b.fill("#f-objection_answer", "专家名单将随结果一并公布").await;
    ent_b.click("[data-testid=answer-objection]").await;
    ent_b.text_contains("[data-testid=objections]", "专家名单将随结果一并公布").await;
    ent_b.look_at("notice").await;
    // The public list shows it to visitors too.
    let visitor = Browser::start(1280, 900).await;
    visitor.client.goto(&server.url("/notices")).await.unwrap();
    visitor.text_contains("[data-testid=notices]", "固态电池界面揭榜挂帅").await;
    visitor.close().await;
    lab_b.close().await;
    ent_b.close().await;
}

/// Signs `host@example.com` in, creates an event of `seats` seats with one ticket type 普通 of as
/// many through the forms, and returns its page path.
async fn create_event(b: &Browser, server: &Server, title: &str, seats: u32, kind: &str) -> String {
    log_in(b, server, "host@example.com", "/events").await;
    b.click("[data-testid=new-event]").await;
    b.select("#f-event_type", kind).await;
    b.fill("#f-title_zh", title).await;
    b.fill("#f-description_zh", "一对一对接，名额有限").await;
    b.fill("#f-venue", "云栖小镇国际会展中心").await;
    b.set_value("#f-starts_at", "2099-05-01T09:00").await;
    b.set_value("#f-ends_at", "2099-05-01T17:00").await;
    b.fill("#f-capacity", &seats.to_string()).await;
    b.click("[data-testid=create-event]").await;
    let page = b.path_matches(|p| p.starts_with("/events/") && p != "/events/new").await;
    b.fill("#f-name_zh", "普通").await;
    b.fill("#f-quota", &seats.to_string()).await;
    b.click("[data-testid=add-ticket-type]").await;
    b.text_contains("[data-testid=ticket-types]", "普通").await;
    page
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organizer_opens_an_event_one_seat_fills_and_the_waiting_attendee_takes_the_freed_seat() {
    let server = Server::start().await;
    let host = server.user("host@example.com", false).await;
    server.verified_org(host, shared::orgs::OrgKind::Organizer, "杭州市未来产业促进中心").await;
    server.user("a@example.com", false).await;
    server.user("b@example.com", false).await;

    // The organizer creates the event and a ticket type with one seat.
    let host_b = Browser::start(1280, 1400).await;
    let page = create_event(&host_b, &server, "未来产业对接会（小范围）", 1, "forum").await;

    // The first attendee gets the seat, the second waits.
    let a = Browser::start(1280, 1200).await;
    log_in(&a, &server, "a@example.com", &page).await;
    a.click("[data-testid=register-submit]").await;
    a.text_contains("[data-testid=registration-status]", "已确认").await;
    // Cancelled by mistake while nobody waits: undone, the seat is theirs again.
    a.click("[data-testid=cancel-registration]").await;
    a.click("[data-testid=cancel-registration-yes]").await;
    a.text_contains("[data-testid=cancelled-undo]", "可撤销").await;
    a.click("[data-testid=undo-cancel]").await;
    a.text_contains("[data-testid=registration-status]", "已确认").await;
    let b = Browser::start(1280, 1200).await;
    log_in(&b, &server, "b@example.com", &page).await;
    b.click("[data-testid=register-submit]").await;
    b.text_contains("[data-testid=registration-status]", "候补中").await;

    // The first cancels, after being told the seat goes to the waiting list (going back changes
    // nothing); the seat is offered to the second, who takes it.
    a.click("[data-testid=cancel-registration]").await;
    a.text_contains("[data-testid=cancel-registration-ask]", "让给下一位").await;
    a.click("[data-testid=cancel-registration-no]").await;
    a.text_contains("[data-testid=registration-status]", "已确认").await;
    a.click("[data-testid=cancel-registration]").await;
    a.click("[data-testid=cancel-registration-yes]").await;
    a.el("[data-testid=register-submit]").await;
    // Somebody was waiting: the seat was offered at once, so there is nothing to undo.
    let undo_shown: bool = a.js("return !!document.querySelector('[data-testid=undo-cancel]')").await;
    assert!(!undo_shown, "no undo once the seat is offered on");
    b.client.goto(&server.url(&page)).await.unwrap();
    b.text_contains("[data-testid=registration-status]", "候补转正待确认").await;
    b.click("[data-testid=accept-offer]").await;
    b.text_contains("[data-testid=registration-status]", "已确认").await;
    host_b.client.goto(&server.url(&page)).await.unwrap();
    host_b.text_contains("[data-testid=registrations]", "已确认").await;
    host_b.look_at("event").await;
    // In Chinese the punctuation is full-width; in English the description and the venue, typed
    // only in Chinese, are marked as Chinese.
    let free = host_b.text_contains("[data-testid=ticket-types]", "剩余名额：").await;
    assert!(!free.contains("剩余名额:"), "{free}");
    host_b.click("[data-testid=lang-switch]").await;
    host_b.text_contains("[data-testid=event-description] [data-testid=in-chinese]", "中文").await;
    host_b.text_contains("[data-testid=event-venue] [data-testid=in-chinese]", "中文").await;
    host_b.text_contains("[data-testid=ticket-types]", "Seats left: ").await;
    host_b.click("[data-testid=lang-switch]").await;
    for browser in [a, b, host_b] {
        browser.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_my_registration_panel_shows_each_viewer_only_their_own_registration() {
    use reqwest::{Method, StatusCode};
    let server = Server::start().await;
    let host = server.user("host@example.com", false).await;
    let org = server.verified_org(host, shared::orgs::OrgKind::Organizer, "杭州市未来产业促进中心").await;
    let attendee = server.user("zhangming@example.com", false).await;
    let door = server.user("door@example.com", false).await;
    server.user("admin@example.com", true).await;
    let host_cookie = server.session_cookie(host).await;
    let event = serde_json::json!({"org_id": org, "title_zh": "2027杭州未来产业国际论坛", "description_zh": "聚焦5+X未来产业",
        "event_type": "forum", "venue": "杭州国际博览中心", "starts_at": "2099-04-01T01:00:00Z",
        "ends_at": "2099-04-01T09:00:00Z", "domains": ["gen_ai"], "capacity": 50});
    let (status, e) = server.api(&host_cookie, Method::POST, "/api/v1/events", Some(event)).await;
    assert_eq!(status, StatusCode::CREATED, "{e}");
    let id = e["id"].as_i64().unwrap();
    let ticket = serde_json::json!({"name_zh": "普通", "quota": 50, "approval": false});
    let (_, t) =
        server.api(&host_cookie, Method::POST, &format!("/api/v1/events/{id}/ticket-types"), Some(ticket)).await;
    let staff = serde_json::json!({"email": "door@example.com", "role": "checkin"});
    let (status, _) = server.api(&host_cookie, Method::POST, &format!("/api/v1/events/{id}/staff"), Some(staff)).await;
    assert_eq!(status, StatusCode::OK);
    let door_cookie = server.session_cookie(door).await;
    let (status, _) = server.api(&door_cookie, Method::POST, &format!("/api/v1/events/{id}/staff/accept"), None).await;
    assert_eq!(status, StatusCode::OK);
    let reg = serde_json::json!({"ticket_type": t["id"], "people": ["张明"]});
    let attendee_cookie = server.session_cookie(attendee).await;
    let (status, _) =
        server.api(&attendee_cookie, Method::POST, &format!("/api/v1/events/{id}/registrations"), Some(reg)).await;
    assert_eq!(status, StatusCode::CREATED);
    let page = format!("/events/{id}");

    let b = Browser::start(1280, 1200).await;
    // A visitor sees the event, and nobody's registration.
    b.client.goto(&server.url(&page)).await.unwrap();
    b.text_contains("h1", "2027杭州未来产业国际论坛").await;
    assert!(b.client.find(fantoccini::Locator::Css("[data-testid=registration-status]")).await.is_err());
    // The attendee sees their own ticket.
    log_in(&b, &server, "zhangming@example.com", &page).await;
    b.text_contains("[data-testid=register]", "张明").await;
    b.text_contains("[data-testid=registration-status]", "已确认").await;
    // The organizer, the door volunteer and a site admin each see a registration form of their own,
    // never 张明's ticket (the organizer finds 张明 in the list of registrations instead).
    for email in ["host@example.com", "door@example.com", "admin@example.com"] {
        b.client.delete_all_cookies().await.unwrap();
        log_in(&b, &server, email, &page).await;
        b.el("[data-testid=register-submit]").await;
        let panel = b.el("[data-testid=register]").await.text().await.unwrap();
        assert!(
            !panel.contains("张明") && !panel.contains("已确认"),
            "{email} sees someone else's registration: {panel}"
        );
        assert!(b.client.find(fantoccini::Locator::Css("[data-testid=cancel-registration]")).await.is_err(), "{email}");
        if email == "host@example.com" {
            b.text_contains("[data-testid=registrations]", "已确认").await;
            b.look_at("event-organizer-own-registration").await;
        }
    }
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unverified_organizer_keeps_an_event_as_a_draft_until_verified_then_publishes_it() {
    let server = Server::start().await;
    let host = server.user("host@example.com", false).await;
    let org = server.verified_org(host, shared::orgs::OrgKind::Organizer, "新成立的论坛主办方").await;
    let mut conn = server.state.db.acquire().await.unwrap();
    backend::orgs::store::set_verified(&mut conn, org, None).await.unwrap();
    drop(conn);

    let b = Browser::start(1280, 1400).await;
    let page = create_event(&b, &server, "尚未认证的论坛", 20, "forum").await;
    b.text_contains("[data-testid=event-draft]", "草稿").await;
    // Publishing needs a verified organization: the refusal says so, the event stays a draft.
    b.click("[data-testid=event-draft-publish]").await;
    b.text_contains("[data-testid=event-draft] [role=alert]", "认证").await;
    b.look_at("event-draft-refused").await;
    let v = Browser::start(1280, 900).await;
    v.client.goto(&server.url(&page)).await.unwrap();
    v.text_contains("main", "未找到").await;
    // Once verified, one click makes it public.
    let mut conn = server.state.db.acquire().await.unwrap();
    backend::orgs::store::set_verified(&mut conn, org, Some(host)).await.unwrap();
    drop(conn);
    b.click("[data-testid=event-draft-publish]").await;
    b.text_contains("[data-testid=ticket-types]", "普通").await;
    for _ in 0..50 {
        if b.client.find(fantoccini::Locator::Css("[data-testid=event-draft]")).await.is_err() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(b.client.find(fantoccini::Locator::Css("[data-testid=event-draft]")).await.is_err(), "published");
    v.client.goto(&server.url(&page)).await.unwrap();
    v.text_contains("[data-testid=event-title]", "尚未认证的论坛").await;
    for x in [b, v] {
        x.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn door_staff_check_tickets_in_warn_on_a_second_scan_undo_and_resend_scans_queued_offline() {
    let server = Server::start().await;
    let host = server.user("host@example.com", false).await;
    server.verified_org(host, shared::orgs::OrgKind::Organizer, "杭州市未来产业促进中心").await;
    server.user("a@example.com", false).await;
    server.user("door@example.com", false).await;

    // The organizer opens the event and names a check-in volunteer.
    let host_b = Browser::start(1280, 1400).await;
    let page = create_event(&host_b, &server, "2027杭州未来产业国际论坛", 5, "forum").await;
    host_b.fill("#f-email", "door@example.com").await;
    host_b.click("[data-testid=add-staff]").await;
    host_b.text_contains("[data-testid=staff]", "签到人员").await;
    host_b.fill("#f-label_zh", "职务").await;
    host_b.click("input[name=required]").await;
    host_b.click("[data-testid=add-question]").await;
    host_b.text_contains("[data-testid=questions]", "职务").await;

    // An attendee registers two people and gets a ticket each, printable.
    let a = Browser::start(1280, 1400).await;
    log_in(&a, &server, "a@example.com", &page).await;
    a.fill("#f-people", "张三\n李四").await;
    a.click("[data-testid=register-submit]").await;
    a.text_contains("[data-testid=question]", "此项为必填项").await;
    a.fill("[data-testid=question] input", "总工程师").await;
    a.click("[data-testid=register-submit]").await;
    a.text_contains("[data-testid=registration-status]", "已确认").await;
    a.text_contains("[data-testid=tickets]", "李四").await;
    let codes = a.client.find_all(fantoccini::Locator::Css("[data-testid=ticket-code]")).await.unwrap();
    assert_eq!(codes.len(), 2);
    let (first, second) = (codes[0].text().await.unwrap(), codes[1].text().await.unwrap());
    let qr_loaded = a
        .client
        .execute(
            "return [...document.querySelectorAll('.ticket-qr')].every(i => i.complete && i.naturalWidth > 0)",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(qr_loaded, serde_json::json!(true), "the QR images load");
    a.click("[data-testid=print-tickets]").await;
    a.text_contains("[data-testid=print-page]", "李四").await;

    // The volunteer accepts the role from the event's page; at the door: type the code, see who it
    // is; a second scan warns; undo works.
    let door = Browser::start(412, 900).await;
    log_in(&door, &server, "door@example.com", &page).await;
    door.text_contains("[data-testid=staff-invitation]", "签到人员").await;
    door.click("[data-testid=staff-accept]").await;
    door.el("[data-testid=open-checkin]").await;
    door.client.goto(&server.url(&format!("{page}/checkin"))).await.unwrap();
    door.text_contains("[data-testid=checkin-counts]", "已签到 0 / 应到 2").await;
    door.fill("#checkin-code", &first).await;
    door.click("[data-testid=checkin-submit]").await;
    door.text_contains("[data-testid=checkin-outcome]", "签到成功").await;
    door.text_contains("[data-testid=checkin-name]", "张三").await;
    door.text_contains("[data-testid=checkin-answer]", "总工程师").await;
    door.text_contains("[data-testid=checkin-counts]", "已签到 1 / 应到 2").await;
    door.click("[data-testid=checkin-undo]").await;
    door.el("[data-testid=checkin-undone]").await;
    door.text_contains("[data-testid=checkin-counts]", "已签到 0 / 应到 2").await;
    door.fill("#checkin-code", &first.to_lowercase()).await;
    door.click("[data-testid=checkin-submit]").await;
    door.text_contains("[data-testid=checkin-outcome]", "签到成功").await;
    door.fill("#checkin-code", &first).await;
    door.click("[data-testid=checkin-submit]").await;
    door.text_contains("[data-testid=checkin-outcome]", "已签到过").await;
    door.fill("#checkin-code", "R1-0-NOTATICKET").await;
    door.click("[data-testid=checkin-submit]").await;
    door.el("[data-testid=checkin-error]").await;

    // A scan made while offline waits in the browser and is sent when the page is back; sent
    // twice (the answer was lost), it still counts once.
    let event_id = page.trim_start_matches("/events/");
    let queue = format!(
        "const d = localStorage.getItem('fm-checkin-device'); localStorage.setItem('fm-checkin-queue-{event_id}', JSON.stringify([{{code: '{second}', device: d, nonce: 'offline-1'}}]))"
    );
    door.client.execute(&queue, vec![]).await.unwrap();
    door.client.refresh().await.unwrap();
    door.text_contains("[data-testid=checkin-name]", "李四").await;
    door.text_contains("[data-testid=checkin-counts]", "已签到 2 / 应到 2").await;
    door.client.execute(&queue, vec![]).await.unwrap();
    door.client.refresh().await.unwrap();
    door.text_contains("[data-testid=checkin-outcome]", "签到成功").await;
    door.text_contains("[data-testid=checkin-counts]", "已签到 2 / 应到 2").await;
    let left = door
        .client
        .execute(&format!("return localStorage.getItem('fm-checkin-queue-{event_id}')"), vec![])
        .await
        .unwrap();
    assert_eq!(left, serde_json::json!("[]"), "the queue is empty once sent");
    door.look_at("checkin").await;

    // The organizer's figures show the check-in rate; the Excel export downloads.
    host_b.client.goto(&server.url(&page)).await.unwrap();
    host_b.text_contains("[data-testid=checkin-rate]", "100% (2 / 2)").await;
    // … and a message to everyone registered reaches the attendee's notifications.
    host_b.fill("[data-testid=event-messages] #f-text", "请于8:30前到场签到").await;
    host_b.click("[data-testid=event-messages] [data-testid=preview-message]").await;
    host_b.text_contains("[data-testid=event-messages] [data-testid=preview-recipients]", "收件人：1 人").await;
    host_b.click("[data-testid=event-messages] [data-testid=send-message]").await;
    host_b.text_contains("[data-testid=message-recipients]", "已发送给 1 人").await;
    // The registrant table shows who came in.
    let row = host_b.text_contains("[data-testid=registrant]", "已确认").await;
    assert!(!row.contains(" 0 / "), "the check-ins show in the table: {row}");
    a.client.goto(&server.url("/notifications")).await.unwrap();
    a.text_contains("main", "请于8:30前到场签到").await;
    host_b.text_contains("[data-testid=figures]", "已确认").await;
    let xlsx = host_b
        .client
        .execute_async(
            "const done = arguments[0]; fetch(document.querySelector('[data-testid=export-xlsx]').href).then(r => done([r.status, r.headers.get('content-type')]))",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(xlsx, serde_json::json!([200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]));
    host_b.look_at("event-figures").await;
    for browser in [a, door, host_b] {
        browser.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invitee_follows_the_invitation_link_and_registers_with_its_code() {
    let server = Server::start().await;
    let host = server.user("host@example.com", false).await;
    server.verified_org(host, shared::orgs::OrgKind::Organizer, "杭州市未来产业促进中心").await;
    server.user("guest@example.com", false).await;

    // The organizer opens an invitation-only event and creates a code for one guest.
    let host_b = Browser::start(1280, 1400).await;
    log_in(&host_b, &server, "host@example.com", "/events").await;
    host_b.click("[data-testid=new-event]").await;
    host_b.fill("#f-title_zh", "未来产业闭门研讨会").await;
    host_b.fill("#f-description_zh", "仅限受邀嘉宾").await;
    host_b.fill("#f-venue", "之江实验室").await;
    host_b.set_value("#f-starts_at", "2099-06-01T09:00").await;
    host_b.set_value("#f-ends_at", "2099-06-01T12:00").await;
    host_b.fill("#f-capacity", "20").await;
    host_b.click("input[name=invitation_only]").await;
    host_b.click("[data-testid=create-event]").await;
    let page = host_b.path_matches(|p| p.starts_with("/events/") && p != "/events/new").await;
    host_b.fill("#f-name_zh", "嘉宾").await;
    host_b.fill("#f-quota", "20").await;
    host_b.click("[data-testid=add-ticket-type]").await;
    host_b.text_contains("[data-testid=ticket-types]", "嘉宾").await;
    host_b.fill("#f-label", "之江实验室").await;
    host_b.fill("#f-max_uses", "1").await;
    host_b.click("[data-testid=add-invitation]").await;
    let code = host_b.text_contains("[data-testid=invitation-code]", "").await;
    assert_eq!(code.len(), 10, "{code}");

    // Without the code the registration is refused; the link fills it in.
    let guest = Browser::start(1280, 1200).await;
    log_in(&guest, &server, "guest@example.com", &page).await;
    guest.fill("#f-invitation_code", "").await;
    guest.click("[data-testid=register-submit]").await;
    guest.text_contains("main", "此项为必填项").await;
    guest.client.goto(&server.url(&format!("{page}?code={code}"))).await.unwrap();
    guest.click("[data-testid=register-submit]").await;
    guest.text_contains("[data-testid=registration-status]", "已确认").await;
    host_b.client.refresh().await.unwrap();
    host_b.text_contains("[data-testid=invitations]", "1 / 1").await;
    for browser in [guest, host_b] {
        browser.close().await;
    }
}

/// A valid one-pixel PNG.
const PNG_1X1: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49,
    0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0, 0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d,
    0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn attendees_reserve_a_session_and_meet_at_a_matchmaking_event_the_organizer_schedules() {
    let server = Server::start().await;
    let host = server.user("host@example.com", false).await;
    server.verified_org(host, shared::orgs::OrgKind::Organizer, "杭州市未来产业促进中心").await;
    let ent = server.user("ent@example.com", false).await;
    let ent_org = server.verified_org(ent, shared::orgs::OrgKind::Enterprise, "钱塘储能科技有限公司").await;
    let lab = server.user("lab@example.com", false).await;
    let lab_org = server.verified_org(lab, shared::orgs::OrgKind::Lab, "之江电化学实验室").await;
    publish(&server, ent_org, serde_json::json!({
        "kind": "demand", "title_zh": "固态电池电解质界面稳定性攻关", "summary_zh": "寻求固态电池电解质界面改性方案",
        "domains": ["advanced_energy"], "keywords": ["固态电池", "电解质"], "district": "qiantang",
        "deadline": "2099-01-01", "demand_type": "tech_problem", "trl": 6, "budget_min": 200, "budget_max": 500
    }))
    .await;
    publish(
        &server,
        lab_org,
        serde_json::json!({
            "kind": "capability", "title_zh": "固态电解质界面改性中试平台", "summary_zh": "固态电池界面改性与中试验证",
            "domains": ["advanced_energy"], "keywords": ["固态电池"], "district": "qiantang",
            "capability_kind": "poc_service", "trl": 6, "ip_status": "granted", "modes": ["service"], "negotiable": true
        }),
    )
    .await;

    // The organizer creates the matchmaking event, gives it an English title and a cover image,
    // adds a session with one seat, and three meeting slots.
    let host_b = Browser::start(1280, 1600).await;
    let page = create_event(&host_b, &server, "固态电池供需对接会", 10, "matchmaking").await;
    host_b.click("[data-testid=edit-event]").await;
    host_b.path_matches(|p| p.ends_with("/edit")).await;
    host_b.fill("#f-title_en", "Solid-state battery matchmaking").await;
    host_b.click("[data-testid=create-event]").await;
    host_b.path_matches(|p| p == page).await;
    let cover = std::env::temp_dir().join(format!("fm-cover-{}.png", std::process::id()));
    std::fs::write(&cover, PNG_1X1).unwrap();
    host_b.el("#f-cover").await.send_keys(cover.to_str().unwrap()).await.unwrap();
    host_b.el("[data-testid=event-cover]").await;
    let (title_en,): (Option<String>,) =
        sql::query_as("SELECT title_en FROM events WHERE title_zh = '固态电池供需对接会'")
            .fetch_one(&server.state.db)
            .await
            .unwrap();
    assert_eq!(title_en.as_deref(), Some("Solid-state battery matchmaking"));
    host_b.fill("#f-title_zh", "闭门研讨：固态电池中试").await;
    host_b.fill("#f-room", "A1 会议室").await;
    host_b.fill("#f-speakers", "ent@example.com\n王研究员").await;
    host_b.fill("#f-capacity", "1").await;
    host_b.click("[data-testid=add-session-submit]").await;
    host_b.text_contains("[data-testid=session]", "闭门研讨：固态电池中试").await;
    host_b.text_contains("[data-testid=session-speakers]", "王研究员").await;
    // The speaker typed as an email is invited, shown to the organizers by that address.
    host_b.text_contains("[data-testid=speaker-invited]", "ent@example.com").await;
    host_b.look_at("event-agenda").await;
    host_b.click("[data-testid=open-meetings]").await;
    host_b.path_matches(|p| p.ends_with("/meetings")).await;
    host_b.fill("#f-tables", "2").await;
    host_b.set_value("#f-slots", "2099-05-01T13:00").await;
    host_b.fill("#f-count", "3").await;
    host_b.click("[data-testid=save-setup]").await;
    host_b.text_contains("[data-testid=meeting-setup]", "13:50–14:10").await;

    // Both register; the enterprise takes the session's one seat.
    let e = Browser::start(1280, 1600).await;
    log_in(&e, &server, "ent@example.com", &page).await;
    e.select("#f-org_id", &ent_org.to_string()).await;
    e.click("[data-testid=register-submit]").await;
    e.text_contains("[data-testid=registration-status]", "已确认").await;
    e.click("[data-testid=session-join]").await;
    e.text_contains("[data-testid=session-joined]", "已预约").await;
    // Invited to speak, the enterprise's representative accepts, and is named from then on.
    e.text_contains("[data-testid=speaker-invitation]", "您受邀在此环节演讲").await;
    e.click("[data-testid=speaker-accept]").await;
    e.text_contains("[data-testid=session-speakers]", "ent").await;
    assert!(e.client.find(fantoccini::Locator::Css("[data-testid=speaker-invitation]")).await.is_err());
    e.text_contains("[data-testid=session-seats]", "剩余 0 / 1 座").await;
    let l = Browser::start(1280, 1600).await;
    log_in(&l, &server, "lab@example.com", &page).await;
    l.select("#f-org_id", &lab_org.to_string()).await;
    l.click("[data-testid=register-submit]").await;
    l.text_contains("[data-testid=registration-status]", "已确认").await;
    l.text_contains("[data-testid=session]", "已满").await;

    // The enterprise marks its free slots and asks the best-matched attendee, the lab, to meet.
    e.click("[data-testid=open-meetings]").await;
    e.text_contains("[data-testid=counterpart]", "之江电化学实验室").await;
    e.text_contains("[data-testid=counterpart] .reasons", "固态电池").await;
    let score: u32 = e.el("[data-testid=counterpart-score]").await.text().await.unwrap().trim().parse().unwrap();
    assert!(score > 0);
    e.click("[data-testid=slot-choice]").await;
    e.click("[data-testid=meeting-availability] .slot-choice:nth-child(2) input").await;
    e.click("[data-testid=save-availability]").await;
    e.el("[data-testid=availability-saved]").await;
    e.fill("#f-message", "想就固态电池中试合作交流").await;
    e.click("[data-testid=request-meeting]").await;
    e.text_contains("[data-testid=counterpart-status]", "待回复").await;

    // The lab, free in the second and third slots, accepts.
    l.click("[data-testid=open-meetings]").await;
    l.click("[data-testid=meeting-availability] .slot-choice:nth-child(2) input").await;
    l.click("[data-testid=meeting-availability] .slot-choice:nth-child(3) input").await;
    l.click("[data-testid=save-availability]").await;
    l.el("[data-testid=availability-saved]").await;
    l.text_contains("[data-testid=meeting-request]", "想就固态电池中试合作交流").await;
    l.click("[data-testid=request-accept]").await;
    l.text_contains("[data-testid=request-status]", "已接受").await;

    // The organizer schedules: the one slot both are free in, table 1.
    host_b.click("[data-testid=run-schedule]").await;
    host_b.text_contains("[data-testid=schedule-report]", "已排定 1 / 1 场").await;
    // The run reads as an average score and a duration a person understands, never "0 毫秒".
    let report = host_b.text_contains("[data-testid=schedule-report]", "平均匹配分").await;
    assert!(report.contains("用时") && !report.contains("用时 0 毫秒"), "{report}");
    host_b.text_contains("[data-testid=plan-row]", "13:25–13:45").await;
    e.client.refresh().await.unwrap();
    e.text_contains("[data-testid=agenda-meeting]", "之江电化学实验室").await;
    e.text_contains("[data-testid=agenda-meeting]", "13:25–13:45").await;
    e.text_contains("[data-testid=agenda-table]", "1").await;
    e.el("[data-testid=agenda-ics]").await;
    e.look_at("meeting-area").await;

    // The badge sheet: one badge per confirmed attendee.
    host_b.client.goto(&server.url(&page)).await.unwrap();
    host_b.click("[data-testid=open-badges]").await;
    host_b.text_contains("[data-testid=badge-page]", "钱塘储能科技有限公司").await;
    let badges = host_b.client.find_all(fantoccini::Locator::Css("[data-testid=badge]")).await.unwrap();
    assert_eq!(badges.len(), 2);
    host_b.look_at("badge-sheet").await;
    for b in [host_b, e, l] {
        b.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expert_applies_an_admin_approves_and_an_organizer_finds_them_in_the_pool() {
    let server = Server::start().await;
    server.user("prof@example.com", false).await;
    server.user("admin@example.com", true).await;
    let host = server.user("host@example.com", false).await;
    server.verified_org(host, shared::orgs::OrgKind::Organizer, "杭州市未来产业促进中心").await;

    // The expert applies; an empty field is named before anything is sent.
    let b = Browser::start(1280, 1400).await;
    log_in(&b, &server, "prof@example.com", "/experts").await;
    b.click("[data-testid=expert-submit]").await;
    b.text_contains(".field-error", "必填").await;
    b.click("input[name=domains][value=quantum]").await;
    b.fill("#f-keywords", "量子通信、量子计算").await;
    b.fill("#f-affiliation", "浙江大学").await;
    b.fill("#f-title", "教授").await;
    b.fill("#f-bio", "从事量子信息研究二十年。").await;
    b.fill("#f-conflict_names", "之江实验室").await;
    b.click("[data-testid=expert-submit]").await;
    b.text_contains("[data-testid=expert-status]", "待审核").await;
    assert!(
        b.client.find(fantoccini::Locator::Css("[data-testid=expert-search]")).await.is_err(),
        "only organizers search the pool"
    );

    // A site admin approves it from the console.
    let a = Browser::start(1280, 1400).await;
    log_in(&a, &server, "admin@example.com", "/admin/experts").await;
    a.text_contains("[data-testid=expert-review]", "浙江大学").await;
    a.click("[data-testid=expert-approve]").await;
    a.text_contains("[data-testid=expert-review]", "暂无待审核的申请").await;
    // The decision is in the audit log, whose hash chain holds.
    a.client.goto(&server.url("/admin/audit")).await.unwrap();
    a.text_contains("[data-testid=audit-entry]", "审核专家入库").await;
    a.text_contains("[data-testid=audit-intact]", "哈希链完整").await;
    a.client.goto(&server.url("/admin/users")).await.unwrap();

    // The organizer searches the pool by field.
    let o = Browser::start(1280, 1400).await;
    log_in(&o, &server, "host@example.com", "/experts").await;
    o.select("#f-domain", "quantum").await;
    o.click("[data-testid=expert-search-submit]").await;
    o.text_contains("[data-testid=expert]", "浙江大学").await;
    o.text_contains("[data-testid=expert]", "量子通信").await;
    o.look_at("expert-pool").await;
    b.client.refresh().await.unwrap();
    b.text_contains("[data-testid=expert-status]", "已入库").await;
    // The admin disables the account from the console: its session ends at once.
    a.fill("#f-user_q", "prof@example.com").await;
    a.click("[data-testid=user-search]").await;
    a.text_contains("[data-testid=admin-user]", "prof@example.com").await;
    a.click("[data-testid=user-disable]").await;
    a.text_contains("[data-testid=admin-user]", "已停用").await;
    b.client.refresh().await.unwrap();
    b.text_contains(".state", "登录后可申请加入专家库").await;
    for x in [b, a, o] {
        x.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_team_registers_and_submits_an_expert_judges_it_and_the_organizer_publishes_the_results() {
    let server = Server::start().await;
    let host = server.user("host@example.com", false).await;
    server.verified_org(host, shared::orgs::OrgKind::Organizer, "杭州市未来产业促进中心").await;
    server.user("lead@example.com", false).await;
    server.user("partner@example.com", false).await;
    let judge = server.user("judge@example.com", false).await;
    {
        let mut conn = server.state.db.acquire().await.unwrap();
        let input = shared::experts::ExpertInput {
            kind: shared::experts::ExpertKind::Investor,
            domains: vec!["gen_ai".into()],
            keywords: vec!["大模型".into()],
            affiliation: "西湖创投".into(),
            title: "合伙人".into(),
            bio: "专注人工智能早期投资。".into(),
            conflict_orgs: vec![],
            conflict_names: vec![],
        };
        let id = backend::experts::store::upsert(&mut conn, judge, &input, backend::db::now()).await.unwrap();
        let approved = shared::experts::ExpertStatus::Approved;
        backend::experts::store::review(&mut conn, id, approved, None, host, backend::db::now()).await.unwrap();
    }

    // The organizer sets the competition up: one track, one stage, the default rubric, one judge each.
    let o = Browser::start(1280, 1800).await;
    log_in(&o, &server, "host@example.com", "/competitions/new").await;
    o.fill("#f-title_zh", "未来产业创新创业大赛").await;
    o.fill("#f-description_zh", "面向5+X领域的创新创业项目。").await;
    o.fill("#f-eligibility_zh", "在杭注册的初创企业或团队。").await;
    o.select("[data-testid=tracks] select", "gen_ai").await;
    o.fill("[data-testid=tracks] input[type=text]", "人工智能赛道").await;
    o.click("[data-testid=stages] .row-fields:last-of-type button").await;
    o.set_value("#stage-0-deadline", "2099-06-30T17:00").await;
    o.fill("#f-judges_per_entry", "1").await;
    o.text_contains("[data-testid=weight-sum]", "100").await;
    o.click("[data-testid=save-competition]").await;
    let page = o.path_matches(|p| p.starts_with("/competitions/") && !p.ends_with("/new")).await;
    o.text_contains("[data-testid=rubric-table]", "技术创新性").await;
    // Its organizer gets the organizer's view, not the entry form.
    o.text_contains("[data-testid=organizer-view]", "主办方").await;
    let form: bool = o.js("return !!document.querySelector('[data-testid=register-team]')").await;
    assert!(!form, "no entry form for the competition's own organizer");

    // A team registers and submits its summary and business plan; the sign-in button brings the
    // leader back to the competition.
    let t = Browser::start(1280, 1600).await;
    t.client.goto(&server.url(&page)).await.unwrap();
    t.click("[data-testid=login-to-compete]").await;
    t.path_matches(|p| p == "/login").await;
    log_in(&t, &server, "lead@example.com", &page).await;
    t.fill("#f-team_name", "西溪智能").await;
    t.fill("#f-members", "partner@example.com").await;
    t.click("[data-testid=register-team-submit]").await;
    t.text_contains("[data-testid=my-team]", "西溪智能").await;
    t.fill("#f-summary", "基于大模型的工业质检平台，已在三家工厂试点。").await;
    t.click("[data-testid=save-submission]").await;
    t.text_contains("[data-testid=submission]", "工业质检").await;
    let pdf = std::env::temp_dir().join(format!("fm-plan-{}.pdf", std::process::id()));
    std::fs::write(&pdf, b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n").unwrap();
    t.el("[data-testid=plan-file]").await.send_keys(pdf.to_str().unwrap()).await.unwrap();
    t.text_contains("[data-testid=plan-link]", "fm-plan").await;
    t.look_at("competition-team").await;
    // The partner listed on the team is asked, joins, and is on it from then on.
    let p = Browser::start(390, 1200).await;
    log_in(&p, &server, "partner@example.com", &page).await;
    p.text_contains("[data-testid=team-invitation]", "西溪智能").await;
    p.look_at("competition-team-invitation-phone").await;
    p.click("[data-testid=team-accept]").await;
    p.text_contains("[data-testid=my-team]", "西溪智能").await;
    p.text_contains("[data-testid=team-members]", "已加入").await;
    p.close().await;

    // Submissions close; the organizer forms the panel, assigns and releases.
    sql::query("UPDATE competition_stages SET deadline = '2026-01-01T00:00:00Z'")
        .execute(&server.state.db)
        .await
        .unwrap();
    o.client.refresh().await.unwrap();
    o.click("[data-testid=panel-picker] summary").await;
    o.click("[data-testid=panel-expert]").await;
    o.click("[data-testid=save-panel]").await;
    o.text_contains("[data-testid=panel-picker] summary", "(1)").await;
    o.text_contains("[data-testid=panel-status]", "待回复").await;

    // The expert is asked, not put on the panel: they accept from their judging page.
    let j = Browser::start(1280, 1600).await;
    log_in(&j, &server, "judge@example.com", "/judging").await;
    j.text_contains("[data-testid=panel-invitation]", "未来产业创新创业大赛").await;
    j.click("[data-testid=panel-accept]").await;
    j.text_contains("[data-testid=panel-invitation]", "已接受").await;
    o.client.refresh().await.unwrap();
    o.click("[data-testid=assign-judges]").await;
    o.text_contains("[data-testid=assignment]", "西溪智能").await;
    // The fit reads as a percentage per judge and entry; the team's stage by its name.
    o.text_contains("[data-testid=assignment-fit]", "平均专业匹配度").await;
    o.text_contains("[data-testid=assignment] td:last-child", "%").await;
    o.text_contains("[data-testid=team-table]", "初赛").await;
    o.click("[data-testid=release-stage]").await;
    o.text_contains("[data-testid=assignment-fit]", "已下发").await;

    // The expert judges it.
    j.client.refresh().await.unwrap();
    j.click("[data-testid=judge-entry]").await;
    j.text_contains("[data-testid=submission]", "工业质检").await;
    for (i, v) in ["8", "9", "7", "8", "6"].iter().enumerate() {
        j.fill(&format!("#f-score-{i}"), v).await;
    }
    j.click("[data-testid=save-score]").await;
    j.text_contains("[data-testid=score-saved]", "评分已保存").await;
    // 30·0.8 + 25·0.9 + 20·0.7 + 15·0.8 + 10·0.6 = 78.5
    j.text_contains("[data-testid=score-total]", "78.50").await;
    j.look_at("competition-score-sheet").await;

    // The organizer closes the stage and publishes the results; the certificate follows the notice.
    o.client.refresh().await.unwrap();
    o.text_contains("[data-testid=results]", "78.50").await;
    o.click("[data-testid=close-stage]").await;
    o.fill("#f-rationale", "经专家评审，按标准分排名。").await;
    o.click("[data-testid=publish-submit]").await;
    o.click("[data-testid=results-notice]").await;
    o.text_contains("[data-testid=notice-ranking]", "西溪智能").await;
    o.look_at("competition-notice").await;
    sql::query("UPDATE notices SET window_ends = '2026-01-01T00:00:00Z'").execute(&server.state.db).await.unwrap();
    backend::opencall::ops::close_windows(&server.state).await.unwrap();
    t.client.goto(o.client.current_url().await.unwrap().as_ref()).await.unwrap();
    t.click("[data-testid=certificate-link]").await;
    t.text_contains("[data-testid=certificate-body]", "西溪智能").await;
    t.look_at("competition-certificate").await;
    for x in [o, t, j] {
        x.close().await;
    }
}

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
async fn a_user_deletes_their_account_and_an_admin_sets_how_long_messages_and_logs_are_kept() {
    let server = Server::start().await;
    let pool = &server.state.db;
    server.user("admin@example.com", true).await;
    let leaving = server.user("leaving@example.com", false).await;
    let b = Browser::start(1280, 900).await;
    log_in(&b, &server, "leaving@example.com", "/account").await;
    // A wrong password is refused inline and nothing happens.
    b.fill("[data-testid=delete-account] #f-password", "not-my-password").await;
    b.click("[data-testid=delete-account-confirm]").await;
    b.text_contains("[data-testid=delete-account]", "密码不正确").await;
    b.fill("[data-testid=delete-account] #f-password", PASSWORD).await;
    b.click("[data-testid=delete-account-confirm]").await;
    b.path_matches(|p| p == "/").await;
    b.text_contains(".header-tools", "登录").await;
    let (email, name): (String, String) = sql::query_as("SELECT email, display_name FROM users WHERE id = $1")
        .bind(leaving)
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!((email.as_str(), name.as_str()), (format!("deleted-{leaving}@deleted.invalid").as_str(), ""));

    // The admin console lists the account as deleted and keeps personal data as long as set.
    log_in(&b, &server, "admin@example.com", "/admin/users").await;
    b.fill("#f-user_q", "deleted-").await;
    b.click("[data-testid=user-search]").await;
    b.text_contains("[data-testid=admin-user]", "已注销用户").await;
    b.client.goto(&server.url("/admin/retention")).await.unwrap();
    b.fill("#f-messages_days", "10").await;
    b.click("[data-testid=retention-save]").await;
    b.text_contains("[data-testid=admin-retention]", "超出允许范围").await;
    b.fill("#f-messages_days", "90").await;
    b.fill("#f-logs_days", "180").await;
    b.click("[data-testid=retention-save]").await;
    b.text_contains("[data-testid=admin-retention]", "已保存").await;
    b.click("[data-testid=retention-apply]").await;
    b.text_contains("[data-testid=retention-report]", "已删除").await;
    b.look_at("admin-retention").await;
    let (messages, logs): (Option<i64>, Option<i64>) =
        sql::query_as("SELECT messages_days, logs_days FROM retention").fetch_one(pool).await.unwrap();
    assert_eq!((messages, logs), (Some(90), Some(180)));
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

/// The widest element's right edge, for "nothing scrolls sideways" on a phone.
async fn page_width(b: &Browser) -> f64 {
    b.js("return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)").await
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

/// The API paths the page has fetched so far (resource timing), without the origin.
async fn fetched_api(b: &Browser) -> Vec<String> {
    b.js("return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname + new URL(e.name).search).filter(p => p.startsWith('/api/v1/'))")
        .await
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organizer_finds_approves_messages_and_exports_registrants_in_a_table_of_hundreds() {
    let server = Server::start().await;
    let host = server.user("host@example.com", false).await;
    server.verified_org(host, shared::orgs::OrgKind::Organizer, "杭州市未来产业促进中心").await;
    let b = Browser::start(1366, 1200).await;
    let page = create_event(&b, &server, "未来产业供需对接会", 300, "forum").await;
    let event: i64 = page.trim_start_matches("/events/").parse().unwrap();
    // Every registration waits for the organizer's approval; 120 people register.
    sql::query("UPDATE ticket_types SET approval = TRUE").execute(&server.state.db).await.unwrap();
    let (ticket,): (i64,) = sql::query_as("SELECT id FROM ticket_types").fetch_one(&server.state.db).await.unwrap();
    for (i, (_, cookie)) in server.many_users(120).await.iter().enumerate() {
        let body = serde_json::json!({"ticket_type": ticket, "people": [format!("参会人{i}")]});
        let (status, _) = server
            .api(cookie, reqwest::Method::POST, &format!("/api/v1/events/{event}/registrations"), Some(body))
            .await;
        assert_eq!(status, reqwest::StatusCode::CREATED);
    }

    // A table with its headings, 50 rows a page, the count of all.
    b.client.goto(&server.url(&page)).await.unwrap();
    b.text_contains("[data-testid=registrant-total]", "共 120 条报名").await;
    let head = b.text_contains("[data-testid=registrant-table] thead", "报名人").await;
    for column in ["机构", "票种", "报名时间", "签到"] {
        assert!(head.contains(column), "{column} in {head}");
    }
    let rows = b.client.find_all(fantoccini::Locator::Css("[data-testid=registrant]")).await.unwrap();
    assert_eq!(rows.len(), 50);
    // Search finds one person; a filter and a sort narrow and order.
    b.fill("[data-testid=registrant-search]", "参会人42\n").await;
    b.text_contains("[data-testid=registrant-total]", "共 1 条报名").await;
    b.text_contains("[data-testid=registrant]", "attendee42@example.com").await;
    b.fill("[data-testid=registrant-search]", "\n").await;
    b.text_contains("[data-testid=registrant-total]", "共 120 条报名").await;
    b.select("#f-registrant_sort", "oldest").await;
    b.text_contains("[data-testid=registrant]", "参会人0").await;

    // The whole first page approved at once, after saying what will happen.
    b.click("[data-testid=select-page]").await;
    b.text_contains("[data-testid=selected-count]", "已选 50 条").await;
    b.click("[data-testid=bulk-approve]").await;
    b.text_contains("[data-testid=bulk-approve-ask]", "全部通过").await;
    b.click("[data-testid=bulk-approve-yes]").await;
    b.text_contains("[data-testid=bulk-bar]", "已处理 50 条报名").await;
    b.select("#f-registrant_status", "pending").await;
    b.text_contains("[data-testid=registrant-total]", "共 70 条报名").await;

    // One person selected gets a message, previewed before it goes out through the outbox.
    b.click("[data-testid=registrant] [data-testid=select-registrant]").await;
    let export: String = b.js("return document.querySelector('[data-testid=bulk-export]').getAttribute('href')").await;
    assert!(export.contains("registrations.csv?ids="), "{export}");
    b.click("[data-testid=bulk-message]").await;
    b.fill("[data-testid=message-composer] textarea", "请补充单位信息后我们将尽快审核").await;
    b.click("[data-testid=preview-message]").await;
    b.text_contains("[data-testid=preview-recipients]", "收件人：1 人").await;
    b.text_contains("[data-testid=message-preview]", "请补充单位信息后我们将尽快审核").await;
    b.look_at("registrant-table").await;
    let (before,): (i64,) =
        sql::query_as("SELECT COUNT(*) FROM notifications").fetch_one(&server.state.db).await.unwrap();
    b.click("[data-testid=message-preview] [data-testid=send-message]").await;
    b.text_contains("[data-testid=message-sent]", "已发送给 1 人").await;
    let (after,): (i64,) =
        sql::query_as("SELECT COUNT(*) FROM notifications").fetch_one(&server.state.db).await.unwrap();
    assert_eq!(after, before + 1, "one person was told");
    b.close().await;
}
