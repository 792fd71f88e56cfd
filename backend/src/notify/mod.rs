//! Notifications: the in-app centre, email through the outbox (SMTP when configured), preferences,
//! saved searches with alerts.

pub mod mail;
pub mod ops;
pub mod routes;
mod store;

pub use store::PERSONAL_DATA;

/// What other capabilities (and the demo, tests and benchmarks) may use of this one's store.
pub use store::{
    Recipient, delete_read_notifications_before, delete_sent_emails_before, failed_emails_count, queue_email,
    user as recipient,
};

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(routes::list))
        .routes(routes!(routes::unread))
        .routes(routes!(routes::read))
        .routes(routes!(routes::read_all))
        .routes(routes!(routes::preferences, routes::set_preferences))
        .routes(routes!(routes::saved, routes::save))
        .routes(routes!(routes::delete_saved))
        .routes(routes!(routes::outbox))
}

/// Subscriber of [`crate::facts::Fact::UserErasing`]: notifications, preferences, queued emails and saved searches go.
pub(crate) async fn on_user_erasing(tx: &mut crate::db::Conn, who: &crate::facts::Erasing) -> sqlx::Result<()> {
    who.erase(tx, store::ERASE).await
}

/// Subscriber (after commit) of [`crate::facts::Fact::PostingPublished`]: alerts the saved searches
/// the new posting fits and the owners of postings it matches with a high score.
pub(crate) async fn on_posting_published(state: &AppState, id: i64) -> crate::error::AppResult<()> {
    ops::posting_published(state, id).await
}
