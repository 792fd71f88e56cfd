//! Thin handlers for messages to registrants and invitation codes.

use super::*;

/// Message the registrants of some ticket types and statuses (notification centre and email).
#[utoipa::path(post, path = shared::paths::template::EVENT_MESSAGES, tag = "events", params(("id" = i64, Path)),
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
#[utoipa::path(post, path = shared::paths::template::EVENT_MESSAGES_PREVIEW, tag = "events", params(("id" = i64, Path)),
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

/// The messages sent to the registrants, newest first (those who run the event).
#[utoipa::path(get, path = shared::paths::template::EVENT_MESSAGES, tag = "events", params(("id" = i64, Path)),
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
#[utoipa::path(get, path = shared::paths::template::EVENT_INVITATIONS, tag = "events", params(("id" = i64, Path)),
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
#[utoipa::path(post, path = shared::paths::template::EVENT_INVITATIONS, tag = "events", params(("id" = i64, Path)),
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
