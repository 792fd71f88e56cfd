//! Personal data (个人信息保护法): a signed-in user downloads everything the platform holds about
//! them as one JSON document (`GET /api/me/export`), one section per capability holding data
//! about people (see [`crate::facts::personal_data`]). The password hash and session tokens are never
//! part of it (they are secrets, not information about the person).

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use shared::ApiError;

use super::session::CurrentUser;
use crate::AppState;
use crate::error::AppResult;

/// Everything the platform holds about you, as a JSON download.
#[utoipa::path(get, path = shared::paths::template::ME_EXPORT, tag = "accounts",
    responses((status = 200, description = "The caller's personal data", content_type = "application/json"),
              (status = 401, body = ApiError)))]
pub async fn export(State(state): State<AppState>, current: CurrentUser) -> AppResult<Response> {
    let mut db = state.db.acquire().await?;
    let data = crate::facts::personal_data(&mut db, current.user.id, &current.user.email).await?;
    let mut response = axum::Json(data).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"futurematch-my-data.json\""),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    Ok(response)
}
