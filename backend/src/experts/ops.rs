//! Expert pool operations: apply, review, search.

use shared::experts::{Expert, ExpertInput, ExpertQuery, ExpertStatus, RejectExpert};
use shared::taxonomy::TermKind;
use shared::validate::{self, FieldError};

use super::store;
use crate::AppState;
use crate::accounts::SessionUser;
use crate::db::now;
use crate::error::{AppError, AppResult};

/// Apply to the pool, or change one's entry (back to review).
pub async fn put_me(state: &AppState, user: &SessionUser, input: ExpertInput) -> AppResult<Expert> {
    let input = input.check()?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    let tax = crate::taxonomy::store::load(&mut tx).await?;
    for d in &input.domains {
        tax.require(TermKind::Domain, d).map_err(|e| AppError::field("domains", e))?;
    }
    if store::existing_orgs(&mut tx, &input.conflict_orgs).await? != input.conflict_orgs.len() {
        return Err(AppError::field("conflict_orgs", FieldError::Invalid));
    }
    let id = store::upsert(&mut tx, user.id, &input, now()).await?;
    let out = store::by_id(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(out)
}

/// The caller's own entry (404 before applying).
pub async fn me(state: &AppState, user: &SessionUser) -> AppResult<Expert> {
    let mut db = state.db.acquire().await?;
    store::by_user(&mut db, user.id).await?.ok_or(AppError::NotFound)
}

/// The approved pool, for organizers (members of an organizer organization) and site admins.
pub async fn search(state: &AppState, user: &SessionUser, q: ExpertQuery) -> AppResult<Vec<Expert>> {
    let mut db = state.db.acquire().await?;
    if !user.is_admin && !store::is_organizer(&mut db, user.id).await? {
        return Err(AppError::Forbidden);
    }
    Ok(store::list(&mut db, ExpertStatus::Approved, &q).await?)
}

/// Entries of a status for the admins' review queue.
pub async fn queue(state: &AppState, status: ExpertStatus) -> AppResult<Vec<Expert>> {
    let mut db = state.db.acquire().await?;
    Ok(store::list(&mut db, status, &ExpertQuery::default()).await?)
}

/// Approve, or reject with a reason (site admins).
pub async fn review(state: &AppState, admin: &SessionUser, id: i64, reject: Option<RejectExpert>) -> AppResult<Expert> {
    let reason = match &reject {
        Some(r) => Some(validate::required_text(&r.reason, 500).map_err(|e| AppError::field("reason", e))?),
        None => None,
    };
    let status = if reject.is_some() { ExpertStatus::Rejected } else { ExpertStatus::Approved };
    let mut tx = crate::db::begin_write(&state.db).await?;
    if !store::review(&mut tx, id, status, reason.as_deref(), admin.id, now()).await? {
        return Err(AppError::NotFound);
    }
    let out = store::by_id(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(out)
}
