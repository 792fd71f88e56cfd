//! Thin handlers for engagements, conversations, attachments, blocks and reports.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use shared::ApiError;
use shared::engage::{
    Attachment, Block, Decline, Engagement, EngagementQuery, EngagementSummary, Message, NewEngagement, NewMessage,
    NewReport, OrgRef, ReadUpTo, Report, StageChange,
};
use shared::page::Page;

use super::ops;
use crate::AppState;
use crate::accounts::{AdminUser, CurrentUser};
use crate::error::AppResult;
use crate::http::extract::{Body, Json, Path, Query, Upload};

/// Send an interest request (对接申请) about a published posting, for one of your verified organizations.
#[utoipa::path(post, path = shared::paths::template::ENGAGEMENTS, tag = "engagements", request_body = NewEngagement,
    responses((status = 201, body = EngagementSummary), (status = 401, body = ApiError),
              (status = 403, description = "Not a member, not verified, or blocked", body = ApiError),
              (status = 404, body = ApiError), (status = 409, description = "Already requested", body = ApiError),
              (status = 422, body = ApiError), (status = 429, description = "Daily limit reached", body = ApiError)))]
pub async fn create(
    State(state): State<AppState>,
    current: CurrentUser,
    Json(req): Json<NewEngagement>,
) -> AppResult<(StatusCode, Json<EngagementSummary>)> {
    Ok((StatusCode::CREATED, Json(ops::create(&state, &current.user, req).await?)))
}

/// Ask the lab, the scenario's owner and the fund of a bundle at once, for the demand's organization.
#[utoipa::path(post, path = shared::paths::template::ENGAGEMENTS_BUNDLE, tag = "engagements", request_body = shared::engage::BundleRequest,
    responses((status = 201, description = "Requests sent; parties already asked are listed in `already`", body = shared::engage::BundleRequestResult),
              (status = 401, body = ApiError),
              (status = 403, description = "Not a member of the demand's organization, not verified, or blocked", body = ApiError),
              (status = 404, description = "No such demand, or a party's posting is not published", body = ApiError),
              (status = 422, body = ApiError), (status = 429, description = "Daily limit reached", body = ApiError)))]
pub async fn bundle(
    State(state): State<AppState>,
    current: CurrentUser,
    Json(req): Json<shared::engage::BundleRequest>,
) -> AppResult<(StatusCode, Json<shared::engage::BundleRequestResult>)> {
    Ok((StatusCode::CREATED, Json(ops::request_bundle(&state, &current.user, req).await?)))
}

/// Your organizations' requests and deals (the pipeline), newest activity first.
#[utoipa::path(get, path = shared::paths::template::ENGAGEMENTS, tag = "engagements", params(EngagementQuery),
    responses((status = 200, body = Page<EngagementSummary>), (status = 401, body = ApiError), (status = 403, body = ApiError)))]
pub async fn list(
    State(state): State<AppState>,
    current: CurrentUser,
    Query(q): Query<EngagementQuery>,
) -> AppResult<Json<Page<EngagementSummary>>> {
    Ok(Json(ops::list(&state, &current.user, q).await?))
}

/// The pipeline as an Excel workbook: every request and deal of your organizations these filters
/// show (all pages, at most 10,000), with the deals' terms, in your language.
#[utoipa::path(get, path = shared::paths::template::ENGAGEMENTS_EXPORT_XLSX, tag = "engagements", params(EngagementQuery),
    responses((status = 200, description = "The workbook",
               content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
              (status = 401, body = ApiError), (status = 403, body = ApiError)))]
pub async fn export_xlsx(
    State(state): State<AppState>,
    current: CurrentUser,
    Query(q): Query<EngagementQuery>,
) -> AppResult<Response> {
    let sheet = super::export::sheet(&state, &current.user, q).await?;
    let bytes = crate::xlsx::workbook(std::slice::from_ref(&sheet))
        .map_err(|e| crate::error::AppError::Internal(anyhow::anyhow!("writing the workbook: {e}")))?;
    Ok(crate::xlsx::response(bytes, "engagements.xlsx"))
}

/// The pipeline as CSV (UTF-8 with a byte-order mark), as the workbook.
#[utoipa::path(get, path = shared::paths::template::ENGAGEMENTS_EXPORT_CSV, tag = "engagements", params(EngagementQuery),
    responses((status = 200, description = "The CSV text", content_type = "text/csv"),
              (status = 401, body = ApiError), (status = 403, body = ApiError)))]
pub async fn export_csv(
    State(state): State<AppState>,
    current: CurrentUser,
    Query(q): Query<EngagementQuery>,
) -> AppResult<Response> {
    let sheet = super::export::sheet(&state, &current.user, q).await?;
    Ok(crate::xlsx::csv_response(crate::xlsx::csv(&sheet), "engagements.csv"))
}

/// One engagement with its history; both sides' contacts once accepted.
#[utoipa::path(get, path = shared::paths::template::ENGAGEMENT, tag = "engagements", params(("id" = i64, Path)),
    responses((status = 200, body = Engagement), (status = 401, body = ApiError), (status = 404, body = ApiError)))]
pub async fn get(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<Engagement>> {
    Ok(Json(ops::get(&state, &current.user, id).await?))
}

/// Accept a request (receiver): contacts are revealed and the conversation opens.
#[utoipa::path(post, path = shared::paths::template::ENGAGEMENT_ACCEPT, tag = "engagements", params(("id" = i64, Path)),
    responses((status = 200, body = Engagement), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 409, description = "Not pending, or expired", body = ApiError)))]
pub async fn accept(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<Engagement>> {
    Ok(Json(ops::accept(&state, &current.user, id).await?))
}

/// Decline a request with a reason (receiver).
#[utoipa::path(post, path = shared::paths::template::ENGAGEMENT_DECLINE, tag = "engagements", params(("id" = i64, Path)),
    request_body = Decline,
    responses((status = 200, body = Engagement), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn decline(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
    Json(d): Json<Decline>,
) -> AppResult<Json<Engagement>> {
    Ok(Json(ops::decline(&state, &current.user, id, d).await?))
}

/// Withdraw a pending request (sender).
#[utoipa::path(post, path = shared::paths::template::ENGAGEMENT_WITHDRAW, tag = "engagements", params(("id" = i64, Path)),
    responses((status = 200, body = Engagement), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 409, body = ApiError)))]
pub async fn withdraw(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<Engagement>> {
    Ok(Json(ops::withdraw(&state, &current.user, id).await?))
}

/// Move the deal on: negotiating → signed → completed, or failed with a reason.
#[utoipa::path(post, path = shared::paths::template::ENGAGEMENT_STAGE, tag = "engagements", params(("id" = i64, Path)),
    request_body = StageChange,
    responses((status = 200, body = Engagement), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn stage(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
    Json(change): Json<StageChange>,
) -> AppResult<Json<Engagement>> {
    Ok(Json(ops::stage(&state, &current.user, id, change).await?))
}

/// The conversation (after acceptance). Reading it changes nothing (see `POST …/read`).
#[utoipa::path(get, path = shared::paths::template::ENGAGEMENT_MESSAGES, tag = "engagements", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<Message>), (status = 404, body = ApiError), (status = 409, body = ApiError)))]
pub async fn messages(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<Vec<Message>>> {
    Ok(Json(ops::messages(&state, &current.user, id).await?))
}

/// Mark the conversation read up to a message (the last one the reader was shown).
#[utoipa::path(post, path = shared::paths::template::ENGAGEMENT_READ, tag = "engagements", params(("id" = i64, Path)),
    request_body = ReadUpTo,
    responses((status = 204, description = "Marked read"), (status = 401, body = ApiError), (status = 404, body = ApiError),
              (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn read(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
    Json(r): Json<ReadUpTo>,
) -> AppResult<StatusCode> {
    ops::read_up_to(&state, &current.user, id, r).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Write to the other side, with attachments uploaded before.
#[utoipa::path(post, path = shared::paths::template::ENGAGEMENT_MESSAGES, tag = "engagements", params(("id" = i64, Path)),
    request_body = NewMessage,
    responses((status = 201, body = Message), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn post_message(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
    Json(m): Json<NewMessage>,
) -> AppResult<(StatusCode, Json<Message>)> {
    Ok((StatusCode::CREATED, Json(ops::post_message(&state, &current.user, id, m).await?)))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UploadQuery {
    /// The file's name as the user chose it.
    pub name: String,
}

/// Upload a PDF or image (≤ 10 MB, type checked by content) as the raw body; send it with a message.
#[utoipa::path(post, path = shared::paths::template::ENGAGEMENT_ATTACHMENTS, tag = "engagements",
    params(("id" = i64, Path), UploadQuery), request_body(content = Vec<u8>, content_type = "application/octet-stream",
        description = "The file's bytes: a PDF, PNG, JPEG, GIF or WebP (checked by content), at most 10 MiB; `name` gives its file name"),
    responses((status = 201, body = Attachment), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 409, body = ApiError), (status = 413, body = ApiError), (status = 415, body = ApiError)))]
pub async fn upload(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
    Query(q): Query<UploadQuery>,
    Body(bytes): Upload,
) -> AppResult<(StatusCode, Json<Attachment>)> {
    Ok((StatusCode::CREATED, Json(ops::upload(&state, &current.user, id, &q.name, &bytes).await?)))
}

/// Download an attachment (the two sides and site admins).
#[utoipa::path(get, path = shared::paths::template::ATTACHMENT, tag = "engagements", params(("id" = i64, Path)),
    responses((status = 200, content_type = "application/octet-stream"), (status = 404, body = ApiError)))]
pub async fn download(State(state): State<AppState>, current: CurrentUser, Path(id): Path<i64>) -> AppResult<Response> {
    let (file, bytes) = ops::download(&state, &current.user, id).await?;
    Ok(crate::files::response(&file, bytes))
}

/// Organizations yours blocked: their requests are refused.
#[utoipa::path(get, path = shared::paths::template::ORG_BLOCKS, tag = "engagements", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<OrgRef>), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn blocks(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<Vec<OrgRef>>> {
    Ok(Json(ops::blocks(&state, &current.user, id).await?))
}

/// Block an organization's requests to yours.
#[utoipa::path(post, path = shared::paths::template::ORG_BLOCKS, tag = "engagements", params(("id" = i64, Path)), request_body = Block,
    responses((status = 200, body = Vec<OrgRef>), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 422, body = ApiError)))]
pub async fn block(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
    Json(b): Json<Block>,
) -> AppResult<Json<Vec<OrgRef>>> {
    Ok(Json(ops::block(&state, &current.user, id, b.org_id).await?))
}

/// Lift a block.
#[utoipa::path(delete, path = shared::paths::template::ORG_BLOCK, tag = "engagements",
    params(("id" = i64, Path), ("blocked" = i64, Path)),
    responses((status = 204), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn unblock(
    State(state): State<AppState>,
    current: CurrentUser,
    Path((id, blocked)): Path<(i64, i64)>,
) -> AppResult<StatusCode> {
    ops::unblock(&state, &current.user, id, blocked).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Report an organization's abuse to the site admins.
#[utoipa::path(post, path = shared::paths::template::REPORTS, tag = "engagements", request_body = NewReport,
    responses((status = 201), (status = 403, body = ApiError), (status = 404, body = ApiError), (status = 422, body = ApiError)))]
pub async fn report(
    State(state): State<AppState>,
    current: CurrentUser,
    Json(r): Json<NewReport>,
) -> AppResult<StatusCode> {
    ops::report(&state, &current.user, r).await?;
    Ok(StatusCode::CREATED)
}

/// Abuse reports, open ones first (site admins).
#[utoipa::path(get, path = shared::paths::template::ADMIN_REPORTS, tag = "admin",
    responses((status = 200, body = Vec<Report>), (status = 401, body = ApiError), (status = 403, body = ApiError)))]
pub async fn reports(State(state): State<AppState>, _admin: AdminUser) -> AppResult<Json<Vec<Report>>> {
    Ok(Json(ops::reports(&state).await?))
}
