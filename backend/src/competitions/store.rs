//! SQL for competitions: set-up, teams, submissions, panels, assignments, score sheets, results and
//! the audit log.

use crate::db::Conn;
use crate::db::sql;
use shared::competitions::{
    AuditEntry, CompetitionInput, Criterion, ExtraField, JudgeRef, PanelStatus, ScoreInput, StageStatus, Submission,
    TeamMember, TeamMemberStatus, Track,
};
use shared::engage::OrgRef;
use shared::opencall::NoticeRank;
use time::OffsetDateTime;

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "[]".into())
}

fn parse<T: serde::de::DeserializeOwned + Default>(s: &str) -> T {
    serde_json::from_str(s).unwrap_or_default()
}

// ---------- competitions ----------

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CompetitionRow {
    pub id: i64,
    pub org_id: i64,
    pub title_zh: String,
    pub title_en: Option<String>,
    pub description_zh: String,
    pub description_en: Option<String>,
    pub eligibility_zh: String,
    pub eligibility_en: Option<String>,
    pub rubric: String,
    pub judges_per_entry: i64,
    pub created_at: OffsetDateTime,
    pub published_at: Option<OffsetDateTime>,
}

impl CompetitionRow {
    pub fn rubric(&self) -> Vec<Criterion> {
        parse(&self.rubric)
    }
}

const COMPETITION: &str = "SELECT id, org_id, title_zh, title_en, description_zh, description_en, eligibility_zh,
        eligibility_en, rubric, judges_per_entry, created_at, published_at FROM competitions";

/// Inserts a competition, public at once when `published`, else a draft.
pub async fn insert(
    db: &mut Conn,
    c: &CompetitionInput,
    user: i64,
    now: OffsetDateTime,
    published: bool,
) -> sqlx::Result<i64> {
    let (id,): (i64,) = sql::query_as(
        "INSERT INTO competitions (org_id, title_zh, title_en, description_zh, description_en, eligibility_zh,
                                   eligibility_en, rubric, judges_per_entry, created_by, created_at, updated_at,
                                   published_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12) RETURNING id",
    )
    .bind(c.org_id)
    .bind(c.title_zh.trim())
    .bind(c.title_en.as_deref().map(str::trim).filter(|s| !s.is_empty()))
    .bind(c.description_zh.trim())
    .bind(c.description_en.as_deref().map(str::trim).filter(|s| !s.is_empty()))
    .bind(c.eligibility_zh.trim())
    .bind(c.eligibility_en.as_deref().map(str::trim).filter(|s| !s.is_empty()))
    .bind(json(&c.rubric))
    .bind(c.judges_per_entry)
    .bind(user)
    .bind(now)
    .bind(published.then_some(now))
    .fetch_one(&mut *db)
    .await?;
    put_structure(db, id, c).await?;
    Ok(id)
}

/// Replaces the tracks and stages (before any team registered).
async fn put_structure(db: &mut Conn, id: i64, c: &CompetitionInput) -> sqlx::Result<()> {
    sql::query("DELETE FROM competition_tracks WHERE competition_id = $1").bind(id).execute(&mut *db).await?;
    sql::query("DELETE FROM competition_stages WHERE competition_id = $1").bind(id).execute(&mut *db).await?;
    for (i, t) in c.tracks.iter().enumerate() {
        sql::query(
            "INSERT INTO competition_tracks (competition_id, position, domain, name_zh, name_en) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(i as i64 + 1)
        .bind(t.domain.trim())
        .bind(t.name_zh.trim())
        .bind(t.name_en.as_deref().map(str::trim).filter(|s| !s.is_empty()))
        .execute(&mut *db)
        .await?;
    }
    for (i, s) in c.stages.iter().enumerate() {
        sql::query(
            "INSERT INTO competition_stages (competition_id, position, name_zh, name_en, deadline, advance, fields)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id)
        .bind(i as i64 + 1)
        .bind(s.name_zh.trim())
        .bind(s.name_en.as_deref().map(str::trim).filter(|s| !s.is_empty()))
        .bind(s.deadline)
        .bind(s.advance)
        .bind(json(&s.fields))
        .execute(&mut *db)
        .await?;
    }
    Ok(())
}

/// Updates a competition. With teams registered, only texts, deadlines and advancing counts change
/// (the caller checked that tracks, stages and rubric keep their shape).
pub async fn update(
    db: &mut Conn,
    id: i64,
    c: &CompetitionInput,
    structure: bool,
    now: OffsetDateTime,
) -> sqlx::Result<()> {
    sql::query(
        "UPDATE competitions SET title_zh = $2, title_en = $3, description_zh = $4, description_en = $5,
            eligibility_zh = $6, eligibility_en = $7, rubric = $8, judges_per_entry = $9, updated_at = $10 WHERE id = $1",
    )
    .bind(id)
    .bind(c.title_zh.trim())
    .bind(c.title_en.as_deref().map(str::trim).filter(|s| !s.is_empty()))
    .bind(c.description_zh.trim())
    .bind(c.description_en.as_deref().map(str::trim).filter(|s| !s.is_empty()))
    .bind(c.eligibility_zh.trim())
    .bind(c.eligibility_en.as_deref().map(str::trim).filter(|s| !s.is_empty()))
    .bind(json(&c.rubric))
    .bind(c.judges_per_entry)
    .bind(now)
    .execute(&mut *db)
    .await?;
    if structure {
        return put_structure(db, id, c).await;
    }
    for (i, t) in c.tracks.iter().enumerate() {
        sql::query(
            "UPDATE competition_tracks SET name_zh = $3, name_en = $4 WHERE competition_id = $1 AND position = $2",
        )
        .bind(id)
        .bind(i as i64 + 1)
        .bind(t.name_zh.trim())
        .bind(t.name_en.as_deref().map(str::trim).filter(|s| !s.is_empty()))
        .execute(&mut *db)
        .await?;
    }
    for (i, s) in c.stages.iter().enumerate() {
        sql::query(
            "UPDATE competition_stages SET name_zh = $3, name_en = $4, deadline = $5, advance = $6, fields = $7
             WHERE competition_id = $1 AND position = $2",
        )
        .bind(id)
        .bind(i as i64 + 1)
        .bind(s.name_zh.trim())
        .bind(s.name_en.as_deref().map(str::trim).filter(|s| !s.is_empty()))
        .bind(s.deadline)
        .bind(s.advance)
        .bind(json(&s.fields))
        .execute(&mut *db)
        .await?;
    }
    Ok(())
}

/// Makes a draft public (once).
pub async fn publish(db: &mut Conn, id: i64, at: OffsetDateTime) -> sqlx::Result<()> {
    sql::query("UPDATE competitions SET published_at = COALESCE(published_at, $2) WHERE id = $1")
        .bind(id)
        .bind(at)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn competition(db: &mut Conn, id: i64) -> sqlx::Result<Option<CompetitionRow>> {
    sql::query_as(format!("{COMPETITION} WHERE id = $1")).bind(id).fetch_optional(db).await
}

/// All competitions, newest first.
pub async fn competitions(db: &mut Conn) -> sqlx::Result<Vec<CompetitionRow>> {
    sql::query_as(format!("{COMPETITION} ORDER BY created_at DESC, id DESC LIMIT 200")).fetch_all(db).await
}

#[derive(sqlx::FromRow)]
struct TrackRow {
    id: i64,
    domain: String,
    name_zh: String,
    name_en: Option<String>,
    teams: i64,
}

pub async fn tracks(db: &mut Conn, competition: i64) -> sqlx::Result<Vec<Track>> {
    let rows: Vec<TrackRow> = sql::query_as(
        "SELECT t.id, t.domain, t.name_zh, t.name_en, (SELECT COUNT(*) FROM teams WHERE track_id = t.id) AS teams
         FROM competition_tracks t WHERE t.competition_id = $1 ORDER BY t.position",
    )
    .bind(competition)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Track {
            id: r.id,
            domain: r.domain,
            name_zh: r.name_zh,
            name_en: r.name_en,
            teams: u32::try_from(r.teams).unwrap_or(0),
        })
        .collect())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StageRow {
    pub id: i64,
    pub competition_id: i64,
    pub position: i64,
    pub name_zh: String,
    pub name_en: Option<String>,
    pub deadline: OffsetDateTime,
    pub advance: i64,
    pub fields: String,
    pub status: String,
    pub released: bool,
    pub assign_fit: Option<i64>,
    pub greedy_fit: Option<i64>,
    pub panel: i64,
}

impl StageRow {
    pub fn status(&self) -> StageStatus {
        StageStatus::parse(&self.status).unwrap_or(StageStatus::Open)
    }
    pub fn fields(&self) -> Vec<ExtraField> {
        parse(&self.fields)
    }
}

const STAGE: &str = "SELECT s.id, s.competition_id, s.position, s.name_zh, s.name_en, s.deadline, s.advance, s.fields,
        s.status, s.released, s.assign_fit, s.greedy_fit,
        (SELECT COUNT(*) FROM stage_judges j WHERE j.stage_id = s.id AND j.status = 'accepted') AS panel
     FROM competition_stages s";

pub async fn stages(db: &mut Conn, competition: i64) -> sqlx::Result<Vec<StageRow>> {
    sql::query_as(format!("{STAGE} WHERE s.competition_id = $1 ORDER BY s.position"))
        .bind(competition)
        .fetch_all(db)
        .await
}

pub async fn stage(db: &mut Conn, id: i64) -> sqlx::Result<Option<StageRow>> {
    sql::query_as(format!("{STAGE} WHERE s.id = $1")).bind(id).fetch_optional(db).await
}

pub async fn set_stage(db: &mut Conn, id: i64, status: StageStatus, released: bool) -> sqlx::Result<()> {
    sql::query("UPDATE competition_stages SET status = $2, released = $3 WHERE id = $1")
        .bind(id)
        .bind(status.as_str())
        .bind(released)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn team_count(db: &mut Conn, competition: i64) -> sqlx::Result<u32> {
    let (n,): (i64,) =
        sql::query_as("SELECT COUNT(*) FROM teams WHERE competition_id = $1").bind(competition).fetch_one(db).await?;
    Ok(u32::try_from(n).unwrap_or(0))
}

pub async fn notice_of(db: &mut Conn, competition: i64) -> sqlx::Result<Option<(i64, String)>> {
    sql::query_as("SELECT id, status FROM notices WHERE competition_id = $1").bind(competition).fetch_optional(db).await
}

// ---------- teams ----------

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TeamRow {
    pub id: i64,
    pub competition_id: i64,
    pub track_id: i64,
    pub name: String,
    pub org_id: Option<i64>,
    pub org_name_zh: Option<String>,
    pub org_name_en: Option<String>,
    pub reached: i64,
}

impl TeamRow {
    pub fn org(&self) -> Option<OrgRef> {
        Some(OrgRef { id: self.org_id?, name_zh: self.org_name_zh.clone()?, name_en: self.org_name_en.clone() })
    }
}

const TEAM: &str = "SELECT t.id, t.competition_id, t.track_id, t.name, t.org_id, o.name_zh AS org_name_zh,
        o.name_en AS org_name_en, t.reached
     FROM teams t LEFT JOIN organizations o ON o.id = t.org_id";

/// A team to insert: the leader (user id and email) and the other members' emails.
pub struct NewTeam<'a> {
    pub competition: i64,
    pub track: i64,
    pub name: &'a str,
    pub org: Option<i64>,
    pub leader: (i64, &'a str),
    pub members: &'a [&'a str],
    /// What the other members start as: invited (they join by accepting), or joined (the demo's).
    pub members_status: TeamMemberStatus,
}

pub async fn insert_team(db: &mut Conn, t: &NewTeam<'_>, now: OffsetDateTime) -> sqlx::Result<i64> {
    let NewTeam { competition, track, name, org, leader, members, members_status } = *t;
    let (id,): (i64,) = sql::query_as(
        "INSERT INTO teams (competition_id, track_id, name, org_id, leader_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(competition)
    .bind(track)
    .bind(name)
    .bind(org)
    .bind(leader.0)
    .bind(now)
    .fetch_one(&mut *db)
    .await?;
    sql::query("INSERT INTO team_members (team_id, email, leader, status) VALUES ($1, $2, TRUE, 'joined')")
        .bind(id)
        .bind(leader.1)
        .execute(&mut *db)
        .await?;
    for m in members.iter().filter(|m| **m != leader.1) {
        invite_member(db, id, m, members_status).await?;
    }
    Ok(id)
}

/// Lists `email` on the team with `status` (nothing when already listed); whether it was added.
pub async fn invite_member(db: &mut Conn, team: i64, email: &str, status: TeamMemberStatus) -> sqlx::Result<bool> {
    let done = sql::query(
        "INSERT INTO team_members (team_id, email, leader, status) VALUES ($1, $2, FALSE, $3)
         ON CONFLICT (team_id, email) DO NOTHING",
    )
    .bind(team)
    .bind(email)
    .bind(status.as_str())
    .execute(db)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// The member at `email` joins (accepting the invitation); false when there was none open.
pub async fn join_team(db: &mut Conn, team: i64, email: &str) -> sqlx::Result<bool> {
    let done = sql::query(
        "UPDATE team_members SET status = 'joined' WHERE team_id = $1 AND email = $2 AND status = 'invited'",
    )
    .bind(team)
    .bind(email)
    .execute(db)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Takes `email` off the team (a declined invitation, a member leaving).
pub async fn remove_member(db: &mut Conn, team: i64, email: &str) -> sqlx::Result<bool> {
    let done = sql::query("DELETE FROM team_members WHERE team_id = $1 AND email = $2 AND NOT leader")
        .bind(team)
        .bind(email)
        .execute(db)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Hands the leadership from `from` to `to` (a member who joined), and the team's leader account.
pub async fn hand_over(db: &mut Conn, team: i64, from: &str, to: &str, to_user: i64) -> sqlx::Result<()> {
    sql::query("UPDATE team_members SET leader = (email = $3) WHERE team_id = $1 AND email IN ($2, $3)")
        .bind(team)
        .bind(from)
        .bind(to)
        .execute(&mut *db)
        .await?;
    sql::query("UPDATE teams SET leader_id = $2 WHERE id = $1").bind(team).bind(to_user).execute(db).await?;
    Ok(())
}

/// Withdraws a team (its leader alone, before any submission).
pub async fn delete_team(db: &mut Conn, team: i64) -> sqlx::Result<()> {
    sql::query("DELETE FROM teams WHERE id = $1").bind(team).execute(db).await?;
    Ok(())
}

/// The team of the competition that `email` joined, if any.
pub async fn joined_team(db: &mut Conn, competition: i64, email: &str) -> sqlx::Result<Option<i64>> {
    let row: Option<(i64,)> = sql::query_as(
        "SELECT t.id FROM teams t JOIN team_members m ON m.team_id = t.id
         WHERE t.competition_id = $1 AND m.email = $2 AND m.status = 'joined'",
    )
    .bind(competition)
    .bind(email)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| r.0))
}

pub async fn team(db: &mut Conn, id: i64) -> sqlx::Result<Option<TeamRow>> {
    sql::query_as(format!("{TEAM} WHERE t.id = $1")).bind(id).fetch_optional(db).await
}

/// The competition's teams (all of them, or the ones `email` is on), in registration order.
pub async fn teams(db: &mut Conn, competition: i64, email: Option<&str>) -> sqlx::Result<Vec<TeamRow>> {
    sql::query_as(format!(
        "{TEAM} WHERE t.competition_id = $1
           AND ($2 IS NULL OR EXISTS (SELECT 1 FROM team_members m WHERE m.team_id = t.id AND m.email = $2))
         ORDER BY t.id"
    ))
    .bind(competition)
    .bind(email)
    .fetch_all(db)
    .await
}

#[derive(sqlx::FromRow)]
struct MemberRow {
    email: String,
    user_id: Option<i64>,
    name: Option<String>,
    leader: bool,
    status: String,
}

/// Everyone listed on the team, the invited included (with their status), leader first. An
/// invited address shows no account or name: listing an email tells nobody whose it is.
pub async fn members(db: &mut Conn, team: i64) -> sqlx::Result<Vec<TeamMember>> {
    let rows: Vec<MemberRow> = sql::query_as(
        "SELECT m.email, u.id AS user_id, CASE WHEN m.status = 'joined' THEN u.display_name END AS name, m.leader,
                m.status
         FROM team_members m LEFT JOIN users u ON u.email = m.email AND m.status = 'joined'
         WHERE m.team_id = $1 ORDER BY m.leader DESC, m.rowid",
    )
    .bind(team)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| TeamMember {
            email: r.email,
            user_id: r.user_id,
            name: r.name,
            leader: r.leader,
            status: TeamMemberStatus::parse(&r.status).unwrap_or(TeamMemberStatus::Invited),
        })
        .collect())
}

/// Those on the team: the members who joined.
pub async fn joined_members(db: &mut Conn, team: i64) -> sqlx::Result<Vec<TeamMember>> {
    Ok(members(db, team).await?.into_iter().filter(|m| m.status == TeamMemberStatus::Joined).collect())
}

/// `email`'s place on the team, if listed.
pub async fn member_status(db: &mut Conn, team: i64, email: &str) -> sqlx::Result<Option<TeamMemberStatus>> {
    let row: Option<(String,)> = sql::query_as("SELECT status FROM team_members WHERE team_id = $1 AND email = $2")
        .bind(team)
        .bind(email)
        .fetch_optional(db)
        .await?;
    Ok(row.and_then(|(s,)| TeamMemberStatus::parse(&s)))
}

/// Organizations the team's members belong to (with the team's own).
pub async fn team_orgs(db: &mut Conn, team: i64) -> sqlx::Result<Vec<i64>> {
    let rows: Vec<(i64,)> = sql::query_as(
        "SELECT org_id FROM teams WHERE id = $1 AND org_id IS NOT NULL
         UNION SELECT ms.org_id FROM team_members m JOIN users u ON u.email = m.email
               JOIN memberships ms ON ms.user_id = u.id WHERE m.team_id = $1 AND m.status = 'joined'",
    )
    .bind(team)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|(o,)| o).collect())
}

pub async fn set_reached(db: &mut Conn, team: i64, reached: i64) -> sqlx::Result<()> {
    sql::query("UPDATE teams SET reached = $2 WHERE id = $1").bind(team).bind(reached).execute(db).await?;
    Ok(())
}

// ---------- submissions ----------

#[derive(sqlx::FromRow)]
struct SubmissionRow {
    id: i64,
    stage_id: i64,
    version: i64,
    summary: String,
    video_url: Option<String>,
    extras: String,
    plan_name: Option<String>,
    plan_size: Option<i64>,
    submitted_by: Option<String>,
    submitted_at: OffsetDateTime,
}

impl From<SubmissionRow> for Submission {
    fn from(r: SubmissionRow) -> Self {
        Submission {
            id: r.id,
            stage_id: r.stage_id,
            version: u32::try_from(r.version).unwrap_or(0),
            summary: r.summary,
            video_url: r.video_url,
            extras: parse(&r.extras),
            plan_name: r.plan_name,
            plan_size: r.plan_size.and_then(|s| u64::try_from(s).ok()),
            submitted_by: r.submitted_by.unwrap_or_default(),
            submitted_at: r.submitted_at,
        }
    }
}

const SUBMISSION: &str = "SELECT s.id, s.stage_id, s.version, s.summary, s.video_url, s.extras, s.plan_name,
        s.plan_size, u.display_name AS submitted_by, s.submitted_at
     FROM submissions s LEFT JOIN users u ON u.id = s.submitted_by";

/// Every version of the team's submission to the stage, newest first.
pub async fn versions(db: &mut Conn, team: i64, stage: i64) -> sqlx::Result<Vec<Submission>> {
    let rows: Vec<SubmissionRow> =
        sql::query_as(format!("{SUBMISSION} WHERE s.team_id = $1 AND s.stage_id = $2 ORDER BY s.version DESC"))
            .bind(team)
            .bind(stage)
            .fetch_all(db)
            .await?;
    Ok(rows.into_iter().map(Submission::from).collect())
}

/// The latest version of each stage's submission of the team.
pub async fn latest(db: &mut Conn, team: i64) -> sqlx::Result<Vec<Submission>> {
    let rows: Vec<SubmissionRow> = sql::query_as(format!(
        "{SUBMISSION} WHERE s.team_id = $1
           AND s.version = (SELECT MAX(version) FROM submissions x WHERE x.team_id = s.team_id AND x.stage_id = s.stage_id)
         ORDER BY s.stage_id"
    ))
    .bind(team)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(Submission::from).collect())
}

/// The stored plan of the latest version (name, checksum, size).
pub type Plan = (String, String, i64);

pub async fn latest_plan(db: &mut Conn, team: i64, stage: i64) -> sqlx::Result<Option<Plan>> {
    sql::query_as(
        "SELECT plan_name, plan_sha256, plan_size FROM submissions WHERE team_id = $1 AND stage_id = $2
           AND plan_sha256 IS NOT NULL ORDER BY version DESC LIMIT 1",
    )
    .bind(team)
    .bind(stage)
    .fetch_optional(db)
    .await
}

/// The submission `id`'s team, stage and plan.
pub async fn submission_plan(db: &mut Conn, id: i64) -> sqlx::Result<Option<(i64, i64, Option<Plan>)>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        team_id: i64,
        stage_id: i64,
        plan_name: Option<String>,
        plan_sha256: Option<String>,
        plan_size: Option<i64>,
    }
    let row: Option<Row> =
        sql::query_as("SELECT team_id, stage_id, plan_name, plan_sha256, plan_size FROM submissions WHERE id = $1")
            .bind(id)
            .fetch_optional(db)
            .await?;
    Ok(row.map(|r| {
        let plan = match (r.plan_name, r.plan_sha256, r.plan_size) {
            (Some(n), Some(s), Some(z)) => Some((n, s, z)),
            _ => None,
        };
        (r.team_id, r.stage_id, plan)
    }))
}

/// Adds the next version.
pub async fn insert_submission(
    db: &mut Conn,
    team: i64,
    stage: i64,
    s: &shared::competitions::SubmissionInput,
    plan: Option<&Plan>,
    user: i64,
    now: OffsetDateTime,
) -> sqlx::Result<i64> {
    let (id,): (i64,) = sql::query_as(
        "INSERT INTO submissions (team_id, stage_id, version, summary, video_url, extras, plan_name, plan_sha256,
                                  plan_size, submitted_by, submitted_at)
         VALUES ($1, $2, (SELECT COALESCE(MAX(version), 0) + 1 FROM submissions WHERE team_id = $1 AND stage_id = $2),
                 $3, $4, $5, $6, $7, $8, $9, $10)
         RETURNING id",
    )
    .bind(team)
    .bind(stage)
    .bind(&s.summary)
    .bind(&s.video_url)
    .bind(json(&s.extras))
    .bind(plan.map(|p| &p.0))
    .bind(plan.map(|p| &p.1))
    .bind(plan.map(|p| p.2))
    .bind(user)
    .bind(now)
    .fetch_one(db)
    .await?;
    Ok(id)
}

// ---------- panels and assignments ----------

/// Makes the stage's panel these users: those already on it keep their answer, those left out
/// leave, the others are invited (or, `accepted`, put on it as having agreed: the demo's).
/// Returns the newly invited.
pub async fn set_panel(
    db: &mut Conn,
    stage: i64,
    users: &[i64],
    at: OffsetDateTime,
    accepted: bool,
) -> sqlx::Result<Vec<i64>> {
    let current: Vec<(i64,)> =
        sql::query_as("SELECT user_id FROM stage_judges WHERE stage_id = $1").bind(stage).fetch_all(&mut *db).await?;
    for (u,) in current.iter().filter(|(u,)| !users.contains(u)) {
        sql::query("DELETE FROM stage_judges WHERE stage_id = $1 AND user_id = $2")
            .bind(stage)
            .bind(u)
            .execute(&mut *db)
            .await?;
    }
    let status = if accepted { "accepted" } else { "invited" };
    let mut invited = vec![];
    for u in users.iter().filter(|u| !current.iter().any(|(c,)| c == *u)) {
        sql::query("INSERT INTO stage_judges (stage_id, user_id, status, invited_at) VALUES ($1, $2, $3, $4)")
            .bind(stage)
            .bind(u)
            .bind(status)
            .bind(at)
            .execute(&mut *db)
            .await?;
        invited.push(*u);
    }
    Ok(invited)
}

/// The expert's answer to the invitation to the stage's panel; false when there was none open.
pub async fn answer_panel(
    db: &mut Conn,
    stage: i64,
    user: i64,
    accept: bool,
    at: OffsetDateTime,
) -> sqlx::Result<bool> {
    let done = sql::query(
        "UPDATE stage_judges SET status = $3, answered_at = $4 WHERE stage_id = $1 AND user_id = $2 AND status = 'invited'",
    )
    .bind(stage)
    .bind(user)
    .bind(if accept { "accepted" } else { "declined" })
    .bind(at)
    .execute(db)
    .await?;
    Ok(done.rows_affected() > 0)
}

#[derive(sqlx::FromRow)]
struct InvitationRow {
    stage_id: i64,
    stage_name_zh: String,
    stage_name_en: Option<String>,
    competition_id: i64,
    title_zh: String,
    title_en: Option<String>,
    org_id: i64,
    org_name_zh: String,
    org_name_en: Option<String>,
    status: String,
}

/// The panels the user was invited to (answered or not), newest first.
pub async fn panel_invitations(db: &mut Conn, user: i64) -> sqlx::Result<Vec<shared::competitions::PanelInvitation>> {
    let rows: Vec<InvitationRow> = sql::query_as(
        "SELECT s.id AS stage_id, s.name_zh AS stage_name_zh, s.name_en AS stage_name_en, c.id AS competition_id,
                c.title_zh, c.title_en, o.id AS org_id, o.name_zh AS org_name_zh, o.name_en AS org_name_en, j.status
         FROM stage_judges j JOIN competition_stages s ON s.id = j.stage_id
         JOIN competitions c ON c.id = s.competition_id JOIN organizations o ON o.id = c.org_id
         WHERE j.user_id = $1 ORDER BY j.invited_at IS NULL, j.invited_at DESC, s.id DESC",
    )
    .bind(user)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| shared::competitions::PanelInvitation {
            stage_id: r.stage_id,
            stage_name_zh: r.stage_name_zh,
            stage_name_en: r.stage_name_en,
            competition_id: r.competition_id,
            title_zh: r.title_zh,
            title_en: r.title_en,
            org: OrgRef { id: r.org_id, name_zh: r.org_name_zh, name_en: r.org_name_en },
            status: PanelStatus::parse(&r.status).unwrap_or(PanelStatus::Invited),
        })
        .collect())
}

/// Approved experts by expert id: their user ids (missing ones left out).
pub async fn approved_experts(db: &mut Conn, ids: &[i64]) -> sqlx::Result<Vec<i64>> {
    let mut out = vec![];
    for id in ids {
        let row: Option<(i64,)> = sql::query_as("SELECT user_id FROM experts WHERE id = $1 AND status = 'approved'")
            .bind(id)
            .fetch_optional(&mut *db)
            .await?;
        out.extend(row.map(|(u,)| u));
    }
    Ok(out)
}

pub async fn panel(db: &mut Conn, stage: i64) -> sqlx::Result<Vec<JudgeRef>> {
    let rows: Vec<(i64, i64, String, String, String)> = sql::query_as(
        "SELECT j.user_id, x.id, u.display_name, x.affiliation, j.status FROM stage_judges j
         JOIN users u ON u.id = j.user_id JOIN experts x ON x.user_id = j.user_id
         WHERE j.stage_id = $1 ORDER BY u.display_name, j.user_id",
    )
    .bind(stage)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(user_id, expert_id, name, affiliation, status)| JudgeRef {
            user_id,
            expert_id,
            name,
            affiliation,
            status: PanelStatus::parse(&status).unwrap_or(PanelStatus::Invited),
        })
        .collect())
}

#[derive(sqlx::FromRow)]
pub struct JudgeFacts {
    pub user_id: i64,
    pub domains: String,
    pub keywords: String,
    pub conflict_names: String,
}

/// What assignment needs to know of each panel judge.
pub async fn judge_facts(db: &mut Conn, stage: i64) -> sqlx::Result<Vec<(JudgeFacts, Vec<i64>)>> {
    let rows: Vec<JudgeFacts> = sql::query_as(
        "SELECT j.user_id, x.domains, x.keywords, x.conflict_names FROM stage_judges j
         JOIN experts x ON x.user_id = j.user_id WHERE j.stage_id = $1 AND j.status = 'accepted' ORDER BY j.user_id",
    )
    .bind(stage)
    .fetch_all(&mut *db)
    .await?;
    let mut out = vec![];
    for r in rows {
        let mut orgs: Vec<i64> = sql::query_as::<(i64,)>(
            "SELECT org_id FROM memberships WHERE user_id = $1
             UNION SELECT c.org_id FROM expert_conflicts c JOIN experts x ON x.id = c.expert_id WHERE x.user_id = $1",
        )
        .bind(r.user_id)
        .fetch_all(&mut *db)
        .await?
        .into_iter()
        .map(|(o,)| o)
        .collect();
        for name in r.conflict_names.lines().map(str::trim).filter(|n| !n.is_empty()) {
            let named: Vec<(i64,)> =
                sql::query_as("SELECT id FROM organizations WHERE name_zh = $1 OR lower(name_en) = lower($1)")
                    .bind(name)
                    .fetch_all(&mut *db)
                    .await?;
            orgs.extend(named.into_iter().map(|(o,)| o));
        }
        orgs.sort_unstable();
        orgs.dedup();
        out.push((r, orgs));
    }
    Ok(out)
}

/// The teams of a stage: the ones that reached it and submitted something, in registration order.
pub async fn entrants(db: &mut Conn, stage: &StageRow) -> sqlx::Result<Vec<TeamRow>> {
    sql::query_as(format!(
        "{TEAM} WHERE t.competition_id = $1 AND t.reached >= $2
           AND EXISTS (SELECT 1 FROM submissions s WHERE s.team_id = t.id AND s.stage_id = $3)
         ORDER BY t.id"
    ))
    .bind(stage.competition_id)
    .bind(stage.position)
    .bind(stage.id)
    .fetch_all(db)
    .await
}

pub async fn clear_assignments(db: &mut Conn, stage: i64) -> sqlx::Result<()> {
    sql::query("DELETE FROM judge_assignments WHERE stage_id = $1").bind(stage).execute(db).await?;
    Ok(())
}

pub async fn set_entry_judges(db: &mut Conn, stage: i64, team: i64, judges: &[i64]) -> sqlx::Result<()> {
    sql::query("DELETE FROM judge_assignments WHERE stage_id = $1 AND team_id = $2")
        .bind(stage)
        .bind(team)
        .execute(&mut *db)
        .await?;
    for j in judges {
        sql::query("INSERT INTO judge_assignments (stage_id, team_id, user_id) VALUES ($1, $2, $3)")
            .bind(stage)
            .bind(team)
            .bind(j)
            .execute(&mut *db)
            .await?;
    }
    Ok(())
}

pub async fn set_fit(db: &mut Conn, stage: i64, fit: Option<u64>, greedy: Option<u64>) -> sqlx::Result<()> {
    sql::query("UPDATE competition_stages SET assign_fit = $2, greedy_fit = $3 WHERE id = $1")
        .bind(stage)
        .bind(fit.and_then(|f| i64::try_from(f).ok()))
        .bind(greedy.and_then(|f| i64::try_from(f).ok()))
        .execute(db)
        .await?;
    Ok(())
}

/// (team, judge) pairs of the stage.
pub async fn assignments(db: &mut Conn, stage: i64) -> sqlx::Result<Vec<(i64, i64)>> {
    sql::query_as("SELECT team_id, user_id FROM judge_assignments WHERE stage_id = $1 ORDER BY team_id, user_id")
        .bind(stage)
        .fetch_all(db)
        .await
}

pub async fn is_assigned(db: &mut Conn, stage: i64, team: i64, judge: i64) -> sqlx::Result<bool> {
    let row: Option<(i32,)> = sql::query_as(
        "SELECT 1 FROM judge_assignments a JOIN competition_stages s ON s.id = a.stage_id
         WHERE a.stage_id = $1 AND a.team_id = $2 AND a.user_id = $3 AND s.released",
    )
    .bind(stage)
    .bind(team)
    .bind(judge)
    .fetch_optional(db)
    .await?;
    Ok(row.is_some())
}

/// The judge's released (stage, team) pairs, newest stage first.
pub async fn judge_entries(db: &mut Conn, judge: i64) -> sqlx::Result<Vec<(i64, i64)>> {
    sql::query_as(
        "SELECT a.stage_id, a.team_id FROM judge_assignments a JOIN competition_stages s ON s.id = a.stage_id
         WHERE a.user_id = $1 AND s.released ORDER BY s.deadline DESC, a.team_id",
    )
    .bind(judge)
    .fetch_all(db)
    .await
}

// ---------- score sheets ----------

#[derive(sqlx::FromRow)]
struct SheetRow {
    vals: String,
    comments: String,
    comment: String,
}

impl From<SheetRow> for ScoreInput {
    fn from(r: SheetRow) -> Self {
        ScoreInput { values: parse(&r.vals), comments: parse(&r.comments), comment: r.comment }
    }
}

pub async fn sheet(db: &mut Conn, stage: i64, team: i64, judge: i64) -> sqlx::Result<Option<ScoreInput>> {
    let row: Option<SheetRow> = sql::query_as(
        "SELECT vals, comments, comment FROM scores WHERE stage_id = $1 AND team_id = $2 AND user_id = $3",
    )
    .bind(stage)
    .bind(team)
    .bind(judge)
    .fetch_optional(db)
    .await?;
    Ok(row.map(ScoreInput::from))
}

pub async fn put_sheet(
    db: &mut Conn,
    stage: i64,
    team: i64,
    judge: i64,
    s: &ScoreInput,
    now: OffsetDateTime,
) -> sqlx::Result<()> {
    sql::query(
        "INSERT INTO scores (stage_id, team_id, user_id, vals, comments, comment, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (stage_id, team_id, user_id) DO UPDATE SET vals = excluded.vals, comments = excluded.comments,
             comment = excluded.comment, updated_at = excluded.updated_at",
    )
    .bind(stage)
    .bind(team)
    .bind(judge)
    .bind(json(&s.values))
    .bind(json(&s.comments))
    .bind(&s.comment)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
pub struct StageSheet {
    pub team_id: i64,
    pub user_id: i64,
    pub judge: String,
    pub vals: String,
    pub comments: String,
    pub comment: String,
}

impl StageSheet {
    pub fn values(&self) -> Vec<u32> {
        parse(&self.vals)
    }
    pub fn comments(&self) -> Vec<String> {
        parse(&self.comments)
    }
}

/// Every sheet of the stage from judges still assigned to the entry.
pub async fn sheets(db: &mut Conn, stage: i64) -> sqlx::Result<Vec<StageSheet>> {
    sql::query_as(
        "SELECT s.team_id, s.user_id, u.display_name AS judge, s.vals, s.comments, s.comment FROM scores s
         JOIN users u ON u.id = s.user_id
         JOIN judge_assignments a ON a.stage_id = s.stage_id AND a.team_id = s.team_id AND a.user_id = s.user_id
         WHERE s.stage_id = $1 ORDER BY s.team_id, u.display_name",
    )
    .bind(stage)
    .fetch_all(db)
    .await
}

// ---------- results ----------

pub struct ResultLine {
    pub team: i64,
    pub rank: u32,
    pub raw: f64,
    pub normalised: f64,
    pub advances: bool,
}

pub async fn put_results(db: &mut Conn, stage: i64, lines: &[ResultLine]) -> sqlx::Result<()> {
    sql::query("DELETE FROM stage_results WHERE stage_id = $1").bind(stage).execute(&mut *db).await?;
    for l in lines {
        sql::query(
            "INSERT INTO stage_results (stage_id, team_id, rank, raw, normalised, advances) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(stage)
        .bind(l.team)
        .bind(l.rank)
        .bind(l.raw)
        .bind(l.normalised)
        .bind(l.advances)
        .execute(&mut *db)
        .await?;
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct RankRow {
    team_id: i64,
    team_name: String,
    org_id: Option<i64>,
    org_name_zh: Option<String>,
    org_name_en: Option<String>,
    track_zh: String,
    track_en: Option<String>,
    rank: i64,
    normalised: f64,
}

/// The placed teams of the competition's last stage, per track in rank order.
pub async fn final_ranking(db: &mut Conn, competition: i64) -> sqlx::Result<Vec<NoticeRank>> {
    let rows: Vec<RankRow> = sql::query_as(
        "SELECT t.id AS team_id, t.name AS team_name, t.org_id, o.name_zh AS org_name_zh, o.name_en AS org_name_en,
                k.name_zh AS track_zh, k.name_en AS track_en, r.rank, r.normalised
         FROM stage_results r JOIN teams t ON t.id = r.team_id JOIN competition_tracks k ON k.id = t.track_id
         LEFT JOIN organizations o ON o.id = t.org_id
         WHERE r.advances AND r.stage_id =
             (SELECT id FROM competition_stages WHERE competition_id = $1 ORDER BY position DESC LIMIT 1)
         ORDER BY k.position, r.rank",
    )
    .bind(competition)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| NoticeRank {
            team_id: r.team_id,
            team_name: r.team_name,
            org: r.org_id.zip(r.org_name_zh).map(|(id, name_zh)| OrgRef { id, name_zh, name_en: r.org_name_en }),
            track_zh: r.track_zh,
            track_en: r.track_en,
            rank: u32::try_from(r.rank).unwrap_or(0),
            normalised: r.normalised,
        })
        .collect())
}

// ---------- audit ----------

pub async fn audit(
    db: &mut Conn,
    competition: i64,
    user: Option<i64>,
    action: &str,
    detail: &serde_json::Value,
    now: OffsetDateTime,
) -> sqlx::Result<()> {
    sql::query(
        "INSERT INTO competition_audit (competition_id, user_id, action, detail, at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(competition)
    .bind(user)
    .bind(action)
    .bind(detail.to_string())
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn audit_log(db: &mut Conn, competition: i64) -> sqlx::Result<Vec<AuditEntry>> {
    let rows: Vec<(i64, String, Option<String>, String, OffsetDateTime)> = sql::query_as(
        "SELECT a.id, a.action, u.display_name, a.detail, a.at FROM competition_audit a
         LEFT JOIN users u ON u.id = a.user_id WHERE a.competition_id = $1 ORDER BY a.id DESC LIMIT 1000",
    )
    .bind(competition)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|(id, action, user, detail, at)| AuditEntry { id, action, user, detail, at }).collect())
}

/// What this capability holds about a person, for their data export (see `crate::facts::personal_data`).
pub const PERSONAL_DATA: &[sql::Section] = &[sql::Section {
    name: "competition_teams",
    sql: "SELECT json_group_array(json_object('team_id', t.id, 'team', t.name, 'competition_id', t.competition_id,
                'leader', CASE WHEN m.leader THEN json('true') ELSE json('false') END, 'registered_at', t.created_at))
         FROM team_members m JOIN teams t ON t.id = m.team_id WHERE m.email = $2",
}];

/// Erases what this capability holds only about a person whose account is being deleted: the address on competition teams
/// (`$1` id, `$2` email, `$3` now, `$4` the anonymous address; see [`sql::erase`]).
pub const ERASE: &[&str] = &["UPDATE team_members SET email = $4 WHERE email = $2"];
