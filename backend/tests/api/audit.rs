//! The audit log: administrative and security-relevant actions are recorded with before and after,
//! the log is append-only, its hash chain verifies, and an edited row is detected.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{PASSWORD, body, error_code, spawn_app};
use crate::market::org_of_kind;
use backend::db::sql;

#[tokio::test]
async fn administrative_and_security_actions_are_audited_and_an_edited_row_is_detected() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let owner = app.user("owner@example.com", "企业主").await;
    let org = org_of_kind(&app, &owner, "enterprise", None, Some(&admin)).await;
    let r = admin
        .post(app.url("/api/v1/admin/taxonomy"))
        .json(&json!({"kind": "domain", "code": "space_tech", "label_zh": "空天科技", "label_en": "Space technology", "group": "frontier"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED, "{}", r.text().await.unwrap());
    let r = app
        .client()
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"email": "owner@example.com", "password": "wrong-password-here"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let r = owner
        .post(app.url("/api/v1/me/password"))
        .json(&json!({"current_password": PASSWORD, "new_password": "another-long-passphrase"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let weights = json!({"domain": 30, "text": 30, "trl": 10, "budget": 10, "stage": 5, "geography": 5, "timing": 5,
                         "standing": 5, "feedback": 0});
    let r = admin.put(app.url("/api/v1/admin/matching/weights")).json(&weights).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);

    let log = body(admin.get(app.url("/api/v1/admin/audit?per_page=100")).send().await.unwrap()).await;
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
    let w = find("matching.weights");
    assert_eq!(serde_json::from_str::<Value>(w["after"].as_str().unwrap()).unwrap()["feedback"], 0.0);
    assert_ne!(w["before"], w["after"]);
    let orgs_only = body(admin.get(app.url("/api/v1/admin/audit?action=org.")).send().await.unwrap()).await;
    assert!(orgs_only["items"].as_array().unwrap().iter().all(|e| e["action"].as_str().unwrap().starts_with("org.")));
    let check = body(admin.get(app.url("/api/v1/admin/audit/verify")).send().await.unwrap()).await;
    assert_eq!((check["ok"].as_bool(), check["entries"].as_u64()), (Some(true), log["total"].as_u64()));

    // Append-only: the database refuses to change or remove an entry.
    let db = &app.state.db;
    assert!(sql::query("UPDATE audit_log SET actor = 'x' WHERE id = 1").execute(db).await.is_err());
    assert!(sql::query("DELETE FROM audit_log WHERE id = 1").execute(db).await.is_err());
    // Past the trigger, an edit is detected at its entry.
    let id = verify["id"].as_i64().unwrap();
    let bypass = db
        .dialect()
        .pick("DROP TRIGGER audit_log_no_update", "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update");
    sql::query(bypass).execute(db).await.unwrap();
    sql::query("UPDATE audit_log SET after = '{\"verified\":false}' WHERE id = $1").bind(id).execute(db).await.unwrap();
    let check = body(admin.get(app.url("/api/v1/admin/audit/verify")).send().await.unwrap()).await;
    assert_eq!((check["ok"].as_bool(), check["broken_at"].as_i64()), (Some(false), Some(id)));
    assert!(backend::audit::verify(db).await.unwrap().is_err());
}

#[tokio::test]
async fn only_site_admins_read_the_audit_log() {
    let app = spawn_app().await;
    let user = app.user("someone@example.com", "用户").await;
    for path in ["/api/v1/admin/audit", "/api/v1/admin/audit/verify"] {
        error_code(user.get(app.url(path)).send().await.unwrap(), StatusCode::FORBIDDEN).await;
        error_code(app.client().get(app.url(path)).send().await.unwrap(), StatusCode::UNAUTHORIZED).await;
    }
}

#[tokio::test]
async fn an_admin_disables_an_account_which_then_cannot_sign_in_and_every_step_is_audited() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let user = app.user("someone@example.com", "张三").await;
    app.org(&user, "张三科技有限公司").await;
    app.org(&user, "张三咨询有限公司").await;
    let found = body(admin.get(app.url("/api/v1/admin/users?q=张三")).send().await.unwrap()).await;
    assert_eq!(found["total"], 1, "{found}");
    let id = found["items"][0]["id"].as_i64().unwrap();
    assert_eq!((found["items"][0]["sessions"].as_u64(), found["items"][0]["orgs"].as_u64()), (Some(1), Some(2)));

    // Sign out everywhere: the session ends, the account still works.
    let r = admin.post(app.url(&format!("/api/v1/admin/users/{id}/sessions/reset"))).send().await.unwrap();
    let after = body(r).await;
    assert_eq!((after["sessions"].as_u64(), after["orgs"].as_u64()), (Some(0), Some(2)));
    error_code(user.get(app.url("/api/v1/me")).send().await.unwrap(), StatusCode::UNAUTHORIZED).await;

    // Disabled: the right password no longer signs in.
    let again = app.client();
    let login = || {
        again
            .post(app.url("/api/v1/auth/login"))
            .json(&json!({"email": "someone@example.com", "password": PASSWORD}))
            .send()
    };
    assert_eq!(login().await.unwrap().status(), StatusCode::OK);
    let r = admin.post(app.url(&format!("/api/v1/admin/users/{id}/disable"))).send().await.unwrap();
    assert_eq!(body(r).await["disabled"], true);
    error_code(again.get(app.url("/api/v1/me")).send().await.unwrap(), StatusCode::UNAUTHORIZED).await;
    assert_eq!(error_code(login().await.unwrap(), StatusCode::FORBIDDEN).await.0, "account_disabled");
    // An admin cannot disable themselves.
    let me = body(admin.get(app.url("/api/v1/me")).send().await.unwrap()).await["id"].as_i64().unwrap();
    error_code(
        admin.post(app.url(&format!("/api/v1/admin/users/{me}/disable"))).send().await.unwrap(),
        StatusCode::CONFLICT,
    )
    .await;
    let r = admin.post(app.url(&format!("/api/v1/admin/users/{id}/enable"))).send().await.unwrap();
    assert_eq!(body(r).await["disabled"], false);
    assert_eq!(login().await.unwrap().status(), StatusCode::OK);

    let log = body(admin.get(app.url("/api/v1/admin/audit?action=user.")).send().await.unwrap()).await;
    let actions: Vec<&str> = log["items"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["user.enable", "user.disable", "user.sessions_reset"]);
    // Non-admins cannot.
    let other = app.user("other@example.com", "李四").await;
    error_code(other.get(app.url("/api/v1/admin/users")).send().await.unwrap(), StatusCode::FORBIDDEN).await;
    error_code(
        other.post(app.url(&format!("/api/v1/admin/users/{id}/disable"))).send().await.unwrap(),
        StatusCode::FORBIDDEN,
    )
    .await;
}
