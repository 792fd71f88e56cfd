//! SQL for the event itself: events, ticket types, registration questions, the cover; each
//! sub-capability's SQL is in the file named after it beside this one.

use crate::db::Conn;
use crate::db::sql;
use shared::events::{
    Answer, Attendee, CancelUndo, CheckinCounts, CheckinOutcome, CountRow, Event, EventInput, EventMessage, EventType,
    Invitation, InvitationInput, Question, QuestionInput, QuestionKind, Registration, RegistrationStatus, Staff,
    StaffRole, TicketRef, TicketType, TicketTypeInput,
};
use time::OffsetDateTime;

mod checkin;
mod messages;
mod registrations;
mod report;
mod staff;

pub use checkin::*;
pub use messages::*;
pub use registrations::*;
pub use report::*;
pub use staff::*;

#[derive(sqlx::FromRow)]
struct EventRow {
    id: i64,
    org_id: i64,
    org_name_zh: String,
    org_name_en: Option<String>,
    title_zh: String,
    title_en: Option<String>,
    description_zh: String,
    description_en: Option<String>,
    event_type: String,
    venue: Option<String>,
    online_url: Option<String>,
    starts_at: OffsetDateTime,
    ends_at: OffsetDateTime,
    domains: String,
    capacity: i64,
    invitation_only: bool,
    verified_email_required: bool,
    registration_opens_at: Option<OffsetDateTime>,
    registration_closes_at: Option<OffsetDateTime>,
    cover_sha256: Option<String>,
    published_at: Option<OffsetDateTime>,
}

const EVENT: &str = "SELECT e.id, e.org_id, o.name_zh AS org_name_zh, o.name_en AS org_name_en, e.title_zh, e.title_en,
        e.description_zh, e.description_en, e.event_type, e.venue, e.online_url, e.starts_at, e.ends_at, e.domains,
        e.capacity, e.invitation_only, e.verified_email_required, e.registration_opens_at, e.registration_closes_at,
        e.cover_sha256, e.published_at
     FROM events e JOIN organizations o ON o.id = e.org_id";

fn trimmed(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// Inserts an event, public at once when `published`, else a draft.
pub async fn insert(
    db: &mut Conn,
    e: &EventInput,
    user: i64,
    now: OffsetDateTime,
    published: bool,
) -> sqlx::Result<i64> {
    let (id,): (i64,) = sql::query_as(
        "INSERT INTO events (org_id, title_zh, title_en, description_zh, description_en, event_type, venue, online_url,
                             starts_at, ends_at, domains, capacity, invitation_only, created_by, created_at, updated_at,
                             registration_opens_at, registration_closes_at, verified_email_required, published_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, $16, $17, $18, $19)
         RETURNING id",
    )
    .bind(e.org_id)
    .bind(e.title_zh.trim())
    .bind(trimmed(&e.title_en))
    .bind(e.description_zh.trim())
    .bind(trimmed(&e.description_en))
    .bind(e.event_type.as_str())
    .bind(trimmed(&e.venue))
    .bind(trimmed(&e.online_url))
    .bind(e.starts_at)
    .bind(e.ends_at)
    .bind(e.domains.join(","))
    .bind(i64::from(e.capacity))
    .bind(e.invitation_only)
    .bind(user)
    .bind(now)
    .bind(e.registration_opens_at)
    .bind(e.registration_closes_at)
    .bind(e.verified_email_required)
    .bind(published.then_some(now))
    .fetch_one(db)
    .await?;
    Ok(id)
}

pub async fn update(db: &mut Conn, id: i64, e: &EventInput, now: OffsetDateTime) -> sqlx::Result<()> {
    sql::query(
        "UPDATE events SET title_zh = $2, title_en = $3, description_zh = $4, description_en = $5, event_type = $6,
             venue = $7, online_url = $8, starts_at = $9, ends_at = $10, domains = $11, capacity = $12,
             invitation_only = $13, updated_at = $14, registration_opens_at = $15, registration_closes_at = $16,
             verified_email_required = $17
         WHERE id = $1",
    )
    .bind(id)
    .bind(e.title_zh.trim())
    .bind(trimmed(&e.title_en))
    .bind(e.description_zh.trim())
    .bind(trimmed(&e.description_en))
    .bind(e.event_type.as_str())
    .bind(trimmed(&e.venue))
    .bind(trimmed(&e.online_url))
    .bind(e.starts_at)
    .bind(e.ends_at)
    .bind(e.domains.join(","))
    .bind(i64::from(e.capacity))
    .bind(e.invitation_only)
    .bind(now)
    .bind(e.registration_opens_at)
    .bind(e.registration_closes_at)
    .bind(e.verified_email_required)
    .execute(db)
    .await?;
    Ok(())
}

/// Sets (or with `None` removes) the event's cover image: `(sha256, mime)`.
pub async fn set_cover(db: &mut Conn, id: i64, cover: Option<(&str, &str)>) -> sqlx::Result<()> {
    sql::query("UPDATE events SET cover_sha256 = $2, cover_mime = $3 WHERE id = $1")
        .bind(id)
        .bind(cover.map(|c| c.0))
        .bind(cover.map(|c| c.1))
        .execute(db)
        .await?;
    Ok(())
}

/// The cover image's `(sha256, mime)`, if the event has one.
pub async fn cover(db: &mut Conn, id: i64) -> sqlx::Result<Option<(String, String)>> {
    let row: Option<(Option<String>, Option<String>)> =
        sql::query_as("SELECT cover_sha256, cover_mime FROM events WHERE id = $1").bind(id).fetch_optional(db).await?;
    Ok(row.and_then(|(sha, mime)| Some((sha?, mime?))))
}

/// The event's organizing organization and capacity.
/// Makes a draft public (once; a published event keeps its first time).
pub async fn publish(db: &mut Conn, id: i64, at: OffsetDateTime) -> sqlx::Result<()> {
    sql::query("UPDATE events SET published_at = COALESCE(published_at, $2) WHERE id = $1")
        .bind(id)
        .bind(at)
        .execute(db)
        .await?;
    Ok(())
}

/// An event's organization and seat count.
pub struct Head {
    pub org: i64,
    pub capacity: u32,
}

pub async fn head(db: &mut Conn, id: i64) -> sqlx::Result<Option<Head>> {
    let row: Option<(i64, i64)> =
        sql::query_as("SELECT org_id, capacity FROM events WHERE id = $1").bind(id).fetch_optional(db).await?;
    Ok(row.map(|(org, cap)| Head { org, capacity: u32::try_from(cap).unwrap_or(0) }))
}

/// Seats held (confirmed, pending, offered) over the whole event and per ticket type.
pub async fn held(db: &mut Conn, event: i64) -> sqlx::Result<(u32, Vec<(i64, u32)>)> {
    let rows: Vec<(i64, i64)> = sql::query_as(
        "SELECT ticket_type_id, CAST(SUM(seats) AS BIGINT) FROM registrations
         WHERE event_id = $1 AND status IN ('confirmed', 'pending', 'offered') GROUP BY ticket_type_id",
    )
    .bind(event)
    .fetch_all(db)
    .await?;
    let per: Vec<(i64, u32)> = rows.into_iter().map(|(t, n)| (t, u32::try_from(n).unwrap_or(0))).collect();
    Ok((per.iter().map(|(_, n)| n).sum(), per))
}

pub async fn ticket_types(db: &mut Conn, event: i64) -> sqlx::Result<Vec<(i64, TicketTypeInput)>> {
    let rows: Vec<(i64, String, Option<String>, i64, bool)> =
        sql::query_as("SELECT id, name_zh, name_en, quota, approval FROM ticket_types WHERE event_id = $1 ORDER BY id")
            .bind(event)
            .fetch_all(db)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name_zh, name_en, quota, approval)| {
            (id, TicketTypeInput { name_zh, name_en, quota: u32::try_from(quota).unwrap_or(0), approval })
        })
        .collect())
}

pub async fn insert_ticket_type(db: &mut Conn, event: i64, t: &TicketTypeInput) -> sqlx::Result<i64> {
    let (id,): (i64,) = sql::query_as(
        "INSERT INTO ticket_types (event_id, name_zh, name_en, quota, approval) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(event)
    .bind(t.name_zh.trim())
    .bind(trimmed(&t.name_en))
    .bind(i64::from(t.quota))
    .bind(t.approval)
    .fetch_one(db)
    .await?;
    Ok(id)
}

/// How many tables the event's matchmaking meetings use (the meetings capability's setting).
pub async fn set_meeting_tables(db: &mut Conn, event: i64, tables: u32) -> sqlx::Result<()> {
    sql::query("UPDATE events SET meeting_tables = $2 WHERE id = $1")
        .bind(event)
        .bind(i64::from(tables))
        .execute(db)
        .await?;
    Ok(())
}

/// The event with its ticket types' free seats and waiting lists; `mine` as given.
pub async fn event(db: &mut Conn, id: i64, mine: bool) -> sqlx::Result<Option<Event>> {
    let row: Option<EventRow> =
        sql::query_as(format!("{EVENT} WHERE e.id = $1")).bind(id).fetch_optional(&mut *db).await?;
    let Some(r) = row else { return Ok(None) };
    Ok(Some(complete(db, r, mine).await?))
}

async fn complete(db: &mut Conn, r: EventRow, mine: bool) -> sqlx::Result<Event> {
    let capacity = u32::try_from(r.capacity).unwrap_or(0);
    let (overall, per) = held(db, r.id).await?;
    let waiting = waiting(db, r.id).await?;
    let types = ticket_types(db, r.id)
        .await?
        .into_iter()
        .map(|(id, t)| {
            let by_type = per.iter().find(|(x, _)| *x == id).map_or(0, |(_, n)| *n);
            TicketType {
                id,
                free: shared::events::free_seats(t.quota, by_type, capacity, overall),
                waiting: waiting.iter().filter(|w| w.ticket_type == id).map(|w| w.seats).sum(),
                name_zh: t.name_zh,
                name_en: t.name_en,
                quota: t.quota,
                approval: t.approval,
            }
        })
        .collect();
    Ok(Event {
        id: r.id,
        org_id: r.org_id,
        org_name_zh: r.org_name_zh,
        org_name_en: r.org_name_en,
        title_zh: r.title_zh,
        title_en: r.title_en,
        description_zh: r.description_zh,
        description_en: r.description_en,
        event_type: EventType::parse(&r.event_type).unwrap_or(EventType::Forum),
        venue: r.venue,
        online_url: r.online_url,
        starts_at: r.starts_at,
        ends_at: r.ends_at,
        domains: r.domains.split(',').filter(|d| !d.is_empty()).map(str::to_owned).collect(),
        capacity,
        invitation_only: r.invitation_only,
        verified_email_required: r.verified_email_required,
        registered: overall,
        ticket_types: types,
        mine,
        can_check_in: mine,
        registration_opens_at: r.registration_opens_at,
        registration_closes_at: r.registration_closes_at,
        cover_url: r
            .cover_sha256
            .map(|sha| format!("{}?v={}", shared::paths::event_cover(r.id), &sha[..sha.len().min(12)])),
        published: r.published_at.is_some(),
        staff_invitation: None,
    })
}

/// Events, soonest first: upcoming ones (`past` false) or past ones, public ones plus those of `orgs`.
pub async fn list(db: &mut Conn, now: OffsetDateTime, past: bool, orgs: &[i64]) -> sqlx::Result<Vec<Event>> {
    let orgs_sql =
        if orgs.is_empty() { "0".to_owned() } else { orgs.iter().map(i64::to_string).collect::<Vec<_>>().join(",") };
    let (cond, order) = if past { ("e.ends_at < $1", "DESC") } else { ("e.ends_at >= $1", "ASC") };
    let rows: Vec<EventRow> = sql::query_as(format!(
        "{EVENT} WHERE {cond} AND ((NOT e.invitation_only AND e.published_at IS NOT NULL) OR e.org_id IN ({orgs_sql}))
         ORDER BY e.starts_at {order} LIMIT 200"
    ))
    .bind(now)
    .fetch_all(&mut *db)
    .await?;
    let mut out = vec![];
    for r in rows {
        let mine = orgs.contains(&r.org_id);
        out.push(complete(db, r, mine).await?);
    }
    Ok(out)
}

#[derive(sqlx::FromRow)]
struct QuestionRow {
    id: i64,
    label_zh: String,
    label_en: Option<String>,
    kind: String,
    required: bool,
    options_zh: String,
    options_en: String,
    ticket_types: String,
}

/// An event's registration questions, in the order they were added.
pub async fn questions(db: &mut Conn, event: i64) -> sqlx::Result<Vec<Question>> {
    let rows: Vec<QuestionRow> = sql::query_as(
        "SELECT id, label_zh, label_en, kind, required, options_zh, options_en, ticket_types
         FROM event_questions WHERE event_id = $1 ORDER BY id",
    )
    .bind(event)
    .fetch_all(db)
    .await?;
    let lines = |s: &str| s.lines().map(str::to_owned).collect::<Vec<_>>();
    Ok(rows
        .into_iter()
        .map(|r| Question {
            id: r.id,
            label_zh: r.label_zh,
            label_en: r.label_en,
            kind: QuestionKind::parse(&r.kind).unwrap_or(QuestionKind::Text),
            required: r.required,
            options_zh: lines(&r.options_zh),
            options_en: lines(&r.options_en),
            ticket_types: r.ticket_types.split(',').filter_map(|t| t.parse().ok()).collect(),
        })
        .collect())
}

pub async fn insert_question(db: &mut Conn, event: i64, q: &QuestionInput) -> sqlx::Result<i64> {
    let clean = |v: &[String]| v.iter().map(|o| o.trim()).collect::<Vec<_>>().join("\n");
    let (id,): (i64,) = sql::query_as(
        "INSERT INTO event_questions (event_id, label_zh, label_en, kind, required, options_zh, options_en, ticket_types)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(event)
    .bind(q.label_zh.trim())
    .bind(trimmed(&q.label_en))
    .bind(q.kind.as_str())
    .bind(q.required)
    .bind(clean(&q.options_zh))
    .bind(clean(&q.options_en))
    .bind(q.ticket_types.iter().map(i64::to_string).collect::<Vec<_>>().join(","))
    .fetch_one(db)
    .await?;
    Ok(id)
}

pub async fn delete_question(db: &mut Conn, event: i64, question: i64) -> sqlx::Result<bool> {
    let r = sql::query("DELETE FROM event_questions WHERE event_id = $1 AND id = $2")
        .bind(event)
        .bind(question)
        .execute(db)
        .await?;
    Ok(r.rows_affected() > 0)
}

/// What this capability holds about a person, for their data export (see `crate::facts::personal_data`).
pub const PERSONAL_DATA: &[sql::Section] = &[sql::Section {
    name: "event_registrations",
    sql: "SELECT json_group_array(json_object('id', r.id, 'event_id', r.event_id, 'event', e.title_zh,
                'people', r.people, 'status', r.status, 'created_at', r.created_at,
                'answers', (SELECT json_group_array(json_object('question_id', a.question_id, 'value', a.value))
                            FROM registration_answers a WHERE a.registration_id = r.id)))
         FROM registrations r JOIN events e ON e.id = r.event_id WHERE r.user_id = $1",
}];

/// Erases what this capability holds only about a person whose account is being deleted: registrations (the answers and the names of the people registered), door staff and staff invitations
/// (`$1` id, `$2` email, `$3` now, `$4` the anonymous address; see `facts::Erasing::erase`).
pub const ERASE: &[&str] = &[
    // What they answered when registering.
    "DELETE FROM registration_answers WHERE registration_id IN (SELECT id FROM registrations WHERE user_id = $1)",
    "DELETE FROM event_staff WHERE user_id = $1",
    "DELETE FROM staff_invitations WHERE email = $2",
];
