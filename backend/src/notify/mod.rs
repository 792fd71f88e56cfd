//! Notifications: the in-app centre, email through the outbox (SMTP when configured), preferences,
//! saved searches with alerts.

pub mod mail;
pub mod ops;
pub mod routes;
pub mod store;

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
