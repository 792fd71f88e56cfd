//! Accounts: registration, login with throttling, sessions, the current user, and the site
//! admins' account management.

pub mod admin;
pub mod password;
pub mod personal;
pub mod routes;
pub mod session;
mod store;
pub mod throttle;
pub mod verify;

pub use session::{AdminUser, CurrentUser, MaybeUser, SessionUser};
pub use store::PERSONAL_DATA;

/// What other capabilities (and the demo, tests and benchmarks) may use of this one's store.
pub use store::{
    NewUser, create_or_promote_admin, delete_expired_sessions, delete_login_failures_before, display_name,
    insert_session, insert_user,
};

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(routes::register))
        .routes(routes!(routes::login))
        .routes(routes!(routes::logout))
        .routes(routes!(routes::verify_email))
        .routes(routes!(routes::resend_verification))
        .routes(routes!(routes::session_state))
        .routes(routes!(routes::me, routes::update_me, routes::delete_me))
        .routes(routes!(routes::change_password))
        .routes(routes!(personal::export))
        .routes(routes!(admin::list))
        .routes(routes!(admin::disable))
        .routes(routes!(admin::enable))
        .routes(routes!(admin::reset_sessions))
}

/// Subscriber of [`crate::facts::Fact::UserErasing`], run last: sessions, failed sign-ins and
/// verification links go, and the account is anonymised in place (个人信息保护法, right to deletion).
pub(crate) async fn on_user_erasing(tx: &mut crate::db::Conn, who: &crate::facts::Erasing) -> sqlx::Result<()> {
    who.erase(tx, store::ERASE).await?;
    store::anonymise(tx, who, password::DUMMY_HASH).await
}
