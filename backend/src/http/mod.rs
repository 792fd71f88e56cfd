//! HTTP plumbing shared by every capability: extractors that answer in the error shape,
//! the request locale, cookies, fallbacks, the SPA and the API docs.

pub mod client;
pub mod contract;
pub mod cookie;
pub mod docs;
pub mod extract;
pub mod locale;
pub mod origin;
pub mod spa;
pub mod trace;
pub mod version;

use crate::error::AppError;

/// Unknown `/api/...` path.
pub async fn route_not_found() -> AppError {
    AppError::RouteNotFound
}

/// Known path, wrong method.
pub async fn method_not_allowed() -> AppError {
    AppError::MethodNotAllowed
}

/// A file download: `body` as `content_type`, saved as `filename`, never cached by shared caches.
pub fn download(
    body: impl axum::response::IntoResponse,
    content_type: &'static str,
    filename: &str,
) -> axum::response::Response {
    use axum::http::{HeaderValue, header};
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    response
}
