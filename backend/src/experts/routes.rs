//! Thin handlers for the expert pool.

use axum::extract::State;
use shared::ApiError;
use shared::experts::{Consultant, Expert, ExpertInput, ExpertQuery, ExpertStatus, PoolExpert, RejectExpert};

use super::ops;
use crate::AppState;
use crate::accounts::{AdminUser, CurrentUser};
use crate::error::AppResult;
use crate::http::extract::{Json, Path, Query};

/// The caller's own entry in the expert pool (404 before applying).
#[utoipa::path(get, path = shared::paths::template::EXPERTS_ME, tag = "experts",
    responses((status = 200, body = Expert), (status = 401, body = ApiError), (status = 404, body = ApiError)))]
pub async fn me(State(state): State<AppState>, current: CurrentUser) -> AppResult<Json<Expert>> {
    Ok(Json(ops::me(&state, &current.user).await?))
}

/// Apply to the expert pool, or change one's entry (it goes back to review).
#[utoipa::path(put, path = shared::paths::template::EXPERTS_ME, tag = "experts", request_body = ExpertInput,
    responses((status = 200, body = Expert), (status = 401, body = ApiError), (status = 422, body = ApiError)))]
pub async fn put_me(
    State(state): State<AppState>,
    current: CurrentUser,
    Json(input): Json<ExpertInput>,
) -> AppResult<Json<Expert>> {
    Ok(Json(ops::put_me(&state, &current.user, input).await?))
}

/// Search the approved pool by words, field and kind (members of verified organizer organizations
/// and site admins): names, fields, keywords, titles and affiliations; no conflicts or contacts.
#[utoipa::path(get, path = shared::paths::template::EXPERTS, tag = "experts", params(ExpertQuery),
    responses((status = 200, body = Vec<PoolExpert>), (status = 401, body = ApiError), (status = 403, body = ApiError)))]
pub async fn search(
    State(state): State<AppState>,
    current: CurrentUser,
    Query(q): Query<ExpertQuery>,
) -> AppResult<Json<Vec<PoolExpert>>> {
    Ok(Json(ops::search(&state, &current.user, q).await?))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QueueQuery {
    /// pending (the default), approved or rejected.
    #[serde(default)]
    pub status: Option<ExpertStatus>,
}

/// Applications by status, for review (site admins).
#[utoipa::path(get, path = shared::paths::template::ADMIN_EXPERTS, tag = "admin", params(QueueQuery),
    responses((status = 200, body = Vec<Expert>), (status = 403, body = ApiError)))]
pub async fn queue(
    State(state): State<AppState>,
    _admin: AdminUser,
    Query(q): Query<QueueQuery>,
) -> AppResult<Json<Vec<Expert>>> {
    Ok(Json(ops::queue(&state, q.status.unwrap_or(ExpertStatus::Pending)).await?))
}

/// Accept an application into the pool (site admins).
#[utoipa::path(post, path = shared::paths::template::ADMIN_EXPERT_APPROVE, tag = "admin", params(("id" = i64, Path)),
    responses((status = 200, body = Expert), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn approve(State(state): State<AppState>, admin: AdminUser, Path(id): Path<i64>) -> AppResult<Json<Expert>> {
    Ok(Json(ops::review(&state, &admin.0, id, None).await?))
}

/// Refuse an application, with the reason the applicant sees (site admins).
#[utoipa::path(post, path = shared::paths::template::ADMIN_EXPERT_REJECT, tag = "admin", params(("id" = i64, Path)),
    request_body = RejectExpert,
    responses((status = 200, body = Expert), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 422, body = ApiError)))]
pub async fn reject(
    State(state): State<AppState>,
    admin: AdminUser,
    Path(id): Path<i64>,
    Json(r): Json<RejectExpert>,
) -> AppResult<Json<Expert>> {
    Ok(Json(ops::review(&state, &admin.0, id, Some(r)).await?))
}

/// Experts of the pool who fit a demand, with why (its owner; for expert-consultation demands).
#[utoipa::path(get, path = shared::paths::template::DEMAND_EXPERTS, tag = "experts", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<Consultant>), (status = 401, body = ApiError), (status = 403, body = ApiError),
              (status = 404, body = ApiError)))]
pub async fn consultants(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<Vec<Consultant>>> {
    Ok(Json(ops::consultants(&state, &current.user, id).await?))
}

/// Invite an expert to advise on the demand (its owner); they are notified. Once per expert (409).
#[utoipa::path(post, path = shared::paths::template::DEMAND_EXPERT_INVITE, tag = "experts",
    params(("id" = i64, Path), ("expert" = i64, Path)),
    responses((status = 204), (status = 403, body = ApiError), (status = 404, body = ApiError), (status = 409, body = ApiError)))]
pub async fn invite(
    State(state): State<AppState>,
    current: CurrentUser,
    Path((id, expert)): Path<(i64, i64)>,
) -> AppResult<axum::http::StatusCode> {
    ops::invite(&state, &current.user, id, expert).await?;
    Ok(axum::http::StatusCode::NO_CONTENT)
}
