//! Thin handlers. Each kind gets its own concrete paths (so each is documented), all calling the
//! same operations in `ops`.

use axum::extract::State;
use axum::http::StatusCode;
use shared::ApiError;
use shared::market::{
    ModerationRequest, NewPosting, Posting, PostingInput, PostingKind, PostingQuery, PostingSummary, Transition,
};
use shared::page::Page;

use axum::response::Response;

use super::{export, ops};
use crate::AppState;
use crate::accounts::{AdminUser, CurrentUser, MaybeUser};
use crate::error::{AppError, AppResult};
use crate::http::extract::{Json, Path, Query, RawJson};

macro_rules! posting_routes {
    ($module:ident, $kind:expr, $tag:literal, $list:expr, $one:expr, $submit:expr, $close:expr,
     $xlsx:expr, $csv:expr) => {
        pub mod $module {
            use super::*;

            /// Published postings (and, with `mine` or `status`, the caller's own in any state).
            #[utoipa::path(get, path = $list, tag = $tag, params(PostingQuery),
                responses((status = 200, body = Page<PostingSummary>), (status = 400, body = ApiError)))]
            pub async fn list(
                State(state): State<AppState>,
                user: MaybeUser,
                Query(q): Query<PostingQuery>,
            ) -> AppResult<RawJson> {
                Ok(RawJson(ops::list(&state, user.0.as_ref(), $kind, q).await?))
            }

            /// Create a draft for one of your organizations.
            #[utoipa::path(post, path = $list, tag = $tag, request_body = NewPosting,
                responses((status = 201, body = Posting), (status = 401, body = ApiError),
                          (status = 403, description = "Not a member, or this kind of organization cannot post it", body = ApiError),
                          (status = 422, body = ApiError)))]
            pub async fn create(
                State(state): State<AppState>,
                current: CurrentUser,
                Json(req): Json<NewPosting>,
            ) -> AppResult<(StatusCode, Json<Posting>)> {
                Ok((StatusCode::CREATED, Json(ops::create(&state, &current.user, $kind, req).await?)))
            }

            /// One posting; details only for verified organizations, unpublished ones only for their owners.
            #[utoipa::path(get, path = $one, tag = $tag, params(("id" = i64, Path)),
                responses((status = 200, body = Posting), (status = 404, body = ApiError)))]
            pub async fn get(State(state): State<AppState>, user: MaybeUser, Path(id): Path<i64>) -> AppResult<Json<Posting>> {
                let mut db = state.db.acquire().await?;
                Ok(Json(ops::view(&mut db, $kind, id, user.0.as_ref()).await?))
            }

            /// Edit; an edit of a published posting is reviewed while the live version stays up.
            #[utoipa::path(put, path = $one, tag = $tag, params(("id" = i64, Path)), request_body = PostingInput,
                responses((status = 200, body = Posting), (status = 403, body = ApiError), (status = 404, body = ApiError),
                          (status = 409, body = ApiError), (status = 422, body = ApiError)))]
            pub async fn update(
                State(state): State<AppState>,
                current: CurrentUser,
                Path(id): Path<i64>,
                Json(input): Json<PostingInput>,
            ) -> AppResult<Json<Posting>> {
                Ok(Json(ops::update(&state, &current.user, $kind, id, input).await?))
            }

            /// Submit for review (verified organizations only).
            #[utoipa::path(post, path = $submit, tag = $tag, params(("id" = i64, Path)),
                responses((status = 200, body = Posting), (status = 403, body = ApiError), (status = 404, body = ApiError),
                          (status = 409, body = ApiError)))]
            pub async fn submit(State(state): State<AppState>, current: CurrentUser, Path(id): Path<i64>) -> AppResult<Json<Posting>> {
                Ok(Json(ops::owner_transition(&state, &current.user, $kind, id, Transition::Submit).await?))
            }

            /// The list as an Excel workbook: every posting it shows the caller with these filters (all
            /// pages, at most 10,000), in the caller's language. Own postings in any state with `mine=true`.
            #[utoipa::path(get, path = $xlsx, tag = $tag, params(PostingQuery),
                responses((status = 200, description = "The workbook",
                           content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
            pub async fn export_xlsx(
                State(state): State<AppState>,
                user: MaybeUser,
                Query(q): Query<PostingQuery>,
            ) -> AppResult<Response> {
                let sheet = export::sheet(&state, user.0.as_ref(), $kind, q).await?;
                let bytes = crate::xlsx::workbook(std::slice::from_ref(&sheet))
                    .map_err(|e| AppError::Internal(anyhow::anyhow!("writing the workbook: {e}")))?;
                Ok(crate::xlsx::response(bytes, &format!("{}.xlsx", $kind.plural())))
            }

            /// The list as CSV (UTF-8 with a byte-order mark), as the workbook.
            #[utoipa::path(get, path = $csv, tag = $tag, params(PostingQuery),
                responses((status = 200, description = "The CSV text", content_type = "text/csv")))]
            pub async fn export_csv(
                State(state): State<AppState>,
                user: MaybeUser,
                Query(q): Query<PostingQuery>,
            ) -> AppResult<Response> {
                let sheet = export::sheet(&state, user.0.as_ref(), $kind, q).await?;
                Ok(crate::xlsx::csv_response(crate::xlsx::csv(&sheet), &format!("{}.csv", $kind.plural())))
            }

            /// Close (take down) a posting.
            #[utoipa::path(post, path = $close, tag = $tag, params(("id" = i64, Path)),
                responses((status = 200, body = Posting), (status = 403, body = ApiError), (status = 404, body = ApiError),
                          (status = 409, body = ApiError)))]
            pub async fn close(State(state): State<AppState>, current: CurrentUser, Path(id): Path<i64>) -> AppResult<Json<Posting>> {
                Ok(Json(ops::owner_transition(&state, &current.user, $kind, id, Transition::Close).await?))
            }
        }
    };
}

posting_routes!(
    demands,
    PostingKind::Demand,
    "demands",
    shared::paths::template::DEMANDS,
    shared::paths::template::DEMAND,
    shared::paths::template::DEMAND_SUBMIT,
    shared::paths::template::DEMAND_CLOSE,
    shared::paths::template::DEMANDS_EXPORT_XLSX,
    shared::paths::template::DEMANDS_EXPORT_CSV
);
posting_routes!(
    capabilities,
    PostingKind::Capability,
    "capabilities",
    shared::paths::template::CAPABILITIES,
    shared::paths::template::CAPABILITY,
    shared::paths::template::CAPABILITY_SUBMIT,
    shared::paths::template::CAPABILITY_CLOSE,
    shared::paths::template::CAPABILITIES_EXPORT_XLSX,
    shared::paths::template::CAPABILITIES_EXPORT_CSV
);
posting_routes!(
    scenarios,
    PostingKind::Scenario,
    "scenarios",
    shared::paths::template::SCENARIOS,
    shared::paths::template::SCENARIO,
    shared::paths::template::SCENARIO_SUBMIT,
    shared::paths::template::SCENARIO_CLOSE,
    shared::paths::template::SCENARIOS_EXPORT_XLSX,
    shared::paths::template::SCENARIOS_EXPORT_CSV
);
posting_routes!(
    mandates,
    PostingKind::Mandate,
    "mandates",
    shared::paths::template::MANDATES,
    shared::paths::template::MANDATE,
    shared::paths::template::MANDATE_SUBMIT,
    shared::paths::template::MANDATE_CLOSE,
    shared::paths::template::MANDATES_EXPORT_XLSX,
    shared::paths::template::MANDATES_EXPORT_CSV
);

/// The moderation queue (site admins).
#[utoipa::path(get, path = shared::paths::template::ADMIN_MODERATION, tag = "admin",
    responses((status = 200, body = Vec<Posting>), (status = 401, body = ApiError), (status = 403, body = ApiError)))]
pub async fn moderation_queue(State(state): State<AppState>, _admin: AdminUser) -> AppResult<Json<Vec<Posting>>> {
    Ok(Json(ops::queue(&state).await?))
}

/// Approve or reject one or more postings (site admins); all or nothing.
#[utoipa::path(post, path = shared::paths::template::ADMIN_MODERATION, tag = "admin", request_body = ModerationRequest,
    responses((status = 200, body = Vec<Posting>), (status = 401, body = ApiError), (status = 403, body = ApiError),
              (status = 404, body = ApiError), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn moderate(
    State(state): State<AppState>,
    AdminUser(admin): AdminUser,
    Json(req): Json<ModerationRequest>,
) -> AppResult<Json<Vec<Posting>>> {
    Ok(Json(ops::decide(&state, &admin, req).await?))
}
