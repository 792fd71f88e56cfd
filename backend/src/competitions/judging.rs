//! Judging: panels, assignment (min-cost flow, hand adjustment, release), score sheets, results,
//! closing stages, publishing the final results, certificates, exports and the audit log.

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

/// Sets the stage's panel from approved experts (before the assignment is released): those newly
/// listed are invited and told; they judge once they accept.
pub async fn set_panel(state: &AppState, user: &SessionUser, stage: i64, p: PanelInput) -> AppResult<StageAssignment> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    super::ops::lock_competition_of_stage(&mut tx, stage).await?;
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
    super::ops::lock_competition_of_stage(&mut tx, stage).await?;
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
    let facts = store::judge_facts(db, s.id).await?;
    let judges: Vec<Judge> = facts
        .into_iter()
        .map(|(f, conflicts)| Judge {
            user: f.user_id,
            domains: f.domains.split(',').filter(|d| !d.is_empty()).map(str::to_owned).collect(),
            keywords: f.keywords.lines().filter(|k| !k.is_empty()).map(str::to_owned).collect(),
            conflicts,
        })
        .collect();
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
        let members = store::joined_members(db, t.id).await?.into_iter().filter_map(|m| m.user_id).collect();
        entries.push(Entry {
            domain: tracks.get(&t.track_id).cloned().unwrap_or_default(),
            keywords,
            orgs: store::team_orgs(db, t.id).await?,
            members,
        });
        teams.push(t);
    }
    Ok((Problem { judges, entries, k: usize::try_from(c.judges_per_entry).unwrap_or(1) }, teams))
}

/// Assigns judges to every entry of the stage once its deadline passed: k judges each, never a
/// conflict, loads balanced, expertise fit maximised (min-cost flow); greedy's fit is kept to compare.
pub async fn assign(state: &AppState, user: &SessionUser, stage: i64) -> AppResult<StageAssignment> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    super::ops::lock_competition_of_stage(&mut tx, stage).await?;
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
    super::ops::lock_competition_of_stage(&mut tx, stage).await?;
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
    let before: Vec<i64> =
        store::assignments(&mut tx, stage).await?.into_iter().filter(|(t, _)| *t == team).map(|(_, u)| u).collect();
    store::set_entry_judges(&mut tx, stage, team, &judges).await?;
    let fit: u64 = store::assignments(&mut tx, stage)
        .await?
        .iter()
        .filter_map(|(t, u)| {
            let e = teams.iter().position(|x| x.id == *t)?;
            let j = p.judges.iter().find(|x| x.user == *u)?;
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
        let judges: Vec<i64> = pairs.iter().filter(|(t, _)| *t == team.id).map(|(_, u)| *u).collect();
        let fit = judges
            .iter()
            .filter_map(|u| p.judges.iter().find(|j| j.user == *u))
            .map(|j| assign::fit(j, &p.entries[e]))
            .sum();
        entries.push(AssignedEntry { team_id: team.id, team_name: team.name, track_id: team.track_id, judges, fit });
    }
    let loads = panel
        .iter()
        .map(|j| (j.user_id, u32::try_from(pairs.iter().filter(|(_, u)| *u == j.user_id).count()).unwrap_or(0)))
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
    super::ops::lock_competition_of_stage(&mut tx, stage).await?;
    let (s, c) = stage_run_by(&mut tx, stage, user).await?;
    let pairs = store::assignments(&mut tx, stage).await?;
    if s.released || s.status() != StageStatus::Open || pairs.is_empty() {
        return Err(AppError::invalid_transition());
    }
    store::set_stage(&mut tx, stage, StageStatus::Judging, true).await?;
    let mut loads: HashMap<i64, usize> = HashMap::new();
    for (_, u) in &pairs {
        *loads.entry(*u).or_default() += 1;
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

async fn judging_entry(db: &mut Conn, judge: i64, stage: i64, team: i64, detail: bool) -> AppResult<JudgingEntry> {
    if !store::is_assigned(db, stage, team, judge).await? {
        return Err(AppError::NotFound);
    }
    let s = store::stage(db, stage).await?.ok_or(AppError::NotFound)?;
    let c = store::competition(db, s.competition_id).await?.ok_or(AppError::NotFound)?;
    let t = store::team(db, team).await?.ok_or(AppError::NotFound)?;
    let track = store::tracks(db, c.id).await?.into_iter().find(|k| k.id == t.track_id).ok_or(AppError::NotFound)?;
    let submission = if detail { store::versions(db, team, stage).await?.into_iter().next() } else { None };
    Ok(JudgingEntry {
        stage_id: stage,
        competition_id: c.id,
        rubric: c.rubric(),
        competition_title_zh: c.title_zh,
        competition_title_en: c.title_en,
        stage_name_zh: s.name_zh.clone(),
        stage_name_en: s.name_en.clone(),
        stage_status: s.status(),
        fields: s.fields(),
        team_id: team,
        team_name: t.name,
        track_zh: track.name_zh,
        track_en: track.name_en,
        submission,
        score: store::sheet(db, stage, team, judge).await?,
    })
}

/// The caller's entries to judge, across competitions.
pub async fn my_entries(state: &AppState, user: &SessionUser) -> AppResult<Vec<JudgingEntry>> {
    let mut db = state.db.acquire().await?;
    let mut out = vec![];
    for (stage, team) in store::judge_entries(&mut db, user.id).await? {
        out.push(judging_entry(&mut db, user.id, stage, team, false).await?);
    }
    Ok(out)
}

/// One entry with its latest submission, for a judge assigned to it (404 for anyone else).
pub async fn entry(state: &AppState, user: &SessionUser, stage: i64, team: i64) -> AppResult<JudgingEntry> {
    let mut db = state.db.acquire().await?;
    judging_entry(&mut db, user.id, stage, team, true).await
}

/// A judge scores (or re-scores) an assigned entry while the stage is judged; the change is audited.
pub async fn score(
    state: &AppState,
    user: &SessionUser,
    stage: i64,
    team: i64,
    s: ScoreInput,
) -> AppResult<JudgingEntry> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    super::ops::lock_competition_of_stage(&mut tx, stage).await?;
    if !store::is_assigned(&mut tx, stage, team, user.id).await? {
        return Err(AppError::NotFound);
    }
    let st = store::stage(&mut tx, stage).await?.ok_or(AppError::NotFound)?;
    let c = store::competition(&mut tx, st.competition_id).await?.ok_or(AppError::NotFound)?;
    if st.status() != StageStatus::Judging {
        return Err(AppError::invalid_transition());
    }
    let rubric = c.rubric();
    let sheet = s.check(&rubric)?;
    let before = store::sheet(&mut tx, stage, team, user.id).await?;
    store::put_sheet(&mut tx, stage, team, user.id, &sheet, now()).await?;
    store::audit(
        &mut tx,
        c.id,
        Some(user.id),
        "score",
        &serde_json::json!({
            "stage": stage, "team": team,
            "before": before.as_ref().map(|b| &b.values),
            "after": &sheet.values,
            "total": weighted_total(&rubric, &sheet.values),
        }),
        now(),
    )
    .await?;
    let out = judging_entry(&mut tx, user.id, stage, team, true).await?;
    tx.commit().await?;
    Ok(out)
}

/// Computes the stage's results from the sheets: raw and normalised means, ranks per track, and
/// which entries advance (the best `advance` of each track with at least one sheet).
async fn compute(db: &mut Conn, s: &StageRow, c: &CompetitionRow) -> AppResult<StageResults> {
    let rubric = c.rubric();
    let key = rubric.iter().enumerate().max_by_key(|(i, c)| (c.weight, std::cmp::Reverse(*i))).map(|(i, _)| i);
    let teams = store::entrants(db, s).await?;
    let index: HashMap<i64, usize> = teams.iter().enumerate().map(|(i, t)| (t.id, i)).collect();
    // Only the entrants' sheets, so each `Sheet` lines up with its row below.
    let stage_sheets: Vec<_> =
        store::sheets(db, s.id).await?.into_iter().filter(|x| index.contains_key(&x.team_id)).collect();
    let pairs = store::assignments(db, s.id).await?;
    let sheets: Vec<Sheet> = stage_sheets
        .iter()
        .map(|x| Sheet { judge: x.user_id, entry: index[&x.team_id], total: weighted_total(&rubric, &x.values()) })
        .collect();
    let normalised = results::normalise(&sheets);
    let means = results::standings(teams.len(), &sheets);
    let mut key_share = vec![(0.0, 0usize); teams.len()];
    if let Some(k) = key {
        for x in &stage_sheets {
            if let (Some(e), Some(v)) = (index.get(&x.team_id), x.values().get(k)) {
                key_share[*e].0 += f64::from(*v) / f64::from(rubric[k].scale);
                key_share[*e].1 += 1;
            }
        }
    }
    let standings: Vec<Standing> = teams
        .iter()
        .enumerate()
        .map(|(i, t)| Standing {
            track: t.track_id,
            raw: means[i].0,
            normalised: means[i].1,
            key_criterion: if key_share[i].1 == 0 { 0.0 } else { key_share[i].0 / key_share[i].1 as f64 },
            registered: t.id,
        })
        .collect();
    let ranks = results::rank(&standings);
    let mut entries = vec![];
    for (i, t) in teams.iter().enumerate() {
        let expected = pairs.iter().filter(|(team, _)| *team == t.id).count();
        let scores: Vec<JudgeScore> = sheets
            .iter()
            .zip(&normalised)
            .zip(&stage_sheets)
            .filter(|((x, _), _)| x.entry == i)
            .map(|((x, n), row)| JudgeScore { judge: row.judge.clone(), raw: x.total, normalised: *n })
            .collect();
        let scored = !scores.is_empty();
        entries.push(EntryResult {
            team_id: t.id,
            team_name: t.name.clone(),
            track_id: t.track_id,
            rank: ranks[i],
            raw: means[i].0,
            normalised: means[i].1,
            missing: u32::try_from(expected.saturating_sub(scores.len())).unwrap_or(0),
            scores,
            advances: scored && i64::from(ranks[i]) <= s.advance,
        });
    }
    entries.sort_by_key(|e| (e.track_id, e.rank));
    Ok(StageResults {
        stage_id: s.id,
        status: s.status(),
        scored: u32::try_from(sheets.len()).unwrap_or(0),
        expected: u32::try_from(pairs.len()).unwrap_or(0),
        entries,
    })
}

/// The stage's results as they stand (organizers).
pub async fn results(state: &AppState, user: &SessionUser, stage: i64) -> AppResult<StageResults> {
    let mut db = state.db.acquire().await?;
    let (s, c) = stage_run_by(&mut db, stage, user).await?;
    compute(&mut db, &s, &c).await
}

/// Closes a judged stage: the results are fixed, scores no longer change, and the best of each
/// track go on to the next stage.
pub async fn close(state: &AppState, user: &SessionUser, stage: i64) -> AppResult<StageResults> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    super::ops::lock_competition_of_stage(&mut tx, stage).await?;
    let (s, c) = stage_run_by(&mut tx, stage, user).await?;
    if s.status() != StageStatus::Judging {
        return Err(AppError::invalid_transition());
    }
    let out = close_in(&mut tx, &s, &c, user.id).await?;
    // Every entrant's members learn that the stage's results are in.
    let mut to = vec![];
    for e in &out.entries {
        for m in store::joined_members(&mut tx, e.team_id).await? {
            if let Some(u) = m.user_id {
                to.extend(crate::notify::recipient(&mut tx, u).await?);
            }
        }
    }
    let note = Note::new(NotificationKind::CompetitionStageClosed, format!("/competitions/{}", c.id)).name(
        "title",
        &c.title_zh,
        c.title_en.as_deref(),
    );
    crate::notify::ops::emit(&mut tx, &state.config.site_url(), &to, Some(user.id), &note).await?;
    tx.commit().await?;
    Ok(out)
}

/// Closing itself (also used by the demo data), audited.
pub(crate) async fn close_in(db: &mut Conn, s: &StageRow, c: &CompetitionRow, by: i64) -> AppResult<StageResults> {
    let r = compute(db, s, c).await?;
    if r.scored == 0 {
        return Err(AppError::field("scores", FieldError::Required));
    }
    let lines: Vec<ResultLine> = r
        .entries
        .iter()
        .map(|e| ResultLine {
            team: e.team_id,
            rank: e.rank,
            raw: e.raw,
            normalised: e.normalised,
            advances: e.advances,
        })
        .collect();
    store::put_results(db, s.id, &lines).await?;
    let last = store::stages(db, c.id).await?.last().is_none_or(|l| l.id == s.id);
    if !last {
        for e in r.entries.iter().filter(|e| e.advances) {
            store::set_reached(db, e.team_id, s.position + 1).await?;
        }
    }
    store::set_stage(db, s.id, StageStatus::Closed, true).await?;
    let ranking: Vec<serde_json::Value> = r
        .entries
        .iter()
        .map(|e| serde_json::json!({ "team": e.team_id, "rank": e.rank, "raw": e.raw, "normalised": e.normalised, "advances": e.advances }))
        .collect();
    store::audit(db, c.id, Some(by), "closed", &serde_json::json!({ "stage": s.id, "results": ranking }), now())
        .await?;
    let closed = store::stage(db, s.id).await?.ok_or(AppError::NotFound)?;
    compute(db, &closed, c).await
}

/// Publishes the final results (the last stage closed) as a public notice with an objection window.
pub async fn publish(state: &AppState, user: &SessionUser, competition: i64, p: PublishResults) -> AppResult<i64> {
    let rationale = validate::required_text(&p.rationale, shared::engage::MESSAGE_MAX)
        .map_err(|e| AppError::field("rationale", e))?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::Competition, &[competition]).await?;
    let c = run_by(&mut tx, competition, user).await?;
    let last = store::stages(&mut tx, c.id).await?.pop().ok_or(AppError::NotFound)?;
    if last.status() != StageStatus::Closed || store::notice_of(&mut tx, c.id).await?.is_some() {
        return Err(AppError::invalid_transition());
    }
    let at = now();
    let ends = add_working_days(at, state.config.notice_working_days);
    let id = crate::opencall::insert_competition_notice(&mut tx, c.id, &rationale, user.id, at, ends).await?;
    crate::opencall::record(&mut tx, id, "published", Some(user.id), None, at).await?;
    let ranking = store::final_ranking(&mut tx, c.id).await?;
    store::audit(
        &mut tx,
        c.id,
        Some(user.id),
        "published",
        &serde_json::json!({ "notice": id, "placed": ranking.iter().map(|r| r.team_id).collect::<Vec<_>>() }),
        at,
    )
    .await?;
    let note = Note::new(NotificationKind::CompetitionResult, format!("/notices/{id}")).name(
        "title",
        &c.title_zh,
        c.title_en.as_deref(),
    );
    let mut to = vec![];
    for t in store::teams(&mut tx, c.id, None).await? {
        for m in store::joined_members(&mut tx, t.id).await? {
            if let Some(u) = m.user_id {
                to.extend(crate::notify::recipient(&mut tx, u).await?);
            }
        }
    }
    crate::notify::ops::emit(&mut tx, &state.config.site_url(), &to, Some(user.id), &note).await?;
    tx.commit().await?;
    Ok(id)
}

/// A placed team's certificate, once the results notice is final (public).
pub async fn certificate(state: &AppState, team: i64) -> AppResult<Certificate> {
    let mut db = state.db.acquire().await?;
    let t = store::team(&mut db, team).await?.ok_or(AppError::NotFound)?;
    let c = store::competition(&mut db, t.competition_id).await?.ok_or(AppError::NotFound)?;
    let (notice, status) = store::notice_of(&mut db, c.id).await?.ok_or(AppError::NotFound)?;
    if NoticeStatus::parse(&status) != Some(NoticeStatus::Final) {
        return Err(AppError::NotFound);
    }
    let place = store::final_ranking(&mut db, c.id).await?.into_iter().find(|r| r.team_id == team);
    let place = place.ok_or(AppError::NotFound)?;
    let n = crate::opencall::notice(&mut db, notice).await?.ok_or(AppError::NotFound)?;
    let org = crate::orgs::summary(&mut db, c.org_id).await?.ok_or(AppError::NotFound)?;
    let members = store::joined_members(&mut db, team).await?.into_iter().map(|m| m.name.unwrap_or(m.email)).collect();
    Ok(Certificate {
        competition_title_zh: c.title_zh,
        competition_title_en: c.title_en,
        organizer: shared::engage::OrgRef { id: org.id, name_zh: org.name_zh, name_en: org.name_en },
        team_name: t.name,
        members,
        track_zh: place.track_zh,
        track_en: place.track_en,
        rank: place.rank,
        notice_id: notice,
        issued_at: n.window_ends,
    })
}

/// The stage's scores and ranking as a workbook (organizers).
pub async fn workbook(state: &AppState, user: &SessionUser, stage: i64) -> AppResult<Vec<u8>> {
    let mut db = state.db.acquire().await?;
    let (s, c) = stage_run_by(&mut db, stage, user).await?;
    let r = compute(&mut db, &s, &c).await?;
    let tracks: HashMap<i64, String> =
        store::tracks(&mut db, c.id).await?.into_iter().map(|t| (t.id, t.name_zh)).collect();
    let names: HashMap<i64, String> = r.entries.iter().map(|e| (e.team_id, e.team_name.clone())).collect();
    let ranking = XSheet {
        name: "排名 Ranking".into(),
        header: [
            "赛道 Track",
            "名次 Rank",
            "团队 Team",
            "原始分 Raw",
            "标准分 Normalised",
            "评分数 Sheets",
            "晋级 Advances",
        ]
        .map(String::from)
        .to_vec(),
        rows: r
            .entries
            .iter()
            .map(|e| {
                vec![
                    Cell::from(tracks.get(&e.track_id).cloned().unwrap_or_default()),
                    Cell::from(e.rank),
                    Cell::from(e.team_name.clone()),
                    Cell::Number((e.raw * 100.0).round() / 100.0),
                    Cell::Number((e.normalised * 100.0).round() / 100.0),
                    Cell::from(u32::try_from(e.scores.len()).unwrap_or(0)),
                    Cell::from(if e.advances { "是 yes" } else { "" }),
                ]
            })
            .collect(),
    };
    let rubric = c.rubric();
    let mut header: Vec<String> = vec!["团队 Team".into(), "评委 Judge".into()];
    header.extend(rubric.iter().map(|k| format!("{} ({}%, 0–{})", k.name_zh, k.weight, k.scale)));
    header.extend(["加权总分 Total", "评语 Comment"].map(String::from));
    let sheets = store::sheets(&mut db, stage).await?;
    let scores = XSheet {
        name: "评分 Scores".into(),
        header,
        rows: sheets
            .iter()
            .map(|x| {
                let values = x.values();
                let mut row =
                    vec![Cell::from(names.get(&x.team_id).cloned().unwrap_or_default()), Cell::from(x.judge.clone())];
                row.extend(values.iter().map(|v| Cell::from(*v)));
                row.push(Cell::Number((weighted_total(&rubric, &values) * 100.0).round() / 100.0));
                let comments: Vec<String> = x.comments().into_iter().filter(|c| !c.is_empty()).collect();
                row.push(Cell::from([comments.join("；"), x.comment.clone()].join(" ").trim().to_owned()));
                row
            })
            .collect(),
    };
    crate::xlsx::workbook(&[ranking, scores])
        .map_err(|e| AppError::Internal(anyhow::anyhow!("writing the workbook: {e}")))
}

/// The audit log of a competition, newest first (organizers).
pub async fn audit(state: &AppState, user: &SessionUser, competition: i64) -> AppResult<Vec<AuditEntry>> {
    let mut db = state.db.acquire().await?;
    run_by(&mut db, competition, user).await?;
    Ok(store::audit_log(&mut db, competition).await?)
}
