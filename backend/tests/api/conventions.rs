//! HTTP conventions every route follows.
//!
//! This file is long because it checks every route against the same conventions (errors, limits,
//! versions, the contract), one table-driven test each.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{PASSWORD, body, error_code, spawn_app, spawn_app_with};
use backend::db::sql;

#[tokio::test]
async fn malformed_json_answers_400_in_the_error_shape() {
    let app = spawn_app().await;
    let r = app
        .client()
        .post(app.url("/api/v1/auth/login"))
        .header("content-type", "application/json")
        .body("{\"email\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(error_code(r, StatusCode::BAD_REQUEST).await.0, "malformed_json");
}

#[tokio::test]
async fn a_wrongly_typed_field_answers_422_naming_it() {
    let app = spawn_app().await;
    let c = app.user("a@example.com", "A").await;
    let r = c
        .post(app.url("/api/v1/orgs"))
        .json(&json!({"name_zh": "x", "kind": "enterprise", "founded_year": "long ago"}))
        .send()
        .await
        .unwrap();
    let (_, v) = error_code(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(v["error"]["fields"]["founded_year"].is_string(), "{v}");
    let r = c.post(app.url("/api/v1/orgs")).json(&json!({"name_zh": "x", "kind": "spaceship"})).send().await.unwrap();
    let (_, v) = error_code(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(v["error"]["fields"]["kind"].is_string(), "{v}");
}

#[tokio::test]
async fn a_body_without_json_content_type_answers_415() {
    let app = spawn_app().await;
    let r = app.client().post(app.url("/api/v1/auth/login")).body("{}").send().await.unwrap();
    assert_eq!(error_code(r, StatusCode::UNSUPPORTED_MEDIA_TYPE).await.0, "unsupported_media_type");
}

#[tokio::test]
async fn a_body_over_one_mebibyte_answers_413() {
    let app = spawn_app().await;
    let big = format!("{{\"email\":\"{}\",\"password\":\"x\"}}", "a".repeat(1024 * 1024 + 10));
    let r = app
        .client()
        .post(app.url("/api/v1/auth/login"))
        .header("content-type", "application/json")
        .body(big)
        .send()
        .await
        .unwrap();
    let (code, v) = error_code(r, StatusCode::PAYLOAD_TOO_LARGE).await;
    assert_eq!(code, "payload_too_large");
    assert!(v["error"]["message"].as_str().unwrap().contains("1 MiB"), "{v}");
}

#[tokio::test]
async fn unknown_api_routes_answer_404_and_wrong_methods_405_in_the_error_shape() {
    let app = spawn_app().await;
    let r = app.client().get(app.url("/api/v1/no/such/thing")).send().await.unwrap();
    assert_eq!(error_code(r, StatusCode::NOT_FOUND).await.0, "route_not_found");
    let r = app.client().delete(app.url("/api/v1/taxonomy")).send().await.unwrap();
    assert_eq!(error_code(r, StatusCode::METHOD_NOT_ALLOWED).await.0, "method_not_allowed");
    let r = app.client().get(app.url("/api/v1/orgs/not-a-number")).send().await.unwrap();
    assert_eq!(error_code(r, StatusCode::NOT_FOUND).await.0, "not_found");
    let r = app.client().get(app.url("/api/v1/orgs?page=-1")).send().await.unwrap();
    let (code, v) = error_code(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!((code.as_str(), v["error"]["fields"]["page"].is_string()), ("validation_failed", true), "{v}");
    let r = app.client().get(app.url("/api/v1/orgs?page=1&page=2")).send().await.unwrap();
    let (code, v) = error_code(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!((code.as_str(), v["error"]["fields"]["page"].is_string()), ("validation_failed", true), "{v}");
}

#[tokio::test]
async fn hostile_inputs_never_cause_a_500() {
    let app = spawn_app().await;
    let c = app.user("a@example.com", "A").await;
    let huge_id = "/api/v1/orgs/99999999999999999999999";
    let cases: Vec<(&str, String, Option<Value>)> = vec![
        ("GET", huge_id.into(), None),
        ("GET", "/api/v1/orgs?q=%27%3B%20DROP%20TABLE%20users%3B--".into(), None),
        ("GET", "/api/v1/orgs?per_page=100000&page=4294967295".into(), None),
        ("GET", "/api/v1/invitations/%00%FF".into(), None),
        (
            "POST",
            "/api/v1/orgs".into(),
            Some(json!({"name_zh": "\u{0000}", "kind": "lab", "subtype": "x".repeat(5000)})),
        ),
        ("POST", "/api/v1/orgs".into(), Some(json!([1, 2, 3]))),
        ("POST", "/api/v1/orgs".into(), Some(json!({"name_zh": "x", "kind": "enterprise", "domains": "gen_ai"}))),
        ("PUT", "/api/v1/me".into(), Some(json!({"locale": "klingon"}))),
        (
            "POST",
            "/api/v1/auth/register".into(),
            Some(json!({"email": "a@b.c", "password": "p".repeat(100_000), "display_name": "x"})),
        ),
        ("POST", "/api/v1/orgs/1/members".into(), Some(json!({"email": null}))),
    ];
    for (method, path, payload) in cases {
        let mut req = c.request(method.parse().unwrap(), app.url(&path));
        if let Some(p) = payload {
            req = req.json(&p);
        }
        let r = req.send().await.unwrap();
        assert!(r.status().is_client_error() || r.status().is_success(), "{method} {path}: {}", r.status());
        if r.status().is_client_error() {
            let v = body(r).await;
            assert!(v["error"]["code"].is_string(), "{method} {path}: {v}");
        }
    }
}

#[tokio::test]
async fn healthz_checks_the_database() {
    let app = spawn_app().await;
    let r = app.client().get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(body(r).await["status"], "ok");
    app.state.db.close().await;
    let r = app.client().get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
}

#[tokio::test]
async fn responses_carry_security_headers() {
    let app = spawn_app().await;
    for path in ["/api/v1/taxonomy", "/api/v1/me", "/"] {
        let r = app.client().get(app.url(path)).send().await.unwrap();
        assert_eq!(r.headers()["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(r.headers()["x-frame-options"], "DENY", "{path}");
        assert_eq!(r.headers()["referrer-policy"], "strict-origin-when-cross-origin", "{path}");
        let csp = r.headers()["content-security-policy"].to_str().unwrap();
        for part in
            ["script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'", "frame-ancestors 'none'", "object-src 'none'"]
        {
            assert!(csp.contains(part), "{path}: {csp}");
        }
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert!(r.headers().get("strict-transport-security").is_none(), "plain http: no HSTS");
    }
    // The API docs page is static text with an inline stylesheet and no script at all.
    let r = app.client().get(app.url("/api/v1/docs")).send().await.unwrap();
    assert_eq!(
        r.headers()["content-security-policy"],
        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"
    );
    // Over https, browsers are told to stay on https.
    let secure = spawn_app_with(|c| c.public_url = Some("https://futurematch.example.cn".into())).await;
    let r = secure.client().get(secure.url("/api/v1/taxonomy")).send().await.unwrap();
    assert_eq!(r.headers()["strict-transport-security"], "max-age=31536000");
}

#[tokio::test]
async fn state_changing_requests_from_another_site_are_refused_and_same_origin_ones_pass() {
    let app = spawn_app().await;
    app.user("someone@example.com", "用户").await;
    let login = json!({"email": "someone@example.com", "password": PASSWORD});
    let send = |origin: Option<&str>, fetch_site: Option<&str>| {
        let mut req = app.client().post(app.url("/api/v1/auth/login")).header("accept-language", "en").json(&login);
        if let Some(o) = origin {
            req = req.header("origin", o);
        }
        if let Some(s) = fetch_site {
            req = req.header("sec-fetch-site", s);
        }
        req.send()
    };
    let (code, v) = error_code(send(Some("https://evil.example"), None).await.unwrap(), StatusCode::FORBIDDEN).await;
    assert_eq!(code, "cross_origin");
    assert!(v["error"]["message"].as_str().unwrap().contains("another site"), "{v}");
    error_code(send(None, Some("cross-site")).await.unwrap(), StatusCode::FORBIDDEN).await;
    let own = format!("http://{}", app.addr);
    assert_eq!(send(Some(&own), Some("same-origin")).await.unwrap().status(), StatusCode::OK);
    assert_eq!(send(None, None).await.unwrap().status(), StatusCode::OK, "no browser headers: not a browser");
    // Reads are not refused (the browser keeps their answers from the other site anyway).
    let r =
        app.client().get(app.url("/api/v1/taxonomy")).header("origin", "https://evil.example").send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
}

#[tokio::test]
async fn every_response_carries_a_request_id() {
    let app = spawn_app().await;
    let r = app.client().get(app.url("/api/v1/taxonomy")).send().await.unwrap();
    assert!(r.headers().get("x-request-id").is_some_and(|v| v.len() >= 32));
    let r = app.client().get(app.url("/api/v1/taxonomy")).header("x-request-id", "trace-me-123").send().await.unwrap();
    assert_eq!(r.headers()["x-request-id"], "trace-me-123");
}

/// The routes this platform promises (issue #2). Each must be in the OpenAPI document.
const PROMISED: &[(&str, &str)] = &[
    ("POST", "/api/v1/auth/register"),
    ("POST", "/api/v1/auth/login"),
    ("POST", "/api/v1/auth/logout"),
    ("GET", "/api/v1/me"),
    ("PUT", "/api/v1/me"),
    ("POST", "/api/v1/me/password"),
    ("GET", "/api/v1/orgs"),
    ("POST", "/api/v1/orgs"),
    ("GET", "/api/v1/orgs/{id}"),
    ("PUT", "/api/v1/orgs/{id}"),
    ("GET", "/api/v1/orgs/{id}/members"),
    ("POST", "/api/v1/orgs/{id}/members"),
    ("POST", "/api/v1/invitations/{token}/accept"),
    ("POST", "/api/v1/admin/orgs/{id}/verify"),
    ("GET", "/api/v1/taxonomy"),
    ("POST", "/api/v1/admin/taxonomy"),
    ("GET", "/api/v1/openapi.json"),
    ("GET", "/api/v1/docs"),
    ("GET", "/healthz"),
    ("GET", "/api/v1/demands"),
    ("POST", "/api/v1/demands"),
    ("GET", "/api/v1/demands/{id}"),
    ("PUT", "/api/v1/demands/{id}"),
    ("POST", "/api/v1/demands/{id}/submit"),
    ("POST", "/api/v1/demands/{id}/close"),
    ("GET", "/api/v1/capabilities"),
    ("PUT", "/api/v1/capabilities/{id}"),
    ("POST", "/api/v1/scenarios/{id}/submit"),
    ("POST", "/api/v1/mandates/{id}/close"),
    ("GET", "/api/v1/admin/moderation"),
    ("POST", "/api/v1/admin/moderation"),
    ("GET", "/api/v1/search"),
    ("GET", "/api/v1/demands/{id}/matches"),
    ("GET", "/api/v1/capabilities/{id}/matches"),
    ("GET", "/api/v1/scenarios/{id}/matches"),
    ("GET", "/api/v1/mandates/{id}/matches"),
    ("GET", "/api/v1/demands/{id}/bundles"),
    ("GET", "/api/v1/feed"),
    ("POST", "/api/v1/matches/{id}/save"),
    ("POST", "/api/v1/matches/{id}/dismiss"),
    ("GET", "/api/v1/admin/matching/weights"),
    ("PUT", "/api/v1/admin/matching/weights"),
    ("GET", "/api/v1/engagements"),
    ("POST", "/api/v1/engagements"),
    ("GET", "/api/v1/engagements/{id}"),
    ("POST", "/api/v1/engagements/{id}/accept"),
    ("POST", "/api/v1/engagements/{id}/decline"),
    ("POST", "/api/v1/engagements/{id}/withdraw"),
    ("POST", "/api/v1/engagements/{id}/stage"),
    ("GET", "/api/v1/engagements/{id}/messages"),
    ("POST", "/api/v1/engagements/{id}/messages"),
    ("POST", "/api/v1/engagements/{id}/attachments"),
    ("GET", "/api/v1/attachments/{id}"),
    ("GET", "/api/v1/orgs/{id}/blocks"),
    ("POST", "/api/v1/orgs/{id}/blocks"),
    ("DELETE", "/api/v1/orgs/{id}/blocks/{blocked}"),
    ("POST", "/api/v1/reports"),
    ("GET", "/api/v1/admin/reports"),
    ("GET", "/api/v1/notifications"),
    ("GET", "/api/v1/notifications/unread-count"),
    ("POST", "/api/v1/notifications/{id}/read"),
    ("POST", "/api/v1/notifications/read-all"),
    ("GET", "/api/v1/notifications/preferences"),
    ("PUT", "/api/v1/notifications/preferences"),
    ("GET", "/api/v1/saved-searches"),
    ("POST", "/api/v1/saved-searches"),
    ("DELETE", "/api/v1/saved-searches/{id}"),
    ("GET", "/api/v1/admin/outbox"),
    ("GET", "/api/v1/admin/overview"),
    ("GET", "/api/v1/demands/{id}/applications"),
    ("POST", "/api/v1/demands/{id}/applications"),
    ("PUT", "/api/v1/demands/{id}/applications/{app}"),
    ("POST", "/api/v1/demands/{id}/applications/{app}/shortlist"),
    ("POST", "/api/v1/demands/{id}/applications/{app}/clarifications"),
    ("POST", "/api/v1/demands/{id}/applications/{app}/clarifications/{question}/answer"),
    ("POST", "/api/v1/demands/{id}/applications/{app}/attachments"),
    ("GET", "/api/v1/application-files/{id}"),
    ("POST", "/api/v1/demands/{id}/notice"),
    ("GET", "/api/v1/notices"),
    ("GET", "/api/v1/notices/{id}"),
    ("POST", "/api/v1/notices/{id}/objections"),
    ("POST", "/api/v1/notices/{id}/objections/{objection}/answer"),
    ("POST", "/api/v1/notices/{id}/decision"),
    ("GET", "/api/v1/events"),
    ("POST", "/api/v1/events"),
    ("GET", "/api/v1/events/{id}"),
    ("GET", "/api/v1/events/{id}/calendar.ics"),
    ("GET", "/api/v1/events/{id}/registrations.csv"),
    ("PUT", "/api/v1/events/{id}"),
    ("POST", "/api/v1/events/{id}/ticket-types"),
    ("GET", "/api/v1/events/{id}/registrations"),
    ("POST", "/api/v1/events/{id}/registrations"),
    ("POST", "/api/v1/registrations/{id}/cancel"),
    ("POST", "/api/v1/registrations/{id}/accept-offer"),
    ("POST", "/api/v1/registrations/{id}/undo-cancel"),
    ("GET", "/api/v1/events/{id}/registrants"),
    ("POST", "/api/v1/events/{id}/registrations/bulk"),
    ("POST", "/api/v1/events/{id}/messages/preview"),
    ("POST", "/api/v1/registrations/{id}/approve"),
    ("POST", "/api/v1/registrations/{id}/reject"),
    ("POST", "/api/v1/registrations/{id}/promote"),
    ("GET", "/api/v1/events/{id}/staff"),
    ("POST", "/api/v1/events/{id}/staff"),
    ("DELETE", "/api/v1/events/{id}/staff/{user_id}"),
    ("GET", "/api/v1/registrations/{id}/tickets"),
    ("GET", "/api/v1/tickets/{code}/qr.svg"),
    ("POST", "/api/v1/events/{id}/checkins"),
    ("GET", "/api/v1/events/{id}/checkins/counts"),
    ("POST", "/api/v1/checkins/{id}/undo"),
    ("GET", "/api/v1/events/{id}/report"),
    ("GET", "/api/v1/events/{id}/registrations.xlsx"),
    ("GET", "/api/v1/events/{id}/questions"),
    ("POST", "/api/v1/events/{id}/questions"),
    ("DELETE", "/api/v1/events/{id}/questions/{question}"),
    ("GET", "/api/v1/events/{id}/messages"),
    ("POST", "/api/v1/events/{id}/messages"),
    ("GET", "/api/v1/events/{id}/invitations"),
    ("POST", "/api/v1/events/{id}/invitations"),
    ("GET", "/api/v1/events/{id}/badges"),
    ("GET", "/api/v1/experts/me"),
    ("PUT", "/api/v1/experts/me"),
    ("GET", "/api/v1/experts"),
    ("GET", "/api/v1/admin/experts"),
    ("POST", "/api/v1/admin/experts/{id}/approve"),
    ("POST", "/api/v1/admin/experts/{id}/reject"),
    ("GET", "/api/v1/admin/audit"),
    ("GET", "/api/v1/admin/users"),
    ("POST", "/api/v1/admin/users/{id}/disable"),
    ("POST", "/api/v1/admin/users/{id}/enable"),
    ("POST", "/api/v1/admin/users/{id}/sessions/reset"),
    ("GET", "/api/v1/admin/audit/verify"),
    ("GET", "/api/v1/demands/{id}/experts"),
    ("POST", "/api/v1/demands/{id}/experts/{expert}/invite"),
    ("GET", "/api/v1/competitions"),
    ("POST", "/api/v1/competitions"),
    ("GET", "/api/v1/competitions/{id}"),
    ("PUT", "/api/v1/competitions/{id}"),
    ("GET", "/api/v1/competitions/{id}/teams"),
    ("POST", "/api/v1/competitions/{id}/teams"),
    ("GET", "/api/v1/competitions/{id}/audit"),
    ("POST", "/api/v1/competitions/{id}/publish"),
    ("GET", "/api/v1/teams/{id}"),
    ("GET", "/api/v1/teams/{id}/certificate"),
    ("GET", "/api/v1/teams/{id}/stages/{stage}/submissions"),
    ("PUT", "/api/v1/teams/{id}/stages/{stage}/submission"),
    ("POST", "/api/v1/teams/{id}/stages/{stage}/plan"),
    ("GET", "/api/v1/submissions/{id}/plan"),
    ("PUT", "/api/v1/stages/{id}/panel"),
    ("GET", "/api/v1/stages/{id}/assignment"),
    ("POST", "/api/v1/stages/{id}/assignment"),
    ("PUT", "/api/v1/stages/{id}/assignment/{team}"),
    ("POST", "/api/v1/stages/{id}/release"),
    ("GET", "/api/v1/stages/{id}/results"),
    ("POST", "/api/v1/stages/{id}/close"),
    ("GET", "/api/v1/stages/{id}/scores.xlsx"),
    ("GET", "/api/v1/judging"),
    ("GET", "/api/v1/judging/{stage}/{team}"),
    ("PUT", "/api/v1/judging/{stage}/{team}"),
    ("PUT", "/api/v1/events/{id}/cover"),
    ("GET", "/api/v1/events/{id}/cover"),
    ("DELETE", "/api/v1/events/{id}/cover"),
    ("GET", "/api/v1/events/{id}/sessions"),
    ("POST", "/api/v1/events/{id}/sessions"),
    ("DELETE", "/api/v1/events/{id}/sessions/{session}"),
    ("POST", "/api/v1/sessions/{id}/seat"),
    ("DELETE", "/api/v1/sessions/{id}/seat"),
    ("GET", "/api/v1/sessions/{id}/calendar.ics"),
    ("GET", "/api/v1/events/{id}/meetings"),
    ("PUT", "/api/v1/events/{id}/meetings/setup"),
    ("PUT", "/api/v1/events/{id}/meetings/availability"),
    ("GET", "/api/v1/events/{id}/meetings/attendees"),
    ("POST", "/api/v1/events/{id}/meetings/requests"),
    ("POST", "/api/v1/meeting-requests/{id}/accept"),
    ("POST", "/api/v1/meeting-requests/{id}/decline"),
    ("POST", "/api/v1/meeting-requests/{id}/cancel"),
    ("POST", "/api/v1/events/{id}/meetings/schedule"),
    ("GET", "/api/v1/events/{id}/meetings/plan"),
    ("GET", "/api/v1/events/{id}/meetings/plan.xlsx"),
    ("GET", "/api/v1/events/{id}/meetings/agenda.ics"),
    ("GET", "/api/v1/me/export"),
    ("GET", "/api/v1/dashboard/targets"),
    ("GET", "/api/v1/dashboard/activity"),
    ("GET", "/api/v1/dashboard/export.xlsx"),
    ("PUT", "/api/v1/admin/targets/{code}"),
    ("DELETE", "/api/v1/me"),
    ("GET", "/api/v1/admin/retention"),
    ("PUT", "/api/v1/admin/retention"),
    ("POST", "/api/v1/admin/retention/apply"),
];

/// Every (METHOD, path) of an OpenAPI document.
pub(crate) fn operations(doc: &Value) -> Vec<(String, String)> {
    let mut ops = vec![];
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in ["get", "post", "put", "patch", "delete"] {
            if item.get(method).is_some() {
                ops.push((method.to_uppercase(), path.clone()));
            }
        }
    }
    ops
}

#[tokio::test]
async fn openapi_document_lists_every_route_and_every_listed_route_is_served() {
    let app = spawn_app().await;
    let r = app.client().get(app.url("/api/v1/openapi.json")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let doc = body(r).await;
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    let ops = operations(&doc);
    for (m, p) in PROMISED {
        assert!(ops.iter().any(|(om, op)| om == m && op == p), "{m} {p} missing from the OpenAPI document");
    }
    // Every documented operation is actually routed (no route_not_found / 405).
    let c = app.client();
    for (m, p) in &ops {
        let concrete = p
            .replace("{id}", "1")
            .replace("{user_id}", "1")
            .replace("{invitation_id}", "1")
            .replace("{token}", "t")
            .replace("{code}", "c")
            .replace("{question}", "1")
            .replace("{session}", "1")
            .replace("{stage}", "1")
            .replace("{team}", "1")
            .replace("{expert}", "1");
        let mut req = c.request(m.parse().unwrap(), app.url(&concrete));
        if m != "GET" && m != "DELETE" {
            req = req.json(&json!({}));
        }
        let r = req.send().await.unwrap();
        assert_ne!(r.status(), StatusCode::METHOD_NOT_ALLOWED, "{m} {p}");
        if r.status() == StatusCode::NOT_FOUND {
            let v = body(r).await;
            assert_ne!(v["error"]["code"], "route_not_found", "{m} {p} is documented but not served");
        }
    }
    // Every operation documents its responses, and request bodies have schemas.
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            assert!(op["responses"].as_object().is_some_and(|r| !r.is_empty()), "{method} {path} has no responses");
        }
    }
    assert!(doc["components"]["schemas"]["ApiError"].is_object());
    // Every reference resolves (an API client generator or fuzzer stops at the first that does not).
    let text = doc.to_string();
    for reference in text.split("\"$ref\":\"#/components/schemas/").skip(1) {
        let name = &reference[..reference.find('"').unwrap()];
        assert!(
            doc["components"]["schemas"][name].is_object(),
            "#/components/schemas/{name} is referenced but missing"
        );
    }
}

#[tokio::test]
async fn api_docs_page_is_readable_html_listing_the_routes() {
    let app = spawn_app().await;
    let r = app.client().get(app.url("/api/v1/docs")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
    let html = r.text().await.unwrap();
    for path in ["/api/v1/auth/register", "/api/v1/orgs/{id}/members", "/api/v1/admin/taxonomy"] {
        assert!(html.contains(path), "{path} missing from the docs page");
    }
}

#[tokio::test]
async fn the_spa_is_served_with_history_fallback_and_cache_headers() {
    let app = spawn_app_with(|_| {}).await;
    let dist = app.dir.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), "<!doctype html><title>FutureMatch</title>").unwrap();
    std::fs::create_dir_all(dist.join("pkg-0123456789abcdef")).unwrap();
    std::fs::write(dist.join("pkg-0123456789abcdef/frontend.js"), "console.log(1)").unwrap();
    let c = app.client();
    for path in ["/", "/orgs/12", "/account"] {
        let r = c.get(app.url(path)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{path}");
        assert_eq!(r.headers()["cache-control"], "private, no-cache", "revalidated, and never kept by a shared cache");
        assert!(r.text().await.unwrap().contains("FutureMatch"));
    }
    let r = c.get(app.url("/pkg-0123456789abcdef/frontend.js")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["cache-control"], "public, max-age=31536000, immutable");
}

#[tokio::test]
async fn api_responses_are_compressed_when_the_client_accepts_it() {
    let app = spawn_app().await;
    let raw = reqwest::Client::new();
    let r = raw.get(app.url("/api/v1/taxonomy")).header("accept-encoding", "gzip").send().await.unwrap();
    assert_eq!(r.headers()["content-encoding"], "gzip");
}

#[tokio::test]
async fn demo_data_loads_on_first_start_only_and_looks_like_a_real_platform() {
    let app = spawn_app_with(|c| c.no_demo = false).await;
    let orgs = body(app.client().get(app.url("/api/v1/orgs?per_page=1")).send().await.unwrap()).await;
    let total = orgs["total"].as_u64().unwrap();
    assert!(total >= 80, "demo organizations: {total}");
    let db = &app.state.db;
    let (kinds, subtypes, districts): (i64, i64, i64) = sql::query_as(
        "SELECT COUNT(DISTINCT kind), COUNT(DISTINCT subtype), COUNT(DISTINCT district) FROM organizations",
    )
    .fetch_one(db)
    .await
    .unwrap();
    assert_eq!((kinds, districts), (4, 13), "every kind of organization, in all 13 districts");
    assert_eq!(subtypes, 12, "every lab sub-type and investor type (VC and PE apart)");
    let (published, posting_kinds, domains): (i64, i64, i64) = sql::query_as(
        "SELECT COUNT(*), COUNT(DISTINCT kind), (SELECT COUNT(DISTINCT code) FROM posting_domains)
         FROM postings WHERE status = 'published'",
    )
    .fetch_one(db)
    .await
    .unwrap();
    assert!(published >= 600, "published postings: {published}");
    assert_eq!((posting_kinds, domains), (4, 10), "all four kinds over all ten 5+X domains");
    for path in ["/api/v1/demands", "/api/v1/capabilities", "/api/v1/scenarios", "/api/v1/mandates"] {
        let list = body(app.client().get(app.url(path)).send().await.unwrap()).await;
        assert!(list["total"].as_u64().unwrap() >= 100, "{path}: {}", list["total"]);
    }
    let login = app
        .client()
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"email": "lab@demo.futurematch.cn", "password": backend::demo::DEMO_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), StatusCode::OK);
    assert_eq!(body(login).await["email_verified"], true, "demo accounts are verified");
    // A living calendar: upcoming events of every type but the conference, which is past.
    let upcoming = body(app.client().get(app.url("/api/v1/events")).send().await.unwrap()).await;
    let past = body(app.client().get(app.url("/api/v1/events?past=true")).send().await.unwrap()).await;
    let types = |v: &Value| {
        v["items"].as_array().unwrap().iter().map(|e| e["event_type"].as_str().unwrap().to_owned()).collect::<Vec<_>>()
    };
    let (upcoming, past) = (types(&upcoming), types(&past));
    for t in ["forum", "exhibition", "matchmaking", "roadshow"] {
        assert!(upcoming.iter().any(|u| u == t), "an upcoming {t}: {upcoming:?}");
    }
    assert!(past.iter().any(|p| p == "conference") && past.len() >= 2, "past events: {past:?}");
    let (waiting, checked_in, answered): (i64, i64, i64) = sql::query_as(
        "SELECT (SELECT COUNT(*) FROM registrations WHERE status = 'waitlisted'),
                (SELECT COUNT(*) FROM checkins), (SELECT COUNT(*) FROM registration_answers)",
    )
    .fetch_one(db)
    .await
    .unwrap();
    assert!(waiting > 0 && checked_in > 0 && answered > 0, "a waiting list, check-ins and answers");
    // The forum has an agenda with limited sessions partly taken; the matchmaking meeting has slots,
    // tables, availability and requests, and the demo enterprise account has requests to answer.
    let (sessions, seats, slots, accepted): (i64, i64, i64, i64) = sql::query_as(
        "SELECT (SELECT COUNT(*) FROM event_sessions), (SELECT COUNT(*) FROM session_seats),
                (SELECT COUNT(*) FROM meeting_slots), (SELECT COUNT(*) FROM meeting_requests WHERE status = 'accepted')",
    )
    .fetch_one(db)
    .await
    .unwrap();
    assert!(sessions >= 5 && seats > 0 && slots >= 8 && accepted >= 20, "{sessions} {seats} {slots} {accepted}");
    let enterprise = app.client();
    let r = enterprise
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"email": "enterprise@demo.futurematch.cn", "password": backend::demo::DEMO_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let events = body(app.client().get(app.url("/api/v1/events")).send().await.unwrap()).await;
    let meet =
        events["items"].as_array().unwrap().iter().find(|e| e["event_type"] == "matchmaking").unwrap()["id"].clone();
    let area = body(enterprise.get(app.url(&format!("/api/v1/events/{meet}/meetings"))).send().await.unwrap()).await;
    assert_eq!(area["attendee"], true);
    let pending =
        area["requests"].as_array().unwrap().iter().filter(|r| r["incoming"] == true && r["status"] == "pending");
    assert!(pending.count() >= 1, "{area}");
    // An expert pool of at least 40; this year's competition taking submissions for its first stage,
    // with teams (one led by the enterprise demo account); last year's with results published and final.
    let (approved,): (i64,) =
        sql::query_as("SELECT COUNT(*) FROM experts WHERE status = 'approved'").fetch_one(db).await.unwrap();
    assert!(approved >= 40, "{approved} approved experts");
    let list = body(app.client().get(app.url("/api/v1/competitions")).send().await.unwrap()).await;
    let list = list["items"].as_array().unwrap();
    let running = list.iter().find(|c| c["stages"][0]["status"] == "open").expect("a competition in its first stage");
    assert!(running["teams"].as_u64().unwrap() >= 8 && running["tracks"].as_array().unwrap().len() >= 2, "{running}");
    let mine =
        body(enterprise.get(app.url(&format!("/api/v1/competitions/{}/teams", running["id"]))).send().await.unwrap())
            .await;
    assert_eq!(mine.as_array().unwrap().len(), 1, "{mine}");
    assert!(!mine[0]["submissions"].as_array().unwrap().is_empty());
    let finished = list.iter().find(|c| c["notice_id"].is_i64()).expect("a finished competition");
    let notice =
        body(app.client().get(app.url(&format!("/api/v1/notices/{}", finished["notice_id"]))).send().await.unwrap())
            .await;
    assert_eq!(notice["status"], "final");
    assert_eq!(notice["ranking"].as_array().unwrap().len(), 6, "three placed in each of two tracks: {notice}");
    let placed = notice["ranking"][0]["team_id"].clone();
    let cert = app.client().get(app.url(&format!("/api/v1/teams/{placed}/certificate"))).send().await.unwrap();
    assert_eq!(cert.status(), StatusCode::OK);
    // The dashboard has half a year of publications, matches counted, and a figure entered by hand.
    let dash = body(app.client().get(app.url("/api/v1/dashboard/activity")).send().await.unwrap()).await;
    let demands = dash["series"][0]["counts"].as_array().unwrap();
    assert!(demands.iter().filter(|c| c.as_i64().unwrap() > 0).count() >= 20, "weeks with demands: {demands:?}");
    let funnel: Vec<i64> = dash["funnel"].as_array().unwrap().iter().map(|f| f["count"].as_i64().unwrap()).collect();
    assert!(funnel[0] >= 500 && funnel[1] > 0 && funnel[4] >= 1, "{funnel:?}");
    let targets = body(app.client().get(app.url("/api/v1/dashboard/targets")).send().await.unwrap()).await;
    let samples = targets.as_array().unwrap().iter().find(|t| t["code"] == "demonstration_samples").unwrap();
    assert_eq!((samples["current"].as_i64(), samples["as_of"].as_str()), (Some(4), Some("2026-09-30")));
    assert!(!backend::demo::seed_if_first_start(&app.state.db).await.unwrap(), "a second seeding does nothing");
    let again = body(app.client().get(app.url("/api/v1/orgs")).send().await.unwrap()).await;
    assert_eq!(again["total"].as_u64().unwrap(), total);
}

#[tokio::test]
async fn backup_writes_a_consistent_copy_while_serving() {
    let app = spawn_app().await;
    let owner = app.user("owner@example.com", "所有者").await;
    app.org(&owner, "备份测试").await;
    let file = app.dir.path().join("backup.db");
    // Under write load: organizations are created while the copy is written; the copy passes
    // SQLite's integrity check (backup runs it) and holds a consistent prefix of the writes.
    let writes = async {
        for i in 0..40 {
            app.org(&owner, &format!("并发写入{i}")).await;
        }
    };
    let (_, copied) = tokio::join!(writes, backend::db::backup(&app.state.db, &file));
    copied.unwrap();
    assert!(backend::db::backup(&app.state.db, &file).await.is_err(), "never overwrites an existing file");
    let copy = backend::Config {
        database_url: Some(format!("sqlite://{}", file.display())),
        ..backend::Config::with_data_dir(app.dir.path())
    };
    let pool = backend::db::connect(&copy).await.unwrap();
    let (n,): (i64,) =
        sql::query_as("SELECT COUNT(*) FROM organizations WHERE name_zh = '备份测试'").fetch_one(&pool).await.unwrap();
    assert_eq!(n, 1);
    backend::db::integrity_check(&pool).await.unwrap();
    // Every organization in the copy has its owner's membership: no write is half there.
    let (orphans,): (i64,) = sql::query_as(
        "SELECT COUNT(*) FROM organizations o WHERE NOT EXISTS (SELECT 1 FROM memberships m WHERE m.org_id = o.id)",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(orphans, 0);
}
