//! Thin handlers of the retention settings (site admins).

use axum::extract::State;
use shared::ApiError;
use shared::privacy::{Retention, RetentionInput, RetentionReport};

use crate::AppState;
use crate::accounts::AdminUser;
use crate::error::AppResult;
use crate::http::extract::Json;

/// How long messages and logs are kept, and when that was last applied.
#[utoipa::path(get, path = shared::paths::template::ADMIN_RETENTION, tag = "admin",
    responses((status = 200, body = Retention), (status = 401, body = ApiError), (status = 403, body = ApiError)))]
pub async fn get(State(state): State<AppState>, _admin: AdminUser) -> AppResult<Json<Retention>> {
    let mut db = state.db.acquire().await?;
    Ok(Json(super::store::get(&mut db).await?))
}

/// Set how long messages (30–3650 days) and logs (180–3650 days) are kept; empty keeps them.
#[utoipa::path(put, path = shared::paths::template::ADMIN_RETENTION, tag = "admin", request_body = RetentionInput,
    responses((status = 200, body = Retention), (status = 401, body = ApiError), (status = 403, body = ApiError),
              (status = 422, body = ApiError)))]
pub async fn put(
    State(state): State<AppState>,
    admin: AdminUser,
    Json(input): Json<RetentionInput>,
) -> AppResult<Json<Retention>> {
    let input = input.parse()?;
    Ok(Json(super::update(&state, &admin.0, input).await?))
}

/// Delete now what the settings no longer keep (otherwise done daily).
#[utoipa::path(post, path = shared::paths::template::ADMIN_RETENTION_APPLY, tag = "admin",
    responses((status = 200, body = RetentionReport), (status = 401, body = ApiError), (status = 403, body = ApiError)))]
pub async fn apply(State(state): State<AppState>, admin: AdminUser) -> AppResult<Json<RetentionReport>> {
    Ok(Json(super::apply(&state, Some(&admin.0)).await?))
}
