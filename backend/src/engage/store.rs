//! SQL for engagements: requests, their history, conversations, attachments, blocks and reports.
//!
//! This file is long because requests, deals, conversations, attachments, blocks and reports share
//! the engagements table; split as `ops` is.

use crate::db::Conn;
use crate::db::sql;
use shared::engage::{
    Attachment, Contact, DealStage, EngagementEvent, EngagementStatus, EngagementSummary, FailureReason, Message,
    OrgRef, ParsedStage, PostingRef, Proposal, Report, Side,
};
use shared::market::PostingKind;
use time::{Date, OffsetDateTime};

/// An engagement as the rules about it need it (the views read the rest).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Row {
    pub id: i64,
    pub from_org: i64,
    pub to_org: i64,
    pub message: String,
    pub status: String,
    pub decline_reason: Option<String>,
    pub stage: Option<String>,
    pub contract_value: Option<i64>,
    pub signed_on: Option<Date>,
    pub failure: Option<String>,
    pub failure_note: Option<String>,
    pub expires_at: OffsetDateTime,
}

impl Row {
    pub fn status(&self) -> EngagementStatus {
        EngagementStatus::parse(&self.status).unwrap_or(EngagementStatus::Pending)
    }

    pub fn stage(&self) -> Option<DealStage> {
        self.stage.as_deref().and_then(DealStage::parse)
    }
}

pub struct NewRow<'a> {
    pub from_org: i64,
    pub to_org: i64,
    pub posting_id: i64,
    pub source_id: Option<i64>,
    pub proposal: Proposal,
    pub message: &'a str,
    pub user: i64,
    pub now: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

pub async fn insert(db: &mut Conn, r: &NewRow<'_>) -> sqlx::Result<i64> {
    let (id,): (i64,) = sql::query_as(
        "INSERT INTO engagements (from_org, to_org, posting_id, source_id, proposal, message, status, created_by,
                                  created_at, expires_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $8, $9, $8) RETURNING id",
    )
    .bind(r.from_org)
    .bind(r.to_org)
    .bind(r.posting_id)
    .bind(r.source_id)
    .bind(r.proposal.as_str())
    .bind(r.message)
    .bind(r.user)
    .bind(r.now)
    .bind(r.expires_at)
    .fetch_one(db)
    .await?;
    Ok(id)
}

pub async fn row(db: &mut Conn, id: i64) -> sqlx::Result<Option<Row>> {
    sql::query_as("SELECT * FROM engagements WHERE id = $1").bind(id).fetch_optional(db).await
}

/// Whether `org` has an open (pending or accepted) request about `posting`.
pub async fn open_exists(db: &mut Conn, org: i64, posting: i64) -> sqlx::Result<bool> {
    let found: Option<(i64,)> = sql::query_as(
        "SELECT id FROM engagements WHERE from_org = $1 AND posting_id = $2 AND status IN ('pending', 'accepted')",
    )
    .bind(org)
    .bind(posting)
    .fetch_optional(db)
    .await?;
    Ok(found.is_some())
}

/// Requests `org` sent since `since` (the daily limit).
pub async fn sent_since(db: &mut Conn, org: i64, since: OffsetDateTime) -> sqlx::Result<i64> {
    let (n,): (i64,) = sql::query_as("SELECT COUNT(*) FROM engagements WHERE from_org = $1 AND created_at >= $2")
        .bind(org)
        .bind(since)
        .fetch_one(db)
        .await?;
    Ok(n)
}

pub async fn set_status(
    db: &mut Conn,
    id: i64,
    status: EngagementStatus,
    decline_reason: Option<&str>,
    now: OffsetDateTime,
) -> sqlx::Result<()> {
    let stage = (status == EngagementStatus::Accepted).then_some(DealStage::Negotiating.as_str());
    sql::query(
        "UPDATE engagements SET status = $2, decline_reason = $3, stage = COALESCE(stage, $4),
             answered_at = CASE WHEN $2 IN ('accepted', 'declined') THEN $5 ELSE answered_at END, updated_at = $5
         WHERE id = $1",
    )
    .bind(id)
    .bind(status.as_str())
    .bind(decline_reason)
    .bind(stage)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn set_stage(db: &mut Conn, id: i64, s: &ParsedStage, now: OffsetDateTime) -> sqlx::Result<()> {
    sql::query(
        "UPDATE engagements SET stage = $2, contract_value = COALESCE($3, contract_value),
             signed_on = COALESCE($4, signed_on), failure = $5, failure_note = $6, updated_at = $7
         WHERE id = $1",
    )
    .bind(id)
    .bind(s.stage.as_str())
    .bind(s.contract_value.map(i64::from))
    .bind(s.signed_on)
    .bind(s.failure.map(FailureReason::as_str))
    .bind(s.note.as_deref())
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn record(
    db: &mut Conn,
    id: i64,
    action: &str,
    org: Option<i64>,
    user: Option<i64>,
    note: Option<&str>,
    now: OffsetDateTime,
) -> sqlx::Result<()> {
    sql::query(
        "INSERT INTO engagement_events (engagement_id, action, org_id, user_id, note, at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(action)
    .bind(org)
    .bind(user)
    .bind(note)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn events(db: &mut Conn, id: i64) -> sqlx::Result<Vec<EngagementEvent>> {
    type EventRow = (String, Option<i64>, Option<String>, Option<String>, OffsetDateTime);
    let rows: Vec<EventRow> = sql::query_as(
        "SELECT e.action, e.org_id, u.display_name, e.note, e.at FROM engagement_events e
         LEFT JOIN users u ON u.id = e.user_id WHERE e.engagement_id = $1 ORDER BY e.id",
    )
    .bind(id)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(action, org_id, user_name, note, at)| EngagementEvent { action, org_id, user_name, note, at })
        .collect())
}

/// Pending requests past their expiry, and pending ones due a reminder (`remind_before` their expiry).
pub async fn expire_due(db: &mut Conn, now: OffsetDateTime) -> sqlx::Result<Vec<i64>> {
    let ids: Vec<(i64,)> = sql::query_as(
        "UPDATE engagements SET status = 'expired', updated_at = $1 WHERE status = 'pending' AND expires_at <= $1
         RETURNING id",
    )
    .bind(now)
    .fetch_all(db)
    .await?;
    Ok(ids.into_iter().map(|(id,)| id).collect())
}

/// Pending requests whose reminder is due (expiring before `before`, not reminded yet); marks them reminded.
pub async fn remind_due(db: &mut Conn, before: OffsetDateTime, now: OffsetDateTime) -> sqlx::Result<Vec<i64>> {
    let ids: Vec<(i64,)> = sql::query_as(
        "UPDATE engagements SET reminded_at = $2
         WHERE status = 'pending' AND reminded_at IS NULL AND expires_at <= $1 RETURNING id",
    )
    .bind(before)
    .bind(now)
    .fetch_all(db)
    .await?;
    Ok(ids.into_iter().map(|(id,)| id).collect())
}

/// What a list may be narrowed to.
pub struct Filter<'a> {
    /// The organizations whose engagements are listed.
    pub orgs: &'a [i64],
    pub side: Option<Side>,
    pub status: Option<EngagementStatus>,
    pub stage: Option<DealStage>,
    /// Whose unread counts.
    pub user: i64,
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: i64,
    from_org: i64,
    from_zh: String,
    from_en: Option<String>,
    to_org: i64,
    to_zh: String,
    to_en: Option<String>,
    posting_id: i64,
    kind: String,
    title_zh: String,
    title_en: Option<String>,
    proposal: String,
    status: String,
    stage: Option<String>,
    unread: i64,
    created_at: OffsetDateTime,
    expires_at: OffsetDateTime,
    updated_at: OffsetDateTime,
}

const SUMMARY: &str = "SELECT e.id, e.from_org, f.name_zh AS from_zh, f.name_en AS from_en, e.to_org,
        t.name_zh AS to_zh, t.name_en AS to_en, e.posting_id, p.kind, p.title_zh, p.title_en, e.proposal, e.status,
        e.stage, e.created_at, e.expires_at, e.updated_at,
        (SELECT COUNT(*) FROM messages m WHERE m.engagement_id = e.id AND m.user_id IS DISTINCT FROM $1
            AND m.id > COALESCE((SELECT last_read FROM message_reads r WHERE r.engagement_id = e.id AND r.user_id = $1), 0))
            AS unread
     FROM engagements e JOIN organizations f ON f.id = e.from_org JOIN organizations t ON t.id = e.to_org
     JOIN postings p ON p.id = e.posting_id";

fn summary(r: SummaryRow, viewer_orgs: &[i64]) -> EngagementSummary {
    let side = if viewer_orgs.contains(&r.from_org) {
        Some(Side::Sent)
    } else if viewer_orgs.contains(&r.to_org) {
        Some(Side::Received)
    } else {
        None
    };
    EngagementSummary {
        id: r.id,
        from: OrgRef { id: r.from_org, name_zh: r.from_zh, name_en: r.from_en },
        to: OrgRef { id: r.to_org, name_zh: r.to_zh, name_en: r.to_en },
        posting: PostingRef {
            id: r.posting_id,
            kind: PostingKind::parse(&r.kind).unwrap_or(PostingKind::Demand),
            title_zh: r.title_zh,
            title_en: r.title_en,
        },
        proposal: Proposal::parse(&r.proposal).unwrap_or(Proposal::JointDevelopment),
        status: EngagementStatus::parse(&r.status).unwrap_or(EngagementStatus::Pending),
        stage: r.stage.as_deref().and_then(DealStage::parse),
        side,
        unread: u32::try_from(r.unread).unwrap_or(0),
        created_at: r.created_at,
        expires_at: r.expires_at,
        updated_at: r.updated_at,
    }
}

pub async fn summary_of(
    db: &mut Conn,
    id: i64,
    user: i64,
    viewer_orgs: &[i64],
) -> sqlx::Result<Option<EngagementSummary>> {
    let row: Option<SummaryRow> =
        sql::query_as(format!("{SUMMARY} WHERE e.id = $2")).bind(user).bind(id).fetch_optional(db).await?;
    Ok(row.map(|r| summary(r, viewer_orgs)))
}

pub async fn list(
    db: &mut Conn,
    f: &Filter<'_>,
    limit: u32,
    offset: u64,
) -> sqlx::Result<(Vec<EngagementSummary>, u64)> {
    if f.orgs.is_empty() {
        return Ok((vec![], 0));
    }
    let orgs = f.orgs.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let mut cond = match f.side {
        Some(Side::Sent) => format!(" WHERE e.from_org IN ({orgs})"),
        Some(Side::Received) => format!(" WHERE e.to_org IN ({orgs})"),
        None => format!(" WHERE (e.from_org IN ({orgs}) OR e.to_org IN ({orgs}))"),
    };
    // Codes come from closed enums, never from raw input.
    if let Some(s) = f.status {
        cond.push_str(&format!(" AND e.status = '{}'", s.as_str()));
    }
    if let Some(s) = f.stage {
        cond.push_str(&format!(" AND e.stage = '{}'", s.as_str()));
    }
    let (total,): (i64,) =
        sql::query_as(format!("SELECT COUNT(*) FROM engagements e{cond}")).fetch_one(&mut *db).await?;
    let rows: Vec<SummaryRow> =
        sql::query_as(format!("{SUMMARY}{cond} ORDER BY e.updated_at DESC, e.id DESC LIMIT $2 OFFSET $3"))
            .bind(f.user)
            .bind(limit)
            .bind(i64::try_from(offset).unwrap_or(i64::MAX))
            .fetch_all(&mut *db)
            .await?;
    Ok((rows.into_iter().map(|r| summary(r, f.orgs)).collect(), u64::try_from(total).unwrap_or(0)))
}

/// A deal's terms, for exports.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DealTerms {
    pub contract_value: Option<i64>,
    pub signed_on: Option<Date>,
    pub failure: Option<FailureReason>,
}

/// The terms of the engagements `ids`, by id.
pub async fn deal_terms(db: &mut Conn, ids: &[i64]) -> sqlx::Result<std::collections::HashMap<i64, DealTerms>> {
    let mut out = std::collections::HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        // Ids are integers read from our own rows, never raw input.
        let list = chunk.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        type TermsRow = (i64, Option<i64>, Option<Date>, Option<String>);
        let rows: Vec<TermsRow> = sql::query_as(format!(
            "SELECT id, contract_value, signed_on, failure FROM engagements WHERE id IN ({list})"
        ))
        .fetch_all(&mut *db)
        .await?;
        for (id, contract_value, signed_on, failure) in rows {
            let failure = failure.as_deref().and_then(FailureReason::parse);
            out.insert(id, DealTerms { contract_value, signed_on, failure });
        }
    }
    Ok(out)
}

/// Both sides' contacts: each organization's private phone and email, and the person who sent
/// (for the sender) or accepted (for the receiver) the request.
pub async fn contacts(db: &mut Conn, e: &Row) -> sqlx::Result<Vec<Contact>> {
    let mut out = vec![];
    for (org, action) in [(e.from_org, "requested"), (e.to_org, "accepted")] {
        type ContactRow = (Option<String>, Option<String>, Option<String>, Option<String>);
        let row: Option<ContactRow> = sql::query_as(
            "SELECT o.contact_phone, o.contact_email,
                    (SELECT u.display_name FROM engagement_events ev JOIN users u ON u.id = ev.user_id
                      WHERE ev.engagement_id = $2 AND ev.action = $3 ORDER BY ev.id LIMIT 1),
                    (SELECT u.email FROM engagement_events ev JOIN users u ON u.id = ev.user_id
                      WHERE ev.engagement_id = $2 AND ev.action = $3 ORDER BY ev.id LIMIT 1)
             FROM organizations o WHERE o.id = $1",
        )
        .bind(org)
        .bind(e.id)
        .bind(action)
        .fetch_optional(&mut *db)
        .await?;
        if let Some((org_phone, org_email, person, person_email)) = row {
            out.push(Contact { org_id: org, org_phone, org_email, person, person_email });
        }
    }
    Ok(out)
}

pub async fn insert_message(
    db: &mut Conn,
    engagement: i64,
    org: i64,
    user: i64,
    body: &str,
    now: OffsetDateTime,
) -> sqlx::Result<i64> {
    let (id,): (i64,) = sql::query_as(
        "INSERT INTO messages (engagement_id, org_id, user_id, body, at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(engagement)
    .bind(org)
    .bind(user)
    .bind(body)
    .bind(now)
    .fetch_one(&mut *db)
    .await?;
    sql::query("UPDATE engagements SET updated_at = $2 WHERE id = $1").bind(engagement).bind(now).execute(db).await?;
    Ok(id)
}

/// Links uploaded, not yet sent attachments of `user` in `engagement` to a message; returns how many.
pub async fn attach(db: &mut Conn, engagement: i64, user: i64, message: i64, ids: &[i64]) -> sqlx::Result<u64> {
    let mut n = 0;
    for id in ids {
        n += sql::query(
            "UPDATE attachments SET message_id = $1
             WHERE id = $2 AND engagement_id = $3 AND uploaded_by = $4 AND message_id IS NULL",
        )
        .bind(message)
        .bind(id)
        .bind(engagement)
        .bind(user)
        .execute(&mut *db)
        .await?
        .rows_affected();
    }
    Ok(n)
}

pub async fn messages(db: &mut Conn, engagement: i64) -> sqlx::Result<Vec<Message>> {
    let rows: Vec<(i64, i64, Option<String>, String, OffsetDateTime)> = sql::query_as(
        "SELECT m.id, m.org_id, u.display_name, m.body, m.at FROM messages m LEFT JOIN users u ON u.id = m.user_id
         WHERE m.engagement_id = $1 ORDER BY m.id",
    )
    .bind(engagement)
    .fetch_all(&mut *db)
    .await?;
    let files: Vec<(i64, i64, String, String, i64, String)> = sql::query_as(
        "SELECT message_id, id, name, mime, size, sha256 FROM attachments
         WHERE engagement_id = $1 AND message_id IS NOT NULL ORDER BY id",
    )
    .bind(engagement)
    .fetch_all(&mut *db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, org_id, author, body, at)| Message {
            id,
            org_id,
            author,
            body,
            at,
            attachments: files
                .iter()
                .filter(|f| f.0 == id)
                .map(|(_, aid, name, mime, size, sha256)| Attachment {
                    id: *aid,
                    name: name.clone(),
                    mime: mime.clone(),
                    size: u64::try_from(*size).unwrap_or(0),
                    sha256: sha256.clone(),
                })
                .collect(),
        })
        .collect())
}

pub async fn mark_read(db: &mut Conn, engagement: i64, user: i64, last: i64) -> sqlx::Result<()> {
    sql::query(
        "INSERT INTO message_reads (engagement_id, user_id, last_read) VALUES ($1, $2, $3)
         ON CONFLICT (engagement_id, user_id) DO UPDATE SET last_read = MAX(message_reads.last_read, excluded.last_read)",
    )
    .bind(engagement)
    .bind(user)
    .bind(last)
    .execute(db)
    .await?;
    Ok(())
}

pub struct NewFile<'a> {
    pub engagement: i64,
    pub user: i64,
    pub name: &'a str,
    pub mime: &'a str,
    pub size: i64,
    pub sha256: &'a str,
    pub now: OffsetDateTime,
}

pub async fn insert_attachment(db: &mut Conn, f: &NewFile<'_>) -> sqlx::Result<i64> {
    let (id,): (i64,) = sql::query_as(
        "INSERT INTO attachments (engagement_id, uploaded_by, name, mime, size, sha256, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(f.engagement)
    .bind(f.user)
    .bind(f.name)
    .bind(f.mime)
    .bind(f.size)
    .bind(f.sha256)
    .bind(f.now)
    .fetch_one(db)
    .await?;
    Ok(id)
}

/// An attachment with the engagement it belongs to and its uploader.
/// A stored attachment with its engagement and uploader.
pub struct StoredAttachment {
    pub engagement: i64,
    pub uploaded_by: Option<i64>,
    pub file: Attachment,
}

pub async fn attachment(db: &mut Conn, id: i64) -> sqlx::Result<Option<StoredAttachment>> {
    let row: Option<(i64, Option<i64>, String, String, i64, String)> =
        sql::query_as("SELECT engagement_id, uploaded_by, name, mime, size, sha256 FROM attachments WHERE id = $1")
            .bind(id)
            .fetch_optional(db)
            .await?;
    Ok(row.map(|(engagement, by, name, mime, size, sha256)| {
        let file = Attachment { id, name, mime, size: u64::try_from(size).unwrap_or(0), sha256 };
        StoredAttachment { engagement, uploaded_by: by, file }
    }))
}

pub async fn is_blocked(db: &mut Conn, org: i64, blocked: i64) -> sqlx::Result<bool> {
    let row: Option<(i32,)> = sql::query_as("SELECT 1 FROM org_blocks WHERE org_id = $1 AND blocked = $2")
        .bind(org)
        .bind(blocked)
        .fetch_optional(db)
        .await?;
    Ok(row.is_some())
}

pub async fn block(db: &mut Conn, org: i64, blocked: i64, user: i64, now: OffsetDateTime) -> sqlx::Result<()> {
    sql::query("INSERT INTO org_blocks (org_id, blocked, user_id, at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")
        .bind(org)
        .bind(blocked)
        .bind(user)
        .bind(now)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn unblock(db: &mut Conn, org: i64, blocked: i64) -> sqlx::Result<bool> {
    let r = sql::query("DELETE FROM org_blocks WHERE org_id = $1 AND blocked = $2")
        .bind(org)
        .bind(blocked)
        .execute(db)
        .await?;
    Ok(r.rows_affected() > 0)
}

pub async fn blocks(db: &mut Conn, org: i64) -> sqlx::Result<Vec<OrgRef>> {
    let rows: Vec<(i64, String, Option<String>)> = sql::query_as(
        "SELECT o.id, o.name_zh, o.name_en FROM org_blocks b JOIN organizations o ON o.id = b.blocked
         WHERE b.org_id = $1 ORDER BY b.at DESC",
    )
    .bind(org)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|(id, name_zh, name_en)| OrgRef { id, name_zh, name_en }).collect())
}

pub struct NewReportRow<'a> {
    pub reporter: i64,
    pub target: i64,
    pub engagement: Option<i64>,
    pub user: i64,
    pub reason: &'a str,
    pub now: OffsetDateTime,
}

pub async fn insert_report(db: &mut Conn, r: &NewReportRow<'_>) -> sqlx::Result<i64> {
    let (id,): (i64,) = sql::query_as(
        "INSERT INTO abuse_reports (reporter_org, target_org, engagement_id, user_id, reason, at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(r.reporter)
    .bind(r.target)
    .bind(r.engagement)
    .bind(r.user)
    .bind(r.reason)
    .bind(r.now)
    .fetch_one(db)
    .await?;
    Ok(id)
}

pub async fn reports(db: &mut Conn) -> sqlx::Result<Vec<Report>> {
    type ReportRow =
        (i64, i64, String, Option<String>, i64, String, Option<String>, Option<i64>, String, String, OffsetDateTime);
    let rows: Vec<ReportRow> = sql::query_as(
        "SELECT r.id, f.id, f.name_zh, f.name_en, t.id, t.name_zh, t.name_en, r.engagement_id, r.reason, r.status, r.at
         FROM abuse_reports r JOIN organizations f ON f.id = r.reporter_org JOIN organizations t ON t.id = r.target_org
         ORDER BY r.status = 'open' DESC, r.at DESC LIMIT 200",
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, fid, fzh, fen, tid, tzh, ten, engagement_id, reason, status, at)| Report {
            id,
            reporter: OrgRef { id: fid, name_zh: fzh, name_en: fen },
            target: OrgRef { id: tid, name_zh: tzh, name_en: ten },
            engagement_id,
            reason,
            status,
            at,
        })
        .collect())
}

/// Deal outcomes between organizations, for the matching engine: (org, other org, stage, failure).
/// A deal that ended (signed, completed or failed) between two organizations.
#[derive(sqlx::FromRow)]
pub struct Outcome {
    pub from_org: i64,
    pub to_org: i64,
    pub stage: String,
    pub failure: Option<String>,
}

pub async fn outcomes(db: &mut Conn) -> sqlx::Result<Vec<Outcome>> {
    sql::query_as(
        "SELECT from_org, to_org, stage, failure FROM engagements WHERE stage IN ('signed', 'completed', 'failed')",
    )
    .fetch_all(db)
    .await
}

/// The two organizations' and the posting's names: (from zh, from en, to zh, to en, title zh, title en).
pub type Names = (String, Option<String>, String, Option<String>, String, Option<String>);

pub async fn names(db: &mut Conn, id: i64) -> sqlx::Result<Option<Names>> {
    sql::query_as(
        "SELECT f.name_zh, f.name_en, t.name_zh, t.name_en, p.title_zh, p.title_en FROM engagements e
         JOIN organizations f ON f.id = e.from_org JOIN organizations t ON t.id = e.to_org
         JOIN postings p ON p.id = e.posting_id WHERE e.id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await
}

/// Deals signed (signed or completed) on or after `from`: by their signing day, or, when it was
/// not given, by the moment the deal reached that stage.
pub async fn deals_signed_since(db: &mut Conn, from: Date, from_instant: OffsetDateTime) -> sqlx::Result<i64> {
    let (n,): (i64,) = sql::query_as(
        "SELECT COUNT(*) FROM engagements WHERE stage IN ('signed', 'completed')
           AND (signed_on >= $1 OR (signed_on IS NULL AND updated_at >= $2))",
    )
    .bind(from)
    .bind(from_instant)
    .fetch_one(db)
    .await?;
    Ok(n)
}

/// Abuse reports not yet resolved.
pub async fn open_reports_count(db: &mut Conn) -> sqlx::Result<u32> {
    let (n,): (i64,) = sql::query_as("SELECT COUNT(*) FROM abuse_reports WHERE status = 'open'").fetch_one(db).await?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// What this capability holds about a person, for their data export (see `crate::facts::personal_data`).
pub const PERSONAL_DATA: &[sql::Section] = &[
    sql::Section {
        name: "requests_sent",
        sql:
            "SELECT json_group_array(json_object('id', id, 'posting_id', posting_id, 'proposal', proposal,
                'message', message, 'status', status, 'created_at', created_at)) FROM engagements WHERE created_by = $1",
    },
    sql::Section {
        name: "messages",
        sql: "SELECT json_group_array(json_object('engagement_id', engagement_id, 'body', body, 'at', at))
         FROM messages WHERE user_id = $1",
    },
];

/// Retention: deletes the conversations' messages written before `before`; how many.
pub async fn delete_messages_before(db: &mut Conn, before: OffsetDateTime) -> sqlx::Result<u64> {
    Ok(sql::query("DELETE FROM messages WHERE at < $1").bind(before).execute(db).await?.rows_affected())
}
