//! Marketplace postings: lifecycle, moderation, permissions, validation, lists, expiry.
//!
//! This file is long because it holds one test per posting journey (lifecycle, moderation,
//! permissions, validation, lists, expiry), each reading as a spec.

use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{TestApp, body, error_code, spawn_app};
use backend::db::sql;

pub(crate) async fn org_of_kind(
    app: &TestApp,
    owner: &Client,
    kind: &str,
    subtype: Option<&str>,
    verify: Option<&Client>,
) -> i64 {
    let r = owner
        .post(app.url("/api/v1/orgs"))
        .json(&json!({"name_zh": format!("{kind}组织"), "kind": kind, "subtype": subtype}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let id = body(r).await["id"].as_i64().unwrap();
    if let Some(admin) = verify {
        let v = admin.post(app.url(&format!("/api/v1/admin/orgs/{id}/verify"))).send().await.unwrap();
        assert_eq!(v.status(), StatusCode::OK);
    }
    id
}

/// A posting's body for `PUT /api/v1/{kind}/{id}`: as created, without the organization (an edit
/// cannot move a posting).
pub(crate) fn edit_of(mut posting: Value) -> Value {
    posting.as_object_mut().expect("a posting body").remove("org_id");
    posting
}

pub(crate) fn demand(org_id: i64) -> Value {
    json!({
        "org_id": org_id,
        "kind": "demand",
        "title_zh": "固态电池电解质界面稳定性攻关",
        "title_en": "Solid-state battery electrolyte interface stability",
        "summary_zh": "寻求固态电解质界面改性方案，提升循环寿命",
        "details_zh": "循环寿命需达到1000次以上，容量保持率90%",
        "domains": ["advanced_energy"],
        "keywords": ["固态电池", "电解质"],
        "district": "qiantang",
        "deadline": "2099-06-30",
        "demand_type": "tech_problem",
        "trl": 6,
        "budget_min": 200,
        "budget_max": 500
    })
}

pub(crate) struct Market {
    pub(crate) app: TestApp,
    pub(crate) admin: Client,
    pub(crate) owner: Client,
    pub(crate) org: i64,
}

/// An app with an admin and a verified enterprise whose owner is signed in.
pub(crate) async fn market() -> Market {
    market_with(|_| {}).await
}

/// [`market`] with its own configuration.
pub(crate) async fn market_with(configure: impl FnOnce(&mut backend::config::Config)) -> Market {
    let app = crate::helpers::spawn_app_with(configure).await;
    let admin = app.admin().await;
    let owner = app.user("ent@example.com", "企业主").await;
    let org = org_of_kind(&app, &owner, "enterprise", None, Some(&admin)).await;
    Market { app, admin, owner, org }
}

impl Market {
    pub(crate) async fn draft(&self, payload: Value, path: &str) -> i64 {
        let r = self.owner.post(self.app.url(path)).json(&payload).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::CREATED, "{}", r.text().await.unwrap_or_default());
        body(r).await["id"].as_i64().unwrap()
    }

    pub(crate) async fn publish(&self, client: &Client, path: &str, id: i64) {
        let s = client.post(self.app.url(&format!("{path}/{id}/submit"))).send().await.unwrap();
        assert_eq!(s.status(), StatusCode::OK);
        assert_eq!(self.approve(id).await.status(), StatusCode::OK);
    }

    /// The site admin approves one posting (or its pending edit).
    pub(crate) async fn approve(&self, id: i64) -> reqwest::Response {
        let req = json!({"ids": [id], "decision": "approve"});
        self.admin.post(self.app.url("/api/v1/admin/moderation")).json(&req).send().await.unwrap()
    }

    async fn public_total(&self, path: &str) -> u64 {
        body(self.app.client().get(self.app.url(path)).send().await.unwrap()).await["total"].as_u64().unwrap()
    }
}

#[tokio::test]
async fn a_demand_goes_from_draft_through_review_to_published_and_closed() {
    let m = market().await;
    let id = m.draft(demand(m.org), "/api/v1/demands").await;
    let url = m.app.url(&format!("/api/v1/demands/{id}"));
    assert_eq!(body(m.owner.get(&url).send().await.unwrap()).await["status"], "draft");
    assert_eq!(m.app.client().get(&url).send().await.unwrap().status(), StatusCode::NOT_FOUND, "drafts are private");
    assert_eq!(m.public_total("/api/v1/demands").await, 0);

    let r = m.owner.post(m.app.url(&format!("/api/v1/demands/{id}/submit"))).send().await.unwrap();
    assert_eq!(body(r).await["status"], "submitted");
    let queue = body(m.admin.get(m.app.url("/api/v1/admin/moderation")).send().await.unwrap()).await;
    assert_eq!(queue.as_array().unwrap().len(), 1);
    let r = m.approve(id).await;
    assert_eq!(body(r).await[0]["status"], "published");
    assert_eq!(m.public_total("/api/v1/demands").await, 1);

    let public = body(m.app.client().get(&url).send().await.unwrap()).await;
    assert_eq!(public["kind"], "demand");
    assert_eq!(public["budget_max"], 500);
    assert!(public["details_zh"].is_null() && public["details_hidden"] == true, "details hidden from the public");

    assert_eq!(public["history"], json!([]), "the history is for owners and admins");

    let r = m.owner.post(m.app.url(&format!("/api/v1/demands/{id}/close"))).send().await.unwrap();
    let closed = body(r).await;
    assert_eq!(closed["status"], "closed");
    assert_eq!(m.public_total("/api/v1/demands").await, 0);
    let steps: Vec<(&str, &str)> = closed["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["action"].as_str().unwrap(), e["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        steps,
        [("create", "draft"), ("submit", "submitted"), ("approve", "published"), ("close", "closed")],
        "each transition recorded, in order"
    );
    assert!(closed["history"].as_array().unwrap().iter().all(|e| e["actor"].is_string() && e["at"].is_string()));
}

#[tokio::test]
async fn details_are_shown_to_members_of_verified_organizations_only() {
    let m = market().await;
    let id = m.draft(demand(m.org), "/api/v1/demands").await;
    m.publish(&m.owner, "/api/v1/demands", id).await;
    let url = m.app.url(&format!("/api/v1/demands/{id}"));
    let lab_user = m.app.user("lab@example.com", "实验室").await;
    let lab = org_of_kind(&m.app, &lab_user, "lab", Some("research_institute"), None).await;
    assert!(body(lab_user.get(&url).send().await.unwrap()).await["details_zh"].is_null(), "unverified: hidden");
    m.admin.post(m.app.url(&format!("/api/v1/admin/orgs/{lab}/verify"))).send().await.unwrap();
    let seen = body(lab_user.get(&url).send().await.unwrap()).await;
    assert_eq!(seen["details_zh"], "循环寿命需达到1000次以上，容量保持率90%");
}

#[tokio::test]
async fn an_unverified_organization_cannot_submit() {
    let app = spawn_app().await;
    let owner = app.user("new@example.com", "新企业").await;
    let org = org_of_kind(&app, &owner, "enterprise", None, None).await;
    let r = owner.post(app.url("/api/v1/demands")).json(&demand(org)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED, "drafts are allowed");
    let id = body(r).await["id"].as_i64().unwrap();
    let r = owner.post(app.url(&format!("/api/v1/demands/{id}/submit"))).send().await.unwrap();
    assert_eq!(error_code(r, StatusCode::FORBIDDEN).await.0, "not_verified");
}

#[tokio::test]
async fn another_organizations_posting_cannot_be_edited_submitted_or_closed() {
    let m = market().await;
    let id = m.draft(demand(m.org), "/api/v1/demands").await;
    let other = m.app.user("other@example.com", "别人").await;
    let r = other.put(m.app.url(&format!("/api/v1/demands/{id}"))).json(&edit_of(demand(m.org))).send().await.unwrap();
    assert_eq!(error_code(r, StatusCode::FORBIDDEN).await.0, "forbidden");
    for action in ["submit", "close"] {
        let r = other.post(m.app.url(&format!("/api/v1/demands/{id}/{action}"))).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{action}");
    }
    let r = other.post(m.app.url("/api/v1/demands")).json(&demand(m.org)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "posting for someone else's organization");
}

#[tokio::test]
async fn each_kind_is_posted_by_its_kind_of_organization() {
    let m = market().await;
    let r = m
        .owner
        .post(m.app.url("/api/v1/capabilities"))
        .json(&json!({
            "org_id": m.org, "kind": "capability", "title_zh": "x", "summary_zh": "x", "domains": ["gen_ai"],
            "capability_kind": "research", "trl": 5, "ip_status": "none", "modes": ["service"]
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(error_code(r, StatusCode::FORBIDDEN).await.0, "wrong_org_kind");
    let r = m.owner.post(m.app.url("/api/v1/demands")).json(&json!({"kind": "capability"})).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn invalid_postings_answer_422_naming_each_field() {
    let m = market().await;
    let mut bad = demand(m.org);
    bad["budget_min"] = json!(900);
    bad["deadline"] = json!("2020-01-01");
    bad["district"] = json!("atlantis");
    bad["trl"] = json!(12);
    let r = m.owner.post(m.app.url("/api/v1/demands")).json(&bad).send().await.unwrap();
    let (_, v) = error_code(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    for f in ["budget_max", "deadline", "district", "trl"] {
        assert!(v["error"]["fields"][f].is_string(), "{f}: {v}");
    }
    for domains in [json!([]), json!(["gen_ai", "quantum", "metaverse", "low_altitude"]), json!(["alchemy"])] {
        let mut d = demand(m.org);
        d["domains"] = domains.clone();
        let r = m.owner.post(m.app.url("/api/v1/demands")).json(&d).send().await.unwrap();
        let (_, v) = error_code(r, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert!(v["error"]["fields"]["domains"].is_string(), "{domains}: {v}");
    }
    let (n,): (i64,) = sql::query_as("SELECT COUNT(*) FROM postings").fetch_one(&m.app.state.db).await.unwrap();
    assert_eq!(n, 0, "nothing was stored");
}

#[tokio::test]
async fn an_edit_of_a_published_posting_is_reviewed_while_the_live_version_stays_up() {
    let m = market().await;
    let id = m.draft(demand(m.org), "/api/v1/demands").await;
    m.publish(&m.owner, "/api/v1/demands", id).await;
    let url = m.app.url(&format!("/api/v1/demands/{id}"));
    let mut edit = edit_of(demand(m.org));
    edit["title_zh"] = json!("固态电池电解质界面稳定性攻关（第二期）");
    let r = m.owner.put(&url).json(&edit).send().await.unwrap();
    let mine = body(r).await;
    assert_eq!(mine["status"], "published");
    assert_eq!(mine["pending_revision"]["title_zh"], "固态电池电解质界面稳定性攻关（第二期）");
    let public = body(m.app.client().get(&url).send().await.unwrap()).await;
    assert_eq!(public["title_zh"], "固态电池电解质界面稳定性攻关", "live version unchanged");
    assert!(public["pending_revision"].is_null(), "the public does not see pending edits");

    let r = m.approve(id).await;
    assert_eq!(r.status(), StatusCode::OK);
    let public = body(m.app.client().get(&url).send().await.unwrap()).await;
    assert_eq!(public["title_zh"], "固态电池电解质界面稳定性攻关（第二期）");
    assert_eq!(public["status"], "published");
}

#[tokio::test]
async fn rejecting_needs_a_reason_which_the_owner_sees() {
    let m = market().await;
    let id = m.draft(demand(m.org), "/api/v1/demands").await;
    m.owner.post(m.app.url(&format!("/api/v1/demands/{id}/submit"))).send().await.unwrap();
    let r = m
        .admin
        .post(m.app.url("/api/v1/admin/moderation"))
        .json(&json!({"ids": [id], "decision": "reject"}))
        .send()
        .await
        .unwrap();
    let (_, v) = error_code(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(v["error"]["fields"]["reason"].is_string());
    let r = m
        .admin
        .post(m.app.url("/api/v1/admin/moderation"))
        .json(&json!({"ids": [id], "decision": "reject", "reason": "预算区间不明确"}))
        .send()
        .await
        .unwrap();
    assert_eq!(body(r).await[0]["status"], "rejected");
    let mine = body(m.owner.get(m.app.url(&format!("/api/v1/demands/{id}"))).send().await.unwrap()).await;
    assert_eq!(mine["reject_reason"], "预算区间不明确");
    // Fix and resubmit.
    let r = m.owner.post(m.app.url(&format!("/api/v1/demands/{id}/submit"))).send().await.unwrap();
    assert_eq!(body(r).await["status"], "submitted");
}

#[tokio::test]
async fn bulk_moderation_is_all_or_nothing() {
    let m = market().await;
    let a = m.draft(demand(m.org), "/api/v1/demands").await;
    let b = m.draft(demand(m.org), "/api/v1/demands").await;
    m.owner.post(m.app.url(&format!("/api/v1/demands/{a}/submit"))).send().await.unwrap();
    let r = m
        .admin
        .post(m.app.url("/api/v1/admin/moderation"))
        .json(&json!({"ids": [a, b], "decision": "approve"}))
        .send()
        .await
        .unwrap();
    assert_eq!(error_code(r, StatusCode::CONFLICT).await.0, "invalid_transition");
    let st = body(m.owner.get(m.app.url(&format!("/api/v1/demands/{a}"))).send().await.unwrap()).await;
    assert_eq!(st["status"], "submitted", "the valid one was not approved either");
    m.owner.post(m.app.url(&format!("/api/v1/demands/{b}/submit"))).send().await.unwrap();
    let r = m
        .admin
        .post(m.app.url("/api/v1/admin/moderation"))
        .json(&json!({"ids": [a, b], "decision": "approve"}))
        .send()
        .await
        .unwrap();
    assert_eq!(body(r).await.as_array().unwrap().len(), 2);
    assert_eq!(m.public_total("/api/v1/demands").await, 2);
}

#[tokio::test]
async fn moderation_is_for_site_admins_only() {
    let m = market().await;
    assert_eq!(
        m.owner.get(m.app.url("/api/v1/admin/moderation")).send().await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        m.app.client().get(m.app.url("/api/v1/admin/moderation")).send().await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
    let r = m
        .owner
        .post(m.app.url("/api/v1/admin/moderation"))
        .json(&json!({"ids": [1], "decision": "approve"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn published_postings_expire_after_their_deadline() {
    let m = market().await;
    let deadline = (m.app.now().await + time::Duration::days(3)).date();
    let mut posting = demand(m.org);
    posting["deadline"] = json!(deadline.to_string());
    let id = m.draft(posting, "/api/v1/demands").await;
    m.publish(&m.owner, "/api/v1/demands", id).await;
    let expire = || m.app.state.clock.scope(backend::market::ops::expire_due(&m.app.state));
    assert_eq!(expire().await.unwrap(), 0, "open until its deadline");
    m.app.advance(time::Duration::days(5));
    assert_eq!(expire().await.unwrap(), 1);
    assert_eq!(m.public_total("/api/v1/demands").await, 0);
    let mine = body(m.owner.get(m.app.url(&format!("/api/v1/demands/{id}"))).send().await.unwrap()).await;
    assert_eq!(mine["status"], "expired");
    assert_eq!(expire().await.unwrap(), 0, "only once");
}

#[tokio::test]
async fn lists_filter_by_type_trl_amount_domain_and_show_own_drafts_with_mine() {
    let m = market().await;
    let mut ids = vec![];
    for (trl, min, max, kind, domain) in [
        (3, 50, 100, "tech_problem", "gen_ai"),
        (6, 200, 500, "joint_rnd", "advanced_energy"),
        (8, 1000, 3000, "tech_problem", "advanced_energy"),
    ] {
        let mut d = demand(m.org);
        d["trl"] = json!(trl);
        d["budget_min"] = json!(min);
        d["budget_max"] = json!(max);
        d["demand_type"] = json!(kind);
        d["domains"] = json!([domain]);
        let id = m.draft(d, "/api/v1/demands").await;
        m.publish(&m.owner, "/api/v1/demands", id).await;
        ids.push(id);
    }
    let draft = m.draft(demand(m.org), "/api/v1/demands").await;
    let get = |q: &'static str| {
        let c = m.app.client();
        let url = m.app.url(&format!("/api/v1/demands?{q}"));
        async move { body(c.get(url).send().await.unwrap()).await }
    };
    assert_eq!(get("type=tech_problem").await["total"], 2);
    assert_eq!(get("trl_min=5&trl_max=7").await["items"][0]["id"], ids[1]);
    assert_eq!(get("amount_min=400&amount_max=1200").await["total"], 2, "ranges overlapping 400–1200");
    assert_eq!(get("domain=advanced_energy").await["total"], 2);
    assert_eq!(get("status=draft").await["total"], 0, "the public sees no drafts");
    let mine = body(m.owner.get(m.app.url("/api/v1/demands?mine=true")).send().await.unwrap()).await;
    assert_eq!(mine["total"], 4);
    assert!(mine["items"].as_array().unwrap().iter().any(|i| i["id"] == draft && i["status"] == "draft"));
    let page = get("per_page=2&page=2&sort=newest").await;
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
    assert_eq!(page["items"][0]["id"], ids[0], "newest first: the oldest is last");
}

#[tokio::test]
async fn capabilities_scenarios_and_mandates_go_through_the_same_lifecycle() {
    let m = market().await;
    let lab_owner = m.app.user("lab@example.com", "实验室").await;
    let lab = org_of_kind(&m.app, &lab_owner, "lab", Some("poc_center"), Some(&m.admin)).await;
    let inv_owner = m.app.user("vc@example.com", "投资人").await;
    let fund = org_of_kind(&m.app, &inv_owner, "investor", Some("vc"), Some(&m.admin)).await;
    let cases = [
        (
            &lab_owner,
            "/api/v1/capabilities",
            json!({"org_id": lab, "kind": "capability", "title_zh": "酶定向进化平台", "summary_zh": "高通量筛选", "domains": ["synthetic_bio"],
            "capability_kind": "poc_service", "trl": 5, "ip_status": "granted", "patents": ["ZL202310000001.X"], "modes": ["service", "license"], "negotiable": true}),
        ),
        (
            &m.owner,
            "/api/v1/scenarios",
            json!({"org_id": m.org, "kind": "scenario", "title_zh": "未来工厂视觉质检", "summary_zh": "开放产线", "domains": ["gen_ai"],
            "deadline": "2099-01-01", "category": "future_factory", "site": "钱塘新区工厂", "seeks": "缺陷检测模型", "offers": ["site", "data"], "slots": 2}),
        ),
        (
            &inv_owner,
            "/api/v1/mandates",
            json!({"org_id": fund, "kind": "mandate", "title_zh": "先进能源早期投资", "summary_zh": "关注固态电池", "domains": ["advanced_energy"],
            "fund_type": "vc", "stages": ["angel", "series_a"], "ticket_min": 500, "ticket_max": 3000, "districts": ["qiantang"]}),
        ),
    ];
    for (client, path, payload) in cases {
        let r = client.post(m.app.url(path)).json(&payload).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::CREATED, "{path}: {}", r.text().await.unwrap_or_default());
        let id = body(r).await["id"].as_i64().unwrap();
        m.publish(client, path, id).await;
        let list = body(m.app.client().get(m.app.url(path)).send().await.unwrap()).await;
        assert_eq!(list["total"], 1, "{path}");
        let one = body(m.app.client().get(m.app.url(&format!("{path}/{id}"))).send().await.unwrap()).await;
        assert_eq!(one["status"], "published", "{path}");
        // A posting is only reachable under its own kind.
        assert_eq!(
            m.app.client().get(m.app.url(&format!("/api/v1/demands/{id}"))).send().await.unwrap().status(),
            StatusCode::NOT_FOUND
        );
    }
}

#[tokio::test]
async fn public_lists_served_from_memory_agree_with_the_sql_filters() {
    use backend::market::list::{Scope, page};
    use shared::market::{PostingKind, PostingQuery, PostingSort};
    let app = crate::helpers::spawn_app_with(|c| c.no_demo = false).await;
    let mut db = app.state.db.acquire().await.unwrap();
    let codes = |sql: &'static str| {
        let pool = app.state.db.clone();
        async move { sql::query_as::<(String,)>(sql).fetch_all(&pool).await.unwrap() }
    };
    let domains = codes("SELECT DISTINCT code FROM posting_domains ORDER BY code").await;
    let districts = codes("SELECT DISTINCT district FROM postings WHERE district IS NOT NULL ORDER BY 1").await;
    let types = codes("SELECT DISTINCT type_code FROM postings ORDER BY 1").await;
    let mut queries = vec![PostingQuery::default()];
    for (i, (d,)) in domains.iter().enumerate() {
        let (t,) = &types[i % types.len()];
        let (district,) = &districts[i % districts.len()];
        queries.push(PostingQuery { domain: Some(d.clone()), ..Default::default() });
        queries.push(PostingQuery { domain: Some(d.clone()), type_code: Some(t.clone()), ..Default::default() });
        queries.push(PostingQuery {
            district: Some(district.clone()),
            trl_min: Some((i % 9) as u8 + 1),
            sort: Some(PostingSort::Deadline),
            page: Some(2),
            ..Default::default()
        });
        queries.push(PostingQuery {
            amount_min: Some(50 * i as u32),
            amount_max: Some(300 + 100 * i as u32),
            deadline_from: Some(time::macros::date!(2027 - 01 - 01)),
            ..Default::default()
        });
    }
    queries.push(PostingQuery { domain: Some("no_such_field".into()), ..Default::default() });
    let mut compared = 0;
    for kind in PostingKind::ALL {
        for q in &queries {
            let (page_no, per_page) = (q.page.unwrap_or(1), 10u32);
            let offset = u64::from((page_no - 1) * per_page);
            let (sql, sql_total) = page(&mut db, *kind, q, &Scope::Public, per_page, offset).await.unwrap();
            let (ids, total) = app.state.published.facets().page(*kind, q, None, per_page as usize, offset as usize);
            let sql_ids: Vec<i64> = sql.iter().map(|p| p.id).collect();
            assert_eq!((ids, total), (sql_ids, sql_total), "{kind:?} {q:?}");
            compared += 1;
        }
    }
    assert!(compared > 100, "compared {compared} queries");
    let (nonempty,): (i64,) = sql::query_as("SELECT COUNT(*) FROM postings WHERE status = 'published'")
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert_eq!(app.state.published.facets().len() as i64, nonempty, "every published posting is in memory");
}

#[tokio::test]
async fn public_lists_and_search_show_approved_edits_and_renamed_organizations_at_once() {
    let m = market().await;
    let id = m.draft(demand(m.org), "/api/v1/demands").await;
    m.publish(&m.owner, "/api/v1/demands", id).await;
    let first_item = || async {
        body(m.app.client().get(m.app.url("/api/v1/demands")).send().await.unwrap()).await["items"][0].clone()
    };
    assert_eq!(first_item().await["title_zh"], "固态电池电解质界面稳定性攻关", "seen once: now kept rendered");

    let mut edit = edit_of(demand(m.org));
    edit["title_zh"] = json!("固态电池界面改性（第二期）");
    let r = m.owner.put(m.app.url(&format!("/api/v1/demands/{id}"))).json(&edit).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    m.approve(id).await;
    assert_eq!(first_item().await["title_zh"], "固态电池界面改性（第二期）", "the approved edit, not the cached one");

    let r = m
        .owner
        .put(m.app.url(&format!("/api/v1/orgs/{}", m.org)))
        .json(&json!({"name_zh": "钱塘新能源科技有限公司", "kind": "enterprise"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(first_item().await["org_name_zh"], "钱塘新能源科技有限公司");
    let found = body(m.app.client().get(m.app.url("/api/v1/search?q=钱塘新能源")).send().await.unwrap()).await;
    assert_eq!(found["items"][0]["id"], id, "search knows the new name too: {found}");
}

#[tokio::test]
async fn bulk_reads_in_spans_return_every_published_posting_once() {
    let app = crate::helpers::spawn_app_with(|c| c.no_demo = false).await;
    let db = &app.state.db;
    let sql = db.dialect().json(
        "SELECT CAST(json_group_array(json(row)) AS TEXT) FROM (
           SELECT p.id, json_array(p.id, p.title_zh) AS row FROM postings p
           WHERE p.status = 'published' AND {ids}) AS s
         GROUP BY id / 1000",
    );
    let expected: Vec<(i64, String)> =
        sql::query_as("SELECT id, title_zh FROM postings WHERE status = 'published' ORDER BY id")
            .fetch_all(db)
            .await
            .unwrap();
    assert!(expected.len() > 100, "the demo data has published postings");
    for span in [7, 64, 20_000] {
        let mut got: Vec<(i64, String)> = backend::db::json_rows_in_spans(db, &sql, None, span).await.unwrap();
        got.sort();
        assert_eq!(got, expected, "span {span}");
    }
    let some: Vec<i64> = expected.iter().map(|(id, _)| *id).step_by(10).collect();
    let mut got: Vec<(i64, String)> = backend::db::json_rows(db, &sql, Some(&some)).await.unwrap();
    got.sort();
    assert_eq!(got.iter().map(|(id, _)| *id).collect::<Vec<_>>(), some);
    let none: Vec<(i64, String)> = backend::db::json_rows(db, &sql, Some(&[])).await.unwrap();
    assert!(none.is_empty());
}

#[tokio::test]
async fn a_list_exports_every_posting_its_filters_show_as_excel_and_csv() {
    let m = market().await;
    let mut ids = Vec::new();
    for (i, domain) in ["advanced_energy", "advanced_energy", "quantum"].iter().enumerate() {
        let mut d = demand(m.org);
        d["title_zh"] = json!(format!("=导出测试需求{i}"));
        d["domains"] = json!([domain]);
        let id = m.draft(d, "/api/v1/demands").await;
        m.publish(&m.owner, "/api/v1/demands", id).await;
        ids.push(id);
    }
    let draft = m.draft(demand(m.org), "/api/v1/demands").await;

    let r = m.owner.get(m.app.url("/api/v1/demands/export.xlsx?domain=advanced_energy")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assert!(r.headers()["content-disposition"].to_str().unwrap().contains("demands.xlsx"));
    let rows = crate::events::sheet(&r.bytes().await.unwrap(), "技术需求");
    assert_eq!(rows[0][..3], ["编号", "标题", "机构"]);
    let exported: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(exported.len(), 2, "only the field asked for: {rows:?}");
    assert!(exported.contains(&ids[0].to_string().as_str()) && exported.contains(&ids[1].to_string().as_str()));
    assert!(rows[1][1].starts_with("=导出测试需求"), "written as text, never run as a formula");

    let csv = m.owner.get(m.app.url("/api/v1/demands/export.csv")).send().await.unwrap();
    assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
    let text = csv.text().await.unwrap();
    assert!(text.starts_with("\u{feff}编号,标题,机构"), "{text}");
    assert_eq!(text.lines().count(), 4, "a header and the three published demands: {text}");
    assert!(text.contains("'=导出测试需求2"), "a formula is neutralised in CSV");
    assert!(!text.contains(&format!("\r\n{draft},")), "a draft is not in the public list");

    let mine = m.owner.get(m.app.url("/api/v1/demands/export.csv?mine=true")).send().await.unwrap();
    let text = mine.text().await.unwrap();
    assert!(text.contains(&format!("\r\n{draft},")), "the organization's own export holds its draft: {text}");
    let r = m.owner.get(m.app.url("/api/v1/demands/export.csv?colour=red")).send().await.unwrap();
    assert_eq!(error_code(r, StatusCode::UNPROCESSABLE_ENTITY).await.0, "validation_failed");
}

#[tokio::test]
async fn the_admin_console_counts_what_waits_in_each_section_and_the_count_follows_the_decisions() {
    let m = market().await;
    let overview = |c: &Client| c.get(m.app.url("/api/v1/admin/overview")).send();
    let o = body(overview(&m.admin).await.unwrap()).await;
    assert_eq!((o["postings_to_moderate"].as_u64(), o["orgs_to_verify"].as_u64()), (Some(0), Some(0)), "{o}");
    // A submitted demand and an organization not yet verified wait.
    let id = m.draft(demand(m.org), "/api/v1/demands").await;
    m.owner.post(m.app.url(&format!("/api/v1/demands/{id}/submit"))).send().await.unwrap();
    org_of_kind(&m.app, &m.owner, "lab", Some("research_institute"), None).await;
    let o = body(overview(&m.admin).await.unwrap()).await;
    assert_eq!((o["postings_to_moderate"].as_u64(), o["orgs_to_verify"].as_u64()), (Some(1), Some(1)), "{o}");
    // Decided, it no longer waits.
    let approve = json!({"ids": [id], "decision": "approve"});
    assert_eq!(
        m.admin.post(m.app.url("/api/v1/admin/moderation")).json(&approve).send().await.unwrap().status(),
        StatusCode::OK
    );
    let o = body(overview(&m.admin).await.unwrap()).await;
    assert_eq!(o["postings_to_moderate"], 0);
    // Only site admins see it.
    error_code(overview(&m.owner).await.unwrap(), StatusCode::FORBIDDEN).await;
}
