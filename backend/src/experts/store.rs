//! SQL for the expert pool.

use crate::db::Conn;
use crate::db::sql;
use shared::experts::{ConflictOrg, Expert, ExpertInput, ExpertKind, ExpertQuery, ExpertStatus};
use time::OffsetDateTime;

/// Creates or replaces the user's entry; a changed entry goes back to review.
pub async fn upsert(db: &mut Conn, user: i64, e: &ExpertInput, now: OffsetDateTime) -> sqlx::Result<i64> {
    let (id,): (i64,) = sql::query_as(
        "INSERT INTO experts (user_id, kind, domains, keywords, affiliation, title, bio, conflict_names, status,
                              created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', $9, $9)
         ON CONFLICT (user_id) DO UPDATE SET kind = excluded.kind, domains = excluded.domains,
             keywords = excluded.keywords, affiliation = excluded.affiliation, title = excluded.title,
             bio = excluded.bio, conflict_names = excluded.conflict_names, status = 'pending', reason = NULL,
             reviewed_by = NULL, updated_at = excluded.updated_at
         RETURNING id",
    )
    .bind(user)
    .bind(e.kind.as_str())
    .bind(e.domains.join(","))
    .bind(e.keywords.join("\n"))
    .bind(&e.affiliation)
    .bind(&e.title)
    .bind(&e.bio)
    .bind(e.conflict_names.join("\n"))
    .bind(now)
    .fetch_one(&mut *db)
    .await?;
    sql::query("DELETE FROM expert_conflicts WHERE expert_id = $1").bind(id).execute(&mut *db).await?;
    for org in &e.conflict_orgs {
        sql::query("INSERT INTO expert_conflicts (expert_id, org_id) VALUES ($1, $2)")
            .bind(id)
            .bind(org)
            .execute(&mut *db)
            .await?;
    }
    Ok(id)
}

/// How many of `orgs` exist.
pub async fn existing_orgs(db: &mut Conn, orgs: &[i64]) -> sqlx::Result<usize> {
    let mut n = 0;
    for org in orgs {
        let row: Option<(i64,)> =
            sql::query_as("SELECT id FROM organizations WHERE id = $1").bind(org).fetch_optional(&mut *db).await?;
        n += usize::from(row.is_some());
    }
    Ok(n)
}

#[derive(sqlx::FromRow)]
struct ExpertRow {
    id: i64,
    user_id: i64,
    name: String,
    kind: String,
    domains: String,
    keywords: String,
    affiliation: String,
    title: String,
    bio: String,
    conflict_names: String,
    status: String,
    reason: Option<String>,
    updated_at: OffsetDateTime,
}

const EXPERT: &str = "SELECT x.id, x.user_id, u.display_name AS name, x.kind, x.domains, x.keywords, x.affiliation,
        x.title, x.bio, x.conflict_names, x.status, x.reason, x.updated_at
     FROM experts x JOIN users u ON u.id = x.user_id";

fn lines(s: &str) -> Vec<String> {
    s.lines().filter(|l| !l.is_empty()).map(str::to_owned).collect()
}

async fn complete(db: &mut Conn, rows: Vec<ExpertRow>) -> sqlx::Result<Vec<Expert>> {
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let conflicts: Vec<(i64, String)> = sql::query_as(
            "SELECT o.id, o.name_zh FROM expert_conflicts c JOIN organizations o ON o.id = c.org_id
             WHERE c.expert_id = $1 ORDER BY o.id",
        )
        .bind(r.id)
        .fetch_all(&mut *db)
        .await?;
        out.push(Expert {
            id: r.id,
            user_id: r.user_id,
            name: r.name,
            kind: ExpertKind::parse(&r.kind).unwrap_or(ExpertKind::Other),
            domains: r.domains.split(',').filter(|d| !d.is_empty()).map(str::to_owned).collect(),
            keywords: lines(&r.keywords),
            affiliation: r.affiliation,
            title: r.title,
            bio: r.bio,
            conflict_orgs: conflicts.into_iter().map(|(id, name_zh)| ConflictOrg { id, name_zh }).collect(),
            conflict_names: lines(&r.conflict_names),
            status: ExpertStatus::parse(&r.status).unwrap_or(ExpertStatus::Pending),
            reason: r.reason,
            updated_at: r.updated_at,
        });
    }
    Ok(out)
}

pub async fn by_user(db: &mut Conn, user: i64) -> sqlx::Result<Option<Expert>> {
    let rows: Vec<ExpertRow> =
        sql::query_as(format!("{EXPERT} WHERE x.user_id = $1")).bind(user).fetch_all(&mut *db).await?;
    Ok(complete(db, rows).await?.pop())
}

pub async fn by_id(db: &mut Conn, id: i64) -> sqlx::Result<Option<Expert>> {
    let rows: Vec<ExpertRow> = sql::query_as(format!("{EXPERT} WHERE x.id = $1")).bind(id).fetch_all(&mut *db).await?;
    Ok(complete(db, rows).await?.pop())
}

/// Entries of one status matching the filters, newest first (at most 200).
pub async fn list(db: &mut Conn, status: ExpertStatus, q: &ExpertQuery) -> sqlx::Result<Vec<Expert>> {
    let words = q.q.as_deref().map(str::trim).filter(|w| !w.is_empty()).map(|w| format!("%{w}%"));
    let rows: Vec<ExpertRow> = sql::query_as(format!(
        "{EXPERT} WHERE x.status = $1
           AND ($2 IS NULL OR u.display_name LIKE $2 OR x.affiliation LIKE $2 OR x.title LIKE $2
                OR x.keywords LIKE $2)
           AND ($3 IS NULL OR (',' || x.domains || ',') LIKE ('%,' || $3 || ',%'))
           AND ($4 IS NULL OR x.kind = $4)
         ORDER BY x.updated_at DESC, x.id DESC LIMIT 200"
    ))
    .bind(status.as_str())
    .bind(words)
    .bind(q.domain.as_deref().map(str::trim).filter(|d| !d.is_empty()))
    .bind(q.kind.map(|k| k.as_str()))
    .fetch_all(&mut *db)
    .await?;
    complete(db, rows).await
}

pub async fn review(
    db: &mut Conn,
    id: i64,
    status: ExpertStatus,
    reason: Option<&str>,
    by: i64,
    now: OffsetDateTime,
) -> sqlx::Result<bool> {
    let done =
        sql::query("UPDATE experts SET status = $2, reason = $3, reviewed_by = $4, updated_at = $5 WHERE id = $1")
            .bind(id)
            .bind(status.as_str())
            .bind(reason)
            .bind(by)
            .bind(now)
            .execute(db)
            .await?;
    Ok(done.rows_affected() > 0)
}

/// Approved experts as (expert id, user id, domains, keywords) for ranking.
/// An approved expert's fields (comma-separated) and keywords (one per line).
#[derive(sqlx::FromRow)]
pub struct ExpertFacts {
    pub id: i64,
    pub user_id: i64,
    pub domains: String,
    pub keywords: String,
}

pub async fn approved_facts(db: &mut Conn) -> sqlx::Result<Vec<ExpertFacts>> {
    sql::query_as("SELECT id, user_id, domains, keywords FROM experts WHERE status = 'approved' ORDER BY id")
        .fetch_all(db)
        .await
}

/// The experts invited to advise on a demand.
pub async fn invited(db: &mut Conn, demand: i64) -> sqlx::Result<Vec<i64>> {
    let rows: Vec<(i64,)> = sql::query_as("SELECT expert_id FROM consultation_invites WHERE demand_id = $1")
        .bind(demand)
        .fetch_all(db)
        .await?;
    Ok(rows.into_iter().map(|(e,)| e).collect())
}

/// Records an invitation; false when it was sent before.
pub async fn invite(db: &mut Conn, demand: i64, expert: i64, by: i64, now: OffsetDateTime) -> sqlx::Result<bool> {
    let done = sql::query(
        "INSERT INTO consultation_invites (demand_id, expert_id, invited_by, invited_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING",
    )
    .bind(demand)
    .bind(expert)
    .bind(by)
    .bind(now)
    .execute(db)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Expert applications waiting for review.
pub async fn pending_count(db: &mut Conn) -> sqlx::Result<u32> {
    let (n,): (i64,) = sql::query_as("SELECT COUNT(*) FROM experts WHERE status = 'pending'").fetch_one(db).await?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// What this capability holds about a person, for their data export (see `crate::facts::personal_data`).
pub const PERSONAL_DATA: &[sql::Section] = &[sql::Section {
    name: "expert_profile",
    sql: "SELECT json_group_array(json_object('kind', kind, 'domains', domains, 'keywords', keywords,
                'affiliation', affiliation, 'title', title, 'bio', bio, 'conflict_names', conflict_names,
                'status', status, 'created_at', created_at)) FROM experts WHERE user_id = $1",
}];

/// Erases what this capability holds only about a person whose account is being deleted: the expert profile
/// (`$1` id, `$2` email, `$3` now, `$4` the anonymous address; see `facts::Erasing::erase`).
pub const ERASE: &[&str] = &["DELETE FROM experts WHERE user_id = $1"];
