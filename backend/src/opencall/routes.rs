//! Thin handlers for open calls (揭榜挂帅) and public notices (公示).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use shared::ApiError;
use shared::engage::Attachment;
use shared::opencall::{Application, ApplicationInput, Notice, NoticeDecision, NoticeQuery, Selection, Text};
use shared::page::Page;

use super::ops;
use crate::AppState;
use crate::accounts::{AdminUser, CurrentUser};
use crate::engage::routes::UploadQuery;
use crate::error::AppResult;
use crate::http::extract::{Body, Json, Path, Query, Upload};

/// Applications to an open call: all for its owner, your own otherwise.
#[utoipa::path(get, path = shared::paths::template::DEMAND_APPLICATIONS, tag = "open calls", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<Application>), (status = 401, body = ApiError), (status = 404, body = ApiError)))]
pub async fn list(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<Vec<Application>>> {
    Ok(Json(ops::list(&state, &current.user, id).await?))
}

/// Apply to an open call, once per organization, until its deadline.
#[utoipa::path(post, path = shared::paths::template::DEMAND_APPLICATIONS, tag = "open calls", params(("id" = i64, Path)),
    request_body = ApplicationInput,
    responses((status = 201, body = Application), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 409, body = ApiError), (status = 422, description = "Invalid, or after the deadline", body = ApiError)))]
pub async fn apply(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
    Json(input): Json<ApplicationInput>,
) -> AppResult<(StatusCode, Json<Application>)> {
    Ok((StatusCode::CREATED, Json(ops::apply(&state, &current.user, id, input).await?)))
}

/// Revise your application until the deadline.
#[utoipa::path(put, path = shared::paths::template::DEMAND_APPLICATION, tag = "open calls",
    params(("id" = i64, Path), ("app" = i64, Path)), request_body = ApplicationInput,
    responses((status = 200, body = Application), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn revise(
    State(state): State<AppState>,
    current: CurrentUser,
    Path((id, app)): Path<(i64, i64)>,
    Json(input): Json<ApplicationInput>,
) -> AppResult<Json<Application>> {
    Ok(Json(ops::revise(&state, &current.user, id, app, input).await?))
}

/// Shortlist an application (the call's owner).
#[utoipa::path(post, path = shared::paths::template::DEMAND_APPLICATION_SHORTLIST, tag = "open calls",
    params(("id" = i64, Path), ("app" = i64, Path)),
    responses((status = 200, body = Application), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 409, body = ApiError)))]
pub async fn shortlist(
    State(state): State<AppState>,
    current: CurrentUser,
    Path((id, app)): Path<(i64, i64)>,
) -> AppResult<Json<Application>> {
    Ok(Json(ops::shortlist(&state, &current.user, id, app).await?))
}

/// Ask the applicant to clarify (the call's owner).
#[utoipa::path(post, path = shared::paths::template::DEMAND_APPLICATION_CLARIFICATIONS, tag = "open calls",
    params(("id" = i64, Path), ("app" = i64, Path)), request_body = Text,
    responses((status = 200, body = Application), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 422, body = ApiError)))]
pub async fn ask(
    State(state): State<AppState>,
    current: CurrentUser,
    Path((id, app)): Path<(i64, i64)>,
    Json(q): Json<Text>,
) -> AppResult<Json<Application>> {
    Ok(Json(ops::ask(&state, &current.user, id, app, q).await?))
}

/// Answer a clarification (the applicant).
#[utoipa::path(post, path = shared::paths::template::DEMAND_APPLICATION_CLARIFICATION_ANSWER, tag = "open calls",
    params(("id" = i64, Path), ("app" = i64, Path), ("question" = i64, Path)), request_body = Text,
    responses((status = 200, body = Application), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 422, body = ApiError)))]
pub async fn answer(
    State(state): State<AppState>,
    current: CurrentUser,
    Path((id, app, question)): Path<(i64, i64, i64)>,
    Json(a): Json<Text>,
) -> AppResult<Json<Application>> {
    Ok(Json(ops::answer(&state, &current.user, id, app, question, a).await?))
}

/// Attach a PDF or image (≤ 10 MB) to your application until the deadline; the raw body.
#[utoipa::path(post, path = shared::paths::template::DEMAND_APPLICATION_ATTACHMENTS, tag = "open calls",
    params(("id" = i64, Path), ("app" = i64, Path), UploadQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream",
        description = "The file's bytes: a PDF, PNG, JPEG, GIF or WebP (checked by content), at most 10 MiB; `name` gives its file name"),
    responses((status = 201, body = Attachment), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 413, body = ApiError), (status = 415, body = ApiError), (status = 422, body = ApiError)))]
pub async fn upload(
    State(state): State<AppState>,
    current: CurrentUser,
    Path((id, app)): Path<(i64, i64)>,
    Query(q): Query<UploadQuery>,
    Body(bytes): Upload,
) -> AppResult<(StatusCode, Json<Attachment>)> {
    Ok((StatusCode::CREATED, Json(ops::upload(&state, &current.user, id, app, &q.name, &bytes).await?)))
}

/// Download an application's file (its applicant, the call's owner, site admins).
#[utoipa::path(get, path = shared::paths::template::APPLICATION_FILE, tag = "open calls", params(("id" = i64, Path)),
    responses((status = 200, content_type = "application/octet-stream"), (status = 404, body = ApiError)))]
pub async fn download(State(state): State<AppState>, current: CurrentUser, Path(id): Path<i64>) -> AppResult<Response> {
    let (file, bytes) = ops::download(&state, &current.user, id).await?;
    Ok(crate::files::response(&file, bytes))
}

/// Select the winners after the deadline and publish the result as a notice (the call's owner).
#[utoipa::path(post, path = shared::paths::template::DEMAND_NOTICE, tag = "open calls", params(("id" = i64, Path)),
    request_body = Selection,
    responses((status = 201, body = Notice), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 409, description = "Before the deadline, or already published", body = ApiError),
              (status = 422, body = ApiError)))]
pub async fn select(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
    Json(s): Json<Selection>,
) -> AppResult<(StatusCode, Json<Notice>)> {
    Ok((StatusCode::CREATED, Json(ops::select(&state, &current.user, id, s).await?)))
}

/// Public notices of open-call results, newest first.
#[utoipa::path(get, path = shared::paths::template::NOTICES, tag = "open calls", params(NoticeQuery),
    responses((status = 200, body = Page<Notice>), (status = 400, body = ApiError)))]
pub async fn notices(State(state): State<AppState>, Query(q): Query<NoticeQuery>) -> AppResult<Json<Page<Notice>>> {
    Ok(Json(ops::notices(&state, q).await?))
}

/// One public notice with its objections (anonymous) and history.
#[utoipa::path(get, path = shared::paths::template::NOTICE, tag = "open calls", params(("id" = i64, Path)),
    responses((status = 200, body = Notice), (status = 404, body = ApiError)))]
pub async fn notice(State(state): State<AppState>, Path(id): Path<i64>) -> AppResult<Json<Notice>> {
    Ok(Json(ops::notice(&state, id).await?))
}

/// File an objection during the notice period (signed-in users).
#[utoipa::path(post, path = shared::paths::template::NOTICE_OBJECTIONS, tag = "open calls", params(("id" = i64, Path)),
    request_body = Text,
    responses((status = 201, body = Notice), (status = 401, body = ApiError), (status = 404, body = ApiError),
              (status = 422, description = "Invalid, or the window has closed", body = ApiError)))]
pub async fn object(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
    Json(t): Json<Text>,
) -> AppResult<(StatusCode, Json<Notice>)> {
    Ok((StatusCode::CREATED, Json(ops::object(&state, &current.user, id, t).await?)))
}

/// Answer an objection (the call's owner or a site admin).
#[utoipa::path(post, path = shared::paths::template::NOTICE_OBJECTION_ANSWER, tag = "open calls",
    params(("id" = i64, Path), ("objection" = i64, Path)), request_body = Text,
    responses((status = 200, body = Notice), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 422, body = ApiError)))]
pub async fn answer_objection(
    State(state): State<AppState>,
    current: CurrentUser,
    Path((id, objection)): Path<(i64, i64)>,
    Json(t): Json<Text>,
) -> AppResult<Json<Notice>> {
    Ok(Json(ops::answer_objection(&state, &current.user, id, objection, t).await?))
}

/// Decide a result left with unanswered objections (site admins).
#[utoipa::path(post, path = shared::paths::template::NOTICE_DECISION, tag = "admin", params(("id" = i64, Path)),
    request_body = NoticeDecision,
    responses((status = 200, body = Notice), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn decide(
    State(state): State<AppState>,
    admin: AdminUser,
    Path(id): Path<i64>,
    Json(d): Json<NoticeDecision>,
) -> AppResult<Json<Notice>> {
    Ok(Json(ops::decide(&state, &admin.0, id, d).await?))
}
