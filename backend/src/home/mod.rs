//! The front door: `GET /api/home` gathers what the home page shows in one answer — live
//! figures, the newest demands, open calls closing soon, upcoming events and competitions and,
//! for a signed-in person, what needs them. Each part is read through its capability's own
//! functions; the published counts and the newest demands come from the in-memory lists.

pub mod ops;
pub mod routes;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(routes::home))
}
