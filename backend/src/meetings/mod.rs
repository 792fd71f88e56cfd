//! Matchmaking meetings (b2match-style): slots and tables, availability, meeting requests between
//! attendees scored by the matching engine, and the scheduler placing accepted ones.

pub mod ops;
pub mod routes;
pub mod schedule;
mod store;

/// What other capabilities (and the demo, tests and benchmarks) may use of this one's store.
pub use store::{PERSONAL_DATA, insert_request, set_availability, set_request_status, slots};

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(routes::overview))
        .routes(routes!(routes::put_setup))
        .routes(routes!(routes::put_availability))
        .routes(routes!(routes::attendees))
        .routes(routes!(routes::request))
        .routes(routes!(routes::accept))
        .routes(routes!(routes::decline))
        .routes(routes!(routes::cancel))
        .routes(routes!(routes::run_schedule))
        .routes(routes!(routes::plan))
        .routes(routes!(routes::plan_xlsx))
        .routes(routes!(routes::agenda_ics))
}

/// Sets the event's meeting tables (kept with the event) and replaces its slots; a slot with an
/// unchanged start keeps its id and availability.
pub async fn replace_setup(
    db: &mut crate::db::Conn,
    event: i64,
    tables: u32,
    slots: &[shared::meetings::SlotInput],
) -> sqlx::Result<()> {
    crate::events::set_meeting_tables(db, event, tables).await?;
    store::replace_slots(db, event, slots).await
}

/// Subscriber of [`crate::facts::Fact::UserErasing`]: availability and coming meetings go.
pub(crate) async fn on_user_erasing(tx: &mut crate::db::Conn, who: &crate::facts::Erasing) -> sqlx::Result<()> {
    who.erase(tx, store::ERASE).await
}
