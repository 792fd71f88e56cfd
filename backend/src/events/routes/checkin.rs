//! Thin handlers for tickets, badges and check-in.

use super::*;

/// A confirmed registration's tickets, one per person, with the code its QR image carries.
#[utoipa::path(get, path = shared::paths::template::REGISTRATION_TICKETS, tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<Ticket>), (status = 401, body = ApiError), (status = 404, body = ApiError)))]
pub async fn tickets(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<Vec<Ticket>>> {
    Ok(Json(ops::tickets(&state, &current.user, id).await?))
}

/// The QR image of a ticket code (SVG); 404 for a code the server did not sign.
#[utoipa::path(get, path = shared::paths::template::TICKET_QR_SVG, tag = "events", params(("code" = String, Path)),
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
#[utoipa::path(post, path = shared::paths::template::EVENT_CHECKINS, tag = "events", params(("id" = i64, Path)), request_body = CheckinInput,
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
#[utoipa::path(get, path = shared::paths::template::EVENT_CHECKINS_COUNTS, tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = CheckinCounts), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn checkin_counts(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<CheckinCounts>> {
    Ok(Json(ops::checkin_counts(&state, &current.user, id).await?))
}

/// Undo a check-in made by mistake (door staff).
#[utoipa::path(post, path = shared::paths::template::CHECKIN_UNDO, tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = CheckinCounts), (status = 404, body = ApiError), (status = 409, body = ApiError)))]
pub async fn undo_checkin(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<CheckinCounts>> {
    Ok(Json(ops::undo_checkin(&state, &current.user, id).await?))
}

/// Every confirmed attendee's badge with the ticket code for its QR image (those who run the event).
#[utoipa::path(get, path = shared::paths::template::EVENT_BADGES, tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<shared::events::Badge>), (status = 403, body = ApiError),
              (status = 404, body = ApiError)))]
pub async fn badges(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<Vec<shared::events::Badge>>> {
    Ok(Json(ops::badges(&state, &current.user, id).await?))
}
