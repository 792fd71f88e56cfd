//! Deleting one's account (个人信息保护法, right to deletion). The `users` row is anonymised in
//! place rather than removed: what organizations keep — postings, requests and messages, past
//! attendance, judging scores — keeps pointing at it, now nameless. Everything that is only about
//! the person is deleted; seats at events still to come go back to the waiting lists.

use crate::db::Conn;
use crate::db::sql;
use time::OffsetDateTime;

/// Organizations (id, Chinese name) the user is the only owner of while others are members:
/// deleting the account would leave them without an owner.
pub async fn sole_owner_of(db: &mut Conn, user: i64) -> sqlx::Result<Vec<(i64, String)>> {
    sql::query_as(
        "SELECT o.id, o.name_zh FROM memberships m JOIN organizations o ON o.id = m.org_id
         WHERE m.user_id = $1 AND m.role = 'owner'
           AND NOT EXISTS (SELECT 1 FROM memberships x WHERE x.org_id = m.org_id AND x.user_id <> $1 AND x.role = 'owner')
           AND EXISTS (SELECT 1 FROM memberships x WHERE x.org_id = m.org_id AND x.user_id <> $1)
         ORDER BY o.id",
    )
    .bind(user)
    .fetch_all(db)
    .await
}

/// The address a deleted account gets: unique, unroutable (`.invalid`), free of the old one.
pub fn anonymous_email(user: i64) -> String {
    format!("deleted-{user}@deleted.invalid")
}

/// Each statement erases or anonymises one kind of data. `$1` user id, `$2` their email, `$3` now,
/// `$4` the anonymous email.
const ERASE: &[&str] = &[
    // What they answered when registering, and the names of the people they registered.
    "DELETE FROM registration_answers WHERE registration_id IN (SELECT id FROM registrations WHERE user_id = $1)",
    "DELETE FROM sessions WHERE user_id = $1",
    "DELETE FROM login_failures WHERE email = $2",
    "DELETE FROM memberships WHERE user_id = $1",
    "UPDATE invitations SET revoked_at = $3 WHERE email = $2 AND accepted_at IS NULL AND revoked_at IS NULL",
    "UPDATE invitations SET email = $4 WHERE email = $2",
    "DELETE FROM notifications WHERE user_id = $1",
    "DELETE FROM notification_prefs WHERE user_id = $1",
    "DELETE FROM outbox WHERE user_id = $1 OR to_email = $2",
    "DELETE FROM saved_searches WHERE user_id = $1",
    "DELETE FROM experts WHERE user_id = $1",
    "DELETE FROM event_staff WHERE user_id = $1",
    "DELETE FROM session_seats WHERE user_id = $1",
    "DELETE FROM meeting_availability WHERE user_id = $1",
    "UPDATE meeting_requests SET status = 'cancelled', decided_at = $3
     WHERE (from_user = $1 OR to_user = $1) AND status IN ('pending', 'accepted')
       AND event_id IN (SELECT id FROM events WHERE ends_at > $3)",
    "UPDATE meeting_requests SET message = '' WHERE from_user = $1",
    "UPDATE team_members SET email = $4 WHERE email = $2",
    "DELETE FROM email_verifications WHERE user_id = $1",
    "DELETE FROM staff_invitations WHERE email = $2",
    // Invitations to speak still open end with the address; accepted ones keep the (now nameless) link.
    "UPDATE session_speakers SET status = 'declined', email = NULL WHERE email = $2 AND status = 'invited'",
    "UPDATE session_speakers SET email = NULL WHERE email = $2",
];

/// Erases the user's personal data and anonymises their account, inside the caller's transaction.
pub async fn erase(db: &mut Conn, user: i64, email: &str, at: OffsetDateTime) -> sqlx::Result<()> {
    let anonymous = anonymous_email(user);
    // The names of the people they registered: one "-" per seat, so the seats still count.
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
    for sql in ERASE {
        sql::query(sql).bind(user).bind(email).bind(at).bind(&anonymous).execute(&mut *db).await?;
    }
    sql::query(
        "UPDATE users SET email = $2, display_name = '', password_hash = $3, is_admin = FALSE,
                disabled_at = $4, deleted_at = $4, updated_at = $4 WHERE id = $1",
    )
    .bind(user)
    .bind(&anonymous)
    .bind(super::password::DUMMY_HASH)
    .bind(at)
    .execute(db)
    .await?;
    Ok(())
}
