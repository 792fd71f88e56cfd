//! SQL for meeting slots, availability, requests and the schedule.
//!
//! This file is long because it holds the SQL of all four (514 lines) with the personal-data and
//! erasure statements beside them; the next split is requests and the schedule into their own files.

use crate::db::Conn;
use crate::db::sql;
use shared::market::PostingKind;
use shared::meetings::{
    Meeting, MeetingRequest, Person, PlannedMeeting, RequestStatus, ScheduleReport, Slot, SlotInput,
};
use time::OffsetDateTime;

/// What the meeting area needs of the event: type, span, titles.
#[derive(sqlx::FromRow)]
pub struct EventHead {
    pub event_type: String,
    pub starts_at: OffsetDateTime,
    pub ends_at: OffsetDateTime,
    pub title_zh: String,
    pub title_en: Option<String>,
    pub tables: i64,
}

pub async fn event(db: &mut Conn, event: i64) -> sqlx::Result<Option<EventHead>> {
    sql::query_as(
        "SELECT event_type, starts_at, ends_at, title_zh, title_en, meeting_tables AS tables FROM events WHERE id = $1",
    )
    .bind(event)
    .fetch_optional(db)
    .await
}

pub async fn slots(db: &mut Conn, event: i64) -> sqlx::Result<Vec<Slot>> {
    let rows: Vec<(i64, OffsetDateTime, OffsetDateTime)> =
        sql::query_as("SELECT id, starts_at, ends_at FROM meeting_slots WHERE event_id = $1 ORDER BY starts_at")
            .bind(event)
            .fetch_all(db)
            .await?;
    Ok(rows.into_iter().map(|(id, starts_at, ends_at)| Slot { id, starts_at, ends_at }).collect())
}

/// Replaces the tables and slots; a slot with an unchanged start keeps its id and availability.
pub async fn replace_setup(db: &mut Conn, event: i64, tables: u32, slots: &[SlotInput]) -> sqlx::Result<()> {
    sql::query("UPDATE events SET meeting_tables = $2 WHERE id = $1")
        .bind(event)
        .bind(i64::from(tables))
        .execute(&mut *db)
        .await?;
    let keep: Vec<OffsetDateTime> = slots.iter().map(|s| s.starts_at).collect();
    for old in self::slots(&mut *db, event).await? {
        if !keep.contains(&old.starts_at) {
            sql::query("DELETE FROM meeting_slots WHERE id = $1").bind(old.id).execute(&mut *db).await?;
        }
    }
    for s in slots {
        sql::query(
            "INSERT INTO meeting_slots (event_id, starts_at, ends_at) VALUES ($1, $2, $3)
             ON CONFLICT (event_id, starts_at) DO UPDATE SET ends_at = excluded.ends_at",
        )
        .bind(event)
        .bind(s.starts_at)
        .bind(s.ends_at)
        .execute(&mut *db)
        .await?;
    }
    Ok(())
}

/// Whether the user holds a confirmed registration for the event.
pub async fn is_attendee(db: &mut Conn, event: i64, user: i64) -> sqlx::Result<bool> {
    let row: Option<(i32,)> =
        sql::query_as("SELECT 1 FROM registrations WHERE event_id = $1 AND user_id = $2 AND status = 'confirmed'")
            .bind(event)
            .bind(user)
            .fetch_optional(db)
            .await?;
    Ok(row.is_some())
}

/// Attendees: users with a confirmed registration, with the organization they came for (or their
/// first one).
const PEOPLE: &str = "SELECT u.id AS user_id, u.display_name AS name, o.id AS org_id, o.name_zh AS org_name_zh,
        o.name_en AS org_name_en
     FROM registrations r JOIN users u ON u.id = r.user_id
     LEFT JOIN organizations o ON o.id = COALESCE(r.org_id,
         (SELECT m.org_id FROM memberships m WHERE m.user_id = r.user_id ORDER BY m.created_at, m.org_id LIMIT 1))
     WHERE r.event_id = $1 AND r.status = 'confirmed'";

#[derive(sqlx::FromRow)]
struct PersonRow {
    user_id: i64,
    name: String,
    org_id: Option<i64>,
    org_name_zh: Option<String>,
    org_name_en: Option<String>,
}

impl From<PersonRow> for Person {
    fn from(r: PersonRow) -> Person {
        Person {
            user_id: r.user_id,
            name: r.name,
            org_id: r.org_id,
            org_name_zh: r.org_name_zh,
            org_name_en: r.org_name_en,
        }
    }
}

pub async fn attendees(db: &mut Conn, event: i64) -> sqlx::Result<Vec<Person>> {
    let rows: Vec<PersonRow> = sql::query_as(format!("{PEOPLE} ORDER BY u.id")).bind(event).fetch_all(db).await?;
    Ok(rows.into_iter().map(Person::from).collect())
}

pub async fn attendee(db: &mut Conn, event: i64, user: i64) -> sqlx::Result<Option<Person>> {
    let row: Option<PersonRow> =
        sql::query_as(format!("{PEOPLE} AND u.id = $2")).bind(event).bind(user).fetch_optional(db).await?;
    Ok(row.map(Person::from))
}

/// Everyone in the event's meeting requests, whatever became of their registration (a cancelled
/// attendee is still named in the others' requests and in the plan).
pub async fn involved(db: &mut Conn, event: i64) -> sqlx::Result<Vec<Person>> {
    let rows: Vec<PersonRow> = sql::query_as(
        "SELECT u.id AS user_id, u.display_name AS name, o.id AS org_id, o.name_zh AS org_name_zh,
                o.name_en AS org_name_en
         FROM users u LEFT JOIN organizations o ON o.id = COALESCE(
             (SELECT r.org_id FROM registrations r WHERE r.event_id = $1 AND r.user_id = u.id ORDER BY r.id DESC LIMIT 1),
             (SELECT m.org_id FROM memberships m WHERE m.user_id = u.id ORDER BY m.created_at, m.org_id LIMIT 1))
         WHERE u.id IN (SELECT from_user FROM meeting_requests WHERE event_id = $1
                        UNION SELECT to_user FROM meeting_requests WHERE event_id = $1)",
    )
    .bind(event)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(Person::from).collect())
}

/// The published postings of the given organizations: `(org, posting, kind, title_zh)`.
/// An organization's published posting, for the meeting suggestions.
pub struct OrgPosting {
    pub org: i64,
    pub id: i64,
    pub kind: PostingKind,
    pub title: String,
}

pub async fn postings_of(db: &mut Conn, orgs: &[i64]) -> sqlx::Result<Vec<OrgPosting>> {
    if orgs.is_empty() {
        return Ok(vec![]);
    }
    let list = orgs.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let rows: Vec<(i64, i64, String, String)> = sql::query_as(format!(
        "SELECT org_id, id, kind, title_zh FROM postings WHERE status = 'published' AND org_id IN ({list})
         ORDER BY org_id, id"
    ))
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(org, id, k, title)| Some(OrgPosting { org, id, kind: PostingKind::parse(&k)?, title }))
        .collect())
}

pub async fn availability(db: &mut Conn, event: i64, user: i64) -> sqlx::Result<Vec<i64>> {
    let rows: Vec<(i64,)> = sql::query_as(
        "SELECT a.slot_id FROM meeting_availability a JOIN meeting_slots s ON s.id = a.slot_id
         WHERE s.event_id = $1 AND a.user_id = $2 ORDER BY s.starts_at",
    )
    .bind(event)
    .bind(user)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|(s,)| s).collect())
}

/// Every attendee's availability: `(user, slot)`.
/// A person available in a meeting slot.
#[derive(sqlx::FromRow)]
pub struct Available {
    pub user_id: i64,
    pub slot_id: i64,
}

pub async fn availability_all(db: &mut Conn, event: i64) -> sqlx::Result<Vec<Available>> {
    sql::query_as(
        "SELECT a.user_id, a.slot_id FROM meeting_availability a JOIN meeting_slots s ON s.id = a.slot_id
         WHERE s.event_id = $1",
    )
    .bind(event)
    .fetch_all(db)
    .await
}

/// Sets the user's availability to `slots` (ids already checked to belong to the event).
pub async fn set_availability(db: &mut Conn, event: i64, user: i64, slots: &[i64]) -> sqlx::Result<()> {
    sql::query(
        "DELETE FROM meeting_availability WHERE user_id = $2
         AND slot_id IN (SELECT id FROM meeting_slots WHERE event_id = $1)",
    )
    .bind(event)
    .bind(user)
    .execute(&mut *db)
    .await?;
    for s in slots {
        sql::query("INSERT INTO meeting_availability (slot_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(s)
            .bind(user)
            .execute(&mut *db)
            .await?;
    }
    Ok(())
}

/// A request's parties and state: `(event, from, to, status)`.
/// A meeting request: its event, who asked whom, and its status.
pub struct Request {
    pub event: i64,
    pub from: i64,
    pub to: i64,
    pub status: RequestStatus,
}

pub async fn request(db: &mut Conn, id: i64) -> sqlx::Result<Option<Request>> {
    let row: Option<(i64, i64, i64, String)> =
        sql::query_as("SELECT event_id, from_user, to_user, status FROM meeting_requests WHERE id = $1")
            .bind(id)
            .fetch_optional(db)
            .await?;
    Ok(row.and_then(|(event, from, to, s)| Some(Request { event, from, to, status: RequestStatus::parse(&s)? })))
}

/// The live (pending or accepted) request between two users at an event, if any.
pub async fn live_between(db: &mut Conn, event: i64, a: i64, b: i64) -> sqlx::Result<Option<i64>> {
    let row: Option<(i64,)> = sql::query_as(
        "SELECT id FROM meeting_requests WHERE event_id = $1 AND status IN ('pending', 'accepted')
         AND min(from_user, to_user) = min($2, $3) AND max(from_user, to_user) = max($2, $3)",
    )
    .bind(event)
    .bind(a)
    .bind(b)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|(id,)| id))
}

pub async fn insert_request(
    db: &mut Conn,
    event: i64,
    from: i64,
    to: i64,
    message: &str,
    now: OffsetDateTime,
) -> sqlx::Result<i64> {
    let (id,): (i64,) = sql::query_as(
        "INSERT INTO meeting_requests (event_id, from_user, to_user, message, status, created_at)
         VALUES ($1, $2, $3, $4, 'pending', $5) RETURNING id",
    )
    .bind(event)
    .bind(from)
    .bind(to)
    .bind(message)
    .bind(now)
    .fetch_one(db)
    .await?;
    Ok(id)
}

/// Moves a request on; a request that is no longer accepted leaves the schedule.
pub async fn set_request_status(
    db: &mut Conn,
    id: i64,
    status: RequestStatus,
    now: OffsetDateTime,
) -> sqlx::Result<()> {
    sql::query("UPDATE meeting_requests SET status = $2, decided_at = $3 WHERE id = $1")
        .bind(id)
        .bind(status.as_str())
        .bind(now)
        .execute(&mut *db)
        .await?;
    if status != RequestStatus::Accepted {
        sql::query("DELETE FROM meetings WHERE request_id = $1").bind(id).execute(&mut *db).await?;
    }
    Ok(())
}

/// The requests to and from the user at the event, newest first.
pub async fn requests_of(db: &mut Conn, event: i64, user: i64) -> sqlx::Result<Vec<MeetingRequest>> {
    let rows: Vec<(i64, i64, i64, String, String, OffsetDateTime)> = sql::query_as(
        "SELECT id, from_user, to_user, message, status, created_at FROM meeting_requests
         WHERE event_id = $1 AND (from_user = $2 OR to_user = $2) ORDER BY id DESC",
    )
    .bind(event)
    .bind(user)
    .fetch_all(&mut *db)
    .await?;
    let people = involved(db, event).await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, from, to, message, status, created_at)| {
            Some(MeetingRequest {
                id,
                from: person_in(&people, from),
                to: person_in(&people, to),
                message,
                status: RequestStatus::parse(&status)?,
                incoming: to == user,
                created_at,
            })
        })
        .collect())
}

/// The latest request between the user and each other user: `(other, request, status)`.
/// A request between `user` and another person: the other, the request and its status.
pub struct WithOther {
    pub other: i64,
    pub request: i64,
    pub status: RequestStatus,
}

pub async fn latest_with(db: &mut Conn, event: i64, user: i64) -> sqlx::Result<Vec<WithOther>> {
    let rows: Vec<(i64, i64, String)> = sql::query_as(
        "SELECT CASE WHEN from_user = $2 THEN to_user ELSE from_user END, id, status FROM meeting_requests
         WHERE event_id = $1 AND (from_user = $2 OR to_user = $2) ORDER BY id",
    )
    .bind(event)
    .bind(user)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(other, request, s)| Some(WithOther { other, request, status: RequestStatus::parse(&s)? }))
        .collect())
}

/// Accepted requests between attendees who still hold a confirmed registration, in the order they
/// were accepted: `(request, from, to)`.
/// An accepted meeting request between two people.
#[derive(sqlx::FromRow)]
pub struct Accepted {
    pub id: i64,
    pub from_user: i64,
    pub to_user: i64,
}

pub async fn accepted(db: &mut Conn, event: i64) -> sqlx::Result<Vec<Accepted>> {
    sql::query_as(
        "SELECT q.id, q.from_user, q.to_user FROM meeting_requests q
         WHERE q.event_id = $1 AND q.status = 'accepted'
           AND EXISTS (SELECT 1 FROM registrations r WHERE r.event_id = $1 AND r.user_id = q.from_user AND r.status = 'confirmed')
           AND EXISTS (SELECT 1 FROM registrations r WHERE r.event_id = $1 AND r.user_id = q.to_user AND r.status = 'confirmed')
         ORDER BY q.decided_at, q.id",
    )
    .bind(event)
    .fetch_all(db)
    .await
}

/// Replaces the event's schedule: `(request, slot, table, score)`.
pub async fn replace_meetings(db: &mut Conn, event: i64, rows: &[(i64, i64, u32, u8)]) -> sqlx::Result<()> {
    sql::query("DELETE FROM meetings WHERE event_id = $1").bind(event).execute(&mut *db).await?;
    for (request, slot, table, score) in rows {
        sql::query("INSERT INTO meetings (request_id, event_id, slot_id, table_no, score) VALUES ($1, $2, $3, $4, $5)")
            .bind(request)
            .bind(event)
            .bind(slot)
            .bind(i64::from(*table))
            .bind(i64::from(*score))
            .execute(&mut *db)
            .await?;
    }
    Ok(())
}

pub async fn save_run(db: &mut Conn, event: i64, by: i64, r: &ScheduleReport) -> sqlx::Result<()> {
    sql::query(
        "INSERT INTO meeting_runs (event_id, run_at, run_by, accepted, placed, score, greedy_placed, greedy_score, millis)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (event_id) DO UPDATE SET run_at = excluded.run_at, run_by = excluded.run_by,
             accepted = excluded.accepted, placed = excluded.placed, score = excluded.score,
             greedy_placed = excluded.greedy_placed, greedy_score = excluded.greedy_score, millis = excluded.millis",
    )
    .bind(event)
    .bind(r.run_at)
    .bind(by)
    .bind(i64::from(r.accepted))
    .bind(i64::from(r.placed))
    .bind(r.score as i64)
    .bind(i64::from(r.greedy_placed))
    .bind(r.greedy_score as i64)
    .bind(r.millis as i64)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn last_run(db: &mut Conn, event: i64) -> sqlx::Result<Option<ScheduleReport>> {
    let row: Option<(OffsetDateTime, i64, i64, i64, i64, i64, i64)> = sql::query_as(
        "SELECT run_at, accepted, placed, score, greedy_placed, greedy_score, millis FROM meeting_runs WHERE event_id = $1",
    )
    .bind(event)
    .fetch_optional(db)
    .await?;
    let n = |v: i64| u32::try_from(v).unwrap_or(0);
    Ok(row.map(|(run_at, accepted, placed, score, gp, gs, millis)| ScheduleReport {
        accepted: n(accepted),
        placed: n(placed),
        score: score.max(0) as u64,
        greedy_placed: n(gp),
        greedy_score: gs.max(0) as u64,
        millis: millis.max(0) as u64,
        run_at,
    }))
}

#[derive(sqlx::FromRow)]
struct PlanRow {
    request_id: i64,
    slot_id: i64,
    starts_at: OffsetDateTime,
    ends_at: OffsetDateTime,
    table_no: i64,
    from_user: i64,
    to_user: i64,
    score: i64,
}

/// The person `id` among `people` (a name-less stand-in for a deleted account).
fn person_in(people: &[Person], id: i64) -> Person {
    people.iter().find(|p| p.user_id == id).cloned().unwrap_or(Person {
        user_id: id,
        name: String::new(),
        org_id: None,
        org_name_zh: None,
        org_name_en: None,
    })
}

/// The placed meetings of the event, by slot and table.
pub async fn plan(db: &mut Conn, event: i64) -> sqlx::Result<Vec<PlannedMeeting>> {
    let rows: Vec<PlanRow> = sql::query_as(
        "SELECT m.request_id, s.id AS slot_id, s.starts_at, s.ends_at, m.table_no, q.from_user, q.to_user, m.score
         FROM meetings m JOIN meeting_slots s ON s.id = m.slot_id JOIN meeting_requests q ON q.id = m.request_id
         WHERE m.event_id = $1 ORDER BY s.starts_at, m.table_no",
    )
    .bind(event)
    .fetch_all(&mut *db)
    .await?;
    let people = involved(db, event).await?;
    Ok(rows
        .into_iter()
        .map(|r| PlannedMeeting {
            request_id: r.request_id,
            slot: Slot { id: r.slot_id, starts_at: r.starts_at, ends_at: r.ends_at },
            table: u32::try_from(r.table_no).unwrap_or(0),
            a: person_in(&people, r.from_user),
            b: person_in(&people, r.to_user),
            score: u8::try_from(r.score).unwrap_or(0),
        })
        .collect())
}

/// The user's placed meetings, by time.
pub async fn agenda(db: &mut Conn, event: i64, user: i64) -> sqlx::Result<Vec<Meeting>> {
    Ok(plan(db, event)
        .await?
        .into_iter()
        .filter_map(|m| {
            let with = if m.a.user_id == user {
                m.b
            } else if m.b.user_id == user {
                m.a
            } else {
                return None;
            };
            Some(Meeting { request_id: m.request_id, slot: m.slot, table: m.table, with })
        })
        .collect())
}

/// What this capability holds about a person, for their download: when they are free to meet, the
/// meeting requests they sent or received (their own messages only), and their scheduled meetings.
pub const PERSONAL_DATA: &[sql::Section] = &[
    sql::Section {
        name: "meeting_availability",
        sql: "SELECT json_group_array(json_object('event_id', s.event_id, 'starts_at', s.starts_at, 'ends_at', s.ends_at))
             FROM meeting_availability a JOIN meeting_slots s ON s.id = a.slot_id WHERE a.user_id = $1",
    },
    sql::Section {
        name: "meeting_requests",
        sql: "SELECT json_group_array(json_object('id', q.id, 'event_id', q.event_id,
                    'direction', CASE WHEN q.from_user = $1 THEN 'sent' ELSE 'received' END,
                    'message', CASE WHEN q.from_user = $1 THEN q.message ELSE '' END,
                    'status', q.status, 'created_at', q.created_at, 'decided_at', q.decided_at))
             FROM meeting_requests q WHERE q.from_user = $1 OR q.to_user = $1",
    },
    sql::Section {
        name: "meetings",
        sql: "SELECT json_group_array(json_object('event_id', m.event_id, 'request_id', m.request_id,
                    'starts_at', s.starts_at, 'table', m.table_no))
             FROM meetings m JOIN meeting_requests q ON q.id = m.request_id JOIN meeting_slots s ON s.id = m.slot_id
             WHERE q.from_user = $1 OR q.to_user = $1",
    },
];

/// Erases what this capability holds only about a person whose account is being deleted: availability, meetings still to come and the messages of meeting requests
/// (`$1` id, `$2` email, `$3` now, `$4` the anonymous address; see `facts::Erasing::erase`).
pub const ERASE: &[&str] = &[
    "DELETE FROM meeting_availability WHERE user_id = $1",
    "UPDATE meeting_requests SET status = 'cancelled', decided_at = $3
     WHERE (from_user = $1 OR to_user = $1) AND status IN ('pending', 'accepted')
       AND event_id IN (SELECT id FROM events WHERE ends_at > $3)",
    "UPDATE meeting_requests SET message = '' WHERE from_user = $1",
];
