//! Thin handlers for the organizers' exports and the event's report.

use super::*;

/// The event as an iCalendar file for calendar apps.
#[utoipa::path(get, path = shared::paths::template::EVENT_CALENDAR_ICS, tag = "events", params(("id" = i64, Path)),
    responses((status = 200, content_type = "text/calendar"), (status = 404, body = ApiError)))]
pub async fn calendar(
    State(state): State<AppState>,
    user: MaybeUser,
    Path(id): Path<i64>,
) -> AppResult<axum::response::Response> {
    let event = ops::get(&state, user.0.as_ref(), id).await?;
    let url = format!("{}/events/{id}", state.config.site_url());
    Ok(crate::events::ics::response(
        crate::events::ics::event(&event, &url, crate::db::now()),
        &format!("event-{id}.ics"),
    ))
}

/// The attendee list as CSV (organizers).
#[utoipa::path(get, path = shared::paths::template::EVENT_REGISTRATIONS_CSV, tag = "events",
    params(("id" = i64, Path), shared::events::ExportSelection),
    responses((status = 200, content_type = "text/csv"), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 422, body = ApiError)))]
pub async fn registrations_csv(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
    Query(selection): Query<shared::events::ExportSelection>,
) -> AppResult<axum::response::Response> {
    let csv = ops::registrations_csv(&state, &current.user, id, selection).await?;
    Ok(crate::xlsx::csv_response(csv, &format!("event-{id}-registrations.csv")))
}

/// The organizers' figures: by status, ticket type, organization kind, domain, district and day,
/// and the check-in rate.
#[utoipa::path(get, path = shared::paths::template::EVENT_REPORT, tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = EventReport), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn report(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<EventReport>> {
    Ok(Json(ops::report(&state, &current.user, id).await?))
}

/// The attendee list with statuses and check-ins, and the figures, as an Excel workbook (organizers).
#[utoipa::path(get, path = shared::paths::template::EVENT_REGISTRATIONS_XLSX, tag = "events", params(("id" = i64, Path)),
    responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
              (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn registrations_xlsx(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<axum::response::Response> {
    let bytes = ops::registrations_xlsx(&state, &current.user, id).await?;
    Ok(crate::xlsx::response(bytes, &format!("event-{id}-registrations.xlsx")))
}
