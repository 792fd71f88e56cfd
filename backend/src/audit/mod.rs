//! The audit log of administrative and security-relevant actions: append-only, hash-chained,
//! verifiable (`futurematch audit verify`), readable by site admins (`GET /api/admin/audit`).

pub mod chain;
pub mod routes;
mod store;

pub use store::PERSONAL_DATA;

use crate::db::Conn;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::accounts::SessionUser;

pub use store::Actor;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(routes::list)).routes(routes!(routes::verify))
}

/// Records what `user` did to `target` (e.g. `org:12`), with the state before and after.
pub async fn record(
    db: &mut Conn,
    user: Option<&SessionUser>,
    action: &str,
    target: &str,
    before: serde_json::Value,
    after: serde_json::Value,
) -> sqlx::Result<()> {
    let actor = match user {
        Some(u) => Actor { id: Some(u.id), name: &u.email },
        None => Actor { id: None, name: "system" },
    };
    store::append(db, &actor, action, target, &before, &after, crate::db::now()).await
}

/// Checks the whole chain: the number of entries, or where it breaks.
pub async fn verify(db: &crate::db::Db) -> anyhow::Result<Result<usize, chain::Broken>> {
    let mut conn = db.acquire().await?;
    Ok(chain::verify(&store::all(&mut conn).await?))
}
