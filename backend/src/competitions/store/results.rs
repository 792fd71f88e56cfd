//! SQL for a stage's results and the final ranking.

use super::*;

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
pub(super) struct RankRow {
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
