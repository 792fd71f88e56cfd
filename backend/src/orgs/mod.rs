//! Organizations: profiles, members, invitations, verification.

pub mod policy;
pub mod routes;
pub mod store;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(routes::list, routes::create))
        .routes(routes!(routes::get, routes::update))
        .routes(routes!(routes::members, routes::invite))
        .routes(routes!(routes::change_role, routes::remove_member))
        .routes(routes!(routes::invitations))
        .routes(routes!(routes::revoke_invitation))
        .routes(routes!(routes::preview_invitation))
        .routes(routes!(routes::accept_invitation))
        .routes(routes!(routes::verify, routes::unverify))
}
