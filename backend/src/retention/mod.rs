//! Retention of personal data: site admins set how long messages and logs are kept; what is older
//! is deleted every day (and on demand). The audit log is not subject to it: it is append-only and
//! kept as the security record.

pub mod routes;
mod store;

use shared::privacy::{Retention, RetentionInput, RetentionReport};
use time::{Duration, OffsetDateTime};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::accounts::SessionUser;
use crate::error::AppResult;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(routes::get, routes::put)).routes(routes!(routes::apply))
}

/// The moment before which data kept for `days` is due.
pub fn cutoff(days: Option<u32>, now: OffsetDateTime) -> Option<OffsetDateTime> {
    days.and_then(|d| now.checked_sub(Duration::days(i64::from(d))))
}

/// Changes the settings, recorded in the audit log.
pub async fn update(state: &AppState, user: &SessionUser, input: RetentionInput) -> AppResult<Retention> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock_key(&mut tx, crate::db::Key::Settings).await?;
    let before = store::get(&mut tx).await?;
    store::set(&mut tx, &input, user.id, crate::db::now()).await?;
    let after = store::get(&mut tx).await?;
    let json = |r: &Retention| serde_json::json!({ "messages_days": r.messages_days, "logs_days": r.logs_days });
    crate::audit::record(&mut tx, Some(user), "retention.edit", "retention", json(&before), json(&after)).await?;
    tx.commit().await?;
    Ok(after)
}

/// Deletes what the settings no longer keep; an admin's run is in the audit log with its counts.
pub async fn apply(state: &AppState, user: Option<&SessionUser>) -> AppResult<RetentionReport> {
    let now = crate::db::now();
    let mut tx = crate::db::begin_write(&state.db).await?;
    let settings = store::get(&mut tx).await?;
    let report = purge(&mut tx, cutoff(settings.messages_days, now), cutoff(settings.logs_days, now)).await?;
    store::applied(&mut tx, now).await?;
    if user.is_some() {
        let after = serde_json::to_value(&report).unwrap_or_default();
        crate::audit::record(&mut tx, user, "retention.apply", "retention", serde_json::Value::Null, after).await?;
    }
    tx.commit().await?;
    Ok(report)
}

/// Deletes messages older than `messages` and logs older than `logs` (either may be absent), each
/// by the capability that owns them; what was deleted, counted.
async fn purge(
    tx: &mut crate::db::Conn,
    messages: Option<OffsetDateTime>,
    logs: Option<OffsetDateTime>,
) -> sqlx::Result<RetentionReport> {
    let mut report = RetentionReport::default();
    if let Some(before) = messages {
        report.messages = crate::engage::delete_messages_before(tx, before).await?;
        report.event_messages = crate::events::delete_messages_before(tx, before).await?;
    }
    if let Some(before) = logs {
        report.login_failures = crate::accounts::delete_login_failures_before(tx, before).await?;
        report.emails = crate::notify::delete_sent_emails_before(tx, before).await?;
        report.notifications = crate::notify::delete_read_notifications_before(tx, before).await?;
    }
    Ok(report)
}

/// Applies the settings at start and then daily.
pub async fn daily(state: AppState) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(24 * 3600));
    loop {
        tick.tick().await;
        match state.clock.scope(apply(&state, None)).await {
            Ok(r) => tracing::info!(?r, "retention applied"),
            Err(e) => tracing::warn!(error = ?e, "applying retention"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_is_due_without_a_limit_and_a_limit_counts_back_whole_days() {
        let now = time::macros::datetime!(2026-11-30 12:00 UTC);
        assert_eq!(cutoff(None, now), None);
        assert_eq!(cutoff(Some(30), now), Some(time::macros::datetime!(2026-10-31 12:00 UTC)));
    }
}
