//! Thin handlers for door staff and co-organizers.

use super::*;

/// The co-organizers: managers run the event, check-in staff scan tickets (those who run it).
#[utoipa::path(get, path = shared::paths::template::EVENT_STAFF, tag = "events", params(("id" = i64, Path)),
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
#[utoipa::path(post, path = shared::paths::template::EVENT_STAFF, tag = "events", params(("id" = i64, Path)), request_body = StaffInput,
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
#[utoipa::path(delete, path = shared::paths::template::EVENT_STAFF_USER, tag = "events",
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
#[utoipa::path(delete, path = shared::paths::template::EVENT_STAFF_INVITATIONS, tag = "events",
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
#[utoipa::path(post, path = shared::paths::template::EVENT_STAFF_ACCEPT, tag = "events", params(("id" = i64, Path)),
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
#[utoipa::path(post, path = shared::paths::template::EVENT_STAFF_DECLINE, tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = Event), (status = 401, body = ApiError), (status = 403, body = ApiError),
              (status = 404, description = "No invitation for the caller", body = ApiError)))]
pub async fn decline_staff(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<Event>> {
    Ok(Json(ops::answer_staff(&state, &current.user, id, false).await?))
}
