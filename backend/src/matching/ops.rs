//! Matching operations: matches of a posting as its viewer may see them, feedback, weights, and
//! keeping the index in step with the database.

use std::collections::HashMap;

use shared::market::PostingKind;
use shared::matching::{Bundle, FeedEntry, FeedQuery, Match, MatchQuery, Weights, parse_match_id};
use shared::validate::FieldError;

use super::engine::{Engine, Feedback};
use super::index::{Ask, MatchIndex};
use super::score::{Related, Scored};
use super::store;
use super::text;
use crate::AppState;
use crate::accounts::SessionUser;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::facts::{Fact, Write};
use crate::market::{list, ops as market};

/// Loads the engine from the database: every published posting with its stored terms (postings
/// without them, and all of them when the text analysis changed since they were stored, are
/// segmented now, off the async threads, and their terms stored), the saved weights, the feedback.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn load(db: &Db) -> anyhow::Result<Engine> {
    let started = std::time::Instant::now();
    let mut conn = db.acquire().await?;
    let stale = store::terms_version(&mut conn).await?.as_deref() != Some(text::ANALYSIS_VERSION);
    drop(conn);
    let rows = store::published(db, None, stale).await?;
    tracing::debug!(ms = started.elapsed().as_millis() as u64, rows = rows.len(), stale, "read the published postings");
    let mut conn = db.acquire().await?;
    let weights = store::weights(&mut conn).await?;
    let feedback = load_feedback(&mut conn).await?;
    drop(conn);
    let (index, segmented) = tokio::task::spawn_blocking(move || {
        let mut index = MatchIndex::new();
        let mut segmented = vec![];
        let mut chunk = Vec::with_capacity(4096);
        for row in rows {
            let (entry, fresh) = row.into_entry(stale);
            segmented.extend(fresh);
            chunk.push(entry);
            if chunk.len() == 4096 {
                index.apply(std::mem::take(&mut chunk), &[]);
            }
        }
        index.apply(chunk, &[]);
        (index, segmented)
    })
    .await?;
    if !segmented.is_empty() || stale {
        let mut tx = crate::db::begin_write(db).await?;
        store::store_terms(&mut tx, &segmented).await?;
        store::set_terms_version(&mut tx, text::ANALYSIS_VERSION).await?;
        tx.commit().await?;
        tracing::info!(
            postings = segmented.len(),
            "segmented and stored the terms of postings that had none or older ones"
        );
    }
    Ok(Engine::new(index, weights, feedback))
}

/// The organizations' saved and dismissed matches and their deals' outcomes.
async fn load_feedback(conn: &mut crate::db::Conn) -> sqlx::Result<Feedback> {
    let mut feedback = Feedback::default();
    for m in store::feedback(&mut *conn).await? {
        feedback.record(m.org_id, m.candidate_id, &m.action);
    }
    for o in crate::engage::outcomes(conn).await? {
        if let Some(stage) = shared::engage::DealStage::parse(&o.stage) {
            let failure = o.failure.as_deref().and_then(shared::engage::FailureReason::parse);
            feedback.record_outcome(o.from_org, o.to_org, stage, failure);
        }
    }
    Ok(feedback)
}

/// Reads the weights and the feedback again (another instance changed them).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn reload_settings(state: &AppState) -> AppResult<()> {
    let mut conn = state.db.acquire().await?;
    let weights = store::weights(&mut conn).await?;
    let feedback = load_feedback(&mut conn).await?;
    state.matching.set_weights(weights.unwrap_or(super::score::DEFAULT_WEIGHTS));
    *state.matching.feedback_mut() = feedback;
    Ok(())
}

/// Brings the index in line with the database for these postings (published: re-indexed; others: out).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn sync(state: &AppState, ids: &[i64]) -> AppResult<()> {
    let rows = store::published(&state.db, Some(ids), true).await?;
    let mut db = state.db.acquire().await?;
    let removals: Vec<i64> = ids.iter().copied().filter(|id| !rows.iter().any(|r| r.profile.id == *id)).collect();
    // Published or edited: segment again, the text may have changed.
    let (entries, terms): (Vec<_>, Vec<_>) =
        tokio::task::spawn_blocking(move || rows.into_iter().map(|r| r.into_entry(true)).unzip())
            .await
            .map_err(|e| AppError::Internal(e.into()))?;
    let terms: Vec<(i64, String)> = terms.into_iter().flatten().collect();
    store::store_terms(&mut db, &terms).await?;
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

/// The best `limit` postings of `target` kind for posting `source`, without those the viewing
/// organization dismissed. A pair scores the same for both its organizations (what they did about
/// each other counts from either side); anyone else sees it without that feedback.
fn ranked(
    state: &AppState,
    source: i64,
    target: PostingKind,
    limit: usize,
    viewer_org: Option<i64>,
) -> Vec<(i64, Scored)> {
    let weights = state.matching.weights();
    let index = state.matching.index();
    let feedback = state.matching.feedback();
    let source_org = index.profile(source).map(|p| p.org_id);
    let saved: HashMap<i64, u32> = source_org.map(|o| feedback.saved_between(o, &index)).unwrap_or_default();
    let dismissed = |c: i64| viewer_org.is_some_and(|o| feedback.dismissed(o, c));
    // Feedback is the two organizations' business: it counts when one of them is looking (and then
    // the same for both), never for a third party.
    let between = |a: i64, b: i64| {
        if viewer_org != Some(a) && viewer_org != Some(b) {
            return (0, 0);
        }
        let other = if Some(a) == source_org { b } else { a };
        (saved.get(&other).copied().unwrap_or(0), feedback.deals(a, b))
    };
    let ask = Ask {
        weights: &weights,
        related: Related::builtin(),
        today: market::today(),
        dismissed: &dismissed,
        between: &between,
    };
    index.top(source, target, limit, &ask)
}

/// The best-fitting pair between two organizations' published postings (`(id, kind)`): a demand
/// of one side scored against a capability, scenario or mandate of the other, as the engine scores
/// matches. `(posting of a, posting of b, score)`; `None` when no pair is comparable.
pub fn best_pair(state: &AppState, a: &[(i64, PostingKind)], b: &[(i64, PostingKind)]) -> Option<(i64, i64, Scored)> {
    let weights = state.matching.weights();
    let index = state.matching.index();
    let none = |_: i64| false;
    let neutral = |_: i64, _: i64| (0, 0);
    let ask = Ask {
        weights: &weights,
        related: Related::builtin(),
        today: market::today(),
        dismissed: &none,
        between: &neutral,
    };
    let mut best: Option<(i64, i64, Scored)> = None;
    for (x, xk) in a {
        for (y, yk) in b {
            let scored = match (xk, yk) {
                (PostingKind::Demand, PostingKind::Demand) => None,
                (PostingKind::Demand, _) => index.pair(*x, *y, &ask),
                (_, PostingKind::Demand) => index.pair(*y, *x, &ask),
                _ => None,
            };
            if let Some(s) = scored
                && best.as_ref().is_none_or(|(_, _, b)| s.score > b.score)
            {
                best = Some((*x, *y, s));
            }
        }
    }
    best
}

/// The score from which a match is strong: its owners are told, and the dashboard counts it.
pub const HIGH_SCORE: u8 = 80;

/// The candidates scoring at least `min` for a newly published posting (any kind it is matched
/// with), best first, at most ten: whom to tell about it.
pub fn strong_matches(state: &AppState, source: i64, min: u8) -> Vec<(i64, u8)> {
    let Some(kind) = state.matching.index().profile(source).map(|p| p.kind) else { return vec![] };
    let targets: &[PostingKind] = match kind {
        PostingKind::Demand => &[PostingKind::Capability, PostingKind::Scenario, PostingKind::Mandate],
        _ => &[PostingKind::Demand],
    };
    let mut out: Vec<(i64, u8)> = targets
        .iter()
        .flat_map(|t| ranked(state, source, *t, 10, None))
        .filter(|(_, s)| s.score >= min)
        .map(|(id, s)| (id, s.score))
        .collect();
    out.sort_by_key(|(_, score)| std::cmp::Reverse(*score));
    out.truncate(10);
    out
}

/// Scored candidates of one kind as matches, with their summaries (a candidate closed meanwhile is dropped).
async fn assemble(
    state: &AppState,
    db: &mut crate::db::Conn,
    source: i64,
    target: PostingKind,
    top: Vec<(i64, Scored)>,
    viewer_org: Option<i64>,
) -> AppResult<Vec<Match>> {
    let ids: Vec<i64> = top.iter().map(|(id, _)| *id).collect();
    let mut summaries: HashMap<i64, _> =
        list::published_by_ids(db, target, &ids).await?.into_iter().map(|s| (s.id, s)).collect();
    let feedback = state.matching.feedback();
    let source_org = state.matching.index().profile(source).map_or(0, |p| p.org_id);
    Ok(top
        .into_iter()
        .filter_map(|(cid, s)| {
            Some(Match {
                id: format!("{source}-{cid}"),
                source_id: source,
                source_org,
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

/// Only published postings are matched: anything else is told so (409 `not_published`) rather
/// than answered with an empty list.
fn published(posting: &shared::market::Posting) -> AppResult<()> {
    match posting.status {
        shared::market::PostingStatus::Published => Ok(()),
        _ => Err(AppError::Refused(shared::ErrorCode::NotPublished)),
    }
}

/// The matches of posting `id` of `kind`, best first. Anyone who may see the posting sees its
/// matches; its own organization's members also get their feedback applied and shown.
#[tracing::instrument(level = "debug", skip_all)]
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
    published(&posting)?;
    let viewer_org = posting.mine.then_some(posting.org.id);
    // Ranking is milliseconds of pure computation: off the async workers, so that cheap requests
    // are not queued behind it on a 2-core machine.
    let (pool_state, min_score) = (state.clone(), q.min_score);
    let top: Vec<_> = tokio::task::spawn_blocking(move || {
        ranked(&pool_state, id, target, limit, viewer_org)
            .into_iter()
            .filter(|(_, s)| min_score.is_none_or(|m| s.score >= m))
            .collect()
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))?;
    assemble(state, &mut db, id, target, top, viewer_org).await
}

/// The caller's feed: the best matches for the published postings of every organization they
/// belong to (the 20 most recent postings), each candidate once, best first.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn feed(state: &AppState, user: &SessionUser, q: FeedQuery) -> AppResult<Vec<FeedEntry>> {
    let limit = match q.limit {
        None => 30,
        Some(l @ 1..=100) => l as usize,
        Some(_) => return Err(AppError::field("limit", FieldError::OutOfRange)),
    };
    let mut db = state.db.acquire().await?;
    let orgs = crate::orgs::ids_of(&mut db, user.id).await?;
    let sources = store::recent_published_of(&mut db, &orgs, 20).await?;
    let mut best: HashMap<i64, (i64, PostingKind, Scored, i64)> = HashMap::new();
    for (source, kind, org) in sources.iter().map(|s| (s.id, s.kind, s.org_id)) {
        let targets: &[PostingKind] = match kind {
            PostingKind::Demand => &[PostingKind::Capability, PostingKind::Scenario, PostingKind::Mandate],
            _ => &[PostingKind::Demand],
        };
        for t in targets.iter().filter(|t| q.kind.is_none_or(|k| k == **t)) {
            for (cid, s) in ranked(state, source, *t, 10, Some(org)) {
                if q.min_score.is_some_and(|m| s.score < m) {
                    continue;
                }
                if best.get(&cid).is_none_or(|(_, _, b, _)| s.score > b.score) {
                    best.insert(cid, (source, *t, s, org));
                }
            }
        }
    }
    let mut picked: Vec<(i64, (i64, PostingKind, Scored, i64))> = best.into_iter().collect();
    picked.sort_by(|a, b| b.1.2.score.cmp(&a.1.2.score).then(a.0.cmp(&b.0)));
    picked.truncate(limit);
    let mut out = vec![];
    for (cid, (source, target, scored, org)) in picked {
        let src = sources.iter().find(|s| s.id == source).ok_or(AppError::NotFound)?;
        if let Some(m) = assemble(state, &mut db, source, target, vec![(cid, scored)], Some(org)).await?.pop() {
            out.push(FeedEntry {
                source_kind: src.kind,
                source_title_zh: src.title_zh.clone(),
                source_title_en: src.title_en.clone(),
                m,
            });
        }
    }
    Ok(out)
}

/// The best combinations of one capability, one scenario and one mandate for a demand: 60 % how
/// each fits the demand, 40 % how they fit each other (shared field, pilot readiness, the fund
/// investing where the pilot is). Built from each kind's ten best matches.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn bundles(
    state: &AppState,
    user: Option<&SessionUser>,
    id: i64,
    limit: Option<u32>,
) -> AppResult<Vec<Bundle>> {
    let limit = match limit {
        None => 5,
        Some(l @ 1..=20) => l as usize,
        Some(_) => return Err(AppError::field("limit", FieldError::OutOfRange)),
    };
    let mut db = state.db.acquire().await?;
    let posting = market::view(&mut db, PostingKind::Demand, id, user).await?;
    published(&posting)?;
    let viewer_org = posting.mine.then_some(posting.org.id);
    let caps = ranked(state, id, PostingKind::Capability, 10, viewer_org);
    let scens = ranked(state, id, PostingKind::Scenario, 10, viewer_org);
    let funds = ranked(state, id, PostingKind::Mandate, 10, viewer_org);
    let combos = {
        let index = state.matching.index();
        let mut combos = vec![];
        for (c, cs) in &caps {
            for (s, ss) in &scens {
                for (f, fs) in &funds {
                    let (Some(cp), Some(sp), Some(fp)) = (index.profile(*c), index.profile(*s), index.profile(*f))
                    else {
                        continue;
                    };
                    // Three parties: one organization playing two parts is no three-sided proposal.
                    if cp.org_id == sp.org_id || cp.org_id == fp.org_id || sp.org_id == fp.org_id {
                        continue;
                    }
                    let (mutual, reasons) = super::score::coherence(cp, sp, fp, Related::builtin());
                    let fit = (f32::from(cs.score) + f32::from(ss.score) + f32::from(fs.score)) / 3.0;
                    let score = (0.6 * fit + 0.4 * 100.0 * mutual).round().clamp(0.0, 100.0) as u8;
                    let parts = [(*c, cp.org_id), (*s, sp.org_id), (*f, fp.org_id)];
                    combos.push(super::bundle::Combo { score, parts, reasons });
                }
            }
        }
        // Each bundle shown adds a party the others do not have.
        super::bundle::choose(combos, limit)
    };
    let pick = |list: &[(i64, Scored)], id: i64| list.iter().find(|(c, _)| *c == id).cloned();
    let mut out = vec![];
    for super::bundle::Combo { score, parts: [(c, _), (s, _), (f, _)], reasons } in combos {
        let (Some(cm), Some(sm), Some(fm)) = (pick(&caps, c), pick(&scens, s), pick(&funds, f)) else { continue };
        let cap = assemble(state, &mut db, id, PostingKind::Capability, vec![cm], viewer_org).await?.pop();
        let scen = assemble(state, &mut db, id, PostingKind::Scenario, vec![sm], viewer_org).await?.pop();
        let fund = assemble(state, &mut db, id, PostingKind::Mandate, vec![fm], viewer_org).await?.pop();
        if let (Some(capability), Some(scenario), Some(mandate)) = (cap, scen, fund) {
            out.push(Bundle { score, capability, scenario, mandate, reasons });
        }
    }
    Ok(out)
}

/// Saves or dismisses a match for the source posting's organization (its members only).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn feedback(state: &AppState, user: &SessionUser, match_id: &str, action: &'static str) -> AppResult<()> {
    let (source, candidate) = parse_match_id(match_id).ok_or(AppError::NotFound)?;
    let mut tx = Write::begin(state).await?;
    let src = crate::market::posting(&mut tx, source).await?.ok_or(AppError::NotFound)?;
    if crate::market::posting(&mut tx, candidate).await?.is_none() {
        return Err(AppError::NotFound);
    }
    if crate::orgs::role_of(&mut tx, src.org_id, user.id).await?.is_none() {
        return Err(AppError::Forbidden);
    }
    store::record_feedback(&mut tx, src.org_id, source, candidate, action, user.id).await?;
    tx.raise(Fact::MatchFeedback { org: src.org_id, candidate, action }).await?;
    tx.commit().await
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn weights(state: &AppState) -> Weights {
    state.matching.weights()
}

/// Sets the factor weights, recorded in the audit log with the weights before.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn set_weights(state: &AppState, user: &SessionUser, w: Weights) -> AppResult<Weights> {
    let w = w.parse()?;
    let before = state.matching.weights();
    let mut tx = Write::begin(state).await?;
    store::set_weights(&mut tx, &w).await?;
    let json = |w: &Weights| serde_json::to_value(w).unwrap_or_default();
    crate::audit::record(&mut tx, Some(user), "matching.weights", "matching:weights", json(&before), json(&w)).await?;
    tx.raise(Fact::WeightsSet(w)).await?;
    tx.commit().await?;
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
