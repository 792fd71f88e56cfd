//! SQL for registrations, their answers, the waiting list and offers, and the organizers' registrant table.

use super::*;

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

/// Waiting-list entries per ticket type, in order: (ticket type, registration, seats).
/// A waiting-list entry: its ticket type, registration and seats.
pub struct Waiting {
    pub ticket_type: i64,
    pub registration: i64,
    pub seats: u32,
}

pub async fn waiting(db: &mut Conn, event: i64) -> sqlx::Result<Vec<Waiting>> {
    let rows: Vec<(i64, i64, i64)> = sql::query_as(
        "SELECT ticket_type_id, id, seats FROM registrations WHERE event_id = $1 AND status = 'waitlisted'
         ORDER BY promoted_at IS NULL, promoted_at, id",
    )
    .bind(event)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(ticket_type, registration, s)| Waiting {
            ticket_type,
            registration,
            seats: u32::try_from(s).unwrap_or(0),
        })
        .collect())
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
pub(super) struct RegRow {
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

pub(super) const REGISTRATION: &str =
    "SELECT r.id, r.event_id, r.ticket_type_id, r.user_id, u.display_name, o.name_zh AS org_name,
        r.people, r.status, r.offer_expires_at, r.created_at, r.updated_at, r.cancelled_from
     FROM registrations r JOIN users u ON u.id = r.user_id LEFT JOIN organizations o ON o.id = r.org_id";

pub(super) fn registration(r: RegRow) -> (i64, Registration) {
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
/// A registration and its event.
#[derive(sqlx::FromRow)]
pub struct RegistrationAt {
    pub id: i64,
    pub event_id: i64,
}

pub async fn live_registrations_of(db: &mut Conn, user: i64, now: OffsetDateTime) -> sqlx::Result<Vec<RegistrationAt>> {
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
pub async fn expired_offers(db: &mut Conn, now: OffsetDateTime) -> sqlx::Result<Vec<RegistrationAt>> {
    sql::query_as("SELECT id, event_id FROM registrations WHERE status = 'offered' AND offer_expires_at <= $1")
        .bind(now)
        .fetch_all(db)
        .await
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

#[derive(sqlx::FromRow)]
pub(super) struct RegistrantRow {
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

/// Whether the user holds a confirmed registration for the event.
pub async fn is_confirmed(db: &mut Conn, event: i64, user: i64) -> sqlx::Result<bool> {
    let row: Option<(i32,)> =
        sql::query_as("SELECT 1 FROM registrations WHERE event_id = $1 AND user_id = $2 AND status = 'confirmed'")
            .bind(event)
            .bind(user)
            .fetch_optional(db)
            .await?;
    Ok(row.is_some())
}
