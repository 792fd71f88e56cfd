//! Engagement: interest requests, double opt-in contacts, conversations, attachments, the deal
//! pipeline and what it teaches matching; permissions and spam protection.

use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{body, error_code};
use crate::market::market_with;
use crate::matching::{Setup, matches, setup, setup_with};
use backend::db::sql;

/// The lab asks the demand's enterprise to cooperate.
async fn request(s: &Setup) -> i64 {
    let r = send(s, &s.lab_owner, s.lab, s.demand).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let v = body(r).await;
    assert_eq!(v["status"], "pending");
    assert_eq!(v["side"], "sent");
    v["id"].as_i64().unwrap()
}

async fn send(s: &Setup, client: &Client, from: i64, posting: i64) -> reqwest::Response {
    let req = json!({"from_org": from, "posting_id": posting, "source_id": null, "proposal": "joint_development",
                     "message": "我们的界面改性平台可以解决贵方的循环寿命问题，希望洽谈联合开发。"});
    client.post(s.m.app.url("/api/v1/engagements")).json(&req).send().await.unwrap()
}

async fn get(s: &Setup, client: &Client, path: &str) -> reqwest::Response {
    client.get(s.m.app.url(path)).send().await.unwrap()
}

async fn post(s: &Setup, client: &Client, path: &str, payload: Value) -> reqwest::Response {
    client.post(s.m.app.url(path)).json(&payload).send().await.unwrap()
}

#[tokio::test]
async fn an_accepted_request_reveals_contacts_opens_a_conversation_and_is_tracked_to_a_signed_deal() {
    let s = setup().await;
    let id = request(&s).await;
    let one = format!("/api/v1/engagements/{id}");
    let thread = format!("{one}/messages");

    // Before acceptance: no contacts, no conversation.
    let before = body(get(&s, &s.lab_owner, &one).await).await;
    assert_eq!(before["contacts"], json!([]));
    assert!(before["message"].as_str().unwrap().starts_with("我们的界面改性平台"));
    error_code(get(&s, &s.lab_owner, &thread).await, StatusCode::CONFLICT).await;
    // The receiver sees it on its side of the pipeline.
    let received = body(get(&s, &s.m.owner, "/api/v1/engagements?side=received").await).await;
    assert_eq!(received["total"], 1);
    assert_eq!(received["items"][0]["side"], "received");
    // The sender cannot answer its own request.
    error_code(post(&s, &s.lab_owner, &format!("{one}/accept"), json!({})).await, StatusCode::FORBIDDEN).await;

    let accepted = body(post(&s, &s.m.owner, &format!("{one}/accept"), json!({})).await).await;
    assert_eq!(accepted["status"], "accepted");
    assert_eq!(accepted["stage"], "negotiating");
    let contacts = accepted["contacts"].as_array().unwrap();
    assert_eq!(contacts.len(), 2, "both sides' contacts once both agreed");
    assert!(contacts.iter().any(|c| c["person_email"] == "lab@example.com"));
    assert!(contacts.iter().any(|c| c["person_email"] == "ent@example.com"));

    // A message from the lab is unread for the enterprise until it says it read the thread: fetching
    // the messages (a GET, which a link from another site could send) changes nothing.
    let sent = post(&s, &s.lab_owner, &thread, json!({"body": "附上我们的测试报告"})).await;
    assert_eq!(sent.status(), StatusCode::CREATED);
    let list = body(get(&s, &s.m.owner, "/api/v1/engagements").await).await;
    assert_eq!(list["items"][0]["unread"], 1);
    let read = body(get(&s, &s.m.owner, &thread).await).await;
    assert_eq!(read.as_array().unwrap().len(), 1);
    assert_eq!(read[0]["body"], "附上我们的测试报告");
    assert_eq!(read[0]["author"], "实验室");
    let list = body(get(&s, &s.m.owner, "/api/v1/engagements").await).await;
    assert_eq!(list["items"][0]["unread"], 1, "a GET marks nothing read");
    let marked = post(&s, &s.m.owner, &format!("{one}/read"), json!({"up_to": read[0]["id"]})).await;
    assert_eq!(marked.status(), StatusCode::NO_CONTENT);
    let list = body(get(&s, &s.m.owner, "/api/v1/engagements").await).await;
    assert_eq!(list["items"][0]["unread"], 0);
    let foreign = post(&s, &s.m.owner, &format!("{one}/read"), json!({"up_to": 999_999})).await;
    error_code(foreign, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(post(&s, &s.m.owner, &thread, json!({"body": "收到，下周面谈"})).await.status(), StatusCode::CREATED);
    assert_eq!(body(get(&s, &s.lab_owner, "/api/v1/engagements").await).await["items"][0]["unread"], 1);

    // A third organization cannot see any of it; a site admin can read it.
    error_code(get(&s, &s.other_owner, &one).await, StatusCode::NOT_FOUND).await;
    error_code(get(&s, &s.other_owner, &thread).await, StatusCode::NOT_FOUND).await;
    error_code(post(&s, &s.other_owner, &thread, json!({"body": "x"})).await, StatusCode::NOT_FOUND).await;
    assert_eq!(get(&s, &s.m.admin, &thread).await.status(), StatusCode::OK);
    error_code(post(&s, &s.m.admin, &thread, json!({"body": "x"})).await, StatusCode::FORBIDDEN).await;
    assert_eq!(get(&s, &s.m.app.client(), &one).await.status(), StatusCode::UNAUTHORIZED);

    // The deal pipeline: completing before signing is refused; signing then completing is recorded.
    let stage = format!("{one}/stage");
    error_code(post(&s, &s.m.owner, &stage, json!({"stage": "completed"})).await, StatusCode::CONFLICT).await;
    let signed = post(&s, &s.m.owner, &stage, json!({"stage": "signed", "contract_value": 300})).await;
    assert_eq!(signed.status(), StatusCode::OK);
    let signed = body(signed).await;
    assert_eq!((signed["stage"].as_str(), signed["contract_value"].as_u64()), (Some("signed"), Some(300)));
    let done = body(post(&s, &s.lab_owner, &stage, json!({"stage": "completed"})).await).await;
    assert_eq!(done["stage"], "completed");
    let actions: Vec<&str> =
        done["history"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["requested", "accepted", "signed", "completed"]);
    assert_eq!(done["history"][2]["user_name"], "企业主", "who signed");
    let pipeline = body(get(&s, &s.m.owner, "/api/v1/engagements?stage=completed").await).await;
    assert_eq!(pipeline["total"], 1);
    assert_eq!(body(get(&s, &s.m.owner, "/api/v1/engagements?stage=signed").await).await["total"], 0);
}

#[tokio::test]
async fn requests_to_own_postings_from_unverified_or_blocked_organizations_and_duplicates_are_refused() {
    let s = setup().await;
    // Own organization's posting.
    let (code, _) = error_code(send(&s, &s.m.owner, s.m.org, s.demand).await, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(code, "own_posting");
    // Not a member of the sending organization.
    error_code(send(&s, &s.other_owner, s.lab, s.demand).await, StatusCode::FORBIDDEN).await;
    // An unverified organization.
    let newcomer = s.m.app.user("new@example.com", "新人").await;
    let unverified = s.m.app.org(&newcomer, "未认证公司").await;
    let (code, _) = error_code(send(&s, &newcomer, unverified, s.demand).await, StatusCode::FORBIDDEN).await;
    assert_eq!(code, "not_verified");
    // A posting that does not exist or is not published.
    error_code(send(&s, &s.lab_owner, s.lab, 999_999).await, StatusCode::NOT_FOUND).await;
    // Once per posting while open.
    request(&s).await;
    let (code, _) = error_code(send(&s, &s.lab_owner, s.lab, s.demand).await, StatusCode::CONFLICT).await;
    assert_eq!(code, "already_requested");
    // Blocked: the enterprise blocks the other lab, whose request is then refused.
    let blocks = format!("/api/v1/orgs/{}/blocks", s.m.org);
    error_code(post(&s, &s.other_owner, &blocks, json!({"org_id": s.other})).await, StatusCode::FORBIDDEN).await;
    let list = body(post(&s, &s.m.owner, &blocks, json!({"org_id": s.other})).await).await;
    assert_eq!(list[0]["id"], s.other);
    let (code, _) = error_code(send(&s, &s.other_owner, s.other, s.demand).await, StatusCode::FORBIDDEN).await;
    assert_eq!(code, "blocked");
    let lift = s.m.owner.delete(s.m.app.url(&format!("{blocks}/{}", s.other))).send().await.unwrap();
    assert_eq!(lift.status(), StatusCode::NO_CONTENT);
    assert_eq!(send(&s, &s.other_owner, s.other, s.demand).await.status(), StatusCode::CREATED);
    // Bad input: an empty message names the field.
    let bad = json!({"from_org": s.lab, "posting_id": s.fitting, "proposal": "pilot", "message": "  "});
    let (_, v) =
        error_code(post(&s, &s.other_owner, "/api/v1/engagements", bad).await, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(v["error"]["fields"]["message"].is_string());
    let bad = json!({"from_org": s.lab, "posting_id": s.fitting, "proposal": "bribe", "message": "hi"});
    let (_, v) =
        error_code(post(&s, &s.other_owner, "/api/v1/engagements", bad).await, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(v["error"]["fields"]["proposal"].is_string());
}

#[tokio::test]
async fn an_organization_beyond_its_daily_request_limit_gets_429() {
    let s = setup_with(market_with(|c| c.daily_request_limit = 1).await).await;
    request(&s).await;
    let (code, _) = error_code(send(&s, &s.lab_owner, s.lab, s.unrelated).await, StatusCode::TOO_MANY_REQUESTS).await;
    assert_eq!(code, "request_limit");
}

#[tokio::test]
async fn an_expired_request_cannot_be_accepted_and_unanswered_ones_expire() {
    let s = setup().await;
    let app = &s.m.app;
    let id = request(&s).await;
    // Two weeks on, unanswered: past its expiry.
    app.advance(time::Duration::days(14) + time::Duration::minutes(1));
    let one = format!("/api/v1/engagements/{id}");
    let (code, _) =
        error_code(post(&s, &s.m.owner, &format!("{one}/accept"), json!({})).await, StatusCode::CONFLICT).await;
    assert_eq!(code, "request_expired");
    assert_eq!(body(get(&s, &s.lab_owner, &one).await).await["status"], "expired");
    assert_eq!(body(get(&s, &s.lab_owner, &one).await).await["contacts"], json!([]));

    // The periodic job: a second request past its expiry expires; a third, sent eight days after
    // it, is halfway (seven days left) and gets its reminder once.
    let second = send(&s, &s.other_owner, s.other, s.demand).await;
    let second = body(second).await["id"].as_i64().unwrap();
    app.advance(time::Duration::days(8));
    let third = request(&s).await;
    let job = || app.state.clock.scope(backend::engage::ops::expire_due(&app.state));
    assert_eq!(job().await.unwrap(), (vec![], vec![second]), "the second is halfway after eight days");
    app.advance(time::Duration::days(7));
    let (expired, reminded) = job().await.unwrap();
    assert_eq!((expired, reminded), (vec![second], vec![third]));
    let (expired, reminded) = job().await.unwrap();
    assert!(expired.is_empty() && reminded.is_empty(), "each only once");
}

#[tokio::test]
async fn declining_needs_a_reason_and_a_withdrawn_request_cannot_be_accepted() {
    let s = setup().await;
    let id = request(&s).await;
    let one = format!("/api/v1/engagements/{id}");
    let (_, v) = error_code(
        post(&s, &s.m.owner, &format!("{one}/decline"), json!({"reason": ""})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(v["error"]["fields"]["reason"].is_string());
    let declined = body(post(&s, &s.m.owner, &format!("{one}/decline"), json!({"reason": "方向不符"})).await).await;
    assert_eq!(
        (declined["status"].as_str(), declined["decline_reason"].as_str()),
        (Some("declined"), Some("方向不符"))
    );
    // Declined is final for that request; a new one may be sent.
    error_code(post(&s, &s.m.owner, &format!("{one}/accept"), json!({})).await, StatusCode::CONFLICT).await;
    let again = request(&s).await;
    let again = format!("/api/v1/engagements/{again}");
    error_code(post(&s, &s.m.owner, &format!("{again}/withdraw"), json!({})).await, StatusCode::FORBIDDEN).await;
    assert_eq!(
        body(post(&s, &s.lab_owner, &format!("{again}/withdraw"), json!({})).await).await["status"],
        "withdrawn"
    );
    error_code(post(&s, &s.m.owner, &format!("{again}/accept"), json!({})).await, StatusCode::CONFLICT).await;
}

#[tokio::test]
async fn attachments_are_checked_by_content_stored_with_a_checksum_and_read_only_by_the_two_sides() {
    let s = setup().await;
    let id = request(&s).await;
    let upload = |client: &Client, name: &str, bytes: Vec<u8>| {
        let url = s.m.app.url(&format!("/api/v1/engagements/{id}/attachments?name={name}"));
        let req = client.post(url).header("content-type", "application/octet-stream").body(bytes);
        async move { req.send().await.unwrap() }
    };
    let pdf = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n".to_vec();
    // Not before acceptance.
    error_code(upload(&s.lab_owner, "report.pdf", pdf.clone()).await, StatusCode::CONFLICT).await;
    post(&s, &s.m.owner, &format!("/api/v1/engagements/{id}/accept"), json!({})).await;
    // An executable named .pdf is refused; so is anything over 10 MB.
    let (code, _) = error_code(
        upload(&s.lab_owner, "evil.pdf", b"MZ\x90\0\x03".to_vec()).await,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
    )
    .await;
    assert_eq!(code, "file_type");
    let mut big = b"%PDF-".to_vec();
    big.resize(10 * 1024 * 1024 + 10, b'x');
    let (_, v) = error_code(upload(&s.lab_owner, "big.pdf", big).await, StatusCode::PAYLOAD_TOO_LARGE).await;
    assert!(v["error"]["message"].as_str().unwrap().contains("10 MiB"), "the route's own limit: {v}");
    // A third organization cannot upload to the thread.
    error_code(upload(&s.other_owner, "x.pdf", pdf.clone()).await, StatusCode::NOT_FOUND).await;

    let r = upload(&s.lab_owner, "..%2F测试报告.pdf", pdf.clone()).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let file = body(r).await;
    assert_eq!((file["mime"].as_str(), file["name"].as_str()), (Some("application/pdf"), Some("测试报告.pdf")));
    let sha = file["sha256"].as_str().unwrap().to_owned();
    let stored = s.m.app.state.config.files_dir().join(&sha[..2]).join(&sha);
    assert_eq!(std::fs::read(&stored).unwrap(), pdf, "stored outside the database under its checksum");
    let download = format!("/api/v1/attachments/{}", file["id"]);
    // Unsent: only its uploader sees it.
    error_code(get(&s, &s.m.owner, &download).await, StatusCode::NOT_FOUND).await;
    let msg =
        post(&s, &s.lab_owner, &format!("/api/v1/engagements/{id}/messages"), json!({"attachments": [file["id"]]}))
            .await;
    assert_eq!(msg.status(), StatusCode::CREATED);
    assert_eq!(body(msg).await["attachments"][0]["sha256"], sha);
    let got = get(&s, &s.m.owner, &download).await;
    assert_eq!(got.status(), StatusCode::OK);
    assert_eq!(got.headers()["content-type"], "application/pdf");
    assert!(got.headers()["content-disposition"].to_str().unwrap().starts_with("attachment;"));
    assert_eq!(got.bytes().await.unwrap().to_vec(), pdf);
    error_code(get(&s, &s.other_owner, &download).await, StatusCode::NOT_FOUND).await;
    // An attachment cannot be sent twice or by someone else.
    let again =
        post(&s, &s.m.owner, &format!("/api/v1/engagements/{id}/messages"), json!({"attachments": [file["id"]]})).await;
    error_code(again, StatusCode::UNPROCESSABLE_ENTITY).await;
}

#[tokio::test]
async fn signed_deals_lift_the_partners_postings() {
    let s = setup().await;
    let score_of = |v: &Value, id: i64| v.as_array().unwrap().iter().find(|m| m["posting"]["id"] == id).cloned();
    let before = matches(&s.m.owner, &s, "").await;
    let fitting_before = score_of(&before, s.fitting).unwrap()["score"].as_u64().unwrap();

    let id = request(&s).await;
    post(&s, &s.m.owner, &format!("/api/v1/engagements/{id}/accept"), json!({})).await;
    let signed = post(&s, &s.m.owner, &format!("/api/v1/engagements/{id}/stage"), json!({"stage": "signed"})).await;
    assert_eq!(signed.status(), StatusCode::OK);
    let after = matches(&s.m.owner, &s, "").await;
    let lifted = score_of(&after, s.fitting).unwrap();
    assert!(lifted["score"].as_u64().unwrap() > fitting_before, "{lifted}");
    assert!(lifted["reasons"].as_array().unwrap().contains(&json!({"reason": "past_deal"})));

    // The engine learns the same from the database after a restart.
    let engine = backend::matching::ops::load(&s.m.app.state.db).await.unwrap();
    assert!(engine.feedback().deals(s.m.org, s.lab) > 0);
}

#[tokio::test]
async fn a_deal_failed_as_not_relevant_lowers_the_partners_postings() {
    let s = setup().await;
    let fitting = |v: Value| v.as_array().unwrap().iter().find(|m| m["posting"]["id"] == s.fitting).cloned().unwrap();
    let before = fitting(matches(&s.m.owner, &s, "").await);
    let id = request(&s).await;
    post(&s, &s.m.owner, &format!("/api/v1/engagements/{id}/accept"), json!({})).await;
    let stage = format!("/api/v1/engagements/{id}/stage");
    let (_, v) =
        error_code(post(&s, &s.m.owner, &stage, json!({"stage": "failed"})).await, StatusCode::UNPROCESSABLE_ENTITY)
            .await;
    assert!(v["error"]["fields"]["failure"].is_string(), "a failure needs its reason");
    let failed = post(&s, &s.lab_owner, &stage, json!({"stage": "failed", "failure": "not_relevant"})).await;
    assert_eq!(failed.status(), StatusCode::OK);
    let after = fitting(matches(&s.m.owner, &s, "").await);
    assert!(after["score"].as_u64().unwrap() < before["score"].as_u64().unwrap(), "{before} vs {after}");
    assert_eq!(after["held_back"], json!({"reason": "past_failure"}));
    // A failed deal is final.
    error_code(post(&s, &s.m.owner, &stage, json!({"stage": "signed"})).await, StatusCode::CONFLICT).await;
    let engine = backend::matching::ops::load(&s.m.app.state.db).await.unwrap();
    assert!(engine.feedback().deals(s.m.org, s.lab) < 0);
}

#[tokio::test]
async fn abuse_reports_reach_site_admins_only() {
    let s = setup().await;
    let id = request(&s).await;
    let report = json!({"org_id": s.m.org, "target_org": s.lab, "engagement_id": id, "reason": "重复发送广告"});
    error_code(post(&s, &s.other_owner, "/api/v1/reports", report.clone()).await, StatusCode::FORBIDDEN).await;
    assert_eq!(post(&s, &s.m.owner, "/api/v1/reports", report).await.status(), StatusCode::CREATED);
    let unrelated = json!({"org_id": s.m.org, "target_org": s.other, "engagement_id": id, "reason": "x"});
    error_code(post(&s, &s.m.owner, "/api/v1/reports", unrelated).await, StatusCode::UNPROCESSABLE_ENTITY).await;
    error_code(get(&s, &s.m.owner, "/api/v1/admin/reports").await, StatusCode::FORBIDDEN).await;
    let list = body(get(&s, &s.m.admin, "/api/v1/admin/reports").await).await;
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["target"]["id"], s.lab);
    assert_eq!(list[0]["reason"], "重复发送广告");
}

#[tokio::test]
async fn retention_deletes_messages_and_logs_older_than_an_admin_set_and_keeps_the_rest() {
    let s = setup().await;
    let app = &s.m.app;
    let id = request(&s).await;
    let thread = format!("/api/v1/engagements/{id}/messages");
    assert_eq!(
        body(post(&s, &s.m.owner, &format!("/api/v1/engagements/{id}/accept"), json!({})).await).await["status"],
        "accepted"
    );
    // Two hundred days ago: a message, a failed sign-in, the notifications so far, one of them read.
    assert_eq!(post(&s, &s.lab_owner, &thread, json!({"body": "去年的报价"})).await.status(), StatusCode::CREATED);
    let wrong_password = || async {
        let login = json!({"email": "ent@example.com", "password": "wrong-password-here"});
        let r = app.client().post(app.url("/api/v1/auth/login")).json(&login).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    };
    wrong_password().await;
    let notes = body(get(&s, &s.lab_owner, "/api/v1/notifications").await).await;
    assert!(notes["items"].as_array().is_some_and(|n| !n.is_empty()), "{notes}");
    let read = notes["items"][0]["id"].as_i64().unwrap();
    let r = post(&s, &s.lab_owner, &format!("/api/v1/notifications/{read}/read"), json!({})).await;
    assert!(r.status().is_success(), "{}", r.status());
    let old_notifications: (i64,) =
        sql::query_as("SELECT COUNT(*) FROM notifications").fetch_one(&app.state.db).await.unwrap();
    assert!(old_notifications.0 >= 2, "a read one and an unread one");
    // Today: the sessions of then have long expired, so everyone signs in again.
    app.advance(time::Duration::days(200));
    for (client, email) in
        [(&s.m.owner, "ent@example.com"), (&s.lab_owner, "lab@example.com"), (&s.m.admin, "admin@futurematch.test")]
    {
        let login = json!({"email": email, "password": crate::helpers::PASSWORD});
        let r = client.post(app.url("/api/v1/auth/login")).json(&login).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{email} signs in again");
    }
    assert_eq!(post(&s, &s.lab_owner, &thread, json!({"body": "本周的报价"})).await.status(), StatusCode::CREATED);
    wrong_password().await;
    let admin = &s.m.admin;
    let r = admin
        .put(app.url("/api/v1/admin/retention"))
        .json(&json!({"messages_days": 29, "logs_days": 100}))
        .send()
        .await
        .unwrap();
    let (_, v) = error_code(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(v["error"]["fields"]["messages_days"].is_string() && v["error"]["fields"]["logs_days"].is_string(), "{v}");
    // Nothing is deleted while nothing is set.
    let none = body(admin.post(app.url("/api/v1/admin/retention/apply")).send().await.unwrap()).await;
    assert_eq!(none, json!({"messages": 0, "event_messages": 0, "login_failures": 0, "emails": 0, "notifications": 0}));
    let set = admin
        .put(app.url("/api/v1/admin/retention"))
        .json(&json!({"messages_days": 90, "logs_days": 180}))
        .send()
        .await
        .unwrap();
    assert_eq!(set.status(), StatusCode::OK);
    let unread_before: (i64,) = sql::query_as("SELECT COUNT(*) FROM notifications WHERE read_at IS NULL")
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    let report = body(admin.post(app.url("/api/v1/admin/retention/apply")).send().await.unwrap()).await;
    assert_eq!((report["messages"].as_u64(), report["login_failures"].as_u64()), (Some(1), Some(1)), "{report}");
    assert_eq!(report["notifications"], 1, "only the read one");

    let left = body(get(&s, &s.m.owner, &thread).await).await;
    let bodies: Vec<&str> = left.as_array().unwrap().iter().filter_map(|m| m["body"].as_str()).collect();
    assert_eq!(bodies, ["本周的报价"]);
    let failures: (i64,) = sql::query_as("SELECT COUNT(*) FROM login_failures").fetch_one(&app.state.db).await.unwrap();
    assert_eq!(failures.0, 1);
    let unread: (i64,) = sql::query_as("SELECT COUNT(*) FROM notifications WHERE read_at IS NULL")
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert_eq!(unread, unread_before, "unread notifications are kept");
    let settings = body(admin.get(app.url("/api/v1/admin/retention")).send().await.unwrap()).await;
    assert_eq!((settings["messages_days"].as_u64(), settings["logs_days"].as_u64()), (Some(90), Some(180)));
    assert!(settings["applied_at"].is_string());
    let log = body(admin.get(app.url("/api/v1/admin/audit?action=retention.")).send().await.unwrap()).await;
    let actions: Vec<&str> = log["items"].as_array().unwrap().iter().filter_map(|e| e["action"].as_str()).collect();
    assert!(actions.contains(&"retention.edit") && actions.contains(&"retention.apply"), "{actions:?}");
}

#[tokio::test]
async fn an_organization_exports_its_requests_and_deals_with_their_terms_and_no_one_elses() {
    let s = setup().await;
    let id = request(&s).await;
    let one = format!("/api/v1/engagements/{id}");
    post(&s, &s.m.owner, &format!("{one}/accept"), json!({})).await;
    let signed = post(&s, &s.m.owner, &format!("{one}/stage"), json!({"stage": "signed", "contract_value": 300})).await;
    assert_eq!(signed.status(), StatusCode::OK);

    let r = get(&s, &s.m.owner, "/api/v1/engagements/export.xlsx?side=received").await;
    assert_eq!(r.status(), StatusCode::OK);
    let bytes = r.bytes().await.unwrap().to_vec();
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let range = book.worksheet_range("对接与交易").unwrap();
    let rows: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    assert_eq!(rows.len(), 2, "the heading and the one deal: {rows:?}");
    assert_eq!(rows[0][9], "合同金额（万元）");
    assert_eq!(
        (rows[1][0].as_str(), rows[1][7].as_str(), rows[1][8].as_str(), rows[1][9].as_str()),
        (id.to_string().as_str(), "已接受", "已签约", "300")
    );

    let csv = get(&s, &s.lab_owner, "/api/v1/engagements/export.csv").await.text().await.unwrap();
    assert_eq!(csv.lines().count(), 2, "the sender sees it too: {csv}");
    assert!(csv.contains("已签约"));
    let sent_only = get(&s, &s.lab_owner, "/api/v1/engagements/export.csv?side=received").await.text().await.unwrap();
    assert_eq!(sent_only.lines().count(), 1, "filters apply: {sent_only}");
    let outsider = get(&s, &s.other_owner, "/api/v1/engagements/export.csv").await.text().await.unwrap();
    assert_eq!(outsider.lines().count(), 1, "a third organization exports nothing of theirs");
    let foreign = get(&s, &s.other_owner, &format!("/api/v1/engagements/export.csv?org={}", s.lab)).await;
    error_code(foreign, StatusCode::FORBIDDEN).await;
}
