//! Dates at the ends of the calendar, sent to every route that takes one: never a 500, and a date
//! outside 2000-01-01..=2099-12-31 is a 422 naming its field.

use reqwest::{Client, Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{TestApp, body, spawn_app};
use crate::market::{demand, org_of_kind};

/// Calendar dates to try: the ends of what the date parser takes, the edges of the allowed range,
/// and pseudo-random ones over the whole calendar (a fixed seed: a failure repeats).
fn days() -> Vec<String> {
    let mut out: Vec<String> = [
        "0000-01-01",
        "0001-01-01",
        "1900-01-01",
        "1999-12-31",
        "2100-01-01",
        "9999-12-31",
        "-9999-01-01",
        "+9999-12-31",
        "-0001-12-31",
    ]
    .map(String::from)
    .to_vec();
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..24 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let year = (x % 10_000) as i64 * if x & 1 == 0 { 1 } else { -1 };
        let (month, day) = (1 + (x >> 20) % 12, 1 + (x >> 30) % 28);
        out.push(if year < 0 {
            format!("-{:04}-{month:02}-{day:02}", -year)
        } else {
            format!("{year:04}-{month:02}-{day:02}")
        });
    }
    out
}

/// Moments to try: each date at the ends of the day, with the largest offsets either way.
fn moments() -> Vec<String> {
    let mut out = vec![];
    for d in days().into_iter().filter(|d| !d.starts_with(['-', '+'])) {
        out.push(format!("{d}T00:00:00Z"));
        out.push(format!("{d}T23:59:59-23:59"));
        out.push(format!("{d}T00:00:00+23:59"));
    }
    out.push("2099-12-31T23:00:00-01:00".into());
    out
}

/// Whether `s` parses as a date or a moment whose day (in China time) lies outside
/// 2000-01-01..=2099-12-31; `false` for what does not parse at all.
fn out_of_range(s: &str) -> bool {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let day = time::Date::parse(s, &format).ok().or_else(|| {
        let t = time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).ok()?;
        Some(t.checked_to_offset(shared::CHINA).map_or(t.date(), |t| t.date()))
    });
    day.is_some_and(|d| !(time::macros::date!(2000 - 01 - 01)..=time::macros::date!(2099 - 12 - 31)).contains(&d))
}

/// Sends one request and checks the answer: never a 5xx; with `field`, an out-of-range date is
/// refused with a 422 that names it.
async fn probe(
    app: &TestApp,
    c: &Client,
    method: Method,
    path: &str,
    payload: Option<Value>,
    field: Option<&str>,
    value: &str,
) {
    let mut req = c.request(method.clone(), app.url(path));
    if let Some(p) = payload {
        req = req.json(&p);
    }
    let r = req.send().await.unwrap();
    let status = r.status();
    let text = r.text().await.unwrap_or_default();
    assert!(!status.is_server_error(), "{method} {path} with {field:?}={value}: {status} {text}");
    let Some(field) = field.filter(|_| out_of_range(value)) else { return };
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{method} {path} took {field}={value}: {text}");
    let v: Value = serde_json::from_str(&text).unwrap_or_else(|_| panic!("the error shape: {text}"));
    assert!(v["error"]["fields"][field].is_string(), "{method} {path} {field}={value} names the field: {text}");
}

#[tokio::test]
async fn extreme_dates_on_every_date_taking_route_answer_4xx_and_name_the_field() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let host = app.user("host@example.com", "主办方").await;
    let org = org_of_kind(&app, &host, "organizer", None, Some(&admin)).await;
    let ent = app.user("ent@example.com", "企业主").await;
    let ent_org = org_of_kind(&app, &ent, "enterprise", None, Some(&admin)).await;
    let event = |start: &str, end: &str| {
        json!({"org_id": org, "title_zh": "未来产业对接会", "description_zh": "一对一对接", "event_type": "matchmaking",
               "venue": "云栖小镇", "starts_at": start, "ends_at": end, "capacity": 50})
    };
    let r = host.post(app.url("/api/v1/events")).json(&event("2099-04-01T01:00:00Z", "2099-04-01T09:00:00Z")).send();
    let r = r.await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let event_id = body(r).await["id"].as_i64().unwrap();
    let put_target = |v: &str| {
        json!({"goal": 10, "rule": {"kind": "manual"}, "manual_value": 4, "manual_source": "市未来产业工作专班",
               "manual_as_of": v})
    };
    let stage = |deadline: &str| {
        json!({"org_id": org, "title_zh": "未来产业创新创业大赛", "description_zh": "面向5+X领域", "eligibility_zh": "在杭企业",
               "tracks": [{"domain": "gen_ai", "name_zh": "人工智能赛道"}],
               "stages": [{"name_zh": "决赛", "deadline": deadline, "advance": 2, "fields": []}],
               "rubric": [{"name_zh": "创新性", "weight": 100, "scale": 10}], "judges_per_entry": 1})
    };

    let mut tried = 0;
    for d in days() {
        for path in [
            format!("/api/v1/dashboard/activity?to={d}"),
            format!("/api/v1/dashboard/activity?from={d}"),
            format!("/api/v1/dashboard/activity?from={d}&to={d}"),
            format!("/api/v1/dashboard/export.xlsx?from=1900-01-01&to={d}"),
        ] {
            let field = if path.contains("from=") { "from" } else { "to" };
            let value = if path.contains("from=1900") { "1900-01-01" } else { d.as_str() };
            probe(&app, &admin, Method::GET, &path, None, Some(field), value).await;
        }
        // Filters only compare: any date the parser takes is a valid (perhaps empty) filter.
        probe(&app, &ent, Method::GET, &format!("/api/v1/demands?deadline_from={d}&deadline_to={d}"), None, None, &d)
            .await;
        probe(
            &app,
            &admin,
            Method::PUT,
            "/api/v1/admin/targets/demonstration_samples",
            Some(put_target(&d)),
            Some("manual_as_of"),
            &d,
        )
        .await;
        let mut posting = demand(ent_org);
        posting["deadline"] = json!(d);
        probe(&app, &ent, Method::POST, "/api/v1/demands", Some(posting), Some("deadline"), &d).await;
        let mut posting = demand(ent_org);
        posting["start"] = json!(d);
        probe(&app, &ent, Method::POST, "/api/v1/demands", Some(posting), Some("start"), &d).await;
        let mut posting = demand(ent_org);
        posting["open_call"] = json!({"reward": 500, "application_deadline": d});
        probe(&app, &ent, Method::POST, "/api/v1/demands", Some(posting), Some("open_call.application_deadline"), &d)
            .await;
        tried += 9;
    }
    for t in moments() {
        probe(
            &app,
            &host,
            Method::POST,
            "/api/v1/events",
            Some(event(&t, "2099-04-01T09:00:00Z")),
            Some("starts_at"),
            &t,
        )
        .await;
        probe(
            &app,
            &host,
            Method::POST,
            "/api/v1/events",
            Some(event("2099-04-01T01:00:00Z", &t)),
            Some("ends_at"),
            &t,
        )
        .await;
        let mut e = event("2099-04-01T01:00:00Z", "2099-04-01T09:00:00Z");
        e["registration_opens_at"] = json!(t);
        probe(&app, &host, Method::POST, "/api/v1/events", Some(e), Some("registration_opens_at"), &t).await;
        let e = event(&t, &t);
        probe(&app, &host, Method::PUT, &format!("/api/v1/events/{event_id}"), Some(e), Some("starts_at"), &t).await;
        let session = json!({"title_zh": "开幕式", "starts_at": t, "ends_at": "2099-04-01T02:00:00Z"});
        probe(
            &app,
            &host,
            Method::POST,
            &format!("/api/v1/events/{event_id}/sessions"),
            Some(session),
            Some("starts_at"),
            &t,
        )
        .await;
        let setup = json!({"tables": 5, "slots": [{"starts_at": t, "ends_at": "2099-04-01T02:00:00Z"}]});
        probe(
            &app,
            &host,
            Method::PUT,
            &format!("/api/v1/events/{event_id}/meetings/setup"),
            Some(setup),
            Some("slots"),
            &t,
        )
        .await;
        probe(&app, &host, Method::POST, "/api/v1/competitions", Some(stage(&t)), Some("stages"), &t).await;
        tried += 7;
    }
    assert!(tried > 400, "{tried} requests");
}

#[tokio::test]
async fn an_extreme_signing_date_on_a_deal_is_refused_naming_the_field() {
    let s = crate::matching::setup().await;
    let req = json!({"from_org": s.lab, "posting_id": s.demand, "proposal": "joint_development",
                     "message": "我们的界面改性平台可以解决贵方的循环寿命问题，希望洽谈联合开发。"});
    let r = s.lab_owner.post(s.m.app.url("/api/v1/engagements")).json(&req).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let id = body(r).await["id"].as_i64().unwrap();
    let r = s.m.owner.post(s.m.app.url(&format!("/api/v1/engagements/{id}/accept"))).json(&json!({})).send().await;
    assert_eq!(r.unwrap().status(), StatusCode::OK);
    for d in days() {
        let change = json!({"stage": "signed", "contract_value": 300, "signed_on": d});
        probe(
            &s.m.app,
            &s.m.owner,
            Method::POST,
            &format!("/api/v1/engagements/{id}/stage"),
            Some(change),
            Some("signed_on"),
            &d,
        )
        .await;
    }
}
