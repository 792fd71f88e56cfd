//! The expert pool (专家库): applications, admin review, search by organizers; the judges of
//! competitions come from it.

pub mod consult;
pub mod ops;
pub mod routes;
mod store;

pub use store::PERSONAL_DATA;

/// What other capabilities (and the demo, tests and benchmarks) may use of this one's store.
pub use store::{pending_count, review, upsert};

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

/// Subscriber of [`crate::facts::Fact::UserErasing`]: the expert profile goes.
pub(crate) async fn on_user_erasing(tx: &mut crate::db::Conn, who: &crate::facts::Erasing) -> sqlx::Result<()> {
    who.erase(tx, store::ERASE).await
}
