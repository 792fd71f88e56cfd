//! The list machinery, written once for all four kinds: scope (who sees what), filters, sort, page.

use crate::db::{Conn, sql};
use shared::market::{PostingKind, PostingQuery, PostingSort, PostingStatus, PostingSummary};
use time::{Date, OffsetDateTime};

use crate::accounts::SessionUser;
use crate::error::AppResult;

/// Which postings a viewer's list may contain.
#[derive(Debug, Clone, PartialEq)]
pub enum Scope {
    /// Published postings only.
    Public,
    /// Postings of these organizations, in any state.
    Orgs(Vec<i64>),
    /// Everything (site admins).
    All,
}

impl Scope {
    /// Public unless the query asks for unpublished or own postings; then the caller's organizations
    /// (all organizations for admins, unless they ask for their own).
    pub async fn for_viewer(db: &mut Conn, user: Option<&SessionUser>, q: &PostingQuery) -> AppResult<Scope> {
        let mine = q.mine == Some(true);
        let private = mine || q.status.is_some_and(|s| s != PostingStatus::Published);
        Ok(match user {
            _ if !private => Scope::Public,
            Some(u) if u.is_admin && !mine => Scope::All,
            Some(u) => Scope::Orgs(crate::orgs::memberships(db, u.id).await?.into_iter().map(|m| m.org_id).collect()),
            None => Scope::Orgs(vec![]),
        })
    }
}

fn push_filters(qb: &mut sql::Builder<'_>, kind: PostingKind, q: &PostingQuery, scope: &Scope) {
    qb.push(" WHERE p.kind = ").push_bind(kind.as_str());
    match scope {
        Scope::Public => {
            qb.push(" AND p.status = 'published'");
        }
        Scope::Orgs(ids) if ids.is_empty() => {
            qb.push(" AND 1 = 0");
        }
        Scope::Orgs(ids) => {
            qb.push(" AND p.org_id IN (");
            qb.push_list(", ", ids);
            qb.push(")");
        }
        Scope::All => {}
    }
    if let Some(s) = q.status {
        qb.push(" AND p.status = ").push_bind(s.as_str());
    }
    let text = |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned);
    if let Some(d) = text(&q.domain) {
        // Through the (code, posting_id) index: the domain's postings first, not a probe per row.
        qb.push(" AND p.id IN (SELECT d.posting_id FROM posting_domains d WHERE d.code = ").push_bind(d).push(")");
    }
    for (column, value) in
        [("p.type_code", text(&q.type_code)), ("p.district", text(&q.district)), ("p.pilot_zone", text(&q.pilot_zone))]
    {
        if let Some(v) = value {
            qb.push(format!(" AND {column} = ")).push_bind(v);
        }
    }
    if let Some(t) = q.trl_min {
        qb.push(" AND p.trl >= ").push_bind(t as i64);
    }
    if let Some(t) = q.trl_max {
        qb.push(" AND p.trl <= ").push_bind(t as i64);
    }
    // The asked range must overlap the posting's; an open end on either side always overlaps.
    if let Some(a) = q.amount_min {
        qb.push(" AND (p.amount_max IS NULL OR p.amount_max >= ").push_bind(a as i64).push(")");
    }
    if let Some(b) = q.amount_max {
        qb.push(" AND (p.amount_min IS NULL OR p.amount_min <= ").push_bind(b as i64).push(")");
    }
    if let Some(o) = q.org_id {
        qb.push(" AND p.org_id = ").push_bind(o);
    }
    if let Some(words) = text(&q.q) {
        // Drafts are not in the search index: the caller's own postings match the text as written.
        let pattern = sql::like_pattern(&words);
        qb.push(" AND (p.title_zh LIKE ").push_bind(pattern.clone()).push(" ESCAPE '\\'");
        qb.push(" OR LOWER(COALESCE(p.title_en, '')) LIKE LOWER(").push_bind(pattern.clone()).push(") ESCAPE '\\'");
        qb.push(" OR p.summary_zh LIKE ").push_bind(pattern).push(" ESCAPE '\\')");
    }
    // Deadlines lie within the dates a request may name: a filter beyond them is the same filter at
    // their edge (and a year like -9999 never reaches a database that has no such date).
    let within = |d: time::Date| d.clamp(shared::validate::DATE_MIN, shared::validate::DATE_MAX);
    if let Some(d) = q.deadline_from {
        qb.push(" AND p.deadline >= ").push_bind(within(d));
    }
    if let Some(d) = q.deadline_to {
        qb.push(" AND p.deadline <= ").push_bind(within(d));
    }
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    kind: String,
    org_id: i64,
    org_name_zh: String,
    org_name_en: Option<String>,
    status: String,
    title_zh: String,
    title_en: Option<String>,
    summary_zh: String,
    summary_en: Option<String>,
    district: Option<String>,
    type_code: String,
    trl: Option<i64>,
    amount_min: Option<i64>,
    amount_max: Option<i64>,
    deadline: Option<Date>,
    published_at: Option<OffsetDateTime>,
}

/// One page and the total count, filtered by SQL (private scopes; public lists use the facets).
pub async fn page(
    db: &mut Conn,
    kind: PostingKind,
    q: &PostingQuery,
    scope: &Scope,
    limit: u32,
    offset: u64,
) -> sqlx::Result<(Vec<PostingSummary>, u64)> {
    let mut count = sql::Builder::new("SELECT COUNT(*) FROM postings p");
    push_filters(&mut count, kind, q, scope);
    let (total,): (i64,) = count.build_query_as().fetch_one(&mut *db).await?;

    let mut qb = sql::Builder::new(SELECT);
    push_filters(&mut qb, kind, q, scope);
    qb.push(match q.sort.unwrap_or(PostingSort::Newest) {
        // Public lists hold published postings only, which all have published_at: the index order.
        // Relevance comes from the search index, which holds published postings only; here (the
        // caller's own postings in any state) the newest first.
        PostingSort::Newest | PostingSort::Relevance if *scope == Scope::Public => {
            " ORDER BY p.published_at DESC, p.id DESC"
        }
        PostingSort::Newest | PostingSort::Relevance => {
            " ORDER BY COALESCE(p.published_at, p.created_at) DESC, p.id DESC"
        }
        PostingSort::Deadline => " ORDER BY p.deadline IS NULL, p.deadline, p.id",
    });
    qb.push(" LIMIT ").push_bind(limit as i64).push(" OFFSET ").push_bind(offset as i64);
    let rows: Vec<Row> = qb.build_query_as().fetch_all(&mut *db).await?;
    Ok((summaries(db, kind, rows).await?, total as u64))
}

const SELECT: &str =
    "SELECT p.id, p.kind, p.org_id, o.name_zh AS org_name_zh, o.name_en AS org_name_en, p.status, p.title_zh,
        p.title_en, p.summary_zh, p.summary_en, p.district, p.type_code, p.trl, p.amount_min, p.amount_max, p.deadline,
        p.published_at
     FROM postings p JOIN organizations o ON o.id = p.org_id";

/// The published postings with these ids, in the order given (a page chosen by the facets).
pub async fn published_by_ids(db: &mut Conn, kind: PostingKind, ids: &[i64]) -> sqlx::Result<Vec<PostingSummary>> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    // By primary key only: with `status` or `kind` in the WHERE clause SQLite prefers their index and
    // scans the kind's postings. A posting closed since the facets chose it is dropped here.
    let mut qb = sql::Builder::new(SELECT);
    qb.push(" WHERE p.id IN (");
    qb.push_list(", ", ids);
    qb.push(")");
    let mut rows: Vec<Row> = qb.build_query_as().fetch_all(&mut *db).await?;
    rows.retain(|r| r.status == PostingStatus::Published.as_str() && r.kind == kind.as_str());
    rows.sort_by_key(|r| ids.iter().position(|id| *id == r.id));
    summaries(db, kind, rows).await
}

async fn summaries(db: &mut Conn, kind: PostingKind, rows: Vec<Row>) -> sqlx::Result<Vec<PostingSummary>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut domains = crate::db::codes_of(db, "posting_domains", "posting_id", &ids).await?;
    Ok(rows
        .into_iter()
        .map(|r| PostingSummary {
            id: r.id,
            kind,
            org_id: r.org_id,
            org_name_zh: r.org_name_zh,
            org_name_en: r.org_name_en,
            status: PostingStatus::parse(&r.status).unwrap_or(PostingStatus::Draft),
            title_zh: r.title_zh,
            title_en: r.title_en,
            summary_zh: r.summary_zh,
            summary_en: r.summary_en,
            domains: domains.remove(&r.id).unwrap_or_default(),
            district: r.district,
            type_code: r.type_code,
            trl: r.trl.and_then(|t| u8::try_from(t).ok()),
            amount_min: r.amount_min.and_then(|a| u32::try_from(a).ok()),
            amount_max: r.amount_max.and_then(|a| u32::try_from(a).ok()),
            deadline: r.deadline,
            published_at: r.published_at,
        })
        .collect())
}
