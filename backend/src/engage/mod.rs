//! Engagement: interest requests between organizations, the conversation acceptance opens, the
//! deal pipeline, attachments, blocks and abuse reports.

pub mod export;
pub mod ops;
pub mod policy;
pub mod routes;
mod store;

pub use store::PERSONAL_DATA;

/// What other capabilities (and the demo, tests and benchmarks) may use of this one's store.
pub use store::{
    NewRow, deals_signed_since, delete_messages_before, insert, insert_message, open_reports_count, outcomes, record,
    set_stage, set_status,
};

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(routes::list, routes::create))
        .routes(routes!(routes::bundle))
        .routes(routes!(routes::export_xlsx))
        .routes(routes!(routes::export_csv))
        .routes(routes!(routes::get))
        .routes(routes!(routes::accept))
        .routes(routes!(routes::decline))
        .routes(routes!(routes::withdraw))
        .routes(routes!(routes::stage))
        .routes(routes!(routes::messages, routes::post_message))
        .routes(routes!(routes::read))
        .routes(routes!(routes::download))
        .routes(routes!(routes::blocks, routes::block))
        .routes(routes!(routes::unblock))
        .routes(routes!(routes::report))
        .routes(routes!(routes::reports))
        // Its body limit is its extractor's (`http::extract::Body`), which names it in the 413.
        .routes(routes!(routes::upload))
}
