//! Organizations: profiles, members, invitations, verification.

pub mod policy;
pub mod routes;
pub mod store;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use shared::orgs::OrgProfile;
use shared::validate::FieldError;

use crate::AppState;
use crate::db::Conn;
use crate::error::{AppError, AppResult};

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

/// Refuses a 统一社会信用代码 another organization than `own` holds.
pub async fn credit_code_free(db: &mut Conn, profile: &OrgProfile, own: Option<i64>) -> AppResult<()> {
    match &profile.credit_code {
        Some(code) => match store::with_credit_code(db, code).await? {
            Some(other) if Some(other) != own => Err(AppError::field("credit_code", FieldError::CreditCodeTaken)),
            _ => Ok(()),
        },
        None => Ok(()),
    }
}
