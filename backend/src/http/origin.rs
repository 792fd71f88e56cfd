//! Cross-site request forgery: besides SameSite cookies, every state-changing request (anything but
//! GET, HEAD and OPTIONS) that a browser marks as coming from another site is refused with 403
//! `cross_origin`. Browsers send `Origin` on such requests (and `Sec-Fetch-Site`); it must be this
//! server's own origin — the `Host` it was reached at, or the configured public URL. Requests
//! without either header (command-line clients, server-to-server) carry no ambient browser
//! credentials to abuse and pass.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use shared::ErrorCode;

use crate::AppState;
use crate::error::AppError;

/// `scheme://host[:port]` of a URL, lower-cased, without a trailing slash or path.
pub fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.trim().split_once("://")?;
    let host = rest.split(['/', '?', '#']).next().filter(|h| !h.is_empty())?;
    Some(format!("{}://{}", scheme.to_ascii_lowercase(), host.to_ascii_lowercase()))
}

/// Whether a request with these headers may change state: pure logic, tested without I/O.
pub fn allowed(method: &Method, headers: &HeaderMap, public_url: &str) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return true;
    }
    let text = |name| headers.get(name).and_then(|v: &axum::http::HeaderValue| v.to_str().ok());
    match text(header::ORIGIN) {
        // Privacy-sensitive contexts send "null": never our own page.
        Some("null") => false,
        Some(origin) => {
            let Some(origin) = origin_of(origin) else { return false };
            let own = text(header::HOST).map(|h| h.to_ascii_lowercase());
            let via_host = own.is_some_and(|h| origin == format!("http://{h}") || origin == format!("https://{h}"));
            via_host || origin_of(public_url).is_some_and(|p| p == origin)
        }
        None => !matches!(text(header::HeaderName::from_static("sec-fetch-site")), Some("cross-site" | "same-site")),
    }
}

pub async fn middleware(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if allowed(req.method(), req.headers(), &state.config.public_url) {
        next.run(req).await
    } else {
        tracing::warn!(method = %req.method(), path = %req.uri().path(), "refused a cross-site request");
        AppError::Refused(StatusCode::FORBIDDEN, ErrorCode::CrossOrigin).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    const PUBLIC: &str = "https://futurematch.hangzhou.gov.cn/";

    #[test]
    fn same_origin_writes_pass_and_cross_site_ones_are_refused() {
        let post = Method::POST;
        let own = headers(&[("host", "127.0.0.1:8080"), ("origin", "http://127.0.0.1:8080")]);
        assert!(allowed(&post, &own, PUBLIC));
        let public = headers(&[("host", "10.0.0.5:8080"), ("origin", "https://FutureMatch.hangzhou.gov.cn")]);
        assert!(allowed(&post, &public, PUBLIC), "behind a proxy: the public URL's origin");
        let evil = headers(&[("host", "127.0.0.1:8080"), ("origin", "https://evil.example")]);
        assert!(!allowed(&post, &evil, PUBLIC));
        assert!(!allowed(&Method::DELETE, &evil, PUBLIC));
        assert!(!allowed(&post, &headers(&[("host", "127.0.0.1:8080"), ("origin", "null")]), PUBLIC));
        let other_port = headers(&[("host", "127.0.0.1:8080"), ("origin", "http://127.0.0.1:9999")]);
        assert!(!allowed(&post, &other_port, PUBLIC), "another port is another origin");
    }

    #[test]
    fn reads_and_clients_without_browser_headers_pass_but_a_cross_site_fetch_without_origin_does_not() {
        let evil = headers(&[("origin", "https://evil.example")]);
        assert!(allowed(&Method::GET, &evil, PUBLIC));
        assert!(allowed(&Method::POST, &HeaderMap::new(), PUBLIC), "curl, scripts");
        assert!(allowed(&Method::POST, &headers(&[("sec-fetch-site", "same-origin")]), PUBLIC));
        assert!(!allowed(&Method::POST, &headers(&[("sec-fetch-site", "cross-site")]), PUBLIC));
    }

    #[test]
    fn origins_are_scheme_and_authority_only() {
        assert_eq!(origin_of("HTTPS://Example.com:8443/path?q"), Some("https://example.com:8443".into()));
        assert_eq!(origin_of("not a url"), None);
        assert_eq!(origin_of("https://"), None);
    }
}
