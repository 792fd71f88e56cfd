//! Several instances on one PostgreSQL database, as behind a load balancer: what is made through
//! one is served by the other, and capacity holds across both. These tests need PostgreSQL
//! (`FUTUREMATCH_TEST_POSTGRES`); `cargo xtask test` starts one and runs them.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::Value;

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
    let me = s.lab_owner.get(b.url("/api/me")).send().await.unwrap();
    assert_eq!(me.status(), StatusCode::OK);

    let new = posted(
        &s.m,
        &s.lab_owner,
        capability(s.lab, "固态电解质界面原位表征平台", "advanced_energy", &["固态电池", "原位表征"], 8),
    )
    .await;
    let visitor = b.client();
    let searched = within("the search hit", || async {
        let r = visitor.get(b.url("/api/search")).query(&[("q", "原位表征")]).send().await.unwrap();
        has(&body(r).await["hits"], new)
    })
    .await;
    let listed = within("the list entry", || async {
        let r = visitor.get(b.url("/api/capabilities")).send().await.unwrap();
        has(&body(r).await["items"], new)
    })
    .await;
    let matches = b.url(&format!("/api/demands/{}/matches", s.demand));
    let matched =
        within("the match", || async { has(&body(visitor.get(&matches).send().await.unwrap()).await, new) }).await;
    eprintln!("seen through the other instance after: search {searched:?}, list {listed:?}, matches {matched:?}");

    // And back: closed through B, it leaves A's search and matches.
    let r = s.lab_owner.post(b.url(&format!("/api/capabilities/{new}/close"))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let on_a = a.client();
    within("the closing", || async {
        let hits = body(on_a.get(a.url("/api/search")).query(&[("q", "原位表征")]).send().await.unwrap()).await;
        let m = body(on_a.get(a.url(&format!("/api/demands/{}/matches", s.demand))).send().await.unwrap()).await;
        !has(&hits["hits"], new) && !has(&m, new)
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
        let e = body(app.client().get(app.url(&format!("/api/events/{event}"))).send().await.unwrap()).await;
        assert_eq!((e["registered"].as_u64(), e["ticket_types"][0]["free"].as_u64()), (Some(5), Some(0)));
        assert_eq!(e["ticket_types"][0]["waiting"], 19);
    }
}
