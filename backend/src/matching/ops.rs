//! Matching operations: matches of a posting as its viewer may see them, feedback, weights, and
//! keeping the index in step with the database.

use std::collections::HashMap;

use shared::market::PostingKind;
use shared::matching::{Match, MatchQuery, Weights, parse_match_id};
use shared::validate::FieldError;

use super::engine::{Engine, Feedback};
use super::index::{Ask, MatchIndex};
use super::score::Related;
use super::store;
use crate::AppState;
use crate::accounts::SessionUser;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::market::{list, ops as market};

/// Loads the engine from the database: every published posting (segmented off the async threads),
/// the saved weights, the feedback.
pub async fn load(db: &Db) -> anyhow::Result<Engine> {
    let mut conn = db.acquire().await?;
    let rows = store::published(&mut conn, None).await?;
    let weights = store::weights(&mut conn).await?;
    let mut feedback = Feedback::default();
    for (org, candidate, action) in store::feedback(&mut conn).await? {
        feedback.record(org, candidate, &action);
    }
    drop(conn);
    let index = tokio::task::spawn_blocking(move || {
        let mut index = MatchIndex::new();
        index.apply(rows.into_iter().map(store::Published::into_entry).collect(), &[]);
        index
    })
    .await?;
    Ok(Engine::new(index, weights, feedback))
}

/// Brings the index in line with the database for these postings (published: re-indexed; others: out).
pub async fn sync(state: &AppState, ids: &[i64]) -> AppResult<()> {
    let mut db = state.db.acquire().await?;
    let rows = store::published(&mut db, Some(ids)).await?;
    drop(db);
    let removals: Vec<i64> = ids.iter().copied().filter(|id| !rows.iter().any(|r| r.profile.id == *id)).collect();
    let entries = tokio::task::spawn_blocking(move || rows.into_iter().map(store::Published::into_entry).collect())
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    state.matching.index_mut().apply(entries, &removals);
    Ok(())
}

/// What `kind` postings are matched with: demands with any other kind (capabilities by default),
/// the other kinds with demands.
fn target(kind: PostingKind, asked: Option<PostingKind>) -> AppResult<PostingKind> {
    match (kind, asked) {
        (PostingKind::Demand, None) => Ok(PostingKind::Capability),
        (PostingKind::Demand, Some(PostingKind::Demand)) => Err(AppError::field("kind", FieldError::Invalid)),
        (PostingKind::Demand, Some(k)) => Ok(k),
        (_, None | Some(PostingKind::Demand)) => Ok(PostingKind::Demand),
        (_, Some(_)) => Err(AppError::field("kind", FieldError::Invalid)),
    }
}

/// The matches of posting `id` of `kind`, best first. Anyone who may see the posting sees its
/// matches; its own organization's members also get their feedback applied and shown.
pub async fn matches(
    state: &AppState,
    user: Option<&SessionUser>,
    kind: PostingKind,
    id: i64,
    q: MatchQuery,
) -> AppResult<Vec<Match>> {
    let target = target(kind, q.kind)?;
    let limit = match q.limit {
        None => 20,
        Some(l @ 1..=50) => l as usize,
        Some(_) => return Err(AppError::field("limit", FieldError::OutOfRange)),
    };
    let mut db = state.db.acquire().await?;
    let posting = market::view(&mut db, kind, id, user).await?;
    let viewer_org = posting.mine.then_some(posting.org.id);
    let weights = state.matching.weights();
    let top = {
        let index = state.matching.index();
        let feedback = state.matching.feedback();
        let saved: HashMap<i64, u32> = viewer_org.map(|o| feedback.saved_by_org(o, &index)).unwrap_or_default();
        let dismissed = |c: i64| viewer_org.is_some_and(|o| feedback.dismissed(o, c));
        let saved_with_org = |org: i64| saved.get(&org).copied().unwrap_or(0);
        let ask = Ask {
            weights: &weights,
            related: Related::builtin(),
            today: market::today(),
            dismissed: &dismissed,
            saved_with_org: &saved_with_org,
        };
        index.top(id, target, limit, &ask)
    };
    let top: Vec<_> = top.into_iter().filter(|(_, s)| q.min_score.is_none_or(|m| s.score >= m)).collect();
    let ids: Vec<i64> = top.iter().map(|(id, _)| *id).collect();
    let mut summaries: HashMap<i64, _> =
        list::published_by_ids(&mut db, target, &ids).await?.into_iter().map(|s| (s.id, s)).collect();
    let feedback = state.matching.feedback();
    Ok(top
        .into_iter()
        .filter_map(|(cid, s)| {
            Some(Match {
                id: format!("{id}-{cid}"),
                source_id: id,
                posting: summaries.remove(&cid)?,
                score: s.score,
                factors: s.factors,
                reasons: s.reasons,
                held_back: s.held_back,
                saved: viewer_org.is_some_and(|o| feedback.saved(o, cid)),
            })
        })
        .collect())
}

/// Saves or dismisses a match for the source posting's organization (its members only).
pub async fn feedback(state: &AppState, user: &SessionUser, match_id: &str, action: &'static str) -> AppResult<()> {
    let (source, candidate) = parse_match_id(match_id).ok_or(AppError::NotFound)?;
    let mut tx = state.db.begin().await?;
    let src = crate::market::store::row(&mut tx, source).await?.ok_or(AppError::NotFound)?;
    if crate::market::store::row(&mut tx, candidate).await?.is_none() {
        return Err(AppError::NotFound);
    }
    if crate::orgs::store::role_of(&mut tx, src.org_id, user.id).await?.is_none() {
        return Err(AppError::Forbidden);
    }
    store::record_feedback(&mut tx, src.org_id, source, candidate, action, user.id).await?;
    tx.commit().await?;
    state.matching.feedback_mut().record(src.org_id, candidate, action);
    Ok(())
}

pub async fn weights(state: &AppState) -> Weights {
    state.matching.weights()
}

pub async fn set_weights(state: &AppState, w: Weights) -> AppResult<Weights> {
    let w = w.parse()?;
    let mut db = state.db.acquire().await?;
    store::set_weights(&mut db, &w).await?;
    state.matching.set_weights(w);
    Ok(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demands_match_the_other_kinds_and_the_others_match_demands() {
        assert_eq!(target(PostingKind::Demand, None).ok(), Some(PostingKind::Capability));
        assert_eq!(target(PostingKind::Demand, Some(PostingKind::Mandate)).ok(), Some(PostingKind::Mandate));
        assert!(target(PostingKind::Demand, Some(PostingKind::Demand)).is_err());
        assert_eq!(target(PostingKind::Scenario, None).ok(), Some(PostingKind::Demand));
        assert!(target(PostingKind::Mandate, Some(PostingKind::Capability)).is_err());
    }
}
