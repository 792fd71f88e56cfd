//! Thin handlers for matchmaking meetings.

use axum::extract::State;
use axum::http::StatusCode;
use shared::ApiError;
use shared::meetings::{
    AvailabilityInput, Counterpart, MeetingRequest, Overview, PlannedMeeting, RequestInput, ScheduleReport, SetupInput,
};

use super::ops;
use crate::AppState;
use crate::accounts::CurrentUser;
use crate::error::AppResult;
use crate::http::extract::{Json, Path};

/// The caller's meeting area: slots and tables, their availability, requests and placed meetings
/// (organizers also get the last scheduler run).
#[utoipa::path(get, path = shared::paths::template::EVENT_MEETINGS, tag = "meetings", params(("id" = i64, Path)),
    responses((status = 200, body = Overview), (status = 401, body = ApiError), (status = 404, body = ApiError),
              (status = 422, body = ApiError)))]
pub async fn overview(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<Overview>> {
    Ok(Json(ops::overview(&state, &current.user, id).await?))
}

/// Set the number of tables and the meeting slots (those who run the event).
#[utoipa::path(put, path = shared::paths::template::EVENT_MEETINGS_SETUP, tag = "meetings", params(("id" = i64, Path)),
    request_body = SetupInput,
    responses((status = 200, body = Overview), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 422, body = ApiError)))]
pub async fn put_setup(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
    Json(input): Json<SetupInput>,
) -> AppResult<Json<Overview>> {
    Ok(Json(ops::put_setup(&state, &current.user, id, input).await?))
}

/// Set the slots the caller is available in (attendees with a confirmed registration).
#[utoipa::path(put, path = shared::paths::template::EVENT_MEETINGS_AVAILABILITY, tag = "meetings", params(("id" = i64, Path)),
    request_body = AvailabilityInput,
    responses((status = 200, body = Overview), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 422, body = ApiError)))]
pub async fn put_availability(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
    Json(input): Json<AvailabilityInput>,
) -> AppResult<Json<Overview>> {
    Ok(Json(ops::set_availability(&state, &current.user, id, input).await?))
}

/// The other attendees, best fit first, with the matching engine's score and reasons.
#[utoipa::path(get, path = shared::paths::template::EVENT_MEETINGS_ATTENDEES, tag = "meetings", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<Counterpart>), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn attendees(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<Vec<Counterpart>>> {
    Ok(Json(ops::counterparts(&state, &current.user, id).await?))
}

/// Ask another attendee for a meeting.
#[utoipa::path(post, path = shared::paths::template::EVENT_MEETINGS_REQUESTS, tag = "meetings", params(("id" = i64, Path)),
    request_body = RequestInput,
    responses((status = 201, body = MeetingRequest), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn request(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
    Json(input): Json<RequestInput>,
) -> AppResult<(StatusCode, Json<MeetingRequest>)> {
    Ok((StatusCode::CREATED, Json(ops::request(&state, &current.user, id, input).await?)))
}

/// Accept a meeting request sent to you.
#[utoipa::path(post, path = shared::paths::template::MEETING_REQUEST_ACCEPT, tag = "meetings", params(("id" = i64, Path)),
    responses((status = 200, body = MeetingRequest), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 409, body = ApiError)))]
pub async fn accept(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<MeetingRequest>> {
    Ok(Json(ops::decide(&state, &current.user, id, true).await?))
}

/// Decline a meeting request sent to you.
#[utoipa::path(post, path = shared::paths::template::MEETING_REQUEST_DECLINE, tag = "meetings", params(("id" = i64, Path)),
    responses((status = 200, body = MeetingRequest), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 409, body = ApiError)))]
pub async fn decline(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<MeetingRequest>> {
    Ok(Json(ops::decide(&state, &current.user, id, false).await?))
}

/// Withdraw your request, or call off an accepted meeting (either side).
#[utoipa::path(post, path = shared::paths::template::MEETING_REQUEST_CANCEL, tag = "meetings", params(("id" = i64, Path)),
    responses((status = 200, body = MeetingRequest), (status = 404, body = ApiError), (status = 409, body = ApiError)))]
pub async fn cancel(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<MeetingRequest>> {
    Ok(Json(ops::cancel(&state, &current.user, id).await?))
}

/// Run the scheduler: place accepted meetings at slots and tables (those who run the event); the
/// report compares it with first-come greedy on the same input.
#[utoipa::path(post, path = shared::paths::template::EVENT_MEETINGS_SCHEDULE, tag = "meetings", params(("id" = i64, Path)),
    responses((status = 200, body = ScheduleReport), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 422, body = ApiError)))]
pub async fn run_schedule(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<ScheduleReport>> {
    Ok(Json(ops::run_schedule(&state, &current.user, id).await?))
}

/// The table plan: every placed meeting by slot and table (those who run the event).
#[utoipa::path(get, path = shared::paths::template::EVENT_MEETINGS_PLAN, tag = "meetings", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<PlannedMeeting>), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn plan(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<Vec<PlannedMeeting>>> {
    Ok(Json(ops::plan(&state, &current.user, id).await?))
}

/// The table plan as an Excel workbook (those who run the event).
#[utoipa::path(get, path = shared::paths::template::EVENT_MEETINGS_PLAN_XLSX, tag = "meetings", params(("id" = i64, Path)),
    responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
              (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn plan_xlsx(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<axum::response::Response> {
    let bytes = ops::plan_xlsx(&state, &current.user, id).await?;
    Ok(crate::xlsx::response(bytes, &format!("event-{id}-tables.xlsx")))
}

/// The caller's meetings as an iCalendar file.
#[utoipa::path(get, path = shared::paths::template::EVENT_MEETINGS_AGENDA_ICS, tag = "meetings", params(("id" = i64, Path)),
    responses((status = 200, content_type = "text/calendar"), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn agenda_ics(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<axum::response::Response> {
    let body = ops::agenda_ics(&state, &current.user, id).await?;
    Ok(crate::events::ics::response(body, &format!("event-{id}-meetings.ics")))
}
