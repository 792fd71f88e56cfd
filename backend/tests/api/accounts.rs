//! This file is long because it holds one test per account journey (sign-up, sign-in, throttling,
//! verification, export, erasure), each reading as a spec.

use reqwest::StatusCode;
use reqwest::header::{RETRY_AFTER, SET_COOKIE};
use serde_json::json;

use crate::helpers::{PASSWORD, body, error_code, spawn_app};
use backend::db::sql;

#[tokio::test]
async fn register_signs_in_and_me_returns_the_new_user() {
    let app = spawn_app().await;
    let c = app.client();
    let r = c
        .post(app.url("/api/v1/auth/register"))
        .json(&json!({"email": "Li.Lei@Example.com", "password": PASSWORD, "display_name": "李雷"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let cookie = r.headers()[SET_COOKIE].to_str().unwrap().to_owned();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");

    let me = body(c.get(app.url("/api/v1/me")).send().await.unwrap()).await;
    assert_eq!(me["email"], "li.lei@example.com");
    assert_eq!(me["display_name"], "李雷");
    assert_eq!(me["locale"], "zh-CN");
    assert_eq!(me["is_admin"], false);
}

#[tokio::test]
async fn session_token_is_stored_only_as_its_hash() {
    let app = spawn_app().await;
    let r = app
        .client()
        .post(app.url("/api/v1/auth/register"))
        .json(&json!({"email": "a@example.com", "password": PASSWORD, "display_name": "A"}))
        .send()
        .await
        .unwrap();
    let cookie = r.headers()[SET_COOKIE].to_str().unwrap();
    let token = cookie.split(';').next().unwrap().split_once('=').unwrap().1.to_owned();
    let stored: Vec<(String,)> =
        sql::query_as("SELECT token_hash FROM sessions").fetch_all(&app.state.db).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0].0, token);
    let pw: (String,) = sql::query_as("SELECT password_hash FROM users").fetch_one(&app.state.db).await.unwrap();
    assert!(pw.0.starts_with("$argon2id$"));
}

#[tokio::test]
async fn registering_an_email_twice_answers_409_whatever_its_case() {
    let app = spawn_app().await;
    app.user("wang@example.com", "王").await;
    let r = app
        .client()
        .post(app.url("/api/v1/auth/register"))
        .json(&json!({"email": "WANG@example.com", "password": PASSWORD, "display_name": "王二"}))
        .send()
        .await
        .unwrap();
    assert_eq!(error_code(r, StatusCode::CONFLICT).await.0, "email_taken");
}

#[tokio::test]
async fn registration_with_bad_fields_answers_422_naming_each_field() {
    let app = spawn_app().await;
    let r = app
        .client()
        .post(app.url("/api/v1/auth/register"))
        .json(&json!({"email": "nope", "password": "password123", "display_name": ""}))
        .send()
        .await
        .unwrap();
    let (code, v) = error_code(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(code, "validation_failed");
    for field in ["email", "password", "display_name"] {
        assert!(v["error"]["fields"][field].is_string(), "{field} missing in {v}");
    }
    assert_eq!(v["error"]["fields"]["password"], "该密码过于常见，请换一个更难猜的密码");
}

#[tokio::test]
async fn login_with_wrong_password_answers_401() {
    let app = spawn_app().await;
    app.user("li@example.com", "李").await;
    let r = app
        .client()
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"email": "li@example.com", "password": "not-the-password"}))
        .send()
        .await
        .unwrap();
    assert_eq!(error_code(r, StatusCode::UNAUTHORIZED).await.0, "invalid_credentials");
}

#[tokio::test]
async fn login_with_unknown_email_answers_the_same_401() {
    let app = spawn_app().await;
    let r = app
        .client()
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"email": "ghost@example.com", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(error_code(r, StatusCode::UNAUTHORIZED).await.0, "invalid_credentials");
}

#[tokio::test]
async fn five_failed_logins_lock_the_email_with_429_and_retry_after() {
    let app = spawn_app().await;
    app.user("zhao@example.com", "赵").await;
    let c = app.client();
    let attempt = |pw: &'static str| {
        c.post(app.url("/api/v1/auth/login")).json(&json!({"email": "ZHAO@example.com", "password": pw})).send()
    };
    for _ in 0..5 {
        assert_eq!(attempt("wrong-password!").await.unwrap().status(), StatusCode::UNAUTHORIZED);
    }
    // Even the right password is refused while locked.
    let r = attempt(PASSWORD).await.unwrap();
    let retry: u64 = r.headers()[RETRY_AFTER].to_str().unwrap().parse().unwrap();
    assert!(retry > 0 && retry <= 15 * 60, "retry after {retry}s");
    assert_eq!(error_code(r, StatusCode::TOO_MANY_REQUESTS).await.0, "too_many_requests");
    // Another email is not affected.
    app.user("qian@example.com", "钱").await;
}

/// A client whose connections come from `ip` (any 127.x address reaches the test server).
fn client_from(ip: &str) -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .local_address(ip.parse::<std::net::IpAddr>().unwrap())
        .build()
        .unwrap()
}

async fn login_status(app: &crate::helpers::TestApp, c: &reqwest::Client, email: &str, pw: &str) -> StatusCode {
    c.post(app.url("/api/v1/auth/login")).json(&json!({"email": email, "password": pw})).send().await.unwrap().status()
}

#[tokio::test]
async fn a_successful_login_gives_back_its_own_slot_but_earlier_failures_still_count() {
    let app = spawn_app().await;
    app.user("sun@example.com", "孙").await;
    let c = app.client();
    for _ in 0..4 {
        assert_eq!(login_status(&app, &c, "sun@example.com", "wrong-password!").await, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(login_status(&app, &c, "sun@example.com", PASSWORD).await, StatusCode::OK);
    assert_eq!(login_status(&app, &c, "sun@example.com", "wrong-password!").await, StatusCode::UNAUTHORIZED);
    // Five failures inside the window, the success in between notwithstanding: a success erasing
    // them would let a burst check more than five wrong passwords.
    assert_eq!(login_status(&app, &c, "sun@example.com", PASSWORD).await, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_burst_of_thirty_logins_checks_at_most_five_passwords() {
    let app = spawn_app().await;
    app.user("zhou@example.com", "周").await;
    let mut set = tokio::task::JoinSet::new();
    for i in 0..30 {
        let (c, url) = (app.client(), app.url("/api/v1/auth/login"));
        let pw = if i == 17 { PASSWORD.to_owned() } else { format!("wrong-password-{i}") };
        set.spawn(async move {
            c.post(url).json(&json!({"email": "zhou@example.com", "password": pw})).send().await.unwrap().status()
        });
    }
    let mut statuses = vec![];
    while let Some(s) = set.join_next().await {
        statuses.push(s.unwrap());
    }
    let count = |s: StatusCode| statuses.iter().filter(|x| **x == s).count();
    let (wrong, right, refused) =
        (count(StatusCode::UNAUTHORIZED), count(StatusCode::OK), count(StatusCode::TOO_MANY_REQUESTS));
    assert_eq!(wrong + right + refused, 30, "{statuses:?}");
    // The right one gives its slot back when it succeeds; a wrong one never does.
    assert!(wrong <= 5, "{wrong} wrong passwords checked: {statuses:?}");
    assert!(right <= 1 && refused >= 24, "{statuses:?}");
    let audited: (i64,) = sql::query_as("SELECT COUNT(*) FROM audit_log WHERE action = 'account.login_failed'")
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert_eq!(audited.0 as usize, wrong, "every checked wrong password is in the audit log, and no more");
}

#[tokio::test]
async fn a_stranger_guessing_from_elsewhere_does_not_lock_the_owner_out() {
    let app = spawn_app().await;
    app.user("wu@example.com", "吴").await;
    let stranger = client_from("127.0.0.2");
    for _ in 0..5 {
        assert_eq!(login_status(&app, &stranger, "wu@example.com", "wrong-password!").await, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(login_status(&app, &stranger, "wu@example.com", PASSWORD).await, StatusCode::TOO_MANY_REQUESTS);
    let owner = client_from("127.0.0.3");
    assert_eq!(login_status(&app, &owner, "wu@example.com", PASSWORD).await, StatusCode::OK, "the owner signs in");
    let me = owner.get(app.url("/api/v1/me")).send().await.unwrap();
    assert_eq!(body(me).await["email"], "wu@example.com");
}

#[tokio::test]
async fn one_address_failing_over_many_emails_waits_after_thirty() {
    let app = spawn_app().await;
    let spray = client_from("127.0.0.4");
    for i in 0..30 {
        let email = format!("target{}@example.com", i % 10);
        assert_eq!(login_status(&app, &spray, &email, "guess-password!").await, StatusCode::UNAUTHORIZED, "{i}");
    }
    app.user("zheng@example.com", "郑").await;
    assert_eq!(login_status(&app, &spray, "zheng@example.com", PASSWORD).await, StatusCode::TOO_MANY_REQUESTS);
    let elsewhere = client_from("127.0.0.5");
    assert_eq!(login_status(&app, &elsewhere, "zheng@example.com", PASSWORD).await, StatusCode::OK);
}

#[tokio::test]
async fn me_without_a_cookie_answers_401() {
    let app = spawn_app().await;
    let r = app.client().get(app.url("/api/v1/me")).send().await.unwrap();
    assert_eq!(error_code(r, StatusCode::UNAUTHORIZED).await.0, "unauthenticated");
}

#[tokio::test]
async fn logout_invalidates_the_token_on_the_server() {
    let app = spawn_app().await;
    let r = app
        .client()
        .post(app.url("/api/v1/auth/register"))
        .json(&json!({"email": "zhou@example.com", "password": PASSWORD, "display_name": "周"}))
        .send()
        .await
        .unwrap();
    let cookie = r.headers()[SET_COOKIE].to_str().unwrap().split(';').next().unwrap().to_owned();
    let raw = reqwest::Client::new();
    let me = |c: &reqwest::Client| c.get(app.url("/api/v1/me")).header("cookie", cookie.clone()).send();
    assert_eq!(me(&raw).await.unwrap().status(), StatusCode::OK);
    let out = raw.post(app.url("/api/v1/auth/logout")).header("cookie", cookie.clone()).send().await.unwrap();
    assert_eq!(out.status(), StatusCode::NO_CONTENT);
    assert!(out.headers()[SET_COOKIE].to_str().unwrap().contains("Max-Age=0"));
    // The old token, replayed, is dead.
    assert_eq!(me(&raw).await.unwrap().status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn update_me_changes_name_and_language_and_errors_follow_the_language() {
    let app = spawn_app().await;
    let c = app.user("wu@example.com", "吴").await;
    let r = c.put(app.url("/api/v1/me")).json(&json!({"display_name": "Wu Lei", "locale": "en"})).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let me = body(r).await;
    assert_eq!(me["display_name"], "Wu Lei");
    assert_eq!(me["locale"], "en");
    // Preference beats Accept-Language.
    let r = c.get(app.url("/api/v1/orgs/999")).header("accept-language", "zh-CN").send().await.unwrap();
    assert_eq!(error_code(r, StatusCode::NOT_FOUND).await.1["error"]["message"], "Not found");
}

#[tokio::test]
async fn anonymous_errors_follow_accept_language_else_chinese() {
    let app = spawn_app().await;
    let c = app.client();
    let en = c.get(app.url("/api/v1/me")).header("accept-language", "en-US,en;q=0.9").send().await.unwrap();
    assert_eq!(error_code(en, StatusCode::UNAUTHORIZED).await.1["error"]["message"], "Please log in first");
    let zh = c.get(app.url("/api/v1/me")).send().await.unwrap();
    assert_eq!(error_code(zh, StatusCode::UNAUTHORIZED).await.1["error"]["message"], "请先登录");
}

#[tokio::test]
async fn changing_password_needs_the_current_one_and_signs_out_other_sessions() {
    let app = spawn_app().await;
    let a = app.user("feng@example.com", "冯").await;
    let b = app.client();
    b.post(app.url("/api/v1/auth/login"))
        .json(&json!({"email": "feng@example.com", "password": PASSWORD}))
        .send()
        .await
        .unwrap();

    let wrong = a
        .post(app.url("/api/v1/me/password"))
        .json(&json!({"current_password": "not-my-password", "new_password": "a-new-long-passphrase"}))
        .send()
        .await
        .unwrap();
    let (_, v) = error_code(wrong, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(v["error"]["fields"]["current_password"].is_string());

    let ok = a
        .post(app.url("/api/v1/me/password"))
        .json(&json!({"current_password": PASSWORD, "new_password": "a-new-long-passphrase"}))
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), StatusCode::NO_CONTENT);
    assert_eq!(a.get(app.url("/api/v1/me")).send().await.unwrap().status(), StatusCode::OK, "this session stays");
    assert_eq!(b.get(app.url("/api/v1/me")).send().await.unwrap().status(), StatusCode::UNAUTHORIZED, "others end");
    let login = app
        .client()
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"email": "feng@example.com", "password": "a-new-long-passphrase"}))
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_user_downloads_everything_the_platform_holds_about_them_and_no_secret() {
    let app = crate::helpers::spawn_app().await;
    let c = app.user("me@example.com", "我自己").await;
    let org = app.org(&c, "我的公司").await;
    let r = c
        .post(app.url("/api/v1/saved-searches"))
        .json(&serde_json::json!({"q": "固态电池", "kind": null, "domain": null}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), reqwest::StatusCode::CREATED, "{}", r.text().await.unwrap_or_default());
    let r = c.get(app.url("/api/v1/me/export")).send().await.unwrap();
    assert_eq!(r.status(), reqwest::StatusCode::OK);
    assert!(r.headers()["content-disposition"].to_str().unwrap().contains("attachment"));
    let text = r.text().await.unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["account"]["email"], "me@example.com");
    assert_eq!(v["account"]["display_name"], "我自己");
    assert_eq!(v["memberships"][0]["org_id"], org);
    assert_eq!(v["memberships"][0]["role"], "owner");
    assert_eq!(v["saved_searches"][0]["q"], "固态电池");
    assert_eq!(v["sessions"].as_array().unwrap().len(), 1);
    assert_eq!(v["expert_profile"], serde_json::json!([]));
    assert!(!text.contains("argon2") && !text.contains("password") && !text.contains("token"), "no secrets: {text}");
    // Someone else's export holds none of it; a visitor has none.
    let other = app.user("other@example.com", "别人").await;
    let theirs = crate::helpers::body(other.get(app.url("/api/v1/me/export")).send().await.unwrap()).await;
    assert_eq!(theirs["memberships"], serde_json::json!([]));
    assert_eq!(theirs["saved_searches"], serde_json::json!([]));
    let r = app.client().get(app.url("/api/v1/me/export")).send().await.unwrap();
    assert_eq!(r.status(), reqwest::StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn deleting_an_account_needs_the_password_keeps_the_organizations_postings_and_frees_the_email() {
    let m = crate::market::market().await;
    let app = &m.app;
    let demand = m.draft(crate::market::demand(m.org), "/api/v1/demands").await;
    let member = app.member(&m.owner, m.org, "m@example.com", "成员").await;
    let owner_id = body(m.owner.get(app.url("/api/v1/me")).send().await.unwrap()).await["id"].as_i64().unwrap();
    let member_id = body(member.get(app.url("/api/v1/me")).send().await.unwrap()).await["id"].as_i64().unwrap();

    // Without the password, or with a wrong one, nothing happens.
    let r = m.owner.delete(app.url("/api/v1/me")).json(&json!({"password": ""})).send().await.unwrap();
    let (code, v) = error_code(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!((code.as_str(), v["error"]["fields"]["password"].is_string()), ("validation_failed", true));
    let r = m.owner.delete(app.url("/api/v1/me")).json(&json!({"password": "not-my-password"})).send().await.unwrap();
    let (_, v) = error_code(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(v["error"]["fields"]["password"].is_string());
    // The only owner of an organization with another member must hand it over first.
    let r = m.owner.delete(app.url("/api/v1/me")).json(&json!({"password": PASSWORD})).send().await.unwrap();
    assert_eq!(error_code(r, StatusCode::CONFLICT).await.0, "sole_owner");
    assert_eq!(m.owner.get(app.url("/api/v1/me")).send().await.unwrap().status(), StatusCode::OK, "still there");
    let r = m
        .owner
        .put(app.url(&format!("/api/v1/orgs/{}/members/{member_id}", m.org)))
        .json(&json!({"role": "owner"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let r = m.owner.delete(app.url("/api/v1/me")).json(&json!({"password": PASSWORD})).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert!(r.headers()["set-cookie"].to_str().unwrap().contains("Max-Age=0"), "the cookie is cleared");

    // The session is gone, the email signs in no more and is free to register again.
    assert_eq!(m.owner.get(app.url("/api/v1/me")).send().await.unwrap().status(), StatusCode::UNAUTHORIZED);
    let login = json!({"email": "ent@example.com", "password": PASSWORD});
    let r = app.client().post(app.url("/api/v1/auth/login")).json(&login).send().await.unwrap();
    assert_eq!(error_code(r, StatusCode::UNAUTHORIZED).await.0, "invalid_credentials");
    let again = app.user("ent@example.com", "新账号").await;
    let again_id = body(again.get(app.url("/api/v1/me")).send().await.unwrap()).await["id"].as_i64().unwrap();
    assert_ne!(again_id, owner_id, "a new account, not the old one");
    assert_eq!(body(again.get(app.url("/api/v1/me")).send().await.unwrap()).await["memberships"], json!([]));

    // The organization keeps its posting and its other owner; the old account is nameless.
    let posting = body(member.get(app.url(&format!("/api/v1/demands/{demand}"))).send().await.unwrap()).await;
    assert_eq!(posting["title_zh"], "固态电池电解质界面稳定性攻关");
    let members = body(member.get(app.url(&format!("/api/v1/orgs/{}/members", m.org))).send().await.unwrap()).await;
    assert_eq!(members.as_array().unwrap().len(), 1);
    let users = body(m.admin.get(app.url("/api/v1/admin/users?q=deleted-")).send().await.unwrap()).await;
    let gone = &users["items"][0];
    assert_eq!((gone["id"].as_i64(), gone["deleted"].as_bool()), (Some(owner_id), Some(true)));
    assert_eq!((gone["display_name"].as_str(), gone["disabled"].as_bool()), (Some(""), Some(true)));
    assert_eq!(gone["email"], format!("deleted-{owner_id}@deleted.invalid"));
    let r = m.admin.post(app.url(&format!("/api/v1/admin/users/{owner_id}/enable"))).send().await.unwrap();
    assert_eq!(error_code(r, StatusCode::CONFLICT).await.0, "invalid_transition");
    let log = body(m.admin.get(app.url("/api/v1/admin/audit?action=account.delete")).send().await.unwrap()).await;
    assert_eq!(log["items"][0]["target"], format!("user:{owner_id}"));
    // Visitors cannot delete anything.
    let r = app.client().delete(app.url("/api/v1/me")).json(&json!({"password": PASSWORD})).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_new_account_verifies_its_email_through_the_emailed_link_before_it_creates_an_organization() {
    let app = spawn_app().await;
    let c = crate::helpers::sign_up(app.client(), &app.url(""), "Qian.Li@Example.com", "钱立").await;
    let me = body(c.get(app.url("/api/v1/me")).send().await.unwrap()).await;
    assert_eq!(me["email_verified"], false);
    // Browsing and the profile are open; an organization is not.
    let r = c.put(app.url("/api/v1/me")).json(&json!({"display_name": "钱立新"})).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let org = json!({"name_zh": "钱塘新材料科技", "kind": "enterprise"});
    let r = c.post(app.url("/api/v1/orgs")).json(&org).send().await.unwrap();
    let (code, v) = error_code(r, StatusCode::FORBIDDEN).await;
    assert_eq!(code, "email_not_verified");
    assert!(v["error"]["message"].as_str().unwrap().contains("验证"), "{v}");

    // The email holds a one-time link; its token is stored only as a hash.
    let (subject, text) = app.last_email("qian.li@example.com").await;
    assert!(subject.contains("验证"), "{subject}");
    let token = crate::helpers::verification_token(&text).unwrap();
    assert_eq!(token.len(), 64, "{text}");
    let (stored,): (i64,) = sql::query_as("SELECT COUNT(*) FROM email_verifications WHERE token_hash = $1")
        .bind(&token)
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert_eq!(stored, 0, "the plain token is not stored");
    // Anyone holding the link may follow it, signed in or not; it works once.
    let r =
        app.client().post(app.url("/api/v1/auth/verify-email")).json(&json!({"token": token})).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let again = app.client().post(app.url("/api/v1/auth/verify-email")).json(&json!({"token": token})).send().await;
    assert_eq!(error_code(again.unwrap(), StatusCode::BAD_REQUEST).await.0, "verification_invalid");
    assert_eq!(body(c.get(app.url("/api/v1/me")).send().await.unwrap()).await["email_verified"], true);
    assert_eq!(c.post(app.url("/api/v1/orgs")).json(&org).send().await.unwrap().status(), StatusCode::CREATED);
    // Already verified: nothing to resend.
    let r = c.post(app.url("/api/v1/me/verification")).json(&json!({})).send().await.unwrap();
    assert_eq!(error_code(r, StatusCode::CONFLICT).await.0, "conflict");
}

#[tokio::test]
async fn an_address_held_by_an_account_that_never_verified_it_is_freed_once_its_link_expired() {
    let app = spawn_app().await;
    // Someone registers another person's address and never proves it.
    let squatter = crate::helpers::sign_up(app.client(), &app.url(""), "owner@example.com", "冒名者").await;
    let again = app.client().post(app.url("/api/v1/auth/register"));
    let again = again.json(&json!({"email": "owner@example.com", "password": PASSWORD, "display_name": "本人"}));
    assert_eq!(error_code(again.send().await.unwrap(), StatusCode::CONFLICT).await.0, "email_taken", "within the day");
    app.advance(time::Duration::hours(25));
    // A day on, the owner registers the address and proves it; the squatter's account is gone.
    let owner = app.user("owner@example.com", "本人").await;
    let me = body(owner.get(app.url("/api/v1/me")).send().await.unwrap()).await;
    assert_eq!((me["display_name"].as_str(), me["email_verified"].as_bool()), (Some("本人"), Some(true)));
    error_code(squatter.get(app.url("/api/v1/me")).send().await.unwrap(), StatusCode::UNAUTHORIZED).await;
}

#[tokio::test]
async fn verification_links_expire_and_are_resent_at_most_once_a_minute_and_five_times_a_day() {
    let app = spawn_app().await;
    let c = crate::helpers::sign_up(app.client(), &app.url(""), "sun@example.com", "孙").await;
    let resend = || c.post(app.url("/api/v1/me/verification")).json(&json!({"next": "/events/3"})).send();
    // Right after registering: wait a minute.
    let r = resend().await.unwrap();
    let retry: u64 = r.headers()[RETRY_AFTER].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    assert_eq!(error_code(r, StatusCode::TOO_MANY_REQUESTS).await.0, "too_many_requests");
    for sent in 2..=5 {
        app.advance(time::Duration::minutes(2));
        assert_eq!(resend().await.unwrap().status(), StatusCode::NO_CONTENT, "email {sent}");
    }
    let (_, text) = app.last_email("sun@example.com").await;
    assert!(text.contains("&next=/events/3"), "the link returns to where the user was: {text}");
    app.advance(time::Duration::minutes(2));
    assert_eq!(resend().await.unwrap().status(), StatusCode::TOO_MANY_REQUESTS, "a sixth in a day");
    // A day on, the link no longer works.
    let token = crate::helpers::verification_token(&text).unwrap();
    app.advance(time::Duration::days(1));
    let r = c.post(app.url("/api/v1/auth/verify-email")).json(&json!({"token": token})).send().await.unwrap();
    assert_eq!(error_code(r, StatusCode::BAD_REQUEST).await.0, "verification_invalid");
    assert_eq!(body(c.get(app.url("/api/v1/me")).send().await.unwrap()).await["email_verified"], false);
}

#[tokio::test]
async fn an_unverified_account_may_not_join_send_requests_or_register_where_the_event_asks_for_it() {
    let s = crate::matching::setup().await;
    let app = &s.m.app;
    let newcomer = crate::helpers::sign_up(app.client(), &app.url(""), "new@example.com", "新人").await;
    // An invitation to the enterprise, sent before the newcomer proved the address.
    let r =
        s.m.owner
            .post(app.url(&format!("/api/v1/orgs/{}/members", s.m.org)))
            .json(&json!({"email": "new@example.com"}));
    let token = body(r.send().await.unwrap()).await["token"].as_str().unwrap().to_owned();
    let r = newcomer.post(app.url(&format!("/api/v1/invitations/{token}/accept"))).send().await.unwrap();
    assert_eq!(error_code(r, StatusCode::FORBIDDEN).await.0, "email_not_verified");
    let req =
        json!({"from_org": s.m.org, "posting_id": s.fitting, "proposal": "joint_development", "message": "希望合作"});
    let r = newcomer.post(app.url("/api/v1/engagements")).json(&req).send().await.unwrap();
    assert_eq!(error_code(r, StatusCode::FORBIDDEN).await.0, "email_not_verified");
    // Events ask for a verified email unless their organizer turned it off.
    let host = app.user("host@example.com", "主办方").await;
    let org = crate::market::org_of_kind(app, &host, "organizer", None, Some(&s.m.admin)).await;
    let mut ids = vec![];
    for required in [true, false] {
        let e = json!({"org_id": org, "title_zh": "对接会", "description_zh": "对接", "event_type": "forum", "venue": "杭州",
                       "starts_at": "2099-04-01T01:00:00Z", "ends_at": "2099-04-01T09:00:00Z", "capacity": 10,
                       "verified_email_required": required});
        let event = body(host.post(app.url("/api/v1/events")).json(&e).send().await.unwrap()).await;
        assert_eq!(event["verified_email_required"], required);
        let id = event["id"].as_i64().unwrap();
        let t = json!({"name_zh": "普通", "quota": 10, "approval": false});
        let r = host.post(app.url(&format!("/api/v1/events/{id}/ticket-types"))).json(&t).send().await.unwrap();
        ids.push((id, body(r).await["id"].as_i64().unwrap()));
    }
    let register = |(event, ticket): (i64, i64)| {
        newcomer
            .post(app.url(&format!("/api/v1/events/{event}/registrations")))
            .json(&json!({"ticket_type": ticket, "people": ["新人"]}))
            .send()
    };
    assert_eq!(error_code(register(ids[0]).await.unwrap(), StatusCode::FORBIDDEN).await.0, "email_not_verified");
    assert_eq!(register(ids[1]).await.unwrap().status(), StatusCode::CREATED);
    // Once verified, the same invitation is accepted.
    app.verify(&newcomer, "new@example.com").await;
    let r = newcomer.post(app.url(&format!("/api/v1/invitations/{token}/accept"))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    // Site admins made by `create-admin` start verified.
    let admin_me = body(s.m.admin.get(app.url("/api/v1/me")).send().await.unwrap()).await;
    assert_eq!(admin_me["email_verified"], true);
}
