//! Serves the built frontend from `dist/`: precompressed files, long cache on content-hashed
//! assets, `no-cache` on everything else, and `index.html` for any other GET (history routing).

use std::path::Path;

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use tower_http::services::{ServeDir, ServeFile};

pub fn service(dist: &Path) -> Router {
    let index = ServeFile::new(dist.join("index.html")).precompressed_br().precompressed_gzip();
    let files = ServeDir::new(dist).precompressed_br().precompressed_gzip().fallback(index);
    Router::new().fallback_service(files).layer(middleware::from_fn(cache_headers))
}

async fn cache_headers(req: Request, next: Next) -> Response {
    let immutable = is_hashed_asset(req.uri().path());
    let mut res = next.run(req).await;
    let value = if immutable && res.status().is_success() { "public, max-age=31536000, immutable" } else { "no-cache" };
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
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
}
