//! Reference data: the 5+X fields, districts, pilot zones, tiers and other admin-extendable lists.

pub mod routes;
mod store;

/// What other capabilities (and the demo, tests and benchmarks) may use of this one's store.
pub use store::load;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(routes::taxonomy)).routes(routes!(routes::add_term))
}
