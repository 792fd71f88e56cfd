//! The matching engine: pairs each published demand with the capabilities, scenario openings and
//! investor mandates that fit it (and back), scored with every factor visible and explained.
//! `score` is the pure rule set, `text` and `index` the in-memory BM25 index, `engine` the shared
//! state, `store` its SQL, `ops` the operations, `routes` the handlers.

pub mod bundle;
pub mod engine;
pub mod eval;
pub mod index;
pub mod ops;
pub mod routes;
pub mod score;
mod store;
pub mod text;

/// What the benchmarks use of this capability's store.
pub use store::encode;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(routes::demand_matches))
        .routes(routes!(routes::capability_matches))
        .routes(routes!(routes::scenario_matches))
        .routes(routes!(routes::mandate_matches))
        .routes(routes!(routes::save))
        .routes(routes!(routes::dismiss))
        .routes(routes!(routes::get_weights, routes::put_weights))
        .routes(routes!(routes::feed))
        .routes(routes!(routes::bundles))
}

/// Subscriber (after commit) of [`crate::facts::Fact::PostingsChanged`]: the match index.
pub(crate) async fn on_postings_changed(state: &crate::AppState, ids: &[i64]) -> crate::error::AppResult<()> {
    ops::sync(state, ids).await
}
