//! Agenda operations: sessions are set by those who run the event; a seat in a session is taken
//! inside one write transaction with the seat count, so a limited session never overfills.

use shared::agenda::{SESSIONS_MAX, Session, SessionInput, SpeakerLine};
use shared::notify::NotificationKind;
use shared::validate::FieldError;
use shared::{ErrorCode, Msg};

use super::store;
use crate::AppState;
use crate::accounts::SessionUser;
use crate::db::{Row, now};
use crate::error::{AppError, AppResult};
use crate::events::ics::Entry;
use crate::notify::ops::Note;

/// Who looks, as the agenda's queries need it.
async fn viewer<'a>(
    db: &mut crate::db::Conn,
    event: i64,
    user: Option<&'a SessionUser>,
) -> AppResult<store::Viewer<'a>> {
    let organizer = match user {
        Some(u) => u.is_admin || crate::events::organizer(db, event, u).await?.is_some(),
        None => false,
    };
    Ok(store::Viewer { user: user.map(|u| u.id), email: user.map(|u| u.email.as_str()), organizer })
}

/// The agenda of an event the caller may see (a draft's only for those who run it).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn list(state: &AppState, user: Option<&SessionUser>, event: i64) -> AppResult<Vec<Session>> {
    crate::events::ops::get(state, user, event).await?;
    let mut db = state.db.acquire().await?;
    let who = viewer(&mut db, event, user).await?;
    Ok(sessions(&mut db, event, who).await?)
}

/// Adds a session (those who run the event). A speaker typed as an email is invited: whoever has
/// that address is told and may accept; until then the session names nobody for it, and the
/// organizers see only the address they typed (never whether it belongs to an account).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn create(state: &AppState, user: &SessionUser, event: i64, input: SessionInput) -> AppResult<Vec<Session>> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::Event, &[event]).await?;
    let (start, end) = store::span(&mut tx, event).await?.ok_or(AppError::NotFound)?;
    crate::events::require_organizer(&mut tx, event, user).await?;
    let lines = input.check(start, end)?;
    if store::count(&mut tx, event).await? >= SESSIONS_MAX {
        return Err(AppError::field("title_zh", FieldError::TooMany));
    }
    let speakers: Vec<store::NewSpeaker> = lines
        .into_iter()
        .map(|line| match line {
            SpeakerLine::Name(n) => store::NewSpeaker::Named(n),
            SpeakerLine::Email(e) => store::NewSpeaker::Invited(e.as_str().to_owned()),
        })
        .collect();
    store::insert(&mut tx, event, &input, &speakers).await?;
    let head = crate::events::event(&mut tx, event, true).await?.ok_or(AppError::NotFound)?;
    for s in &speakers {
        if let store::NewSpeaker::Invited(email) = s {
            let note = Note::new(NotificationKind::SpeakerInvitation, format!("/events/{event}"))
                .name("title", &head.title_zh, head.title_en.as_deref())
                .name("org", &head.org_name_zh, head.org_name_en.as_deref())
                .param("q", input.title_zh.trim());
            crate::notify::ops::to_address(&mut tx, &state.config.site_url(), email, user, &note).await?;
        }
    }
    let who = viewer(&mut tx, event, Some(user)).await?;
    let out = sessions(&mut tx, event, who).await?;
    tx.commit().await?;
    Ok(out)
}

/// Accepts or declines an invitation to speak in `session` sent to the caller's (verified) address.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn answer_speaker(
    state: &AppState,
    user: &SessionUser,
    session: i64,
    accept: bool,
) -> AppResult<Vec<Session>> {
    user.require_verified()?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    let event = store::seat_context(&mut tx, session).await?.ok_or(AppError::NotFound)?.event;
    crate::db::lock(&mut tx, Row::Event, &[event]).await?;
    if store::answer_speaker(&mut tx, session, &user.email, user.id, &user.display_name, accept).await? == 0 {
        return Err(AppError::NotFound);
    }
    let who = viewer(&mut tx, event, Some(user)).await?;
    let out = sessions(&mut tx, event, who).await?;
    tx.commit().await?;
    Ok(out)
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn delete(state: &AppState, user: &SessionUser, event: i64, session: i64) -> AppResult<Vec<Session>> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::Event, &[event]).await?;
    store::span(&mut tx, event).await?.ok_or(AppError::NotFound)?;
    crate::events::require_organizer(&mut tx, event, user).await?;
    if !store::delete(&mut tx, event, session).await? {
        return Err(AppError::NotFound);
    }
    let who = viewer(&mut tx, event, Some(user)).await?;
    let out = sessions(&mut tx, event, who).await?;
    tx.commit().await?;
    Ok(out)
}

/// Take a seat in a session: attendees with a confirmed registration, while seats are left.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn join(state: &AppState, user: &SessionUser, session: i64) -> AppResult<Vec<Session>> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::EventSession, &[session]).await?;
    let store::SeatContext { event, capacity, taken } =
        store::seat_context(&mut tx, session).await?.ok_or(AppError::NotFound)?;
    if !crate::events::is_confirmed(&mut tx, event, user.id).await? {
        return Err(AppError::Refused(ErrorCode::NotAttendee));
    }
    let who = viewer(&mut tx, event, Some(user)).await?;
    let held = sessions(&mut tx, event, who).await?.iter().any(|s| s.id == session && s.joined);
    if !held && capacity.is_some_and(|c| taken >= c) {
        return Err(AppError::Refused(ErrorCode::SessionFull));
    }
    store::take_seat(&mut tx, session, user.id, now()).await?;
    let out = sessions(&mut tx, event, who).await?;
    tx.commit().await?;
    Ok(out)
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn leave(state: &AppState, user: &SessionUser, session: i64) -> AppResult<Vec<Session>> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    let event = store::seat_context(&mut tx, session).await?.ok_or(AppError::NotFound)?.event;
    store::leave_seat(&mut tx, session, user.id).await?;
    let who = viewer(&mut tx, event, Some(user)).await?;
    let out = sessions(&mut tx, event, who).await?;
    tx.commit().await?;
    Ok(out)
}

/// One session as a calendar entry (anyone who may see the event).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn calendar(state: &AppState, user: Option<&SessionUser>, session: i64) -> AppResult<String> {
    let mut db = state.db.acquire().await?;
    let event = store::seat_context(&mut db, session).await?.ok_or(AppError::NotFound)?.event;
    crate::events::ops::get(state, user, event).await?;
    let everyone = store::Viewer::default();
    let s = sessions(&mut db, event, everyone).await?.into_iter().find(|s| s.id == session);
    let s = s.ok_or(AppError::NotFound)?;
    let l = crate::http::locale::current_locale();
    let speakers = s.speakers.iter().map(|k| k.name.as_str()).collect::<Vec<_>>().join("、");
    let description =
        if speakers.is_empty() { String::new() } else { format!("{}：{speakers}", Msg::AgendaSpeakers.t(l)) };
    let entry = Entry {
        uid: format!("session-{}", s.id),
        starts_at: s.starts_at,
        ends_at: s.ends_at,
        summary: s.title_zh.clone(),
        description,
        location: s.room.clone().unwrap_or_default(),
        url: format!("{}/events/{event}", state.config.site_url()),
    };
    Ok(crate::events::ics::calendar(&[entry], now()))
}

/// The event's sessions as [`store::sessions`] reads them, each linked speaker named with their
/// first organization.
async fn sessions(db: &mut crate::db::Conn, event: i64, viewer: store::Viewer<'_>) -> sqlx::Result<Vec<Session>> {
    let mut out = store::sessions(db, event, viewer).await?;
    let users: Vec<i64> = out.iter().flat_map(|s| s.speakers.iter().filter_map(|k| k.user_id)).collect();
    let orgs = crate::orgs::first_of(db, &users).await?;
    for k in out.iter_mut().flat_map(|s| s.speakers.iter_mut()) {
        if let Some(o) = k.user_id.and_then(|u| orgs.get(&u)) {
            k.org_name_zh = Some(o.name_zh.clone());
            k.org_name_en = o.name_en.clone();
        }
    }
    Ok(out)
}
