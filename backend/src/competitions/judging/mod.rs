//! Judging: panels and assignment (min-cost flow, hand adjustment, release) here; a judge's entries
//! and score sheets in `scoring.rs`; results, closing stages, publishing the final results,
//! certificates, exports and the audit log in `closing.rs`.

use std::collections::HashMap;

use crate::db::{Conn, Row};
use shared::competitions::{
    AssignedEntry, AuditEntry, Certificate, EntryJudges, EntryResult, JudgeScore, JudgingEntry, PanelInput,
    PanelInvitation, PublishResults, ScoreInput, StageAssignment, StageResults, StageStatus, weighted_total,
};
use shared::notify::NotificationKind;
use shared::opencall::{NoticeStatus, add_working_days};
use shared::validate::{self, FieldError};

use super::assign::{self, AssignError, Entry, Judge, Problem};
use super::ops::{run_by, stage_run_by};
use super::results::{self, Sheet, Standing};
use super::store::{self, CompetitionRow, ResultLine, StageRow};
use crate::AppState;
use crate::accounts::SessionUser;
use crate::db::now;
use crate::error::{AppError, AppResult};
use crate::notify::ops::Note;
use crate::xlsx::{Cell, Sheet as XSheet};

mod closing;
mod scoring;

pub use closing::*;
pub use scoring::*;

/// Sets the stage's panel from approved experts (before the assignment is released): those newly
/// listed are invited and told; they judge once they accept.
pub async fn set_panel(state: &AppState, user: &SessionUser, stage: i64, p: PanelInput) -> AppResult<StageAssignment> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::competitions::ops::lock_competition_of_stage(&mut tx, stage).await?;
    let (s, c) = stage_run_by(&mut tx, stage, user).await?;
    if s.released || s.status() == StageStatus::Closed {
        return Err(AppError::invalid_transition());
    }
    // Choosing from the expert pool is for verified organizations (as searching it is).
    let verified = crate::orgs::get(&mut tx, c.org_id, false, None).await?.is_some_and(|o| o.verified);
    if !verified && !user.is_admin {
        return Err(AppError::Refused(shared::ErrorCode::NotVerified));
    }
    let mut ids = p.experts.clone();
    ids.sort_unstable();
    ids.dedup();
    if ids.len() > 200 {
        return Err(AppError::field("experts", FieldError::TooMany));
    }
    let users = store::approved_experts(&mut tx, &ids).await?;
    if users.len() != ids.len() {
        return Err(AppError::field("experts", FieldError::Invalid));
    }
    let at = now();
    let invited = store::set_panel(&mut tx, stage, &users, at, false).await?;
    let org = crate::orgs::summary(&mut tx, c.org_id).await?.ok_or(AppError::NotFound)?;
    let note = Note::new(NotificationKind::PanelInvitation, "/judging")
        .name("title", &c.title_zh, c.title_en.as_deref())
        .name("org", &org.name_zh, org.name_en.as_deref());
    let mut to = vec![];
    for u in invited {
        to.extend(crate::notify::recipient(&mut tx, u).await?);
    }
    crate::notify::ops::emit(&mut tx, &state.config.site_url(), &to, Some(user.id), &note).await?;
    store::clear_assignments(&mut tx, stage).await?;
    store::set_fit(&mut tx, stage, None, None).await?;
    store::audit(&mut tx, c.id, Some(user.id), "panel", &serde_json::json!({ "stage": stage, "judges": users }), now())
        .await?;
    let out = assignment_view(&mut tx, stage).await?;
    tx.commit().await?;
    Ok(out)
}

/// The panels the caller was invited to, with their answers.
pub async fn invitations(state: &AppState, user: &SessionUser) -> AppResult<Vec<PanelInvitation>> {
    let mut db = state.db.acquire().await?;
    Ok(store::panel_invitations(&mut db, user.id).await?)
}

/// The invited expert accepts (then judges) or declines the invitation to the stage's panel.
pub async fn answer(state: &AppState, user: &SessionUser, stage: i64, accept: bool) -> AppResult<Vec<PanelInvitation>> {
    user.require_verified()?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::competitions::ops::lock_competition_of_stage(&mut tx, stage).await?;
    if !store::answer_panel(&mut tx, stage, user.id, accept, now()).await? {
        return Err(AppError::NotFound);
    }
    let s = store::stage(&mut tx, stage).await?.ok_or(AppError::NotFound)?;
    let what = if accept { "panel_accepted" } else { "panel_declined" };
    store::audit(&mut tx, s.competition_id, Some(user.id), what, &serde_json::json!({ "stage": stage }), now()).await?;
    let out = store::panel_invitations(&mut tx, user.id).await?;
    tx.commit().await?;
    Ok(out)
}

/// The problem for the stage's entrants and panel, with the entrants (in the problem's order).
async fn problem(db: &mut Conn, s: &StageRow, c: &CompetitionRow) -> AppResult<(Problem, Vec<store::TeamRow>)> {
    let mut judges: Vec<Judge> = vec![];
    for (f, mut conflicts) in store::judge_facts(db, s.id).await? {
        // A judge's own organizations are conflicts too.
        conflicts.extend(crate::orgs::ids_of(db, f.user_id).await?);
        conflicts.sort_unstable();
        conflicts.dedup();
        judges.push(Judge {
            user: f.user_id,
            domains: f.domains.split(',').filter(|d| !d.is_empty()).map(str::to_owned).collect(),
            keywords: f.keywords.lines().filter(|k| !k.is_empty()).map(str::to_owned).collect(),
            conflicts,
        });
    }
    let all_keywords: Vec<&String> = judges.iter().flat_map(|j| &j.keywords).collect();
    let tracks: HashMap<i64, String> = store::tracks(db, c.id).await?.into_iter().map(|t| (t.id, t.domain)).collect();
    let mut entries = vec![];
    let mut teams = vec![];
    for t in store::entrants(db, s).await? {
        let summary = store::versions(db, t.id, s.id).await?.into_iter().next().map(|v| v.summary).unwrap_or_default();
        let mut keywords: Vec<String> =
            all_keywords.iter().filter(|k| summary.contains(k.as_str())).map(|k| (*k).clone()).collect();
        keywords.sort();
        keywords.dedup();
        // Those on the team (who joined: membership is frozen at the first deadline, before any
        // assignment) may not judge it.
        let members: Vec<i64> = store::joined_members(db, t.id).await?.into_iter().filter_map(|m| m.user_id).collect();
        // The team's organization and its members' are its side.
        let mut orgs = crate::orgs::ids_of_any(db, &members).await?;
        orgs.extend(t.org_id);
        orgs.sort_unstable();
        orgs.dedup();
        entries.push(Entry { domain: tracks.get(&t.track_id).cloned().unwrap_or_default(), keywords, orgs, members });
        teams.push(t);
    }
    Ok((Problem { judges, entries, k: usize::try_from(c.judges_per_entry).unwrap_or(1) }, teams))
}

/// Assigns judges to every entry of the stage once its deadline passed: k judges each, never a
/// conflict, loads balanced, expertise fit maximised (min-cost flow); greedy's fit is kept to compare.
pub async fn assign(state: &AppState, user: &SessionUser, stage: i64) -> AppResult<StageAssignment> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::competitions::ops::lock_competition_of_stage(&mut tx, stage).await?;
    let (s, c) = stage_run_by(&mut tx, stage, user).await?;
    if s.released || s.status() != StageStatus::Open || now() < s.deadline {
        return Err(AppError::invalid_transition());
    }
    assign_in(&mut tx, &s, &c, user.id).await?;
    let out = assignment_view(&mut tx, stage).await?;
    tx.commit().await?;
    Ok(out)
}

/// The assignment itself (also used by the demo data), audited.
pub(crate) async fn assign_in(db: &mut Conn, s: &StageRow, c: &CompetitionRow, by: i64) -> AppResult<()> {
    let (p, teams) = problem(db, s, c).await?;
    if teams.is_empty() {
        return Err(AppError::field("entries", FieldError::Required));
    }
    let a =
        assign::assign(&p).map_err(|AssignError::TooFewJudges { .. }| AppError::field("panel", FieldError::TooFew))?;
    let greedy = assign::greedy(&p).ok().map(|g| assign::total_fit(&p, &g));
    store::clear_assignments(db, s.id).await?;
    for (e, judges) in a.iter().enumerate() {
        let users: Vec<i64> = judges.iter().map(|&j| p.judges[j].user).collect();
        store::set_entry_judges(db, s.id, teams[e].id, &users).await?;
    }
    let fit = assign::total_fit(&p, &a);
    store::set_fit(db, s.id, Some(fit), greedy).await?;
    store::audit(
        db,
        c.id,
        Some(by),
        "assigned",
        &serde_json::json!({ "stage": s.id, "entries": teams.len(), "fit": fit, "greedy_fit": greedy }),
        now(),
    )
    .await?;
    Ok(())
}

/// The organizers change one entry's judges by hand before release: panel judges, no conflicts.
pub async fn set_entry(
    state: &AppState,
    user: &SessionUser,
    stage: i64,
    team: i64,
    e: EntryJudges,
) -> AppResult<StageAssignment> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::competitions::ops::lock_competition_of_stage(&mut tx, stage).await?;
    let (s, c) = stage_run_by(&mut tx, stage, user).await?;
    if s.released || s.status() != StageStatus::Open {
        return Err(AppError::invalid_transition());
    }
    let (p, teams) = problem(&mut tx, &s, &c).await?;
    let entry = teams.iter().position(|t| t.id == team).ok_or(AppError::NotFound)?;
    let mut judges = e.judges.clone();
    judges.sort_unstable();
    judges.dedup();
    if judges.is_empty() {
        return Err(AppError::field("judges", FieldError::Required));
    }
    for j in &judges {
        let judge = p.judges.iter().find(|x| x.user == *j).ok_or(AppError::field("judges", FieldError::Invalid))?;
        if assign::conflicted(judge, &p.entries[entry]) {
            return Err(AppError::field("judges", FieldError::NotForKind));
        }
    }
    let before: Vec<i64> = store::assignments(&mut tx, stage)
        .await?
        .into_iter()
        .filter(|a| a.team_id == team)
        .map(|a| a.user_id)
        .collect();
    store::set_entry_judges(&mut tx, stage, team, &judges).await?;
    let fit: u64 = store::assignments(&mut tx, stage)
        .await?
        .iter()
        .filter_map(|a| {
            let e = teams.iter().position(|x| x.id == a.team_id)?;
            let j = p.judges.iter().find(|x| x.user == a.user_id)?;
            Some(u64::from(assign::fit(j, &p.entries[e])))
        })
        .sum();
    store::set_fit(&mut tx, stage, Some(fit), s.greedy_fit.and_then(|g| u64::try_from(g).ok())).await?;
    store::audit(
        &mut tx,
        c.id,
        Some(user.id),
        "reassigned",
        &serde_json::json!({ "stage": stage, "team": team, "before": before, "after": judges }),
        now(),
    )
    .await?;
    let out = assignment_view(&mut tx, stage).await?;
    tx.commit().await?;
    Ok(out)
}

async fn assignment_view(db: &mut Conn, stage: i64) -> AppResult<StageAssignment> {
    let s = store::stage(db, stage).await?.ok_or(AppError::NotFound)?;
    let c = store::competition(db, s.competition_id).await?.ok_or(AppError::NotFound)?;
    let panel = store::panel(db, stage).await?;
    let (p, teams) = problem(db, &s, &c).await?;
    let pairs = store::assignments(db, stage).await?;
    let mut entries = vec![];
    for (e, team) in teams.into_iter().enumerate() {
        let judges: Vec<i64> = pairs.iter().filter(|a| a.team_id == team.id).map(|a| a.user_id).collect();
        let fit = judges
            .iter()
            .filter_map(|u| p.judges.iter().find(|j| j.user == *u))
            .map(|j| assign::fit(j, &p.entries[e]))
            .sum();
        entries.push(AssignedEntry { team_id: team.id, team_name: team.name, track_id: team.track_id, judges, fit });
    }
    let loads = panel
        .iter()
        .map(|j| (j.user_id, u32::try_from(pairs.iter().filter(|a| a.user_id == j.user_id).count()).unwrap_or(0)))
        .collect();
    Ok(StageAssignment {
        stage_id: stage,
        panel,
        entries,
        released: s.released,
        fit: s.assign_fit.and_then(|f| u64::try_from(f).ok()).unwrap_or(0),
        greedy_fit: s.greedy_fit.and_then(|f| u64::try_from(f).ok()),
        loads,
    })
}

pub async fn assignment(state: &AppState, user: &SessionUser, stage: i64) -> AppResult<StageAssignment> {
    let mut db = state.db.acquire().await?;
    stage_run_by(&mut db, stage, user).await?;
    assignment_view(&mut db, stage).await
}

/// Gives the judges their entries: the stage moves to judging and each judge is notified.
pub async fn release(state: &AppState, user: &SessionUser, stage: i64) -> AppResult<StageAssignment> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::competitions::ops::lock_competition_of_stage(&mut tx, stage).await?;
    let (s, c) = stage_run_by(&mut tx, stage, user).await?;
    let pairs = store::assignments(&mut tx, stage).await?;
    if s.released || s.status() != StageStatus::Open || pairs.is_empty() {
        return Err(AppError::invalid_transition());
    }
    store::set_stage(&mut tx, stage, StageStatus::Judging, true).await?;
    let mut loads: HashMap<i64, usize> = HashMap::new();
    for a in &pairs {
        *loads.entry(a.user_id).or_default() += 1;
    }
    for (judge, n) in &loads {
        let to: Vec<_> = crate::notify::recipient(&mut tx, *judge).await?.into_iter().collect();
        let note = Note::new(NotificationKind::JudgingAssigned, "/judging")
            .name("title", &c.title_zh, c.title_en.as_deref())
            .param("score", n.to_string());
        crate::notify::ops::emit(&mut tx, &state.config.site_url(), &to, None, &note).await?;
    }
    store::audit(
        &mut tx,
        c.id,
        Some(user.id),
        "released",
        &serde_json::json!({ "stage": stage, "pairs": pairs.len() }),
        now(),
    )
    .await?;
    let out = assignment_view(&mut tx, stage).await?;
    tx.commit().await?;
    Ok(out)
}
