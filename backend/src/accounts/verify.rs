//! Email verification: a one-time link (its token stored only as a hash) sent through the outbox
//! when an account registers and again on request (at most once a minute and five times a day);
//! following it confirms the address the link was sent to.

use shared::ErrorCode;
use shared::accounts::{VERIFICATION_HOURS, VERIFICATIONS_PER_DAY};
use shared::i18n::{Locale, Msg, text};
use time::{Duration, OffsetDateTime};

use super::{SessionUser, session, store};
use crate::AppState;
use crate::db::{Conn, now};
use crate::error::{AppError, AppResult};

/// The link's address: the site's `/verify-email` page with the token, and where to go after.
fn link(site: &str, token: &str, next: Option<&str>) -> String {
    let next = next.and_then(shared::routes::return_path).map(|n| format!("&next={}", encode(n))).unwrap_or_default();
    format!("{site}/verify-email?token={token}{next}")
}

/// Percent-encodes a query value (every byte but unreserved ASCII).
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Seconds until another verification email may go to an account that was sent these (newest
/// first) within the last day; `None` when one may go now.
pub fn wait(sent: &[OffsetDateTime], now: OffsetDateTime) -> Option<u64> {
    let minute = sent.first().map(|t| *t + Duration::minutes(1)).filter(|t| *t > now);
    let day = (sent.len() >= VERIFICATIONS_PER_DAY).then(|| sent[VERIFICATIONS_PER_DAY - 1] + Duration::days(1));
    let until = minute.into_iter().chain(day).max()?;
    Some((until - now).whole_seconds().max(1) as u64)
}

/// Creates a link for `user` at `email` and queues the email with it, inside `tx`.
pub async fn send(
    tx: &mut Conn,
    state: &AppState,
    user: i64,
    email: &str,
    locale: Locale,
    next: Option<&str>,
) -> AppResult<()> {
    let (token, hash) = session::new_token();
    let at = now();
    store::insert_verification(tx, &hash, user, email, at, at + Duration::hours(VERIFICATION_HOURS)).await?;
    let subject = format!("【{}】{}", Msg::AppName.t(locale), Msg::VerifyEmailSubject.t(locale));
    let hours = VERIFICATION_HOURS.to_string();
    let url = link(&state.config.site_url(), &token, next);
    let body =
        format!("{}\n\n{}", text::VerifyEmailBody { link: &url, hours: &hours }.t(locale), Msg::EmailFooter.t(locale));
    crate::notify::queue_email(tx, Some(user), email, &subject, &body, at).await?;
    Ok(())
}

/// Sends the link again to the signed-in user (429 while the limits hold; 409 when already verified).
pub async fn resend(state: &AppState, user: &SessionUser, next: Option<&str>) -> AppResult<()> {
    if user.email_verified {
        return Err(AppError::Refused(ErrorCode::Conflict));
    }
    let at = now();
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, crate::db::Row::User, &[user.id]).await?;
    let sent = store::verifications_since(&mut tx, user.id, at - Duration::days(1)).await?;
    if let Some(retry_after_secs) = wait(&sent, at) {
        return Err(AppError::TooManyRequests { retry_after_secs });
    }
    send(&mut tx, state, user.id, &user.email, user.locale, next).await?;
    tx.commit().await?;
    Ok(())
}

/// Follows a link: confirms the address it was sent to and voids the account's other links.
pub async fn confirm(state: &AppState, token: &str) -> AppResult<()> {
    let at = now();
    let hash = session::hash_token(token.trim());
    let mut tx = crate::db::begin_write(&state.db).await?;
    let user =
        store::verification(&mut tx, &hash, at).await?.ok_or(AppError::Refused(ErrorCode::VerificationInvalid))?;
    crate::db::lock(&mut tx, crate::db::Row::User, &[user]).await?;
    store::mark_verified(&mut tx, user, at).await?;
    store::spend_verifications(&mut tx, user, at).await?;
    let target = format!("user:{user}");
    crate::audit::record(
        &mut tx,
        None,
        "account.email_verified",
        &target,
        serde_json::Value::Null,
        serde_json::Value::Null,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-12-04 10:00 UTC);

    #[test]
    fn one_email_a_minute_and_five_a_day() {
        assert_eq!(wait(&[], NOW), None);
        assert_eq!(wait(&[NOW - Duration::seconds(20)], NOW), Some(40));
        assert_eq!(wait(&[NOW - Duration::minutes(2)], NOW), None);
        let five: Vec<_> = (1..=5).map(|h| NOW - Duration::hours(h)).collect();
        assert_eq!(wait(&five, NOW), Some(19 * 3600), "the oldest of five leaves the day in 19 hours");
        assert_eq!(wait(&five[..4], NOW), None);
    }

    #[test]
    fn the_link_carries_the_token_and_a_same_site_return_address_only() {
        assert_eq!(link("https://fm.example", "abc", None), "https://fm.example/verify-email?token=abc");
        assert_eq!(
            link("https://fm.example", "abc", Some("/events/3?code=A 1")),
            "https://fm.example/verify-email?token=abc&next=/events/3%3Fcode%3DA%201"
        );
        assert_eq!(
            link("https://fm.example", "abc", Some("//evil.example")),
            "https://fm.example/verify-email?token=abc"
        );
    }
}
