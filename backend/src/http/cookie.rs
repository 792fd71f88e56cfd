//! The session cookie: HttpOnly, SameSite=Lax, Path=/, Secure when configured.

use axum::http::header::COOKIE;
use axum::http::{HeaderMap, HeaderValue};
use shared::routes::SESSION_COOKIE;

/// The session token from a request's cookies.
pub fn session_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value.to_owned())
        .filter(|v| !v.is_empty())
}

/// A `Set-Cookie` value that stores `token` for `max_age_secs`.
pub fn set_session(token: &str, max_age_secs: i64, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    let v = format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{secure}");
    HeaderValue::from_str(&v).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// A `Set-Cookie` value that deletes the session cookie.
pub fn clear_session(secure: bool) -> HeaderValue {
    set_session("", 0, secure)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_token_is_found_among_other_cookies() {
        let mut h = HeaderMap::new();
        h.insert(COOKIE, HeaderValue::from_static("theme=dark; fm_session=abc123; x=y"));
        assert_eq!(session_token(&h).as_deref(), Some("abc123"));
        h.insert(COOKIE, HeaderValue::from_static("fm_session_other=zzz"));
        assert_eq!(session_token(&h), None);
    }

    #[test]
    fn session_cookie_is_http_only_and_same_site() {
        let v = set_session("tok", 60, true);
        let s = v.to_str().unwrap();
        assert!(s.contains("HttpOnly") && s.contains("SameSite=Lax") && s.contains("Secure"));
        assert!(!clear_session(false).to_str().unwrap().contains("Secure"));
    }
}
