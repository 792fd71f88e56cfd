//! Thin handlers for competitions and judging.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use shared::ApiError;
use shared::competitions::{
    AuditEntry, Certificate, Competition, CompetitionInput, EntryJudges, JudgingEntry, PanelInput, PanelInvitation,
    PublishResults, ScoreInput, StageAssignment, StageResults, Submission, SubmissionInput, Team, TeamInput,
    TeamPerson,
};
use shared::opencall::Notice;
use shared::page::{Page, PageQuery};

use super::{judging, ops};
use crate::AppState;
use crate::accounts::{CurrentUser, MaybeUser};
use crate::engage::routes::UploadQuery;
use crate::error::AppResult;
use crate::http::extract::{Body, Json, Path, Query};

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CompetitionQuery {
    /// Words to look for in titles, descriptions, eligibility and organizers; the best fits first.
    pub q: Option<String>,
    /// 1-based page number.
    pub page: Option<u32>,
    /// Items per page, 1–100 (default 20).
    pub per_page: Option<u32>,
}

/// Every competition, newest first (with `q`, the best fits first).
#[utoipa::path(get, path = shared::paths::template::COMPETITIONS, tag = "competitions", params(CompetitionQuery),
    responses((status = 200, body = Page<Competition>), (status = 422, body = ApiError)))]
pub async fn list(
    State(state): State<AppState>,
    user: MaybeUser,
    Query(q): Query<CompetitionQuery>,
) -> AppResult<Json<Page<Competition>>> {
    let all = ops::list(&state, user.0.as_ref(), q.q.as_deref()).await?;
    Ok(Json(Page::window(all, PageQuery { page: q.page, per_page: q.per_page })))
}

/// Create a competition (members of an organizer organization).
#[utoipa::path(post, path = shared::paths::template::COMPETITIONS, tag = "competitions", request_body = CompetitionInput,
    responses((status = 201, body = Competition), (status = 401, body = ApiError), (status = 403, body = ApiError),
              (status = 422, body = ApiError)))]
pub async fn create(
    State(state): State<AppState>,
    current: CurrentUser,
    Json(input): Json<CompetitionInput>,
) -> AppResult<(StatusCode, Json<Competition>)> {
    Ok((StatusCode::CREATED, Json(ops::create(&state, &current.user, input).await?)))
}

#[utoipa::path(get, path = shared::paths::template::COMPETITION, tag = "competitions", params(("id" = i64, Path)),
    responses((status = 200, body = Competition), (status = 404, body = ApiError)))]
pub async fn get(State(state): State<AppState>, user: MaybeUser, Path(id): Path<i64>) -> AppResult<Json<Competition>> {
    Ok(Json(ops::get(&state, user.0.as_ref(), id).await?))
}

/// Change a competition (its organizers); with teams registered its shape stays (409).
#[utoipa::path(put, path = shared::paths::template::COMPETITION, tag = "competitions", params(("id" = i64, Path)),
    request_body = CompetitionInput,
    responses((status = 200, body = Competition), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn update(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
    Json(input): Json<CompetitionInput>,
) -> AppResult<Json<Competition>> {
    Ok(Json(ops::update(&state, &current.user, id, input).await?))
}

/// Open a draft competition to the public (those who run it, once their organization is verified;
/// 403 `not_verified` before).
#[utoipa::path(post, path = shared::paths::template::COMPETITION_OPEN, tag = "competitions", params(("id" = i64, Path)),
    responses((status = 200, body = Competition), (status = 401, body = ApiError), (status = 403, body = ApiError),
              (status = 404, body = ApiError)))]
pub async fn open(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<Competition>> {
    Ok(Json(ops::publish(&state, &current.user, id).await?))
}

/// The teams: all for the organizers, one's own for anyone else.
#[utoipa::path(get, path = shared::paths::template::COMPETITION_TEAMS, tag = "competitions", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<Team>), (status = 401, body = ApiError), (status = 404, body = ApiError)))]
pub async fn teams(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<Vec<Team>>> {
    Ok(Json(ops::teams(&state, &current.user, id).await?))
}

/// Register a team led by the caller, in a track, before the first deadline.
#[utoipa::path(post, path = shared::paths::template::COMPETITION_TEAMS, tag = "competitions", params(("id" = i64, Path)),
    request_body = TeamInput,
    responses((status = 201, body = Team), (status = 401, body = ApiError), (status = 404, body = ApiError),
              (status = 409, description = "Already on a team of this competition", body = ApiError),
              (status = 422, body = ApiError)))]
pub async fn register(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
    Json(input): Json<TeamInput>,
) -> AppResult<(StatusCode, Json<Team>)> {
    Ok((StatusCode::CREATED, Json(ops::register(&state, &current.user, id, input).await?)))
}

/// Every score change and decision (the organizers).
#[utoipa::path(get, path = shared::paths::template::COMPETITION_AUDIT, tag = "competitions", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<AuditEntry>), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn audit(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<Vec<AuditEntry>>> {
    Ok(Json(judging::audit(&state, &current.user, id).await?))
}

/// Publish the final results as a public notice with an objection window (the last stage closed).
#[utoipa::path(post, path = shared::paths::template::COMPETITION_PUBLISH, tag = "competitions", params(("id" = i64, Path)),
    request_body = PublishResults,
    responses((status = 201, body = Notice), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn publish(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
    Json(p): Json<PublishResults>,
) -> AppResult<(StatusCode, Json<Notice>)> {
    let notice = judging::publish(&state, &current.user, id, p).await?;
    Ok((StatusCode::CREATED, Json(crate::opencall::ops::notice(&state, notice).await?)))
}

/// Join the team the caller was invited to (one team per person and competition; 409
/// `already_in_team`).
#[utoipa::path(post, path = shared::paths::template::TEAM_JOIN, tag = "competitions", params(("id" = i64, Path)),
    responses((status = 200, body = Team), (status = 401, body = ApiError), (status = 403, body = ApiError),
              (status = 404, description = "No invitation for the caller", body = ApiError), (status = 409, body = ApiError)))]
pub async fn join_team(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<Team>> {
    Ok(Json(ops::answer_team(&state, &current.user, id, true).await?))
}

/// Decline the invitation to a team.
#[utoipa::path(post, path = shared::paths::template::TEAM_DECLINE, tag = "competitions", params(("id" = i64, Path)),
    responses((status = 200, body = Team), (status = 401, body = ApiError), (status = 403, body = ApiError),
              (status = 404, description = "No invitation for the caller", body = ApiError)))]
pub async fn decline_team(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<Team>> {
    Ok(Json(ops::answer_team(&state, &current.user, id, false).await?))
}

/// Leave the team (members; the leader first hands over, 409 `leader_must_hand_over`; a leader alone
/// before any submission withdraws the team).
#[utoipa::path(post, path = shared::paths::template::TEAM_LEAVE, tag = "competitions", params(("id" = i64, Path)),
    responses((status = 204, description = "Left"), (status = 401, body = ApiError), (status = 404, body = ApiError),
              (status = 409, body = ApiError)))]
pub async fn leave_team(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<StatusCode> {
    ops::leave_team(&state, &current.user, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Hand the team to a member who joined (its leader).
#[utoipa::path(post, path = shared::paths::template::TEAM_LEADER, tag = "competitions", params(("id" = i64, Path)),
    request_body = TeamPerson,
    responses((status = 200, body = Team), (status = 401, body = ApiError), (status = 403, body = ApiError),
              (status = 404, body = ApiError), (status = 422, body = ApiError)))]
pub async fn hand_over(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
    Json(to): Json<TeamPerson>,
) -> AppResult<Json<Team>> {
    Ok(Json(ops::hand_over(&state, &current.user, id, to).await?))
}

/// Invite one more person to the team by email (its leader).
#[utoipa::path(post, path = shared::paths::template::TEAM_MEMBERS, tag = "competitions", params(("id" = i64, Path)),
    request_body = TeamPerson,
    responses((status = 200, body = Team), (status = 401, body = ApiError), (status = 403, body = ApiError),
              (status = 404, body = ApiError), (status = 422, body = ApiError)))]
pub async fn invite_member(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
    Json(who): Json<TeamPerson>,
) -> AppResult<Json<Team>> {
    Ok(Json(ops::invite_member(&state, &current.user, id, who).await?))
}

/// A team (those listed on it and the organizers; 404 for anyone else).
#[utoipa::path(get, path = shared::paths::template::TEAM, tag = "competitions", params(("id" = i64, Path)),
    responses((status = 200, body = Team), (status = 401, body = ApiError), (status = 404, body = ApiError)))]
pub async fn team(State(state): State<AppState>, current: CurrentUser, Path(id): Path<i64>) -> AppResult<Json<Team>> {
    Ok(Json(ops::team(&state, &current.user, id).await?))
}

/// A placed team's certificate, once the results are final (public).
#[utoipa::path(get, path = shared::paths::template::TEAM_CERTIFICATE, tag = "competitions", params(("id" = i64, Path)),
    responses((status = 200, body = Certificate), (status = 404, body = ApiError)))]
pub async fn certificate(State(state): State<AppState>, Path(id): Path<i64>) -> AppResult<Json<Certificate>> {
    Ok(Json(judging::certificate(&state, id).await?))
}

/// Every version of the team's submission to a stage, newest first.
#[utoipa::path(get, path = shared::paths::template::TEAM_STAGE_SUBMISSIONS, tag = "competitions",
    params(("id" = i64, Path), ("stage" = i64, Path)),
    responses((status = 200, body = Vec<Submission>), (status = 401, body = ApiError), (status = 404, body = ApiError)))]
pub async fn versions(
    State(state): State<AppState>,
    current: CurrentUser,
    Path((id, stage)): Path<(i64, i64)>,
) -> AppResult<Json<Vec<Submission>>> {
    Ok(Json(ops::versions(&state, &current.user, id, stage).await?))
}

/// Submit (a new version of) the texts for a stage until its deadline; after it, 422.
#[utoipa::path(put, path = shared::paths::template::TEAM_STAGE_SUBMISSION, tag = "competitions",
    params(("id" = i64, Path), ("stage" = i64, Path)), request_body = SubmissionInput,
    responses((status = 200, body = Submission), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 422, description = "Invalid, or the deadline passed (frozen)", body = ApiError)))]
pub async fn submit(
    State(state): State<AppState>,
    current: CurrentUser,
    Path((id, stage)): Path<(i64, i64)>,
    Json(input): Json<SubmissionInput>,
) -> AppResult<Json<Submission>> {
    Ok(Json(ops::submit(&state, &current.user, id, stage, input).await?))
}

/// Upload the business plan, a PDF of at most 20 MB (raw body), as a new version.
#[utoipa::path(post, path = shared::paths::template::TEAM_STAGE_PLAN, tag = "competitions",
    params(("id" = i64, Path), ("stage" = i64, Path), UploadQuery),
    request_body(content = Vec<u8>, content_type = "application/pdf",
        description = "The business plan's bytes: a PDF (checked by content), at most 20 MiB; `name` gives its file name"),
    responses((status = 201, body = Submission), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 413, body = ApiError), (status = 415, body = ApiError), (status = 422, body = ApiError)))]
pub async fn upload_plan(
    State(state): State<AppState>,
    current: CurrentUser,
    Path((id, stage)): Path<(i64, i64)>,
    Query(q): Query<UploadQuery>,
    Body(bytes): Body<{ shared::competitions::PLAN_MAX }>,
) -> AppResult<(StatusCode, Json<Submission>)> {
    Ok((StatusCode::CREATED, Json(ops::upload_plan(&state, &current.user, id, stage, &q.name, &bytes).await?)))
}

/// Download a submission's business plan (the team, organizers, the entry's judges).
#[utoipa::path(get, path = shared::paths::template::SUBMISSION_PLAN, tag = "competitions", params(("id" = i64, Path)),
    responses((status = 200, content_type = "application/pdf"), (status = 404, body = ApiError)))]
pub async fn plan(State(state): State<AppState>, current: CurrentUser, Path(id): Path<i64>) -> AppResult<Response> {
    let (file, bytes) = ops::plan(&state, &current.user, id).await?;
    Ok(crate::files::response(&file, bytes))
}

/// The panels the caller (an expert) was invited to, with their answers.
#[utoipa::path(get, path = shared::paths::template::JUDGING_INVITATIONS, tag = "competitions",
    responses((status = 200, body = Vec<PanelInvitation>), (status = 401, body = ApiError)))]
pub async fn panel_invitations(
    State(state): State<AppState>,
    current: CurrentUser,
) -> AppResult<Json<Vec<PanelInvitation>>> {
    Ok(Json(judging::invitations(&state, &current.user).await?))
}

/// Accept the invitation to judge a stage (then entries may be assigned to you).
#[utoipa::path(post, path = shared::paths::template::STAGE_PANEL_ACCEPT, tag = "competitions", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<PanelInvitation>), (status = 401, body = ApiError), (status = 403, body = ApiError),
              (status = 404, description = "No open invitation", body = ApiError)))]
pub async fn accept_panel(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<Vec<PanelInvitation>>> {
    Ok(Json(judging::answer(&state, &current.user, id, true).await?))
}

/// Decline the invitation to judge a stage.
#[utoipa::path(post, path = shared::paths::template::STAGE_PANEL_DECLINE, tag = "competitions", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<PanelInvitation>), (status = 401, body = ApiError), (status = 403, body = ApiError),
              (status = 404, description = "No open invitation", body = ApiError)))]
pub async fn decline_panel(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<Vec<PanelInvitation>>> {
    Ok(Json(judging::answer(&state, &current.user, id, false).await?))
}

/// Set a stage's judging panel from approved experts (before release): newly listed experts are
/// invited, and judge once they accept.
#[utoipa::path(put, path = shared::paths::template::STAGE_PANEL, tag = "competitions", params(("id" = i64, Path)),
    request_body = PanelInput,
    responses((status = 200, body = StageAssignment), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn panel(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
    Json(p): Json<PanelInput>,
) -> AppResult<Json<StageAssignment>> {
    Ok(Json(judging::set_panel(&state, &current.user, id, p).await?))
}

/// The stage's panel, assignment and loads (organizers).
#[utoipa::path(get, path = shared::paths::template::STAGE_ASSIGNMENT, tag = "competitions", params(("id" = i64, Path)),
    responses((status = 200, body = StageAssignment), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn assignment(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<StageAssignment>> {
    Ok(Json(judging::assignment(&state, &current.user, id).await?))
}

/// Assign k judges to every entry after the deadline (min-cost flow; 422 on `panel` when too few).
#[utoipa::path(post, path = shared::paths::template::STAGE_ASSIGNMENT, tag = "competitions", params(("id" = i64, Path)),
    responses((status = 200, body = StageAssignment), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn assign(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<StageAssignment>> {
    Ok(Json(judging::assign(&state, &current.user, id).await?))
}

/// Change one entry's judges by hand before release (no conflicts: 422).
#[utoipa::path(put, path = shared::paths::template::STAGE_ASSIGNMENT_TEAM, tag = "competitions",
    params(("id" = i64, Path), ("team" = i64, Path)), request_body = EntryJudges,
    responses((status = 200, body = StageAssignment), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn set_entry(
    State(state): State<AppState>,
    current: CurrentUser,
    Path((id, team)): Path<(i64, i64)>,
    Json(e): Json<EntryJudges>,
) -> AppResult<Json<StageAssignment>> {
    Ok(Json(judging::set_entry(&state, &current.user, id, team, e).await?))
}

/// Give the judges their entries; the stage is judged from now on.
#[utoipa::path(post, path = shared::paths::template::STAGE_RELEASE, tag = "competitions", params(("id" = i64, Path)),
    responses((status = 200, body = StageAssignment), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 409, body = ApiError)))]
pub async fn release(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<StageAssignment>> {
    Ok(Json(judging::release(&state, &current.user, id).await?))
}

/// Raw and normalised results as they stand (organizers).
#[utoipa::path(get, path = shared::paths::template::STAGE_RESULTS, tag = "competitions", params(("id" = i64, Path)),
    responses((status = 200, body = StageResults), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn results(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<StageResults>> {
    Ok(Json(judging::results(&state, &current.user, id).await?))
}

/// Close a judged stage: results fixed, the best of each track advance.
#[utoipa::path(post, path = shared::paths::template::STAGE_CLOSE, tag = "competitions", params(("id" = i64, Path)),
    responses((status = 200, body = StageResults), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn close(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<StageResults>> {
    Ok(Json(judging::close(&state, &current.user, id).await?))
}

/// The stage's ranking and every score sheet as Excel (organizers).
#[utoipa::path(get, path = shared::paths::template::STAGE_SCORES_XLSX, tag = "competitions", params(("id" = i64, Path)),
    responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
              (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn workbook(State(state): State<AppState>, current: CurrentUser, Path(id): Path<i64>) -> AppResult<Response> {
    let bytes = judging::workbook(&state, &current.user, id).await?;
    Ok(crate::xlsx::response(bytes, &format!("stage-{id}-scores.xlsx")))
}

/// The caller's entries to judge.
#[utoipa::path(get, path = shared::paths::template::JUDGING, tag = "competitions",
    responses((status = 200, body = Vec<JudgingEntry>), (status = 401, body = ApiError)))]
pub async fn my_entries(State(state): State<AppState>, current: CurrentUser) -> AppResult<Json<Vec<JudgingEntry>>> {
    Ok(Json(judging::my_entries(&state, &current.user).await?))
}

/// An assigned entry with its latest submission (404 unless assigned to the caller).
#[utoipa::path(get, path = shared::paths::template::JUDGING_TEAM, tag = "competitions",
    params(("stage" = i64, Path), ("team" = i64, Path)),
    responses((status = 200, body = JudgingEntry), (status = 401, body = ApiError), (status = 404, body = ApiError)))]
pub async fn entry(
    State(state): State<AppState>,
    current: CurrentUser,
    Path((stage, team)): Path<(i64, i64)>,
) -> AppResult<Json<JudgingEntry>> {
    Ok(Json(judging::entry(&state, &current.user, stage, team).await?))
}

/// Score an assigned entry per criterion with comments; changeable until the stage closes (409 after).
#[utoipa::path(put, path = shared::paths::template::JUDGING_TEAM, tag = "competitions",
    params(("stage" = i64, Path), ("team" = i64, Path)), request_body = ScoreInput,
    responses((status = 200, body = JudgingEntry), (status = 404, body = ApiError), (status = 409, body = ApiError),
              (status = 422, body = ApiError)))]
pub async fn score(
    State(state): State<AppState>,
    current: CurrentUser,
    Path((stage, team)): Path<(i64, i64)>,
    Json(s): Json<ScoreInput>,
) -> AppResult<Json<JudgingEntry>> {
    Ok(Json(judging::score(&state, &current.user, stage, team, s).await?))
}
