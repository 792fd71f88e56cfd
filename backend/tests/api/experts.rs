//! The expert pool: applications, admin review, search by organizers.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{body, error_code, spawn_app};
use crate::market::org_of_kind;

fn application() -> Value {
    json!({"kind": "scientist", "domains": ["quantum"], "keywords": ["量子通信", "量子计算"],
           "affiliation": "浙江大学", "title": "教授", "bio": "从事量子信息研究二十年，主持多项国家重点研发计划。",
           "conflict_names": ["之江实验室"]})
}

#[tokio::test]
async fn an_expert_applies_an_admin_approves_and_organizers_find_them_by_field_and_words() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let expert = app.user("prof@example.com", "王教授").await;
    let organizer = app.user("org@example.com", "主办方").await;
    org_of_kind(&app, &organizer, "organizer", None, Some(&admin)).await;
    let stranger = app.user("x@example.com", "路人").await;
    let me = app.url("/api/experts/me");
    error_code(expert.get(&me).send().await.unwrap(), StatusCode::NOT_FOUND).await;
    let applied = body(expert.put(&me).json(&application()).send().await.unwrap()).await;
    assert_eq!(applied["status"], "pending");
    assert_eq!(applied["conflict_names"], json!(["之江实验室"]));
    let id = applied["id"].as_i64().unwrap();

    // Pending entries are not in the pool; the admins' queue has them, for admins only.
    let search = |q: &str| app.url(&format!("/api/experts{q}"));
    assert_eq!(body(organizer.get(search("")).send().await.unwrap()).await, json!([]));
    error_code(stranger.get(search("")).send().await.unwrap(), StatusCode::FORBIDDEN).await;
    error_code(expert.get(app.url("/api/admin/experts")).send().await.unwrap(), StatusCode::FORBIDDEN).await;
    let queue = body(admin.get(app.url("/api/admin/experts")).send().await.unwrap()).await;
    assert_eq!(queue[0]["id"], id);
    error_code(
        organizer.post(app.url(&format!("/api/admin/experts/{id}/approve"))).send().await.unwrap(),
        StatusCode::FORBIDDEN,
    )
    .await;
    let approved = body(admin.post(app.url(&format!("/api/admin/experts/{id}/approve"))).send().await.unwrap()).await;
    assert_eq!(approved["status"], "approved");

    // Organizers search the approved pool.
    let found = |v: Value| v.as_array().unwrap().iter().map(|e| e["id"].as_i64().unwrap()).collect::<Vec<_>>();
    assert_eq!(found(body(organizer.get(search("?domain=quantum&q=量子")).send().await.unwrap()).await), vec![id]);
    assert_eq!(found(body(organizer.get(search("?kind=scientist")).send().await.unwrap()).await), vec![id]);
    assert!(found(body(organizer.get(search("?domain=gen_ai")).send().await.unwrap()).await).is_empty());
    assert!(found(body(organizer.get(search("?q=生物")).send().await.unwrap()).await).is_empty());

    // A changed entry goes back to review; a rejection needs a reason, which the applicant sees.
    let mut changed = application();
    changed["title"] = json!("首席科学家");
    assert_eq!(body(expert.put(&me).json(&changed).send().await.unwrap()).await["status"], "pending");
    assert!(found(body(organizer.get(search("")).send().await.unwrap()).await).is_empty());
    let reject = app.url(&format!("/api/admin/experts/{id}/reject"));
    let (_, v) = error_code(
        admin.post(&reject).json(&json!({"reason": " "})).send().await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(v["error"]["fields"]["reason"].is_string());
    admin.post(&reject).json(&json!({"reason": "请补充近五年的代表性成果"})).send().await.unwrap();
    let mine = body(expert.get(&me).send().await.unwrap()).await;
    assert_eq!(
        (mine["status"].as_str(), mine["reason"].as_str()),
        (Some("rejected"), Some("请补充近五年的代表性成果"))
    );
}

#[tokio::test]
async fn an_application_with_an_unknown_field_or_organization_is_refused_naming_the_field() {
    let app = spawn_app().await;
    let expert = app.user("prof@example.com", "王教授").await;
    let mut bad = application();
    bad["domains"] = json!(["no_such_field"]);
    bad["conflict_orgs"] = json!([999_999]);
    let (code, v) = error_code(
        expert.put(app.url("/api/experts/me")).json(&bad).send().await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(code, "validation_failed");
    assert!(v["error"]["fields"]["domains"].is_string(), "{v}");
    bad["domains"] = json!(["quantum"]);
    let (_, v) = error_code(
        expert.put(app.url("/api/experts/me")).json(&bad).send().await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(v["error"]["fields"]["conflict_orgs"].is_string(), "{v}");
}
