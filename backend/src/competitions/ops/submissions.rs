//! Submissions: versions while a stage is open, and the business plan file.

use super::*;

/// A new version of the team's texts for the stage (the latest plan is kept).
#[tracing::instrument(level = "debug", skip_all)]
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
#[tracing::instrument(level = "debug", skip_all)]
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
#[tracing::instrument(level = "debug", skip_all)]
pub async fn versions(state: &AppState, user: &SessionUser, team: i64, stage: i64) -> AppResult<Vec<Submission>> {
    let mut db = state.db.acquire().await?;
    if team_for(&mut db, user, team).await?.1 == TeamAccess::Invited {
        return Err(AppError::Forbidden);
    }
    Ok(store::versions(&mut db, team, stage).await?)
}

/// A submission's business plan: for the team, the organizers and the entry's released judges.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn plan(state: &AppState, user: &SessionUser, submission: i64) -> AppResult<(Attachment, Vec<u8>)> {
    let mut db = state.db.acquire().await?;
    let store::SubmissionPlan { team, stage, plan } =
        store::submission_plan(&mut db, submission).await?.ok_or(AppError::NotFound)?;
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
