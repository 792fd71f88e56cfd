//! The expert pool (专家库): applications, admin review, search by organizers; the judges of
//! competitions come from it.

pub mod consult;
pub mod ops;
pub mod routes;
pub mod store;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(routes::me, routes::put_me))
        .routes(routes!(routes::search))
        .routes(routes!(routes::queue))
        .routes(routes!(routes::approve))
        .routes(routes!(routes::reject))
        .routes(routes!(routes::consultants))
        .routes(routes!(routes::invite))
}
