//! 揭榜挂帅 open calls: applications, shortlist, clarifications, selection, and the public notice
//! (公示) with its objection window.

pub mod ops;
pub mod routes;
mod store;

/// What other capabilities (and the demo, tests and benchmarks) may use of this one's store.
pub use store::{
    Texts, insert, insert_competition_notice, insert_notice, notice, record, set_notice_status, set_status,
    under_review_count,
};

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(routes::list, routes::apply))
        .routes(routes!(routes::revise))
        .routes(routes!(routes::shortlist))
        .routes(routes!(routes::ask))
        .routes(routes!(routes::answer))
        .routes(routes!(routes::download))
        .routes(routes!(routes::select))
        .routes(routes!(routes::notices))
        .routes(routes!(routes::notice))
        .routes(routes!(routes::object))
        .routes(routes!(routes::answer_objection))
        .routes(routes!(routes::decide))
        // Its body limit is its extractor's (`http::extract::Body`), which names it in the 413.
        .routes(routes!(routes::upload))
}
