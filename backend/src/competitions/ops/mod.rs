//! Competition set-up: who runs it, creating, editing, publishing and listing competitions, opening
//! stages; teams and submissions in the files beside this one.

use crate::db::{Conn, Row};
use shared::ErrorCode;
use shared::competitions::{
    Competition, CompetitionInput, PLAN_MAX, Stage, StageStatus, Submission, SubmissionInput, Team, TeamInput,
    TeamMemberStatus, TeamPerson,
};
use shared::engage::{Attachment, OrgRef, clean_file_name};
use shared::notify::NotificationKind;
use shared::orgs::OrgKind;
use shared::taxonomy::TermKind;
use shared::validate::{self, FieldError};

use super::store::{self, CompetitionRow, StageRow, TeamRow};
use crate::AppState;
use crate::accounts::SessionUser;
use crate::db::now;
use crate::error::{AppError, AppResult};
use crate::facts::{Fact, Write};
use crate::notify::ops::Note;

mod submissions;
mod teams;

pub use submissions::*;
pub use teams::*;

/// Whether the caller runs the competition: a member of its organization, or a site admin.
pub(super) async fn runs(db: &mut Conn, c: &CompetitionRow, user: Option<&SessionUser>) -> AppResult<bool> {
    let Some(user) = user else { return Ok(false) };
    Ok(user.is_admin || crate::orgs::role_of(db, c.org_id, user.id).await?.is_some())
}

/// The competition, 404 when missing; 403 unless the caller runs it.
pub(super) async fn run_by(db: &mut Conn, id: i64, user: &SessionUser) -> AppResult<CompetitionRow> {
    let c = store::competition(db, id).await?.ok_or(AppError::NotFound)?;
    if !runs(db, &c, Some(user)).await? {
        return Err(AppError::Forbidden);
    }
    Ok(c)
}

/// The stage and its competition, 403 unless the caller runs it.
pub(super) async fn stage_run_by(
    db: &mut Conn,
    stage: i64,
    user: &SessionUser,
) -> AppResult<(StageRow, CompetitionRow)> {
    let s = store::stage(db, stage).await?.ok_or(AppError::NotFound)?;
    let c = run_by(db, s.competition_id, user).await?;
    Ok((s, c))
}

pub(super) fn stage_view(s: &StageRow) -> Stage {
    Stage {
        id: s.id,
        position: u32::try_from(s.position).unwrap_or(0),
        name_zh: s.name_zh.clone(),
        name_en: s.name_en.clone(),
        deadline: s.deadline,
        advance: u32::try_from(s.advance).unwrap_or(0),
        fields: s.fields(),
        status: s.status(),
        panel: u32::try_from(s.panel).unwrap_or(0),
        released: s.released,
    }
}

async fn assemble(db: &mut Conn, c: CompetitionRow, user: Option<&SessionUser>) -> AppResult<Competition> {
    let org = crate::orgs::summary(db, c.org_id).await?.ok_or(AppError::NotFound)?;
    let stages = store::stages(db, c.id).await?;
    Ok(Competition {
        id: c.id,
        org: OrgRef { id: org.id, name_zh: org.name_zh, name_en: org.name_en },
        rubric: c.rubric(),
        tracks: store::tracks(db, c.id).await?,
        stages: stages.iter().map(stage_view).collect(),
        judges_per_entry: u32::try_from(c.judges_per_entry).unwrap_or(1),
        teams: store::team_count(db, c.id).await?,
        mine: runs(db, &c, user).await?,
        notice_id: store::notice_of(db, c.id).await?.map(|(id, _)| id),
        published: c.published_at.is_some(),
        title_zh: c.title_zh,
        title_en: c.title_en,
        description_zh: c.description_zh,
        description_en: c.description_en,
        eligibility_zh: c.eligibility_zh,
        eligibility_en: c.eligibility_en,
        created_at: c.created_at,
    })
}

async fn check_domains(db: &mut Conn, input: &CompetitionInput) -> AppResult<()> {
    let tax = crate::taxonomy::load(db).await?;
    for t in &input.tracks {
        tax.require(TermKind::Domain, t.domain.trim()).map_err(|e| AppError::field("tracks", e))?;
    }
    Ok(())
}

/// An organizer organization's member creates a competition.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn create(state: &AppState, user: &SessionUser, input: CompetitionInput) -> AppResult<Competition> {
    input.check(Some(now()))?;
    let mut tx = Write::begin(state).await?;
    check_domains(&mut tx, &input).await?;
    let org = crate::orgs::get(&mut tx, input.org_id, false, None).await?.ok_or(AppError::NotFound)?;
    if crate::orgs::role_of(&mut tx, org.id, user.id).await?.is_none() {
        return Err(AppError::Forbidden);
    }
    if org.kind != OrgKind::Organizer {
        return Err(AppError::Refused(ErrorCode::WrongOrgKind));
    }
    let at = now();
    // A verified organization's competition is public at once; anyone else's waits as a draft.
    let id = store::insert(&mut tx, &input, user.id, at, org.verified).await?;
    tx.raise(Fact::CompetitionOpened(id)).await?;
    store::audit(&mut tx, id, Some(user.id), "created", &serde_json::json!({ "title": input.title_zh }), at).await?;
    let c = store::competition(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let out = assemble(&mut tx, c, Some(user)).await?;
    tx.commit().await?;
    Ok(out)
}

/// Changes a competition. Once teams registered, its tracks, stages and rubric keep their shape
/// (texts, deadlines and advancing counts still change); a closed stage keeps its deadline.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn update(state: &AppState, user: &SessionUser, id: i64, input: CompetitionInput) -> AppResult<Competition> {
    input.check(None)?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::Competition, &[id]).await?;
    check_domains(&mut tx, &input).await?;
    let c = run_by(&mut tx, id, user).await?;
    if input.org_id != c.org_id {
        return Err(AppError::field("org_id", FieldError::Invalid));
    }
    let structure = store::team_count(&mut tx, id).await? == 0;
    if !structure {
        let tracks = store::tracks(&mut tx, id).await?;
        let stages = store::stages(&mut tx, id).await?;
        let same_tracks = tracks.len() == input.tracks.len()
            && tracks.iter().zip(&input.tracks).all(|(a, b)| a.domain == b.domain.trim());
        let rubric = c.rubric();
        let same_rubric = rubric.len() == input.rubric.len()
            && rubric.iter().zip(&input.rubric).all(|(a, b)| a.weight == b.weight && a.scale == b.scale);
        if !same_tracks || stages.len() != input.stages.len() || !same_rubric {
            return Err(AppError::invalid_transition());
        }
        if stages.iter().zip(&input.stages).any(|(s, i)| s.status() != StageStatus::Open && s.deadline != i.deadline) {
            return Err(AppError::field("stages", FieldError::Invalid));
        }
    }
    let at = now();
    store::update(&mut tx, id, &input, structure, at).await?;
    store::audit(&mut tx, id, Some(user.id), "edited", &serde_json::json!({ "title": input.title_zh }), at).await?;
    let c = store::competition(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let out = assemble(&mut tx, c, Some(user)).await?;
    tx.commit().await?;
    Ok(out)
}

/// Public competitions, with the caller's own drafts.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn list(state: &AppState, user: Option<&SessionUser>, q: Option<&str>) -> AppResult<Vec<Competition>> {
    let mut db = state.db.acquire().await?;
    let mut out = vec![];
    for c in store::competitions(&mut db).await? {
        if c.published_at.is_some() || runs(&mut db, &c, user).await? {
            out.push(assemble(&mut db, c, user).await?);
        }
    }
    Ok(crate::search::keyword::filter(out, q, |c| {
        vec![
            (c.title_zh.as_str(), 3.0),
            (c.title_en.as_deref().unwrap_or_default(), 3.0),
            (c.description_zh.as_str(), 1.0),
            (c.description_en.as_deref().unwrap_or_default(), 1.0),
            (c.eligibility_zh.as_str(), 0.5),
            (c.org.name_zh.as_str(), 0.5),
        ]
    }))
}

/// The competition; a draft only for those who run it (404 for anyone else).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn get(state: &AppState, user: Option<&SessionUser>, id: i64) -> AppResult<Competition> {
    let mut db = state.db.acquire().await?;
    let c = visible(&mut db, id, user).await?;
    assemble(&mut db, c, user).await
}

/// The competition when the caller may see it: public, or run by them.
async fn visible(db: &mut Conn, id: i64, user: Option<&SessionUser>) -> AppResult<CompetitionRow> {
    let c = store::competition(db, id).await?.ok_or(AppError::NotFound)?;
    if c.published_at.is_none() && !runs(db, &c, user).await? {
        return Err(AppError::NotFound);
    }
    Ok(c)
}

/// Opens a draft competition to the public: those who run it, once their organization is verified.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn publish(state: &AppState, user: &SessionUser, id: i64) -> AppResult<Competition> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::Competition, &[id]).await?;
    let c = run_by(&mut tx, id, user).await?;
    let org = crate::orgs::get(&mut tx, c.org_id, false, None).await?.ok_or(AppError::NotFound)?;
    if !org.verified {
        return Err(AppError::Refused(ErrorCode::NotVerified));
    }
    let at = now();
    store::publish(&mut tx, id, at).await?;
    store::audit(&mut tx, id, Some(user.id), "published", &serde_json::json!({}), at).await?;
    let c = store::competition(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let out = assemble(&mut tx, c, Some(user)).await?;
    tx.commit().await?;
    Ok(out)
}

/// Locks the competition a stage belongs to (a write transaction about to change the stage's panel,
/// assignment, scores or results).
pub(crate) async fn lock_competition_of_stage(tx: &mut Conn, stage: i64) -> AppResult<()> {
    if let Some(s) = store::stage(tx, stage).await? {
        crate::db::lock(tx, Row::Competition, &[s.competition_id]).await?;
    }
    Ok(())
}

/// The stage a team member may submit to now: reached, taking submissions, before its deadline
/// (after it, 422 on `deadline`: submissions are frozen).
async fn open_stage(db: &mut Conn, user: &SessionUser, team: i64, stage: i64) -> AppResult<StageRow> {
    let (t, access) = team_for(db, user, team).await?;
    if access != TeamAccess::Joined {
        return Err(AppError::Forbidden);
    }
    user.require_verified()?;
    let s =
        store::stage(db, stage).await?.filter(|s| s.competition_id == t.competition_id).ok_or(AppError::NotFound)?;
    if s.position > t.reached {
        return Err(AppError::Forbidden);
    }
    if s.status() != StageStatus::Open || now() >= s.deadline {
        return Err(AppError::field("deadline", FieldError::DateInPast));
    }
    Ok(s)
}
