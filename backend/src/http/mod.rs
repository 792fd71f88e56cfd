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
