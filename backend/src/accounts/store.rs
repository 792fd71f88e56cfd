//! SQL for accounts, sessions and login failures.

use crate::db::Conn;
use shared::Locale;
use time::OffsetDateTime;

use super::session::SessionUser;
use crate::db::sql;

#[derive(Debug, sqlx::FromRow)]
struct UserRow {
    id: i64,
    email: String,
    display_name: String,
    locale: String,
    is_admin: bool,
    email_verified: bool,
}

impl From<UserRow> for SessionUser {
    fn from(r: UserRow) -> Self {
        SessionUser {
            id: r.id,
            email: r.email,
            display_name: r.display_name,
            locale: Locale::from_tag(&r.locale).unwrap_or_default(),
            is_admin: r.is_admin,
            email_verified: r.email_verified,
        }
    }
}

/// An account to create.
pub struct NewUser<'a> {
    pub email: &'a str,
    pub password_hash: &'a str,
    pub display_name: &'a str,
    pub locale: Locale,
    pub is_admin: bool,
    /// Whether the address counts as confirmed from the start: accounts made by the operator
    /// (`create-admin`) or the demo are; self-registered ones confirm it through a link.
    pub email_verified: bool,
}

impl<'a> NewUser<'a> {
    /// A verified, non-admin account (the demo's, the tools').
    pub fn verified(email: &'a str, password_hash: &'a str, display_name: &'a str, locale: Locale) -> Self {
        NewUser { email, password_hash, display_name, locale, is_admin: false, email_verified: true }
    }
}

/// Inserts a user; the caller maps a unique violation to "email taken".
pub async fn insert_user(db: &mut Conn, u: &NewUser<'_>) -> sqlx::Result<i64> {
    let now = crate::db::now();
    let row: (i64,) = sql::query_as(
        "INSERT INTO users (email, password_hash, display_name, locale, is_admin, created_at, updated_at,
                            email_verified_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6, $7) RETURNING id",
    )
    .bind(u.email)
    .bind(u.password_hash)
    .bind(u.display_name)
    .bind(u.locale.tag())
    .bind(u.is_admin)
    .bind(now)
    .bind(u.email_verified.then_some(now))
    .fetch_one(db)
    .await?;
    Ok(row.0)
}

pub async fn find_user(db: &mut Conn, id: i64) -> sqlx::Result<Option<SessionUser>> {
    let row: Option<UserRow> = sql::query_as(
        "SELECT id, email, display_name, locale, is_admin, email_verified_at IS NOT NULL AS email_verified
             FROM users WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await?;
    Ok(row.map(Into::into))
}

/// (user id, password hash) for an email.
pub async fn credentials(db: &mut Conn, email: &str) -> sqlx::Result<Option<(i64, String)>> {
    sql::query_as("SELECT id, password_hash FROM users WHERE email = $1").bind(email).fetch_optional(db).await
}

pub async fn password_hash(db: &mut Conn, user_id: i64) -> sqlx::Result<String> {
    let row: (String,) =
        sql::query_as("SELECT password_hash FROM users WHERE id = $1").bind(user_id).fetch_one(db).await?;
    Ok(row.0)
}

pub async fn set_password(db: &mut Conn, user_id: i64, password_hash: &str) -> sqlx::Result<()> {
    sql::query("UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3")
        .bind(password_hash)
        .bind(crate::db::now())
        .bind(user_id)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn set_admin(db: &mut Conn, user_id: i64) -> sqlx::Result<()> {
    sql::query("UPDATE users SET is_admin = TRUE, updated_at = $1 WHERE id = $2")
        .bind(crate::db::now())
        .bind(user_id)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn update_profile(
    db: &mut Conn,
    user_id: i64,
    display_name: Option<&str>,
    locale: Option<Locale>,
) -> sqlx::Result<()> {
    sql::query(
        "UPDATE users SET display_name = COALESCE($1, display_name), locale = COALESCE($2, locale), updated_at = $3
         WHERE id = $4",
    )
    .bind(display_name)
    .bind(locale.map(Locale::tag))
    .bind(crate::db::now())
    .bind(user_id)
    .execute(db)
    .await?;
    Ok(())
}

// ---- sessions ----

pub async fn insert_session(
    db: &mut Conn,
    token_hash: &str,
    user_id: i64,
    expires_at: OffsetDateTime,
) -> sqlx::Result<()> {
    let now = crate::db::now();
    sql::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $3, $4)",
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(now)
    .bind(expires_at)
    .execute(db)
    .await?;
    Ok(())
}

/// The user of a live session, with when the session was last renewed.
pub async fn session_user(
    db: &mut Conn,
    token_hash: &str,
    now: OffsetDateTime,
) -> sqlx::Result<Option<(SessionUser, OffsetDateTime)>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        user: UserRow,
        last_seen_at: OffsetDateTime,
    }
    let row: Option<Row> = sql::query_as(
        "SELECT u.id, u.email, u.display_name, u.locale, u.is_admin,
                u.email_verified_at IS NOT NULL AS email_verified, s.last_seen_at
         FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled_at IS NULL",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| (r.user.into(), r.last_seen_at)))
}

pub async fn renew_session(
    db: &mut Conn,
    token_hash: &str,
    now: OffsetDateTime,
    expires_at: OffsetDateTime,
) -> sqlx::Result<()> {
    sql::query("UPDATE sessions SET last_seen_at = $1, expires_at = $2 WHERE token_hash = $3")
        .bind(now)
        .bind(expires_at)
        .bind(token_hash)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn delete_session(db: &mut Conn, token_hash: &str) -> sqlx::Result<()> {
    sql::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash).execute(db).await?;
    Ok(())
}

/// Signs a user out everywhere but the session `keep`.
pub async fn delete_other_sessions(db: &mut Conn, user_id: i64, keep: &str) -> sqlx::Result<()> {
    sql::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
        .bind(user_id)
        .bind(keep)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn delete_expired_sessions(db: &mut Conn, now: OffsetDateTime) -> sqlx::Result<u64> {
    Ok(sql::query("DELETE FROM sessions WHERE expires_at <= $1").bind(now).execute(db).await?.rows_affected())
}

// ---- login failures ----

/// The sign-in attempts counted against `client` since `since` (failures, and attempts still being
/// checked), marking those for `email`.
pub async fn attempts_from(
    db: &mut Conn,
    client: &str,
    email: &str,
    since: OffsetDateTime,
) -> sqlx::Result<Vec<super::throttle::Attempt>> {
    let rows: Vec<(OffsetDateTime, bool)> = sql::query_as(
        "SELECT failed_at, email = $2 FROM login_failures WHERE client = $1 AND failed_at > $3 ORDER BY failed_at",
    )
    .bind(client)
    .bind(email)
    .bind(since)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|(at, same_email)| super::throttle::Attempt { at, same_email }).collect())
}

/// Takes a slot for one attempt: it counts as a failure until [`release_attempt`] gives it back.
pub async fn reserve_attempt(db: &mut Conn, email: &str, client: &str, at: OffsetDateTime) -> sqlx::Result<i64> {
    let (id,): (i64,) =
        sql::query_as("INSERT INTO login_failures (email, client, failed_at) VALUES ($1, $2, $3) RETURNING id")
            .bind(email)
            .bind(client)
            .bind(at)
            .fetch_one(db)
            .await?;
    Ok(id)
}

/// Gives back the slot of an attempt that proved right.
pub async fn release_attempt(db: &mut Conn, id: i64) -> sqlx::Result<()> {
    sql::query("DELETE FROM login_failures WHERE id = $1").bind(id).execute(db).await?;
    Ok(())
}

/// `futurematch create-admin`: creates an admin account, or promotes an existing one.
/// Returns true when a new account was created.
pub async fn create_or_promote_admin(
    pool: &crate::db::Db,
    email: &shared::validate::Email,
    password: &shared::validate::Password,
) -> anyhow::Result<bool> {
    let mut tx = crate::db::begin_write(pool).await?;
    let (id, created) = match credentials(&mut tx, email.as_str()).await? {
        Some((id, _)) => {
            // The operator vouches for the address.
            set_admin(&mut tx, id).await?;
            mark_verified(&mut tx, id, crate::db::now()).await?;
            (id, false)
        }
        None => {
            let hash = super::password::hash(password.expose().to_owned()).await?;
            let name = email.as_str().split('@').next().unwrap_or("admin").to_owned();
            let user = NewUser { is_admin: true, ..NewUser::verified(email.as_str(), &hash, &name, Locale::ZhCn) };
            (insert_user(&mut tx, &user).await?, true)
        }
    };
    let action = if created { "admin.create" } else { "admin.promote" };
    let after = serde_json::json!({ "email": email.as_str(), "is_admin": true });
    crate::audit::record(&mut tx, None, action, &format!("user:{id}"), serde_json::Value::Null, after).await?;
    tx.commit().await?;
    Ok(created)
}

/// Whether a site admin disabled the account.
pub async fn is_disabled(db: &mut Conn, user: i64) -> sqlx::Result<bool> {
    let row: Option<(Option<OffsetDateTime>,)> =
        sql::query_as("SELECT disabled_at FROM users WHERE id = $1").bind(user).fetch_optional(db).await?;
    Ok(row.is_some_and(|(d,)| d.is_some()))
}

/// Disables (with the time) or enables an account; false when there is no such user.
pub async fn set_disabled(db: &mut Conn, user: i64, at: Option<OffsetDateTime>) -> sqlx::Result<bool> {
    let done = sql::query("UPDATE users SET disabled_at = $2 WHERE id = $1").bind(user).bind(at).execute(db).await?;
    Ok(done.rows_affected() > 0)
}

/// Ends every session of the user; how many there were.
pub async fn delete_sessions(db: &mut Conn, user: i64) -> sqlx::Result<u64> {
    Ok(sql::query("DELETE FROM sessions WHERE user_id = $1").bind(user).execute(db).await?.rows_affected())
}

#[derive(sqlx::FromRow)]
struct AdminRow {
    id: i64,
    email: String,
    display_name: String,
    is_admin: bool,
    disabled: bool,
    deleted: bool,
    sessions: i64,
    created_at: OffsetDateTime,
}

const ADMIN_USER: &str = "SELECT u.id, u.email, u.display_name, u.is_admin, u.disabled_at IS NOT NULL AS disabled,
        u.deleted_at IS NOT NULL AS deleted,
        (SELECT COUNT(*) FROM sessions s WHERE s.user_id = u.id) AS sessions, u.created_at
     FROM users u";

fn admin_view(r: AdminRow) -> shared::accounts::UserAdminView {
    shared::accounts::UserAdminView {
        id: r.id,
        email: r.email,
        display_name: r.display_name,
        is_admin: r.is_admin,
        disabled: r.disabled,
        deleted: r.deleted,
        sessions: u32::try_from(r.sessions).unwrap_or(0),
        // Counted by the caller (`orgs::counts_of`).
        orgs: 0,
        created_at: r.created_at,
    }
}

/// Users whose email or name contains `words`, newest first.
pub async fn admin_users(
    db: &mut Conn,
    words: Option<&str>,
    limit: u32,
    offset: u64,
) -> sqlx::Result<(Vec<shared::accounts::UserAdminView>, u64)> {
    let like = words.map(|w| format!("%{w}%"));
    let filter = "WHERE ($1 IS NULL OR u.email LIKE $1 OR u.display_name LIKE $1)";
    let (total,): (i64,) =
        sql::query_as(format!("SELECT COUNT(*) FROM users u {filter}")).bind(&like).fetch_one(&mut *db).await?;
    let rows: Vec<AdminRow> = sql::query_as(format!("{ADMIN_USER} {filter} ORDER BY u.id DESC LIMIT $2 OFFSET $3"))
        .bind(&like)
        .bind(limit)
        .bind(i64::try_from(offset).unwrap_or(i64::MAX))
        .fetch_all(db)
        .await?;
    Ok((rows.into_iter().map(admin_view).collect(), u64::try_from(total).unwrap_or(0)))
}

pub async fn admin_user(db: &mut Conn, id: i64) -> sqlx::Result<Option<shared::accounts::UserAdminView>> {
    let row: Option<AdminRow> =
        sql::query_as(format!("{ADMIN_USER} WHERE u.id = $1")).bind(id).fetch_optional(db).await?;
    Ok(row.map(admin_view))
}

/// Confirms the account's email address (once; a later confirmation keeps the first time).
pub async fn mark_verified(db: &mut Conn, user: i64, at: OffsetDateTime) -> sqlx::Result<()> {
    sql::query("UPDATE users SET email_verified_at = COALESCE(email_verified_at, $2) WHERE id = $1")
        .bind(user)
        .bind(at)
        .execute(db)
        .await?;
    Ok(())
}

/// A verification link sent to `email` for `user`, by the hash of its token.
pub async fn insert_verification(
    db: &mut Conn,
    token_hash: &str,
    user: i64,
    email: &str,
    at: OffsetDateTime,
    expires_at: OffsetDateTime,
) -> sqlx::Result<()> {
    sql::query(
        "INSERT INTO email_verifications (token_hash, user_id, email, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(token_hash)
    .bind(user)
    .bind(email)
    .bind(at)
    .bind(expires_at)
    .execute(db)
    .await?;
    Ok(())
}

/// The account a live verification link is for, when the account still has the address it was
/// sent to: the user's id.
pub async fn verification(db: &mut Conn, token_hash: &str, now: OffsetDateTime) -> sqlx::Result<Option<i64>> {
    let row: Option<(i64,)> = sql::query_as(
        "SELECT v.user_id FROM email_verifications v JOIN users u ON u.id = v.user_id
         WHERE v.token_hash = $1 AND v.expires_at > $2 AND u.email = v.email AND u.deleted_at IS NULL",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| r.0))
}

/// When the verification emails of the last day were sent to `user`, newest first.
pub async fn verifications_since(db: &mut Conn, user: i64, since: OffsetDateTime) -> sqlx::Result<Vec<OffsetDateTime>> {
    let rows: Vec<(OffsetDateTime,)> = sql::query_as(
        "SELECT created_at FROM email_verifications WHERE user_id = $1 AND created_at > $2 ORDER BY created_at DESC",
    )
    .bind(user)
    .bind(since)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// Voids the user's verification links once one was used (the rows stay for the daily count, expired).
pub async fn spend_verifications(db: &mut Conn, user: i64, now: OffsetDateTime) -> sqlx::Result<()> {
    sql::query("UPDATE email_verifications SET expires_at = $2 WHERE user_id = $1 AND expires_at > $2")
        .bind(user)
        .bind(now)
        .execute(db)
        .await?;
    Ok(())
}

/// The account with this address that never verified it and was made before `before`, if any.
pub async fn stale_unverified(db: &mut Conn, email: &str, before: OffsetDateTime) -> sqlx::Result<Option<i64>> {
    let row: Option<(i64,)> = sql::query_as(
        "SELECT id FROM users WHERE email = $1 AND email_verified_at IS NULL AND created_at < $2 AND deleted_at IS NULL",
    )
    .bind(email)
    .bind(before)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| r.0))
}

/// A user's display name (empty for an erased account), for readers of records that name them.
pub async fn display_name(db: &mut Conn, id: i64) -> sqlx::Result<Option<String>> {
    let row: Option<(String,)> =
        sql::query_as("SELECT display_name FROM users WHERE id = $1").bind(id).fetch_optional(db).await?;
    Ok(row.map(|(n,)| n))
}

/// What this capability holds about a person, for their data export (see `crate::facts::personal_data`).
pub const PERSONAL_DATA: &[sql::Section] = &[
    sql::Section {
        name: "account",
        sql: "SELECT json_object('id', id, 'email', email, 'display_name', display_name, 'locale', locale,
                'is_admin', CASE WHEN is_admin THEN json('true') ELSE json('false') END, 'created_at', created_at,
                'updated_at', updated_at, 'email_verified_at', email_verified_at) FROM users WHERE id = $1",
    },
    sql::Section {
        name: "sessions",
        sql: "SELECT json_group_array(json_object('created_at', created_at, 'last_seen_at', last_seen_at,
                'expires_at', expires_at)) FROM sessions WHERE user_id = $1",
    },
    sql::Section {
        name: "failed_logins",
        sql: "SELECT json_group_array(json_object('at', failed_at, 'from', client)) FROM login_failures WHERE email = $2",
    },
];

/// Erases what this capability holds only about a person whose account is being deleted: sessions, failed sign-ins, and verification links
/// (`$1` id, `$2` email, `$3` now, `$4` the anonymous address; see `facts::Erasing::erase`).
pub const ERASE: &[&str] = &[
    "DELETE FROM sessions WHERE user_id = $1",
    "DELETE FROM login_failures WHERE email = $2",
    "DELETE FROM email_verifications WHERE user_id = $1",
];

/// Anonymises the account of a person being deleted, in place: what organizations keep (postings,
/// requests, messages, attendance, scores) keeps pointing at it, now nameless.
pub async fn anonymise(db: &mut Conn, who: &crate::facts::Erasing, dummy_hash: &str) -> sqlx::Result<()> {
    sql::query(
        "UPDATE users SET email = $2, display_name = '', password_hash = $3, is_admin = FALSE,
                disabled_at = $4, deleted_at = $4, updated_at = $4 WHERE id = $1",
    )
    .bind(who.user)
    .bind(who.anonymous_email())
    .bind(dummy_hash)
    .bind(who.at)
    .execute(db)
    .await?;
    Ok(())
}

/// Retention: deletes the failed sign-ins logged before `before`; how many.
pub async fn delete_login_failures_before(db: &mut Conn, before: OffsetDateTime) -> sqlx::Result<u64> {
    Ok(sql::query("DELETE FROM login_failures WHERE failed_at < $1").bind(before).execute(db).await?.rows_affected())
}
