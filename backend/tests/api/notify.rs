//! Notifications: in the app and by email through the outbox, preferences, saved searches, SMTP.

use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{body, error_code};
use crate::market::market_with;
use crate::matching::{Setup, matches, setup, setup_with};
use backend::db::sql;

async fn unread(s: &Setup, c: &Client) -> u64 {
    let r = c.get(s.m.app.url("/api/v1/notifications/unread-count")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    body(r).await["unread"].as_u64().unwrap()
}

async fn notes(s: &Setup, c: &Client) -> Vec<Value> {
    body(c.get(s.m.app.url("/api/v1/notifications")).send().await.unwrap()).await["items"].as_array().unwrap().clone()
}

/// The notification emails to `email` (the verification link every account got aside).
async fn outbox_to(s: &Setup, email: &str) -> Vec<(String, String)> {
    sql::query_as(
        "SELECT subject, body FROM outbox WHERE to_email = $1 AND body NOT LIKE '%/verify-email?token=%' ORDER BY id",
    )
    .bind(email)
    .fetch_all(&s.m.app.state.db)
    .await
    .unwrap()
}

async fn ask(s: &Setup, c: &Client, from: i64) -> i64 {
    let req = json!({"from_org": from, "posting_id": s.demand, "proposal": "joint_development", "message": "希望合作"});
    let r = c.post(s.m.app.url("/api/v1/engagements")).json(&req).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    body(r).await["id"].as_i64().unwrap()
}

#[tokio::test]
async fn a_request_notifies_the_receiver_and_its_answer_the_sender_in_the_app_and_by_email() {
    let s = setup().await;
    let before = unread(&s, &s.m.owner).await;
    let id = ask(&s, &s.lab_owner, s.lab).await;
    assert_eq!(unread(&s, &s.m.owner).await, before + 1);
    let n = notes(&s, &s.m.owner).await;
    assert_eq!(n[0]["kind"], "request_received");
    assert_eq!(n[0]["link"], format!("/engagements/{id}"));
    assert_eq!(n[0]["params"]["org"], "lab组织");
    assert_eq!(n[0]["read"], false);
    let mail = outbox_to(&s, "ent@example.com").await;
    assert!(
        mail.iter().any(|(subject, text)| subject.contains("收到对接申请")
            && text.contains("lab组织申请就「固态电池电解质界面稳定性攻关」与你对接")
            && text.contains(&format!("/engagements/{id}"))),
        "{mail:?}"
    );
    // The sender's own action does not notify the sender; a third organization hears nothing.
    assert!(notes(&s, &s.lab_owner).await.iter().all(|n| n["kind"] != "request_received"));
    assert!(notes(&s, &s.other_owner).await.iter().all(|n| n["link"] != format!("/engagements/{id}")));

    s.m.owner.post(s.m.app.url(&format!("/api/v1/engagements/{id}/accept"))).send().await.unwrap();
    let n = notes(&s, &s.lab_owner).await;
    assert_eq!(n[0]["kind"], "request_accepted");
    assert!(outbox_to(&s, "lab@example.com").await.iter().any(|(subject, _)| subject.contains("申请被接受")));

    // Messages notify in the app only, by default.
    let emails = outbox_to(&s, "ent@example.com").await.len();
    let msg = json!({"body": "你好"});
    s.lab_owner.post(s.m.app.url(&format!("/api/v1/engagements/{id}/messages"))).json(&msg).send().await.unwrap();
    assert_eq!(notes(&s, &s.m.owner).await[0]["kind"], "new_message");
    assert_eq!(outbox_to(&s, "ent@example.com").await.len(), emails);

    // Reading.
    let first = notes(&s, &s.m.owner).await[0]["id"].as_i64().unwrap();
    let r = s.m.owner.post(s.m.app.url(&format!("/api/v1/notifications/{first}/read"))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    error_code(
        s.lab_owner.post(s.m.app.url(&format!("/api/v1/notifications/{first}/read"))).send().await.unwrap(),
        StatusCode::NOT_FOUND,
    )
    .await;
    let all = s.m.owner.post(s.m.app.url("/api/v1/notifications/read-all")).send().await.unwrap();
    assert_eq!(body(all).await["unread"], 0);
    assert_eq!(unread(&s, &s.m.owner).await, 0);
    error_code(
        s.m.app.client().get(s.m.app.url("/api/v1/notifications")).send().await.unwrap(),
        StatusCode::UNAUTHORIZED,
    )
    .await;
}

#[tokio::test]
async fn preferences_turn_each_kind_off_in_the_app_or_by_email() {
    let s = setup().await;
    let prefs = body(s.m.owner.get(s.m.app.url("/api/v1/notifications/preferences")).send().await.unwrap()).await;
    let received = prefs.as_array().unwrap().iter().find(|p| p["kind"] == "request_received").unwrap().clone();
    assert_eq!((received["in_app"].as_bool(), received["email"].as_bool()), (Some(true), Some(true)));
    let off = json!([{"kind": "request_received", "in_app": false, "email": false}]);
    let r = s.m.owner.put(s.m.app.url("/api/v1/notifications/preferences")).json(&off).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let before = unread(&s, &s.m.owner).await;
    ask(&s, &s.lab_owner, s.lab).await;
    assert_eq!(unread(&s, &s.m.owner).await, before);
    assert!(outbox_to(&s, "ent@example.com").await.is_empty());
    let bad = json!([{"kind": "nonsense", "in_app": true, "email": true}]);
    let r = s.m.owner.put(s.m.app.url("/api/v1/notifications/preferences")).json(&bad).send().await.unwrap();
    error_code(r, StatusCode::UNPROCESSABLE_ENTITY).await;
}

#[tokio::test]
async fn a_saved_search_alerts_its_owner_when_a_fitting_posting_is_published() {
    let s = setup().await;
    let watcher = s.m.app.user("watch@example.com", "观察者").await;
    let save = |q: &str, kind: Option<&str>| {
        let req = json!({"q": q, "kind": kind});
        watcher.post(s.m.app.url("/api/v1/saved-searches")).json(&req).send()
    };
    let r = save("量子 密钥", Some("capability")).await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let saved = body(r).await;
    error_code(save("量子 密钥", Some("capability")).await.unwrap(), StatusCode::CONFLICT).await;
    error_code(save("  ", None).await.unwrap(), StatusCode::UNPROCESSABLE_ENTITY).await;
    save("合成生物", None).await.unwrap();

    // A quantum key distribution capability is published: only the fitting search alerts.
    let payload = json!({"org_id": s.other, "kind": "capability", "title_zh": "量子密钥分发园区网络",
        "summary_zh": "量子密钥分发与城域组网服务", "domains": ["quantum"], "keywords": ["量子通信"],
        "capability_kind": "research", "trl": 6, "ip_status": "granted", "modes": ["service"], "negotiable": true});
    let r = s.other_owner.post(s.m.app.url("/api/v1/capabilities")).json(&payload).send().await.unwrap();
    let id = body(r).await["id"].as_i64().unwrap();
    s.m.publish(&s.other_owner, "/api/v1/capabilities", id).await;
    let n = notes(&s, &watcher).await;
    assert_eq!(n.len(), 1, "{n:?}");
    assert_eq!(n[0]["kind"], "saved_search_hit");
    assert_eq!(n[0]["params"]["q"], "量子 密钥");
    assert_eq!(n[0]["link"], format!("/capabilities/{id}"));
    assert!(outbox_to(&s, "watch@example.com").await[0].1.contains("量子密钥分发园区网络"));

    let list = body(watcher.get(s.m.app.url("/api/v1/saved-searches")).send().await.unwrap()).await;
    assert_eq!(list.as_array().unwrap().len(), 2);
    let del = format!("/api/v1/saved-searches/{}", saved["id"]);
    error_code(s.m.owner.delete(s.m.app.url(&del)).send().await.unwrap(), StatusCode::NOT_FOUND).await;
    assert_eq!(watcher.delete(s.m.app.url(&del)).send().await.unwrap().status(), StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn owners_hear_of_a_new_posting_that_matches_theirs_with_a_high_score() {
    let s = setup().await;
    // The fitting capability was published after the demand: its score for the demand decides.
    let score =
        matches(&s.m.owner, &s, "").await.as_array().unwrap().iter().find(|m| m["posting"]["id"] == s.fitting).unwrap()
            ["score"]
            .as_u64()
            .unwrap();
    let heard = notes(&s, &s.m.owner)
        .await
        .iter()
        .any(|n| n["kind"] == "high_score_match" && n["link"] == format!("/capabilities/{}", s.fitting));
    assert!(score >= 80, "the setup's fitting capability is a strong match ({score})");
    assert!(heard, "the demand's owner heard of it");
    let unrelated = notes(&s, &s.m.owner).await.iter().any(|n| n["link"] == format!("/capabilities/{}", s.unrelated));
    assert!(!unrelated, "an unrelated posting alerts no one");
}

#[tokio::test]
async fn with_an_smtp_relay_the_outbox_is_sent_and_marked_sent() {
    let sink = crate::mail::sink(crate::mail::Mode::PlainOnly).await;
    let relay = format!("127.0.0.1:{}", sink.port);
    let s = setup_with(market_with(|c| c.smtp_relay = Some(relay)).await).await;
    ask(&s, &s.lab_owner, s.lab).await;
    let pending = outbox_to(&s, "ent@example.com").await.len();
    assert!(pending > 0);
    let transport = backend::notify::mail::transport(&s.m.app.state.config).unwrap().expect("the relay");
    let sent = backend::notify::mail::send_pending(&s.m.app.state, &transport).await.unwrap();
    assert!(sent >= pending, "{sent} of {pending}");
    let received = sink.received.lock().unwrap().clone();
    assert!(received.iter().any(|m| m.data.contains("To: ent@example.com")), "{received:?}");
    let (unsent,): (i64,) =
        sql::query_as("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL").fetch_one(&s.m.app.state.db).await.unwrap();
    assert_eq!(unsent, 0);
    // Admins read the outbox; others may not.
    error_code(s.m.owner.get(s.m.app.url("/api/v1/admin/outbox")).send().await.unwrap(), StatusCode::FORBIDDEN).await;
    let list = body(s.m.admin.get(s.m.app.url("/api/v1/admin/outbox")).send().await.unwrap()).await;
    assert!(list.as_array().unwrap().iter().all(|e| e["sent_at"].is_string()));
}

#[tokio::test]
async fn owners_hear_whether_their_posting_was_approved_or_rejected_and_why() {
    let m = crate::market::market().await;
    let id = m.draft(crate::market::demand(m.org), "/api/v1/demands").await;
    m.owner.post(m.app.url(&format!("/api/v1/demands/{id}/submit"))).send().await.unwrap();
    let reject = json!({"ids": [id], "decision": "reject", "reason": "预算区间不明确"});
    let r = m.admin.post(m.app.url("/api/v1/admin/moderation")).json(&reject).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let n = body(m.owner.get(m.app.url("/api/v1/notifications")).send().await.unwrap()).await;
    assert_eq!(n["items"][0]["kind"], "posting_rejected");
    assert_eq!(n["items"][0]["params"]["reason"], "预算区间不明确");
    assert_eq!(n["items"][0]["link"], format!("/demands/{id}"));
    m.owner.post(m.app.url(&format!("/api/v1/demands/{id}/submit"))).send().await.unwrap();
    assert_eq!(m.approve(id).await.status(), StatusCode::OK);
    let n = body(m.owner.get(m.app.url("/api/v1/notifications")).send().await.unwrap()).await;
    assert_eq!(n["items"][0]["kind"], "posting_approved");
}
