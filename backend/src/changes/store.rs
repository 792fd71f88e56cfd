//! SQL for the `changes` table.

use time::OffsetDateTime;

use crate::db::{Conn, sql};

/// The id of the latest change, 0 when there is none.
pub async fn last(db: &mut Conn) -> sqlx::Result<i64> {
    let (id,): (Option<i64>,) = sql::query_as("SELECT MAX(id) FROM changes").fetch_one(db).await?;
    Ok(id.unwrap_or(0))
}

/// One row per subject (one row without a subject when there are none).
pub async fn insert(db: &mut Conn, kind: &str, subjects: &[i64], origin: &str, at: OffsetDateTime) -> sqlx::Result<()> {
    let none = [None];
    let subjects: Vec<Option<i64>> =
        if subjects.is_empty() { none.to_vec() } else { subjects.iter().copied().map(Some).collect() };
    for chunk in subjects.chunks(500) {
        let mut qb = sql::Builder::new("INSERT INTO changes (kind, subject, origin, at) ");
        qb.push_values(chunk, |mut row, subject| {
            row.push_bind(kind).push_bind(*subject).push_bind(origin).push_bind(at);
        });
        qb.build().execute(&mut *db).await?;
    }
    Ok(())
}

/// The changes after `seen`, oldest first: (id, kind, subject, origin).
/// A change an instance recorded.
#[derive(sqlx::FromRow)]
pub struct Recorded {
    pub id: i64,
    pub kind: String,
    pub subject: Option<i64>,
    pub origin: String,
}

pub async fn after(db: &mut Conn, seen: i64) -> sqlx::Result<Vec<Recorded>> {
    sql::query_as("SELECT id, kind, subject, origin FROM changes WHERE id > $1 ORDER BY id LIMIT 10000")
        .bind(seen)
        .fetch_all(db)
        .await
}

pub async fn delete_before(db: &mut Conn, before: OffsetDateTime) -> sqlx::Result<u64> {
    Ok(sql::query("DELETE FROM changes WHERE at < $1").bind(before).execute(db).await?.rows_affected())
}
