use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{body, error_code, spawn_app};

#[tokio::test]
async fn creating_an_organization_makes_the_creator_its_owner() {
    let app = spawn_app().await;
    let owner = app.user("owner@example.com", "所有者").await;
    let id = app.org(&owner, "杭州云栖智算科技有限公司").await;
    let org = body(owner.get(app.url(&format!("/api/v1/orgs/{id}"))).send().await.unwrap()).await;
    assert_eq!(org["my_role"], "owner");
    assert_eq!(org["member_count"], 1);
    assert_eq!(org["verified"], false);
    let me = body(owner.get(app.url("/api/v1/me")).send().await.unwrap()).await;
    assert_eq!(me["memberships"][0]["org_id"], id);
    assert_eq!(me["memberships"][0]["role"], "owner");
}

#[tokio::test]
async fn contact_details_are_shown_to_members_only() {
    let app = spawn_app().await;
    let owner = app.user("owner@example.com", "所有者").await;
    let id = app.org(&owner, "之江智能").await;
    let mine = body(owner.get(app.url(&format!("/api/v1/orgs/{id}"))).send().await.unwrap()).await;
    assert_eq!(mine["contact"]["phone"], "0571-8888 6666");
    let public = body(app.client().get(app.url(&format!("/api/v1/orgs/{id}"))).send().await.unwrap()).await;
    assert!(public["contact"].is_null(), "anonymous sees no contact: {public}");
    let stranger = app.user("stranger@example.com", "路人").await;
    let theirs = body(stranger.get(app.url(&format!("/api/v1/orgs/{id}"))).send().await.unwrap()).await;
    assert!(theirs["contact"].is_null());
    assert_eq!(theirs["name_zh"], "之江智能");
}

#[tokio::test]
async fn a_non_owner_editing_an_organization_gets_403_and_nothing_changes() {
    let app = spawn_app().await;
    let owner = app.user("owner@example.com", "所有者").await;
    let id = app.org(&owner, "原名称").await;
    let other = app.user("other@example.com", "他人").await;
    let r = other
        .put(app.url(&format!("/api/v1/orgs/{id}")))
        .json(&json!({"name_zh": "篡改", "kind": "enterprise"}))
        .send()
        .await
        .unwrap();
    assert_eq!(error_code(r, StatusCode::FORBIDDEN).await.0, "forbidden");
    let anon = app
        .client()
        .put(app.url(&format!("/api/v1/orgs/{id}")))
        .json(&json!({"name_zh": "x", "kind": "lab"}))
        .send()
        .await
        .unwrap();
    assert_eq!(anon.status(), StatusCode::UNAUTHORIZED);
    let org = body(app.client().get(app.url(&format!("/api/v1/orgs/{id}"))).send().await.unwrap()).await;
    assert_eq!(org["name_zh"], "原名称");
}

#[tokio::test]
async fn a_plain_member_cannot_edit_or_invite() {
    let app = spawn_app().await;
    let owner = app.user("owner@example.com", "所有者").await;
    let id = app.org(&owner, "测试组织").await;
    let inv = body(
        owner
            .post(app.url(&format!("/api/v1/orgs/{id}/members")))
            .json(&json!({"email": "m@example.com"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let member = app.user("m@example.com", "成员").await;
    let token = inv["token"].as_str().unwrap();
    assert_eq!(
        member.post(app.url(&format!("/api/v1/invitations/{token}/accept"))).send().await.unwrap().status(),
        StatusCode::OK
    );
    let edit = member
        .put(app.url(&format!("/api/v1/orgs/{id}")))
        .json(&json!({"name_zh": "x", "kind": "enterprise"}))
        .send()
        .await
        .unwrap();
    assert_eq!(edit.status(), StatusCode::FORBIDDEN);
    let invite = member
        .post(app.url(&format!("/api/v1/orgs/{id}/members")))
        .json(&json!({"email": "z@example.com"}))
        .send()
        .await
        .unwrap();
    assert_eq!(invite.status(), StatusCode::FORBIDDEN);
    // But a member sees the member list and the contact details.
    let members = body(member.get(app.url(&format!("/api/v1/orgs/{id}/members"))).send().await.unwrap()).await;
    assert_eq!(members.as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn owner_edits_the_profile_and_bad_reference_codes_are_refused() {
    let app = spawn_app().await;
    let owner = app.user("owner@example.com", "所有者").await;
    let id = app.org(&owner, "旧名").await;
    let bad = owner
        .put(app.url(&format!("/api/v1/orgs/{id}")))
        .json(&json!({"name_zh": "新名", "kind": "enterprise", "domains": ["alchemy"], "district": "atlantis", "tiers": ["unicorn"]}))
        .send()
        .await
        .unwrap();
    let (_, v) = error_code(bad, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(v["error"]["fields"]["domains"].is_string() && v["error"]["fields"]["district"].is_string(), "{v}");
    let ok = owner
        .put(app.url(&format!("/api/v1/orgs/{id}")))
        .json(&json!({"name_zh": "新名", "name_en": "New name", "kind": "enterprise", "domains": ["quantum", "gen_ai"],
                      "district": "yuhang", "tiers": ["unicorn"], "founded_year": 2020, "size": "small"}))
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), StatusCode::OK);
    let org = body(ok).await;
    assert_eq!(org["name_zh"], "新名");
    assert_eq!(org["domains"], json!(["quantum", "gen_ai"]));
    assert_eq!(org["tiers"], json!(["unicorn"]));
    assert_eq!(org["size"], "small");
}

#[tokio::test]
async fn invitation_links_only_work_for_the_invited_email_and_only_once() {
    let app = spawn_app().await;
    let owner = app.user("owner@example.com", "所有者").await;
    let id = app.org(&owner, "邀请测试").await;
    let r = owner
        .post(app.url(&format!("/api/v1/orgs/{id}/members")))
        .json(&json!({"email": "Invitee@Example.com", "role": "member"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let inv = body(r).await;
    let token = inv["token"].as_str().unwrap().to_owned();
    assert_eq!(inv["email"], "invitee@example.com");

    let pending = body(owner.get(app.url(&format!("/api/v1/orgs/{id}/invitations"))).send().await.unwrap()).await;
    assert_eq!(pending.as_array().unwrap().len(), 1);
    assert!(pending[0]["token"].is_null(), "the token is shown only once");

    let preview = body(app.client().get(app.url(&format!("/api/v1/invitations/{token}"))).send().await.unwrap()).await;
    assert_eq!(preview["org"]["name_zh"], "邀请测试");

    let wrong = app.user("someone@example.com", "别人").await;
    let r = wrong.post(app.url(&format!("/api/v1/invitations/{token}/accept"))).send().await.unwrap();
    assert_eq!(error_code(r, StatusCode::FORBIDDEN).await.0, "invitation_email_mismatch");

    let invitee = app.user("invitee@example.com", "受邀人").await;
    let r = invitee.post(app.url(&format!("/api/v1/invitations/{token}/accept"))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(body(r).await["my_role"], "member");

    let again = invitee.post(app.url(&format!("/api/v1/invitations/{token}/accept"))).send().await.unwrap();
    assert_eq!(error_code(again, StatusCode::NOT_FOUND).await.0, "invitation_invalid");
    let members = body(owner.get(app.url(&format!("/api/v1/orgs/{id}/members"))).send().await.unwrap()).await;
    assert_eq!(members.as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn a_revoked_invitation_cannot_be_accepted() {
    let app = spawn_app().await;
    let owner = app.user("owner@example.com", "所有者").await;
    let id = app.org(&owner, "撤回测试").await;
    let inv = body(
        owner
            .post(app.url(&format!("/api/v1/orgs/{id}/members")))
            .json(&json!({"email": "x@example.com"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let inv_id = inv["id"].as_i64().unwrap();
    let r = owner.delete(app.url(&format!("/api/v1/orgs/{id}/invitations/{inv_id}"))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let x = app.user("x@example.com", "X").await;
    let token = inv["token"].as_str().unwrap();
    let r = x.post(app.url(&format!("/api/v1/invitations/{token}/accept"))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn inviting_an_existing_member_answers_409() {
    let app = spawn_app().await;
    let owner = app.user("owner@example.com", "所有者").await;
    let id = app.org(&owner, "重复邀请").await;
    let r = owner
        .post(app.url(&format!("/api/v1/orgs/{id}/members")))
        .json(&json!({"email": "owner@example.com"}))
        .send()
        .await
        .unwrap();
    assert_eq!(error_code(r, StatusCode::CONFLICT).await.0, "already_member");
}

#[tokio::test]
async fn the_last_owner_can_neither_leave_nor_be_demoted_but_a_second_owner_frees_them() {
    let app = spawn_app().await;
    let owner = app.user("owner@example.com", "所有者").await;
    let id = app.org(&owner, "所有者测试").await;
    let me = body(owner.get(app.url("/api/v1/me")).send().await.unwrap()).await;
    let owner_id = me["id"].as_i64().unwrap();
    let leave = owner.delete(app.url(&format!("/api/v1/orgs/{id}/members/{owner_id}"))).send().await.unwrap();
    assert_eq!(error_code(leave, StatusCode::CONFLICT).await.0, "last_owner");
    let demote = owner
        .put(app.url(&format!("/api/v1/orgs/{id}/members/{owner_id}")))
        .json(&json!({"role": "member"}))
        .send()
        .await
        .unwrap();
    assert_eq!(error_code(demote, StatusCode::CONFLICT).await.0, "last_owner");

    let inv = body(
        owner
            .post(app.url(&format!("/api/v1/orgs/{id}/members")))
            .json(&json!({"email": "b@example.com"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let b = app.user("b@example.com", "B").await;
    b.post(app.url(&format!("/api/v1/invitations/{}/accept", inv["token"].as_str().unwrap()))).send().await.unwrap();
    let b_id = body(b.get(app.url("/api/v1/me")).send().await.unwrap()).await["id"].as_i64().unwrap();
    let promote = owner
        .put(app.url(&format!("/api/v1/orgs/{id}/members/{b_id}")))
        .json(&json!({"role": "owner"}))
        .send()
        .await
        .unwrap();
    assert_eq!(promote.status(), StatusCode::OK);
    let leave = owner.delete(app.url(&format!("/api/v1/orgs/{id}/members/{owner_id}"))).send().await.unwrap();
    assert_eq!(leave.status(), StatusCode::NO_CONTENT);
    let members = body(b.get(app.url(&format!("/api/v1/orgs/{id}/members"))).send().await.unwrap()).await;
    assert_eq!(members.as_array().unwrap().len(), 1);
    assert_eq!(members[0]["role"], "owner");
}

#[tokio::test]
async fn strangers_cannot_list_members_or_invitations() {
    let app = spawn_app().await;
    let owner = app.user("owner@example.com", "所有者").await;
    let id = app.org(&owner, "隐私测试").await;
    let stranger = app.user("s@example.com", "S").await;
    assert_eq!(
        stranger.get(app.url(&format!("/api/v1/orgs/{id}/members"))).send().await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        stranger.get(app.url(&format!("/api/v1/orgs/{id}/invitations"))).send().await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.client().get(app.url(&format!("/api/v1/orgs/{id}/members"))).send().await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn only_site_admins_verify_organizations() {
    let app = spawn_app().await;
    let owner = app.user("owner@example.com", "所有者").await;
    let id = app.org(&owner, "待认证").await;
    let path = app.url(&format!("/api/v1/admin/orgs/{id}/verify"));
    assert_eq!(app.client().post(&path).send().await.unwrap().status(), StatusCode::UNAUTHORIZED);
    let r = owner.post(&path).send().await.unwrap();
    assert_eq!(error_code(r, StatusCode::FORBIDDEN).await.0, "forbidden");

    let admin = app.admin().await;
    let r = admin.post(&path).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(body(r).await["verified"], true);
    let listed = body(app.client().get(app.url("/api/v1/orgs?verified=true")).send().await.unwrap()).await;
    assert_eq!(listed["total"], 1);
    let r = admin.delete(&path).send().await.unwrap();
    assert_eq!(body(r).await["verified"], false);
    let missing = admin.post(app.url("/api/v1/admin/orgs/4242/verify")).send().await.unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn directory_filters_by_kind_name_and_domain_and_paginates() {
    let app = spawn_app().await;
    let owner = app.user("owner@example.com", "所有者").await;
    for i in 0..5 {
        app.org(&owner, &format!("云栖企业{i}")).await;
    }
    let lab = owner
        .post(app.url("/api/v1/orgs"))
        .json(&json!({"name_zh": "西湖实验室", "name_en": "Westlake Lab", "kind": "lab", "subtype": "national_lab", "domains": ["quantum"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(lab.status(), StatusCode::CREATED);
    let page =
        body(app.client().get(app.url("/api/v1/orgs?kind=enterprise&per_page=2&page=2")).send().await.unwrap()).await;
    assert_eq!(page["total"], 5);
    assert_eq!(page["items"].as_array().unwrap().len(), 2);
    assert_eq!(page["page"], 2);
    let by_name = body(app.client().get(app.url("/api/v1/orgs?q=westlake")).send().await.unwrap()).await;
    assert_eq!(by_name["total"], 1);
    let by_domain = body(app.client().get(app.url("/api/v1/orgs?domain=quantum")).send().await.unwrap()).await;
    assert_eq!(by_domain["items"][0]["name_zh"], "西湖实验室");
    assert_eq!(by_domain["items"][0]["domains"], json!(["quantum"]), "list rows carry their domains");
    let all = body(app.client().get(app.url("/api/v1/orgs?per_page=100")).send().await.unwrap()).await;
    assert!(all["items"].as_array().unwrap().iter().all(|o| o["domains"].as_array().is_some_and(|d| !d.is_empty())));
    // LIKE wildcards in the search text are literal.
    let wild = body(app.client().get(app.url("/api/v1/orgs?q=%25")).send().await.unwrap()).await;
    assert_eq!(wild["total"], 0);
}
