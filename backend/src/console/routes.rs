use axum::extract::State;
use shared::ApiError;
use shared::console::Overview;

use super::ops;
use crate::AppState;
use crate::accounts::AdminUser;
use crate::error::AppResult;
use crate::http::extract::Json;

/// What waits for the site admins, per console section (site admins).
#[utoipa::path(get, path = shared::paths::template::ADMIN_OVERVIEW, tag = "admin",
    responses((status = 200, body = Overview), (status = 401, body = ApiError), (status = 403, body = ApiError)))]
pub async fn overview(State(state): State<AppState>, _admin: AdminUser) -> AppResult<Json<Overview>> {
    Ok(Json(ops::overview(&state).await?))
}
