//! Thin handlers for registrations, the waiting list and the registrant table.

use super::*;

/// Registrations: every one for the organizers, your own otherwise.
#[utoipa::path(get, path = shared::paths::template::EVENT_REGISTRATIONS, tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<Registration>), (status = 401, body = ApiError), (status = 404, body = ApiError)))]
pub async fn registrations(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<Vec<Registration>>> {
    Ok(Json(ops::registrations(&state, &current.user, id).await?))
}

/// Your own registrations for the event (also for its organizers, whose list above holds everyone's).
#[utoipa::path(get, path = shared::paths::template::EVENT_REGISTRATIONS_MINE, tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<Registration>), (status = 401, body = ApiError), (status = 404, body = ApiError)))]
pub async fn my_registrations(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<Vec<Registration>>> {
    Ok(Json(ops::my_registrations(&state, &current.user, id).await?))
}

/// Register yourself or a group: confirmed, pending approval, or on the waiting list when full.
#[utoipa::path(post, path = shared::paths::template::EVENT_REGISTRATIONS, tag = "events", params(("id" = i64, Path)),
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
#[utoipa::path(post, path = shared::paths::template::REGISTRATION_CANCEL, tag = "events", params(("id" = i64, Path)),
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
#[utoipa::path(post, path = shared::paths::template::REGISTRATION_UNDO_CANCEL, tag = "events", params(("id" = i64, Path)),
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
#[utoipa::path(post, path = shared::paths::template::REGISTRATION_ACCEPT_OFFER, tag = "events", params(("id" = i64, Path)),
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
#[utoipa::path(post, path = shared::paths::template::REGISTRATION_APPROVE, tag = "events", params(("id" = i64, Path)),
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
#[utoipa::path(post, path = shared::paths::template::REGISTRATION_REJECT, tag = "events", params(("id" = i64, Path)),
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
#[utoipa::path(post, path = shared::paths::template::REGISTRATION_PROMOTE, tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = Registration), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 409, body = ApiError)))]
pub async fn promote(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<Registration>> {
    Ok(Json(ops::promote(&state, &current.user, id).await?))
}

/// The registrant table: searched, filtered by status and ticket type, sorted, paged (those who
/// run the event).
#[utoipa::path(get, path = shared::paths::template::EVENT_REGISTRANTS, tag = "events",
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
#[utoipa::path(post, path = shared::paths::template::EVENT_REGISTRATIONS_BULK, tag = "events", params(("id" = i64, Path)),
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
