//! A judge's side: the entries assigned to them and their score sheets.

use super::*;

pub(super) async fn judging_entry(
    db: &mut Conn,
    judge: i64,
    stage: i64,
    team: i64,
    detail: bool,
) -> AppResult<JudgingEntry> {
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
    for e in store::judge_entries(&mut db, user.id).await? {
        out.push(judging_entry(&mut db, user.id, e.stage_id, e.team_id, false).await?);
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
    crate::competitions::ops::lock_competition_of_stage(&mut tx, stage).await?;
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
