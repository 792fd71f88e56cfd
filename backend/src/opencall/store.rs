//! SQL for open calls: applications, their files and clarifications, notices and objections.

use crate::db::Conn;
use crate::db::sql;
use shared::engage::{Attachment, OrgRef};
use shared::opencall::{Application, ApplicationStatus, Clarification, NoticeEvent, NoticeStatus, Objection};
use time::OffsetDateTime;

#[derive(sqlx::FromRow)]
struct AppRow {
    id: i64,
    demand_id: i64,
    org_id: i64,
    name_zh: String,
    name_en: Option<String>,
    solution: String,
    team: String,
    budget: i64,
    timeline: String,
    status: String,
    created_at: OffsetDateTime,
    updated_at: OffsetDateTime,
}

const APPLICATION: &str = "SELECT a.id, a.demand_id, a.org_id, o.name_zh, o.name_en, a.solution, a.team, a.budget,
        a.timeline, a.status, a.created_at, a.updated_at
     FROM applications a JOIN organizations o ON o.id = a.org_id";

async fn complete(db: &mut Conn, r: AppRow) -> sqlx::Result<Application> {
    type FileRow = (i64, String, String, i64, String);
    let files: Vec<FileRow> = sql::query_as(
        "SELECT id, name, mime, size, sha256 FROM application_files WHERE application_id = $1 ORDER BY id",
    )
    .bind(r.id)
    .fetch_all(&mut *db)
    .await?;
    let questions: Vec<(i64, String, Option<String>, OffsetDateTime)> = sql::query_as(
        "SELECT id, question, answer, asked_at FROM clarifications WHERE application_id = $1 ORDER BY id",
    )
    .bind(r.id)
    .fetch_all(&mut *db)
    .await?;
    Ok(Application {
        id: r.id,
        demand_id: r.demand_id,
        org: OrgRef { id: r.org_id, name_zh: r.name_zh, name_en: r.name_en },
        solution: r.solution,
        team: r.team,
        budget: u32::try_from(r.budget).unwrap_or(0),
        timeline: r.timeline,
        status: ApplicationStatus::parse(&r.status).unwrap_or(ApplicationStatus::Submitted),
        attachments: files
            .into_iter()
            .map(|(id, name, mime, size, sha256)| Attachment {
                id,
                name,
                mime,
                size: u64::try_from(size).unwrap_or(0),
                sha256,
            })
            .collect(),
        clarifications: questions
            .into_iter()
            .map(|(id, question, answer, asked_at)| Clarification { id, question, answer, asked_at })
            .collect(),
        submitted_at: r.created_at,
        updated_at: r.updated_at,
    })
}

pub async fn application(db: &mut Conn, id: i64) -> sqlx::Result<Option<Application>> {
    let row: Option<AppRow> =
        sql::query_as(format!("{APPLICATION} WHERE a.id = $1")).bind(id).fetch_optional(&mut *db).await?;
    match row {
        Some(r) => Ok(Some(complete(db, r).await?)),
        None => Ok(None),
    }
}

/// A demand's applications, all of them (`orgs` = None) or those of these organizations.
pub async fn applications(db: &mut Conn, demand: i64, orgs: Option<&[i64]>) -> sqlx::Result<Vec<Application>> {
    let rows: Vec<AppRow> = sql::query_as(format!("{APPLICATION} WHERE a.demand_id = $1 ORDER BY a.id"))
        .bind(demand)
        .fetch_all(&mut *db)
        .await?;
    let mut out = vec![];
    for r in rows.into_iter().filter(|r| orgs.is_none_or(|o| o.contains(&r.org_id))) {
        out.push(complete(db, r).await?);
    }
    Ok(out)
}

pub struct Texts<'a> {
    pub solution: &'a str,
    pub team: &'a str,
    pub budget: u32,
    pub timeline: &'a str,
}

pub async fn insert(
    db: &mut Conn,
    demand: i64,
    org: i64,
    t: &Texts<'_>,
    user: i64,
    now: OffsetDateTime,
) -> sqlx::Result<i64> {
    let (id,): (i64,) = sql::query_as(
        "INSERT INTO applications (demand_id, org_id, solution, team, budget, timeline, status, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'submitted', $7, $8, $8) RETURNING id",
    )
    .bind(demand)
    .bind(org)
    .bind(t.solution)
    .bind(t.team)
    .bind(i64::from(t.budget))
    .bind(t.timeline)
    .bind(user)
    .bind(now)
    .fetch_one(db)
    .await?;
    Ok(id)
}

pub async fn revise(db: &mut Conn, id: i64, t: &Texts<'_>, now: OffsetDateTime) -> sqlx::Result<()> {
    sql::query(
        "UPDATE applications SET solution = $2, team = $3, budget = $4, timeline = $5, updated_at = $6 WHERE id = $1",
    )
    .bind(id)
    .bind(t.solution)
    .bind(t.team)
    .bind(i64::from(t.budget))
    .bind(t.timeline)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn set_status(db: &mut Conn, id: i64, status: ApplicationStatus, now: OffsetDateTime) -> sqlx::Result<()> {
    sql::query("UPDATE applications SET status = $2, updated_at = $3 WHERE id = $1")
        .bind(id)
        .bind(status.as_str())
        .bind(now)
        .execute(db)
        .await?;
    Ok(())
}

/// A stored file: its name, type, size and checksum.
pub struct FileMeta<'a> {
    pub name: &'a str,
    pub mime: &'a str,
    pub size: i64,
    pub sha256: &'a str,
}

pub async fn insert_file(
    db: &mut Conn,
    application: i64,
    user: i64,
    f: &FileMeta<'_>,
    now: OffsetDateTime,
) -> sqlx::Result<i64> {
    let (id,): (i64,) = sql::query_as(
        "INSERT INTO application_files (application_id, uploaded_by, name, mime, size, sha256, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(application)
    .bind(user)
    .bind(f.name)
    .bind(f.mime)
    .bind(f.size)
    .bind(f.sha256)
    .bind(now)
    .fetch_one(db)
    .await?;
    Ok(id)
}

/// A file with the application it belongs to.
pub async fn file(db: &mut Conn, id: i64) -> sqlx::Result<Option<(i64, Attachment)>> {
    let row: Option<(i64, String, String, i64, String)> =
        sql::query_as("SELECT application_id, name, mime, size, sha256 FROM application_files WHERE id = $1")
            .bind(id)
            .fetch_optional(db)
            .await?;
    Ok(row.map(|(app, name, mime, size, sha256)| {
        (app, Attachment { id, name, mime, size: u64::try_from(size).unwrap_or(0), sha256 })
    }))
}

pub async fn ask(db: &mut Conn, application: i64, question: &str, user: i64, now: OffsetDateTime) -> sqlx::Result<i64> {
    let (id,): (i64,) = sql::query_as(
        "INSERT INTO clarifications (application_id, question, asked_by, asked_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(application)
    .bind(question)
    .bind(user)
    .bind(now)
    .fetch_one(db)
    .await?;
    Ok(id)
}

/// Answers clarification `id` of `application`; false when there is no such open question.
pub async fn answer(
    db: &mut Conn,
    application: i64,
    id: i64,
    text: &str,
    user: i64,
    now: OffsetDateTime,
) -> sqlx::Result<bool> {
    let r = sql::query(
        "UPDATE clarifications SET answer = $3, answered_by = $4, answered_at = $5
         WHERE id = $1 AND application_id = $2 AND answer IS NULL",
    )
    .bind(id)
    .bind(application)
    .bind(text)
    .bind(user)
    .bind(now)
    .execute(db)
    .await?;
    Ok(r.rows_affected() > 0)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct NoticeRow {
    pub id: i64,
    pub demand_id: Option<i64>,
    pub competition_id: Option<i64>,
    pub rationale: String,
    pub status: String,
    pub published_at: OffsetDateTime,
    pub window_ends: OffsetDateTime,
    pub decision_note: Option<String>,
}

impl NoticeRow {
    pub fn status(&self) -> NoticeStatus {
        NoticeStatus::parse(&self.status).unwrap_or(NoticeStatus::Open)
    }
}

pub async fn insert_notice(
    db: &mut Conn,
    demand: i64,
    rationale: &str,
    user: i64,
    now: OffsetDateTime,
    window_ends: OffsetDateTime,
    winners: &[i64],
) -> sqlx::Result<i64> {
    let (id,): (i64,) = sql::query_as(
        "INSERT INTO notices (demand_id, rationale, status, published_by, published_at, window_ends)
         VALUES ($1, $2, 'open', $3, $4, $5) RETURNING id",
    )
    .bind(demand)
    .bind(rationale)
    .bind(user)
    .bind(now)
    .bind(window_ends)
    .fetch_one(&mut *db)
    .await?;
    for w in winners {
        sql::query("INSERT INTO notice_winners (notice_id, application_id) VALUES ($1, $2)")
            .bind(id)
            .bind(w)
            .execute(&mut *db)
            .await?;
    }
    Ok(id)
}

/// A competition's results notice (its ranking is the final stage's results).
pub async fn insert_competition_notice(
    db: &mut Conn,
    competition: i64,
    rationale: &str,
    user: i64,
    now: OffsetDateTime,
    window_ends: OffsetDateTime,
) -> sqlx::Result<i64> {
    let (id,): (i64,) = sql::query_as(
        "INSERT INTO notices (competition_id, rationale, status, published_by, published_at, window_ends)
         VALUES ($1, $2, 'open', $3, $4, $5) RETURNING id",
    )
    .bind(competition)
    .bind(rationale)
    .bind(user)
    .bind(now)
    .bind(window_ends)
    .fetch_one(db)
    .await?;
    Ok(id)
}

pub async fn notice(db: &mut Conn, id: i64) -> sqlx::Result<Option<NoticeRow>> {
    sql::query_as(
        "SELECT id, demand_id, competition_id, rationale, status, published_at, window_ends, decision_note FROM notices WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await
}

pub async fn notice_of(db: &mut Conn, demand: i64) -> sqlx::Result<Option<NoticeRow>> {
    sql::query_as(
        "SELECT id, demand_id, competition_id, rationale, status, published_at, window_ends, decision_note FROM notices WHERE demand_id = $1",
    )
    .bind(demand)
    .fetch_optional(db)
    .await
}

pub async fn notices(
    db: &mut Conn,
    status: Option<NoticeStatus>,
    limit: u32,
    offset: u64,
) -> sqlx::Result<(Vec<NoticeRow>, u64)> {
    let status = status.map(NoticeStatus::as_str);
    let (total,): (i64,) = sql::query_as("SELECT COUNT(*) FROM notices WHERE $1 IS NULL OR status = $1")
        .bind(status)
        .fetch_one(&mut *db)
        .await?;
    let rows = sql::query_as(
        "SELECT id, demand_id, competition_id, rationale, status, published_at, window_ends, decision_note FROM notices
         WHERE $3 IS NULL OR status = $3 ORDER BY published_at DESC, id DESC LIMIT $1 OFFSET $2",
    )
    .bind(limit)
    .bind(i64::try_from(offset).unwrap_or(i64::MAX))
    .bind(status)
    .fetch_all(db)
    .await?;
    Ok((rows, u64::try_from(total).unwrap_or(0)))
}

pub async fn winners(db: &mut Conn, notice: i64) -> sqlx::Result<Vec<OrgRef>> {
    let rows: Vec<(i64, String, Option<String>)> = sql::query_as(
        "SELECT o.id, o.name_zh, o.name_en FROM notice_winners w JOIN applications a ON a.id = w.application_id
         JOIN organizations o ON o.id = a.org_id WHERE w.notice_id = $1 ORDER BY a.id",
    )
    .bind(notice)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|(id, name_zh, name_en)| OrgRef { id, name_zh, name_en }).collect())
}

pub async fn set_notice_status(db: &mut Conn, id: i64, status: NoticeStatus, note: Option<&str>) -> sqlx::Result<()> {
    sql::query("UPDATE notices SET status = $2, decision_note = COALESCE($3, decision_note) WHERE id = $1")
        .bind(id)
        .bind(status.as_str())
        .bind(note)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn record(
    db: &mut Conn,
    notice: i64,
    action: &str,
    user: Option<i64>,
    note: Option<&str>,
    now: OffsetDateTime,
) -> sqlx::Result<()> {
    sql::query("INSERT INTO notice_events (notice_id, action, user_id, note, at) VALUES ($1, $2, $3, $4, $5)")
        .bind(notice)
        .bind(action)
        .bind(user)
        .bind(note)
        .bind(now)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn history(db: &mut Conn, notice: i64) -> sqlx::Result<Vec<NoticeEvent>> {
    let rows: Vec<(String, Option<String>, OffsetDateTime)> =
        sql::query_as("SELECT action, note, at FROM notice_events WHERE notice_id = $1 ORDER BY id")
            .bind(notice)
            .fetch_all(db)
            .await?;
    Ok(rows.into_iter().map(|(action, note, at)| NoticeEvent { action, note, at }).collect())
}

pub async fn objections(db: &mut Conn, notice: i64) -> sqlx::Result<Vec<Objection>> {
    type ObjectionRow = (i64, String, Option<String>, OffsetDateTime, Option<OffsetDateTime>);
    let rows: Vec<ObjectionRow> = sql::query_as(
        "SELECT id, grounds, answer, filed_at, answered_at FROM objections WHERE notice_id = $1 ORDER BY id",
    )
    .bind(notice)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, grounds, answer, filed_at, answered_at)| Objection { id, grounds, answer, filed_at, answered_at })
        .collect())
}

pub async fn object(db: &mut Conn, notice: i64, user: i64, grounds: &str, now: OffsetDateTime) -> sqlx::Result<i64> {
    let (id,): (i64,) = sql::query_as(
        "INSERT INTO objections (notice_id, user_id, grounds, filed_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(notice)
    .bind(user)
    .bind(grounds)
    .bind(now)
    .fetch_one(db)
    .await?;
    Ok(id)
}

/// Answers objection `id` of `notice` once; false when there is no such unanswered objection.
pub async fn answer_objection(
    db: &mut Conn,
    notice: i64,
    id: i64,
    text: &str,
    user: i64,
    now: OffsetDateTime,
) -> sqlx::Result<bool> {
    let r = sql::query(
        "UPDATE objections SET answer = $3, answered_by = $4, answered_at = $5
         WHERE id = $1 AND notice_id = $2 AND answer IS NULL",
    )
    .bind(id)
    .bind(notice)
    .bind(text)
    .bind(user)
    .bind(now)
    .execute(db)
    .await?;
    Ok(r.rows_affected() > 0)
}

/// Open notices whose window has closed.
/// A notice whose objection window closed, with its unanswered objections.
#[derive(sqlx::FromRow)]
pub struct WindowClosed {
    pub id: i64,
    pub unanswered: i64,
}

pub async fn windows_closed(db: &mut Conn, now: OffsetDateTime) -> sqlx::Result<Vec<WindowClosed>> {
    sql::query_as(
        "SELECT n.id, (SELECT COUNT(*) FROM objections o WHERE o.notice_id = n.id AND o.answer IS NULL) AS unanswered
         FROM notices n WHERE n.status = 'open' AND n.window_ends <= $1",
    )
    .bind(now)
    .fetch_all(db)
    .await
}

/// The applying organizations of a demand (to tell them the result).
pub async fn applicant_orgs(db: &mut Conn, demand: i64) -> sqlx::Result<Vec<i64>> {
    let rows: Vec<(i64,)> =
        sql::query_as("SELECT org_id FROM applications WHERE demand_id = $1").bind(demand).fetch_all(db).await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// Result notices under review after an objection, waiting for an admin decision.
pub async fn under_review_count(db: &mut Conn) -> sqlx::Result<u32> {
    let (n,): (i64,) =
        sql::query_as("SELECT COUNT(*) FROM notices WHERE status = 'under_review'").fetch_one(db).await?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}
