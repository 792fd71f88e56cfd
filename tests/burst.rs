//! The registration burst: 2,000 distinct users register at once for a ticket type of 300 seats,
//! against the real server on a file database. Exactly 300 are confirmed, the rest wait in the
//! order their registrations were committed, nobody twice, no errors; then 50 cancel and exactly 50
//! offers go to the first 50 waiting. Prints the registrations per second it reached.

use std::sync::Arc;
use std::time::Instant;

use backend::db::sql;
use e2e::Server;
use serde_json::{Value, json};

const USERS: usize = 2_000;
const SEATS: u32 = 300;
const CANCELS: usize = 50;
const IN_FLIGHT: usize = 256;

async fn statuses(server: &Server, event: i64) -> Vec<(i64, String)> {
    sql::query_as("SELECT id, status FROM registrations WHERE event_id = $1 ORDER BY id")
        .bind(event)
        .fetch_all(&server.state.db)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_burst_of_2000_registrations_for_300_seats_confirms_exactly_300_and_queues_the_rest_in_order() {
    let server = Server::start().await;
    let host = server.user("host@example.com", false).await;
    let org = server.verified_org(host, shared::orgs::OrgKind::Organizer, "杭州市未来产业促进中心").await;
    let client = reqwest::Client::new();
    let host_cookie = server.session_cookie(host).await;
    let event = json!({"org_id": org, "title_zh": "2027杭州未来产业国际论坛", "description_zh": "聚焦5+X未来产业",
        "event_type": "forum", "venue": "杭州国际博览中心", "starts_at": "2099-04-01T01:00:00Z",
        "ends_at": "2099-04-01T09:00:00Z", "capacity": SEATS});
    let r = client.post(server.url("/api/v1/events")).header("cookie", &host_cookie).json(&event).send().await.unwrap();
    assert_eq!(r.status(), 201);
    let event: i64 = r.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let r = client
        .post(server.url(&format!("/api/v1/events/{event}/ticket-types")))
        .header("cookie", &host_cookie)
        .json(&json!({"name_zh": "普通", "quota": SEATS}))
        .send()
        .await
        .unwrap();
    let ticket = r.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let cookies = Arc::new(server.many_users(USERS).await);

    // Everyone at once: one task per user, at most `IN_FLIGHT` requests on the wire at a time (as
    // a load generator's connection count; beyond the listen backlog a real client would see
    // connection timeouts, not the server's answer).
    let url = server.url(&format!("/api/v1/events/{event}/registrations"));
    let gate = Arc::new(tokio::sync::Semaphore::new(IN_FLIGHT));
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..USERS {
        let (client, url, cookies, gate) = (client.clone(), url.clone(), cookies.clone(), gate.clone());
        tasks.spawn(async move {
            let _permit = gate.acquire().await.unwrap();
            let body = json!({"ticket_type": ticket, "people": [format!("参会人{i}")]});
            let r = client.post(&url).header("cookie", &cookies[i].1).json(&body).send().await.unwrap();
            let status = r.status().as_u16();
            let v: Value = r.json().await.unwrap_or(Value::Null);
            if status != 201 {
                eprintln!("{status}: {v}");
            }
            (i, status, v["id"].as_i64(), v["status"].as_str().unwrap_or_default().to_owned())
        });
    }
    let mut answers = vec![];
    while let Some(r) = tasks.join_next().await {
        answers.push(r.unwrap());
    }
    let elapsed = started.elapsed();
    println!(
        "burst: {USERS} registrations in {:.2} s = {:.0} registrations/s",
        elapsed.as_secs_f64(),
        USERS as f64 / elapsed.as_secs_f64()
    );
    assert!(answers.iter().all(|(_, status, ..)| *status == 201), "zero errors");
    let confirmed = answers.iter().filter(|a| a.3 == "confirmed").count();
    let waitlisted = answers.iter().filter(|a| a.3 == "waitlisted").count();
    assert_eq!((confirmed, waitlisted), (SEATS as usize, USERS - SEATS as usize));

    // In the database: one registration per user, the confirmed ones exactly the first 300
    // committed, the waiting list in commit order behind them.
    let rows = statuses(&server, event).await;
    assert_eq!(rows.len(), USERS, "zero duplicates");
    let (distinct,): (i64,) = sql::query_as("SELECT COUNT(DISTINCT user_id) FROM registrations WHERE event_id = $1")
        .bind(event)
        .fetch_one(&server.state.db)
        .await
        .unwrap();
    assert_eq!(distinct as usize, USERS);
    assert!(rows[..SEATS as usize].iter().all(|(_, s)| s == "confirmed"));
    assert!(rows[SEATS as usize..].iter().all(|(_, s)| s == "waitlisted"));

    // 50 cancel at once: exactly 50 offers, to the first 50 waiting.
    let by_registration: std::collections::HashMap<i64, usize> =
        answers.iter().filter_map(|(i, _, id, _)| id.map(|id| (id, *i))).collect();
    let mut tasks = tokio::task::JoinSet::new();
    for (id, _) in &rows[..CANCELS] {
        let user = by_registration[id];
        let (client, url, cookie) =
            (client.clone(), server.url(&format!("/api/v1/registrations/{id}/cancel")), cookies[user].1.clone());
        tasks.spawn(async move { client.post(&url).header("cookie", cookie).send().await.unwrap().status().as_u16() });
    }
    while let Some(r) = tasks.join_next().await {
        assert_eq!(r.unwrap(), 200);
    }
    let after = statuses(&server, event).await;
    let offered: Vec<i64> = after.iter().filter(|(_, s)| s == "offered").map(|(id, _)| *id).collect();
    let first_waiting: Vec<i64> = rows[SEATS as usize..SEATS as usize + CANCELS].iter().map(|(id, _)| *id).collect();
    assert_eq!(offered, first_waiting, "the freed seats go to the first 50 waiting, in order");
    let held = after.iter().filter(|(_, s)| matches!(s.as_str(), "confirmed" | "offered" | "pending")).count();
    assert_eq!(held, SEATS as usize, "capacity still exact");
}
