//! 揭榜挂帅 open calls: applications, shortlist, clarifications, selection, and the public notice
//! (公示) with its objection window.

pub mod ops;
pub mod routes;
pub mod store;

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
