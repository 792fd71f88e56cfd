//! The plan dashboard: figures equal what the fixture did, counted independently from the source
//! tables; a new 5+X field shows up at once; targets follow the admin's rule and manual figures;
//! the export; and every admin route is closed to everyone else.

use std::collections::BTreeMap;

use reqwest::StatusCode;
use serde_json::{Value, json};
use shared::dashboard::Metric;

use crate::helpers::{TestApp, body, error_code, spawn_app};
use crate::market::{demand, org_of_kind};
use crate::matching::setup;
use backend::db::sql;

fn slot(m: Metric) -> usize {
    Metric::ALL.iter().position(|x| *x == m).unwrap()
}

async fn activity(app: &TestApp, query: &str) -> Value {
    let r = app.client().get(app.url(&format!("/api/v1/dashboard/activity{query}"))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    body(r).await
}

fn count(row: &Value, m: Metric) -> i64 {
    row["counts"][slot(m)].as_i64().unwrap()
}

fn row<'a>(rows: &'a Value, code: &str) -> &'a Value {
    rows.as_array().unwrap().iter().find(|r| r["code"] == code).unwrap_or_else(|| panic!("no row {code} in {rows}"))
}

async fn scalar(app: &TestApp, sql: &str) -> i64 {
    let (n,): (i64,) = sql::query_as(sql).fetch_one(&app.state.db).await.unwrap();
    n
}

#[tokio::test]
async fn dashboard_figures_equal_the_counts_taken_from_the_fixture() {
    let s = setup().await;
    let app = &s.m.app;
    crate::rollup::beside_the_old_triggers(&app.state.db).await;
    // A second demand, in another field and district.
    let mut quantum = demand(s.m.org);
    quantum["domains"] = json!(["quantum"]);
    quantum["district"] = json!("xihu");
    quantum["title_zh"] = json!("量子密钥分发城域网络试点需求");
    let d2 = s.m.draft(quantum, "/api/v1/demands").await;
    s.m.publish(&s.m.owner, "/api/v1/demands", d2).await;
    // Two requests about the first demand: one accepted and signed for 300 (万元), one declined.
    let send = |client: &reqwest::Client, from: i64| {
        let req = json!({"from_org": from, "posting_id": s.demand, "source_id": null, "proposal": "joint_development",
                         "message": "我们的平台可以解决贵方的问题，希望洽谈联合开发。"});
        client.post(app.url("/api/v1/engagements")).json(&req).send()
    };
    let e1 = body(send(&s.lab_owner, s.lab).await.unwrap()).await["id"].as_i64().unwrap();
    let e2 = body(send(&s.other_owner, s.other).await.unwrap()).await["id"].as_i64().unwrap();
    let post = |path: String, v: Value| s.m.owner.post(app.url(&path)).json(&v).send();
    assert_eq!(post(format!("/api/v1/engagements/{e1}/accept"), json!({})).await.unwrap().status(), StatusCode::OK);
    let signed = post(format!("/api/v1/engagements/{e1}/stage"), json!({"stage": "signed", "contract_value": 300}));
    assert_eq!(signed.await.unwrap().status(), StatusCode::OK);
    let declined = post(format!("/api/v1/engagements/{e2}/decline"), json!({"reason": "方向不符"}));
    assert_eq!(declined.await.unwrap().status(), StatusCode::OK);

    let a = activity(app, "").await;
    let totals = &a["totals"];
    // What the fixture did.
    assert_eq!(count(totals, Metric::PostingDemand), 2);
    assert_eq!(count(totals, Metric::PostingCapability), 2);
    assert_eq!(count(totals, Metric::Request), 2);
    assert_eq!(count(totals, Metric::Accepted), 1);
    assert_eq!(count(totals, Metric::Signed), 1);
    assert_eq!(totals["signed_value"], 300);
    // The same, counted from the source tables.
    let published = scalar(app, "SELECT COUNT(*) FROM postings WHERE published_at IS NOT NULL").await;
    let requests = scalar(app, "SELECT COUNT(*) FROM engagements").await;
    let accepted = scalar(app, "SELECT COUNT(*) FROM engagements WHERE stage IS NOT NULL").await;
    let signed = scalar(app, "SELECT COUNT(*) FROM engagements WHERE stage IN ('signed', 'completed')").await;
    let matched = scalar(app, "SELECT COUNT(DISTINCT link) FROM notifications WHERE kind = 'high_score_match'").await;
    assert!(matched > 0, "the fitting capability is a strong match");
    let funnel: Vec<i64> = a["funnel"].as_array().unwrap().iter().map(|f| f["count"].as_i64().unwrap()).collect();
    assert_eq!(funnel, vec![published, matched, requests, accepted, signed]);

    // By field and by district: each published posting under its first field and its district.
    let rows: Vec<(String, String)> = sql::query_as(
        "SELECT (SELECT code FROM posting_domains d WHERE d.posting_id = p.id ORDER BY position LIMIT 1),
                COALESCE(p.district, '') FROM postings p WHERE p.published_at IS NOT NULL",
    )
    .fetch_all(&app.state.db)
    .await
    .unwrap();
    let mut by_domain: BTreeMap<String, i64> = BTreeMap::new();
    let mut by_district: BTreeMap<String, i64> = BTreeMap::new();
    for (d, district) in rows {
        *by_domain.entry(d).or_default() += 1;
        *by_district.entry(district).or_default() += 1;
    }
    let postings = |r: &Value| Metric::ALL.iter().filter(|m| m.is_posting()).map(|m| count(r, *m)).sum::<i64>();
    for (code, n) in &by_domain {
        assert_eq!(postings(row(&a["by_domain"], code)), *n, "field {code}");
    }
    for (code, n) in &by_district {
        assert_eq!(postings(row(&a["by_district"], code)), *n, "district {code}");
    }
    assert_eq!(postings(row(&a["by_domain"], "gen_ai")), 0, "a quiet field is listed at zero");
    assert_eq!(row(&a["by_district"], "qiantang")["signed_value"], 300);

    // Week by week: everything happened this week, the period's last.
    let weeks = a["weeks"].as_array().unwrap();
    assert_eq!(weeks.len(), 26);
    let series = |m: Metric| {
        a["series"][slot(m)]["counts"].as_array().unwrap().iter().map(|c| c.as_i64().unwrap()).collect::<Vec<_>>()
    };
    assert_eq!(series(Metric::Request).last(), Some(&2));
    assert_eq!(series(Metric::Request).iter().sum::<i64>(), 2);

    // One field: only its postings and what happened about them.
    let q = activity(app, "?domain=quantum").await;
    assert_eq!(count(&q["totals"], Metric::PostingDemand), 1);
    assert_eq!(count(&q["totals"], Metric::PostingCapability), 1);
    assert_eq!(count(&q["totals"], Metric::Request), 0);
    assert_eq!(q["by_domain"].as_array().unwrap().len(), 1);
    // A period before any of it: nothing.
    let past = activity(app, "?from=2025-01-08&to=2025-03-30").await;
    assert_eq!(past["weeks"].as_array().unwrap().len(), 12, "the weeks of 6 January to 24 March");
    assert_eq!(past["funnel"][0]["count"], 0);

    // Bad periods and fields are 422s naming the field.
    for (query, field) in
        [("?from=2026-12-31&to=2026-01-01", "from"), ("?to=31.12.2026", "to"), ("?domain=mars", "domain")]
    {
        let r = app.client().get(app.url(&format!("/api/v1/dashboard/activity{query}"))).send().await.unwrap();
        let (code, v) = error_code(r, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(code, "validation_failed");
        assert!(v["error"]["fields"][field].is_string(), "{query}: {v}");
    }

    // The export: every sheet, the funnel's figures as numbers.
    let r = app
        .client()
        .get(app.url("/api/v1/dashboard/export.xlsx"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let bytes = r.bytes().await.unwrap();
    let funnel_sheet = crate::events::sheet(&bytes, "Conversion");
    let exported: Vec<String> = funnel_sheet.iter().skip(1).map(|r| r[1].clone()).collect();
    assert_eq!(exported, funnel.iter().map(|n| n.to_string()).collect::<Vec<_>>());
    let by_district = crate::events::sheet(&bytes, "By district");
    assert!(by_district.iter().any(|r| r[0] == "Qiantang"), "{by_district:?}");

    // A scenario opening counts towards the typical-scenarios target once a pilot about it is signed.
    let scenarios = || async {
        let t = body(app.client().get(app.url("/api/v1/dashboard/targets")).send().await.unwrap()).await;
        target(&t, "typical_scenarios")["current"].as_i64().unwrap()
    };
    let scenario = json!({"org_id": s.m.org, "kind": "scenario", "title_zh": "未来工厂视觉质检", "summary_zh": "开放产线",
        "domains": ["gen_ai"], "deadline": "2099-01-01", "category": "future_factory", "site": "钱塘新区工厂",
        "seeks": "缺陷检测模型", "offers": ["site", "data"], "slots": 2});
    let sc = s.m.draft(scenario, "/api/v1/scenarios").await;
    s.m.publish(&s.m.owner, "/api/v1/scenarios", sc).await;
    let req = json!({"from_org": s.lab, "posting_id": sc, "source_id": null, "proposal": "pilot",
                     "message": "我们的视觉质检模型希望在贵厂产线试点。"});
    let r = s.lab_owner.post(app.url("/api/v1/engagements")).json(&req).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED, "{}", r.text().await.unwrap_or_default());
    let e3 = body(r).await["id"].as_i64().unwrap();
    assert_eq!(post(format!("/api/v1/engagements/{e3}/accept"), json!({})).await.unwrap().status(), StatusCode::OK);
    assert_eq!(scenarios().await, 0, "accepted is not yet a pilot");
    let signed = post(format!("/api/v1/engagements/{e3}/stage"), json!({"stage": "signed", "contract_value": 50}));
    assert_eq!(signed.await.unwrap().status(), StatusCode::OK);
    assert_eq!(scenarios().await, 1);
    // Every figure above as the old triggers counted it.
    crate::rollup::assert_counted_as_the_old_triggers_did(&app.state.db).await;
}

#[tokio::test]
async fn a_new_frontier_field_added_by_an_admin_shows_in_the_filter_and_the_breakdown() {
    let s = setup().await;
    let app = &s.m.app;
    let r = app.client().get(app.url("/api/v1/dashboard/activity?domain=space_info")).send().await.unwrap();
    error_code(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    let term = json!({"kind": "domain", "code": "space_info", "label_zh": "空天信息", "label_en": "Space information", "group": "frontier"});
    let r = s.m.admin.post(app.url("/api/v1/admin/taxonomy")).json(&term).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let a = activity(app, "").await;
    assert_eq!(postings_of(row(&a["by_domain"], "space_info")), 0, "listed, at zero");

    let mut space = demand(s.m.org);
    space["domains"] = json!(["space_info"]);
    space["title_zh"] = json!("低轨卫星星座在轨数据处理需求");
    let id = s.m.draft(space, "/api/v1/demands").await;
    s.m.publish(&s.m.owner, "/api/v1/demands", id).await;
    let a = activity(app, "").await;
    assert_eq!(count(row(&a["by_domain"], "space_info"), Metric::PostingDemand), 1);
    let only = activity(app, "?domain=space_info").await;
    assert_eq!(only["series"][slot(Metric::PostingDemand)]["counts"].as_array().unwrap().last(), Some(&json!(1)));
    assert_eq!(only["funnel"][0]["count"], 1);
}

fn postings_of(r: &Value) -> i64 {
    Metric::ALL.iter().filter(|m| m.is_posting()).map(|m| count(r, *m)).sum()
}

fn target<'a>(targets: &'a Value, code: &str) -> &'a Value {
    targets.as_array().unwrap().iter().find(|t| t["code"] == code).unwrap()
}

#[tokio::test]
async fn targets_count_platform_data_by_the_admins_rule_and_show_manual_figures_with_their_source() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let get = || async { body(app.client().get(app.url("/api/v1/dashboard/targets")).send().await.unwrap()).await };
    let t = get().await;
    assert_eq!(t.as_array().unwrap().len(), 8, "the plan's eight targets");
    assert_eq!(
        (target(&t, "innovation_consortia")["goal"].as_i64(), target(&t, "innovation_consortia")["current"].as_i64()),
        (Some(10), Some(0))
    );
    assert_eq!(target(&t, "high_tech_enterprises")["goal"], 1000);
    let pilot = scalar(&app, "SELECT COUNT(*) FROM taxonomy_terms WHERE kind = 'pilot_zone' AND grp = 'city'").await;
    assert_eq!(target(&t, "city_pilot_zones")["current"], pilot);
    assert!(target(&t, "demonstration_samples")["current"].is_null(), "manual, not reported yet");

    // A verified consortium counts; an unverified one does not.
    let a = app.user("a@example.com", "甲").await;
    org_of_kind(&app, &a, "lab", Some("innovation_consortium"), Some(&admin)).await;
    let b = app.user("b@example.com", "乙").await;
    org_of_kind(&app, &b, "lab", Some("innovation_consortium"), None).await;
    assert_eq!(target(&get().await, "innovation_consortia")["current"], 1);

    // The admin counts ecosystem leaders as supply-chain leaders instead, and reports the samples.
    let put = |code: &str, v: Value| admin.put(app.url(&format!("/api/v1/admin/targets/{code}"))).json(&v).send();
    let r = put(
        "ecosystem_leaders",
        json!({"goal": 12, "rule": {"kind": "orgs", "subtype": null, "tier": "chain_leader"}}),
    );
    let v = body(r.await.unwrap()).await;
    assert_eq!((v["goal"].as_i64(), v["current"].as_i64()), (Some(12), Some(0)));
    let r = put(
        "demonstration_samples",
        json!({"goal": 10, "rule": {"kind": "manual"}, "manual_value": 4,
        "manual_source": "市未来产业工作专班", "manual_as_of": "2026-09-30"}),
    );
    assert_eq!(r.await.unwrap().status(), StatusCode::OK);
    let t = get().await;
    let samples = target(&t, "demonstration_samples");
    assert_eq!((samples["current"].as_i64(), samples["as_of"].as_str()), (Some(4), Some("2026-09-30")));
    assert_eq!(samples["manual"]["source"], "市未来产业工作专班");
    assert_eq!(target(&t, "ecosystem_leaders")["rule"]["tier"], "chain_leader");

    // Bad input names the fields; an unknown target is 404; nothing changed.
    let r = put("ecosystem_leaders", json!({"goal": 0, "rule": {"kind": "orgs", "subtype": "nope", "tier": null}}));
    let (_, v) = error_code(r.await.unwrap(), StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(v["error"]["fields"]["goal"].is_string() && v["error"]["fields"]["rule.subtype"].is_string(), "{v}");
    let r = put("demonstration_samples", json!({"goal": 10, "rule": {"kind": "manual"}, "manual_value": 5}));
    let (_, v) = error_code(r.await.unwrap(), StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(v["error"]["fields"]["manual_source"].is_string(), "{v}");
    error_code(put("nope", json!({"goal": 1, "rule": {"kind": "manual"}, "manual_value": 1, "manual_source": "x", "manual_as_of": "2026-01-01"})).await.unwrap(), StatusCode::NOT_FOUND).await;
    assert_eq!(target(&get().await, "ecosystem_leaders")["goal"], 12);

    // Each change is in the audit log with before and after.
    let log = body(admin.get(app.url("/api/v1/admin/audit?action=target.")).send().await.unwrap()).await;
    assert_eq!(log["total"], 2);
    let first = &log["items"][1];
    assert_eq!(first["target"], "target:ecosystem_leaders");
    assert!(
        first["before"].as_str().unwrap().contains("kunpeng")
            && first["after"].as_str().unwrap().contains("chain_leader")
    );
    // Only admins set targets.
    let r = a
        .put(app.url("/api/v1/admin/targets/ecosystem_leaders"))
        .json(&json!({"goal": 1, "rule": {"kind": "open_calls_won"}}))
        .send()
        .await
        .unwrap();
    error_code(r, StatusCode::FORBIDDEN).await;
}
