//! The site administrators' console: `GET /api/v1/admin/overview` counts what waits for them in
//! each section (organizations to verify, postings to moderate, experts, notices, reports, failed
//! emails), each count asked of the capability that owns it.

pub mod ops;
pub mod routes;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(routes::overview))
}
