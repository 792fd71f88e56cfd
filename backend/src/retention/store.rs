//! SQL of the retention settings (each capability deletes its own old rows).

use crate::db::Conn;
use crate::db::sql;
use shared::privacy::{Retention, RetentionInput};
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

/// Records that the settings were applied at `at`.
pub async fn applied(db: &mut Conn, at: OffsetDateTime) -> sqlx::Result<()> {
    sql::query("UPDATE retention SET applied_at = $1 WHERE id = 1").bind(at).execute(db).await?;
    Ok(())
}
