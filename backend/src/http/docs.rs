//! `GET /api/v1/openapi.json` and a readable, self-contained docs page at `GET /api/v1/docs`,
//! both from the OpenAPI document the routes generate.

use std::fmt::Write;
use std::sync::Arc;

use axum::Extension;
use axum::response::Html;
use utoipa::openapi::path::Operation;
use utoipa::openapi::{OpenApi, RefOr};

#[utoipa::path(get, path = "/openapi.json", tag = "meta",
    responses((status = 200, description = "This OpenAPI 3.1 document", content_type = "application/json")))]
pub async fn openapi_json() -> crate::http::extract::RawJson {
    static TEXT: std::sync::LazyLock<String> =
        std::sync::LazyLock::new(|| serde_json::to_string(&*crate::http::contract::DOCUMENT).unwrap_or_default());
    crate::http::extract::RawJson(TEXT.clone())
}

#[utoipa::path(get, path = "/docs", tag = "meta",
    responses((status = 200, description = "Human-readable API documentation", content_type = "text/html")))]
pub async fn docs_page(
    Extension(doc): Extension<Arc<OpenApi>>,
) -> ([(axum::http::HeaderName, &'static str); 1], Html<String>) {
    // A static page of escaped text with its own stylesheet inline: no script at all.
    let csp = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";
    ([(axum::http::header::CONTENT_SECURITY_POLICY, csp)], Html(render(&doc)))
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn schema_name<T>(r: &RefOr<T>) -> String {
    match r {
        RefOr::Ref(r) => r.ref_location.rsplit('/').next().unwrap_or("").to_owned(),
        RefOr::T(_) => "inline".to_owned(),
    }
}

fn operations(item: &utoipa::openapi::PathItem) -> Vec<(&'static str, &Operation)> {
    [("GET", &item.get), ("POST", &item.post), ("PUT", &item.put), ("PATCH", &item.patch), ("DELETE", &item.delete)]
        .into_iter()
        .filter_map(|(m, op)| op.as_ref().map(|o| (m, o)))
        .collect()
}

/// Every (METHOD, path) the document describes.
pub fn documented_routes(doc: &OpenApi) -> Vec<(String, String)> {
    doc.paths
        .paths
        .iter()
        .flat_map(|(path, item)| operations(item).into_iter().map(move |(m, _)| (m.to_owned(), path.clone())))
        .collect()
}

fn render(doc: &OpenApi) -> String {
    let mut h = String::new();
    let _ = write!(
        h,
        r#"<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{title} — API</title><style>
body{{font:15px/1.6 system-ui,"PingFang SC","Noto Sans CJK SC",sans-serif;max-width:980px;margin:0 auto;padding:24px;color:#1f2937}}
h1{{color:#0b4f8a}} .op{{border:1px solid #e5e7eb;border-radius:8px;padding:12px 16px;margin:12px 0}}
.m{{display:inline-block;min-width:64px;font-weight:700;font-family:monospace}} .GET{{color:#047857}} .POST{{color:#1d4ed8}} .PUT{{color:#b45309}} .DELETE{{color:#b91c1c}}
code{{background:#f3f4f6;padding:1px 5px;border-radius:4px}} .tag{{color:#6b7280;font-size:13px}} table{{border-collapse:collapse}} td{{padding:2px 10px 2px 0;vertical-align:top}}
</style></head><body><h1>{title} API <small>{version}</small></h1>
<p>{intro}<a href="/api/v1/openapi.json">/api/v1/openapi.json</a></p>"#,
        intro = esc(shared::Msg::ApiDocsIntro.t(crate::http::locale::current_locale())),
        lang = crate::http::locale::current_locale().tag(),
        title = esc(&doc.info.title),
        version = esc(&doc.info.version)
    );
    for (path, item) in &doc.paths.paths {
        for (method, op) in operations(item) {
            let _ = write!(h, r#"<div class="op"><span class="m {method}">{method}</span> <code>{}</code>"#, esc(path));
            if let Some(tags) = &op.tags {
                let _ = write!(h, r#" <span class="tag">{}</span>"#, esc(&tags.join(", ")));
            }
            if let Some(s) = op.summary.as_ref().or(op.description.as_ref()) {
                let _ = write!(h, "<p>{}</p>", esc(s));
            }
            h.push_str("<table>");
            for p in op.parameters.iter().flatten() {
                let _ = write!(h, "<tr><td>param</td><td><code>{}</code></td></tr>", esc(&p.name));
            }
            if let Some(body) = &op.request_body {
                for (ct, c) in &body.content {
                    let name = c.schema.as_ref().map(schema_name).unwrap_or_default();
                    let _ = write!(h, "<tr><td>body</td><td><code>{}</code> {}</td></tr>", esc(&name), esc(ct));
                }
            }
            for (status, resp) in &op.responses.responses {
                let desc = match resp {
                    RefOr::T(r) => {
                        let schema = r
                            .content
                            .values()
                            .find_map(|c| c.schema.as_ref().map(schema_name))
                            .map(|s| format!(" → <code>{}</code>", esc(&s)))
                            .unwrap_or_default();
                        format!("{}{schema}", esc(&r.description))
                    }
                    RefOr::Ref(r) => esc(&r.ref_location),
                };
                let _ = write!(h, "<tr><td>{}</td><td>{desc}</td></tr>", esc(status));
            }
            h.push_str("</table></div>");
        }
    }
    h.push_str("</body></html>");
    h
}
