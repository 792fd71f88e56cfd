//! Serves the built frontend from `dist/`: precompressed files, long cache on content-hashed
//! assets, `no-cache` on everything else, and the page shell (`index.html`) for any other GET
//! (history routing), naming the files of the path's page area as preload hints and carrying
//! the API's answers to what the page asks for first (`shared::areas::first_data`: who is signed
//! in, the reference lists, the page's own data), so its content draws as soon as its code runs.

use std::collections::HashMap;
use std::path::PathBuf;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};
use shared::home::{BootAnswer, PAGE_BOOT_ID, PageBoot};
use tower::ServiceExt;
use tower_http::services::ServeDir;

use crate::AppState;

/// The API as the outside calls it (under `/api`, with its middleware), for answering a page's
/// first requests inside the server.
#[derive(Clone)]
pub struct Api(pub Router);

/// The most of one answer carried in a page: a bigger one is left for the page to ask for.
const MOST_ANSWER_BYTES: usize = 256 * 1024;

pub fn service(state: &AppState, api: Api) -> Router {
    let dist = &state.config.dist_dir;
    let shell = Router::new()
        .fallback(get(page))
        .layer(Extension(api))
        // The answers inside are asked through the API's own session layer; this one renews the
        // session cookie on the page itself (the inner answers' headers are not passed on).
        .layer(middleware::from_fn_with_state(state.clone(), crate::accounts::session::middleware))
        .with_state(state.clone());
    let files = ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(false)
        .fallback(shell);
    Router::new().fallback_service(files).layer(middleware::from_fn(cache_headers))
}

/// The shell for `uri`'s page. Read per request (two small files the OS keeps cached), so a
/// rebuilt frontend is served at once. It holds the caller's data: private, never cached.
async fn page(State(state): State<AppState>, Extension(api): Extension<Api>, req: Request) -> Response {
    let (req, _) = req.into_parts();
    let dist: &PathBuf = &state.config.dist_dir;
    let Ok(index) = tokio::fs::read_to_string(dist.join("index.html")).await else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let uri: &Uri = &req.uri;
    let manifest = tokio::fs::read(dist.join("preload.json")).await.unwrap_or_default();
    let areas: HashMap<String, Vec<String>> = serde_json::from_slice(&manifest).unwrap_or_default();
    let files = shared::areas::of(uri.path()).and_then(|area| areas.get(area)).map(Vec::as_slice).unwrap_or_default();
    let boot = first_answers(&api, &req).await;
    let boot = serde_json::to_string(&boot).ok();
    let html = with_boot(&with_preloads(&index, files), boot.as_deref());
    ([(header::CACHE_CONTROL, HeaderValue::from_static("private, no-cache"))], Html(html)).into_response()
}

/// The API's answers to the page's first requests, asked as the caller (their cookie, language,
/// address); only `200 OK` answers are carried, the others the page asks for itself.
async fn first_answers(api: &Api, page: &axum::http::request::Parts) -> PageBoot {
    let mut asks = tokio::task::JoinSet::new();
    for path in shared::areas::first_data(page.uri.path(), page.uri.query().unwrap_or("")) {
        let mut req = Request::builder().method(Method::GET).uri(&path);
        for name in [header::COOKIE, header::ACCEPT_LANGUAGE, header::HOST] {
            for value in page.headers.get_all(&name) {
                req = req.header(&name, value);
            }
        }
        let Ok(mut req) = req.body(Body::empty()) else { continue };
        if let Some(peer) = page.extensions.get::<axum::extract::ConnectInfo<super::client::Peer>>() {
            req.extensions_mut().insert(*peer);
        }
        let api = api.0.clone();
        asks.spawn(async move {
            let res = api.oneshot(req).await.ok()?;
            if res.status() != StatusCode::OK {
                return None;
            }
            let bytes = axum::body::to_bytes(res.into_body(), MOST_ANSWER_BYTES).await.ok()?;
            Some(BootAnswer { path, body: String::from_utf8(bytes.to_vec()).ok()? })
        });
    }
    let mut answers: Vec<BootAnswer> = asks.join_all().await.into_iter().flatten().collect();
    answers.sort_by(|a, b| a.path.cmp(&b.path));
    PageBoot { answers }
}

/// The shell with the boot data as a JSON block (not a script: nothing runs, the CSP allows it)
/// before `</body>`. `<` is escaped so no text in it can close the element.
pub fn with_boot(index: &str, json: Option<&str>) -> String {
    let (Some(json), Some(at)) = (json, index.rfind("</body>")) else { return index.to_owned() };
    let json = json.replace('<', "\\u003c");
    format!("{}<script type=\"application/json\" id=\"{PAGE_BOOT_ID}\">{json}</script>\n{}", &index[..at], &index[at..])
}

/// The shell with a preload hint per file before `</head>`: the page's modules download in
/// parallel with the main one instead of after it has started. `as="fetch"` with `crossorigin`
/// is how the loader fetches them, so the browser reuses the preloaded response.
pub fn with_preloads(index: &str, files: &[String]) -> String {
    let hints: String = files
        .iter()
        .filter(|f| f.starts_with('/') && !f.contains(['"', '<', '>']))
        .map(|f| format!("  <link rel=\"preload\" href=\"{f}\" as=\"fetch\" type=\"application/wasm\" crossorigin>\n"))
        .collect();
    match index.find("</head>") {
        Some(at) => format!("{}{hints}{}", &index[..at], &index[at..]),
        None => index.to_owned(),
    }
}

async fn cache_headers(req: Request, next: Next) -> Response {
    let immutable = is_hashed_asset(req.uri().path());
    let mut res = next.run(req).await;
    if immutable && res.status().is_success() {
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=31536000, immutable"));
    } else if !res.headers().contains_key(header::CACHE_CONTROL) {
        res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    res
}

/// `style-0123456789abcdef.css` (a name whose last `-` part before the extension is 16 hex
/// digits) or any file under `/pkg-0123456789abcdef/` (the wasm package, named by the hash of
/// all its files).
pub fn is_hashed_asset(path: &str) -> bool {
    let hashed =
        |s: &str| s.rsplit_once('-').is_some_and(|(_, h)| h.len() == 16 && h.chars().all(|c| c.is_ascii_hexdigit()));
    let mut parts = path.trim_start_matches('/').split('/');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(dir), Some(file), None) => dir.starts_with("pkg-") && hashed(dir) && !file.is_empty(),
        (Some(name), None, _) => hashed(name.split('.').next().unwrap_or("")),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_content_hashed_names_are_immutable() {
        assert!(is_hashed_asset("/style-0123456789abcdef.css"));
        assert!(is_hashed_asset("/pkg-0123456789abcdef/frontend_bg.wasm"));
        assert!(is_hashed_asset("/pkg-0123456789abcdef/split_market_1155.wasm"));
        assert!(!is_hashed_asset("/pkg-0123456789abcdef/"));
        assert!(!is_hashed_asset("/pkg-1234/frontend.js"));
        assert!(!is_hashed_asset("/orgs/0123456789abcdef-0123456789abcdef/x"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/orgs/12"));
        assert!(!is_hashed_asset("/app-1234.js"));
    }

    #[test]
    fn preload_hints_go_into_the_head_and_nothing_else_changes() {
        let index = "<html><head><title>t</title>\n</head><body></body></html>";
        let files = ["/pkg-1/split_market_1.wasm".to_owned(), "/pkg-1/chunk_2.wasm".to_owned()];
        let page = with_preloads(index, &files);
        let head = &page[..page.find("</head>").unwrap()];
        assert!(head.contains(
            r#"<link rel="preload" href="/pkg-1/split_market_1.wasm" as="fetch" type="application/wasm" crossorigin>"#
        ));
        assert!(head.contains(r#"href="/pkg-1/chunk_2.wasm""#));
        assert_eq!(with_preloads(index, &[]), index);
        assert_eq!(with_preloads(index, &["x\"><script>".to_owned()]), index, "a bad manifest cannot inject markup");
    }

    #[test]
    fn boot_data_cannot_close_its_element() {
        let index = "<html><head></head><body><main></main></body></html>";
        let page = with_boot(index, Some(r#"{"name":"</script><script>alert(1)</script>"}"#));
        assert_eq!(page.matches("</script>").count(), 1, "{page}");
        assert!(page.contains(r#"<script type="application/json" id="fm-boot">{"name":"\u003c/script>"#));
        assert!(page.ends_with("</body></html>"));
        assert_eq!(with_boot(index, None), index);
    }
}
