//! Thin handlers of the import.

use axum::extract::State;
use axum::response::Response;
use shared::ApiError;
use shared::Locale;
use shared::imports::{IMPORT_MAX, ImportQuery, ImportReport, TemplateQuery};

use super::{ops, template};
use crate::AppState;
use crate::accounts::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::http::extract::{Body, Json, Query};

/// Preview an import, or with `confirm=true` write it: every row of the file becomes a posting, or,
/// if any row has a problem, none does (422 `import_invalid`). The body is the file: an .xlsx
/// workbook (no macros) or a UTF-8/GBK .csv of one kind, at most 10 MiB and 10,000 rows. Members
/// import into their organization (`org_id`); site admins may leave `org_id` out to import on
/// behalf of the organizations the rows name.
#[utoipa::path(post, path = shared::paths::template::IMPORTS, tag = "imports", params(ImportQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream",
        description = "The spreadsheet's bytes (.xlsx or .csv), at most 10 MiB"),
    responses((status = 200, body = ImportReport), (status = 401, body = ApiError), (status = 403, body = ApiError),
              (status = 404, body = ApiError), (status = 413, body = ApiError),
              (status = 415, description = "A macro-enabled or legacy .xls workbook", body = ApiError),
              (status = 422, description = "A damaged file, a missing org_id, or a confirmed import with problems", body = ApiError)))]
pub async fn import(
    State(state): State<AppState>,
    current: CurrentUser,
    Query(q): Query<ImportQuery>,
    Body(bytes): Body<IMPORT_MAX>,
) -> AppResult<Json<ImportReport>> {
    Ok(Json(ops::import(&state, &current.user, q, &bytes).await?))
}

/// The import template: instructions, one sheet per kind with drop-down lists and an example row,
/// in `lang` (by default the caller's language).
#[utoipa::path(get, path = shared::paths::template::IMPORTS_TEMPLATE_XLSX, tag = "imports", params(TemplateQuery),
    responses((status = 200, description = "The workbook",
               content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
pub async fn template(State(state): State<AppState>, Query(q): Query<TemplateQuery>) -> AppResult<Response> {
    let locale = q.lang.as_deref().and_then(Locale::from_tag).unwrap_or_else(crate::http::locale::current_locale);
    let tax = {
        let mut db = state.db.acquire().await?;
        crate::taxonomy::load(&mut db).await?
    };
    let bytes = template::workbook(&tax, locale)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("writing the template: {e}")))?;
    let name = if locale == Locale::ZhCn { "futurematch-import-zh.xlsx" } else { "futurematch-import-en.xlsx" };
    Ok(crate::xlsx::response(bytes, name))
}
