//! The audit log: administrative and security-relevant actions are recorded with before and after,
//! the log is append-only, its hash chain verifies, and an edited row is detected.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{PASSWORD, body, error_code, spawn_app};
use crate::market::org_of_kind;

#[tokio::test]
async fn administrative_and_security_actions_are_audited_and_an_edited_row_is_detected() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let owner = app.user("owner@example.com", "企业主").await;
    let org = org_of_kind(&app, &owner, "enterprise", None, Some(&admin)).await;
    let r = admin
        .post(app.url("/api/admin/taxonomy"))
        .json(&json!({"kind": "domain", "code": "space_tech", "label_zh": "空天科技", "label_en": "Space technology", "group": "frontier"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED, "{}", r.text().await.unwrap());
    let r = app
        .client()
        .post(app.url("/api/auth/login"))
        .json(&json!({"email": "owner@example.com", "password": "wrong-password-here"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let r = owner
        .post(app.url("/api/me/password"))
        .json(&json!({"current_password": PASSWORD, "new_password": "another-long-passphrase"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);

    let log = body(admin.get(app.url("/api/admin/audit?per_page=100")).send().await.unwrap()).await;
    let items = log["items"].as_array().unwrap();
    let find = |action: &str| -> Value {
        items.iter().find(|e| e["action"] == action).cloned().unwrap_or_else(|| panic!("{action} missing: {log}"))
    };
    let verify = find("org.verify");
    assert_eq!(
        (verify["target"].as_str(), verify["actor"].as_str()),
        (Some(&*format!("org:{org}")), Some("admin@futurematch.test"))
    );
    assert_eq!(serde_json::from_str::<Value>(verify["before"].as_str().unwrap()).unwrap(), json!({"verified": false}));
    assert_eq!(serde_json::from_str::<Value>(verify["after"].as_str().unwrap()).unwrap(), json!({"verified": true}));
    assert_eq!(find("taxonomy.add")["target"], "taxonomy:space_tech");
    assert_eq!(find("account.login_failed")["target"], "email:owner@example.com");
    assert_eq!(find("account.password")["actor"], "owner@example.com");
    assert_eq!(find("admin.create")["actor"], "system");
    let orgs_only = body(admin.get(app.url("/api/admin/audit?action=org.")).send().await.unwrap()).await;
    assert!(orgs_only["items"].as_array().unwrap().iter().all(|e| e["action"].as_str().unwrap().starts_with("org.")));
    let check = body(admin.get(app.url("/api/admin/audit/verify")).send().await.unwrap()).await;
    assert_eq!((check["ok"].as_bool(), check["entries"].as_u64()), (Some(true), log["total"].as_u64()));

    // Append-only: the database refuses to change or remove an entry.
    let db = &app.state.db;
    assert!(sqlx::query("UPDATE audit_log SET actor = 'x' WHERE id = 1").execute(db).await.is_err());
    assert!(sqlx::query("DELETE FROM audit_log WHERE id = 1").execute(db).await.is_err());
    // Past the trigger, an edit is detected at its entry.
    let id = verify["id"].as_i64().unwrap();
    sqlx::query("DROP TRIGGER audit_log_no_update").execute(db).await.unwrap();
    sqlx::query("UPDATE audit_log SET after = '{\"verified\":false}' WHERE id = $1")
        .bind(id)
        .execute(db)
        .await
        .unwrap();
    let check = body(admin.get(app.url("/api/admin/audit/verify")).send().await.unwrap()).await;
    assert_eq!((check["ok"].as_bool(), check["broken_at"].as_i64()), (Some(false), Some(id)));
    assert!(backend::audit::verify(db).await.unwrap().is_err());
}

#[tokio::test]
async fn only_site_admins_read_the_audit_log() {
    let app = spawn_app().await;
    let user = app.user("someone@example.com", "用户").await;
    for path in ["/api/admin/audit", "/api/admin/audit/verify"] {
        error_code(user.get(app.url(path)).send().await.unwrap(), StatusCode::FORBIDDEN).await;
        error_code(app.client().get(app.url(path)).send().await.unwrap(), StatusCode::UNAUTHORIZED).await;
    }
}
