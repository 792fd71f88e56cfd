//! SQL for sessions, speakers and session seats.

use crate::db::Conn;
use crate::db::sql;
use shared::agenda::{Session, SessionInput, Speaker, SpeakerStatus};
use time::OffsetDateTime;

/// The event's time span and whether it exists.
pub async fn span(db: &mut Conn, event: i64) -> sqlx::Result<Option<(OffsetDateTime, OffsetDateTime)>> {
    sql::query_as("SELECT starts_at, ends_at FROM events WHERE id = $1").bind(event).fetch_optional(db).await
}

pub async fn count(db: &mut Conn, event: i64) -> sqlx::Result<usize> {
    let (n,): (i64,) =
        sql::query_as("SELECT COUNT(*) FROM event_sessions WHERE event_id = $1").bind(event).fetch_one(db).await?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// A speaker as the session is created with it.
pub enum NewSpeaker {
    /// A name only.
    Named(String),
    /// An invitation to an address, linked to an account only when accepted.
    Invited(String),
    /// An account that agreed already (the demo's).
    Linked(i64, String),
}

/// Inserts a session with its speakers, in order.
pub async fn insert(db: &mut Conn, event: i64, s: &SessionInput, speakers: &[NewSpeaker]) -> sqlx::Result<i64> {
    let (id,): (i64,) = sql::query_as(
        "INSERT INTO event_sessions (event_id, title_zh, title_en, room, starts_at, ends_at, capacity)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(event)
    .bind(s.title_zh.trim())
    .bind(s.title_en.as_deref().map(str::trim).filter(|t| !t.is_empty()))
    .bind(s.room.as_deref().map(str::trim).filter(|t| !t.is_empty()))
    .bind(s.starts_at)
    .bind(s.ends_at)
    .bind(s.capacity.map(i64::from))
    .fetch_one(&mut *db)
    .await?;
    for (i, speaker) in speakers.iter().enumerate() {
        let (user, name, email, status) = match speaker {
            NewSpeaker::Named(n) => (None, n.as_str(), None, SpeakerStatus::Named),
            NewSpeaker::Invited(e) => (None, "", Some(e.as_str()), SpeakerStatus::Invited),
            NewSpeaker::Linked(u, n) => (Some(*u), n.as_str(), None, SpeakerStatus::Accepted),
        };
        sql::query(
            "INSERT INTO session_speakers (session_id, position, user_id, name, email, status)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(i as i64)
        .bind(user)
        .bind(name)
        .bind(email)
        .bind(status.as_str())
        .execute(&mut *db)
        .await?;
    }
    Ok(id)
}

pub async fn delete(db: &mut Conn, event: i64, session: i64) -> sqlx::Result<bool> {
    let done = sql::query("DELETE FROM event_sessions WHERE id = $1 AND event_id = $2")
        .bind(session)
        .bind(event)
        .execute(db)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Answers the invitations to speak in `session` sent to `email`: accepted (linked to `user`, under
/// their name) or declined. How many there were.
pub async fn answer_speaker(
    db: &mut Conn,
    session: i64,
    email: &str,
    user: i64,
    name: &str,
    accept: bool,
) -> sqlx::Result<u64> {
    let status = if accept { SpeakerStatus::Accepted } else { SpeakerStatus::Declined };
    let done = sql::query(
        "UPDATE session_speakers SET status = $4, user_id = CASE WHEN $5 THEN $3 ELSE NULL END,
                name = CASE WHEN $5 THEN $6 ELSE name END
         WHERE session_id = $1 AND email = $2 AND status = 'invited'",
    )
    .bind(session)
    .bind(email)
    .bind(user)
    .bind(status.as_str())
    .bind(accept)
    .bind(name)
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}

/// Whether `email` was invited to speak at the event (answered or not).
pub async fn invited_to(db: &mut Conn, event: i64, email: &str) -> sqlx::Result<bool> {
    let row: Option<(i32,)> = sql::query_as(
        "SELECT 1 FROM session_speakers k JOIN event_sessions s ON s.id = k.session_id
         WHERE s.event_id = $1 AND k.email = $2 LIMIT 1",
    )
    .bind(event)
    .bind(email)
    .fetch_optional(db)
    .await?;
    Ok(row.is_some())
}

/// Who looks at the agenda: their account and email (for their seats and invitations), and whether
/// they run the event (they see invitations still open, with the addresses they typed).
#[derive(Clone, Copy, Default)]
pub struct Viewer<'a> {
    pub user: Option<i64>,
    pub email: Option<&'a str>,
    pub organizer: bool,
}

/// A seat counts while its holder's registration is confirmed: a cancelled registration frees its
/// session seats without a write of its own.
const HELD: &str = "EXISTS (SELECT 1 FROM registrations r WHERE r.event_id = s.event_id AND r.user_id = x.user_id
     AND r.status = 'confirmed')";

#[derive(sqlx::FromRow)]
struct SessionRow {
    id: i64,
    event_id: i64,
    title_zh: String,
    title_en: Option<String>,
    room: Option<String>,
    starts_at: OffsetDateTime,
    ends_at: OffsetDateTime,
    capacity: Option<i64>,
    taken: i64,
    joined: bool,
}

#[derive(sqlx::FromRow)]
struct SpeakerRow {
    session_id: i64,
    user_id: Option<i64>,
    name: String,
    status: String,
    email: Option<String>,
}

/// The event's sessions by time, seats taken and whether `viewer` holds one; speakers without
/// their organization.
pub async fn sessions(db: &mut Conn, event: i64, viewer: Viewer<'_>) -> sqlx::Result<Vec<Session>> {
    let rows: Vec<SessionRow> = sql::query_as(
        "SELECT s.id, s.event_id, s.title_zh, s.title_en, s.room, s.starts_at, s.ends_at, s.capacity,
                (SELECT COUNT(*) FROM session_seats x WHERE x.session_id = s.id AND {HELD}) AS taken,
                EXISTS (SELECT 1 FROM session_seats x WHERE x.session_id = s.id AND x.user_id = $2) AS joined
         FROM event_sessions s WHERE s.event_id = $1 ORDER BY s.starts_at, s.id"
            .replace("{HELD}", HELD),
    )
    .bind(event)
    .bind(viewer.user.unwrap_or(0))
    .fetch_all(&mut *db)
    .await?;
    let speakers: Vec<SpeakerRow> = sql::query_as(
        "SELECT k.session_id, k.user_id, COALESCE(u.display_name, k.name) AS name, k.status, k.email
         FROM session_speakers k JOIN event_sessions s ON s.id = k.session_id
         LEFT JOIN users u ON u.id = k.user_id
         WHERE s.event_id = $1 ORDER BY k.session_id, k.position",
    )
    .bind(event)
    .fetch_all(db)
    .await?;
    let status = |k: &SpeakerRow| SpeakerStatus::parse(&k.status).unwrap_or(SpeakerStatus::Named);
    Ok(rows
        .into_iter()
        .map(|r| Session {
            speakers: speakers
                .iter()
                .filter(|k| k.session_id == r.id && (viewer.organizer || status(k).public()))
                .map(|k| Speaker {
                    user_id: k.user_id,
                    name: k.name.clone(),
                    // Named by the caller (`orgs::first_of`).
                    org_name_zh: None,
                    org_name_en: None,
                    status: status(k),
                    email: k.email.clone().filter(|_| viewer.organizer),
                })
                .collect(),
            speaker_invitation: viewer.email.is_some_and(|e| {
                speakers.iter().any(|k| {
                    k.session_id == r.id && status(k) == SpeakerStatus::Invited && k.email.as_deref() == Some(e)
                })
            }),
            id: r.id,
            event_id: r.event_id,
            title_zh: r.title_zh,
            title_en: r.title_en,
            room: r.room,
            starts_at: r.starts_at,
            ends_at: r.ends_at,
            capacity: r.capacity.and_then(|c| u32::try_from(c).ok()),
            taken: u32::try_from(r.taken).unwrap_or(0),
            joined: r.joined,
        })
        .collect())
}

/// A session's event, its seat limit and the seats taken.
#[derive(sqlx::FromRow)]
pub struct SeatContext {
    pub event: i64,
    pub capacity: Option<i64>,
    pub taken: i64,
}

/// A session's event, capacity and seats taken.
pub async fn seat_context(db: &mut Conn, session: i64) -> sqlx::Result<Option<SeatContext>> {
    sql::query_as(
        "SELECT s.event_id AS event, s.capacity,
                (SELECT COUNT(*) FROM session_seats x WHERE x.session_id = s.id AND {HELD}) AS taken
         FROM event_sessions s WHERE s.id = $1"
            .replace("{HELD}", HELD),
    )
    .bind(session)
    .fetch_optional(db)
    .await
}

/// Takes a seat; false when the user held one already.
pub async fn take_seat(db: &mut Conn, session: i64, user: i64, now: OffsetDateTime) -> sqlx::Result<bool> {
    let done = sql::query(
        "INSERT INTO session_seats (session_id, user_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
    )
    .bind(session)
    .bind(user)
    .bind(now)
    .execute(db)
    .await?;
    Ok(done.rows_affected() > 0)
}

pub async fn leave_seat(db: &mut Conn, session: i64, user: i64) -> sqlx::Result<()> {
    sql::query("DELETE FROM session_seats WHERE session_id = $1 AND user_id = $2")
        .bind(session)
        .bind(user)
        .execute(db)
        .await?;
    Ok(())
}

/// What this capability holds about a person, for their download: the agenda sessions they took a
/// seat in, and the sessions they speak at or were invited to speak at.
pub const PERSONAL_DATA: &[sql::Section] = &[
    sql::Section {
        name: "agenda_seats",
        sql: "SELECT json_group_array(json_object('event_id', s.event_id, 'session', s.title_zh,
                    'starts_at', s.starts_at, 'ends_at', s.ends_at, 'taken_at', x.created_at))
             FROM session_seats x JOIN event_sessions s ON s.id = x.session_id WHERE x.user_id = $1",
    },
    sql::Section {
        name: "agenda_speaking",
        sql: "SELECT json_group_array(json_object('event_id', s.event_id, 'session', s.title_zh,
                    'starts_at', s.starts_at, 'name', k.name, 'status', k.status))
             FROM session_speakers k JOIN event_sessions s ON s.id = k.session_id
             WHERE k.user_id = $1 OR k.email = $2",
    },
];

/// Erases what this capability holds only about a person whose account is being deleted: session seats and invitations to speak
/// (`$1` id, `$2` email, `$3` now, `$4` the anonymous address; see `facts::Erasing::erase`).
pub const ERASE: &[&str] = &[
    "DELETE FROM session_seats WHERE user_id = $1",
    // Invitations to speak still open end with the address; accepted ones keep the (now nameless) link.
    "UPDATE session_speakers SET status = 'declined', email = NULL WHERE email = $2 AND status = 'invited'",
    "UPDATE session_speakers SET email = NULL WHERE email = $2",
];
