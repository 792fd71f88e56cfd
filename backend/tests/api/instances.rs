//! Several instances on one PostgreSQL database, as behind a load balancer: what is made through
//! one is served by the other, and capacity holds across both. These tests need PostgreSQL
//! (`FUTUREMATCH_TEST_POSTGRES`); `cargo xtask test` starts one and runs them.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{body, second_instance};
use crate::matching::{capability, posted};

/// How long a change made through one instance may take to show through another.
const WITHIN: Duration = Duration::from_secs(2);

fn require_postgres() {
    assert!(
        std::env::var_os("FUTUREMATCH_TEST_POSTGRES").is_some(),
        "set FUTUREMATCH_TEST_POSTGRES=postgres://user@host:port (cargo xtask test does)"
    );
}

/// Polls `check` until it holds, at most [`WITHIN`]; returns how long it took.
async fn within<F, Fut>(what: &str, mut check: F) -> Duration
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let started = Instant::now();
    loop {
        if check().await {
            return started.elapsed();
        }
        assert!(started.elapsed() < WITHIN, "{what} not seen through the other instance within {WITHIN:?}");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

fn has(list: &Value, id: i64) -> bool {
    list.as_array().is_some_and(|l| l.iter().any(|e| e["id"] == id || e["posting"]["id"] == id))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "needs PostgreSQL: FUTUREMATCH_TEST_POSTGRES (cargo xtask test starts one)"]
async fn a_posting_published_through_one_instance_is_searched_listed_and_matched_through_the_other() {
    require_postgres();
    let s = crate::matching::setup().await;
    let a = &s.m.app;
    let b = second_instance(a).await;
    // The session made through A works on B: sessions live in the shared database.
    let me = s.lab_owner.get(b.url("/api/v1/me")).send().await.unwrap();
    assert_eq!(me.status(), StatusCode::OK);

    let new = posted(
        &s.m,
        &s.lab_owner,
        capability(s.lab, "固态电解质界面原位表征平台", "advanced_energy", &["固态电池", "原位表征"], 8),
    )
    .await;
    let visitor = b.client();
    let searched = within("the search hit", || async {
        let r = visitor.get(b.url("/api/v1/search")).query(&[("q", "原位表征")]).send().await.unwrap();
        has(&body(r).await["items"], new)
    })
    .await;
    let listed = within("the list entry", || async {
        let r = visitor.get(b.url("/api/v1/capabilities")).send().await.unwrap();
        has(&body(r).await["items"], new)
    })
    .await;
    let matches = b.url(&format!("/api/v1/demands/{}/matches", s.demand));
    let matched =
        within("the match", || async { has(&body(visitor.get(&matches).send().await.unwrap()).await, new) }).await;
    eprintln!("seen through the other instance after: search {searched:?}, list {listed:?}, matches {matched:?}");

    // And back: closed through B, it leaves A's search and matches.
    let r = s.lab_owner.post(b.url(&format!("/api/v1/capabilities/{new}/close"))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let on_a = a.client();
    within("the closing", || async {
        let hits = body(on_a.get(a.url("/api/v1/search")).query(&[("q", "原位表征")]).send().await.unwrap()).await;
        let m = body(on_a.get(a.url(&format!("/api/v1/demands/{}/matches", s.demand))).send().await.unwrap()).await;
        !has(&hits["items"], new) && !has(&m, new)
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "needs PostgreSQL: FUTUREMATCH_TEST_POSTGRES (cargo xtask test starts one)"]
async fn a_registration_burst_through_two_instances_never_oversells() {
    require_postgres();
    let s = crate::events::setup().await;
    let b = second_instance(&s.app).await;
    let (event, ticket) = s.event(5, 100, false).await;
    let mut entries = vec![];
    for i in 0..24 {
        let c = s.app.user(&format!("u{i}@example.com"), &format!("用户{i}")).await;
        // Every other attendee goes through the second instance.
        entries.push((c, if i % 2 == 0 { s.app.url("") } else { b.url("") }));
    }
    let statuses = crate::events::register_at_once(entries, event, ticket).await;
    assert_eq!(statuses.iter().filter(|s| *s == "confirmed").count(), 5, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| *s == "waitlisted").count(), 19, "{statuses:?}");
    for app in [&s.app, &b] {
        let e = body(app.client().get(app.url(&format!("/api/v1/events/{event}"))).send().await.unwrap()).await;
        assert_eq!((e["registered"].as_u64(), e["ticket_types"][0]["free"].as_u64()), (Some(5), Some(0)));
        assert_eq!(e["ticket_types"][0]["waiting"], 19);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "needs PostgreSQL: FUTUREMATCH_TEST_POSTGRES (cargo xtask test starts one)"]
async fn the_last_seats_of_an_agenda_session_go_to_exactly_that_many_attendees_across_two_instances() {
    require_postgres();
    let s = crate::events::setup().await;
    let b = second_instance(&s.app).await;
    let (event, ticket) = s.event(30, 30, false).await;
    let session = json!({"title_zh": "闭门研讨：量子计算产业化", "starts_at": "2099-04-01T02:00:00Z",
                         "ends_at": "2099-04-01T03:00:00Z", "speakers": [], "capacity": 3});
    let r =
        s.organizer.post(s.app.url(&format!("/api/v1/events/{event}/sessions"))).json(&session).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let id = body(r).await[0]["id"].as_i64().unwrap();
    let mut entries = vec![];
    for i in 0..12 {
        let c = s.app.user(&format!("seat{i}@example.com"), &format!("参会人{i}")).await;
        entries.push((c, if i % 2 == 0 { s.app.url("") } else { b.url("") }));
    }
    let registered = crate::events::register_at_once(entries.clone(), event, ticket).await;
    assert!(registered.iter().all(|st| st == "confirmed"), "{registered:?}");

    let mut set = tokio::task::JoinSet::new();
    for (c, base) in entries {
        set.spawn(async move {
            let r = c.post(format!("{base}/api/v1/sessions/{id}/seat")).send().await.unwrap();
            let status = r.status();
            (status, body(r).await)
        });
    }
    let (mut seated, mut full) = (0, 0);
    while let Some(r) = set.join_next().await {
        let (status, v) = r.unwrap();
        match status {
            StatusCode::OK => seated += 1,
            StatusCode::CONFLICT if v["error"]["code"] == "session_full" => full += 1,
            other => panic!("unexpected answer {other}: {v}"),
        }
    }
    assert_eq!((seated, full), (3, 9));
    for app in [&s.app, &b] {
        let list =
            body(app.client().get(app.url(&format!("/api/v1/events/{event}/sessions"))).send().await.unwrap()).await;
        assert_eq!(list[0]["taken"], 3);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "needs PostgreSQL: FUTUREMATCH_TEST_POSTGRES (cargo xtask test starts one)"]
async fn two_owners_demoting_each_other_at_once_through_two_instances_always_leave_one_owner() {
    require_postgres();
    let a_app = crate::helpers::spawn_app().await;
    let b_app = second_instance(&a_app).await;
    let a = a_app.user("a@example.com", "甲").await;
    let org = a_app.org(&a, "并发所有者测试").await;
    let b = a_app.member(&a, org, "b@example.com", "乙").await;
    let id_of = |c: &reqwest::Client| {
        let c = c.clone();
        let url = a_app.url("/api/v1/me");
        async move { body(c.get(url).send().await.unwrap()).await["id"].as_i64().unwrap() }
    };
    let (a_id, b_id) = (id_of(&a).await, id_of(&b).await);
    let role = |who: &reqwest::Client, base: String, user: i64, role: &'static str| {
        let who = who.clone();
        async move {
            who.put(format!("{base}/api/v1/orgs/{org}/members/{user}"))
                .json(&json!({ "role": role }))
                .send()
                .await
                .unwrap()
        }
    };
    let mut owner = a_id;
    for round in 0..5 {
        // The owner makes the other one owner too; then each demotes the other at the same moment,
        // through different instances.
        let (first, other) = if owner == a_id { (&a, b_id) } else { (&b, a_id) };
        assert_eq!(role(first, a_app.url(""), other, "owner").await.status(), StatusCode::OK);
        let (x, y) = tokio::join!(role(&a, a_app.url(""), b_id, "member"), role(&b, b_app.url(""), a_id, "member"));
        let mut statuses = [x.status(), y.status()];
        statuses.sort();
        // One goes through; the other finds itself demoted (403) or the last owner standing (409).
        assert_eq!(statuses[0], StatusCode::OK, "round {round}");
        assert!(matches!(statuses[1], StatusCode::FORBIDDEN | StatusCode::CONFLICT), "round {round}: {statuses:?}");
        let members = body(a.get(a_app.url(&format!("/api/v1/orgs/{org}/members"))).send().await.unwrap()).await;
        let owners: Vec<i64> = members
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["role"] == "owner")
            .map(|m| m["user_id"].as_i64().unwrap())
            .collect();
        assert_eq!(owners.len(), 1, "round {round}: {members}");
        owner = owners[0];
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "needs PostgreSQL: FUTUREMATCH_TEST_POSTGRES (cargo xtask test starts one)"]
async fn a_writer_waits_for_the_lock_on_its_event_but_not_for_writers_of_another_event() {
    use backend::db::{Row, begin_write, lock};
    require_postgres();
    let s = crate::events::setup().await;
    let (one, _) = s.event(10, 10, false).await;
    let (two, _) = s.event(10, 10, false).await;
    let db = s.app.state.db.clone();
    let mut holder = begin_write(&db).await.unwrap();
    lock(&mut holder, Row::Event, &[one]).await.unwrap();

    let other = tokio::spawn({
        let db = db.clone();
        async move {
            let mut tx = begin_write(&db).await.unwrap();
            lock(&mut tx, Row::Event, &[two]).await.unwrap();
            tx.commit().await.unwrap();
        }
    });
    tokio::time::timeout(Duration::from_secs(10), other).await.expect("another event's writer does not wait").unwrap();

    let (tx_done, mut done) = tokio::sync::oneshot::channel();
    let same = tokio::spawn({
        let db = db.clone();
        async move {
            let mut tx = begin_write(&db).await.unwrap();
            lock(&mut tx, Row::Event, &[one]).await.unwrap();
            let _ = tx_done.send(());
            tx.commit().await.unwrap();
        }
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(done.try_recv().is_err(), "a writer of the same event went past the lock held on it");
    holder.commit().await.unwrap();
    tokio::time::timeout(Duration::from_secs(10), same)
        .await
        .expect("the waiting writer goes on once the lock is given back")
        .unwrap();
}
