//! The agenda of an event: sessions with time, room, speakers and optional seat limits; attendees
//! take seats in sessions and get each one as a calendar file.

pub mod ops;
pub mod routes;
mod store;

/// What other capabilities (and the demo, tests and benchmarks) may use of this one's store.
pub use store::{NewSpeaker, PERSONAL_DATA, insert, invited_to, take_seat};

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(routes::list, routes::create))
        .routes(routes!(routes::delete))
        .routes(routes!(routes::join, routes::leave))
        .routes(routes!(routes::calendar))
        .routes(routes!(routes::accept_speaker))
        .routes(routes!(routes::decline_speaker))
}

/// Subscriber of [`crate::facts::Fact::UserErasing`]: session seats and invitations to speak go.
pub(crate) async fn on_user_erasing(tx: &mut crate::db::Conn, who: &crate::facts::Erasing) -> sqlx::Result<()> {
    who.erase(tx, store::ERASE).await
}
