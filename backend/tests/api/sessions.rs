//! Session lifetime: expiry and sliding renewal.

use reqwest::StatusCode;
use reqwest::header::SET_COOKIE;
use time::Duration;

use crate::helpers::spawn_app;
use backend::db::sql;

#[tokio::test]
async fn an_expired_session_is_refused() {
    let app = spawn_app().await;
    let c = app.user("a@example.com", "A").await;
    assert_eq!(c.get(app.url("/api/v1/me")).send().await.unwrap().status(), StatusCode::OK);
    // Thirty days on, unused: expired.
    app.advance(Duration::days(30) + Duration::minutes(1));
    assert_eq!(c.get(app.url("/api/v1/me")).send().await.unwrap().status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_session_used_after_an_hour_is_renewed_for_another_thirty_days() {
    let app = spawn_app().await;
    let c = app.user("a@example.com", "A").await;
    // Last used almost thirty days ago, about to expire.
    app.advance(Duration::days(30) - Duration::minutes(5));
    let now = app.now().await;
    let r = c.get(app.url("/api/v1/me")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let cookie = r.headers().get(SET_COOKIE).expect("the cookie is renewed").to_str().unwrap().to_owned();
    assert!(cookie.contains("Max-Age=2592000"), "{cookie}");
    let (expires,): (time::OffsetDateTime,) =
        sql::query_as("SELECT expires_at FROM sessions").fetch_one(&app.state.db).await.unwrap();
    assert!(expires > now + Duration::days(29), "expiry slid forward: {expires}");
}

#[tokio::test]
async fn a_recently_used_session_is_not_rewritten_on_every_request() {
    let app = spawn_app().await;
    let c = app.user("a@example.com", "A").await;
    let r = c.get(app.url("/api/v1/me")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers().get(SET_COOKIE).is_none(), "no renewal within the hour");
}

#[tokio::test]
async fn an_expired_invitation_cannot_be_previewed_or_accepted() {
    let app = spawn_app().await;
    let owner = app.user("owner@example.com", "O").await;
    let id = app.org(&owner, "过期邀请").await;
    let inv: serde_json::Value = owner
        .post(app.url(&format!("/api/v1/orgs/{id}/members")))
        .json(&serde_json::json!({"email": "late@example.com"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = inv["token"].as_str().unwrap();
    // Two weeks on, unanswered.
    app.advance(Duration::days(14) + Duration::minutes(1));
    let late = app.user("late@example.com", "L").await;
    assert_eq!(
        late.get(app.url(&format!("/api/v1/invitations/{token}"))).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    let r = late.post(app.url(&format!("/api/v1/invitations/{token}/accept"))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}
