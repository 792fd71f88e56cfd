//! SQL for messages to registrants and invitation codes.

use super::*;

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

/// Retention: deletes the organizers' messages to registrants sent before `before`; how many.
pub async fn delete_messages_before(db: &mut Conn, before: OffsetDateTime) -> sqlx::Result<u64> {
    Ok(sql::query("DELETE FROM event_messages WHERE created_at < $1").bind(before).execute(db).await?.rows_affected())
}
