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

/// `frontend-0123456789abcdef.wasm`: a name whose last `-` part before the extension is 16 hex digits.
pub fn is_hashed_asset(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or("");
    let stem = name.split('.').next().unwrap_or("");
    stem.rsplit_once('-').is_some_and(|(_, h)| h.len() == 16 && h.chars().all(|c| c.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_content_hashed_names_are_immutable() {
        assert!(is_hashed_asset("/frontend-0123456789abcdef.js"));
        assert!(is_hashed_asset("/frontend_bg-0123456789abcdef.wasm"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/orgs/12"));
        assert!(!is_hashed_asset("/app-1234.js"));
    }
}
