//! Thin handlers: the notification centre, preferences, saved searches, the admins' outbox.

use axum::extract::State;
use axum::http::StatusCode;
use shared::ApiError;
use shared::notify::{NewSavedSearch, Notification, OutboxEmail, Preference, SavedSearch, UnreadCount};
use shared::page::{Page, PageQuery};

use super::ops;
use crate::AppState;
use crate::accounts::{AdminUser, CurrentUser};
use crate::error::AppResult;
use crate::http::extract::{Json, Path, Query};

/// Your notifications, newest first.
#[utoipa::path(get, path = shared::paths::template::NOTIFICATIONS, tag = "notifications", params(PageQuery),
    responses((status = 200, body = Page<Notification>), (status = 401, body = ApiError)))]
pub async fn list(
    State(state): State<AppState>,
    current: CurrentUser,
    Query(q): Query<PageQuery>,
) -> AppResult<Json<Page<Notification>>> {
    Ok(Json(ops::list(&state, &current.user, q).await?))
}

/// How many are unread (the bell).
#[utoipa::path(get, path = shared::paths::template::NOTIFICATIONS_UNREAD_COUNT, tag = "notifications",
    responses((status = 200, body = UnreadCount), (status = 401, body = ApiError)))]
pub async fn unread(State(state): State<AppState>, current: CurrentUser) -> AppResult<Json<UnreadCount>> {
    Ok(Json(ops::unread(&state, &current.user).await?))
}

/// Mark one read.
#[utoipa::path(post, path = shared::paths::template::NOTIFICATION_READ, tag = "notifications", params(("id" = i64, Path)),
    responses((status = 200, body = UnreadCount), (status = 401, body = ApiError), (status = 404, body = ApiError)))]
pub async fn read(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<UnreadCount>> {
    Ok(Json(ops::mark_read(&state, &current.user, Some(id)).await?))
}

/// Mark all read.
#[utoipa::path(post, path = shared::paths::template::NOTIFICATIONS_READ_ALL, tag = "notifications",
    responses((status = 200, body = UnreadCount), (status = 401, body = ApiError)))]
pub async fn read_all(State(state): State<AppState>, current: CurrentUser) -> AppResult<Json<UnreadCount>> {
    Ok(Json(ops::mark_read(&state, &current.user, None).await?))
}

/// Per kind: in the app and/or by email.
#[utoipa::path(get, path = shared::paths::template::NOTIFICATIONS_PREFERENCES, tag = "notifications",
    responses((status = 200, body = Vec<Preference>), (status = 401, body = ApiError)))]
pub async fn preferences(State(state): State<AppState>, current: CurrentUser) -> AppResult<Json<Vec<Preference>>> {
    Ok(Json(ops::preferences(&state, &current.user).await?))
}

/// Change preferences (the kinds given; others keep theirs).
#[utoipa::path(put, path = shared::paths::template::NOTIFICATIONS_PREFERENCES, tag = "notifications", request_body = Vec<Preference>,
    responses((status = 200, body = Vec<Preference>), (status = 401, body = ApiError), (status = 422, body = ApiError)))]
pub async fn set_preferences(
    State(state): State<AppState>,
    current: CurrentUser,
    Json(prefs): Json<Vec<Preference>>,
) -> AppResult<Json<Vec<Preference>>> {
    Ok(Json(ops::set_preferences(&state, &current.user, prefs).await?))
}

/// Your saved searches.
#[utoipa::path(get, path = shared::paths::template::SAVED_SEARCHES, tag = "notifications",
    responses((status = 200, body = Vec<SavedSearch>), (status = 401, body = ApiError)))]
pub async fn saved(State(state): State<AppState>, current: CurrentUser) -> AppResult<Json<Vec<SavedSearch>>> {
    Ok(Json(ops::saved_searches(&state, &current.user).await?))
}

/// Save a search: you are alerted when a newly published posting fits it.
#[utoipa::path(post, path = shared::paths::template::SAVED_SEARCHES, tag = "notifications", request_body = NewSavedSearch,
    responses((status = 201, body = SavedSearch), (status = 401, body = ApiError), (status = 409, body = ApiError),
              (status = 422, body = ApiError)))]
pub async fn save(
    State(state): State<AppState>,
    current: CurrentUser,
    Json(req): Json<NewSavedSearch>,
) -> AppResult<(StatusCode, Json<SavedSearch>)> {
    Ok((StatusCode::CREATED, Json(ops::save_search(&state, &current.user, req).await?)))
}

/// Delete a saved search.
#[utoipa::path(delete, path = shared::paths::template::SAVED_SEARCH, tag = "notifications", params(("id" = i64, Path)),
    responses((status = 204), (status = 401, body = ApiError), (status = 404, body = ApiError)))]
pub async fn delete_saved(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<StatusCode> {
    ops::delete_search(&state, &current.user, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Every email the platform wrote, sent or not (site admins).
#[utoipa::path(get, path = shared::paths::template::ADMIN_OUTBOX, tag = "admin",
    responses((status = 200, body = Vec<OutboxEmail>), (status = 401, body = ApiError), (status = 403, body = ApiError)))]
pub async fn outbox(State(state): State<AppState>, _admin: AdminUser) -> AppResult<Json<Vec<OutboxEmail>>> {
    Ok(Json(ops::outbox(&state).await?))
}
