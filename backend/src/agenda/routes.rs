//! Thin handlers for the agenda.

use axum::extract::State;
use axum::http::StatusCode;
use shared::ApiError;
use shared::agenda::{Session, SessionInput};

use super::ops;
use crate::AppState;
use crate::accounts::{CurrentUser, MaybeUser};
use crate::error::AppResult;
use crate::http::extract::{Json, Path};

/// The event's agenda: sessions by time with speakers and seats.
#[utoipa::path(get, path = shared::paths::template::EVENT_SESSIONS, tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<Session>), (status = 404, body = ApiError)))]
pub async fn list(
    State(state): State<AppState>,
    user: MaybeUser,
    Path(id): Path<i64>,
) -> AppResult<Json<Vec<Session>>> {
    Ok(Json(ops::list(&state, user.0.as_ref(), id).await?))
}

/// Add a session: time, room, speakers (an email invites whoever has it; they are linked once they
/// accept), seats if limited
/// (those who run the event).
#[utoipa::path(post, path = shared::paths::template::EVENT_SESSIONS, tag = "events", params(("id" = i64, Path)),
    request_body = SessionInput,
    responses((status = 201, body = Vec<Session>), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 422, body = ApiError)))]
pub async fn create(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
    Json(input): Json<SessionInput>,
) -> AppResult<(StatusCode, Json<Vec<Session>>)> {
    Ok((StatusCode::CREATED, Json(ops::create(&state, &current.user, id, input).await?)))
}

/// Remove a session (those who run the event).
#[utoipa::path(delete, path = shared::paths::template::EVENT_SESSION, tag = "events",
    params(("id" = i64, Path), ("session" = i64, Path)),
    responses((status = 200, body = Vec<Session>), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn delete(
    State(state): State<AppState>,
    current: CurrentUser,
    Path((id, session)): Path<(i64, i64)>,
) -> AppResult<Json<Vec<Session>>> {
    Ok(Json(ops::delete(&state, &current.user, id, session).await?))
}

/// Take a seat in a session (attendees with a confirmed registration; 409 when full).
#[utoipa::path(post, path = shared::paths::template::SESSION_SEAT, tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<Session>), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 409, body = ApiError)))]
pub async fn join(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<Vec<Session>>> {
    Ok(Json(ops::join(&state, &current.user, id).await?))
}

/// Give up a seat in a session.
#[utoipa::path(delete, path = shared::paths::template::SESSION_SEAT, tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<Session>), (status = 404, body = ApiError)))]
pub async fn leave(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<Vec<Session>>> {
    Ok(Json(ops::leave(&state, &current.user, id).await?))
}

/// Accept the invitation to speak in a session (sent to the caller's verified email).
#[utoipa::path(post, path = shared::paths::template::SESSION_SPEAKER_ACCEPT, tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<Session>), (status = 401, body = ApiError), (status = 403, body = ApiError),
              (status = 404, description = "No open invitation for the caller", body = ApiError)))]
pub async fn accept_speaker(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<Vec<Session>>> {
    Ok(Json(ops::answer_speaker(&state, &current.user, id, true).await?))
}

/// Decline the invitation to speak in a session.
#[utoipa::path(post, path = shared::paths::template::SESSION_SPEAKER_DECLINE, tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<Session>), (status = 401, body = ApiError), (status = 403, body = ApiError),
              (status = 404, description = "No open invitation for the caller", body = ApiError)))]
pub async fn decline_speaker(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<Vec<Session>>> {
    Ok(Json(ops::answer_speaker(&state, &current.user, id, false).await?))
}

/// One session as an iCalendar file.
#[utoipa::path(get, path = shared::paths::template::SESSION_CALENDAR_ICS, tag = "events", params(("id" = i64, Path)),
    responses((status = 200, content_type = "text/calendar"), (status = 404, body = ApiError)))]
pub async fn calendar(
    State(state): State<AppState>,
    user: MaybeUser,
    Path(id): Path<i64>,
) -> AppResult<axum::response::Response> {
    let body = ops::calendar(&state, user.0.as_ref(), id).await?;
    Ok(crate::events::ics::response(body, &format!("session-{id}.ics")))
}
