//! Notifications: written in the same transaction as what caused them (so none is lost and none
//! is sent for a change that rolled back), in the app and/or as an email in the outbox, per the
//! recipient's preferences; saved searches; the mailer.

use std::collections::BTreeMap;

use crate::db::{Conn, Row};
use shared::notify::{
    NewSavedSearch, Notification, NotificationKind, OutboxEmail, Preference, SAVED_SEARCHES_MAX, SavedSearch,
    UnreadCount, render,
};
use shared::page::{Page, PageQuery};
use shared::validate::FieldError;
use shared::{ErrorCode, Msg};

use super::store::{self, Recipient};
use crate::AppState;
use crate::accounts::SessionUser;
use crate::db::now;
use crate::error::{AppError, AppResult};

/// What happened, for whom to read.
pub struct Note {
    pub kind: NotificationKind,
    pub link: String,
    pub params: BTreeMap<String, String>,
}

impl Note {
    pub fn new(kind: NotificationKind, link: impl Into<String>) -> Self {
        Note { kind, link: link.into(), params: BTreeMap::new() }
    }

    /// A name in both languages (the English one may be missing).
    pub fn name(mut self, key: &str, zh: &str, en: Option<&str>) -> Self {
        self.params.insert(key.into(), zh.into());
        if let Some(en) = en.filter(|e| !e.is_empty()) {
            self.params.insert(format!("{key}_en"), en.into());
        }
        self
    }

    pub fn param(mut self, key: &str, value: impl Into<String>) -> Self {
        self.params.insert(key.into(), value.into());
        self
    }
}

/// The email a note becomes in `locale`: its subject and body, with the link to the page.
pub fn email_text(public_url: &str, note: &Note, locale: shared::Locale) -> (String, String) {
    let subject = format!("【{}】{}", Msg::AppName.t(locale), note.kind.msg().t(locale));
    let body = format!(
        "{}\n\n{}{}\n\n{}",
        render(note.kind, &note.params, locale),
        public_url.trim_end_matches('/'),
        note.link,
        Msg::EmailFooter.t(locale)
    );
    (subject, body)
}

/// Delivers `note` to each recipient (except `skip`, the user who caused it) as their preferences say.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn emit(
    db: &mut Conn,
    public_url: &str,
    to: &[Recipient],
    skip: Option<i64>,
    note: &Note,
) -> sqlx::Result<()> {
    let at = now();
    for (user, email, locale) in to.iter().filter(|(u, ..)| Some(*u) != skip) {
        let (in_app, by_email) =
            store::preference(db, *user, note.kind).await?.unwrap_or((true, note.kind.email_by_default()));
        if in_app {
            store::insert(db, *user, note.kind, &note.link, &note.params, at).await?;
        }
        if by_email {
            let (subject, body) = email_text(public_url, note, *locale);
            store::queue_email(db, Some(*user), email, &subject, &body, at).await?;
        }
    }
    Ok(())
}

/// Invitations by email one user may send a day.
pub const INVITATIONS_PER_DAY: usize = 50;

/// Tells the person at an email address of an invitation from `sender`: an account with that
/// address hears of it as of any notification; an address without one gets the email (in Chinese)
/// all the same, with the link. The sender learns nothing of which it was, and sends at most
/// [`INVITATIONS_PER_DAY`] a day (429 beyond).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn to_address(db: &mut Conn, site: &str, email: &str, sender: &SessionUser, note: &Note) -> AppResult<()> {
    let at = now();
    let sent = store::invitations_sent_since(db, sender.id, at - time::Duration::days(1)).await?;
    if sent.len() >= INVITATIONS_PER_DAY {
        let oldest = sent[sent.len() - INVITATIONS_PER_DAY];
        let retry_after_secs = (oldest + time::Duration::days(1) - at).whole_seconds().max(1) as u64;
        return Err(AppError::TooManyRequests { retry_after_secs });
    }
    store::record_invitation(db, sender.id, at).await?;
    let skip = Some(sender.id);
    match store::by_email(db, email).await? {
        Some(r) => emit(db, site, &[r], skip, note).await?,
        None => {
            let l = shared::Locale::ZhCn;
            let subject = format!("【{}】{}", Msg::AppName.t(l), note.kind.msg().t(l));
            let body =
                format!("{}\n\n{site}{}\n\n{}", render(note.kind, &note.params, l), note.link, Msg::EmailFooter.t(l));
            store::queue_email(db, None, email, &subject, &body, at).await?;
        }
    }
    Ok(())
}

/// The members of these organizations (each once), as recipients.
async fn members_of(db: &mut Conn, orgs: &[i64]) -> sqlx::Result<Vec<store::Recipient>> {
    let ids = crate::orgs::member_ids(db, orgs).await?;
    store::users(db, &ids).await
}

/// Notifies the members of `orgs` (except `skip`).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn to_orgs(db: &mut Conn, state: &AppState, orgs: &[i64], skip: Option<i64>, note: Note) -> sqlx::Result<()> {
    let to = members_of(db, orgs).await?;
    emit(db, &state.config.site_url(), &to, skip, &note).await
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn list(state: &AppState, user: &SessionUser, q: PageQuery) -> AppResult<Page<Notification>> {
    let (page, per_page, offset) = q.resolve();
    let mut db = state.db.acquire().await?;
    let (items, total) = store::list(&mut db, user.id, per_page, offset).await?;
    Ok(Page { items, total, page, per_page })
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn unread(state: &AppState, user: &SessionUser) -> AppResult<UnreadCount> {
    let mut db = state.db.acquire().await?;
    Ok(UnreadCount { unread: u32::try_from(store::unread(&mut db, user.id).await?).unwrap_or(0) })
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn mark_read(state: &AppState, user: &SessionUser, id: Option<i64>) -> AppResult<UnreadCount> {
    let mut db = state.db.acquire().await?;
    if !store::mark_read(&mut db, user.id, id, now()).await? {
        return Err(AppError::NotFound);
    }
    Ok(UnreadCount { unread: u32::try_from(store::unread(&mut db, user.id).await?).unwrap_or(0) })
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn preferences(state: &AppState, user: &SessionUser) -> AppResult<Vec<Preference>> {
    let mut db = state.db.acquire().await?;
    Ok(store::preferences(&mut db, user.id).await?)
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn set_preferences(
    state: &AppState,
    user: &SessionUser,
    prefs: Vec<Preference>,
) -> AppResult<Vec<Preference>> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    for p in &prefs {
        store::set_preference(&mut tx, user.id, p).await?;
    }
    let out = store::preferences(&mut tx, user.id).await?;
    tx.commit().await?;
    Ok(out)
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn outbox(state: &AppState) -> AppResult<Vec<OutboxEmail>> {
    let mut db = state.db.acquire().await?;
    Ok(store::outbox(&mut db, 200).await?)
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn saved_searches(state: &AppState, user: &SessionUser) -> AppResult<Vec<SavedSearch>> {
    let mut db = state.db.acquire().await?;
    Ok(store::saved_searches(&mut db, Some(user.id)).await?.into_iter().map(|(_, s)| s).collect())
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn save_search(state: &AppState, user: &SessionUser, req: NewSavedSearch) -> AppResult<SavedSearch> {
    let (q, domain) = req.parse()?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::User, &[user.id]).await?;
    let existing = store::saved_searches(&mut tx, Some(user.id)).await?;
    if existing.len() >= SAVED_SEARCHES_MAX {
        return Err(AppError::field("q", FieldError::TooMany));
    }
    if existing.iter().any(|(_, s)| s.q == q && s.kind == req.kind && s.domain == domain) {
        return Err(AppError::Refused(ErrorCode::Conflict));
    }
    let id = store::insert_saved_search(&mut tx, user.id, &q, req.kind, domain.as_deref(), now()).await?;
    let saved = store::saved_searches(&mut tx, Some(user.id)).await?.into_iter().map(|(_, s)| s).find(|s| s.id == id);
    tx.commit().await?;
    saved.ok_or(AppError::NotFound)
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn delete_search(state: &AppState, user: &SessionUser, id: i64) -> AppResult<()> {
    let mut db = state.db.acquire().await?;
    if !store::delete_saved_search(&mut db, user.id, id).await? {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// A posting just published for the first time: alert the saved searches it fits and the owners
/// of postings it matches with a high score.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn posting_published(state: &AppState, id: i64) -> AppResult<()> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    let Some(p) = crate::market::posting(&mut tx, id).await? else { return Ok(()) };
    let Some(kind) = p.kind() else { return Ok(()) };
    let (domains, _) = crate::market::tags(&mut tx, id).await?;
    let owners = members_of(&mut tx, &[p.org_id]).await?;
    let link = format!("{}/{id}", kind.page_path());
    let posting = |k| Note::new(k, link.clone()).name("title", &p.title_zh, p.title_en.as_deref());
    for (user, s) in store::saved_searches(&mut tx, None).await? {
        let fits = s.kind.is_none_or(|k| k == kind)
            && s.domain.as_ref().is_none_or(|d| domains.contains(d))
            && !owners.iter().any(|(u, ..)| *u == user)
            && state.search.fits(&s.q, id);
        if fits && let Some(r) = store::user(&mut tx, user).await? {
            let note = posting(NotificationKind::SavedSearchHit).param("q", s.q.clone());
            emit(&mut tx, &state.config.site_url(), &[r], None, &note).await?;
        }
    }
    let strong: Vec<(i64, u8)> = crate::matching::ops::strong_matches(state, id, crate::matching::ops::HIGH_SCORE);
    for (candidate, score) in strong {
        if let Some(c) = crate::market::posting(&mut tx, candidate).await? {
            let note = posting(NotificationKind::HighScoreMatch).param("score", score.to_string());
            to_orgs(&mut tx, state, &[c.org_id], None, note).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// Sends what waits in the outbox when SMTP is configured; every ten seconds.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn mailer(state: AppState) {
    let transport = match super::mail::transport(&state.config) {
        Ok(Some(t)) => t,
        Ok(None) => return,
        Err(e) => {
            tracing::error!(error = %e, "email is configured wrongly: emails stay in the outbox");
            return;
        }
    };
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(10));
    loop {
        tick.tick().await;
        if let Err(e) = state.clock.scope(super::mail::send_pending(&state, &transport)).await {
            tracing::warn!(error = %e, "sending email");
        }
    }
}
