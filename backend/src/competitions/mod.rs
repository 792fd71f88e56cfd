//! Competitions (创新创业赛事): set-up with tracks, stages and a rubric; teams and versioned
//! submissions; judging with conflict-aware assignment and normalised results; public results
//! through the notice mechanism of the open calls; certificates, exports and an audit log.

pub mod assign;
pub mod judging;
pub mod ops;
pub mod results;
pub mod routes;
mod store;

pub use store::PERSONAL_DATA;

/// What other capabilities (and the demo, tests and benchmarks) may use of this one's store.
pub use store::{
    Assigned, CompetitionRow, NewTeam, assignments, audit, competition, final_ranking, insert, insert_submission,
    insert_team, members, put_sheet, set_panel, set_stage, stage, stages, teams, tracks,
};

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(routes::list, routes::create))
        .routes(routes!(routes::get, routes::update))
        .routes(routes!(routes::teams, routes::register))
        .routes(routes!(routes::audit))
        .routes(routes!(routes::publish))
        .routes(routes!(routes::open))
        .routes(routes!(routes::team))
        .routes(routes!(routes::join_team))
        .routes(routes!(routes::decline_team))
        .routes(routes!(routes::leave_team))
        .routes(routes!(routes::hand_over))
        .routes(routes!(routes::invite_member))
        .routes(routes!(routes::certificate))
        .routes(routes!(routes::versions))
        .routes(routes!(routes::submit))
        .routes(routes!(routes::plan))
        .routes(routes!(routes::panel))
        .routes(routes!(routes::panel_invitations))
        .routes(routes!(routes::accept_panel))
        .routes(routes!(routes::decline_panel))
        .routes(routes!(routes::assignment, routes::assign))
        .routes(routes!(routes::set_entry))
        .routes(routes!(routes::release))
        .routes(routes!(routes::results))
        .routes(routes!(routes::close))
        .routes(routes!(routes::workbook))
        .routes(routes!(routes::my_entries))
        .routes(routes!(routes::entry, routes::score))
        // Its body limit is its extractor's (`http::extract::Body`), which names it in the 413.
        .routes(routes!(routes::upload_plan))
}

/// Subscriber of [`crate::facts::Fact::UserErasing`]: the address on teams goes.
pub(crate) async fn on_user_erasing(tx: &mut crate::db::Conn, who: &crate::facts::Erasing) -> sqlx::Result<()> {
    who.erase(tx, store::ERASE).await
}
