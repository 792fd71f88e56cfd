//! Agenda operations: sessions are set by those who run the event; a seat in a session is taken
//! inside one write transaction with the seat count, so a limited session never overfills.

use axum::http::StatusCode;
use shared::agenda::{SESSIONS_MAX, Session, SessionInput, SpeakerLine};
use shared::validate::FieldError;
use shared::{ErrorCode, Msg};

use super::store;
use crate::AppState;
use crate::accounts::SessionUser;
use crate::db::{Row, now};
use crate::error::{AppError, AppResult};
use crate::events::ics::Entry;

pub async fn list(state: &AppState, user: Option<&SessionUser>, event: i64) -> AppResult<Vec<Session>> {
    let mut db = state.db.acquire().await?;
    store::span(&mut db, event).await?.ok_or(AppError::NotFound)?;
    Ok(store::sessions(&mut db, event, user.map(|u| u.id)).await?)
}

pub async fn create(state: &AppState, user: &SessionUser, event: i64, input: SessionInput) -> AppResult<Vec<Session>> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::Event, &[event]).await?;
    let (start, end) = store::span(&mut tx, event).await?.ok_or(AppError::NotFound)?;
    if !crate::events::ops::organizes(&mut tx, event, user).await?.0 {
        return Err(AppError::Forbidden);
    }
    let lines = input.check(start, end)?;
    if store::count(&mut tx, event).await? >= SESSIONS_MAX {
        return Err(AppError::field("title_zh", FieldError::TooMany));
    }
    let mut speakers = vec![];
    for line in lines {
        speakers.push(match line {
            SpeakerLine::Name(n) => (None, n),
            SpeakerLine::Email(e) => {
                let (id, name) = store::user_by_email(&mut tx, e.as_str())
                    .await?
                    .ok_or_else(|| AppError::field("speakers", FieldError::UnknownTerm))?;
                (Some(id), name)
            }
        });
    }
    store::insert(&mut tx, event, &input, &speakers).await?;
    let out = store::sessions(&mut tx, event, Some(user.id)).await?;
    tx.commit().await?;
    Ok(out)
}

pub async fn delete(state: &AppState, user: &SessionUser, event: i64, session: i64) -> AppResult<Vec<Session>> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::Event, &[event]).await?;
    store::span(&mut tx, event).await?.ok_or(AppError::NotFound)?;
    if !crate::events::ops::organizes(&mut tx, event, user).await?.0 {
        return Err(AppError::Forbidden);
    }
    if !store::delete(&mut tx, event, session).await? {
        return Err(AppError::NotFound);
    }
    let out = store::sessions(&mut tx, event, Some(user.id)).await?;
    tx.commit().await?;
    Ok(out)
}

/// Take a seat in a session: attendees with a confirmed registration, while seats are left.
pub async fn join(state: &AppState, user: &SessionUser, session: i64) -> AppResult<Vec<Session>> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::EventSession, &[session]).await?;
    let (event, capacity, taken) = store::seat_context(&mut tx, session).await?.ok_or(AppError::NotFound)?;
    if !store::registered(&mut tx, event, user.id).await? {
        return Err(AppError::Refused(StatusCode::FORBIDDEN, ErrorCode::NotAttendee));
    }
    let held = store::sessions(&mut tx, event, Some(user.id)).await?.iter().any(|s| s.id == session && s.joined);
    if !held && capacity.is_some_and(|c| taken >= c) {
        return Err(AppError::Refused(StatusCode::CONFLICT, ErrorCode::SessionFull));
    }
    store::take_seat(&mut tx, session, user.id, now()).await?;
    let out = store::sessions(&mut tx, event, Some(user.id)).await?;
    tx.commit().await?;
    Ok(out)
}

pub async fn leave(state: &AppState, user: &SessionUser, session: i64) -> AppResult<Vec<Session>> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    let (event, ..) = store::seat_context(&mut tx, session).await?.ok_or(AppError::NotFound)?;
    store::leave_seat(&mut tx, session, user.id).await?;
    let out = store::sessions(&mut tx, event, Some(user.id)).await?;
    tx.commit().await?;
    Ok(out)
}

/// One session as a calendar entry (anyone who may see the event).
pub async fn calendar(state: &AppState, session: i64) -> AppResult<String> {
    let mut db = state.db.acquire().await?;
    let (event, ..) = store::seat_context(&mut db, session).await?.ok_or(AppError::NotFound)?;
    let s =
        store::sessions(&mut db, event, None).await?.into_iter().find(|s| s.id == session).ok_or(AppError::NotFound)?;
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
        url: format!("{}/events/{event}", state.config.public_url.trim_end_matches('/')),
    };
    Ok(crate::events::ics::calendar(&[entry], now()))
}
