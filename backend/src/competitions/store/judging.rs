//! SQL for judging: panels and their invitations, assignments, score sheets.

use super::*;

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
pub(super) struct InvitationRow {
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

/// What assignment needs to know of each panel judge, with the organizations they declared a
/// conflict with (by platform organization or by name); their own are added by the caller.
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
            "SELECT c.org_id FROM expert_conflicts c JOIN experts x ON x.id = c.expert_id WHERE x.user_id = $1",
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
/// A judge assigned to a team's entry.
#[derive(sqlx::FromRow)]
pub struct Assigned {
    pub team_id: i64,
    pub user_id: i64,
}

pub async fn assignments(db: &mut Conn, stage: i64) -> sqlx::Result<Vec<Assigned>> {
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
/// An entry a judge scores: its stage and team.
#[derive(sqlx::FromRow)]
pub struct JudgeEntry {
    pub stage_id: i64,
    pub team_id: i64,
}

pub async fn judge_entries(db: &mut Conn, judge: i64) -> sqlx::Result<Vec<JudgeEntry>> {
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
pub(super) struct SheetRow {
    vals: String,
    comments: String,
    comment: String,
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

impl From<SheetRow> for ScoreInput {
    fn from(r: SheetRow) -> Self {
        ScoreInput { values: parse(&r.vals), comments: parse(&r.comments), comment: r.comment }
    }
}
