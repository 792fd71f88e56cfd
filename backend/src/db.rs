//! The database pool: SQLite in WAL mode with foreign keys and a busy timeout.

use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use crate::config::Config;

pub type Db = SqlitePool;

pub async fn connect(config: &Config) -> anyhow::Result<Db> {
    if config.database_url.is_none() {
        std::fs::create_dir_all(&config.data_dir)
            .with_context(|| format!("creating data folder {}", config.data_dir.display()))?;
    }
    let options = SqliteConnectOptions::from_str(&config.database_url())
        .context("parsing the database URL")?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5))
        // After a checkpoint the WAL file is cut back to 64 MiB instead of keeping its largest size.
        .pragma("journal_size_limit", "67108864");
    SqlitePoolOptions::new().max_connections(8).connect_with(options).await.context("opening the database")
}

pub async fn migrate(db: &Db) -> anyhow::Result<()> {
    sqlx::migrate!("./migrations").run(db).await.context("applying migrations")
}

/// A consistent online copy of the whole database (`VACUUM INTO`), safe while serving.
pub async fn backup(db: &Db, file: &std::path::Path) -> anyhow::Result<()> {
    anyhow::ensure!(!file.exists(), "{} already exists; choose a new file", file.display());
    sqlx::query("VACUUM INTO $1")
        .bind(file.to_string_lossy().as_ref())
        .execute(db)
        .await
        .context("writing the backup")?;
    Ok(())
}

/// True when the error is a unique-constraint violation (a duplicate).
pub fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.is_unique_violation())
}

/// The current time in UTC, truncated to whole seconds. SQLite stores timestamps as RFC 3339
/// text; with no fractional part every stored value has the same shape, so text comparison in
/// SQL (`expires_at > $1`) orders them correctly.
pub fn now() -> time::OffsetDateTime {
    let t = time::OffsetDateTime::now_utc();
    t.replace_nanosecond(0).unwrap_or(t)
}

/// The codes in a tag table (`org_domains`, `posting_domains`, ...) for several owners in one query,
/// each owner's codes in `position` order. `table` and `key` are our own identifiers, never input.
pub async fn codes_of(
    db: &mut sqlx::SqliteConnection,
    table: &'static str,
    key: &'static str,
    ids: &[i64],
) -> sqlx::Result<std::collections::HashMap<i64, Vec<String>>> {
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let mut qb = sqlx::QueryBuilder::<sqlx::Sqlite>::new(format!("SELECT {key}, code FROM {table} WHERE {key} IN ("));
    let mut list = qb.separated(", ");
    for id in ids {
        list.push_bind(*id);
    }
    qb.push(format!(") ORDER BY {key}, position"));
    let rows: Vec<(i64, String)> = qb.build_query_as().fetch_all(db).await?;
    Ok(group(rows))
}

/// (key, value) pairs, in order, as each key's list of values.
pub fn group(pairs: Vec<(i64, String)>) -> std::collections::HashMap<i64, Vec<String>> {
    let mut map = std::collections::HashMap::<i64, Vec<String>>::new();
    for (key, value) in pairs {
        map.entry(key).or_default().push(value);
    }
    map
}
