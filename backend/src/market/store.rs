//! SQL for postings: writes with their tags and events, reads, the moderation queue, expiry.

use crate::db::Conn;
use crate::db::sql;
use shared::market::{
    PostingAction, PostingDraft, PostingEvent, PostingInput, PostingKind, PostingSpec, PostingStatus,
};
use time::{Date, OffsetDateTime};

/// A posting as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PostingRow {
    pub id: i64,
    pub kind: String,
    pub org_id: i64,
    pub status: String,
    pub title_zh: String,
    pub title_en: Option<String>,
    pub summary_zh: String,
    pub summary_en: Option<String>,
    pub details_zh: Option<String>,
    pub details_en: Option<String>,
    pub district: Option<String>,
    pub pilot_zone: Option<String>,
    pub deadline: Option<Date>,
    pub spec: String,
    pub pending: Option<String>,
    pub reject_reason: Option<String>,
    pub created_at: OffsetDateTime,
    pub published_at: Option<OffsetDateTime>,
}

impl PostingRow {
    pub fn kind(&self) -> Option<PostingKind> {
        PostingKind::parse(&self.kind)
    }

    pub fn status(&self) -> PostingStatus {
        // The CHECK constraint keeps this column to the six statuses.
        PostingStatus::parse(&self.status).unwrap_or(PostingStatus::Draft)
    }

    pub fn spec(&self) -> Result<PostingSpec, serde_json::Error> {
        serde_json::from_str(&self.spec)
    }
}

const COLUMNS: &str = "id, kind, org_id, status, title_zh, title_en, summary_zh, summary_en, details_zh, details_en,
    district, pilot_zone, deadline, spec, pending, reject_reason, created_at, published_at";

/// Binds $1–$15: the content columns in table order, then the time of the write.
fn bind_content<'q, O: sql::Record>(
    q: sql::QueryAs<'q, O>,
    p: &'q PostingInput,
    now: OffsetDateTime,
) -> sql::QueryAs<'q, O> {
    let (type_code, trl, amount_min, amount_max) = p.spec.facets();
    // A PostingSpec is plain data; serializing it cannot fail.
    let spec = serde_json::to_string(&p.spec).unwrap_or_else(|_| "{}".into());
    q.bind(&p.title_zh)
        .bind(&p.title_en)
        .bind(&p.summary_zh)
        .bind(&p.summary_en)
        .bind(&p.details_zh)
        .bind(&p.details_en)
        .bind(&p.district)
        .bind(&p.pilot_zone)
        .bind(p.deadline)
        .bind(type_code)
        .bind(trl)
        .bind(amount_min)
        .bind(amount_max)
        .bind(spec)
        .bind(now)
}

/// Inserts a draft owned by `org_id`, with its tags and a `create` event.
pub async fn insert(db: &mut Conn, org_id: i64, actor: i64, draft: &PostingDraft) -> sqlx::Result<i64> {
    let insert = sql::query_as(
        "INSERT INTO postings (title_zh, title_en, summary_zh, summary_en, details_zh, details_en, district, pilot_zone,
            deadline, type_code, trl, amount_min, amount_max, spec, updated_at, created_at, kind, org_id, created_by, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, $16, $17, $18, 'draft')
         RETURNING id",
    );
    let (id,): (i64,) = bind_content(insert, draft, crate::db::now())
        .bind(draft.spec.kind().as_str())
        .bind(org_id)
        .bind(actor)
        .fetch_one(&mut *db)
        .await?;
    replace_tags(db, id, &draft.domains, &draft.keywords).await?;
    record(db, id, PostingAction::Create, None, PostingStatus::Draft, Some(actor), None).await?;
    Ok(id)
}

/// Overwrites the live content with `input` (drafts, rejected postings, approved edits).
pub async fn overwrite(db: &mut Conn, id: i64, input: &PostingInput) -> sqlx::Result<()> {
    let update = sql::query_as::<(i64,)>(
        "UPDATE postings SET title_zh = $1, title_en = $2, summary_zh = $3, summary_en = $4, details_zh = $5,
            details_en = $6, district = $7, pilot_zone = $8, deadline = $9, type_code = $10, trl = $11,
            amount_min = $12, amount_max = $13, spec = $14, updated_at = $15
         WHERE id = $16 RETURNING id",
    );
    bind_content(update, input, crate::db::now()).bind(id).fetch_optional(&mut *db).await?;
    replace_tags(db, id, &input.domains, &input.keywords).await
}

/// Keeps an edit of a published posting for review; the live version stays as it is.
pub async fn set_pending(db: &mut Conn, id: i64, draft: Option<&PostingDraft>) -> sqlx::Result<()> {
    let json = draft.map(|d| serde_json::to_string(&**d).unwrap_or_else(|_| "{}".into()));
    sql::query("UPDATE postings SET pending = $1, updated_at = $2 WHERE id = $3")
        .bind(json)
        .bind(crate::db::now())
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

async fn replace_tags(db: &mut Conn, id: i64, domains: &[String], keywords: &[String]) -> sqlx::Result<()> {
    sql::query("DELETE FROM posting_domains WHERE posting_id = $1").bind(id).execute(&mut *db).await?;
    sql::query("DELETE FROM posting_keywords WHERE posting_id = $1").bind(id).execute(&mut *db).await?;
    for (i, code) in domains.iter().enumerate() {
        sql::query("INSERT INTO posting_domains (posting_id, code, position) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(code)
            .bind(i as i64)
            .execute(&mut *db)
            .await?;
    }
    for (i, k) in keywords.iter().enumerate() {
        sql::query("INSERT INTO posting_keywords (posting_id, keyword, position) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(k)
            .bind(i as i64)
            .execute(&mut *db)
            .await?;
    }
    Ok(())
}

/// Moves a posting to `to`, recording who did it and why.
pub async fn set_status(
    db: &mut Conn,
    row: &PostingRow,
    action: PostingAction,
    to: PostingStatus,
    actor: Option<i64>,
    reason: Option<&str>,
) -> sqlx::Result<()> {
    let now = crate::db::now();
    let published_at = if to == PostingStatus::Published { Some(now) } else { row.published_at };
    let reject_reason = if to == PostingStatus::Rejected { reason } else { None };
    sql::query("UPDATE postings SET status = $1, published_at = $2, reject_reason = $3, updated_at = $4 WHERE id = $5")
        .bind(to.as_str())
        .bind(published_at)
        .bind(reject_reason)
        .bind(now)
        .bind(row.id)
        .execute(&mut *db)
        .await?;
    record(db, row.id, action, Some(row.status()), to, actor, reason).await
}

pub async fn record(
    db: &mut Conn,
    id: i64,
    action: PostingAction,
    from: Option<PostingStatus>,
    to: PostingStatus,
    actor: Option<i64>,
    reason: Option<&str>,
) -> sqlx::Result<()> {
    sql::query(
        "INSERT INTO posting_events (posting_id, action, from_status, to_status, actor_id, reason, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id)
    .bind(action.as_str())
    .bind(from.map(PostingStatus::as_str))
    .bind(to.as_str())
    .bind(actor)
    .bind(reason)
    .bind(crate::db::now())
    .execute(db)
    .await?;
    Ok(())
}

pub async fn row(db: &mut Conn, id: i64) -> sqlx::Result<Option<PostingRow>> {
    sql::query_as(format!("SELECT {COLUMNS} FROM postings WHERE id = $1")).bind(id).fetch_optional(db).await
}

/// (domains, keywords) of a posting, in order.
pub async fn tags(db: &mut Conn, id: i64) -> sqlx::Result<(Vec<String>, Vec<String>)> {
    let d: Vec<(String,)> = sql::query_as("SELECT code FROM posting_domains WHERE posting_id = $1 ORDER BY position")
        .bind(id)
        .fetch_all(&mut *db)
        .await?;
    let k: Vec<(String,)> =
        sql::query_as("SELECT keyword FROM posting_keywords WHERE posting_id = $1 ORDER BY position")
            .bind(id)
            .fetch_all(&mut *db)
            .await?;
    Ok((d.into_iter().map(|r| r.0).collect(), k.into_iter().map(|r| r.0).collect()))
}

/// Ids of postings awaiting review: submitted ones and published ones with a pending edit.
pub async fn moderation_queue(db: &mut Conn) -> sqlx::Result<Vec<i64>> {
    let rows: Vec<(i64,)> = sql::query_as(
        "SELECT id FROM postings WHERE status = 'submitted' OR (status = 'published' AND pending IS NOT NULL)
         ORDER BY updated_at, id",
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// Ids of published postings whose deadline has passed.
pub async fn due_for_expiry(db: &mut Conn, today: Date) -> sqlx::Result<Vec<i64>> {
    let rows: Vec<(i64,)> =
        sql::query_as("SELECT id FROM postings WHERE status = 'published' AND deadline IS NOT NULL AND deadline < $1")
            .bind(today)
            .fetch_all(db)
            .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// A `posting_events` row: action, status after it, actor's name, reason, time.
type EventRow = (String, String, Option<String>, Option<String>, OffsetDateTime);

/// The transitions of a posting, oldest first, with the actors' display names.
pub async fn events(db: &mut Conn, id: i64) -> sqlx::Result<Vec<PostingEvent>> {
    let rows: Vec<EventRow> = sql::query_as(
        "SELECT e.action, e.to_status, u.display_name, e.reason, e.at
         FROM posting_events e LEFT JOIN users u ON u.id = e.actor_id
         WHERE e.posting_id = $1 ORDER BY e.id",
    )
    .bind(id)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(action, status, actor, reason, at)| {
            Some(PostingEvent {
                action: PostingAction::parse(&action)?,
                status: PostingStatus::parse(&status)?,
                actor,
                reason,
                at,
            })
        })
        .collect())
}

/// Tells the owner why an edit of the published version was refused.
pub async fn set_reject_reason(db: &mut Conn, id: i64, reason: Option<&str>) -> sqlx::Result<()> {
    sql::query("UPDATE postings SET reject_reason = $1, updated_at = $2 WHERE id = $3")
        .bind(reason)
        .bind(crate::db::now())
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

/// What the search index needs of every published posting, in two queries.
#[derive(Debug, sqlx::FromRow)]
pub struct IndexRow {
    pub id: i64,
    pub kind: String,
    pub title_zh: String,
    pub title_en: Option<String>,
    pub summary_zh: String,
    pub summary_en: Option<String>,
    pub org_name_zh: String,
    pub org_name_en: Option<String>,
}

/// What the index needs of the published postings among `only` (all published when `None`).
pub async fn published_for_index(
    db: &mut Conn,
    only: Option<&[i64]>,
) -> sqlx::Result<(Vec<IndexRow>, std::collections::HashMap<i64, Vec<String>>)> {
    fn restrict(qb: &mut sql::Builder<'_>, only: Option<&[i64]>) {
        if let Some(ids) = only {
            qb.push(" AND p.id IN (");
            qb.push_list(", ", ids);
            qb.push(")");
        }
    }
    if only.is_some_and(|ids| ids.is_empty()) {
        return Ok((vec![], Default::default()));
    }
    let mut qb = sql::Builder::new(
        "SELECT p.id, p.kind, p.title_zh, p.title_en, p.summary_zh, p.summary_en,
                o.name_zh AS org_name_zh, o.name_en AS org_name_en
         FROM postings p JOIN organizations o ON o.id = p.org_id
         WHERE p.status = 'published'",
    );
    restrict(&mut qb, only);
    let rows: Vec<IndexRow> = qb.build_query_as().fetch_all(&mut *db).await?;
    let mut qb = sql::Builder::new(
        "SELECT k.posting_id, k.keyword FROM posting_keywords k JOIN postings p ON p.id = k.posting_id
         WHERE p.status = 'published'",
    );
    restrict(&mut qb, only);
    qb.push(" ORDER BY k.posting_id, k.position");
    let pairs: Vec<(i64, String)> = qb.build_query_as().fetch_all(&mut *db).await?;
    Ok((rows, crate::db::group(pairs)))
}

/// The filterable columns of the published postings among `only` (all published when `None`).
pub async fn published_facets(db: &crate::db::Db, only: Option<&[i64]>) -> sqlx::Result<Vec<super::facets::FacetRow>> {
    /// One posting as a JSON array (see [`crate::db::json_rows`]); domains `\x1f`-separated.
    #[derive(serde::Deserialize)]
    struct Row(
        i64,
        String,
        i64,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<i64>,
        Option<i64>,
        Option<i64>,
        Option<Date>,
        #[serde(with = "time::serde::rfc3339::option")] Option<OffsetDateTime>,
    );
    let sql = db.dialect().json(
        "SELECT CAST(json_group_array(json(row)) AS TEXT) FROM (
           SELECT p.id, json_array(p.id, p.kind, p.org_id, p.type_code, p.district, p.pilot_zone,
                (SELECT string_agg(code, '\x1f' ORDER BY position) FROM posting_domains
                  WHERE posting_id = p.id),
                p.trl, p.amount_min, p.amount_max, p.deadline, p.published_at) AS row
           FROM postings p WHERE p.status = 'published' AND {ids}) AS s
         GROUP BY id / 1000",
    );
    let rows: Vec<Row> = crate::db::json_rows(db, &sql, only).await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let Row(id, kind, org_id, type_code, district, pilot_zone, domains, trl, amin, amax, deadline, published) =
                r;
            Some(super::facets::FacetRow {
                id,
                kind: PostingKind::parse(&kind)?,
                org_id,
                type_code,
                district,
                pilot_zone,
                domains: domains.map(|d| d.split('\x1f').map(str::to_owned).collect()).unwrap_or_default(),
                trl: trl.and_then(|t| u8::try_from(t).ok()),
                amount_min: amin.and_then(|a| u32::try_from(a).ok()),
                amount_max: amax.and_then(|a| u32::try_from(a).ok()),
                deadline,
                // Every published posting has its publication time; the epoch only guards bad data.
                published_at: published.unwrap_or(OffsetDateTime::UNIX_EPOCH),
            })
        })
        .collect())
}

/// The ids of an organization's published postings.
pub async fn published_of_org(db: &mut Conn, org_id: i64) -> sqlx::Result<Vec<i64>> {
    let rows: Vec<(i64,)> = sql::query_as("SELECT id FROM postings WHERE org_id = $1 AND status = 'published'")
        .bind(org_id)
        .fetch_all(db)
        .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// A published demand that is an open call (揭榜挂帅), with its organization's names. The call's
/// terms live in the spec.
#[derive(Debug, serde::Deserialize)]
pub struct OpenCallRow(pub i64, pub String, pub Option<String>, pub String, pub Option<String>, pub String);

/// The published open calls (of `only`, or all of them): the home page keeps them in memory.
pub async fn published_open_calls(db: &crate::db::Db, only: Option<&[i64]>) -> sqlx::Result<Vec<OpenCallRow>> {
    let sql = db.dialect().json(
        "SELECT CAST(json_group_array(json(row)) AS TEXT) FROM (
           SELECT p.id, json_array(p.id, p.title_zh, p.title_en, o.name_zh, o.name_en, p.spec) AS row
           FROM postings p JOIN organizations o ON o.id = p.org_id
           WHERE p.kind = 'demand' AND p.status = 'published' AND p.spec LIKE '%\"open_call\":{%' AND {ids}) AS s
         GROUP BY id / 1000",
    );
    crate::db::json_rows(db, &sql, only).await
}

/// Postings waiting for a moderator: new submissions and edits of published ones.
pub async fn moderation_count(db: &mut Conn) -> sqlx::Result<u32> {
    let (n,): (i64,) = sql::query_as(
        "SELECT COUNT(*) FROM postings WHERE status = 'submitted' OR (status = 'published' AND pending IS NOT NULL)",
    )
    .fetch_one(db)
    .await?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// A posting's Chinese title and its page (`/demands/12`), for readers of records that name it.
pub async fn title_and_page(db: &mut Conn, id: i64) -> sqlx::Result<Option<(String, String)>> {
    let row: Option<(String, String)> =
        sql::query_as("SELECT title_zh, kind FROM postings WHERE id = $1").bind(id).fetch_optional(db).await?;
    Ok(row.and_then(|(t, k)| PostingKind::parse(&k).map(|k| (t, format!("{}/{id}", k.page_path())))))
}

/// What this capability holds about a person, for their data export (see `crate::facts::personal_data`).
pub const PERSONAL_DATA: &[sql::Section] = &[sql::Section {
    name: "postings_written",
    sql: "SELECT json_group_array(json_object('id', id, 'kind', kind, 'status', status, 'title', title_zh,
                'created_at', created_at)) FROM postings WHERE created_by = $1",
}];
