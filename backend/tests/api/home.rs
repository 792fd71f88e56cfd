//! The front door (`GET /api/v1/home`) and the page shell the server sends for any path: preload
//! hints for the path's page area and the boot data (reference lists, who is signed in).

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::body;
use crate::market::demand;
use crate::matching::setup;

#[tokio::test]
async fn the_front_door_shows_live_figures_newest_demands_and_open_calls_closing_soon_to_a_visitor() {
    let s = setup().await;
    let m = &s.m;
    // An open call (揭榜挂帅) that closes soon, one that closes later, and one that is only a draft.
    let mut call = demand(m.org);
    call["title_zh"] = json!("揭榜挂帅：钠离子电池低温性能");
    call["open_call"] = json!({"reward": 300, "application_deadline": "2098-01-10"});
    let soon = m.draft(call.clone(), "/api/v1/demands").await;
    m.publish(&m.owner, "/api/v1/demands", soon).await;
    call["title_zh"] = json!("揭榜挂帅：固态电池量产工艺");
    call["open_call"] = json!({"reward": 800, "application_deadline": "2098-06-30"});
    let later = m.draft(call.clone(), "/api/v1/demands").await;
    m.publish(&m.owner, "/api/v1/demands", later).await;
    let draft = m.draft(call, "/api/v1/demands").await;

    let r = m.app.client().get(m.app.url("/api/v1/home")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let home: Value = body(r).await;
    assert_eq!(home["figures"]["demands"], 3, "the set-up's demand and the two calls: {home}");
    assert_eq!(home["figures"]["capabilities"], 2);
    assert_eq!(home["figures"]["deals_this_year"], 0);
    let newest: Vec<i64> =
        home["newest_demands"].as_array().unwrap().iter().map(|d| d["id"].as_i64().unwrap()).collect();
    assert_eq!(newest[0], later, "newest first: {newest:?}");
    assert!(!newest.contains(&draft), "drafts are not public");
    let calls: Vec<i64> = home["open_calls"].as_array().unwrap().iter().map(|c| c["id"].as_i64().unwrap()).collect();
    assert_eq!(calls, vec![soon, later], "the soonest deadline first; plain demands and drafts are not calls");
    assert_eq!(home["open_calls"][0]["reward"], 300);
    assert!(home["todo"].is_null(), "a visitor has no to-do list");

    // The calls are kept in memory: closing one takes it off the front door at once.
    let closed = m.owner.post(m.app.url(&format!("/api/v1/demands/{soon}/close"))).send().await.unwrap();
    assert_eq!(closed.status(), StatusCode::OK);
    let home: Value = body(m.app.client().get(m.app.url("/api/v1/home")).send().await.unwrap()).await;
    let calls: Vec<i64> = home["open_calls"].as_array().unwrap().iter().map(|c| c["id"].as_i64().unwrap()).collect();
    assert_eq!(calls, vec![later], "a closed call is no longer open");
}

#[tokio::test]
async fn a_signed_in_person_sees_the_requests_waiting_for_their_organization() {
    let s = setup().await;
    let m = &s.m;
    let mine: Value = body(m.owner.get(m.app.url("/api/v1/home")).send().await.unwrap()).await;
    assert_eq!(mine["todo"]["requests_waiting"], 0);
    let req = json!({"from_org": s.lab, "posting_id": s.demand, "source_id": null, "proposal": "joint_development",
                     "message": "我们的界面改性平台可以解决贵方的循环寿命问题，希望洽谈联合开发。"});
    let r = s.lab_owner.post(m.app.url("/api/v1/engagements")).json(&req).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let mine: Value = body(m.owner.get(m.app.url("/api/v1/home")).send().await.unwrap()).await;
    assert_eq!(mine["todo"]["requests_waiting"], 1, "{mine}");
    let theirs: Value = body(s.lab_owner.get(m.app.url("/api/v1/home")).send().await.unwrap()).await;
    assert_eq!(theirs["todo"]["requests_waiting"], 0, "a request sent is not one waiting for the sender");
}

/// The boot data of a served page: each carried answer by its path.
fn answers(html: &str) -> std::collections::BTreeMap<String, Value> {
    let boot = html
        .split(r#"<script type="application/json" id="fm-boot">"#)
        .nth(1)
        .unwrap_or_else(|| panic!("no boot data in {html}"))
        .split("</script>")
        .next()
        .unwrap();
    let boot: Value = serde_json::from_str(boot).unwrap();
    boot["answers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["path"].as_str().unwrap().to_owned(), serde_json::from_str(a["body"].as_str().unwrap()).unwrap()))
        .collect()
}

#[tokio::test]
async fn the_page_shell_carries_its_area_and_the_answers_to_what_every_page_asks_first() {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(dist.path().join("index.html"), "<html><head><title>t</title></head><body></body></html>").unwrap();
    std::fs::write(
        dist.path().join("preload.json"),
        r#"{"posting": ["/pkg-1/split_posting_1.wasm", "/pkg-1/chunk_2.wasm"], "events_browse": ["/pkg-1/split_events_browse_3.wasm"]}"#,
    )
    .unwrap();
    let app = crate::helpers::spawn_app_with(|c| c.dist_dir = dist.path().to_path_buf()).await;
    let visitor = app.client().get(app.url("/demands/42")).send().await.unwrap();
    assert_eq!(visitor.status(), StatusCode::OK);
    assert_eq!(visitor.headers()["cache-control"], "private, no-cache", "it holds the caller's session");
    let html = visitor.text().await.unwrap();
    assert!(html.contains(r#"<link rel="preload" href="/pkg-1/split_posting_1.wasm" as="fetch""#), "{html}");
    assert!(html.contains(r#"href="/pkg-1/chunk_2.wasm""#));
    assert!(!html.contains("events_browse"), "only the path's own area");
    let boot = answers(&html);
    assert!(boot["/api/v1/taxonomy"]["terms"].as_array().is_some_and(|t| !t.is_empty()), "{boot:?}");
    assert!(boot["/api/v1/auth/session"]["user"].is_null());
    assert!(!boot.contains_key("/api/v1/demands/42"), "a 404 is not carried: the page asks and shows it");
    let home = app.client().get(app.url("/")).send().await.unwrap().text().await.unwrap();
    assert!(!home.contains(r#"rel="preload""#), "the home page is in the shell: nothing to preload");
    assert!(answers(&home)["/api/v1/home"]["figures"].is_object(), "the front door's data is in the page");

    let owner = app.user("shell@example.com", "壳").await;
    let html = owner.get(app.url("/events")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("split_events_browse_3.wasm"));
    let boot = answers(&html);
    assert_eq!(boot["/api/v1/auth/session"]["user"]["display_name"], "壳", "the signed-in person is in the page");
    assert!(boot["/api/v1/events"]["items"].is_array());
}

#[tokio::test]
async fn a_postings_page_carries_the_posting_its_matches_and_bundles_as_the_caller_would_see_them() {
    let s = setup().await;
    let m = &s.m;
    std::fs::create_dir_all(&m.app.state.config.dist_dir).unwrap();
    std::fs::write(m.app.state.config.dist_dir.join("index.html"), "<html><head></head><body></body></html>").unwrap();
    let page = |client: reqwest::Client, path: String| async move {
        answers(&client.get(path).send().await.unwrap().text().await.unwrap())
    };
    let demand = s.demand;
    let boot = page(m.app.client(), m.app.url(&format!("/demands/{demand}"))).await;
    assert_eq!(boot[&format!("/api/v1/demands/{demand}")]["id"], demand);
    assert_eq!(boot[&format!("/api/v1/demands/{demand}")]["mine"], false);
    let matches = boot[&format!("/api/v1/demands/{demand}/matches?kind=capability")].as_array().unwrap().clone();
    assert_eq!(matches[0]["posting"]["id"], s.fitting, "the best match first: {matches:?}");
    assert!(boot[&format!("/api/v1/demands/{demand}/bundles")].is_array());
    // Its owner's page says it is theirs: the answers are asked as the caller.
    let boot = page(m.owner.clone(), m.app.url(&format!("/demands/{demand}"))).await;
    assert_eq!(boot[&format!("/api/v1/demands/{demand}")]["mine"], true);
    // A search for words carries its results.
    let boot = page(m.app.client(), m.app.url("/search?q=%E5%9B%BA%E6%80%81%E7%94%B5%E6%B1%A0")).await;
    let hits = &boot["/api/v1/search?q=%E5%9B%BA%E6%80%81%E7%94%B5%E6%B1%A0"];
    assert!(hits.is_object(), "{boot:?}");
}
