//! SQL for meeting requests: asking, answering, the requests of a person and the accepted ones.

use super::*;

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

/// The requests to and from the user at the event, newest first, between `people` (everyone
/// [`involved`]).
pub async fn requests_of(db: &mut Conn, event: i64, user: i64, people: &[Person]) -> sqlx::Result<Vec<MeetingRequest>> {
    let rows: Vec<(i64, i64, i64, String, String, OffsetDateTime)> = sql::query_as(
        "SELECT id, from_user, to_user, message, status, created_at FROM meeting_requests
         WHERE event_id = $1 AND (from_user = $2 OR to_user = $2) ORDER BY id DESC",
    )
    .bind(event)
    .bind(user)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, from, to, message, status, created_at)| {
            Some(MeetingRequest {
                id,
                from: person_in(people, from),
                to: person_in(people, to),
                message,
                status: RequestStatus::parse(&status)?,
                incoming: to == user,
                created_at,
            })
        })
        .collect())
}

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
