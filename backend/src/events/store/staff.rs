//! SQL for an event's door staff and co-organizers, and the invitations to join them.

use super::*;

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
