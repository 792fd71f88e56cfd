//! Thin handlers for the event itself (events, ticket types, questions, the cover); each
//! sub-capability's handlers are in the file named after it beside this one.

use axum::extract::State;
use axum::http::StatusCode;
use shared::ApiError;
use shared::events::{
    CheckinCounts, CheckinInput, CheckinResult, Event, EventInput, EventReport, Question, QuestionInput, Registration,
    RegistrationInput, Staff, StaffInput, Ticket, TicketType, TicketTypeInput,
};

use shared::page::{Page, PageQuery};

use super::ops;
use crate::AppState;
use crate::accounts::{CurrentUser, MaybeUser};
use crate::error::AppResult;
use crate::http::extract::{Json, Path, Query};

mod checkin;
mod exports;
mod messages;
mod registrations;
mod staff;

pub use checkin::*;
pub use exports::*;
pub use messages::*;
pub use registrations::*;
pub use staff::*;

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EventQuery {
    /// Past events instead of upcoming ones.
    #[serde(default)]
    pub past: bool,
    /// Words to look for in titles, descriptions, venues and organizers; the best fits first.
    pub q: Option<String>,
    /// 1-based page number.
    pub page: Option<u32>,
    /// Items per page, 1–100 (default 20).
    pub per_page: Option<u32>,
}

/// Upcoming (or past) events, soonest first; invitation-only ones only for their organizers.
#[utoipa::path(get, path = shared::paths::template::EVENTS, tag = "events", params(EventQuery), responses((status = 200, body = Page<Event>)))]
pub async fn list(
    State(state): State<AppState>,
    user: MaybeUser,
    Query(q): Query<EventQuery>,
) -> AppResult<Json<Page<Event>>> {
    let all = ops::list(&state, user.0.as_ref(), q.past, q.q.as_deref()).await?;
    Ok(Json(Page::window(all, PageQuery { page: q.page, per_page: q.per_page })))
}

/// Create an event for one of your organizer organizations.
#[utoipa::path(post, path = shared::paths::template::EVENTS, tag = "events", request_body = EventInput,
    responses((status = 201, body = Event), (status = 401, body = ApiError), (status = 403, body = ApiError),
              (status = 404, body = ApiError), (status = 422, body = ApiError)))]
pub async fn create(
    State(state): State<AppState>,
    current: CurrentUser,
    Json(input): Json<EventInput>,
) -> AppResult<(StatusCode, Json<Event>)> {
    Ok((StatusCode::CREATED, Json(ops::create(&state, &current.user, input).await?)))
}

/// One event with its ticket types, free seats and waiting lists.
#[utoipa::path(get, path = shared::paths::template::EVENT, tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = Event), (status = 404, body = ApiError)))]
pub async fn get(State(state): State<AppState>, user: MaybeUser, Path(id): Path<i64>) -> AppResult<Json<Event>> {
    Ok(Json(ops::get(&state, user.0.as_ref(), id).await?))
}

/// Edit an event (its organizers); capacity never below the seats already held.
#[utoipa::path(put, path = shared::paths::template::EVENT, tag = "events", params(("id" = i64, Path)), request_body = EventInput,
    responses((status = 200, body = Event), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 422, body = ApiError)))]
pub async fn update(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
    Json(input): Json<EventInput>,
) -> AppResult<Json<Event>> {
    Ok(Json(ops::update(&state, &current.user, id, input).await?))
}

/// Publish a draft event (its organizers, once their organization is verified; 403 `not_verified`
/// before).
#[utoipa::path(post, path = shared::paths::template::EVENT_PUBLISH, tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = Event), (status = 401, body = ApiError), (status = 403, body = ApiError),
              (status = 404, body = ApiError)))]
pub async fn publish(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<Event>> {
    Ok(Json(ops::publish(&state, &current.user, id).await?))
}

/// Add a ticket type with its quota (its organizers).
#[utoipa::path(post, path = shared::paths::template::EVENT_TICKET_TYPES, tag = "events", params(("id" = i64, Path)),
    request_body = TicketTypeInput,
    responses((status = 201, body = TicketType), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 422, body = ApiError)))]
pub async fn add_ticket_type(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
    Json(t): Json<TicketTypeInput>,
) -> AppResult<(StatusCode, Json<TicketType>)> {
    Ok((StatusCode::CREATED, Json(ops::add_ticket_type(&state, &current.user, id, t).await?)))
}

/// The event's registration questions, each for every ticket type or only some.
#[utoipa::path(get, path = shared::paths::template::EVENT_QUESTIONS, tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<Question>), (status = 404, body = ApiError)))]
pub async fn questions(
    State(state): State<AppState>,
    user: MaybeUser,
    Path(id): Path<i64>,
) -> AppResult<Json<Vec<Question>>> {
    Ok(Json(ops::questions(&state, user.0.as_ref(), id).await?))
}

/// Add a registration question: text, long text, single or multiple choice, number, date or
/// yes/no; required or not; in zh and en (those who run the event).
#[utoipa::path(post, path = shared::paths::template::EVENT_QUESTIONS, tag = "events", params(("id" = i64, Path)),
    request_body = QuestionInput,
    responses((status = 201, body = Vec<Question>), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 422, body = ApiError)))]
pub async fn add_question(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
    Json(q): Json<QuestionInput>,
) -> AppResult<(StatusCode, Json<Vec<Question>>)> {
    Ok((StatusCode::CREATED, Json(ops::add_question(&state, &current.user, id, q).await?)))
}

/// Remove a registration question and its answers (those who run the event).
#[utoipa::path(delete, path = shared::paths::template::EVENT_QUESTION, tag = "events",
    params(("id" = i64, Path), ("question" = i64, Path)),
    responses((status = 200, body = Vec<Question>), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn delete_question(
    State(state): State<AppState>,
    current: CurrentUser,
    Path((id, question)): Path<(i64, i64)>,
) -> AppResult<Json<Vec<Question>>> {
    Ok(Json(ops::delete_question(&state, &current.user, id, question).await?))
}

/// Set the cover image: a PNG, JPEG, GIF or WebP (checked by content, ≤ 10 MB) as the raw body
/// (those who run the event).
#[utoipa::path(put, path = shared::paths::template::EVENT_COVER, tag = "events", params(("id" = i64, Path)),
    request_body(content = Vec<u8>, content_type = "application/octet-stream",
        description = "The image's bytes: PNG, JPEG, GIF or WebP (checked by content), at most 10 MiB"),
    responses((status = 200, body = Event), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 413, body = ApiError), (status = 415, body = ApiError)))]
pub async fn put_cover(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
    crate::http::extract::Body(bytes): crate::http::extract::Upload,
) -> AppResult<Json<Event>> {
    Ok(Json(ops::set_cover(&state, &current.user, id, &bytes).await?))
}

/// The cover image (anyone; cached, its address changes with the image).
#[utoipa::path(get, path = shared::paths::template::EVENT_COVER, tag = "events", params(("id" = i64, Path)),
    responses((status = 200, content_type = "image/*"), (status = 404, body = ApiError)))]
pub async fn get_cover(
    State(state): State<AppState>,
    user: MaybeUser,
    Path(id): Path<i64>,
) -> AppResult<axum::response::Response> {
    use axum::http::{HeaderValue, header};
    use axum::response::IntoResponse;
    let (mime, bytes) = ops::cover(&state, user.0.as_ref(), id).await?;
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&mime) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    headers.insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("inline"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=86400"));
    Ok(response)
}

/// Remove the cover image (those who run the event).
#[utoipa::path(delete, path = shared::paths::template::EVENT_COVER, tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = Event), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn delete_cover(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<Event>> {
    Ok(Json(ops::remove_cover(&state, &current.user, id).await?))
}
