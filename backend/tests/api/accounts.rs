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
        .post(app.url("/api/auth/register"))
        .json(&json!({"email": "Li.Lei@Example.com", "password": PASSWORD, "display_name": "李雷"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let cookie = r.headers()[SET_COOKIE].to_str().unwrap().to_owned();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");

    let me = body(c.get(app.url("/api/me")).send().await.unwrap()).await;
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
        .post(app.url("/api/auth/register"))
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
        .post(app.url("/api/auth/register"))
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
        .post(app.url("/api/auth/register"))
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
        .post(app.url("/api/auth/login"))
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
        .post(app.url("/api/auth/login"))
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
        c.post(app.url("/api/auth/login")).json(&json!({"email": "ZHAO@example.com", "password": pw})).send()
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

#[tokio::test]
async fn a_successful_login_clears_earlier_failures() {
    let app = spawn_app().await;
    app.user("sun@example.com", "孙").await;
    let c = app.client();
    for _ in 0..4 {
        c.post(app.url("/api/auth/login"))
            .json(&json!({"email": "sun@example.com", "password": "wrong-password!"}))
            .send()
            .await
            .unwrap();
    }
    let ok = c
        .post(app.url("/api/auth/login"))
        .json(&json!({"email": "sun@example.com", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), StatusCode::OK);
    let r = c
        .post(app.url("/api/auth/login"))
        .json(&json!({"email": "sun@example.com", "password": "wrong-password!"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "counter was reset by the success");
}

#[tokio::test]
async fn me_without_a_cookie_answers_401() {
    let app = spawn_app().await;
    let r = app.client().get(app.url("/api/me")).send().await.unwrap();
    assert_eq!(error_code(r, StatusCode::UNAUTHORIZED).await.0, "unauthenticated");
}

#[tokio::test]
async fn logout_invalidates_the_token_on_the_server() {
    let app = spawn_app().await;
    let r = app
        .client()
        .post(app.url("/api/auth/register"))
        .json(&json!({"email": "zhou@example.com", "password": PASSWORD, "display_name": "周"}))
        .send()
        .await
        .unwrap();
    let cookie = r.headers()[SET_COOKIE].to_str().unwrap().split(';').next().unwrap().to_owned();
    let raw = reqwest::Client::new();
    let me = |c: &reqwest::Client| c.get(app.url("/api/me")).header("cookie", cookie.clone()).send();
    assert_eq!(me(&raw).await.unwrap().status(), StatusCode::OK);
    let out = raw.post(app.url("/api/auth/logout")).header("cookie", cookie.clone()).send().await.unwrap();
    assert_eq!(out.status(), StatusCode::NO_CONTENT);
    assert!(out.headers()[SET_COOKIE].to_str().unwrap().contains("Max-Age=0"));
    // The old token, replayed, is dead.
    assert_eq!(me(&raw).await.unwrap().status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn update_me_changes_name_and_language_and_errors_follow_the_language() {
    let app = spawn_app().await;
    let c = app.user("wu@example.com", "吴").await;
    let r = c.put(app.url("/api/me")).json(&json!({"display_name": "Wu Lei", "locale": "en"})).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let me = body(r).await;
    assert_eq!(me["display_name"], "Wu Lei");
    assert_eq!(me["locale"], "en");
    // Preference beats Accept-Language.
    let r = c.get(app.url("/api/orgs/999")).header("accept-language", "zh-CN").send().await.unwrap();
    assert_eq!(error_code(r, StatusCode::NOT_FOUND).await.1["error"]["message"], "Not found");
}

#[tokio::test]
async fn anonymous_errors_follow_accept_language_else_chinese() {
    let app = spawn_app().await;
    let c = app.client();
    let en = c.get(app.url("/api/me")).header("accept-language", "en-US,en;q=0.9").send().await.unwrap();
    assert_eq!(error_code(en, StatusCode::UNAUTHORIZED).await.1["error"]["message"], "Please log in first");
    let zh = c.get(app.url("/api/me")).send().await.unwrap();
    assert_eq!(error_code(zh, StatusCode::UNAUTHORIZED).await.1["error"]["message"], "请先登录");
}

#[tokio::test]
async fn changing_password_needs_the_current_one_and_signs_out_other_sessions() {
    let app = spawn_app().await;
    let a = app.user("feng@example.com", "冯").await;
    let b = app.client();
    b.post(app.url("/api/auth/login"))
        .json(&json!({"email": "feng@example.com", "password": PASSWORD}))
        .send()
        .await
        .unwrap();

    let wrong = a
        .post(app.url("/api/me/password"))
        .json(&json!({"current_password": "not-my-password", "new_password": "a-new-long-passphrase"}))
        .send()
        .await
        .unwrap();
    let (_, v) = error_code(wrong, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(v["error"]["fields"]["current_password"].is_string());

    let ok = a
        .post(app.url("/api/me/password"))
        .json(&json!({"current_password": PASSWORD, "new_password": "a-new-long-passphrase"}))
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), StatusCode::NO_CONTENT);
    assert_eq!(a.get(app.url("/api/me")).send().await.unwrap().status(), StatusCode::OK, "this session stays");
    assert_eq!(b.get(app.url("/api/me")).send().await.unwrap().status(), StatusCode::UNAUTHORIZED, "others end");
    let login = app
        .client()
        .post(app.url("/api/auth/login"))
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
        .post(app.url("/api/saved-searches"))
        .json(&serde_json::json!({"q": "固态电池", "kind": null, "domain": null}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), reqwest::StatusCode::CREATED, "{}", r.text().await.unwrap_or_default());
    let r = c.get(app.url("/api/me/export")).send().await.unwrap();
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
    let theirs = crate::helpers::body(other.get(app.url("/api/me/export")).send().await.unwrap()).await;
    assert_eq!(theirs["memberships"], serde_json::json!([]));
    assert_eq!(theirs["saved_searches"], serde_json::json!([]));
    let r = app.client().get(app.url("/api/me/export")).send().await.unwrap();
    assert_eq!(r.status(), reqwest::StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn deleting_an_account_needs_the_password_keeps_the_organizations_postings_and_frees_the_email() {
    let m = crate::market::market().await;
    let app = &m.app;
    let demand = m.draft(crate::market::demand(m.org), "/api/demands").await;
    let member = app.member(&m.owner, m.org, "m@example.com", "成员").await;
    let owner_id = body(m.owner.get(app.url("/api/me")).send().await.unwrap()).await["id"].as_i64().unwrap();
    let member_id = body(member.get(app.url("/api/me")).send().await.unwrap()).await["id"].as_i64().unwrap();

    // Without the password, or with a wrong one, nothing happens.
    let r = m.owner.delete(app.url("/api/me")).json(&json!({"password": ""})).send().await.unwrap();
    let (code, v) = error_code(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!((code.as_str(), v["error"]["fields"]["password"].is_string()), ("validation_failed", true));
    let r = m.owner.delete(app.url("/api/me")).json(&json!({"password": "not-my-password"})).send().await.unwrap();
    let (_, v) = error_code(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(v["error"]["fields"]["password"].is_string());
    // The only owner of an organization with another member must hand it over first.
    let r = m.owner.delete(app.url("/api/me")).json(&json!({"password": PASSWORD})).send().await.unwrap();
    assert_eq!(error_code(r, StatusCode::CONFLICT).await.0, "sole_owner");
    assert_eq!(m.owner.get(app.url("/api/me")).send().await.unwrap().status(), StatusCode::OK, "still there");
    let r = m
        .owner
        .put(app.url(&format!("/api/orgs/{}/members/{member_id}", m.org)))
        .json(&json!({"role": "owner"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let r = m.owner.delete(app.url("/api/me")).json(&json!({"password": PASSWORD})).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert!(r.headers()["set-cookie"].to_str().unwrap().contains("Max-Age=0"), "the cookie is cleared");

    // The session is gone, the email signs in no more and is free to register again.
    assert_eq!(m.owner.get(app.url("/api/me")).send().await.unwrap().status(), StatusCode::UNAUTHORIZED);
    let login = json!({"email": "ent@example.com", "password": PASSWORD});
    let r = app.client().post(app.url("/api/auth/login")).json(&login).send().await.unwrap();
    assert_eq!(error_code(r, StatusCode::UNAUTHORIZED).await.0, "invalid_credentials");
    let again = app.user("ent@example.com", "新账号").await;
    let again_id = body(again.get(app.url("/api/me")).send().await.unwrap()).await["id"].as_i64().unwrap();
    assert_ne!(again_id, owner_id, "a new account, not the old one");
    assert_eq!(body(again.get(app.url("/api/me")).send().await.unwrap()).await["memberships"], json!([]));

    // The organization keeps its posting and its other owner; the old account is nameless.
    let posting = body(member.get(app.url(&format!("/api/demands/{demand}"))).send().await.unwrap()).await;
    assert_eq!(posting["title_zh"], "固态电池电解质界面稳定性攻关");
    let members = body(member.get(app.url(&format!("/api/orgs/{}/members", m.org))).send().await.unwrap()).await;
    assert_eq!(members.as_array().unwrap().len(), 1);
    let users = body(m.admin.get(app.url("/api/admin/users?q=deleted-")).send().await.unwrap()).await;
    let gone = &users["items"][0];
    assert_eq!((gone["id"].as_i64(), gone["deleted"].as_bool()), (Some(owner_id), Some(true)));
    assert_eq!((gone["display_name"].as_str(), gone["disabled"].as_bool()), (Some(""), Some(true)));
    assert_eq!(gone["email"], format!("deleted-{owner_id}@deleted.invalid"));
    let r = m.admin.post(app.url(&format!("/api/admin/users/{owner_id}/enable"))).send().await.unwrap();
    assert_eq!(error_code(r, StatusCode::CONFLICT).await.0, "invalid_transition");
    let log = body(m.admin.get(app.url("/api/admin/audit?action=account.delete")).send().await.unwrap()).await;
    assert_eq!(log["items"][0]["target"], format!("user:{owner_id}"));
    // Visitors cannot delete anything.
    let r = app.client().delete(app.url("/api/me")).json(&json!({"password": PASSWORD})).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
}
