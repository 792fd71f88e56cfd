use axum::extract::State;
use shared::home::FrontDoor;

use super::ops;
use crate::AppState;
use crate::accounts::MaybeUser;
use crate::error::AppResult;
use crate::http::extract::Json;

/// What the home page shows: live figures, the newest demands, open calls closing soon, upcoming
/// events and competitions; signed in, also what needs the caller (`todo`).
#[utoipa::path(get, path = shared::paths::template::HOME, tag = "home", responses((status = 200, body = FrontDoor)))]
pub async fn home(State(state): State<AppState>, user: MaybeUser) -> AppResult<Json<FrontDoor>> {
    Ok(Json(ops::front_door(&state, user.0.as_ref()).await?))
}
