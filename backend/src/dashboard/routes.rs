//! Thin handlers of the dashboard (public) and of the plan targets (site admins).

use axum::extract::State;
use axum::response::Response;
use shared::ApiError;
use shared::dashboard::{Activity, ActivityQuery, TargetInput, TargetView};

use crate::AppState;
use crate::accounts::AdminUser;
use crate::error::AppResult;
use crate::http::extract::{Json, Path, Query};
use crate::http::locale::current_locale;

/// The plan's targets with their goal, current value, source and date.
#[utoipa::path(get, path = shared::paths::template::DASHBOARD_TARGETS, tag = "dashboard",
    responses((status = 200, body = Vec<TargetView>)))]
pub async fn targets(State(state): State<AppState>) -> AppResult<Json<Vec<TargetView>>> {
    let mut db = state.db.acquire().await?;
    Ok(Json(super::targets(&mut db).await?))
}

/// The activity of a period (weeks), optionally of one 5+X field: weekly series, by field, by
/// district, totals and the funnel.
#[utoipa::path(get, path = shared::paths::template::DASHBOARD_ACTIVITY, tag = "dashboard", params(ActivityQuery),
    responses((status = 200, body = Activity), (status = 422, body = ApiError)))]
pub async fn activity(State(state): State<AppState>, Query(q): Query<ActivityQuery>) -> AppResult<Json<Activity>> {
    let mut db = state.db.acquire().await?;
    let tax = crate::taxonomy::load(&mut db).await?;
    let period = q.parse(&tax, super::today())?;
    Ok(Json(super::activity(&mut db, &period, &tax).await?))
}

/// The targets and the period's activity as Excel, in the caller's language.
#[utoipa::path(get, path = shared::paths::template::DASHBOARD_EXPORT_XLSX, tag = "dashboard", params(ActivityQuery),
    responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
              (status = 422, body = ApiError)))]
pub async fn export(State(state): State<AppState>, Query(q): Query<ActivityQuery>) -> AppResult<Response> {
    let mut db = state.db.acquire().await?;
    let tax = crate::taxonomy::load(&mut db).await?;
    let period = q.parse(&tax, super::today())?;
    let activity = super::activity(&mut db, &period, &tax).await?;
    let targets = super::targets(&mut db).await?;
    let sheets = super::figures::sheets(&targets, &activity, &tax, current_locale());
    let bytes = crate::xlsx::workbook(&sheets).map_err(|e| crate::error::AppError::Internal(e.into()))?;
    let name = format!(
        "dashboard-{}-{}.xlsx",
        shared::dashboard::format_date(period.from),
        shared::dashboard::format_date(period.to)
    );
    Ok(crate::xlsx::response(bytes, &name))
}

/// Set a target's goal, how it is counted, and its manual figure (site admins; audited).
#[utoipa::path(put, path = shared::paths::template::ADMIN_TARGET, tag = "admin", params(("code" = String, Path)),
    request_body = TargetInput,
    responses((status = 200, body = TargetView), (status = 401, body = ApiError), (status = 403, body = ApiError),
              (status = 404, body = ApiError), (status = 422, body = ApiError)))]
pub async fn update_target(
    State(state): State<AppState>,
    admin: AdminUser,
    Path(code): Path<String>,
    Json(input): Json<TargetInput>,
) -> AppResult<Json<TargetView>> {
    let tax = {
        let mut db = state.db.acquire().await?;
        crate::taxonomy::load(&mut db).await?
    };
    let update = input.parse(&tax, super::today())?;
    Ok(Json(super::update_target(&state, &admin.0, &code, update).await?))
}
