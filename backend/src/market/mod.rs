//! The marketplace: demands, capabilities, scenario openings and investor mandates — lifecycle,
//! moderation, browsing.

pub mod export;
pub mod facets;
pub mod list;
pub mod memory;
pub mod ops;
pub mod routes;
mod store;

pub use store::PERSONAL_DATA;

/// What other capabilities (and the demo, tests and benchmarks) may use of this one's store.
pub use store::{
    PostingRow, insert, moderation_count, published_for_index, row as posting, set_status, tags, title_and_page,
};

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    use routes::{capabilities, demands, mandates, scenarios};
    OpenApiRouter::new()
        .routes(routes!(demands::list, demands::create))
        .routes(routes!(demands::get, demands::update))
        .routes(routes!(demands::submit))
        .routes(routes!(demands::close))
        .routes(routes!(demands::export_xlsx))
        .routes(routes!(demands::export_csv))
        .routes(routes!(capabilities::list, capabilities::create))
        .routes(routes!(capabilities::get, capabilities::update))
        .routes(routes!(capabilities::submit))
        .routes(routes!(capabilities::close))
        .routes(routes!(capabilities::export_xlsx))
        .routes(routes!(capabilities::export_csv))
        .routes(routes!(scenarios::list, scenarios::create))
        .routes(routes!(scenarios::get, scenarios::update))
        .routes(routes!(scenarios::submit))
        .routes(routes!(scenarios::close))
        .routes(routes!(scenarios::export_xlsx))
        .routes(routes!(scenarios::export_csv))
        .routes(routes!(mandates::list, mandates::create))
        .routes(routes!(mandates::get, mandates::update))
        .routes(routes!(mandates::submit))
        .routes(routes!(mandates::close))
        .routes(routes!(mandates::export_xlsx))
        .routes(routes!(mandates::export_csv))
        .routes(routes!(routes::moderation_queue, routes::moderate))
}

/// Subscriber (after commit) of [`crate::facts::Fact::PostingsChanged`]: the public lists and the
/// home page kept in memory.
pub(crate) async fn on_postings_changed(state: &AppState, ids: &[i64]) -> crate::error::AppResult<()> {
    ops::remember(state, ids).await
}

/// Subscriber (within the transaction) of [`crate::facts::Fact::OrgChanged`]: the organization's
/// published postings, which show its name.
pub(crate) async fn published_of_org(tx: &mut crate::db::Conn, org: i64) -> sqlx::Result<Vec<i64>> {
    store::published_of_org(tx, org).await
}
