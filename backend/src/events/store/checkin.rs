//! SQL for check-in at the door: tickets' attendees, scans, check-ins and their counts.

use super::*;

#[derive(sqlx::FromRow)]
pub(super) struct AttendeeRow {
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
pub(super) struct ScanRow {
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
/// A check-in's event, and whether it still stands (not undone).
pub struct Checkin {
    pub event: i64,
    pub standing: bool,
}

pub async fn standing_checkin(db: &mut Conn, id: i64) -> sqlx::Result<Option<Checkin>> {
    let row: Option<(i64, Option<OffsetDateTime>)> =
        sql::query_as("SELECT event_id, undone_at FROM checkins WHERE id = $1").bind(id).fetch_optional(db).await?;
    Ok(row.map(|(event, undone)| Checkin { event, standing: undone.is_none() }))
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

pub(super) async fn counts(db: &mut Conn, sql: &str, event: i64) -> sqlx::Result<Vec<CountRow>> {
    let rows: Vec<(String, i64)> = sql::query_as(sql).bind(event).fetch_all(db).await?;
    Ok(rows.into_iter().map(|(key, n)| CountRow { key, people: u32::try_from(n).unwrap_or(0) }).collect())
}

/// Standing check-ins of an event: (registration, person, when).
/// A standing check-in: whose ticket, and when.
pub struct CheckedIn {
    pub ticket: TicketRef,
    pub at: OffsetDateTime,
}

pub async fn checkins_of(db: &mut Conn, event: i64) -> sqlx::Result<Vec<CheckedIn>> {
    let rows: Vec<(i64, i64, OffsetDateTime)> =
        sql::query_as("SELECT registration_id, person, at FROM checkins WHERE event_id = $1 AND undone_at IS NULL")
            .bind(event)
            .fetch_all(db)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(registration, p, at)| CheckedIn {
            ticket: TicketRef { registration, person: u32::try_from(p).unwrap_or(0) },
            at,
        })
        .collect())
}
