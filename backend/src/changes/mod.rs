//! Several instances on one PostgreSQL database. Each instance keeps in memory what it serves
//! fast: the search index, the list facets, the matching index, the matching weights and the
//! organizations' match feedback. A change made through one instance is written to the `changes`
//! table, and every other instance follows that table (every [`POLL`]) and brings its memory in
//! line, so a posting published through one is listed, searched and matched through all of them
//! within a second. On SQLite there is one instance (the data folder is locked): nothing is written
//! or followed.

mod store;

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use crate::AppState;
use crate::db::{Conn, Db, Dialect, Key};
use crate::error::AppResult;

/// How often an instance looks for the others' changes.
pub const POLL: Duration = Duration::from_millis(250);
/// How long a change is kept for instances to read (a restarted instance reloads everything).
const KEEP: time::Duration = time::Duration::hours(1);

/// What changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Postings that may have been published, edited, closed or had their organization renamed.
    Postings,
    /// The matching weights.
    Weights,
    /// Match feedback or a deal's outcome.
    Feedback,
}

impl Change {
    fn as_str(self) -> &'static str {
        match self {
            Change::Postings => "postings",
            Change::Weights => "weights",
            Change::Feedback => "feedback",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        [Change::Postings, Change::Weights, Change::Feedback].into_iter().find(|c| c.as_str() == s)
    }
}

/// This instance's place in the `changes` table.
#[derive(Debug)]
pub struct Follower {
    /// Marks the changes this instance made (it has applied them already).
    origin: String,
    /// The last change applied.
    seen: AtomicI64,
}

impl Follower {
    /// Where this instance starts following: taken before it loads its memory from the database, so
    /// a change made while it loads is applied again rather than missed.
    pub async fn start(db: &Db) -> sqlx::Result<Self> {
        let seen = match db.dialect() {
            Dialect::Sqlite => 0,
            Dialect::Postgres => store::last(&mut db.acquire().await?).await?,
        };
        Ok(Follower { origin: uuid::Uuid::new_v4().simple().to_string(), seen: AtomicI64::new(seen) })
    }
}

/// Tells the other instances (PostgreSQL only) that `change` happened to `subjects`, inside the
/// write transaction `tx` that makes the change, so they learn of it exactly when it commits. Call it
/// last before committing: it takes [`Key::Changes`], which keeps the table's ids committing in the
/// order they are taken (a follower never passes over one still to commit).
pub async fn record(tx: &mut Conn, state: &AppState, change: Change, subjects: &[i64]) -> sqlx::Result<()> {
    if tx.dialect() == Dialect::Sqlite {
        return Ok(());
    }
    crate::db::lock_key(tx, Key::Changes).await?;
    store::insert(tx, change.as_str(), subjects, &state.changes.origin, crate::db::now()).await
}

/// Follows the other instances' changes until the server stops (PostgreSQL only).
pub async fn follow(state: AppState) {
    if state.db.dialect() == Dialect::Sqlite {
        return;
    }
    let mut tick = tokio::time::interval(POLL);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut pruned = std::time::Instant::now();
    loop {
        tick.tick().await;
        if let Err(e) = catch_up(&state).await {
            tracing::warn!(error = ?e, "following the other instances' changes");
        }
        if pruned.elapsed() > Duration::from_secs(600) {
            pruned = std::time::Instant::now();
            if let Err(e) = prune(&state).await {
                tracing::warn!(error = ?e, "pruning old changes");
            }
        }
    }
}

/// Applies every change the other instances made since the last one seen; returns how many.
pub async fn catch_up(state: &AppState) -> AppResult<usize> {
    let seen = state.changes.seen.load(Ordering::Acquire);
    let rows = store::after(&mut state.db.acquire().await?, seen).await?;
    let Some(last) = rows.last().map(|r| r.id) else { return Ok(0) };
    let mut postings = vec![];
    let (mut weights, mut feedback) = (false, false);
    for store::Recorded { kind, subject, origin, .. } in &rows {
        if *origin == state.changes.origin {
            continue;
        }
        match Change::parse(kind) {
            Some(Change::Postings) => postings.extend(*subject),
            Some(Change::Weights) => weights = true,
            Some(Change::Feedback) => feedback = true,
            None => tracing::warn!(kind, "a change of an unknown kind"),
        }
    }
    postings.sort_unstable();
    postings.dedup();
    if !postings.is_empty() {
        crate::facts::remember_postings(state, &postings).await?;
    }
    if weights || feedback {
        crate::matching::ops::reload_settings(state).await?;
    }
    state.changes.seen.store(last, Ordering::Release);
    Ok(rows.len())
}

async fn prune(state: &AppState) -> AppResult<()> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    store::delete_before(&mut tx, crate::db::now() - KEEP).await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::Change;

    #[test]
    fn every_change_kind_reads_back_as_itself() {
        for c in [Change::Postings, Change::Weights, Change::Feedback] {
            assert_eq!(Change::parse(c.as_str()), Some(c));
        }
        assert_eq!(Change::parse("postings "), None);
    }
}
