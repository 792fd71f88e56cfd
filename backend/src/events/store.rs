//! SQL for events, ticket types and registrations.

use crate::db::Conn;
use crate::db::sql;
use shared::events::{
    Answer, Attendee, CancelUndo, CheckinCounts, CheckinOutcome, CountRow, Event, EventInput, EventMessage, EventType,
    Invitation, InvitationInput, Question, QuestionInput, QuestionKind, Registration, RegistrationStatus, Staff,
    StaffRole, TicketRef, TicketType, TicketTypeInput,
};
use time::OffsetDateTime;

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

pub async fn head(db: &mut Conn, id: i64) -> sqlx::Result<Option<(i64, u32)>> {
    let row: Option<(i64, i64)> =
        sql::query_as("SELECT org_id, capacity FROM events WHERE id = $1").bind(id).fetch_optional(db).await?;
    Ok(row.map(|(org, cap)| (org, u32::try_from(cap).unwrap_or(0))))
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

/// What a new registration for a ticket type is decided on, read in one query.
#[derive(sqlx::FromRow)]
pub struct RegistrationContext {
    pub ends_at: OffsetDateTime,
    pub registration_opens_at: Option<OffsetDateTime>,
    pub registration_closes_at: Option<OffsetDateTime>,
    pub capacity: i64,
    pub quota: i64,
    pub approval: bool,
    /// Seats held over the whole event and for this ticket type.
    pub held_overall: i64,
    pub held_type: i64,
    /// Someone waits for this ticket type.
    pub queue: bool,
    /// Registrations need an invitation code.
    pub invitation_only: bool,
    /// Registrants need a verified email address.
    pub verified_email_required: bool,
    /// The event is public (not a draft).
    pub published: bool,
}

pub async fn registration_context(
    db: &mut Conn,
    event: i64,
    ticket_type: i64,
) -> sqlx::Result<Option<RegistrationContext>> {
    sql::query_as(
        "SELECT e.ends_at, e.registration_opens_at, e.registration_closes_at, e.capacity, t.quota, t.approval,
                (SELECT COALESCE(CAST(SUM(seats) AS BIGINT), 0) FROM registrations
                  WHERE event_id = e.id AND status IN ('confirmed', 'pending', 'offered')) AS held_overall,
                (SELECT COALESCE(CAST(SUM(seats) AS BIGINT), 0) FROM registrations
                  WHERE ticket_type_id = t.id AND status IN ('confirmed', 'pending', 'offered')) AS held_type,
                EXISTS (SELECT 1 FROM registrations WHERE ticket_type_id = t.id AND status = 'waitlisted') AS queue,
                e.invitation_only, e.verified_email_required, e.published_at IS NOT NULL AS published
         FROM events e JOIN ticket_types t ON t.event_id = e.id
         WHERE e.id = $1 AND t.id = $2",
    )
    .bind(event)
    .bind(ticket_type)
    .fetch_optional(db)
    .await
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

/// Waiting-list entries per ticket type, in order: (ticket type, registration, seats).
pub async fn waiting(db: &mut Conn, event: i64) -> sqlx::Result<Vec<(i64, i64, u32)>> {
    let rows: Vec<(i64, i64, i64)> = sql::query_as(
        "SELECT ticket_type_id, id, seats FROM registrations WHERE event_id = $1 AND status = 'waitlisted'
         ORDER BY promoted_at IS NULL, promoted_at, id",
    )
    .bind(event)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|(t, id, s)| (t, id, u32::try_from(s).unwrap_or(0))).collect())
}

/// Moves a waiting entry to the head of its waiting list.
pub async fn promote(db: &mut Conn, id: i64, at: OffsetDateTime) -> sqlx::Result<()> {
    sql::query("UPDATE registrations SET promoted_at = $2, updated_at = $2 WHERE id = $1")
        .bind(id)
        .bind(at)
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
                waiting: waiting.iter().filter(|(x, ..)| *x == id).map(|(.., s)| s).sum(),
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
        cover_url: r.cover_sha256.map(|sha| format!("/api/v1/events/{}/cover?v={}", r.id, &sha[..sha.len().min(12)])),
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

pub struct NewRegistration<'a> {
    pub event: i64,
    pub ticket_type: i64,
    pub user: i64,
    pub org: Option<i64>,
    pub people: &'a [String],
    pub status: RegistrationStatus,
    pub now: OffsetDateTime,
}

pub async fn insert_registration(db: &mut Conn, r: &NewRegistration<'_>) -> sqlx::Result<i64> {
    let (id,): (i64,) = sql::query_as(
        "INSERT INTO registrations (event_id, ticket_type_id, user_id, org_id, people, seats, status, created_at, updated_at)
         VALUES ($1, $2, $3, $8, $4, $5, $6, $7, $7) RETURNING id",
    )
    .bind(r.event)
    .bind(r.ticket_type)
    .bind(r.user)
    .bind(r.people.join("\n"))
    .bind(r.people.len() as i64)
    .bind(r.status.as_str())
    .bind(r.now)
    .bind(r.org)
    .fetch_one(db)
    .await?;
    Ok(id)
}

#[derive(sqlx::FromRow)]
struct RegRow {
    id: i64,
    event_id: i64,
    ticket_type_id: i64,
    user_id: i64,
    display_name: String,
    org_name: Option<String>,
    people: String,
    status: String,
    offer_expires_at: Option<OffsetDateTime>,
    created_at: OffsetDateTime,
    updated_at: OffsetDateTime,
    cancelled_from: Option<String>,
}

const REGISTRATION: &str =
    "SELECT r.id, r.event_id, r.ticket_type_id, r.user_id, u.display_name, o.name_zh AS org_name,
        r.people, r.status, r.offer_expires_at, r.created_at, r.updated_at, r.cancelled_from
     FROM registrations r JOIN users u ON u.id = r.user_id LEFT JOIN organizations o ON o.id = r.org_id";

fn registration(r: RegRow) -> (i64, Registration) {
    (
        r.user_id,
        Registration {
            id: r.id,
            event_id: r.event_id,
            ticket_type: r.ticket_type_id,
            user_name: r.display_name,
            org_name: r.org_name,
            people: r.people.lines().map(str::to_owned).collect(),
            answers: vec![],
            status: RegistrationStatus::parse(&r.status).unwrap_or(RegistrationStatus::Pending),
            offer_expires_at: r.offer_expires_at,
            created_at: r.created_at,
            undo: r.cancelled_from.as_deref().and_then(RegistrationStatus::parse).map(|from| CancelUndo {
                to: from,
                until: r.updated_at + time::Duration::minutes(i64::from(shared::events::UNDO_MINUTES)),
            }),
        },
    )
}

/// A registration with the user who made it.
/// The event a registration is for.
pub async fn event_of_registration(db: &mut Conn, id: i64) -> sqlx::Result<Option<i64>> {
    let row: Option<(i64,)> =
        sql::query_as("SELECT event_id FROM registrations WHERE id = $1").bind(id).fetch_optional(db).await?;
    Ok(row.map(|(e,)| e))
}

pub async fn registration_by_id(db: &mut Conn, id: i64) -> sqlx::Result<Option<(i64, Registration)>> {
    let row: Option<RegRow> =
        sql::query_as(format!("{REGISTRATION} WHERE r.id = $1")).bind(id).fetch_optional(db).await?;
    Ok(row.map(registration))
}

/// An event's registrations (all, or only `user`'s), in order.
pub async fn registrations(db: &mut Conn, event: i64, user: Option<i64>) -> sqlx::Result<Vec<Registration>> {
    let rows: Vec<RegRow> =
        sql::query_as(format!("{REGISTRATION} WHERE r.event_id = $1 AND ($2 IS NULL OR r.user_id = $2) ORDER BY r.id"))
            .bind(event)
            .bind(user)
            .fetch_all(db)
            .await?;
    Ok(rows.into_iter().map(|r| registration(r).1).collect())
}

/// The user's registrations that still hold or wait for seats at events not yet over: (id, event).
pub async fn live_registrations_of(db: &mut Conn, user: i64, now: OffsetDateTime) -> sqlx::Result<Vec<(i64, i64)>> {
    sql::query_as(
        "SELECT r.id, r.event_id FROM registrations r JOIN events e ON e.id = r.event_id
         WHERE r.user_id = $1 AND r.status NOT IN ('cancelled', 'rejected') AND e.ends_at > $2 ORDER BY r.id",
    )
    .bind(user)
    .bind(now)
    .fetch_all(db)
    .await
}

/// Cancels a registration, remembering what it was so the cancellation can be undone.
pub async fn cancel(db: &mut Conn, id: i64, from: RegistrationStatus, now: OffsetDateTime) -> sqlx::Result<()> {
    sql::query(
        "UPDATE registrations SET status = 'cancelled', cancelled_from = $2, offer_expires_at = NULL, updated_at = $3
         WHERE id = $1",
    )
    .bind(id)
    .bind(from.as_str())
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

/// Once seats of a ticket type are offered on, the cancellations that freed them can no longer
/// be undone.
pub async fn end_undo(db: &mut Conn, event: i64, ticket_type: i64) -> sqlx::Result<()> {
    sql::query(
        "UPDATE registrations SET cancelled_from = NULL
         WHERE event_id = $1 AND ticket_type_id = $2 AND status = 'cancelled' AND cancelled_from IS NOT NULL",
    )
    .bind(event)
    .bind(ticket_type)
    .execute(db)
    .await?;
    Ok(())
}

/// Sets a registration's status; a cancellation set here cannot be undone.
pub async fn set_status(
    db: &mut Conn,
    id: i64,
    status: RegistrationStatus,
    offer_expires_at: Option<OffsetDateTime>,
    now: OffsetDateTime,
) -> sqlx::Result<()> {
    sql::query(
        "UPDATE registrations SET status = $2, offer_expires_at = $3, updated_at = $4, cancelled_from = NULL WHERE id = $1",
    )
        .bind(id)
        .bind(status.as_str())
        .bind(offer_expires_at)
        .bind(now)
        .execute(db)
        .await?;
    Ok(())
}

/// Offers past their expiry: (registration, event).
pub async fn expired_offers(db: &mut Conn, now: OffsetDateTime) -> sqlx::Result<Vec<(i64, i64)>> {
    sql::query_as("SELECT id, event_id FROM registrations WHERE status = 'offered' AND offer_expires_at <= $1")
        .bind(now)
        .fetch_all(db)
        .await
}

/// The caller's co-organizer role on an event, if any.
pub async fn staff_role(db: &mut Conn, event: i64, user: i64) -> sqlx::Result<Option<StaffRole>> {
    let row: Option<(String,)> = sql::query_as("SELECT role FROM event_staff WHERE event_id = $1 AND user_id = $2")
        .bind(event)
        .bind(user)
        .fetch_optional(db)
        .await?;
    Ok(row.and_then(|(r,)| StaffRole::parse(&r)))
}

/// The event's staff, then the invitations not answered yet (by the address typed, nothing more).
pub async fn staff(db: &mut Conn, event: i64) -> sqlx::Result<Vec<Staff>> {
    let rows: Vec<(Option<i64>, String, String, String)> = sql::query_as(
        "SELECT user_id, display_name, email, role FROM (
             SELECT s.user_id, u.display_name, u.email, s.role, 0 AS pending, s.created_at
             FROM event_staff s JOIN users u ON u.id = s.user_id WHERE s.event_id = $1
             UNION ALL
             SELECT NULL, '', i.email, i.role, 1, i.created_at FROM staff_invitations i WHERE i.event_id = $1
         ) x ORDER BY pending, created_at, email",
    )
    .bind(event)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(user_id, display_name, email, role)| {
            let accepted = user_id.is_some();
            Some(Staff { user_id, display_name, email, role: StaffRole::parse(&role)?, accepted })
        })
        .collect())
}

/// Invites `email` to the event's staff in `role` (a repeated invitation changes the role).
pub async fn invite_staff(
    db: &mut Conn,
    event: i64,
    email: &str,
    role: StaffRole,
    by: i64,
    now: OffsetDateTime,
) -> sqlx::Result<bool> {
    let done = sql::query(
        "INSERT INTO staff_invitations (event_id, email, role, invited_by, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (event_id, email) DO UPDATE SET role = excluded.role",
    )
    .bind(event)
    .bind(email)
    .bind(role.as_str())
    .bind(by)
    .bind(now)
    .execute(db)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// The role `email` is invited to take on the event, if any.
pub async fn staff_invitation(db: &mut Conn, event: i64, email: &str) -> sqlx::Result<Option<StaffRole>> {
    let row: Option<(String,)> = sql::query_as("SELECT role FROM staff_invitations WHERE event_id = $1 AND email = $2")
        .bind(event)
        .bind(email)
        .fetch_optional(db)
        .await?;
    Ok(row.and_then(|(r,)| StaffRole::parse(&r)))
}

/// Ends the invitation of `email` (answered or withdrawn); whether there was one.
pub async fn drop_staff_invitation(db: &mut Conn, event: i64, email: &str) -> sqlx::Result<bool> {
    let done = sql::query("DELETE FROM staff_invitations WHERE event_id = $1 AND email = $2")
        .bind(event)
        .bind(email)
        .execute(db)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Adds a co-organizer or changes their role.
pub async fn put_staff(
    db: &mut Conn,
    event: i64,
    user: i64,
    role: StaffRole,
    by: i64,
    now: OffsetDateTime,
) -> sqlx::Result<()> {
    sql::query(
        "INSERT INTO event_staff (event_id, user_id, role, added_by, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (event_id, user_id) DO UPDATE SET role = excluded.role",
    )
    .bind(event)
    .bind(user)
    .bind(role.as_str())
    .bind(by)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn remove_staff(db: &mut Conn, event: i64, user: i64) -> sqlx::Result<bool> {
    let r = sql::query("DELETE FROM event_staff WHERE event_id = $1 AND user_id = $2")
        .bind(event)
        .bind(user)
        .execute(db)
        .await?;
    Ok(r.rows_affected() > 0)
}

#[derive(sqlx::FromRow)]
struct AttendeeRow {
    event_id: i64,
    people: String,
    display_name: String,
    org_name: Option<String>,
    ticket_zh: String,
    ticket_en: Option<String>,
    status: String,
}

/// The person a ticket names, with the event it is for; `None` for no such registration or person.
pub async fn attendee(db: &mut Conn, t: TicketRef) -> sqlx::Result<Option<(i64, Attendee)>> {
    let row: Option<AttendeeRow> = sql::query_as(
        "SELECT r.event_id, r.people, u.display_name, o.name_zh AS org_name, t.name_zh AS ticket_zh,
                t.name_en AS ticket_en, r.status
         FROM registrations r JOIN users u ON u.id = r.user_id JOIN ticket_types t ON t.id = r.ticket_type_id
         LEFT JOIN organizations o ON o.id = r.org_id
         WHERE r.id = $1",
    )
    .bind(t.registration)
    .fetch_optional(db)
    .await?;
    Ok(row.and_then(|r| {
        let name = r.people.lines().nth(t.person as usize)?.to_owned();
        Some((
            r.event_id,
            Attendee {
                registration_id: t.registration,
                person: t.person,
                name,
                registrant: r.display_name,
                org_name: r.org_name,
                ticket_zh: r.ticket_zh,
                ticket_en: r.ticket_en,
                status: RegistrationStatus::parse(&r.status).unwrap_or(RegistrationStatus::Pending),
                answers: vec![],
            },
        ))
    }))
}

/// A scan as it was first answered: the ticket its nonce is bound to, the outcome, the check-in it
/// made or found, and when that check-in was made.
pub struct Scan {
    pub ticket: TicketRef,
    pub outcome: CheckinOutcome,
    pub checkin: Option<i64>,
    pub checkin_at: Option<OffsetDateTime>,
}

#[derive(sqlx::FromRow)]
struct ScanRow {
    registration_id: i64,
    person: i64,
    outcome: String,
    checkin_id: Option<i64>,
    at: Option<OffsetDateTime>,
}

/// The first answer to a device's scan with this nonce, if it was sent before.
pub async fn scan(db: &mut Conn, event: i64, device: &str, nonce: &str) -> sqlx::Result<Option<Scan>> {
    let row: Option<ScanRow> = sql::query_as(
        "SELECT s.registration_id, s.person, s.outcome, s.checkin_id, c.at
         FROM checkin_scans s LEFT JOIN checkins c ON c.id = s.checkin_id
         WHERE s.event_id = $1 AND s.device = $2 AND s.nonce = $3",
    )
    .bind(event)
    .bind(device)
    .bind(nonce)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| Scan {
        ticket: TicketRef { registration: r.registration_id, person: u32::try_from(r.person).unwrap_or(0) },
        outcome: CheckinOutcome::parse(&r.outcome).unwrap_or(CheckinOutcome::Refused),
        checkin: r.checkin_id,
        checkin_at: r.at,
    }))
}

/// Records a scan's first answer, binding its nonce to its ticket.
pub async fn insert_scan(
    db: &mut Conn,
    event: i64,
    device: &str,
    nonce: &str,
    scan: &Scan,
    at: OffsetDateTime,
) -> sqlx::Result<()> {
    sql::query(
        "INSERT INTO checkin_scans (event_id, device, nonce, registration_id, person, outcome, checkin_id, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(event)
    .bind(device)
    .bind(nonce)
    .bind(scan.ticket.registration)
    .bind(i64::from(scan.ticket.person))
    .bind(scan.outcome.as_str())
    .bind(scan.checkin)
    .bind(at)
    .execute(db)
    .await?;
    Ok(())
}

/// The person's standing check-in, if any: (check-in, when).
pub async fn live_checkin(db: &mut Conn, t: TicketRef) -> sqlx::Result<Option<(i64, OffsetDateTime)>> {
    sql::query_as("SELECT id, at FROM checkins WHERE registration_id = $1 AND person = $2 AND undone_at IS NULL")
        .bind(t.registration)
        .bind(i64::from(t.person))
        .fetch_optional(db)
        .await
}

pub struct NewCheckin<'a> {
    pub event: i64,
    pub ticket: TicketRef,
    pub device: &'a str,
    pub nonce: &'a str,
    pub by: i64,
    pub at: OffsetDateTime,
}

pub async fn insert_checkin(db: &mut Conn, c: &NewCheckin<'_>) -> sqlx::Result<i64> {
    let (id,): (i64,) = sql::query_as(
        "INSERT INTO checkins (event_id, registration_id, person, device, nonce, by_user, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(c.event)
    .bind(c.ticket.registration)
    .bind(i64::from(c.ticket.person))
    .bind(c.device)
    .bind(c.nonce)
    .bind(c.by)
    .bind(c.at)
    .fetch_one(db)
    .await?;
    Ok(id)
}

/// A check-in's event and the ticket it admitted, while it stands (not undone).
pub async fn standing_checkin(db: &mut Conn, id: i64) -> sqlx::Result<Option<(i64, TicketRef, bool)>> {
    let row: Option<(i64, i64, i64, Option<OffsetDateTime>)> =
        sql::query_as("SELECT event_id, registration_id, person, undone_at FROM checkins WHERE id = $1")
            .bind(id)
            .fetch_optional(db)
            .await?;
    Ok(row.map(|(event, registration, person, undone)| {
        (event, TicketRef { registration, person: u32::try_from(person).unwrap_or(0) }, undone.is_none())
    }))
}

pub async fn undo_checkin(db: &mut Conn, id: i64, by: i64, at: OffsetDateTime) -> sqlx::Result<()> {
    sql::query("UPDATE checkins SET undone_at = $2, undone_by = $3 WHERE id = $1 AND undone_at IS NULL")
        .bind(id)
        .bind(at)
        .bind(by)
        .execute(db)
        .await?;
    Ok(())
}

/// People checked in against people holding confirmed tickets.
pub async fn checkin_counts(db: &mut Conn, event: i64) -> sqlx::Result<CheckinCounts> {
    let (checked_in, expected): (i64, i64) = sql::query_as(
        "SELECT (SELECT COUNT(*) FROM checkins WHERE event_id = $1 AND undone_at IS NULL),
                (SELECT COALESCE(CAST(SUM(seats) AS BIGINT), 0) FROM registrations WHERE event_id = $1 AND status = 'confirmed')",
    )
    .bind(event)
    .fetch_one(db)
    .await?;
    Ok(CheckinCounts {
        checked_in: u32::try_from(checked_in).unwrap_or(0),
        expected: u32::try_from(expected).unwrap_or(0),
    })
}

/// When each person of a registration was checked in (standing check-ins), by person.
pub async fn checked_in_at(db: &mut Conn, registration: i64) -> sqlx::Result<Vec<(u32, OffsetDateTime)>> {
    let rows: Vec<(i64, OffsetDateTime)> =
        sql::query_as("SELECT person, at FROM checkins WHERE registration_id = $1 AND undone_at IS NULL")
            .bind(registration)
            .fetch_all(db)
            .await?;
    Ok(rows.into_iter().map(|(p, at)| (u32::try_from(p).unwrap_or(0), at)).collect())
}

async fn counts(db: &mut Conn, sql: &str, event: i64) -> sqlx::Result<Vec<CountRow>> {
    let rows: Vec<(String, i64)> = sql::query_as(sql).bind(event).fetch_all(db).await?;
    Ok(rows.into_iter().map(|(key, n)| CountRow { key, people: u32::try_from(n).unwrap_or(0) }).collect())
}

const LIVE: &str = "r.event_id = $1 AND r.status NOT IN ('cancelled', 'rejected')";

/// People by status (every registration).
pub async fn people_by_status(db: &mut Conn, event: i64) -> sqlx::Result<Vec<CountRow>> {
    let sql = "SELECT status, CAST(SUM(seats) AS BIGINT) FROM registrations WHERE event_id = $1 GROUP BY status ORDER BY 2 DESC, 1";
    counts(db, sql, event).await
}

/// People of live registrations by ticket type id.
pub async fn people_by_ticket_type(db: &mut Conn, event: i64) -> sqlx::Result<Vec<CountRow>> {
    let sql = format!(
        "SELECT CAST(r.ticket_type_id AS TEXT), CAST(SUM(r.seats) AS BIGINT) FROM registrations r WHERE {LIVE}
         GROUP BY r.ticket_type_id ORDER BY r.ticket_type_id"
    );
    counts(db, &sql, event).await
}

/// People of live registrations by the kind or district of the organization registered for
/// (`column` is `kind` or `district`; empty key for none).
pub async fn people_by_org(db: &mut Conn, event: i64, column: OrgColumn) -> sqlx::Result<Vec<CountRow>> {
    let column = match column {
        OrgColumn::Kind => "o.kind",
        OrgColumn::District => "o.district",
    };
    let sql = format!(
        "SELECT COALESCE({column}, ''), CAST(SUM(r.seats) AS BIGINT) FROM registrations r LEFT JOIN organizations o ON o.id = r.org_id
         WHERE {LIVE} GROUP BY 1 ORDER BY 2 DESC, 1"
    );
    counts(db, &sql, event).await
}

#[derive(Debug, Clone, Copy)]
pub enum OrgColumn {
    Kind,
    District,
}

/// People of live registrations by the domains of the organization registered for (a person of
/// an organization in two domains counts in both).
pub async fn people_by_domain(db: &mut Conn, event: i64) -> sqlx::Result<Vec<CountRow>> {
    let sql = format!(
        "SELECT d.code, CAST(SUM(r.seats) AS BIGINT) FROM registrations r JOIN org_domains d ON d.org_id = r.org_id
         WHERE {LIVE} GROUP BY d.code ORDER BY 2 DESC, 1"
    );
    counts(db, &sql, event).await
}

/// When each registration was made and for how many people.
pub async fn registered_at(db: &mut Conn, event: i64) -> sqlx::Result<Vec<(OffsetDateTime, u32)>> {
    let rows: Vec<(OffsetDateTime, i64)> =
        sql::query_as("SELECT created_at, seats FROM registrations WHERE event_id = $1 ORDER BY id")
            .bind(event)
            .fetch_all(db)
            .await?;
    Ok(rows.into_iter().map(|(at, n)| (at, u32::try_from(n).unwrap_or(0))).collect())
}

/// Standing check-ins of an event: (registration, person, when).
pub async fn checkins_of(db: &mut Conn, event: i64) -> sqlx::Result<Vec<(i64, u32, OffsetDateTime)>> {
    let rows: Vec<(i64, i64, OffsetDateTime)> =
        sql::query_as("SELECT registration_id, person, at FROM checkins WHERE event_id = $1 AND undone_at IS NULL")
            .bind(event)
            .fetch_all(db)
            .await?;
    Ok(rows.into_iter().map(|(r, p, at)| (r, u32::try_from(p).unwrap_or(0), at)).collect())
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

pub async fn insert_answers(db: &mut Conn, registration: i64, answers: &[Answer]) -> sqlx::Result<()> {
    for a in answers {
        sql::query("INSERT INTO registration_answers (registration_id, question_id, value) VALUES ($1, $2, $3)")
            .bind(registration)
            .bind(a.question)
            .bind(&a.value)
            .execute(&mut *db)
            .await?;
    }
    Ok(())
}

/// The answers of an event's registrations (or of one registration), by registration.
pub async fn answers(db: &mut Conn, event: i64, registration: Option<i64>) -> sqlx::Result<Vec<(i64, Answer)>> {
    let rows: Vec<(i64, i64, String)> = sql::query_as(
        "SELECT a.registration_id, a.question_id, a.value FROM registration_answers a
         JOIN registrations r ON r.id = a.registration_id
         WHERE r.event_id = $1 AND ($2 IS NULL OR r.id = $2) ORDER BY a.registration_id, a.question_id",
    )
    .bind(event)
    .bind(registration)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|(r, question, value)| (r, Answer { question, value })).collect())
}

/// The registrants (distinct users) of an event's registrations in `statuses`, of `ticket_types`
/// (all when empty).
pub async fn registrants(
    db: &mut Conn,
    event: i64,
    ticket_types: &[i64],
    statuses: &[RegistrationStatus],
    only: &[i64],
) -> sqlx::Result<Vec<i64>> {
    let statuses: Vec<&str> = statuses.iter().map(|s| s.as_str()).collect();
    let rows: Vec<(i64, i64, i64, String)> = sql::query_as(
        "SELECT id, user_id, ticket_type_id, status FROM registrations WHERE event_id = $1 ORDER BY user_id",
    )
    .bind(event)
    .fetch_all(db)
    .await?;
    let mut users: Vec<i64> = rows
        .into_iter()
        .filter(|(id, _, t, st)| {
            (ticket_types.is_empty() || ticket_types.contains(t))
                && statuses.contains(&st.as_str())
                && (only.is_empty() || only.contains(id))
        })
        .map(|(_, u, ..)| u)
        .collect();
    users.dedup();
    Ok(users)
}

pub async fn insert_message(
    db: &mut Conn,
    event: i64,
    sender: i64,
    text: &str,
    recipients: u32,
    now: OffsetDateTime,
) -> sqlx::Result<i64> {
    let (id,): (i64,) = sql::query_as(
        "INSERT INTO event_messages (event_id, sender_id, text, recipients, created_at) VALUES ($1, $2, $3, $4, $5)
         RETURNING id",
    )
    .bind(event)
    .bind(sender)
    .bind(text)
    .bind(i64::from(recipients))
    .bind(now)
    .fetch_one(db)
    .await?;
    Ok(id)
}

/// The messages sent to an event's registrants, newest first.
pub async fn messages(db: &mut Conn, event: i64) -> sqlx::Result<Vec<EventMessage>> {
    let rows: Vec<(i64, String, Option<String>, i64, OffsetDateTime)> = sql::query_as(
        "SELECT m.id, m.text, u.display_name, m.recipients, m.created_at FROM event_messages m
         LEFT JOIN users u ON u.id = m.sender_id WHERE m.event_id = $1 ORDER BY m.id DESC",
    )
    .bind(event)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, text, sender, n, created_at)| EventMessage {
            id,
            text,
            sender_name: sender.unwrap_or_default(),
            recipients: u32::try_from(n).unwrap_or(0),
            created_at,
        })
        .collect())
}

/// An event's titles, for notifications.
pub async fn titles(db: &mut Conn, event: i64) -> sqlx::Result<Option<(String, Option<String>)>> {
    sql::query_as("SELECT title_zh, title_en FROM events WHERE id = $1").bind(event).fetch_optional(db).await
}

/// Who made a registration.
pub async fn registrant(db: &mut Conn, registration: i64) -> sqlx::Result<Option<i64>> {
    let row: Option<(i64,)> =
        sql::query_as("SELECT user_id FROM registrations WHERE id = $1").bind(registration).fetch_optional(db).await?;
    Ok(row.map(|(u,)| u))
}

pub async fn insert_invitation(
    db: &mut Conn,
    event: i64,
    code: &str,
    i: &InvitationInput,
    by: i64,
    now: OffsetDateTime,
) -> sqlx::Result<()> {
    sql::query(
        "INSERT INTO event_invitations (event_id, code, label, max_uses, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(event)
    .bind(code)
    .bind(i.label.trim())
    .bind(i.max_uses.map(i64::from))
    .bind(by)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn invitations(db: &mut Conn, event: i64) -> sqlx::Result<Vec<Invitation>> {
    let rows: Vec<(i64, String, String, Option<i64>, i64)> =
        sql::query_as("SELECT id, code, label, max_uses, uses FROM event_invitations WHERE event_id = $1 ORDER BY id")
            .bind(event)
            .fetch_all(db)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(id, code, label, max, uses)| Invitation {
            id,
            code,
            label,
            max_uses: max.and_then(|m| u32::try_from(m).ok()),
            uses: u32::try_from(uses).unwrap_or(0),
        })
        .collect())
}

/// Takes one use of an invitation code of the event; false when there is no such code or it is
/// used up.
pub async fn use_invitation(db: &mut Conn, event: i64, code: &str) -> sqlx::Result<bool> {
    let r = sql::query(
        "UPDATE event_invitations SET uses = uses + 1
         WHERE event_id = $1 AND code = $2 AND (max_uses IS NULL OR uses < max_uses)",
    )
    .bind(event)
    .bind(code.trim().to_ascii_uppercase())
    .execute(db)
    .await?;
    Ok(r.rows_affected() == 1)
}

#[derive(sqlx::FromRow)]
struct RegistrantRow {
    id: i64,
    display_name: String,
    email: String,
    org_name: Option<String>,
    people: String,
    ticket_type_id: i64,
    ticket_zh: String,
    ticket_en: Option<String>,
    status: String,
    created_at: OffsetDateTime,
    checked_in: i64,
}

/// A page of an event's registrant table and the number of rows matching (all pages).
pub async fn registrants_page(
    db: &mut Conn,
    event: i64,
    q: &shared::events::RegistrantQuery,
    limit: u32,
    offset: u64,
) -> sqlx::Result<(Vec<shared::events::Registrant>, u64)> {
    use shared::events::RegistrantSort;
    let words = q.q.as_deref().map(str::trim).filter(|w| !w.is_empty()).map(sql::like_pattern);
    let status = q.status.map(|s| s.as_str());
    const FROM: &str = "FROM registrations r JOIN users u ON u.id = r.user_id
         JOIN ticket_types t ON t.id = r.ticket_type_id LEFT JOIN organizations o ON o.id = r.org_id
         WHERE r.event_id = $1 AND ($2 IS NULL OR r.status = $2) AND ($3 IS NULL OR r.ticket_type_id = $3)
           AND ($4 IS NULL OR u.display_name LIKE $4 ESCAPE '\\' OR u.email LIKE $4 ESCAPE '\\'
                OR r.people LIKE $4 ESCAPE '\\' OR COALESCE(o.name_zh, '') LIKE $4 ESCAPE '\\')";
    let (total,): (i64,) = sql::query_as(format!("SELECT COUNT(*) {FROM}"))
        .bind(event)
        .bind(status)
        .bind(q.ticket_type)
        .bind(&words)
        .fetch_one(&mut *db)
        .await?;
    let order = match q.sort.unwrap_or(RegistrantSort::Newest) {
        RegistrantSort::Newest => "r.id DESC",
        RegistrantSort::Oldest => "r.id",
        RegistrantSort::Name => "u.display_name, r.id",
        RegistrantSort::Org => "COALESCE(o.name_zh, '') = '', o.name_zh, r.id",
        RegistrantSort::Status => "r.status, r.id",
        RegistrantSort::CheckedIn => "checked_in DESC, r.id",
    };
    let rows: Vec<RegistrantRow> = sql::query_as(format!(
        "SELECT r.id, u.display_name, u.email, o.name_zh AS org_name, r.people, r.ticket_type_id,
                t.name_zh AS ticket_zh, t.name_en AS ticket_en, r.status, r.created_at,
                (SELECT COUNT(DISTINCT c.person) FROM checkins c WHERE c.registration_id = r.id AND c.undone_at IS NULL)
                    AS checked_in
         {FROM} ORDER BY {order} LIMIT $5 OFFSET $6"
    ))
    .bind(event)
    .bind(status)
    .bind(q.ticket_type)
    .bind(&words)
    .bind(i64::from(limit))
    .bind(i64::try_from(offset).unwrap_or(i64::MAX))
    .fetch_all(db)
    .await?;
    let items = rows
        .into_iter()
        .map(|r| shared::events::Registrant {
            id: r.id,
            user_name: r.display_name,
            email: r.email,
            org_name: r.org_name,
            people: r.people.lines().map(str::to_owned).collect(),
            ticket_type: r.ticket_type_id,
            ticket_zh: r.ticket_zh,
            ticket_en: r.ticket_en,
            status: RegistrationStatus::parse(&r.status).unwrap_or(RegistrationStatus::Pending),
            created_at: r.created_at,
            checked_in: u32::try_from(r.checked_in).unwrap_or(0),
        })
        .collect();
    Ok((items, u64::try_from(total).unwrap_or(0)))
}

/// Of `ids`, those that are registrations of `event`, with their status.
pub async fn statuses_in(db: &mut Conn, event: i64, ids: &[i64]) -> sqlx::Result<Vec<(i64, RegistrationStatus)>> {
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let row: Option<(String,)> = sql::query_as("SELECT status FROM registrations WHERE id = $1 AND event_id = $2")
            .bind(id)
            .bind(event)
            .fetch_optional(&mut *db)
            .await?;
        if let Some((s,)) = row {
            out.push((*id, RegistrationStatus::parse(&s).unwrap_or(RegistrationStatus::Pending)));
        }
    }
    Ok(out)
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

/// The names of the people a person being deleted registered become one "-" per seat, so the seats
/// still count.
pub async fn forget_people(db: &mut Conn, user: i64) -> sqlx::Result<()> {
    let seats: Vec<(i64, i64)> =
        sql::query_as("SELECT id, seats FROM registrations WHERE user_id = $1").bind(user).fetch_all(&mut *db).await?;
    for (id, n) in seats {
        let people = vec!["-"; usize::try_from(n).unwrap_or(1)].join("\n");
        sql::query("UPDATE registrations SET people = $2 WHERE id = $1")
            .bind(id)
            .bind(people)
            .execute(&mut *db)
            .await?;
    }
    Ok(())
}

/// Erases what this capability holds only about a person whose account is being deleted: registrations (the answers and the names of the people registered), door staff and staff invitations
/// (`$1` id, `$2` email, `$3` now, `$4` the anonymous address; see [`sql::erase`]).
pub const ERASE: &[&str] = &[
    // What they answered when registering.
    "DELETE FROM registration_answers WHERE registration_id IN (SELECT id FROM registrations WHERE user_id = $1)",
    "DELETE FROM event_staff WHERE user_id = $1",
    "DELETE FROM staff_invitations WHERE email = $2",
];
