//! The API as a contract: the served OpenAPI document keeps what the committed one promises, every
//! path is spelled once (`shared::paths`, used by the router and the client), and a request with
//! problems is answered once, naming every problem.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{body, error_code, spawn_app};
use crate::market::{demand, market};

#[tokio::test]
async fn the_served_document_keeps_every_operation_parameter_and_field_of_the_committed_one() {
    let app = spawn_app().await;
    let served = body(app.client().get(app.url("/api/v1/openapi.json")).send().await.unwrap()).await;
    let committed: Value =
        serde_json::from_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../api/openapi.json"))).unwrap();
    let breaks = backend::http::contract::breaking_changes(&committed, &served);
    assert!(
        breaks.is_empty(),
        "the API no longer keeps what api/openapi.json promises:\n{}\n\
         If the change is intended, write the new document with \
         `cargo run -p backend -- openapi > api/openapi.json`: its diff is the review of the change.",
        breaks.join("\n")
    );
    assert!(served["paths"].as_object().unwrap().len() >= 150, "the served document describes the API");
}

#[tokio::test]
async fn every_path_the_client_builds_is_one_the_router_serves_and_the_other_way_round() {
    let app = spawn_app().await;
    let served = body(app.client().get(app.url("/api/v1/openapi.json")).send().await.unwrap()).await;
    let operations: std::collections::BTreeSet<String> = served["paths"]
        .as_object()
        .unwrap()
        .keys()
        .filter(|p| !["/api/v1/openapi.json", "/api/v1/docs", "/healthz"].contains(&p.as_str()))
        .cloned()
        .collect();
    let shared: std::collections::BTreeSet<String> =
        shared::paths::ALL.iter().map(|t| format!("{}{t}", shared::paths::PREFIX)).collect();
    let unserved: Vec<&String> = shared.difference(&operations).collect();
    let unshared: Vec<&String> = operations.difference(&shared).collect();
    assert!(unserved.is_empty(), "shared::paths names paths the router does not serve: {unserved:?}");
    assert!(unshared.is_empty(), "the router serves paths shared::paths does not name: {unshared:?}");
    // A built path lands on its operation: the id in place, the prefix once.
    let r = app.client().get(app.url(&shared::paths::event(424242))).send().await.unwrap();
    assert_eq!(error_code(r, StatusCode::NOT_FOUND).await.0, "not_found");
}

#[tokio::test]
async fn a_body_with_several_problems_is_answered_once_naming_each_and_the_allowed_values() {
    let m = market().await;
    let mut bad = demand(m.org);
    let fields = bad.as_object_mut().unwrap();
    fields.remove("trl");
    fields.remove("summary_zh");
    fields.insert("demand_type".into(), json!("joint_rd"));
    fields.insert("budget_max".into(), json!("五百"));
    fields.insert("price".into(), json!(300));
    // The account's language is English.
    let r = m
        .owner
        .put(m.app.url("/api/v1/me"))
        .json(&json!({"display_name": "企业主", "locale": "en"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let r = m.owner.post(m.app.url("/api/v1/demands")).json(&bad).send().await.unwrap();
    let (code, v) = error_code(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(code, "validation_failed");
    let named = &v["error"]["fields"];
    let mut keys: Vec<&str> = named.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(keys, ["budget_max", "demand_type", "price", "summary_zh", "trl"], "{v}");
    let allowed = named["demand_type"].as_str().unwrap();
    assert!(allowed.contains("joint_rnd") && allowed.contains("tech_problem"), "{allowed}");
    assert!(named["price"].as_str().unwrap().starts_with("Unknown field"), "{v}");
    let r = m
        .owner
        .put(m.app.url("/api/v1/me"))
        .json(&json!({"display_name": "企业主", "locale": "zh-CN"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let r = m.owner.post(m.app.url("/api/v1/demands")).json(&bad).send().await.unwrap();
    let (_, v) = error_code(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(v["error"]["fields"]["demand_type"].as_str().unwrap().contains("可选值：tech_problem、"), "{v}");
    let mine = body(m.owner.get(m.app.url("/api/v1/demands?mine=true")).send().await.unwrap()).await;
    assert_eq!(mine["total"], 0, "nothing was stored");
}

#[tokio::test]
async fn a_query_string_is_held_to_the_same_rule_as_a_body() {
    let app = spawn_app().await;
    let r = app.client().get(app.url("/api/v1/search?q=电池&kind=capabilities&sort=new")).send().await.unwrap();
    let (code, v) = error_code(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(code, "validation_failed");
    assert!(v["error"]["fields"]["kind"].as_str().unwrap().contains("capability"), "names the allowed kinds: {v}");
    assert!(v["error"]["fields"]["sort"].is_string(), "an unknown parameter is named: {v}");
    let r = app.client().get(app.url("/api/v1/search?kind=capability")).send().await.unwrap();
    let (_, v) = error_code(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(v["error"]["fields"]["q"].is_string(), "a missing required parameter is named: {v}");
    let r = app.client().get(app.url("/api/v1/demands?amount_min=5000000000&trl_min=x")).send().await.unwrap();
    let (_, v) = error_code(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(v["error"]["fields"].as_object().unwrap().len(), 2, "both problems at once: {v}");
    let ok = app.client().get(app.url("/api/v1/search?q=电池&kind=capability&page=1")).send().await.unwrap();
    assert_eq!(ok.status(), StatusCode::OK);
}

#[tokio::test]
async fn matches_of_an_unpublished_posting_answer_409_not_published() {
    let m = market().await;
    let id = m.draft(demand(m.org), "/api/v1/demands").await;
    let r = m.owner.get(m.app.url(&format!("/api/v1/demands/{id}/matches"))).send().await.unwrap();
    let (code, v) = error_code(r, StatusCode::CONFLICT).await;
    assert_eq!(code, "not_published", "{v}");
    let r = m.owner.get(m.app.url(&format!("/api/v1/demands/{id}/bundles"))).send().await.unwrap();
    assert_eq!(error_code(r, StatusCode::CONFLICT).await.0, "not_published");
    m.publish(&m.owner, "/api/v1/demands", id).await;
    let r = m.owner.get(m.app.url(&format!("/api/v1/demands/{id}/matches"))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
}

/// A value of another JSON type than `v`'s.
fn mistyped(v: &Value) -> Value {
    match v {
        Value::String(_) => json!(12345),
        Value::Number(_) => json!("十二"),
        Value::Array(_) => json!("a, b"),
        Value::Bool(_) => json!("yes"),
        Value::Object(_) => json!(7),
        Value::Null => json!({"x": 1}),
    }
}

#[tokio::test]
async fn any_one_field_of_a_valid_body_removed_mistyped_or_renamed_answers_422_naming_it() {
    let m = market().await;
    let valid = demand(m.org);
    let post = |v: Value| {
        let (c, url) = (m.owner.clone(), m.app.url("/api/v1/demands"));
        async move {
            let r = c.post(url).json(&v).send().await.unwrap();
            let status = r.status();
            (status, body(r).await)
        }
    };
    let named = |v: &Value| -> Vec<String> {
        v["error"]["fields"].as_object().map(|f| f.keys().cloned().collect()).unwrap_or_default()
    };
    let mut required = Vec::new();
    for (field, value) in valid.as_object().unwrap() {
        let mut removed = valid.clone();
        removed.as_object_mut().unwrap().remove(field);
        let (status, v) = post(removed).await;
        match status {
            StatusCode::CREATED => {}
            StatusCode::UNPROCESSABLE_ENTITY => {
                assert_eq!(named(&v), std::slice::from_ref(field), "without `{field}`: {v}");
                required.push(field.clone());
            }
            other => panic!("without `{field}`: {other} {v}"),
        }

        let mut wrong = valid.clone();
        wrong[field] = mistyped(value);
        let (status, v) = post(wrong).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "`{field}` mistyped: {v}");
        assert_eq!(named(&v), std::slice::from_ref(field), "`{field}` mistyped: {v}");

        let mut renamed = valid.clone();
        let fields = renamed.as_object_mut().unwrap();
        let value = fields.remove(field).unwrap();
        fields.insert(format!("{field}_typo"), value);
        let (status, v) = post(renamed).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "`{field}` renamed: {v}");
        assert!(named(&v).contains(&format!("{field}_typo")), "`{field}` renamed: {v}");
    }
    required.sort();
    assert_eq!(required, ["demand_type", "domains", "kind", "org_id", "summary_zh", "title_zh", "trl"]);
}

#[tokio::test]
async fn the_unversioned_paths_of_the_first_release_redirect_to_v1_keeping_method_and_body() {
    let app = spawn_app().await;
    let plain = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let r = plain.get(app.url("/api/demands?page=2")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::PERMANENT_REDIRECT);
    assert_eq!(r.headers()["location"], "/api/v1/demands?page=2");
    assert_eq!(r.headers()["deprecation"], "true");
    let r = plain.get(app.url("/api/v1/no/such/thing")).send().await.unwrap();
    assert_eq!(error_code(r, StatusCode::NOT_FOUND).await.0, "route_not_found", "no redirect under /api/v1");
    // A client that follows redirects still registers through the old path: the body is kept.
    let body_of =
        json!({"email": "old-path@example.com", "password": "a-long-passphrase-2026", "display_name": "旧路径"});
    let r = app.client().post(app.url("/api/auth/register")).json(&body_of).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    assert_eq!(body(r).await["email"], "old-path@example.com");
}
