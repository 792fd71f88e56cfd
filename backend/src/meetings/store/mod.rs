//! SQL for meeting slots, the people at the event and their availability; the requests' SQL and the
//! schedule's are in the files named after them beside this one.

use crate::db::Conn;
use crate::db::sql;
use shared::market::PostingKind;
use shared::meetings::{
    Meeting, MeetingRequest, Person, PlannedMeeting, RequestStatus, ScheduleReport, Slot, SlotInput,
};
use time::OffsetDateTime;

mod requests;
mod schedule;

pub use requests::*;
pub use schedule::*;

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

/// Replaces the slots; a slot with an unchanged start keeps its id and availability.
pub async fn replace_slots(db: &mut Conn, event: i64, slots: &[SlotInput]) -> sqlx::Result<()> {
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

/// Attendees: users with a confirmed registration, with the organization they registered for (the
/// caller names the others by their first one).
const PEOPLE: &str = "SELECT u.id AS user_id, u.display_name AS name, o.id AS org_id, o.name_zh AS org_name_zh,
        o.name_en AS org_name_en
     FROM registrations r JOIN users u ON u.id = r.user_id
     LEFT JOIN organizations o ON o.id = r.org_id
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
/// attendee is still named in the others' requests and in the plan), with the organization of
/// their latest registration (the caller names the others by their first one).
pub async fn involved(db: &mut Conn, event: i64) -> sqlx::Result<Vec<Person>> {
    let rows: Vec<PersonRow> = sql::query_as(
        "SELECT u.id AS user_id, u.display_name AS name, o.id AS org_id, o.name_zh AS org_name_zh,
                o.name_en AS org_name_en
         FROM users u LEFT JOIN organizations o ON o.id =
             (SELECT r.org_id FROM registrations r WHERE r.event_id = $1 AND r.user_id = u.id ORDER BY r.id DESC LIMIT 1)
         WHERE u.id IN (SELECT from_user FROM meeting_requests WHERE event_id = $1
                        UNION SELECT to_user FROM meeting_requests WHERE event_id = $1)",
    )
    .bind(event)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(Person::from).collect())
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
