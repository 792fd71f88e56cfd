//! SQL for versioned submissions and business plans.

use super::*;

#[derive(sqlx::FromRow)]
pub(super) struct SubmissionRow {
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

pub(super) const SUBMISSION: &str = "SELECT s.id, s.stage_id, s.version, s.summary, s.video_url, s.extras, s.plan_name,
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
/// A submission's team and stage, and its business plan if it has one.
pub struct SubmissionPlan {
    pub team: i64,
    pub stage: i64,
    pub plan: Option<Plan>,
}

pub async fn submission_plan(db: &mut Conn, id: i64) -> sqlx::Result<Option<SubmissionPlan>> {
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
        SubmissionPlan { team: r.team_id, stage: r.stage_id, plan }
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
