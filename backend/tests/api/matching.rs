//! Matching: ranked, explained matches over the API; feedback; weights; permissions.

use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{body, error_code};
use crate::market::{Market, demand, market, org_of_kind};
use backend::db::sql;

pub(crate) fn capability(org: i64, title: &str, domain: &str, keywords: &[&str], trl: u8) -> Value {
    json!({"org_id": org, "kind": "capability", "title_zh": title, "summary_zh": format!("{title}，对外提供服务"),
           "domains": [domain], "keywords": keywords, "district": "qiantang",
           "capability_kind": "research", "trl": trl, "ip_status": "granted", "modes": ["joint_development"],
           "price_min": 100, "price_max": 400})
}

pub(crate) struct Setup {
    pub(crate) m: Market,
    pub(crate) lab_owner: Client,
    pub(crate) lab: i64,
    pub(crate) other_owner: Client,
    pub(crate) other: i64,
    pub(crate) demand: i64,
    pub(crate) fitting: i64,
    pub(crate) unrelated: i64,
}

/// A published demand for solid-state batteries, a fitting capability and an unrelated one.
pub(crate) async fn setup() -> Setup {
    setup_with(market().await).await
}

/// [`setup`] in a given market.
pub(crate) async fn setup_with(m: Market) -> Setup {
    let lab_owner = m.app.user("lab@example.com", "实验室").await;
    let lab = org_of_kind(&m.app, &lab_owner, "lab", Some("research_institute"), Some(&m.admin)).await;
    let other_owner = m.app.user("lab2@example.com", "量子所").await;
    let other = org_of_kind(&m.app, &other_owner, "lab", Some("research_institute"), Some(&m.admin)).await;
    let demand_id = m.draft(demand(m.org), "/api/v1/demands").await;
    m.publish(&m.owner, "/api/v1/demands", demand_id).await;
    let fitting = posted(
        &m,
        &lab_owner,
        capability(lab, "固态电池电解质界面改性平台", "advanced_energy", &["固态电池", "电解质"], 7),
    )
    .await;
    let unrelated =
        posted(&m, &other_owner, capability(other, "量子密钥分发城域网络", "quantum", &["量子通信"], 7)).await;
    Setup { m, lab_owner, lab, other_owner, other, demand: demand_id, fitting, unrelated }
}

/// A capability created, submitted and approved.
pub(crate) async fn posted(m: &Market, client: &Client, payload: Value) -> i64 {
    let r = client.post(m.app.url("/api/v1/capabilities")).json(&payload).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED, "{}", r.text().await.unwrap_or_default());
    let id = body(r).await["id"].as_i64().unwrap();
    m.publish(client, "/api/v1/capabilities", id).await;
    id
}

pub(crate) async fn matches(client: &Client, s: &Setup, query: &str) -> Value {
    let r = client.get(s.m.app.url(&format!("/api/v1/demands/{}/matches{query}", s.demand))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    body(r).await
}

fn ids(v: &Value) -> Vec<i64> {
    v.as_array().unwrap().iter().map(|m| m["posting"]["id"].as_i64().unwrap()).collect()
}

#[tokio::test]
async fn a_published_demand_gets_the_fitting_capability_first_with_its_reasons() {
    let s = setup().await;
    let v = matches(&s.m.app.client(), &s, "").await;
    assert_eq!(ids(&v).first(), Some(&s.fitting), "{v}");
    assert!(!ids(&v).contains(&s.unrelated), "nothing in common with quantum key distribution: {v}");
    let best = &v[0];
    assert!(best["score"].as_u64().unwrap() > v[1]["score"].as_u64().unwrap_or(0));
    let reasons = best["reasons"].as_array().unwrap();
    assert!(reasons.contains(&json!({"reason": "same_field", "field": "advanced_energy"})), "{reasons:?}");
    assert!(reasons.iter().any(|r| r["reason"] == "shared_keywords"), "{reasons:?}");
    assert!(reasons.contains(&json!({"reason": "same_district", "district": "qiantang"})), "{reasons:?}");
    assert!(reasons.contains(&json!({"reason": "trl_meets", "have": 7, "need": 6})), "{reasons:?}");
    let factors: Vec<&str> =
        best["factors"].as_array().unwrap().iter().map(|f| f["factor"].as_str().unwrap()).collect();
    for f in ["domain", "text", "trl", "budget", "geography", "timing", "standing", "feedback"] {
        assert!(factors.contains(&f), "{f} in {factors:?}");
    }
    assert_eq!(best["id"], format!("{}-{}", s.demand, s.fitting));
}

#[tokio::test]
async fn capabilities_see_the_demands_they_fit() {
    let s = setup().await;
    let r =
        s.m.app.client().get(s.m.app.url(&format!("/api/v1/capabilities/{}/matches", s.fitting))).send().await.unwrap();
    assert_eq!(ids(&body(r).await), vec![s.demand]);
    let r =
        s.m.app
            .client()
            .get(s.m.app.url(&format!("/api/v1/capabilities/{}/matches?kind=mandate", s.fitting)))
            .send()
            .await
            .unwrap();
    assert_eq!(error_code(r, StatusCode::UNPROCESSABLE_ENTITY).await.0, "validation_failed");
}

#[tokio::test]
async fn matches_of_a_private_draft_are_404_for_others() {
    let s = setup().await;
    let draft = s.m.draft(demand(s.m.org), "/api/v1/demands").await;
    let url = s.m.app.url(&format!("/api/v1/demands/{draft}/matches"));
    assert_eq!(s.m.app.client().get(&url).send().await.unwrap().status(), StatusCode::NOT_FOUND);
    assert_eq!(s.lab_owner.get(&url).send().await.unwrap().status(), StatusCode::NOT_FOUND);
    let own = s.m.owner.get(&url).send().await.unwrap();
    assert_eq!(error_code(own, StatusCode::CONFLICT).await.0, "not_published", "the owner is told why there are none");
}

#[tokio::test]
async fn a_dismissed_match_never_comes_back_and_only_the_owner_may_dismiss() {
    let s = setup().await;
    let id = format!("{}-{}", s.demand, s.fitting);
    let r = s.lab_owner.post(s.m.app.url(&format!("/api/v1/matches/{id}/dismiss"))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "the lab does not own the demand");
    let r = s.m.app.client().post(s.m.app.url(&format!("/api/v1/matches/{id}/dismiss"))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let r = s.m.owner.post(s.m.app.url(&format!("/api/v1/matches/{id}/dismiss"))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert!(!ids(&matches(&s.m.owner, &s, "").await).contains(&s.fitting), "gone for the organization");
    let r = s.m.owner.post(s.m.app.url("/api/v1/matches/99999-1/save")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = s.m.owner.post(s.m.app.url("/api/v1/matches/nonsense/save")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn saving_marks_the_match_and_lifts_that_organizations_other_postings() {
    let s = setup().await;
    let sealing =
        posted(&s.m, &s.other_owner, capability(s.other, "电池封装阻隔膜材料", "new_materials", &["封装"], 5)).await;
    let separator =
        posted(&s.m, &s.other_owner, capability(s.other, "电池隔膜涂层材料", "new_materials", &["隔膜"], 5)).await;
    let score_of = |v: &Value, id: i64| {
        v.as_array().unwrap().iter().find(|m| m["posting"]["id"] == id).map(|m| m["score"].as_u64().unwrap())
    };
    let before = matches(&s.m.owner, &s, "").await;
    let separator_before = score_of(&before, separator).expect("a related-field candidate");
    let id = format!("{}-{}", s.demand, sealing);
    let r = s.m.owner.post(s.m.app.url(&format!("/api/v1/matches/{id}/save"))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let after = matches(&s.m.owner, &s, "").await;
    let saved = after.as_array().unwrap().iter().find(|m| m["posting"]["id"] == sealing).unwrap();
    assert_eq!(saved["saved"], true);
    let lifted = after.as_array().unwrap().iter().find(|m| m["posting"]["id"] == separator).unwrap();
    assert!(lifted["score"].as_u64().unwrap() > separator_before, "the same organization's other posting rose");
    assert!(lifted["reasons"].as_array().unwrap().contains(&json!({"reason": "saved_similar"})));
    let public = matches(&s.m.app.client(), &s, "").await;
    assert!(
        public.as_array().unwrap().iter().all(|m| m["saved"] == false),
        "others do not see the organization's saves"
    );
    assert_eq!(score_of(&public, separator), Some(separator_before), "nor its feedback");
    // The other side of the pair sees the same score and reasons from its own posting.
    let r = s.other_owner.get(s.m.app.url(&format!("/api/v1/capabilities/{separator}/matches"))).send().await.unwrap();
    let theirs = body(r).await;
    let mine = theirs.as_array().unwrap().iter().find(|m| m["posting"]["id"] == s.demand).expect("the demand");
    assert_eq!((&mine["score"], &mine["reasons"]), (&lifted["score"], &lifted["reasons"]), "{theirs}");
}

#[tokio::test]
async fn weights_are_for_site_admins_validated_and_change_the_scores() {
    let s = setup().await;
    let url = s.m.app.url("/api/v1/admin/matching/weights");
    assert_eq!(s.m.owner.get(&url).send().await.unwrap().status(), StatusCode::FORBIDDEN);
    assert_eq!(s.m.app.client().get(&url).send().await.unwrap().status(), StatusCode::UNAUTHORIZED);
    let mut w = body(s.m.admin.get(&url).send().await.unwrap()).await;
    assert_eq!(w["domain"], 25.0);
    w["text"] = json!(150);
    let r = s.m.admin.put(&url).json(&w).send().await.unwrap();
    let (_, e) = error_code(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(e["error"]["fields"]["text"].is_string());
    let before = matches(&s.m.app.client(), &s, "").await[0]["score"].clone();
    let only_timing = json!({"domain": 0, "text": 0, "trl": 0, "budget": 0, "stage": 0, "geography": 0,
                             "timing": 100, "standing": 0, "feedback": 0});
    assert_eq!(s.m.admin.put(&url).json(&only_timing).send().await.unwrap().status(), StatusCode::OK);
    let after = matches(&s.m.app.client(), &s, "").await;
    assert_eq!(after[0]["score"], 100, "only timing counts now, and the deadline is far: {after}");
    assert_ne!(before, after[0]["score"]);
    let (stored,): (String,) = sql::query_as("SELECT value FROM app_meta WHERE key = 'matching_weights'")
        .fetch_one(&s.m.app.state.db)
        .await
        .unwrap();
    assert!(stored.contains("\"timing\":100"), "kept in the database: {stored}");
}

#[tokio::test]
async fn closing_a_posting_takes_it_out_of_every_match_list_at_once() {
    let s = setup().await;
    let r = s.lab_owner.post(s.m.app.url(&format!("/api/v1/capabilities/{}/close", s.fitting))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(!ids(&matches(&s.m.app.client(), &s, "").await).contains(&s.fitting));
}

async fn post_as(m: &Market, client: &Client, path: &str, payload: Value) -> i64 {
    let r = client.post(m.app.url(path)).json(&payload).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED, "{}", r.text().await.unwrap_or_default());
    let id = body(r).await["id"].as_i64().unwrap();
    m.publish(client, path, id).await;
    id
}

#[tokio::test]
async fn the_feed_gathers_the_best_matches_of_everything_my_organizations_published() {
    let s = setup().await;
    let r = s.m.owner.get(s.m.app.url("/api/v1/feed")).send().await.unwrap();
    let feed = body(r).await;
    let first = &feed[0];
    assert_eq!(first["match"]["posting"]["id"], s.fitting, "{feed}");
    assert_eq!(first["source_title_zh"], "固态电池电解质界面稳定性攻关");
    assert_eq!(first["source_kind"], "demand");
    let lab_feed = body(s.lab_owner.get(s.m.app.url("/api/v1/feed")).send().await.unwrap()).await;
    assert_eq!(lab_feed[0]["match"]["posting"]["id"], s.demand, "the lab is offered the demand: {lab_feed}");
    let only_funds = body(s.m.owner.get(s.m.app.url("/api/v1/feed?kind=mandate")).send().await.unwrap()).await;
    assert_eq!(only_funds, json!([]), "no mandates published");
    assert_eq!(
        s.m.app.client().get(s.m.app.url("/api/v1/feed")).send().await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn bundles_combine_a_capability_a_pilot_scenario_and_a_fund_that_fit_each_other() {
    let s = setup().await;
    // The scenario's owner is a third organization: one playing two parts makes no three-sided proposal.
    let scenario = post_as(
        &s.m,
        &s.other_owner,
        "/api/v1/scenarios",
        json!({"org_id": s.other,
               "kind": "scenario", "title_zh": "储能电站固态电池试点", "summary_zh": "开放储能电站用于固态电池示范",
               "domains": ["advanced_energy"], "keywords": ["固态电池"], "district": "qiantang", "deadline": "2099-01-01",
               "category": "future_factory", "site": "钱塘储能电站", "seeks": "固态电池模组", "offers": ["site"], "slots": 1}),
    )
    .await;
    let vc = s.m.app.user("vc@example.com", "投资人").await;
    let fund = org_of_kind(&s.m.app, &vc, "investor", Some("vc"), Some(&s.m.admin)).await;
    let mandate = post_as(
        &s.m,
        &vc,
        "/api/v1/mandates",
        json!({"org_id": fund, "kind": "mandate", "title_zh": "固态电池产业链投资", "summary_zh": "关注固态电池与储能",
               "domains": ["advanced_energy"], "keywords": ["固态电池"], "fund_type": "vc", "stages": ["angel", "series_a", "series_b"],
               "ticket_min": 100, "ticket_max": 3000, "districts": ["qiantang"]}),
    )
    .await;
    let r = s.m.app.client().get(s.m.app.url(&format!("/api/v1/demands/{}/bundles", s.demand))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let bundles = body(r).await;
    let best = &bundles[0];
    assert_eq!(
        (&best["capability"]["posting"]["id"], &best["scenario"]["posting"]["id"], &best["mandate"]["posting"]["id"]),
        (&json!(s.fitting), &json!(scenario), &json!(mandate)),
        "{bundles}"
    );
    let reasons = best["reasons"].as_array().unwrap();
    for r in [
        json!({"reason": "all_in_field", "field": "advanced_energy"}),
        json!({"reason": "pilot_ready", "trl": 7}),
        json!({"reason": "funds_pilot_district", "district": "qiantang"}),
    ] {
        assert!(reasons.contains(&r), "{r} in {reasons:?}");
    }
    let r =
        s.m.app
            .client()
            .get(s.m.app.url(&format!("/api/v1/demands/{}/bundles?limit=0", s.demand)))
            .send()
            .await
            .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = s.m.app.client().get(s.m.app.url(&format!("/api/v1/demands/{}/bundles", s.fitting))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "bundles are for demands");
}

#[tokio::test]
async fn a_restart_rebuilds_the_same_index_from_the_stored_terms_and_remakes_terms_of_an_older_analysis() {
    let s = setup().await;
    let db = &s.m.app.state.db;
    let (stored,): (i64,) = sql::query_as("SELECT COUNT(*) FROM posting_terms").fetch_one(db).await.unwrap();
    assert_eq!(stored, 3, "every published posting's terms were stored when it was published");
    let rebuilt = backend::matching::ops::load(db).await.unwrap();
    {
        let live = s.m.app.state.matching.index();
        assert_eq!(rebuilt.index().len(), live.len());
        for id in [s.demand, s.fitting, s.unrelated] {
            assert_eq!(rebuilt.index().profile(id), live.profile(id));
        }
    }
    sql::query("DELETE FROM posting_terms").execute(db).await.unwrap();
    let segmented = backend::matching::ops::load(db).await.unwrap();
    assert_eq!(segmented.index().len(), 3, "postings without stored terms are segmented at start");
    let (again,): (i64,) = sql::query_as("SELECT COUNT(*) FROM posting_terms").fetch_one(db).await.unwrap();
    assert_eq!(again, 3, "and their terms stored");

    // Terms stored by an older text analysis are made again, once.
    sql::query("UPDATE posting_terms SET terms = 'stale\t1\n'").execute(db).await.unwrap();
    sql::query("UPDATE app_meta SET value = 'older' WHERE key = 'matching_terms_version'").execute(db).await.unwrap();
    backend::matching::ops::load(db).await.unwrap();
    let (stale,): (i64,) =
        sql::query_as("SELECT COUNT(*) FROM posting_terms WHERE terms LIKE 'stale%'").fetch_one(db).await.unwrap();
    assert_eq!(stale, 0, "every posting is segmented again with the current analysis");
    let (version,): (String,) =
        sql::query_as("SELECT value FROM app_meta WHERE key = 'matching_terms_version'").fetch_one(db).await.unwrap();
    assert_eq!(version, backend::matching::text::ANALYSIS_VERSION);
}

#[tokio::test]
async fn an_approved_edit_is_matched_by_its_new_text_at_once() {
    let s = setup().await;
    assert!(!ids(&matches(&s.m.app.client(), &s, "").await).contains(&s.unrelated));
    let edit = capability(s.other, "固态电池电解质表征服务", "quantum", &["电解质"], 7);
    let mut edit = edit.as_object().unwrap().clone();
    edit.remove("org_id");
    let r = s
        .other_owner
        .put(s.m.app.url(&format!("/api/v1/capabilities/{}", s.unrelated)))
        .json(&edit)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(s.m.approve(s.unrelated).await.status(), StatusCode::OK);
    assert!(ids(&matches(&s.m.app.client(), &s, "").await).contains(&s.unrelated), "matched by its new text");
}

#[tokio::test]
async fn the_engine_ranks_the_hand_judged_set_better_than_text_or_fields_alone_with_and_without_distractors() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/matching-eval");
    let scratch = tempfile::tempdir().unwrap();
    let report = backend::matching::eval::evaluate(&dir, scratch.path()).await.expect("the evaluation set reads");
    assert!(report.demands >= 80 && report.candidates >= 300 && report.distractors >= 500, "{report}");
    assert!(report.pooled >= 2000, "the pooled judgements of demo postings are read: {report}");
    assert!(report.judged.engine_wins(), "judged candidates alone: {report}");
    assert!(report.mixed.engine_wins(), "with the demo postings mixed in: {report}");
}

/// A published mandate of a new fund; `stages`, the ticket and the fields vary.
async fn fund(s: &Setup, email: &str, fund_type: &str, stages: &[&str], ticket: (u32, u32), domains: &[&str]) -> i64 {
    let owner = s.m.app.user(email, "投资人").await;
    let org = org_of_kind(&s.m.app, &owner, "investor", Some(fund_type), Some(&s.m.admin)).await;
    post_as(
        &s.m,
        &owner,
        "/api/v1/mandates",
        json!({"org_id": org, "kind": "mandate", "title_zh": "固态电池与储能产业链投资", "summary_zh": "投资固态电池、储能电池材料与装备",
               "domains": domains, "keywords": ["固态电池"], "fund_type": fund_type, "stages": stages,
               "ticket_min": ticket.0, "ticket_max": ticket.1}),
    )
    .await
}

#[tokio::test]
async fn a_funding_demand_says_what_it_raises_and_meets_the_fund_of_that_round_and_ticket_first() {
    let s = setup().await;
    let mut raise = demand(s.m.org);
    raise["demand_type"] = json!("funding");
    raise["title_zh"] = json!("固态电池电解质项目A轮融资");
    let r = s.m.owner.post(s.m.app.url("/api/v1/demands")).json(&raise).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body(r).await["error"]["fields"]["amount_sought"].is_string(), "a raise without an amount is refused");
    raise["amount_sought"] = json!(3000);
    raise["round"] = json!("series_a");
    let id = s.m.draft(raise, "/api/v1/demands").await;
    s.m.publish(&s.m.owner, "/api/v1/demands", id).await;
    let stored = body(s.m.owner.get(s.m.app.url(&format!("/api/v1/demands/{id}"))).send().await.unwrap()).await;
    assert_eq!((&stored["amount_sought"], &stored["round"]), (&json!(3000), &json!("series_a")));

    let late = fund(&s, "pe@example.com", "pe", &["pre_ipo"], (20000, 80000), &["advanced_energy"]).await;
    let every_field =
        ["advanced_energy", "new_materials", "gen_ai", "quantum", "low_altitude", "humanoid_robots", "synthetic_bio"];
    let round_a = fund(&s, "vc@example.com", "vc", &["series_a"], (1000, 5000), &every_field).await;
    let r =
        s.m.app.client().get(s.m.app.url(&format!("/api/v1/demands/{id}/matches?kind=mandate"))).send().await.unwrap();
    let list = body(r).await;
    assert_eq!(ids(&list), vec![round_a, late], "{list}");
    let reasons = list[0]["reasons"].as_array().unwrap();
    assert!(reasons.contains(&json!({"reason": "stage_fits", "stage": "series_a"})), "{reasons:?}");
    assert!(reasons.iter().any(|r| r["reason"] == "amount_fits" && r["amount_min"] == 3000), "{reasons:?}");
    let held = &list[1]["held_back"]["reason"];
    assert!(held == "amount_apart" || held == "stage_off", "a Pre-IPO fund of 2亿 tickets is held back: {}", list[1]);
    let fund_posting =
        body(s.m.app.client().get(s.m.app.url(&format!("/api/v1/mandates/{round_a}"))).send().await.unwrap()).await;
    assert_eq!(
        fund_posting["domains"].as_array().unwrap().len(),
        every_field.len(),
        "a fund keeps every field it names"
    );
}

#[tokio::test]
async fn the_demands_owner_asks_every_party_of_a_bundle_in_one_step_and_each_bundle_adds_a_new_party() {
    let s = setup().await;
    let lab_org =
        body(s.lab_owner.get(s.m.app.url("/api/v1/me")).send().await.unwrap()).await["memberships"][0]["org_id"]
            .clone();
    let scenario = |title: &str, site: &str| {
        json!({"org_id": lab_org, "kind": "scenario", "title_zh": title, "summary_zh": "开放储能电站用于固态电池示范",
               "domains": ["advanced_energy"], "keywords": ["固态电池"], "district": "qiantang", "deadline": "2099-01-01",
               "category": "future_factory", "site": site, "seeks": "固态电池模组", "offers": ["site"], "slots": 1})
    };
    let first_site =
        post_as(&s.m, &s.lab_owner, "/api/v1/scenarios", scenario("储能电站固态电池试点", "钱塘储能电站")).await;
    let second_site = post_as(&s.m, &s.other_owner, "/api/v1/scenarios", {
        let mut v = scenario("园区储能固态电池示范", "临平园区储能站");
        v["org_id"] = json!(s.other);
        v
    })
    .await;
    let fund_a = fund(&s, "vc1@example.com", "vc", &["series_a"], (100, 3000), &["advanced_energy"]).await;
    let fund_b = fund(&s, "vc2@example.com", "vc", &["series_a", "series_b"], (100, 3000), &["advanced_energy"]).await;
    let r = s.m.app.client().get(s.m.app.url(&format!("/api/v1/demands/{}/bundles", s.demand))).send().await.unwrap();
    let bundles = body(r).await;
    let list = bundles.as_array().unwrap();
    assert!(list.len() >= 2, "{bundles}");
    let parts =
        |b: &Value| [&b["scenario"]["posting"]["id"], &b["mandate"]["posting"]["id"]].map(|v| v.as_i64().unwrap());
    let (one, two) = (parts(&list[0]), parts(&list[1]));
    assert!(one[0] != two[0] || one[1] != two[1], "the second bundle brings a new party: {bundles}");
    assert!([first_site, second_site].contains(&one[0]) && [fund_a, fund_b].contains(&one[1]));

    let ask = json!({"demand_id": s.demand, "capability_id": s.fitting, "scenario_id": one[0], "mandate_id": one[1],
                     "capability_proposal": "joint_development", "message": "我们想一起推进固态电池试点，请联系"});
    let url = s.m.app.url("/api/v1/engagements/bundle");
    assert_eq!(s.m.app.client().post(&url).json(&ask).send().await.unwrap().status(), StatusCode::UNAUTHORIZED);
    let r = s.lab_owner.post(&url).json(&ask).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "only the demand's organization asks for it");
    let mut wrong = ask.clone();
    wrong["scenario_id"] = json!(s.unrelated);
    wrong["capability_proposal"] = json!("investment");
    let r = s.m.owner.post(&url).json(&wrong).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let errs = body(r).await;
    assert!(errs["error"]["fields"]["capability_proposal"].is_string(), "{errs}");
    wrong["capability_proposal"] = json!("license");
    let r = s.m.owner.post(&url).json(&wrong).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body(r).await["error"]["fields"]["scenario_id"].is_string(), "a capability is no scenario");

    let draft = s.m.draft(demand(s.m.org), "/api/v1/demands").await;
    let mut early = ask.clone();
    early["demand_id"] = json!(draft);
    let r = s.m.owner.post(&url).json(&early).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "a draft has no bundles to ask for");

    let r = s.m.owner.post(&url).json(&ask).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let done = body(r).await;
    let sent = done["sent"].as_array().unwrap();
    let asked: Vec<i64> = sent.iter().map(|e| e["posting"]["id"].as_i64().unwrap()).collect();
    assert_eq!(asked, vec![s.fitting, one[0], one[1]], "{done}");
    let proposals: Vec<&str> = sent.iter().map(|e| e["proposal"].as_str().unwrap()).collect();
    assert_eq!(proposals, vec!["joint_development", "pilot", "investment"]);
    let r = s.m.owner.post(&url).json(&ask).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let again = body(r).await;
    assert_eq!(
        (again["sent"].as_array().unwrap().len(), again["already"].as_array().unwrap().len()),
        (0, 3),
        "{again}"
    );
}
