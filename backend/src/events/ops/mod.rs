//! Event operations. Every registration change that touches seats runs in one write transaction
//! that first locks the event's row (on SQLite the whole database is locked already): the quota
//! check, the insert or update, and offering freed seats to the waiting list, so capacity is never
//! exceeded whatever the concurrency, across instances too.
//!
//! This file: who may do what on an event ([`Organizer`]) and the event itself (create, edit,
//! publish, list, ticket types, questions, the cover); the sub-capabilities beside it.

use crate::db::{Conn, Row};
use crate::facts::{Fact, Write};
use shared::events::{
    CheckinCounts, CheckinInput, CheckinOutcome, CheckinResult, CountRow, Event, EventInput, EventReport, OFFER_HOURS,
    QUESTIONS_MAX, Question, QuestionInput, Registration, RegistrationInput, RegistrationStatus, Staff, StaffInput,
    StaffRole, Ticket, TicketRef, TicketType, TicketTypeInput, Window, check_answers, free_seats, may_enter, offers,
    per_day, place, window,
};
use shared::orgs::OrgKind;
use shared::taxonomy::TermKind;
use shared::validate::FieldError;
use shared::{ErrorCode, Msg};
use time::{Duration, OffsetDateTime};

use super::{store, tickets};
use crate::AppState;
use crate::accounts::SessionUser;
use crate::db::now;
use crate::error::{AppError, AppResult};
use crate::notify::ops::Note;
use crate::xlsx::{Cell, Sheet};
use shared::events::{
    Badge, BulkAction, BulkRequest, EventMessage, EventMessageInput, Invitation, InvitationInput, MessagePreview,
    Registrant, RegistrantQuery,
};
use shared::notify::NotificationKind;
use shared::page::{Page, PageQuery};

mod checkin;
mod exports;
mod messages;
mod registrations;
mod staff;

pub use checkin::*;
pub use exports::*;
pub use messages::*;
pub use registrations::*;
pub use staff::*;

/// What the caller may do on an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Access {
    None,
    /// Scan tickets at the door.
    Checkin,
    /// Run the event: a manager among the co-organizers.
    Manage,
    /// A member of the organizing organization: also chooses the co-organizers.
    Own,
}

async fn access(db: &mut Conn, id: i64, user: &SessionUser) -> AppResult<(Access, u32)> {
    let store::Head { org, capacity } = store::head(db, id).await?.ok_or(AppError::NotFound)?;
    if crate::orgs::role_of(db, org, user.id).await?.is_some() {
        return Ok((Access::Own, capacity));
    }
    let access = match store::staff_role(db, id, user.id).await? {
        Some(StaffRole::Manager) => Access::Manage,
        Some(StaffRole::Checkin) => Access::Checkin,
        None => Access::None,
    };
    Ok((access, capacity))
}

/// Proof that the caller runs an event: a member of its organization or a manager among its
/// co-organizers. Only [`organizer`] makes one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Organizer {
    pub event: i64,
}

/// The caller's grant to run event `id`, or `None` (404 when there is no such event).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn organizer(db: &mut Conn, id: i64, user: &SessionUser) -> AppResult<Option<Organizer>> {
    let (access, _) = access(db, id, user).await?;
    Ok((access >= Access::Manage).then_some(Organizer { event: id }))
}

/// [`organizer`], or 403 for anyone who does not run the event.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn require_organizer(db: &mut Conn, id: i64, user: &SessionUser) -> AppResult<Organizer> {
    organizer(db, id, user).await?.ok_or(AppError::Forbidden)
}

async fn check_input(db: &mut Conn, input: &EventInput) -> AppResult<()> {
    input.check(now())?;
    let tax = crate::taxonomy::load(db).await?;
    for d in &input.domains {
        tax.require(TermKind::Domain, d).map_err(|e| AppError::field("domains", e))?;
    }
    Ok(())
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn create(state: &AppState, user: &SessionUser, input: EventInput) -> AppResult<Event> {
    let mut tx = Write::begin(state).await?;
    check_input(&mut tx, &input).await?;
    let org = crate::orgs::get(&mut tx, input.org_id, false, None).await?.ok_or(AppError::NotFound)?;
    if crate::orgs::role_of(&mut tx, org.id, user.id).await?.is_none() {
        return Err(AppError::Forbidden);
    }
    if org.kind != OrgKind::Organizer {
        return Err(AppError::Refused(ErrorCode::WrongOrgKind));
    }
    // A verified organization's event is public at once; anyone else's waits as a draft.
    let id = store::insert(&mut tx, &input, user.id, now(), org.verified).await?;
    tx.raise(Fact::EventScheduled(id)).await?;
    let out = store::event(&mut tx, id, true).await?.ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(out)
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn update(state: &AppState, user: &SessionUser, id: i64, input: EventInput) -> AppResult<Event> {
    let mut tx = Write::begin(state).await?;
    crate::db::lock(&mut tx, Row::Event, &[id]).await?;
    let mine = organizer(&mut tx, id, user).await?.is_some();
    if !mine {
        return Err(AppError::Forbidden);
    }
    let before = store::event(&mut tx, id, true).await?.ok_or(AppError::NotFound)?;
    check_input(&mut tx, &input).await?;
    let (held, _) = store::held(&mut tx, id).await?;
    if input.capacity < held {
        return Err(AppError::field("capacity", FieldError::OutOfRange));
    }
    store::update(&mut tx, id, &input, now()).await?;
    offer_freed(&mut tx, &state.config.site_url(), id, now()).await?;
    let out = store::event(&mut tx, id, true).await?.ok_or(AppError::NotFound)?;
    if (before.starts_at, &before.domains) != (out.starts_at, &out.domains) {
        tx.raise(Fact::EventMoved(id)).await?;
    }
    tx.commit().await?;
    Ok(out)
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn get(state: &AppState, user: Option<&SessionUser>, id: i64) -> AppResult<Event> {
    let mut db = state.db.acquire().await?;
    let access = match user {
        Some(u) => access(&mut db, id, u).await?.0,
        None => Access::None,
    };
    let mut event = store::event(&mut db, id, access >= Access::Manage).await?.ok_or(AppError::NotFound)?;
    if let Some(u) = user {
        event.staff_invitation = store::staff_invitation(&mut db, id, &u.email).await?;
    }
    // A draft is seen by those who run it, site admins and those invited to speak or to staff it.
    if !event.published && access < Access::Checkin && !user.is_some_and(|u| u.is_admin) {
        let invited = match user {
            Some(u) if u.email_verified => {
                event.staff_invitation.is_some() || crate::agenda::invited_to(&mut db, id, &u.email).await?
            }
            _ => false,
        };
        if !invited {
            return Err(AppError::NotFound);
        }
    }
    event.can_check_in = access >= Access::Checkin;
    Ok(event)
}

/// Publishes a draft: those who run it, once their organization is verified.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn publish(state: &AppState, user: &SessionUser, id: i64) -> AppResult<Event> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::Event, &[id]).await?;
    require_organizer(&mut tx, id, user).await?;
    let org = store::head(&mut tx, id).await?.ok_or(AppError::NotFound)?.org;
    let org = crate::orgs::get(&mut tx, org, false, None).await?.ok_or(AppError::NotFound)?;
    if !org.verified {
        return Err(AppError::Refused(ErrorCode::NotVerified));
    }
    store::publish(&mut tx, id, now()).await?;
    let out = store::event(&mut tx, id, true).await?.ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(out)
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn list(state: &AppState, user: Option<&SessionUser>, past: bool, q: Option<&str>) -> AppResult<Vec<Event>> {
    let mut db = state.db.acquire().await?;
    let orgs = match user {
        Some(u) => crate::orgs::ids_of(&mut db, u.id).await?,
        None => vec![],
    };
    let events = store::list(&mut db, now(), past, &orgs).await?;
    Ok(crate::search::keyword::filter(events, q, |e| {
        vec![
            (e.title_zh.as_str(), 3.0),
            (e.title_en.as_deref().unwrap_or_default(), 3.0),
            (e.description_zh.as_str(), 1.0),
            (e.description_en.as_deref().unwrap_or_default(), 1.0),
            (e.venue.as_deref().unwrap_or_default(), 0.5),
            (e.org_name_zh.as_str(), 0.5),
        ]
    }))
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn add_ticket_type(
    state: &AppState,
    user: &SessionUser,
    id: i64,
    t: TicketTypeInput,
) -> AppResult<TicketType> {
    t.check()?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::Event, &[id]).await?;
    require_organizer(&mut tx, id, user).await?;
    let tid = store::insert_ticket_type(&mut tx, id, &t).await?;
    offer_freed(&mut tx, &state.config.site_url(), id, now()).await?;
    let event = store::event(&mut tx, id, true).await?.ok_or(AppError::NotFound)?;
    tx.commit().await?;
    event.ticket_types.into_iter().find(|t| t.id == tid).ok_or(AppError::NotFound)
}

/// The event's registration questions (anyone who may see the event).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn questions(state: &AppState, user: Option<&SessionUser>, id: i64) -> AppResult<Vec<Question>> {
    get(state, user, id).await?;
    let mut db = state.db.acquire().await?;
    Ok(store::questions(&mut db, id).await?)
}

/// Adds a registration question (those who run the event); its ticket types must be the event's.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn add_question(state: &AppState, user: &SessionUser, id: i64, q: QuestionInput) -> AppResult<Vec<Question>> {
    q.check()?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::Event, &[id]).await?;
    require_organizer(&mut tx, id, user).await?;
    let types = store::ticket_types(&mut tx, id).await?;
    if q.ticket_types.iter().any(|t| !types.iter().any(|(x, _)| x == t)) {
        return Err(AppError::field("ticket_types", FieldError::Invalid));
    }
    if store::questions(&mut tx, id).await?.len() >= QUESTIONS_MAX {
        return Err(AppError::field("label_zh", FieldError::TooMany));
    }
    store::insert_question(&mut tx, id, &q).await?;
    let out = store::questions(&mut tx, id).await?;
    tx.commit().await?;
    Ok(out)
}

/// Removes a question with the answers given to it (those who run the event).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn delete_question(state: &AppState, user: &SessionUser, id: i64, question: i64) -> AppResult<Vec<Question>> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::Event, &[id]).await?;
    require_organizer(&mut tx, id, user).await?;
    if !store::delete_question(&mut tx, id, question).await? {
        return Err(AppError::NotFound);
    }
    let out = store::questions(&mut tx, id).await?;
    tx.commit().await?;
    Ok(out)
}

/// Sets the event's cover image (an image, checked by content; those who run the event).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn set_cover(state: &AppState, user: &SessionUser, id: i64, bytes: &[u8]) -> AppResult<Event> {
    {
        let mut db = state.db.acquire().await?;
        require_organizer(&mut db, id, user).await?;
    }
    if shared::engage::sniff_mime(bytes).is_none_or(|m| !m.starts_with("image/")) {
        return Err(AppError::Refused(ErrorCode::FileType));
    }
    let (mime, sha256) = crate::files::save(state, bytes).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::Event, &[id]).await?;
    store::set_cover(&mut tx, id, Some((&sha256, mime))).await?;
    let out = store::event(&mut tx, id, true).await?.ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(out)
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn remove_cover(state: &AppState, user: &SessionUser, id: i64) -> AppResult<Event> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::Event, &[id]).await?;
    require_organizer(&mut tx, id, user).await?;
    store::set_cover(&mut tx, id, None).await?;
    let out = store::event(&mut tx, id, true).await?.ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(out)
}

/// The cover image: `(mime, bytes)`.
/// The cover image of an event the caller may see.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn cover(state: &AppState, user: Option<&SessionUser>, id: i64) -> AppResult<(String, Vec<u8>)> {
    get(state, user, id).await?;
    let (sha256, mime) = {
        let mut db = state.db.acquire().await?;
        store::cover(&mut db, id).await?.ok_or(AppError::NotFound)?
    };
    Ok((mime, crate::files::read(state, &sha256).await?))
}
