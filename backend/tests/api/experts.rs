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
    let me = app.url("/api/v1/experts/me");
    error_code(expert.get(&me).send().await.unwrap(), StatusCode::NOT_FOUND).await;
    let applied = body(expert.put(&me).json(&application()).send().await.unwrap()).await;
    assert_eq!(applied["status"], "pending");
    assert_eq!(applied["conflict_names"], json!(["之江实验室"]));
    let id = applied["id"].as_i64().unwrap();

    // Pending entries are not in the pool; the admins' queue has them, for admins only.
    let search = |q: &str| app.url(&format!("/api/v1/experts{q}"));
    assert_eq!(body(organizer.get(search("")).send().await.unwrap()).await, json!([]));
    error_code(stranger.get(search("")).send().await.unwrap(), StatusCode::FORBIDDEN).await;
    error_code(expert.get(app.url("/api/v1/admin/experts")).send().await.unwrap(), StatusCode::FORBIDDEN).await;
    let queue = body(admin.get(app.url("/api/v1/admin/experts")).send().await.unwrap()).await;
    assert_eq!(queue[0]["id"], id);
    error_code(
        organizer.post(app.url(&format!("/api/v1/admin/experts/{id}/approve"))).send().await.unwrap(),
        StatusCode::FORBIDDEN,
    )
    .await;
    let approved =
        body(admin.post(app.url(&format!("/api/v1/admin/experts/{id}/approve"))).send().await.unwrap()).await;
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
    let reject = app.url(&format!("/api/v1/admin/experts/{id}/reject"));
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
        expert.put(app.url("/api/v1/experts/me")).json(&bad).send().await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(code, "validation_failed");
    assert!(v["error"]["fields"]["domains"].is_string(), "{v}");
    bad["domains"] = json!(["quantum"]);
    let (_, v) = error_code(
        expert.put(app.url("/api/v1/experts/me")).json(&bad).send().await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(v["error"]["fields"]["conflict_orgs"].is_string(), "{v}");
}

#[tokio::test]
async fn a_consultation_demand_is_offered_fitting_experts_and_its_owner_invites_one() {
    let m = crate::market::market().await;
    let app = &m.app;
    // Two approved experts: one in the demand's field naming its keywords, one elsewhere.
    let mut ids = vec![];
    for (email, domains, keywords) in [
        ("battery@example.com", json!(["advanced_energy"]), json!(["固态电池", "电解质"])),
        ("quantum@example.com", json!(["quantum"]), json!(["量子通信"])),
    ] {
        let c = app.user(email, "专家").await;
        let mut a = application();
        a["domains"] = domains;
        a["keywords"] = keywords;
        let e = body(c.put(app.url("/api/v1/experts/me")).json(&a).send().await.unwrap()).await;
        let id = e["id"].as_i64().unwrap();
        m.admin.post(app.url(&format!("/api/v1/admin/experts/{id}/approve"))).send().await.unwrap();
        ids.push((c, id));
    }
    let mut d = crate::market::demand(m.org);
    d["demand_type"] = json!("expert_consultation");
    let demand = m.draft(d, "/api/v1/demands").await;
    m.publish(&m.owner, "/api/v1/demands", demand).await;

    let list = app.url(&format!("/api/v1/demands/{demand}/experts"));
    let offered = body(m.owner.get(&list).send().await.unwrap()).await;
    assert_eq!(offered.as_array().unwrap().len(), 1, "{offered}");
    assert_eq!(offered[0]["expert_id"], ids[0].1);
    assert_eq!(offered[0]["score"], 80);
    assert_eq!(offered[0]["shared_keywords"], json!(["固态电池", "电解质"]));
    // Only the demand's owner sees and invites.
    error_code(ids[1].0.get(&list).send().await.unwrap(), StatusCode::FORBIDDEN).await;
    let invite = app.url(&format!("/api/v1/demands/{demand}/experts/{}/invite", ids[0].1));
    error_code(ids[1].0.post(&invite).send().await.unwrap(), StatusCode::FORBIDDEN).await;
    assert_eq!(m.owner.post(&invite).send().await.unwrap().status(), StatusCode::NO_CONTENT);
    assert_eq!(
        error_code(m.owner.post(&invite).send().await.unwrap(), StatusCode::CONFLICT).await.0,
        "already_requested"
    );
    assert_eq!(body(m.owner.get(&list).send().await.unwrap()).await[0]["invited"], true);
    // The expert is told, with a link to the demand.
    let notes = body(ids[0].0.get(app.url("/api/v1/notifications")).send().await.unwrap()).await;
    assert_eq!(notes["items"][0]["kind"], "consultation_invite", "{notes}");
    assert_eq!(notes["items"][0]["link"], format!("/demands/{demand}"));
    let missing = app.url(&format!("/api/v1/demands/{demand}/experts/999999/invite"));
    error_code(m.owner.post(&missing).send().await.unwrap(), StatusCode::NOT_FOUND).await;
}

#[tokio::test]
async fn the_pool_shows_verified_organizers_what_choosing_judges_needs_and_nothing_more() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let expert = app.user("prof@example.com", "王教授").await;
    let applied = body(expert.put(app.url("/api/v1/experts/me")).json(&application()).send().await.unwrap()).await;
    let id = applied["id"].as_i64().unwrap();
    admin.post(app.url(&format!("/api/v1/admin/experts/{id}/approve"))).send().await.unwrap();
    let verified = app.user("org@example.com", "主办方").await;
    org_of_kind(&app, &verified, "organizer", None, Some(&admin)).await;
    let newcomer = app.user("new@example.com", "新主办方").await;
    org_of_kind(&app, &newcomer, "organizer", None, None).await;

    let pool = body(verified.get(app.url("/api/v1/experts")).send().await.unwrap()).await;
    let card = pool[0].as_object().unwrap();
    let mut keys: Vec<&str> = card.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["affiliation", "domains", "id", "keywords", "kind", "name", "title"], "{pool}");
    assert_eq!(card["keywords"], json!(["量子通信", "量子计算"]));
    // Declared conflicts and the bio are no search handle either.
    assert_eq!(body(verified.get(app.url("/api/v1/experts?q=之江")).send().await.unwrap()).await, json!([]));
    assert_eq!(body(verified.get(app.url("/api/v1/experts?q=二十年")).send().await.unwrap()).await, json!([]));
    // An organizer organization nobody verified yet does not see the pool; nor do visitors.
    error_code(newcomer.get(app.url("/api/v1/experts")).send().await.unwrap(), StatusCode::FORBIDDEN).await;
    error_code(app.client().get(app.url("/api/v1/experts")).send().await.unwrap(), StatusCode::UNAUTHORIZED).await;
}
