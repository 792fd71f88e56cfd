//! Facts: what a capability states has happened, raised on the write transaction that makes it
//! happen. The capabilities that care subscribe; this file is the one place that says who. A
//! subscriber runs either **within** the transaction (its writes commit or roll back with the
//! fact) or **after** it commits (in-memory indexes and best-effort alerts, which must never undo
//! what was decided). The subscribers themselves live in their own capability's folder.
//!
//! | fact | within the transaction | after commit |
//! |---|---|---|
//! | [`Fact::PostingsChanged`] | `changes` tells the other instances | `search` index, `market` lists in memory, `matching` index |
//! | [`Fact::PostingPublished`] | `dashboard` counts it | `notify` alerts saved searches and strong matches; `dashboard` counts a matched posting |
//! | [`Fact::EngagementRequested`], [`Fact::EngagementAccepted`], [`Fact::DealSigned`] | `dashboard` counts it | — |
//! | [`Fact::EventScheduled`], [`Fact::EventMoved`], [`Fact::CheckedIn`], [`Fact::CheckinUndone`] | `dashboard` counts it (a move or an undo takes the old count back) | — |
//! | [`Fact::CompetitionOpened`], [`Fact::TeamEntered`] | `dashboard` counts it | — |
//! | [`Fact::OrgChanged`] | `market` names the organization's published postings ([`Fact::PostingsChanged`]) | — |
//! | [`Fact::MatchFeedback`] | `changes` | `matching` feedback in memory |
//! | [`Fact::DealStage`] | `changes` | `matching` feedback in memory |
//! | [`Fact::WeightsSet`] | `changes` | `matching` weights in memory |
//! | [`Fact::UserErasing`] | `events`, `agenda`, `meetings`, `competitions`, `experts`, `orgs`, `notify`, then `accounts` erase their part | — |
//!
//! Personal export is the read-side twin of erasure: [`personal_data`] asks each capability that
//! holds data about a person for its sections.

use serde_json::{Map, Value};
use shared::engage::{DealStage, FailureReason};
use shared::matching::Weights;
use time::OffsetDateTime;

use crate::AppState;
use crate::db::Conn;
use crate::error::AppResult;

/// What happened.
#[derive(Debug, Clone, PartialEq)]
pub enum Fact {
    /// Postings whose public face may have changed: published, edited, closed, withdrawn, expired,
    /// or their organization renamed.
    PostingsChanged(Vec<i64>),
    /// A posting became public for the first time.
    PostingPublished(i64),
    /// An organization asked another about a posting (an engagement).
    EngagementRequested(i64),
    /// A request was accepted: a deal is open.
    EngagementAccepted(i64),
    /// A deal was signed (its engagement).
    DealSigned(i64),
    /// An event was created.
    EventScheduled(i64),
    /// An event moved in time or changed its fields.
    EventMoved(i64),
    /// Someone was checked in at an event (the check-in).
    CheckedIn(i64),
    /// A check-in was undone.
    CheckinUndone(i64),
    /// A competition was created.
    CompetitionOpened(i64),
    /// A team entered a competition.
    TeamEntered(i64),
    /// An organization's profile changed (its published postings show its name).
    OrgChanged(i64),
    /// An organization saved or dismissed a match.
    MatchFeedback { org: i64, candidate: i64, action: &'static str },
    /// A deal between two organizations reached a stage.
    DealStage { from_org: i64, to_org: i64, stage: DealStage, failure: Option<FailureReason> },
    /// The matching factor weights were set.
    WeightsSet(Weights),
    /// A person's account is being deleted: everything only about them goes.
    UserErasing(Erasing),
}

/// Who is being erased, and when.
#[derive(Debug, Clone, PartialEq)]
pub struct Erasing {
    pub user: i64,
    pub email: String,
    pub at: OffsetDateTime,
}

impl Erasing {
    /// The address the account gets: unique, unroutable (`.invalid`), free of the old one.
    pub fn anonymous_email(&self) -> String {
        format!("deleted-{}@deleted.invalid", self.user)
    }

    /// Runs a capability's erasure statements for this person (`$1` id, `$2` email, `$3` now, `$4`
    /// the anonymous address).
    pub async fn erase(&self, db: &mut Conn, statements: &[&str]) -> sqlx::Result<()> {
        crate::db::sql::erase(db, statements, self.user, &self.email, self.at, &self.anonymous_email()).await
    }
}

/// What the subscribers within a transaction did, for the audit log (`{"registrations_cancelled": 2}`).
pub type Report = Map<String, Value>;

/// A write transaction that facts can be raised on. It derefs to its [`Conn`], so stores take it
/// as they take any transaction; [`Write::commit`] commits and then runs the after-commit
/// subscribers. Dropped without committing, it rolls back and nothing after-commit runs.
pub struct Write<'s> {
    tx: Conn,
    state: &'s AppState,
    raised: Vec<Fact>,
}

impl<'s> Write<'s> {
    /// Starts a write transaction ([`crate::db::begin_write`]).
    pub async fn begin(state: &'s AppState) -> AppResult<Self> {
        Ok(Self::on(crate::db::begin_write(&state.db).await?, state))
    }

    /// Raises facts on a transaction already begun.
    pub fn on(tx: Conn, state: &'s AppState) -> Self {
        Write { tx, state, raised: vec![] }
    }

    /// States that `fact` happened: its within-transaction subscribers run now, on this
    /// transaction (and the facts they raise in turn); its after-commit ones run on commit.
    pub async fn raise(&mut self, fact: Fact) -> AppResult<Report> {
        let mut report = Report::new();
        let mut queue = vec![fact];
        while let Some(fact) = queue.pop() {
            queue.extend(within(&mut self.tx, self.state, &fact, &mut report).await?);
            self.raised.push(fact);
        }
        Ok(report)
    }

    /// Commits, then runs the after-commit subscribers of every fact raised.
    pub async fn commit(self) -> AppResult<()> {
        self.tx.commit().await?;
        for fact in merged(self.raised) {
            after(self.state, &fact).await?;
        }
        Ok(())
    }
}

impl std::ops::Deref for Write<'_> {
    type Target = Conn;
    fn deref(&self) -> &Conn {
        &self.tx
    }
}

impl std::ops::DerefMut for Write<'_> {
    fn deref_mut(&mut self) -> &mut Conn {
        &mut self.tx
    }
}

/// The facts in the order raised, the postings of every [`Fact::PostingsChanged`] gathered into
/// the first (indexes are brought in line once per commit).
fn merged(facts: Vec<Fact>) -> Vec<Fact> {
    let mut out: Vec<Fact> = vec![];
    let mut at = None;
    for fact in facts {
        match (fact, at) {
            (Fact::PostingsChanged(ids), Some(i)) => {
                if let Fact::PostingsChanged(all) = &mut out[i] {
                    all.extend(ids);
                }
            }
            (Fact::PostingsChanged(ids), None) => {
                at = Some(out.len());
                out.push(Fact::PostingsChanged(ids));
            }
            (fact, _) => out.push(fact),
        }
    }
    for fact in &mut out {
        if let Fact::PostingsChanged(ids) = fact {
            ids.sort_unstable();
            ids.dedup();
        }
    }
    out.retain(|f| !matches!(f, Fact::PostingsChanged(ids) if ids.is_empty()));
    out
}

/// The subscribers that run inside the transaction; returns the facts they raise in turn.
async fn within(tx: &mut Conn, state: &AppState, fact: &Fact, report: &mut Report) -> AppResult<Vec<Fact>> {
    use crate::changes::{self, Change};
    match fact {
        Fact::PostingsChanged(ids) if !ids.is_empty() => changes::record(tx, state, Change::Postings, ids).await?,
        Fact::PostingsChanged(_) => {}
        Fact::PostingPublished(_)
        | Fact::EngagementRequested(_)
        | Fact::EngagementAccepted(_)
        | Fact::DealSigned(_)
        | Fact::EventScheduled(_)
        | Fact::EventMoved(_)
        | Fact::CheckedIn(_)
        | Fact::CheckinUndone(_)
        | Fact::CompetitionOpened(_)
        | Fact::TeamEntered(_) => crate::dashboard::on_fact(tx, fact).await?,
        Fact::OrgChanged(org) => {
            return Ok(vec![Fact::PostingsChanged(crate::market::published_of_org(tx, *org).await?)]);
        }
        Fact::MatchFeedback { .. } | Fact::DealStage { .. } => {
            changes::record(tx, state, Change::Feedback, &[]).await?
        }
        Fact::WeightsSet(_) => changes::record(tx, state, Change::Weights, &[]).await?,
        Fact::UserErasing(who) => {
            let released = crate::events::on_user_erasing(tx, state, who).await?;
            report.insert("registrations_cancelled".into(), released.into());
            crate::agenda::on_user_erasing(tx, who).await?;
            crate::meetings::on_user_erasing(tx, who).await?;
            crate::competitions::on_user_erasing(tx, who).await?;
            crate::experts::on_user_erasing(tx, who).await?;
            crate::orgs::on_user_erasing(tx, who).await?;
            crate::notify::on_user_erasing(tx, who).await?;
            // Last: the account row itself, which the others may have looked up.
            crate::accounts::on_user_erasing(tx, who).await?;
        }
    }
    Ok(vec![])
}

/// The subscribers that run once the transaction has committed.
async fn after(state: &AppState, fact: &Fact) -> AppResult<()> {
    match fact {
        Fact::PostingsChanged(ids) => remember_postings(state, ids).await?,
        Fact::PostingPublished(id) => {
            // Alerts and counts about a new posting must not undo its publication.
            if let Err(e) = crate::notify::on_posting_published(state, *id).await {
                tracing::warn!(error = ?e, id, "alerting about a new posting");
            }
            if let Err(e) = crate::dashboard::on_posting_published(state, *id).await {
                tracing::warn!(error = ?e, id, "counting a matched posting");
            }
        }
        Fact::MatchFeedback { org, candidate, action } => {
            state.matching.feedback_mut().record(*org, *candidate, action)
        }
        Fact::DealStage { from_org, to_org, stage, failure } => {
            state.matching.feedback_mut().record_outcome(*from_org, *to_org, *stage, *failure)
        }
        Fact::WeightsSet(w) => state.matching.set_weights(*w),
        // Nothing after commit: their subscribers all run within the transaction.
        _ => {}
    }
    Ok(())
}

/// What this instance keeps in memory about postings, brought in line with the database: run after
/// [`Fact::PostingsChanged`] commits here, and by `changes` when another instance's commit is read.
pub async fn remember_postings(state: &AppState, ids: &[i64]) -> AppResult<()> {
    crate::search::on_postings_changed(state, ids).await?;
    crate::market::on_postings_changed(state, ids).await?;
    crate::matching::on_postings_changed(state, ids).await
}

/// Everything the platform holds about a person (个人信息保护法), one section per kind of data,
/// each asked of the capability that holds it.
pub async fn personal_data(db: &mut Conn, user: i64, email: &str) -> sqlx::Result<Value> {
    let mut out = Map::new();
    out.insert("generated_at".into(), Value::String(crate::db::now().to_string()));
    let holders: [&[crate::db::sql::Section]; 11] = [
        crate::accounts::PERSONAL_DATA,
        crate::orgs::PERSONAL_DATA,
        crate::market::PERSONAL_DATA,
        crate::engage::PERSONAL_DATA,
        crate::events::PERSONAL_DATA,
        crate::agenda::PERSONAL_DATA,
        crate::meetings::PERSONAL_DATA,
        crate::experts::PERSONAL_DATA,
        crate::competitions::PERSONAL_DATA,
        crate::notify::PERSONAL_DATA,
        crate::audit::PERSONAL_DATA,
    ];
    for section in holders.into_iter().flatten() {
        out.insert(section.name.into(), crate::db::sql::section(db, section, user, email).await?);
    }
    Ok(Value::Object(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_changed_in_one_transaction_are_brought_in_line_once() {
        let facts = vec![
            Fact::PostingsChanged(vec![3, 1]),
            Fact::PostingPublished(3),
            Fact::PostingsChanged(vec![]),
            Fact::PostingsChanged(vec![1, 2]),
        ];
        assert_eq!(merged(facts), vec![Fact::PostingsChanged(vec![1, 2, 3]), Fact::PostingPublished(3)]);
    }

    #[test]
    fn nothing_to_bring_in_line_raises_nothing_after_commit() {
        assert_eq!(merged(vec![Fact::PostingsChanged(vec![])]), vec![]);
    }

    #[test]
    fn an_erased_address_is_unroutable_and_unique() {
        let who = Erasing { user: 42, email: "a@b.cn".into(), at: crate::db::now() };
        assert_eq!(who.anonymous_email(), "deleted-42@deleted.invalid");
    }
}
