//! Thin handlers for the audit log (site admins).

use axum::extract::State;
use shared::ApiError;
use shared::audit::{AuditQuery, AuditRecord, AuditVerification};
use shared::page::{Page, PageQuery};

use super::chain::{Broken, Entry};
use super::store;
use crate::AppState;
use crate::accounts::AdminUser;
use crate::error::AppResult;
use crate::http::extract::{Json, Query};

/// An entry as a reader takes it in: the actor's name, and what the target names with its page,
/// asked of the capabilities that own them.
async fn record(db: &mut crate::db::Conn, e: Entry) -> AppResult<AuditRecord> {
    let actor_name = match e.actor_id {
        Some(id) => crate::accounts::display_name(db, id).await?,
        None => None,
    };
    let (kind, id) = e.target.split_once(':').map_or((e.target.as_str(), None), |(k, id)| (k, id.parse::<i64>().ok()));
    let (target_name, target_path) = match (kind, id) {
        ("user", Some(id)) => (crate::accounts::display_name(db, id).await?, None),
        ("org", Some(id)) => (crate::orgs::name_of(db, id).await?, Some(format!("/orgs/{id}"))),
        ("posting", Some(id)) => match crate::market::title_and_page(db, id).await? {
            Some((title, path)) => (Some(title), Some(path)),
            None => (None, None),
        },
        _ => (None, None),
    };
    Ok(AuditRecord {
        id: e.id,
        at: e.at,
        actor_id: e.actor_id,
        actor: e.actor,
        action: e.action,
        target: e.target,
        before: e.before,
        after: e.after,
        hash: e.hash,
        actor_name,
        target_name,
        target_path,
    })
}

/// The audit log, newest first, optionally of one kind of action (site admins).
#[utoipa::path(get, path = shared::paths::template::ADMIN_AUDIT, tag = "admin", params(AuditQuery),
    responses((status = 200, body = Page<AuditRecord>), (status = 401, body = ApiError), (status = 403, body = ApiError)))]
pub async fn list(
    State(state): State<AppState>,
    _admin: AdminUser,
    Query(q): Query<AuditQuery>,
) -> AppResult<Json<Page<AuditRecord>>> {
    let (page, per_page, offset) = PageQuery { page: q.page, per_page: q.per_page }.resolve();
    let mut db = state.db.acquire().await?;
    let action = q.action.as_deref().map(str::trim).filter(|a| !a.is_empty());
    let (rows, total) = store::page(&mut db, action, per_page, offset).await?;
    let mut items = Vec::with_capacity(rows.len());
    for e in rows {
        items.push(record(&mut db, e).await?);
    }
    Ok(Json(Page { items, total, page, per_page }))
}

/// Checks the whole hash chain (site admins); `futurematch audit verify` does the same offline.
#[utoipa::path(get, path = shared::paths::template::ADMIN_AUDIT_VERIFY, tag = "admin",
    responses((status = 200, body = AuditVerification), (status = 401, body = ApiError), (status = 403, body = ApiError)))]
pub async fn verify(State(state): State<AppState>, _admin: AdminUser) -> AppResult<Json<AuditVerification>> {
    let mut db = state.db.acquire().await?;
    let entries = store::all(&mut db).await?;
    let n = entries.len() as u64;
    Ok(Json(match super::chain::verify(&entries) {
        Ok(_) => AuditVerification { ok: true, entries: n, broken_at: None },
        Err(Broken::Altered { id } | Broken::Unlinked { id }) => {
            AuditVerification { ok: false, entries: n, broken_at: Some(id) }
        }
    }))
}
