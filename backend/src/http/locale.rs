//! The language of the current request: the user's preference, else `Accept-Language`, else zh-CN.
//! Resolved once by the session middleware and held in a task-local, so an error rendered anywhere
//! in the request speaks the caller's language.

use axum::http::HeaderMap;
use axum::http::header::ACCEPT_LANGUAGE;
use shared::Locale;

tokio::task_local! {
    static LOCALE: Locale;
}

/// Runs `fut` with `locale` as the request's language.
pub async fn scope<F: std::future::Future>(locale: Locale, fut: F) -> F::Output {
    LOCALE.scope(locale, fut).await
}

/// The language of the request being served; zh-CN outside a request.
pub fn current_locale() -> Locale {
    LOCALE.try_with(|l| *l).unwrap_or_default()
}

/// The language a header set asks for, if any is supported.
pub fn from_headers(headers: &HeaderMap) -> Option<Locale> {
    headers.get(ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).and_then(Locale::from_accept_language)
}
