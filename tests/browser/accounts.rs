//! Accounts and organizations: signing up and in, languages, invitations, the admin console, deleting an account.

use super::*;

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
    backend::accounts::create_or_promote_admin(pool, &email, &pw).await.unwrap();
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
    backend::accounts::create_or_promote_admin(pool, &admin, &pw).await.unwrap();
    let owner = shared::validate::Email::parse("owner@example.com").unwrap();
    backend::accounts::create_or_promote_admin(pool, &owner, &pw).await.unwrap();
    sql::query("UPDATE users SET is_admin = FALSE WHERE email = 'owner@example.com'").execute(pool).await.unwrap();
    let mut conn = pool.acquire().await.unwrap();
    let tax = backend::taxonomy::load(&mut conn).await.unwrap();
    let input = shared::orgs::OrgInput {
        name_zh: "临平新材料研究院".into(),
        subtype: Some("research_institute".into()),
        ..shared::orgs::OrgInput::empty(shared::orgs::OrgKind::Lab)
    };
    let profile = input.parse(&tax, 2026).unwrap();
    let (owner_id,): (i64,) =
        sql::query_as("SELECT id FROM users WHERE email = 'owner@example.com'").fetch_one(&mut conn).await.unwrap();
    let org_id = backend::orgs::insert(&mut conn, &profile, owner_id).await.unwrap();
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
    // Retention: messages kept 90 days, logs 180, applied at once; the report counts what went and
    // the page still works after it (the time of the run is the platform's).
    b.client.goto(&server.url("/admin/retention")).await.unwrap();
    b.fill("#f-messages_days", "90").await;
    b.fill("#f-logs_days", "180").await;
    b.click("[data-testid=retention-save]").await;
    b.text_contains("[data-testid=admin-retention] [role=status]", "已保存").await;
    b.click("[data-testid=retention-apply]").await;
    b.text_contains("[data-testid=retention-report]", "0").await;
    b.text_contains("[data-testid=admin-retention]", "上次执行：2").await;
    b.not_crashed().await;
    // The profile now shows the badge to everyone.
    b.client.goto(&server.url(&format!("/orgs/{org_id}"))).await.unwrap();
    b.text_contains("main .badge-ok", "已认证").await;
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
