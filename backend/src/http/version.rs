//! The API is versioned in its path: `/api/v1/…`. The first release's unversioned paths (`/api/…`)
//! answer, for one more release, with a permanent redirect to the same path under `/api/v1` that
//! keeps the method and the body (308), marked `Deprecation: true` with the successor in `Link`.

use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Where the API lives.
pub const PREFIX: &str = shared::paths::PREFIX;

/// `/api/demands` → `Some("/demands")`; a path under `/api/v1` (or any other version) or outside
/// `/api` → `None`.
pub fn unversioned(path: &str) -> Option<&str> {
    let rest = path.strip_prefix("/api")?;
    if !(rest.is_empty() || rest.starts_with('/')) {
        return None;
    }
    let first = rest.trim_start_matches('/').split('/').next().unwrap_or_default();
    let versioned = first.len() > 1 && first.starts_with('v') && first[1..].bytes().all(|b| b.is_ascii_digit());
    (!versioned).then_some(rest)
}

/// Redirects an unversioned API request to its `/api/v1` path.
pub async fn redirect_unversioned(req: Request, next: Next) -> Response {
    let Some(rest) = unversioned(req.uri().path()) else {
        return next.run(req).await;
    };
    let query = req.uri().query().map(|q| format!("?{q}")).unwrap_or_default();
    let location = format!("{PREFIX}{rest}{query}");
    let Ok(value) = HeaderValue::from_str(&location) else {
        return next.run(req).await;
    };
    let link = HeaderValue::from_str(&format!("<{location}>; rel=\"successor-version\"")).ok();
    let mut response = StatusCode::PERMANENT_REDIRECT.into_response();
    let headers = response.headers_mut();
    headers.insert(header::LOCATION, value);
    headers.insert("deprecation", HeaderValue::from_static("true"));
    if let Some(link) = link {
        headers.insert(header::LINK, link);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::unversioned;

    #[test]
    fn only_unversioned_api_paths_are_redirected() {
        assert_eq!(unversioned("/api/demands"), Some("/demands"));
        assert_eq!(unversioned("/api/demands/3/matches"), Some("/demands/3/matches"));
        assert_eq!(unversioned("/api"), Some(""));
        assert_eq!(unversioned("/api/v1/demands"), None);
        assert_eq!(unversioned("/api/v1"), None);
        assert_eq!(unversioned("/api/v2/demands"), None);
        assert_eq!(unversioned("/apis"), None);
        assert_eq!(unversioned("/demands"), None);
        assert_eq!(unversioned("/api/vision"), Some("/vision"), "a word starting with v is no version");
    }
}
