//! Organizations: profiles, members, invitations, verification.

pub mod policy;
pub mod routes;
mod store;

pub use store::PERSONAL_DATA;

/// What other capabilities (and the demo, tests and benchmarks) may use of this one's store.
pub use store::{
    Affiliation, counts_of, exists, first_of, get, ids_of_any, insert, insert_without_members, member_ids, name_of,
    named, set_verified, summary, unverified_count, with_credit_code,
};

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

/// Subscriber of [`crate::facts::Fact::UserErasing`]: memberships and invitations go.
pub(crate) async fn on_user_erasing(tx: &mut crate::db::Conn, who: &crate::facts::Erasing) -> sqlx::Result<()> {
    who.erase(tx, store::ERASE).await
}

/// The organizations `user` is a member of, by id.
pub async fn ids_of(db: &mut Conn, user: i64) -> sqlx::Result<Vec<i64>> {
    store::ids_of_any(db, &[user]).await
}

/// Organizations (id, Chinese name) `user` is the only owner of while others are members.
pub async fn sole_owner_of(db: &mut Conn, user: i64) -> sqlx::Result<Vec<(i64, String)>> {
    store::sole_owner_of(db, user).await
}

/// The organizations `user` is a member of, with their role and whether each is verified.
pub async fn memberships(db: &mut Conn, user: i64) -> sqlx::Result<Vec<shared::accounts::Membership>> {
    store::memberships(db, user).await
}

/// The user's role in the organization, if a member; the organization is recorded on the request's
/// span as the one it acts for.
pub async fn role_of(db: &mut Conn, org: i64, user: i64) -> sqlx::Result<Option<shared::orgs::OrgRole>> {
    crate::http::trace::record_org(org);
    store::role_of(db, org, user).await
}
