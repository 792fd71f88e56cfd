//! SQL of the retention settings and of the deletions they cause.

use crate::db::Conn;
use crate::db::sql;
use shared::privacy::{Retention, RetentionInput, RetentionReport};
use time::OffsetDateTime;

pub async fn get(db: &mut Conn) -> sqlx::Result<Retention> {
    let (messages_days, logs_days, applied_at): (Option<i64>, Option<i64>, Option<OffsetDateTime>) =
        sql::query_as("SELECT messages_days, logs_days, applied_at FROM retention WHERE id = 1").fetch_one(db).await?;
    let days = |d: Option<i64>| d.and_then(|d| u32::try_from(d).ok());
    Ok(Retention { messages_days: days(messages_days), logs_days: days(logs_days), applied_at })
}

pub async fn set(db: &mut Conn, r: &RetentionInput, user: i64, at: OffsetDateTime) -> sqlx::Result<()> {
    sql::query(
        "UPDATE retention SET messages_days = $1, logs_days = $2, updated_by = $3, updated_at = $4 WHERE id = 1",
    )
    .bind(r.messages_days)
    .bind(r.logs_days)
    .bind(user)
    .bind(at)
    .execute(db)
    .await?;
    Ok(())
}

async fn delete(db: &mut Conn, sql: &str, before: OffsetDateTime) -> sqlx::Result<u64> {
    Ok(sql::query(sql).bind(before).execute(db).await?.rows_affected())
}

/// Deletes messages older than `messages` and logs older than `logs` (either may be absent) and
/// records when; what was deleted, counted.
pub async fn apply(
    db: &mut Conn,
    messages: Option<OffsetDateTime>,
    logs: Option<OffsetDateTime>,
    at: OffsetDateTime,
) -> sqlx::Result<RetentionReport> {
    let mut report = RetentionReport::default();
    if let Some(before) = messages {
        report.messages = delete(db, "DELETE FROM messages WHERE at < $1", before).await?;
        report.event_messages = delete(db, "DELETE FROM event_messages WHERE created_at < $1", before).await?;
    }
    if let Some(before) = logs {
        report.login_failures = delete(db, "DELETE FROM login_failures WHERE failed_at < $1", before).await?;
        report.emails = delete(db, "DELETE FROM outbox WHERE sent_at IS NOT NULL AND created_at < $1", before).await?;
        report.notifications =
            delete(db, "DELETE FROM notifications WHERE read_at IS NOT NULL AND created_at < $1", before).await?;
    }
    sql::query("UPDATE retention SET applied_at = $1 WHERE id = 1").bind(at).execute(db).await?;
    Ok(report)
}
