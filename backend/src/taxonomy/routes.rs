use axum::extract::State;
use axum::http::StatusCode;
use shared::taxonomy::{NewTermRequest, Taxonomy, Term};
use shared::{ApiError, ErrorCode};

use super::store;
use crate::AppState;
use crate::accounts::AdminUser;
use crate::db::is_unique_violation;
use crate::error::{AppError, AppResult};
use crate::http::extract::Json;

/// Every reference list (fields, districts, pilot zones, tiers, sub-types, stages, scenario categories).
#[utoipa::path(get, path = shared::paths::template::TAXONOMY, tag = "taxonomy", responses((status = 200, body = Taxonomy)))]
pub async fn taxonomy(State(state): State<AppState>) -> AppResult<Json<Taxonomy>> {
    let mut db = state.db.acquire().await?;
    Ok(Json(store::load(&mut db).await?))
}

/// Add an entry to a reference list (site admins).
#[utoipa::path(post, path = shared::paths::template::ADMIN_TAXONOMY, tag = "admin", request_body = NewTermRequest,
    responses((status = 201, body = Term), (status = 401, body = ApiError), (status = 403, body = ApiError),
              (status = 409, description = "Code already in this list", body = ApiError), (status = 422, body = ApiError)))]
pub async fn add_term(
    State(state): State<AppState>,
    AdminUser(admin): AdminUser,
    Json(req): Json<NewTermRequest>,
) -> AppResult<(StatusCode, Json<Term>)> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    let existing = store::load(&mut tx).await?;
    let term = req.parse(&existing)?;
    store::insert(&mut tx, &term)
        .await
        .map_err(|e| if is_unique_violation(&e) { AppError::Refused(ErrorCode::TermExists) } else { e.into() })?;
    let after = serde_json::to_value(&term).unwrap_or_default();
    let target = format!("taxonomy:{}", term.code);
    crate::audit::record(&mut tx, Some(&admin), "taxonomy.add", &target, serde_json::Value::Null, after).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(term)))
}
