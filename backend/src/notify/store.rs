//! SQL for notifications, preferences, the outbox and saved searches.

use std::collections::BTreeMap;

use crate::db::Conn;
use crate::db::sql;
use shared::Locale;
use shared::market::PostingKind;
use shared::notify::{Notification, NotificationKind, OutboxEmail, Preference, SavedSearch};
use time::OffsetDateTime;

/// A recipient: id, email, language.
pub type Recipient = (i64, String, Locale);

/// These users as recipients, by id.
pub async fn users(db: &mut Conn, ids: &[i64]) -> sqlx::Result<Vec<Recipient>> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let mut qb = sql::Builder::new("SELECT id, email, locale FROM users WHERE id IN (");
    qb.push_list(", ", ids.to_vec());
    qb.push(") ORDER BY id");
    let rows: Vec<(i64, String, String)> = qb.build_query_as().fetch_all(db).await?;
    Ok(rows.into_iter().map(|(id, email, l)| (id, email, Locale::from_tag(&l).unwrap_or_default())).collect())
}

/// The account with this email address, if there is one (for the platform's own use: never said
/// to the person who typed the address).
pub async fn by_email(db: &mut Conn, email: &str) -> sqlx::Result<Option<Recipient>> {
    let row: Option<(i64, String, String)> =
        sql::query_as("SELECT id, email, locale FROM users WHERE email = $1 AND deleted_at IS NULL")
            .bind(email)
            .fetch_optional(db)
            .await?;
    Ok(row.map(|(id, email, l)| (id, email, Locale::from_tag(&l).unwrap_or_default())))
}

pub async fn user(db: &mut Conn, id: i64) -> sqlx::Result<Option<Recipient>> {
    let row: Option<(i64, String, String)> =
        sql::query_as("SELECT id, email, locale FROM users WHERE id = $1").bind(id).fetch_optional(db).await?;
    Ok(row.map(|(id, email, l)| (id, email, Locale::from_tag(&l).unwrap_or_default())))
}

/// The user's choice for `kind`, if they made one: (in app, email).
pub async fn preference(db: &mut Conn, user: i64, kind: NotificationKind) -> sqlx::Result<Option<(bool, bool)>> {
    sql::query_as("SELECT in_app, email FROM notification_prefs WHERE user_id = $1 AND kind = $2")
        .bind(user)
        .bind(kind.as_str())
        .fetch_optional(db)
        .await
}

pub async fn preferences(db: &mut Conn, user: i64) -> sqlx::Result<Vec<Preference>> {
    let rows: Vec<(String, bool, bool)> =
        sql::query_as("SELECT kind, in_app, email FROM notification_prefs WHERE user_id = $1")
            .bind(user)
            .fetch_all(db)
            .await?;
    Ok(NotificationKind::ALL
        .iter()
        .map(|k| match rows.iter().find(|r| r.0 == k.as_str()) {
            Some((_, in_app, email)) => Preference { kind: *k, in_app: *in_app, email: *email },
            None => Preference { kind: *k, in_app: true, email: k.email_by_default() },
        })
        .collect())
}

pub async fn set_preference(db: &mut Conn, user: i64, p: &Preference) -> sqlx::Result<()> {
    sql::query(
        "INSERT INTO notification_prefs (user_id, kind, in_app, email) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id, kind) DO UPDATE SET in_app = excluded.in_app, email = excluded.email",
    )
    .bind(user)
    .bind(p.kind.as_str())
    .bind(p.in_app)
    .bind(p.email)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn insert(
    db: &mut Conn,
    user: i64,
    kind: NotificationKind,
    link: &str,
    params: &BTreeMap<String, String>,
    now: OffsetDateTime,
) -> sqlx::Result<()> {
    let params = serde_json::to_string(params).map_err(|e| sqlx::Error::Encode(e.into()))?;
    sql::query("INSERT INTO notifications (user_id, kind, link, params, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(user)
        .bind(kind.as_str())
        .bind(link)
        .bind(params)
        .bind(now)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn queue_email(
    db: &mut Conn,
    user: Option<i64>,
    to: &str,
    subject: &str,
    body: &str,
    now: OffsetDateTime,
) -> sqlx::Result<()> {
    sql::query("INSERT INTO outbox (user_id, to_email, subject, body, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(user)
        .bind(to)
        .bind(subject)
        .bind(body)
        .bind(now)
        .execute(db)
        .await?;
    Ok(())
}

type NotificationRow = (i64, String, String, String, OffsetDateTime, Option<OffsetDateTime>);

pub async fn list(db: &mut Conn, user: i64, limit: u32, offset: u64) -> sqlx::Result<(Vec<Notification>, u64)> {
    let (total,): (i64,) =
        sql::query_as("SELECT COUNT(*) FROM notifications WHERE user_id = $1").bind(user).fetch_one(&mut *db).await?;
    let rows: Vec<NotificationRow> = sql::query_as(
        "SELECT id, kind, link, params, created_at, read_at FROM notifications WHERE user_id = $1
         ORDER BY id DESC LIMIT $2 OFFSET $3",
    )
    .bind(user)
    .bind(limit)
    .bind(i64::try_from(offset).unwrap_or(i64::MAX))
    .fetch_all(db)
    .await?;
    let items = rows
        .into_iter()
        .filter_map(|(id, kind, link, params, created_at, read_at)| {
            Some(Notification {
                id,
                kind: NotificationKind::parse(&kind)?,
                link,
                params: serde_json::from_str(&params).unwrap_or_default(),
                read: read_at.is_some(),
                created_at,
            })
        })
        .collect();
    Ok((items, u64::try_from(total).unwrap_or(0)))
}

pub async fn unread(db: &mut Conn, user: i64) -> sqlx::Result<i64> {
    let (n,): (i64,) = sql::query_as("SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL")
        .bind(user)
        .fetch_one(db)
        .await?;
    Ok(n)
}

/// Marks one (or, with `None`, every) notification of `user` read; false when there was no such one.
pub async fn mark_read(db: &mut Conn, user: i64, id: Option<i64>, now: OffsetDateTime) -> sqlx::Result<bool> {
    let r = sql::query(
        "UPDATE notifications SET read_at = COALESCE(read_at, $3) WHERE user_id = $1 AND ($2 IS NULL OR id = $2)",
    )
    .bind(user)
    .bind(id)
    .bind(now)
    .execute(db)
    .await?;
    Ok(id.is_none() || r.rows_affected() > 0)
}

type OutboxRow = (i64, String, String, String, OffsetDateTime, Option<OffsetDateTime>, Option<String>);

pub async fn outbox(db: &mut Conn, limit: u32) -> sqlx::Result<Vec<OutboxEmail>> {
    let rows: Vec<OutboxRow> = sql::query_as(
        "SELECT id, to_email, subject, body, created_at, sent_at, error FROM outbox ORDER BY id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, to_email, subject, body, created_at, sent_at, error)| OutboxEmail {
            id,
            to_email,
            subject,
            body,
            created_at,
            sent_at,
            error,
        })
        .collect())
}

/// Emails not sent yet (fewer than 5 attempts), oldest first.
/// An email waiting in the outbox.
#[derive(sqlx::FromRow)]
pub struct Pending {
    pub id: i64,
    pub to_email: String,
    pub subject: String,
    pub body: String,
}

pub async fn pending_emails(db: &mut Conn, limit: u32) -> sqlx::Result<Vec<Pending>> {
    sql::query_as(
        "SELECT id, to_email, subject, body FROM outbox WHERE sent_at IS NULL AND attempts < 5 ORDER BY id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(db)
    .await
}

pub async fn email_sent(db: &mut Conn, id: i64, result: Result<(), String>, now: OffsetDateTime) -> sqlx::Result<()> {
    let (sent, error) = match result {
        Ok(()) => (Some(now), None),
        Err(e) => (None, Some(e)),
    };
    sql::query("UPDATE outbox SET sent_at = $2, error = $3, attempts = attempts + 1 WHERE id = $1")
        .bind(id)
        .bind(sent)
        .bind(error)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn saved_searches(db: &mut Conn, user: Option<i64>) -> sqlx::Result<Vec<(i64, SavedSearch)>> {
    type SearchRow = (i64, i64, String, Option<String>, Option<String>, OffsetDateTime);
    let rows: Vec<SearchRow> = sql::query_as(
        "SELECT id, user_id, q, kind, domain, created_at FROM saved_searches WHERE $1 IS NULL OR user_id = $1 ORDER BY id",
    )
    .bind(user)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, user, q, kind, domain, created_at)| {
            (user, SavedSearch { id, q, kind: kind.as_deref().and_then(PostingKind::parse), domain, created_at })
        })
        .collect())
}

pub async fn insert_saved_search(
    db: &mut Conn,
    user: i64,
    q: &str,
    kind: Option<PostingKind>,
    domain: Option<&str>,
    now: OffsetDateTime,
) -> sqlx::Result<i64> {
    let (id,): (i64,) = sql::query_as(
        "INSERT INTO saved_searches (user_id, q, kind, domain, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(user)
    .bind(q)
    .bind(kind.map(PostingKind::as_str))
    .bind(domain)
    .bind(now)
    .fetch_one(db)
    .await?;
    Ok(id)
}

pub async fn delete_saved_search(db: &mut Conn, user: i64, id: i64) -> sqlx::Result<bool> {
    let r =
        sql::query("DELETE FROM saved_searches WHERE id = $1 AND user_id = $2").bind(id).bind(user).execute(db).await?;
    Ok(r.rows_affected() > 0)
}

/// When `sender`'s invitations by email since `since` went out, oldest first.
pub async fn invitations_sent_since(
    db: &mut Conn,
    sender: i64,
    since: OffsetDateTime,
) -> sqlx::Result<Vec<OffsetDateTime>> {
    let rows: Vec<(OffsetDateTime,)> =
        sql::query_as("SELECT at FROM invitation_sends WHERE sender_id = $1 AND at > $2 ORDER BY at")
            .bind(sender)
            .bind(since)
            .fetch_all(db)
            .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

pub async fn record_invitation(db: &mut Conn, sender: i64, at: OffsetDateTime) -> sqlx::Result<()> {
    sql::query("INSERT INTO invitation_sends (sender_id, at) VALUES ($1, $2)")
        .bind(sender)
        .bind(at)
        .execute(db)
        .await?;
    Ok(())
}

/// Emails the outbox could not send (an error and no success yet).
pub async fn failed_emails_count(db: &mut Conn) -> sqlx::Result<u32> {
    let (n,): (i64,) =
        sql::query_as("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND error IS NOT NULL").fetch_one(db).await?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// What this capability holds about a person, for their data export (see `crate::facts::personal_data`).
pub const PERSONAL_DATA: &[sql::Section] = &[
    sql::Section {
        name: "saved_searches",
        sql: "SELECT json_group_array(json_object('q', q, 'kind', kind, 'domain', domain, 'created_at', created_at))
         FROM saved_searches WHERE user_id = $1",
    },
    sql::Section {
        name: "notifications",
        sql: "SELECT json_group_array(json_object('kind', kind, 'link', link, 'params', json(params),
                'created_at', created_at, 'read_at', read_at)) FROM notifications WHERE user_id = $1",
    },
];

/// Erases what this capability holds only about a person whose account is being deleted: notifications, preferences, emails waiting and saved searches
/// (`$1` id, `$2` email, `$3` now, `$4` the anonymous address; see `facts::Erasing::erase`).
pub const ERASE: &[&str] = &[
    "DELETE FROM notifications WHERE user_id = $1",
    "DELETE FROM notification_prefs WHERE user_id = $1",
    "DELETE FROM outbox WHERE user_id = $1 OR to_email = $2",
    "DELETE FROM saved_searches WHERE user_id = $1",
];

/// Retention: deletes the sent emails queued before `before` (unsent ones stay to be sent or
/// looked into); how many.
pub async fn delete_sent_emails_before(db: &mut Conn, before: OffsetDateTime) -> sqlx::Result<u64> {
    let done = sql::query("DELETE FROM outbox WHERE sent_at IS NOT NULL AND created_at < $1").bind(before);
    Ok(done.execute(db).await?.rows_affected())
}

/// Retention: deletes the read notifications created before `before` (unread ones stay); how many.
pub async fn delete_read_notifications_before(db: &mut Conn, before: OffsetDateTime) -> sqlx::Result<u64> {
    let done = sql::query("DELETE FROM notifications WHERE read_at IS NOT NULL AND created_at < $1").bind(before);
    Ok(done.execute(db).await?.rows_affected())
}
