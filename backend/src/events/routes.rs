//! Thin handlers for events, ticket types and registrations.

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
#[utoipa::path(get, path = "/events", tag = "events", params(EventQuery), responses((status = 200, body = Page<Event>)))]
pub async fn list(
    State(state): State<AppState>,
    user: MaybeUser,
    Query(q): Query<EventQuery>,
) -> AppResult<Json<Page<Event>>> {
    let all = ops::list(&state, user.0.as_ref(), q.past, q.q.as_deref()).await?;
    Ok(Json(Page::window(all, PageQuery { page: q.page, per_page: q.per_page })))
}

/// Create an event for one of your organizer organizations.
#[utoipa::path(post, path = "/events", tag = "events", request_body = EventInput,
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
#[utoipa::path(get, path = "/events/{id}", tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = Event), (status = 404, body = ApiError)))]
pub async fn get(State(state): State<AppState>, user: MaybeUser, Path(id): Path<i64>) -> AppResult<Json<Event>> {
    Ok(Json(ops::get(&state, user.0.as_ref(), id).await?))
}

/// Edit an event (its organizers); capacity never below the seats already held.
#[utoipa::path(put, path = "/events/{id}", tag = "events", params(("id" = i64, Path)), request_body = EventInput,
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
#[utoipa::path(post, path = "/events/{id}/publish", tag = "events", params(("id" = i64, Path)),
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
#[utoipa::path(post, path = "/events/{id}/ticket-types", tag = "events", params(("id" = i64, Path)),
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

/// Registrations: every one for the organizers, your own otherwise.
#[utoipa::path(get, path = "/events/{id}/registrations", tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<Registration>), (status = 401, body = ApiError), (status = 404, body = ApiError)))]
pub async fn registrations(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<Vec<Registration>>> {
    Ok(Json(ops::registrations(&state, &current.user, id).await?))
}

/// Your own registrations for the event (also for its organizers, whose list above holds everyone's).
#[utoipa::path(get, path = "/events/{id}/registrations/mine", tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<Registration>), (status = 401, body = ApiError), (status = 404, body = ApiError)))]
pub async fn my_registrations(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<Vec<Registration>>> {
    Ok(Json(ops::my_registrations(&state, &current.user, id).await?))
}

/// Register yourself or a group: confirmed, pending approval, or on the waiting list when full.
#[utoipa::path(post, path = "/events/{id}/registrations", tag = "events", params(("id" = i64, Path)),
    request_body = RegistrationInput,
    responses((status = 201, body = Registration), (status = 401, body = ApiError), (status = 404, body = ApiError),
              (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn register(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
    Json(input): Json<RegistrationInput>,
) -> AppResult<(StatusCode, Json<Registration>)> {
    Ok((StatusCode::CREATED, Json(ops::register(&state, &current.user, id, input).await?)))
}

/// Cancel a registration (its registrant or an organizer); the seats go to the waiting list.
#[utoipa::path(post, path = "/registrations/{id}/cancel", tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = Registration), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 409, body = ApiError)))]
pub async fn cancel(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<Registration>> {
    Ok(Json(ops::cancel(&state, &current.user, id).await?))
}

/// Undo a cancellation, within 30 minutes and while its seats have not been offered to the
/// waiting list: the registration is what it was before.
#[utoipa::path(post, path = "/registrations/{id}/undo-cancel", tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = Registration), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 409, body = ApiError)))]
pub async fn undo_cancel(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<Registration>> {
    Ok(Json(ops::undo_cancel(&state, &current.user, id).await?))
}

/// Take an offered seat before the offer expires.
#[utoipa::path(post, path = "/registrations/{id}/accept-offer", tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = Registration), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 409, body = ApiError)))]
pub async fn accept_offer(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<Registration>> {
    Ok(Json(ops::accept_offer(&state, &current.user, id).await?))
}

/// Approve a pending registration (organizers).
#[utoipa::path(post, path = "/registrations/{id}/approve", tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = Registration), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 409, body = ApiError)))]
pub async fn approve(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<Registration>> {
    Ok(Json(ops::decide(&state, &current.user, id, true).await?))
}

/// Reject a pending registration (organizers); its seats go to the waiting list.
#[utoipa::path(post, path = "/registrations/{id}/reject", tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = Registration), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 409, body = ApiError)))]
pub async fn reject(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<Registration>> {
    Ok(Json(ops::decide(&state, &current.user, id, false).await?))
}

/// Move a waiting entry to the head of its waiting list (organizers): the next freed seats are
/// offered to it first.
#[utoipa::path(post, path = "/registrations/{id}/promote", tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = Registration), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 409, body = ApiError)))]
pub async fn promote(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<Registration>> {
    Ok(Json(ops::promote(&state, &current.user, id).await?))
}

/// The event as an iCalendar file for calendar apps.
#[utoipa::path(get, path = "/events/{id}/calendar.ics", tag = "events", params(("id" = i64, Path)),
    responses((status = 200, content_type = "text/calendar"), (status = 404, body = ApiError)))]
pub async fn calendar(
    State(state): State<AppState>,
    user: MaybeUser,
    Path(id): Path<i64>,
) -> AppResult<axum::response::Response> {
    let event = ops::get(&state, user.0.as_ref(), id).await?;
    let url = format!("{}/events/{id}", state.config.site_url());
    Ok(super::ics::response(super::ics::event(&event, &url, crate::db::now()), &format!("event-{id}.ics")))
}

/// The attendee list as CSV (organizers).
#[utoipa::path(get, path = "/events/{id}/registrations.csv", tag = "events",
    params(("id" = i64, Path), shared::events::ExportSelection),
    responses((status = 200, content_type = "text/csv"), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 422, body = ApiError)))]
pub async fn registrations_csv(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
    Query(selection): Query<shared::events::ExportSelection>,
) -> AppResult<axum::response::Response> {
    let csv = ops::registrations_csv(&state, &current.user, id, selection).await?;
    Ok(crate::xlsx::csv_response(csv, &format!("event-{id}-registrations.csv")))
}

/// The co-organizers: managers run the event, check-in staff scan tickets (those who run it).
#[utoipa::path(get, path = "/events/{id}/staff", tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<Staff>), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn staff(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<Vec<Staff>>> {
    Ok(Json(ops::staff(&state, &current.user, id).await?))
}

/// Invite someone by email as manager or check-in staff, or change the role of someone on the staff
/// (members of a verified organizing organization). They join by accepting; the answer is the same
/// whether or not the address has an account.
#[utoipa::path(post, path = "/events/{id}/staff", tag = "events", params(("id" = i64, Path)), request_body = StaffInput,
    responses((status = 200, body = Vec<Staff>), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 422, body = ApiError)))]
pub async fn put_staff(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
    Json(input): Json<StaffInput>,
) -> AppResult<Json<Vec<Staff>>> {
    Ok(Json(ops::put_staff(&state, &current.user, id, input).await?))
}

/// Remove a co-organizer (members of the organizing organization).
#[utoipa::path(delete, path = "/events/{id}/staff/{user_id}", tag = "events",
    params(("id" = i64, Path), ("user_id" = i64, Path)),
    responses((status = 200, body = Vec<Staff>), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn remove_staff(
    State(state): State<AppState>,
    current: CurrentUser,
    Path((id, user_id)): Path<(i64, i64)>,
) -> AppResult<Json<Vec<Staff>>> {
    Ok(Json(ops::remove_staff(&state, &current.user, id, user_id).await?))
}

/// Which invitation to the staff to withdraw.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StaffInvitationQuery {
    /// The invited address.
    pub email: String,
}

/// Withdraw an invitation to the staff not answered yet (members of the organizing organization).
#[utoipa::path(delete, path = "/events/{id}/staff-invitations", tag = "events",
    params(("id" = i64, Path), StaffInvitationQuery),
    responses((status = 200, body = Vec<Staff>), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn withdraw_staff_invitation(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
    Query(q): Query<StaffInvitationQuery>,
) -> AppResult<Json<Vec<Staff>>> {
    Ok(Json(ops::withdraw_staff_invitation(&state, &current.user, id, &q.email).await?))
}

/// Accept the invitation to the event's staff (sent to the caller's verified email).
#[utoipa::path(post, path = "/events/{id}/staff/accept", tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = Event), (status = 401, body = ApiError), (status = 403, body = ApiError),
              (status = 404, description = "No invitation for the caller", body = ApiError)))]
pub async fn accept_staff(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<Event>> {
    Ok(Json(ops::answer_staff(&state, &current.user, id, true).await?))
}

/// Decline the invitation to the event's staff.
#[utoipa::path(post, path = "/events/{id}/staff/decline", tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = Event), (status = 401, body = ApiError), (status = 403, body = ApiError),
              (status = 404, description = "No invitation for the caller", body = ApiError)))]
pub async fn decline_staff(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<Event>> {
    Ok(Json(ops::answer_staff(&state, &current.user, id, false).await?))
}

/// A confirmed registration's tickets, one per person, with the code its QR image carries.
#[utoipa::path(get, path = "/registrations/{id}/tickets", tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<Ticket>), (status = 401, body = ApiError), (status = 404, body = ApiError)))]
pub async fn tickets(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<Vec<Ticket>>> {
    Ok(Json(ops::tickets(&state, &current.user, id).await?))
}

/// The QR image of a ticket code (SVG); 404 for a code the server did not sign.
#[utoipa::path(get, path = "/tickets/{code}/qr.svg", tag = "events", params(("code" = String, Path)),
    responses((status = 200, content_type = "image/svg+xml"), (status = 404, body = ApiError)))]
pub async fn ticket_qr(State(state): State<AppState>, Path(code): Path<String>) -> AppResult<axum::response::Response> {
    use axum::http::{HeaderValue, header};
    use axum::response::IntoResponse;
    let svg = ops::ticket_qr(&state, &code).await?;
    let mut response = svg.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/svg+xml"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, max-age=86400"));
    Ok(response)
}

/// One scan at the door: checked in, already checked in (with when), or refused with the reason.
/// A scan resent with the same device and nonce gets its first answer and counts once.
#[utoipa::path(post, path = "/events/{id}/checkins", tag = "events", params(("id" = i64, Path)), request_body = CheckinInput,
    responses((status = 200, body = CheckinResult), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 422, body = ApiError)))]
pub async fn checkin(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
    Json(input): Json<CheckinInput>,
) -> AppResult<Json<CheckinResult>> {
    Ok(Json(ops::checkin(&state, &current.user, id, input).await?))
}

/// Checked-in people against confirmed tickets (door staff).
#[utoipa::path(get, path = "/events/{id}/checkins/counts", tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = CheckinCounts), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn checkin_counts(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<CheckinCounts>> {
    Ok(Json(ops::checkin_counts(&state, &current.user, id).await?))
}

/// Undo a check-in made by mistake (door staff).
#[utoipa::path(post, path = "/checkins/{id}/undo", tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = CheckinCounts), (status = 404, body = ApiError), (status = 409, body = ApiError)))]
pub async fn undo_checkin(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<CheckinCounts>> {
    Ok(Json(ops::undo_checkin(&state, &current.user, id).await?))
}

/// The organizers' figures: by status, ticket type, organization kind, domain, district and day,
/// and the check-in rate.
#[utoipa::path(get, path = "/events/{id}/report", tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = EventReport), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn report(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<EventReport>> {
    Ok(Json(ops::report(&state, &current.user, id).await?))
}

/// The attendee list with statuses and check-ins, and the figures, as an Excel workbook (organizers).
#[utoipa::path(get, path = "/events/{id}/registrations.xlsx", tag = "events", params(("id" = i64, Path)),
    responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
              (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn registrations_xlsx(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<axum::response::Response> {
    let bytes = ops::registrations_xlsx(&state, &current.user, id).await?;
    Ok(crate::xlsx::response(bytes, &format!("event-{id}-registrations.xlsx")))
}

/// The event's registration questions, each for every ticket type or only some.
#[utoipa::path(get, path = "/events/{id}/questions", tag = "events", params(("id" = i64, Path)),
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
#[utoipa::path(post, path = "/events/{id}/questions", tag = "events", params(("id" = i64, Path)),
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
#[utoipa::path(delete, path = "/events/{id}/questions/{question}", tag = "events",
    params(("id" = i64, Path), ("question" = i64, Path)),
    responses((status = 200, body = Vec<Question>), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn delete_question(
    State(state): State<AppState>,
    current: CurrentUser,
    Path((id, question)): Path<(i64, i64)>,
) -> AppResult<Json<Vec<Question>>> {
    Ok(Json(ops::delete_question(&state, &current.user, id, question).await?))
}

/// Message the registrants of some ticket types and statuses (notification centre and email).
#[utoipa::path(post, path = "/events/{id}/messages", tag = "events", params(("id" = i64, Path)),
    request_body = shared::events::EventMessageInput,
    responses((status = 201, body = shared::events::EventMessage), (status = 403, body = ApiError),
              (status = 404, body = ApiError), (status = 422, body = ApiError)))]
pub async fn send_message(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
    Json(input): Json<shared::events::EventMessageInput>,
) -> AppResult<(StatusCode, Json<shared::events::EventMessage>)> {
    Ok((StatusCode::CREATED, Json(ops::send_message(&state, &current.user, id, input).await?)))
}

/// Whom a message would reach and the email as it would go out, in both languages; nothing is sent.
#[utoipa::path(post, path = "/events/{id}/messages/preview", tag = "events", params(("id" = i64, Path)),
    request_body = shared::events::EventMessageInput,
    responses((status = 200, body = shared::events::MessagePreview), (status = 403, body = ApiError),
              (status = 404, body = ApiError), (status = 422, body = ApiError)))]
pub async fn preview_message(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
    Json(input): Json<shared::events::EventMessageInput>,
) -> AppResult<Json<shared::events::MessagePreview>> {
    Ok(Json(ops::preview_message(&state, &current.user, id, input).await?))
}

/// The registrant table: searched, filtered by status and ticket type, sorted, paged (those who
/// run the event).
#[utoipa::path(get, path = "/events/{id}/registrants", tag = "events",
    params(("id" = i64, Path), shared::events::RegistrantQuery),
    responses((status = 200, body = Page<shared::events::Registrant>), (status = 403, body = ApiError),
              (status = 404, body = ApiError)))]
pub async fn registrants(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
    Query(q): Query<shared::events::RegistrantQuery>,
) -> AppResult<Json<Page<shared::events::Registrant>>> {
    Ok(Json(ops::registrants(&state, &current.user, id, q).await?))
}

/// Approve or reject several pending registrations at once, all or none (those who run the event).
#[utoipa::path(post, path = "/events/{id}/registrations/bulk", tag = "events", params(("id" = i64, Path)),
    request_body = shared::events::BulkRequest,
    responses((status = 200, body = Vec<Registration>), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn bulk(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
    Json(req): Json<shared::events::BulkRequest>,
) -> AppResult<Json<Vec<Registration>>> {
    Ok(Json(ops::bulk(&state, &current.user, id, req).await?))
}

/// The messages sent to the registrants, newest first (those who run the event).
#[utoipa::path(get, path = "/events/{id}/messages", tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<shared::events::EventMessage>), (status = 403, body = ApiError),
              (status = 404, body = ApiError)))]
pub async fn messages(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<Vec<shared::events::EventMessage>>> {
    Ok(Json(ops::messages(&state, &current.user, id).await?))
}

/// The invitation codes of an event (those who run it).
#[utoipa::path(get, path = "/events/{id}/invitations", tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<shared::events::Invitation>), (status = 403, body = ApiError),
              (status = 404, body = ApiError)))]
pub async fn invitations(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<Vec<shared::events::Invitation>>> {
    Ok(Json(ops::invitations(&state, &current.user, id).await?))
}

/// Create an invitation code for an invitation-only event, optionally limited in uses.
#[utoipa::path(post, path = "/events/{id}/invitations", tag = "events", params(("id" = i64, Path)),
    request_body = shared::events::InvitationInput,
    responses((status = 201, body = Vec<shared::events::Invitation>), (status = 403, body = ApiError),
              (status = 404, body = ApiError), (status = 422, body = ApiError)))]
pub async fn add_invitation(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
    Json(input): Json<shared::events::InvitationInput>,
) -> AppResult<(StatusCode, Json<Vec<shared::events::Invitation>>)> {
    Ok((StatusCode::CREATED, Json(ops::add_invitation(&state, &current.user, id, input).await?)))
}

/// Every confirmed attendee's badge with the ticket code for its QR image (those who run the event).
#[utoipa::path(get, path = "/events/{id}/badges", tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<shared::events::Badge>), (status = 403, body = ApiError),
              (status = 404, body = ApiError)))]
pub async fn badges(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<Vec<shared::events::Badge>>> {
    Ok(Json(ops::badges(&state, &current.user, id).await?))
}

/// Set the cover image: a PNG, JPEG, GIF or WebP (checked by content, ≤ 10 MB) as the raw body
/// (those who run the event).
#[utoipa::path(put, path = "/events/{id}/cover", tag = "events", params(("id" = i64, Path)),
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
#[utoipa::path(get, path = "/events/{id}/cover", tag = "events", params(("id" = i64, Path)),
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
#[utoipa::path(delete, path = "/events/{id}/cover", tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = Event), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn delete_cover(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<Event>> {
    Ok(Json(ops::remove_cover(&state, &current.user, id).await?))
}
