//! SQL for a competition's set-up (tracks, stages, the rubric) and its audit log; teams,
//! submissions, judging and results each in the file named after it beside this one.

use crate::db::Conn;
use crate::db::sql;
use shared::competitions::{
    AuditEntry, CompetitionInput, Criterion, ExtraField, JudgeRef, PanelStatus, ScoreInput, StageStatus, Submission,
    TeamMember, TeamMemberStatus, Track,
};
use shared::engage::OrgRef;
use shared::opencall::NoticeRank;
use time::OffsetDateTime;

mod judging;
mod results;
mod submissions;
mod teams;

pub use judging::*;
pub use results::*;
pub use submissions::*;
pub use teams::*;

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
/// (`$1` id, `$2` email, `$3` now, `$4` the anonymous address; see `facts::Erasing::erase`).
pub const ERASE: &[&str] = &["UPDATE team_members SET email = $4 WHERE email = $2"];
