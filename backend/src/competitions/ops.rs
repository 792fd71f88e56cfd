//! Competition set-up, teams and submissions.

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
use crate::notify::ops::Note;

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
pub async fn create(state: &AppState, user: &SessionUser, input: CompetitionInput) -> AppResult<Competition> {
    input.check(Some(now()))?;
    let mut tx = crate::db::begin_write(&state.db).await?;
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
    store::audit(&mut tx, id, Some(user.id), "created", &serde_json::json!({ "title": input.title_zh }), at).await?;
    let c = store::competition(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let out = assemble(&mut tx, c, Some(user)).await?;
    tx.commit().await?;
    Ok(out)
}

/// Changes a competition. Once teams registered, its tracks, stages and rubric keep their shape
/// (texts, deadlines and advancing counts still change); a closed stage keeps its deadline.
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

/// Tells the person at `email` of the invitation to the team.
async fn invite_note(
    tx: &mut Conn,
    state: &AppState,
    c: &CompetitionRow,
    team: &str,
    email: &str,
    by: &SessionUser,
) -> AppResult<()> {
    let note = Note::new(NotificationKind::TeamInvitation, format!("/competitions/{}", c.id))
        .name("title", &c.title_zh, c.title_en.as_deref())
        .param("org", by.display_name.clone())
        .param("q", team);
    crate::notify::ops::to_address(tx, &state.config.site_url(), email, by, &note).await?;
    Ok(())
}

async fn team_view(db: &mut Conn, t: TeamRow, user: &SessionUser) -> AppResult<Team> {
    let members = store::members(db, t.id).await?;
    let me = members.iter().find(|m| m.email == user.email);
    let mine = me.is_some_and(|m| m.status == TeamMemberStatus::Joined);
    let invited = me.is_some_and(|m| m.status == TeamMemberStatus::Invited);
    let leading = me.is_some_and(|m| m.leader);
    // Someone only asked to join sees who is on the team, not what it submitted.
    let submissions = if invited { vec![] } else { store::latest(db, t.id).await? };
    Ok(Team {
        id: t.id,
        competition_id: t.competition_id,
        org: t.org(),
        name: t.name,
        track_id: t.track_id,
        members,
        reached: u32::try_from(t.reached).unwrap_or(1),
        submissions,
        mine,
        invited,
        leading,
    })
}

/// Locks the competition a team is in (a write transaction about to change the team's entries).
async fn lock_competition_of_team(tx: &mut Conn, team: i64) -> AppResult<()> {
    if let Some(t) = store::team(tx, team).await? {
        crate::db::lock(tx, Row::Competition, &[t.competition_id]).await?;
    }
    Ok(())
}

/// Locks the competition a stage belongs to (a write transaction about to change the stage's panel,
/// assignment, scores or results).
pub(crate) async fn lock_competition_of_stage(tx: &mut Conn, stage: i64) -> AppResult<()> {
    if let Some(s) = store::stage(tx, stage).await? {
        crate::db::lock(tx, Row::Competition, &[s.competition_id]).await?;
    }
    Ok(())
}

/// A signed-in user registers a team while the first stage takes submissions.
pub async fn register(state: &AppState, user: &SessionUser, competition: i64, input: TeamInput) -> AppResult<Team> {
    user.require_verified()?;
    let emails = input.check()?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::Competition, &[competition]).await?;
    let c = store::competition(&mut tx, competition).await?.filter(|c| c.published_at.is_some());
    let c = c.ok_or(AppError::NotFound)?;
    let first = store::stages(&mut tx, c.id).await?.into_iter().next().ok_or(AppError::NotFound)?;
    if first.status() != StageStatus::Open || now() >= first.deadline {
        return Err(AppError::field("deadline", FieldError::DateInPast));
    }
    if !store::tracks(&mut tx, c.id).await?.iter().any(|t| t.id == input.track_id) {
        return Err(AppError::field("track_id", FieldError::Invalid));
    }
    if let Some(org) = input.org_id
        && crate::orgs::role_of(&mut tx, org, user.id).await?.is_none()
    {
        return Err(AppError::field("org_id", FieldError::Invalid));
    }
    if store::joined_team(&mut tx, c.id, &user.email).await?.is_some() {
        return Err(AppError::Refused(ErrorCode::AlreadyInTeam));
    }
    let members: Vec<&str> = emails.iter().map(|e| e.as_str()).collect();
    let at = now();
    let team = store::NewTeam {
        competition: c.id,
        track: input.track_id,
        name: input.name.trim(),
        org: input.org_id,
        leader: (user.id, &user.email),
        members: &members,
        members_status: TeamMemberStatus::Invited,
    };
    let id = match store::insert_team(&mut tx, &team, at).await {
        Err(e) if crate::db::is_unique_violation(&e) => return Err(AppError::field("name", FieldError::Invalid)),
        other => other?,
    };
    store::audit(
        &mut tx,
        c.id,
        Some(user.id),
        "team_registered",
        &serde_json::json!({ "team": id, "name": input.name.trim(), "track": input.track_id }),
        at,
    )
    .await?;
    // Those listed are invited: they join by accepting (an address without an account is emailed).
    for m in members.iter().filter(|m| **m != user.email) {
        invite_note(&mut tx, state, &c, input.name.trim(), m, user).await?;
    }
    let t = store::team(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let out = team_view(&mut tx, t, user).await?;
    tx.commit().await?;
    Ok(out)
}

/// The competition's teams: all of them for its organizers, one's own for anyone else.
pub async fn teams(state: &AppState, user: &SessionUser, competition: i64) -> AppResult<Vec<Team>> {
    let mut db = state.db.acquire().await?;
    let c = store::competition(&mut db, competition).await?.ok_or(AppError::NotFound)?;
    let all = runs(&mut db, &c, Some(user)).await?;
    let rows = store::teams(&mut db, c.id, if all { None } else { Some(&user.email) }).await?;
    let mut out = vec![];
    for t in rows {
        out.push(team_view(&mut db, t, user).await?);
    }
    Ok(out)
}

/// How the caller stands to a team.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TeamAccess {
    /// On it: sees everything and submits.
    Joined,
    /// Asked to join: sees who leads it and who is on it, not what it submitted.
    Invited,
    /// Runs the competition.
    Organizer,
}

/// The team and how the caller stands to it; 404 for anyone but those listed on it and its
/// organizers.
async fn team_for(db: &mut Conn, user: &SessionUser, id: i64) -> AppResult<(TeamRow, TeamAccess)> {
    let t = store::team(db, id).await?.ok_or(AppError::NotFound)?;
    match store::member_status(db, t.id, &user.email).await? {
        Some(TeamMemberStatus::Joined) => return Ok((t, TeamAccess::Joined)),
        Some(TeamMemberStatus::Invited) => return Ok((t, TeamAccess::Invited)),
        None => {}
    }
    let c = store::competition(db, t.competition_id).await?.ok_or(AppError::NotFound)?;
    if runs(db, &c, Some(user)).await? { Ok((t, TeamAccess::Organizer)) } else { Err(AppError::NotFound) }
}

/// Teams are made until the first stage's deadline: after it nobody joins, is invited or leaves
/// (judges are assigned knowing who is on each team).
async fn membership_open(db: &mut Conn, t: &TeamRow) -> AppResult<()> {
    let first = store::stages(db, t.competition_id).await?.into_iter().next().ok_or(AppError::NotFound)?;
    if first.status() != StageStatus::Open || now() >= first.deadline {
        return Err(AppError::field("deadline", FieldError::DateInPast));
    }
    Ok(())
}

/// The invited caller joins the team (one team per person and competition) or declines.
pub async fn answer_team(state: &AppState, user: &SessionUser, id: i64, join: bool) -> AppResult<Team> {
    user.require_verified()?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    lock_competition_of_team(&mut tx, id).await?;
    let t = store::team(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    if join {
        membership_open(&mut tx, &t).await?;
    }
    if store::member_status(&mut tx, id, &user.email).await? != Some(TeamMemberStatus::Invited) {
        return Err(AppError::NotFound);
    }
    let at = now();
    if join {
        if store::joined_team(&mut tx, t.competition_id, &user.email).await?.is_some() {
            return Err(AppError::Refused(ErrorCode::AlreadyInTeam));
        }
        store::join_team(&mut tx, id, &user.email).await?;
    } else {
        store::remove_member(&mut tx, id, &user.email).await?;
    }
    let what = if join { "team_joined" } else { "team_declined" };
    store::audit(&mut tx, t.competition_id, Some(user.id), what, &serde_json::json!({ "team": id }), at).await?;
    let out = team_view(&mut tx, t, user).await?;
    tx.commit().await?;
    Ok(out)
}

/// A member leaves the team. The leader may not while others are on it or once it has submitted
/// (409 `leader_must_hand_over`); a leader alone before any submission withdraws the team.
pub async fn leave_team(state: &AppState, user: &SessionUser, id: i64) -> AppResult<()> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    lock_competition_of_team(&mut tx, id).await?;
    let t = store::team(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let members = store::joined_members(&mut tx, id).await?;
    let me = members.iter().find(|m| m.email == user.email).ok_or(AppError::NotFound)?;
    membership_open(&mut tx, &t).await?;
    let at = now();
    if me.leader {
        let alone = members.len() == 1;
        if !alone || !store::latest(&mut tx, id).await?.is_empty() {
            return Err(AppError::Refused(ErrorCode::LeaderMustHandOver));
        }
        store::delete_team(&mut tx, id).await?;
        store::audit(
            &mut tx,
            t.competition_id,
            Some(user.id),
            "team_withdrawn",
            &serde_json::json!({ "team": id }),
            at,
        )
        .await?;
    } else {
        store::remove_member(&mut tx, id, &user.email).await?;
        store::audit(&mut tx, t.competition_id, Some(user.id), "team_left", &serde_json::json!({ "team": id }), at)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The team `id` with everyone listed on it, in a write transaction that locked its competition,
/// when the caller leads it (403 otherwise): what the leader's actions start from.
async fn led_by(
    tx: &mut Conn,
    user: &SessionUser,
    id: i64,
) -> AppResult<(TeamRow, Vec<shared::competitions::TeamMember>)> {
    lock_competition_of_team(tx, id).await?;
    let t = store::team(tx, id).await?.ok_or(AppError::NotFound)?;
    let members = store::members(tx, id).await?;
    if !members.iter().any(|m| m.leader && m.email == user.email) {
        return Err(AppError::Forbidden);
    }
    Ok((t, members))
}

/// The leader hands the team to a member who joined.
pub async fn hand_over(state: &AppState, user: &SessionUser, id: i64, to: TeamPerson) -> AppResult<Team> {
    let email = validate::Email::parse(&to.email).map_err(|e| AppError::field("email", e))?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    let (t, members) = led_by(&mut tx, user, id).await?;
    let next = members
        .iter()
        .filter(|m| m.status == TeamMemberStatus::Joined)
        .find(|m| m.email == email.as_str() && !m.leader);
    let next_user = next.and_then(|m| m.user_id).ok_or(AppError::field("email", FieldError::Invalid))?;
    store::hand_over(&mut tx, id, &user.email, email.as_str(), next_user).await?;
    let detail = serde_json::json!({ "team": id, "leader": email.as_str() });
    store::audit(&mut tx, t.competition_id, Some(user.id), "team_leader", &detail, now()).await?;
    let out = team_view(&mut tx, t, user).await?;
    tx.commit().await?;
    Ok(out)
}

/// The leader invites one more person by email (they join by accepting).
pub async fn invite_member(state: &AppState, user: &SessionUser, id: i64, who: TeamPerson) -> AppResult<Team> {
    let email = validate::Email::parse(&who.email).map_err(|e| AppError::field("email", e))?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    let (t, members) = led_by(&mut tx, user, id).await?;
    membership_open(&mut tx, &t).await?;
    if members.len() > shared::competitions::MEMBERS_MAX {
        return Err(AppError::field("email", FieldError::TooMany));
    }
    if store::invite_member(&mut tx, id, email.as_str(), TeamMemberStatus::Invited).await? {
        let c = store::competition(&mut tx, t.competition_id).await?.ok_or(AppError::NotFound)?;
        invite_note(&mut tx, state, &c, &t.name, email.as_str(), user).await?;
    }
    let out = team_view(&mut tx, t, user).await?;
    tx.commit().await?;
    Ok(out)
}

pub async fn team(state: &AppState, user: &SessionUser, id: i64) -> AppResult<Team> {
    let mut db = state.db.acquire().await?;
    let (t, _) = team_for(&mut db, user, id).await?;
    team_view(&mut db, t, user).await
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

/// A new version of the team's texts for the stage (the latest plan is kept).
pub async fn submit(
    state: &AppState,
    user: &SessionUser,
    team: i64,
    stage: i64,
    input: SubmissionInput,
) -> AppResult<Submission> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    lock_competition_of_team(&mut tx, team).await?;
    let s = open_stage(&mut tx, user, team, stage).await?;
    let input = input.check(&s.fields())?;
    let plan = store::latest_plan(&mut tx, team, stage).await?;
    let id = store::insert_submission(&mut tx, team, stage, &input, plan.as_ref(), user.id, now()).await?;
    let out =
        store::versions(&mut tx, team, stage).await?.into_iter().find(|v| v.id == id).ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(out)
}

/// The business plan (a PDF of at most 20 MB, checked by content) as a new version.
pub async fn upload_plan(
    state: &AppState,
    user: &SessionUser,
    team: i64,
    stage: i64,
    name: &str,
    bytes: &[u8],
) -> AppResult<Submission> {
    {
        let mut db = state.db.acquire().await?;
        open_stage(&mut db, user, team, stage).await?;
    }
    if !bytes.starts_with(b"%PDF-") {
        return Err(AppError::Refused(ErrorCode::FileType));
    }
    let (_, sha256) = crate::files::save_up_to(state, bytes, PLAN_MAX).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    lock_competition_of_team(&mut tx, team).await?;
    let s = open_stage(&mut tx, user, team, stage).await?;
    let last = store::versions(&mut tx, team, s.id).await?.into_iter().next();
    let texts = match last {
        Some(v) => SubmissionInput { summary: v.summary, video_url: v.video_url, extras: v.extras },
        None => SubmissionInput { summary: String::new(), video_url: None, extras: vec![] },
    };
    let plan = (clean_file_name(name), sha256, bytes.len() as i64);
    let id = store::insert_submission(&mut tx, team, stage, &texts, Some(&plan), user.id, now()).await?;
    let out =
        store::versions(&mut tx, team, stage).await?.into_iter().find(|v| v.id == id).ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(out)
}

/// Every version of the team's submission to the stage (its members and organizers).
pub async fn versions(state: &AppState, user: &SessionUser, team: i64, stage: i64) -> AppResult<Vec<Submission>> {
    let mut db = state.db.acquire().await?;
    if team_for(&mut db, user, team).await?.1 == TeamAccess::Invited {
        return Err(AppError::Forbidden);
    }
    Ok(store::versions(&mut db, team, stage).await?)
}

/// A submission's business plan: for the team, the organizers and the entry's released judges.
pub async fn plan(state: &AppState, user: &SessionUser, submission: i64) -> AppResult<(Attachment, Vec<u8>)> {
    let mut db = state.db.acquire().await?;
    let (team, stage, plan) = store::submission_plan(&mut db, submission).await?.ok_or(AppError::NotFound)?;
    if !store::is_assigned(&mut db, stage, team, user.id).await?
        && team_for(&mut db, user, team).await?.1 == TeamAccess::Invited
    {
        return Err(AppError::Forbidden);
    }
    let (name, sha256, size) = plan.ok_or(AppError::NotFound)?;
    drop(db);
    let bytes = crate::files::read(state, &sha256).await?;
    let file = Attachment {
        id: submission,
        name,
        mime: "application/pdf".into(),
        size: u64::try_from(size).unwrap_or(0),
        sha256,
    };
    Ok((file, bytes))
}
