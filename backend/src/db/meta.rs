//! `app_meta`: the platform's own settings by key (the tickets' signing key, the matching
//! engine's weights and vocabulary version). Keys are our constants, never input.

use super::{Conn, sql};

/// The value under `key`, if one is kept.
pub async fn meta(db: &mut Conn, key: &str) -> sqlx::Result<Option<String>> {
    let row: Option<(String,)> =
        sql::query_as("SELECT value FROM app_meta WHERE key = $1").bind(key).fetch_optional(db).await?;
    Ok(row.map(|(v,)| v))
}

/// Keeps `value` under `key` in `app_meta`, replacing what was there.
pub async fn set_meta(db: &mut Conn, key: &str, value: &str) -> sqlx::Result<()> {
    sql::query(
        "INSERT INTO app_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(key)
    .bind(value)
    .execute(db)
    .await?;
    Ok(())
}

/// The value under `key` in `app_meta`, keeping `value` there first if there was none (concurrent
/// first uses agree on one).
pub async fn meta_or_keep(db: &mut Conn, key: &str, value: &str) -> sqlx::Result<String> {
    sql::query("INSERT INTO app_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING")
        .bind(key)
        .bind(value)
        .execute(&mut *db)
        .await?;
    let (stored,): (String,) =
        sql::query_as("SELECT value FROM app_meta WHERE key = $1").bind(key).fetch_one(db).await?;
    Ok(stored)
}
