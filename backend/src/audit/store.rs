//! SQL for the audit log: append (inside the caller's write transaction), read, page.

use crate::db::Conn;
use time::OffsetDateTime;

use super::chain::{self, Entry};
use crate::db::sql;

/// Who did it: a user (id and email) or the system.
pub struct Actor<'a> {
    pub id: Option<i64>,
    pub name: &'a str,
}

/// Appends an entry chained to the last one, inside a write transaction: it takes
/// [`crate::db::Key::AuditChain`] first, so appends are serial on PostgreSQL too.
pub async fn append(
    db: &mut Conn,
    actor: &Actor<'_>,
    action: &str,
    target: &str,
    before: &serde_json::Value,
    after: &serde_json::Value,
    at: OffsetDateTime,
) -> sqlx::Result<()> {
    crate::db::lock_key(db, crate::db::Key::AuditChain).await?;
    let last: Option<(i64, String)> =
        sql::query_as("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetch_optional(&mut *db).await?;
    let (last_id, prev) = last.unwrap_or((0, chain::GENESIS.to_owned()));
    let at = at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default();
    let mut e = Entry {
        id: last_id + 1,
        at,
        actor_id: actor.id,
        actor: actor.name.to_owned(),
        action: action.to_owned(),
        target: target.to_owned(),
        before: before.to_string(),
        after: after.to_string(),
        prev_hash: prev.clone(),
        hash: String::new(),
    };
    e.hash = chain::hash(&prev, &e);
    sql::query(
        "INSERT INTO audit_log (id, at, actor_id, actor, action, target, before, after, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(e.id)
    .bind(&e.at)
    .bind(e.actor_id)
    .bind(&e.actor)
    .bind(&e.action)
    .bind(&e.target)
    .bind(&e.before)
    .bind(&e.after)
    .bind(&e.prev_hash)
    .bind(&e.hash)
    .execute(db)
    .await?;
    Ok(())
}

const ENTRY: &str = "SELECT id, at, actor_id, actor, action, target, before, after, prev_hash, hash FROM audit_log";

/// Every entry in id order (for verification).
pub async fn all(db: &mut Conn) -> sqlx::Result<Vec<Entry>> {
    sql::query_as(format!("{ENTRY} ORDER BY id")).fetch_all(db).await
}

/// A page of entries, newest first, optionally of one action (prefix, e.g. `org.`).
pub async fn page(db: &mut Conn, action: Option<&str>, limit: u32, offset: u64) -> sqlx::Result<(Vec<Entry>, u64)> {
    let prefix = action.map(|a| format!("{a}%"));
    let (total,): (i64,) = sql::query_as("SELECT COUNT(*) FROM audit_log WHERE ($1 IS NULL OR action LIKE $1)")
        .bind(&prefix)
        .fetch_one(&mut *db)
        .await?;
    let rows =
        sql::query_as(format!("{ENTRY} WHERE ($1 IS NULL OR action LIKE $1) ORDER BY id DESC LIMIT $2 OFFSET $3"))
            .bind(&prefix)
            .bind(limit)
            .bind(i64::try_from(offset).unwrap_or(i64::MAX))
            .fetch_all(db)
            .await?;
    Ok((rows, u64::try_from(total).unwrap_or(0)))
}

/// What this capability holds about a person, for their data export (see `crate::facts::personal_data`).
pub const PERSONAL_DATA: &[sql::Section] = &[sql::Section {
    name: "actions_in_the_audit_log",
    sql: "SELECT json_group_array(json_object('at', at, 'action', action, 'target', target))
         FROM audit_log WHERE actor_id = $1",
}];
