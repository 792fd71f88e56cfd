//! Cross-site request forgery: besides SameSite cookies, every state-changing request (anything but
//! GET, HEAD and OPTIONS) that a browser marks as coming from another site is refused with 403
//! `cross_origin`. Browsers send `Origin` on such requests (and `Sec-Fetch-Site`); it must be this
//! site's own origin — the configured public URL (scheme, host and port) when one is set, else
//! `http://` and the address the connection reached (`localhost` too on loopback). The `Host`
//! header is never trusted for it: anyone can send any. Requests without either header
//! (command-line clients, server-to-server) carry no ambient browser credentials to abuse and pass.

use std::net::SocketAddr;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use shared::ErrorCode;

use crate::AppState;
use crate::error::AppError;

/// `scheme://host[:port]` of a URL, lower-cased, without a trailing slash or path, and without the
/// scheme's default port (browsers leave it out of `Origin`).
pub fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.trim().split_once("://")?;
    let host = rest.split(['/', '?', '#']).next().filter(|h| !h.is_empty())?;
    let (scheme, host) = (scheme.to_ascii_lowercase(), host.to_ascii_lowercase());
    let default = if scheme == "https" { ":443" } else { ":80" };
    let host = host.strip_suffix(default).unwrap_or(&host);
    Some(format!("{scheme}://{host}"))
}

/// The origins this site's own pages have: the public URL's when one is configured, else those of
/// the local address the connection reached.
pub fn own_origins(public_url: Option<&str>, local: Option<SocketAddr>) -> Vec<String> {
    if let Some(url) = public_url {
        return origin_of(url).into_iter().collect();
    }
    let Some(local) = local else { return vec![] };
    let mut out: Vec<String> = origin_of(&format!("http://{local}")).into_iter().collect();
    if local.ip().is_loopback() {
        out.extend(origin_of(&format!("http://localhost:{}", local.port())));
    }
    out
}

/// Whether a request with these headers may change state, given the site's own origins: pure
/// logic, tested without I/O.
pub fn allowed(method: &Method, headers: &HeaderMap, own: &[String]) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return true;
    }
    let text = |name| headers.get(name).and_then(|v: &axum::http::HeaderValue| v.to_str().ok());
    match text(header::ORIGIN) {
        // Privacy-sensitive contexts send "null": never our own page.
        Some("null") => false,
        Some(origin) => origin_of(origin).is_some_and(|o| own.contains(&o)),
        None => !matches!(text(header::HeaderName::from_static("sec-fetch-site")), Some("cross-site" | "same-site")),
    }
}

pub async fn middleware(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let local = super::client::peer(req.extensions()).and_then(|p| p.local);
    let own = own_origins(state.config.public_url.as_deref(), local);
    if allowed(req.method(), req.headers(), &own) {
        next.run(req).await
    } else {
        tracing::warn!(method = %req.method(), path = %req.uri().path(), "refused a cross-site request");
        AppError::Refused(ErrorCode::CrossOrigin).into_response()
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

    fn public() -> Vec<String> {
        own_origins(Some(PUBLIC), Some("10.0.0.5:8080".parse().unwrap()))
    }

    fn local() -> Vec<String> {
        own_origins(None, Some("127.0.0.1:8080".parse().unwrap()))
    }

    #[test]
    fn same_origin_writes_pass_and_cross_site_ones_are_refused() {
        let post = Method::POST;
        assert!(allowed(&post, &headers(&[("origin", "http://127.0.0.1:8080")]), &local()));
        assert!(allowed(&post, &headers(&[("origin", "http://localhost:8080")]), &local()), "loopback by name");
        let public_origin = headers(&[("host", "10.0.0.5:8080"), ("origin", "https://FutureMatch.hangzhou.gov.cn")]);
        assert!(allowed(&post, &public_origin, &public()), "behind a proxy: the public URL's origin");
        let evil = headers(&[("host", "127.0.0.1:8080"), ("origin", "https://evil.example")]);
        assert!(!allowed(&post, &evil, &local()));
        assert!(!allowed(&Method::DELETE, &evil, &public()));
        assert!(!allowed(&post, &headers(&[("origin", "null")]), &local()));
        let other_port = headers(&[("origin", "http://127.0.0.1:9999")]);
        assert!(!allowed(&post, &other_port, &local()), "another port is another origin");
    }

    #[test]
    fn the_host_header_is_never_the_measure_and_the_scheme_must_match() {
        let post = Method::POST;
        // An attacker's page on evil.example reaching the server by a name it controls: Host and
        // Origin agree, and both are the attacker's.
        let spoofed = headers(&[("host", "evil.example"), ("origin", "http://evil.example")]);
        assert!(!allowed(&post, &spoofed, &local()));
        assert!(!allowed(&post, &spoofed, &public()));
        let https_for_http = headers(&[("host", "127.0.0.1:8080"), ("origin", "https://127.0.0.1:8080")]);
        assert!(!allowed(&post, &https_for_http, &local()), "https is not the http site");
        let http_for_https = headers(&[("origin", "http://futurematch.hangzhou.gov.cn")]);
        assert!(!allowed(&post, &http_for_https, &public()), "http is not the https site");
        assert!(allowed(&post, &headers(&[("origin", "https://futurematch.hangzhou.gov.cn:443")]), &public()));
        // With a public URL, the address the connection reached is not an origin of the site.
        assert!(!allowed(&post, &headers(&[("origin", "http://10.0.0.5:8080")]), &public()));
    }

    #[test]
    fn reads_and_clients_without_browser_headers_pass_but_a_cross_site_fetch_without_origin_does_not() {
        let evil = headers(&[("origin", "https://evil.example")]);
        assert!(allowed(&Method::GET, &evil, &local()));
        assert!(allowed(&Method::POST, &HeaderMap::new(), &local()), "curl, scripts");
        assert!(allowed(&Method::POST, &headers(&[("sec-fetch-site", "same-origin")]), &local()));
        assert!(!allowed(&Method::POST, &headers(&[("sec-fetch-site", "cross-site")]), &local()));
    }

    #[test]
    fn origins_are_scheme_and_authority_only() {
        assert_eq!(origin_of("HTTPS://Example.com:8443/path?q"), Some("https://example.com:8443".into()));
        assert_eq!(origin_of("https://example.com:443/"), Some("https://example.com".into()));
        assert_eq!(origin_of("not a url"), None);
        assert_eq!(origin_of("https://"), None);
        assert_eq!(
            own_origins(None, Some("[::1]:8080".parse().unwrap())),
            ["http://[::1]:8080", "http://localhost:8080"]
        );
        assert!(own_origins(None, None).is_empty());
    }
}
