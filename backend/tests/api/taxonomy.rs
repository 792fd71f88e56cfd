use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{body, error_code, spawn_app};

fn codes(tax: &Value, kind: &str) -> Vec<String> {
    tax["terms"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["kind"] == kind)
        .map(|t| t["code"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn taxonomy_serves_the_plan_reference_lists_with_both_labels() {
    let app = spawn_app().await;
    let tax = body(app.client().get(app.url("/api/v1/taxonomy")).send().await.unwrap()).await;
    let domains = tax["terms"].as_array().unwrap().iter().filter(|t| t["kind"] == "domain").collect::<Vec<_>>();
    assert_eq!(domains.iter().filter(|t| t["group"] == "hot").count(), 5, "the 5 hot industries");
    assert!(domains.iter().filter(|t| t["group"] == "frontier").count() >= 5, "the X frontier fields");
    assert_eq!(codes(&tax, "district").len(), 13, "Hangzhou's 13 districts and counties");
    for kind in
        ["pilot_zone", "enterprise_tier", "lab_subtype", "investor_type", "investment_stage", "scenario_category"]
    {
        assert!(!codes(&tax, kind).is_empty(), "{kind} is empty");
    }
    for t in tax["terms"].as_array().unwrap() {
        assert!(!t["label_zh"].as_str().unwrap().is_empty() && !t["label_en"].as_str().unwrap().is_empty(), "{t}");
    }
    let hot: Vec<&str> =
        domains.iter().filter(|t| t["group"] == "hot").map(|t| t["label_zh"].as_str().unwrap()).collect();
    assert_eq!(hot, ["生成式人工智能", "低空经济", "人形机器人", "类脑智能", "合成生物"]);
}

#[tokio::test]
async fn an_admin_adds_a_frontier_field_that_organizations_can_then_use() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let r = admin
        .post(app.url("/api/v1/admin/taxonomy"))
        .json(&json!({"kind": "domain", "code": "space_info", "label_zh": "空天信息", "label_en": "Space information", "group": "frontier"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let tax = body(app.client().get(app.url("/api/v1/taxonomy")).send().await.unwrap()).await;
    assert!(codes(&tax, "domain").contains(&"space_info".to_owned()));

    let owner = app.user("o@example.com", "O").await;
    let r = owner
        .post(app.url("/api/v1/orgs"))
        .json(&json!({"name_zh": "空天企业", "kind": "enterprise", "domains": ["space_info"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED, "the new entry is usable at once");

    let dup = admin
        .post(app.url("/api/v1/admin/taxonomy"))
        .json(&json!({"kind": "domain", "code": "space_info", "label_zh": "重复", "label_en": "Dup"}))
        .send()
        .await
        .unwrap();
    assert_eq!(error_code(dup, StatusCode::CONFLICT).await.0, "term_exists");
    let bad = admin
        .post(app.url("/api/v1/admin/taxonomy"))
        .json(&json!({"kind": "pilot_zone", "code": "Bad Code", "label_zh": "", "label_en": "x", "parent": "mars"}))
        .send()
        .await
        .unwrap();
    let (_, v) = error_code(bad, StatusCode::UNPROCESSABLE_ENTITY).await;
    for f in ["code", "label_zh", "parent"] {
        assert!(v["error"]["fields"][f].is_string(), "{f}: {v}");
    }
}

#[tokio::test]
async fn adding_reference_data_is_for_admins_only() {
    let app = spawn_app().await;
    let term = json!({"kind": "district", "code": "nowhere", "label_zh": "无", "label_en": "Nowhere"});
    let anon = app.client().post(app.url("/api/v1/admin/taxonomy")).json(&term).send().await.unwrap();
    assert_eq!(error_code(anon, StatusCode::UNAUTHORIZED).await.0, "unauthenticated");
    let user = app.user("u@example.com", "U").await;
    let r = user.post(app.url("/api/v1/admin/taxonomy")).json(&term).send().await.unwrap();
    assert_eq!(error_code(r, StatusCode::FORBIDDEN).await.0, "forbidden");
    let tax = body(app.client().get(app.url("/api/v1/taxonomy")).send().await.unwrap()).await;
    assert!(!codes(&tax, "district").contains(&"nowhere".to_owned()));
}
