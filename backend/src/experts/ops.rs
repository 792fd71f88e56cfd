//! Expert pool operations: apply, review, search.

use shared::experts::{Consultant, Expert, ExpertInput, ExpertQuery, ExpertStatus, PoolExpert, RejectExpert};
use shared::taxonomy::TermKind;
use shared::validate::{self, FieldError};

use super::store;
use crate::AppState;
use crate::accounts::SessionUser;
use crate::db::{Row, now};
use crate::error::{AppError, AppResult};

/// Apply to the pool, or change one's entry (back to review).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn put_me(state: &AppState, user: &SessionUser, input: ExpertInput) -> AppResult<Expert> {
    let input = input.check()?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    let tax = crate::taxonomy::load(&mut tx).await?;
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
#[tracing::instrument(level = "debug", skip_all)]
pub async fn me(state: &AppState, user: &SessionUser) -> AppResult<Expert> {
    let mut db = state.db.acquire().await?;
    store::by_user(&mut db, user.id).await?.ok_or(AppError::NotFound)
}

/// The approved pool as choosing judges needs it, for members of verified organizer organizations
/// and site admins.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn search(state: &AppState, user: &SessionUser, q: ExpertQuery) -> AppResult<Vec<PoolExpert>> {
    let mut db = state.db.acquire().await?;
    let organizer = |m: &shared::accounts::Membership| m.verified && m.org_kind == shared::orgs::OrgKind::Organizer;
    if !user.is_admin && !crate::orgs::memberships(&mut db, user.id).await?.iter().any(organizer) {
        return Err(AppError::Forbidden);
    }
    Ok(store::list(&mut db, ExpertStatus::Approved, &q).await?.into_iter().map(PoolExpert::from).collect())
}

/// Entries of a status for the admins' review queue.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn queue(state: &AppState, status: ExpertStatus) -> AppResult<Vec<Expert>> {
    let mut db = state.db.acquire().await?;
    Ok(store::list(&mut db, status, &ExpertQuery::default()).await?)
}

/// Approve, or reject with a reason (site admins).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn review(state: &AppState, admin: &SessionUser, id: i64, reject: Option<RejectExpert>) -> AppResult<Expert> {
    let reason = match &reject {
        Some(r) => Some(validate::required_text(&r.reason, 500).map_err(|e| AppError::field("reason", e))?),
        None => None,
    };
    let status = if reject.is_some() { ExpertStatus::Rejected } else { ExpertStatus::Approved };
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::Expert, &[id]).await?;
    let before = store::by_id(&mut tx, id).await?.ok_or(AppError::NotFound)?.status;
    if !store::review(&mut tx, id, status, reason.as_deref(), admin.id, now()).await? {
        return Err(AppError::NotFound);
    }
    crate::audit::record(
        &mut tx,
        Some(admin),
        "expert.review",
        &format!("expert:{id}"),
        serde_json::json!({ "status": before.as_str() }),
        serde_json::json!({ "status": status.as_str(), "reason": reason }),
    )
    .await?;
    let out = store::by_id(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(out)
}

/// The demand `id` for its owner (a member of its organization) or a site admin; 404 when it is not
/// a demand, 403 for anyone else.
async fn own_demand(db: &mut crate::db::Conn, user: &SessionUser, id: i64) -> AppResult<crate::market::PostingRow> {
    let row = crate::market::posting(db, id).await?.ok_or(AppError::NotFound)?;
    if row.kind() != Some(shared::market::PostingKind::Demand) {
        return Err(AppError::NotFound);
    }
    if !user.is_admin && crate::orgs::role_of(db, row.org_id, user.id).await?.is_none() {
        return Err(AppError::Forbidden);
    }
    // Who is in the pool is for verified organizations only.
    if !user.is_admin && !crate::orgs::get(db, row.org_id, false, None).await?.is_some_and(|o| o.verified) {
        return Err(AppError::Refused(shared::ErrorCode::NotVerified));
    }
    Ok(row)
}

/// The experts of the pool who fit a demand (its owner sees them), best first, at most 12.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn consultants(state: &AppState, user: &SessionUser, demand: i64) -> AppResult<Vec<Consultant>> {
    let mut db = state.db.acquire().await?;
    let row = own_demand(&mut db, user, demand).await?;
    let (domains, keywords) = crate::market::tags(&mut db, demand).await?;
    let text = format!("{} {} {}", row.title_zh, row.summary_zh, row.details_zh.as_deref().unwrap_or(""));
    let invited = store::invited(&mut db, demand).await?;
    let mut ranked: Vec<(u32, i64, Vec<String>, Vec<String>)> = store::approved_facts(&mut db)
        .await?
        .into_iter()
        .filter(|e| e.user_id != user.id)
        .map(|e| {
            let d: Vec<String> = e.domains.split(',').filter(|x| !x.is_empty()).map(str::to_owned).collect();
            let k: Vec<String> = e.keywords.lines().filter(|x| !x.is_empty()).map(str::to_owned).collect();
            let (score, sd, sk) = super::consult::fit(&d, &k, &domains, &keywords, &text);
            (score, e.id, sd, sk)
        })
        .filter(|(score, ..)| *score > 0)
        .collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut out = vec![];
    for (score, id, shared_domains, shared_keywords) in ranked.into_iter().take(12) {
        let e = store::by_id(&mut db, id).await?.ok_or(AppError::NotFound)?;
        out.push(Consultant {
            expert_id: e.id,
            name: e.name,
            kind: e.kind,
            title: e.title,
            affiliation: e.affiliation,
            bio: e.bio,
            score,
            shared_domains,
            shared_keywords,
            invited: invited.contains(&e.id),
        });
    }
    Ok(out)
}

/// The demand's owner invites an approved expert to advise: the expert is notified with a link to
/// the demand (from there they contact the owner the usual way); once per expert and demand.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn invite(state: &AppState, user: &SessionUser, demand: i64, expert: i64) -> AppResult<()> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    let row = own_demand(&mut tx, user, demand).await?;
    let e = store::by_id(&mut tx, expert).await?.filter(|e| e.status == ExpertStatus::Approved);
    let e = e.ok_or(AppError::NotFound)?;
    if !store::invite(&mut tx, demand, expert, user.id, now()).await? {
        return Err(AppError::Refused(shared::ErrorCode::AlreadyRequested));
    }
    let to: Vec<_> = crate::notify::recipient(&mut tx, e.user_id).await?.into_iter().collect();
    let note = crate::notify::ops::Note::new(
        shared::notify::NotificationKind::ConsultationInvite,
        format!("/demands/{demand}"),
    )
    .name("title", &row.title_zh, row.title_en.as_deref());
    crate::notify::ops::emit(&mut tx, &state.config.site_url(), &to, Some(user.id), &note).await?;
    tx.commit().await?;
    Ok(())
}
