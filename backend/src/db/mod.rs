//! The database: SQLite (embedded, the default: WAL mode, foreign keys, a busy timeout) or
//! PostgreSQL (`FUTUREMATCH_DATABASE_URL=postgres://...`, for several instances). Stores take a
//! [`Conn`] and run [`sql`] queries, which go to whichever driver the connection belongs to.

mod meta;
pub mod sql;

pub use meta::{meta, meta_or_keep, set_meta};

use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use sqlx::pool::PoolConnection;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgConnection, PgPool, Postgres, Sqlite, SqliteConnection, SqlitePool, Transaction};

pub use sql::Dialect;

use crate::config::Config;

/// The connection pool of one database or the other.
#[derive(Debug, Clone)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// A connection taken from the pool, or a transaction on one (rolled back when dropped without
/// [`Conn::commit`]).
pub enum Conn {
    Sqlite(PoolConnection<Sqlite>),
    SqliteTx(Transaction<'static, Sqlite>),
    Postgres(PoolConnection<Postgres>),
    PostgresTx(Transaction<'static, Postgres>),
}

/// The driver's own connection underneath a [`Conn`].
pub(crate) enum Raw<'c> {
    Sqlite(&'c mut SqliteConnection),
    Postgres(&'c mut PgConnection),
}

impl Db {
    pub fn dialect(&self) -> Dialect {
        match self {
            Db::Sqlite(_) => Dialect::Sqlite,
            Db::Postgres(_) => Dialect::Postgres,
        }
    }

    pub async fn acquire(&self) -> sqlx::Result<Conn> {
        Ok(match self {
            Db::Sqlite(pool) => Conn::Sqlite(pool.acquire().await?),
            Db::Postgres(pool) => Conn::Postgres(pool.acquire().await?),
        })
    }

    pub async fn close(&self) {
        match self {
            Db::Sqlite(pool) => pool.close().await,
            Db::Postgres(pool) => pool.close().await,
        }
    }
}

impl Conn {
    pub fn dialect(&self) -> Dialect {
        match self {
            Conn::Sqlite(_) | Conn::SqliteTx(_) => Dialect::Sqlite,
            Conn::Postgres(_) | Conn::PostgresTx(_) => Dialect::Postgres,
        }
    }

    pub(crate) fn raw(&mut self) -> Raw<'_> {
        match self {
            Conn::Sqlite(c) => Raw::Sqlite(c),
            Conn::SqliteTx(t) => Raw::Sqlite(t),
            Conn::Postgres(c) => Raw::Postgres(c),
            Conn::PostgresTx(t) => Raw::Postgres(t),
        }
    }

    /// Commits a transaction ([`begin_write`]); on a plain connection there is nothing to commit.
    pub async fn commit(self) -> sqlx::Result<()> {
        match self {
            Conn::SqliteTx(t) => t.commit().await,
            Conn::PostgresTx(t) => t.commit().await,
            Conn::Sqlite(_) | Conn::Postgres(_) => Ok(()),
        }
    }
}

/// Whether `url` names a PostgreSQL database.
pub fn is_postgres_url(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

pub async fn connect(config: &Config) -> anyhow::Result<Db> {
    open(config, None).await
}

/// The serving pool: [`connect`] with the configured maximum size, once migrations have run (they
/// must never stop half-way for want of room).
pub async fn connect_capped(config: &Config, migrated: Db) -> anyhow::Result<Db> {
    match (config.max_db_mb, &migrated) {
        (Some(mb), Db::Sqlite(_)) => {
            migrated.close().await;
            open(config, Some(mb)).await
        }
        _ => Ok(migrated),
    }
}

async fn open(config: &Config, max_mb: Option<u32>) -> anyhow::Result<Db> {
    let url = config.database_url();
    if is_postgres_url(&url) {
        // A row lock not granted within 5 s answers 503 busy, as SQLite's busy timeout does.
        let options =
            PgConnectOptions::from_str(&url).context("parsing the database URL")?.options([("lock_timeout", "5s")]);
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await
            .context("connecting to PostgreSQL")?;
        return Ok(Db::Postgres(pool));
    }
    if config.database_url.is_none() {
        std::fs::create_dir_all(&config.data_dir)
            .with_context(|| format!("creating data folder {}", config.data_dir.display()))?;
    }
    let options = SqliteConnectOptions::from_str(&url)
        .context("parsing the database URL")?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(match config.sqlite_synchronous {
            crate::config::SqliteSync::Full => SqliteSynchronous::Full,
            crate::config::SqliteSync::Normal => SqliteSynchronous::Normal,
        })
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5))
        // After a checkpoint the WAL file is cut back to 64 MiB instead of keeping its largest size.
        .pragma("journal_size_limit", "67108864");
    // SQLite's default page is 4 KiB: 256 pages to the MiB.
    let options = match max_mb {
        Some(mb) => options.pragma("max_page_count", (u64::from(mb) * 256).to_string()),
        None => options,
    };
    let pool =
        SqlitePoolOptions::new().max_connections(8).connect_with(options).await.context("opening the database")?;
    Ok(Db::Sqlite(pool))
}

pub async fn migrate(db: &Db) -> anyhow::Result<()> {
    match db {
        Db::Sqlite(pool) => sqlx::migrate!("./migrations/sqlite").run(pool).await.context("applying migrations"),
        Db::Postgres(pool) => sqlx::migrate!("./migrations/postgres").run(pool).await.context("applying migrations"),
    }
}

/// A consistent online copy of the whole database (`VACUUM INTO`), safe while serving.
pub async fn backup(db: &Db, file: &std::path::Path) -> anyhow::Result<()> {
    let Db::Sqlite(db) = db else {
        anyhow::bail!("backup copies the embedded SQLite database; back PostgreSQL up with pg_dump")
    };
    anyhow::ensure!(!file.exists(), "{} already exists; choose a new file", file.display());
    sqlx::query("VACUUM INTO $1")
        .bind(file.to_string_lossy().as_ref())
        .execute(db)
        .await
        .context("writing the backup")?;
    let copy = open_read_only(file).await?;
    check_sqlite(&copy).await.context("checking the backup")?;
    copy.close().await;
    Ok(())
}

/// Whether SQLite finds the database sound (`PRAGMA integrity_check`).
pub async fn integrity_check(db: &Db) -> anyhow::Result<()> {
    let Db::Sqlite(db) = db else { return Ok(()) };
    check_sqlite(db).await
}

async fn check_sqlite(db: &SqlitePool) -> anyhow::Result<()> {
    let rows: Vec<(String,)> = sqlx::query_as("PRAGMA integrity_check").fetch_all(db).await?;
    let problems: Vec<String> = rows.into_iter().map(|(r,)| r).filter(|r| r != "ok").collect();
    anyhow::ensure!(problems.is_empty(), "integrity check failed: {}", problems.join("; "));
    Ok(())
}

/// Opens a database file as it is: read-only, no migrations.
async fn open_read_only(file: &std::path::Path) -> anyhow::Result<SqlitePool> {
    let options = SqliteConnectOptions::new().filename(file).read_only(true);
    SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await
        .with_context(|| format!("opening {}", file.display()))
}

/// The database file of the embedded configuration (`None` for a custom database URL).
pub fn database_file(config: &Config) -> Option<std::path::PathBuf> {
    config.database_url.is_none().then(|| config.data_dir.join("futurematch.db"))
}

/// Holds the data folder for this process: a second server, or a restore while a server runs, is
/// refused instead of sharing or replacing a database under a running server. Released on exit.
pub fn lock_data_dir(config: &Config) -> anyhow::Result<Option<std::fs::File>> {
    if config.database_url.is_some() {
        return Ok(None);
    }
    std::fs::create_dir_all(&config.data_dir)
        .with_context(|| format!("creating data folder {}", config.data_dir.display()))?;
    let path = config.data_dir.join("futurematch.lock");
    let file = std::fs::File::create(&path).with_context(|| format!("opening {}", path.display()))?;
    match file.try_lock() {
        Ok(()) => Ok(Some(file)),
        Err(std::fs::TryLockError::WouldBlock) => {
            anyhow::bail!("{} is in use by another futurematch process; stop it first", config.data_dir.display())
        }
        Err(std::fs::TryLockError::Error(e)) => Err(e).with_context(|| format!("locking {}", path.display())),
    }
}

/// Puts the backup `file` in place of the database, after checking it: the database it replaces is
/// kept beside it as `futurematch.db.before-restore-<time>` (with its WAL), then migrations bring
/// the restored copy up to this version. Refused while a server holds the data folder.
pub async fn restore(config: &Config, file: &std::path::Path) -> anyhow::Result<std::path::PathBuf> {
    let target = database_file(config).context("restore works on the embedded database (no custom database URL)")?;
    let _lock = lock_data_dir(config)?;
    let backup = open_read_only(file).await?;
    check_sqlite(&backup).await.with_context(|| format!("{} is damaged", file.display()))?;
    let (migrations,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('_sqlx_migrations', 'users', 'organizations')",
    )
    .fetch_one(&backup)
    .await?;
    anyhow::ensure!(migrations == 3, "{} is not a FutureMatch database", file.display());
    backup.close().await;
    let incoming = target.with_extension("db.restoring");
    std::fs::copy(file, &incoming).with_context(|| format!("copying {}", file.display()))?;
    let stamp = now().unix_timestamp();
    let kept = target.with_file_name(format!("futurematch.db.before-restore-{stamp}"));
    for suffix in ["", "-wal", "-shm"] {
        let from = std::path::PathBuf::from(format!("{}{suffix}", target.display()));
        if from.exists() {
            std::fs::rename(&from, format!("{}{suffix}", kept.display()))
                .with_context(|| format!("moving {} aside", from.display()))?;
        }
    }
    std::fs::rename(&incoming, &target).context("putting the backup in place")?;
    let db = connect(config).await?;
    migrate(&db).await?;
    integrity_check(&db).await?;
    db.close().await;
    Ok(kept)
}

/// True when the error is a unique-constraint violation (a duplicate).
pub fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.is_unique_violation())
}

/// The current time in UTC, truncated to whole seconds. SQLite stores timestamps as RFC 3339
/// text; with no fractional part every stored value has the same shape, so text comparison in
/// SQL (`expires_at > $1`) orders them correctly.
///
/// It is the application's clock ([`crate::common::clock`]): the system's in service, moved
/// forward in tests.
pub fn now() -> time::OffsetDateTime {
    let t = time::OffsetDateTime::now_utc() + crate::common::clock::offset();
    t.replace_nanosecond(0).unwrap_or(t)
}

/// The codes in a tag table (`org_domains`, `posting_domains`, ...) for several owners in one query,
/// each owner's codes in `position` order. `table` and `key` are our own identifiers, never input.
pub async fn codes_of(
    db: &mut Conn,
    table: &'static str,
    key: &'static str,
    ids: &[i64],
) -> sqlx::Result<std::collections::HashMap<i64, Vec<String>>> {
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let mut qb = sql::Builder::new(format!("SELECT {key}, code FROM {table} WHERE {key} IN ("));
    qb.push_list(", ", ids);
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

/// How many connections a bulk read is spread over: SQLite and the decoding each take a core.
const READERS: i64 = 2;
/// Posting ids per query of a bulk read: each span is decoded before the reader asks for the next.
const SPAN: i64 = 20_000;

/// Reads many postings fast, as JSON. sqlx's cost is per row and per value (each row is handed
/// from its SQLite thread across a channel), not per byte, so `sql` lets SQLite fold each posting
/// into one JSON array and a thousand postings into one row: it selects one text column holding a
/// JSON array of `T`s (`SELECT json_group_array(...) ... GROUP BY p.id / 1000`) and has a `{ids}`
/// slot for a condition on `p.id`. With `only`, reads those ids in one query; else every id, in
/// spans over [`READERS`] connections at once. The order of the result is unspecified.
pub async fn json_rows<T>(db: &Db, sql: &str, only: Option<&[i64]>) -> sqlx::Result<Vec<T>>
where
    T: serde::de::DeserializeOwned + Send + 'static,
{
    json_rows_in_spans(db, sql, only, SPAN).await
}

/// [`json_rows`] with `span` ids per query (tests use tiny spans to cross many boundaries).
pub async fn json_rows_in_spans<T>(db: &Db, sql: &str, only: Option<&[i64]>, span: i64) -> sqlx::Result<Vec<T>>
where
    T: serde::de::DeserializeOwned + Send + 'static,
{
    async fn read<T: serde::de::DeserializeOwned>(db: &mut Conn, query: &str, out: &mut Vec<T>) -> sqlx::Result<()> {
        let chunks: Vec<(String,)> = sql::query_as(query).fetch_all(db).await?;
        for (json,) in chunks {
            out.extend(serde_json::from_str::<Vec<T>>(&json).map_err(|e| sqlx::Error::Decode(e.into()))?);
        }
        Ok(())
    }
    let mut out = Vec::new();
    if let Some(ids) = only {
        if !ids.is_empty() {
            let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
            let mut conn = db.acquire().await?;
            read(&mut conn, &sql.replace("{ids}", &format!("p.id IN ({list})")), &mut out).await?;
        }
        return Ok(out);
    }
    let (min, max): (Option<i64>, Option<i64>) =
        sql::query_as("SELECT MIN(id), MAX(id) FROM postings").fetch_one(db).await?;
    let (Some(min), Some(max)) = (min, max) else { return Ok(out) };
    let mut readers = tokio::task::JoinSet::new();
    for reader in 0..READERS {
        let (db, sql) = (db.clone(), sql.to_owned());
        readers.spawn(async move {
            let mut conn = db.acquire().await?;
            // Pages through a memory map instead of a read() copy each: half the time. Only for the
            // bulk read: mapped pages would count in every connection's share of the server's RSS.
            let sqlite = conn.dialect() == Dialect::Sqlite;
            if sqlite {
                sql::query("PRAGMA mmap_size = 4294967296").execute(&mut conn).await?;
            }
            let mut out = Vec::new();
            let mut from = min + reader * span;
            let mut result = Ok(());
            while from <= max && result.is_ok() {
                let ids = format!("p.id BETWEEN {from} AND {}", from + span - 1);
                result = read(&mut conn, &sql.replace("{ids}", &ids), &mut out).await;
                from += READERS * span;
            }
            if sqlite {
                sql::query("PRAGMA mmap_size = 0").execute(&mut conn).await?;
            }
            result.map(|()| out)
        });
    }
    while let Some(part) = readers.join_next().await {
        out.extend(part.map_err(|_| sqlx::Error::WorkerCrashed)??);
    }
    Ok(out)
}

/// A write transaction. On SQLite it takes the database's write lock at its start (`BEGIN
/// IMMEDIATE`): writers run one at a time, so checks made inside it (capacity, quotas, uniqueness)
/// stay true until it commits, and concurrent writers wait for the lock (busy timeout) instead of
/// failing with `SQLITE_BUSY` when a deferred transaction that read first tries to write. Every
/// transaction that writes starts here.
///
/// On PostgreSQL, shared by several instances, writers run in parallel (`READ COMMITTED`): a
/// transaction whose checks read state another writer could change meanwhile first locks the rows
/// that state belongs to with [`lock`] (`SELECT … FOR UPDATE`), or a [`Key`] for state that belongs
/// to no row, so the checks hold until it commits. Both are no-ops on SQLite, which holds the
/// whole database already.
pub async fn begin_write(db: &Db) -> sqlx::Result<Conn> {
    Ok(match db {
        Db::Sqlite(pool) => Conn::SqliteTx(pool.begin_with("BEGIN IMMEDIATE").await?),
        Db::Postgres(pool) => Conn::PostgresTx(pool.begin().await?),
    })
}

/// The rows write transactions lock ([`lock`]) before checking what depends on them: each stands
/// for everything inside it (an event for its ticket types, registrations, waiting list, meeting
/// tables and sessions' agenda; a competition for its stages, teams, panels and scores; a posting
/// for its status and the applications to its call; …).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Event,
    /// One session of an event's agenda (its seats).
    EventSession,
    Competition,
    Posting,
    Engagement,
    Organization,
    User,
    Notice,
    Expert,
}

impl Row {
    fn table(self) -> &'static str {
        match self {
            Row::Event => "events",
            Row::EventSession => "event_sessions",
            Row::Competition => "competitions",
            Row::Posting => "postings",
            Row::Engagement => "engagements",
            Row::Organization => "organizations",
            Row::User => "users",
            Row::Notice => "notices",
            Row::Expert => "experts",
        }
    }
}

/// Locks rows `ids` of `row`'s table until the write transaction `tx` ends (PostgreSQL: `SELECT …
/// ORDER BY id FOR UPDATE`, in id order so two transactions locking several never deadlock); ids
/// that do not exist are skipped. On SQLite a no-op: [`begin_write`] holds the database.
pub async fn lock(tx: &mut Conn, row: Row, ids: &[i64]) -> sqlx::Result<()> {
    if tx.dialect() == Dialect::Sqlite || ids.is_empty() {
        return Ok(());
    }
    let mut q = sql::Builder::new(format!("SELECT id FROM {} WHERE id IN (", row.table()));
    q.push_list(", ", ids.iter().copied());
    q.push(") ORDER BY id FOR UPDATE");
    q.build().execute(tx).await?;
    Ok(())
}

/// State that belongs to no row: a write transaction takes its key ([`lock_key`]) before reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// The site admins' settings (the plan targets, the retention periods): an edit and the audit
    /// entry's "before" it records.
    Settings,
    /// The end of the audit log's hash chain (the next entry's id and previous hash).
    AuditChain,
    /// The order of the `changes` table (ids commit in the order they are taken).
    Changes,
    /// Loading the demo data on the first start of an installation.
    Seed,
    /// The sign-in attempts counted inside the throttle's window: an attempt counts them and takes
    /// its slot as one step.
    Login,
}

impl Key {
    /// The advisory lock's number: "FM" and a tag in ASCII.
    fn id(self) -> i64 {
        match self {
            Key::Settings => 0x0046_4d53_4554_5453,
            Key::AuditChain => 0x0046_4d41_5544_4954,
            Key::Changes => 0x464d_4348_414e_4745,
            Key::Seed => 0x0000_464d_5345_4544,
            Key::Login => 0x0046_4d4c_4f47_494e,
        }
    }
}

/// Takes `key` until the write transaction `tx` ends (PostgreSQL: a transaction-scoped advisory
/// lock). Take keys after row locks and in the order [`Key`] lists them ([`Key::Changes`] last of
/// all), so two transactions never wait for each other's. On SQLite a no-op.
pub async fn lock_key(tx: &mut Conn, key: Key) -> sqlx::Result<()> {
    if tx.dialect() == Dialect::Postgres {
        sql::query("SELECT pg_advisory_xact_lock($1)").bind(key.id()).execute(tx).await?;
    }
    Ok(())
}

/// Takes the session-level advisory lock `key` if no other connection holds it (PostgreSQL: one
/// instance at a time does a job, e.g. sending the outbox); on SQLite, with one instance, always
/// true. Give it back with [`unlock`] on the same connection.
pub async fn try_lock(conn: &mut Conn, key: i64) -> sqlx::Result<bool> {
    if conn.dialect() == Dialect::Sqlite {
        return Ok(true);
    }
    let (got,): (bool,) = sql::query_as("SELECT pg_try_advisory_lock($1)").bind(key).fetch_one(conn).await?;
    Ok(got)
}

/// Gives back a lock [`try_lock`] took.
pub async fn unlock(conn: &mut Conn, key: i64) -> sqlx::Result<()> {
    if conn.dialect() == Dialect::Postgres {
        sql::query("SELECT pg_advisory_unlock($1)").bind(key).execute(conn).await?;
    }
    Ok(())
}
