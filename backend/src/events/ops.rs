//! Event operations. Every registration change that touches seats runs in one write transaction
//! that first locks the event's row (on SQLite the whole database is locked already): the quota
//! check, the insert or update, and offering freed seats to the waiting list, so capacity is never
//! exceeded whatever the concurrency, across instances too.

use crate::db::{Conn, Row};
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
    let (org, capacity) = store::head(db, id).await?.ok_or(AppError::NotFound)?;
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
pub async fn organizer(db: &mut Conn, id: i64, user: &SessionUser) -> AppResult<Option<Organizer>> {
    let (access, _) = access(db, id, user).await?;
    Ok((access >= Access::Manage).then_some(Organizer { event: id }))
}

/// [`organizer`], or 403 for anyone who does not run the event.
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

pub async fn create(state: &AppState, user: &SessionUser, input: EventInput) -> AppResult<Event> {
    let mut tx = crate::db::begin_write(&state.db).await?;
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
    let out = store::event(&mut tx, id, true).await?.ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(out)
}

pub async fn update(state: &AppState, user: &SessionUser, id: i64, input: EventInput) -> AppResult<Event> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::Event, &[id]).await?;
    let mine = organizer(&mut tx, id, user).await?.is_some();
    if !mine {
        return Err(AppError::Forbidden);
    }
    check_input(&mut tx, &input).await?;
    let (held, _) = store::held(&mut tx, id).await?;
    if input.capacity < held {
        return Err(AppError::field("capacity", FieldError::OutOfRange));
    }
    store::update(&mut tx, id, &input, now()).await?;
    offer_freed(&mut tx, &state.config.site_url(), id, now()).await?;
    let out = store::event(&mut tx, id, true).await?.ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(out)
}

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
pub async fn publish(state: &AppState, user: &SessionUser, id: i64) -> AppResult<Event> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::Event, &[id]).await?;
    require_organizer(&mut tx, id, user).await?;
    let (org, _) = store::head(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let org = crate::orgs::get(&mut tx, org, false, None).await?.ok_or(AppError::NotFound)?;
    if !org.verified {
        return Err(AppError::Refused(ErrorCode::NotVerified));
    }
    store::publish(&mut tx, id, now()).await?;
    let out = store::event(&mut tx, id, true).await?.ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(out)
}

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

/// Registers the caller (and their group) for a ticket type: confirmed or pending when the seats
/// are free, else on the waiting list — decided inside the write transaction.
pub async fn register(
    state: &AppState,
    user: &SessionUser,
    id: i64,
    input: RegistrationInput,
) -> AppResult<Registration> {
    let people = input.check()?;
    let at = now();
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::Event, &[id]).await?;
    let ctx = match store::registration_context(&mut tx, id, input.ticket_type).await? {
        Some(ctx) => ctx,
        None if store::head(&mut tx, id).await?.is_none() => return Err(AppError::NotFound),
        None => return Err(AppError::field("ticket_type", FieldError::Invalid)),
    };
    if !ctx.published {
        return Err(AppError::NotFound);
    }
    if ctx.verified_email_required {
        user.require_verified()?;
    }
    if let Some(org) = input.org_id
        && crate::orgs::role_of(&mut tx, org, user.id).await?.is_none()
    {
        return Err(AppError::field("org_id", FieldError::Invalid));
    }
    match window(ctx.registration_opens_at, ctx.registration_closes_at, ctx.ends_at, at) {
        Window::Open => {}
        Window::NotYet => return Err(AppError::Refused(ErrorCode::RegistrationNotOpen)),
        Window::Closed => return Err(AppError::Refused(ErrorCode::RegistrationClosed)),
    }
    let answers = check_answers(&store::questions(&mut tx, id).await?, input.ticket_type, &input.answers)?;
    if ctx.invitation_only {
        match input.invitation_code.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
            None => return Err(AppError::field("invitation_code", FieldError::Required)),
            Some(code) if !store::use_invitation(&mut tx, id, code).await? => {
                return Err(AppError::field("invitation_code", FieldError::Invalid));
            }
            Some(_) => {}
        }
    }
    let free = free_now(&ctx);
    // Nobody jumps the queue: with people waiting for this type, newcomers wait behind them.
    let status = place(people.len() as u32, if ctx.queue { 0 } else { free }, ctx.approval);
    let new = store::NewRegistration {
        event: id,
        ticket_type: input.ticket_type,
        user: user.id,
        org: input.org_id,
        people: &people,
        status,
        now: at,
    };
    let rid = match store::insert_registration(&mut tx, &new).await {
        Err(e) if crate::db::is_unique_violation(&e) => return Err(AppError::Refused(ErrorCode::Conflict)),
        other => other?,
    };
    store::insert_answers(&mut tx, rid, &answers).await?;
    if ctx.queue && free > 0 {
        // Behind a group too big for the seats left, a smaller newcomer may fit: offer in order.
        offer_freed(&mut tx, &state.config.site_url(), id, at).await?;
    }
    let (_, mut out) = store::registration_by_id(&mut tx, rid).await?.ok_or(AppError::NotFound)?;
    out.answers = answers;
    tx.commit().await?;
    Ok(out)
}

/// The organizers see every registration; others their own; each with its answers.
pub async fn registrations(state: &AppState, user: &SessionUser, id: i64) -> AppResult<Vec<Registration>> {
    let mut db = state.db.acquire().await?;
    let runs = organizer(&mut db, id, user).await?.is_some();
    let list = store::registrations(&mut db, id, (!runs).then_some(user.id)).await?;
    with_answers(&mut db, id, list).await
}

/// The caller's own registrations for the event, whatever their role in it: what "my
/// registration" shows, for its organizers as for anyone else.
pub async fn my_registrations(state: &AppState, user: &SessionUser, id: i64) -> AppResult<Vec<Registration>> {
    get(state, Some(user), id).await?;
    let mut db = state.db.acquire().await?;
    let list = store::registrations(&mut db, id, Some(user.id)).await?;
    with_answers(&mut db, id, list).await
}

async fn with_answers(db: &mut Conn, event: i64, mut list: Vec<Registration>) -> AppResult<Vec<Registration>> {
    let answers = store::answers(db, event, None).await?;
    for r in &mut list {
        r.answers = answers.iter().filter(|(reg, _)| *reg == r.id).map(|(_, a)| a.clone()).collect();
    }
    Ok(list)
}

/// The event's registration questions (anyone who may see the event).
pub async fn questions(state: &AppState, user: Option<&SessionUser>, id: i64) -> AppResult<Vec<Question>> {
    get(state, user, id).await?;
    let mut db = state.db.acquire().await?;
    Ok(store::questions(&mut db, id).await?)
}

/// Adds a registration question (those who run the event); its ticket types must be the event's.
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

/// Offers the seats free now to the waiting list, per ticket type, first entry that fits first.
/// Each offer is told to its registrant (notification centre and email) in the same transaction.
async fn offer_freed(db: &mut Conn, public_url: &str, event: i64, at: OffsetDateTime) -> AppResult<Vec<i64>> {
    let (_, capacity) = store::head(db, event).await?.ok_or(AppError::NotFound)?;
    let mut offered = vec![];
    for (tid, t) in store::ticket_types(db, event).await? {
        let (overall, per) = store::held(db, event).await?;
        let by_type = per.iter().find(|(x, _)| *x == tid).map_or(0, |(_, n)| *n);
        let waiting: Vec<(i64, u32)> = store::waiting(db, event)
            .await?
            .into_iter()
            .filter(|(x, ..)| *x == tid)
            .map(|(_, id, s)| (id, s))
            .collect();
        let offered_now = offers(&waiting, free_seats(t.quota, by_type, capacity, overall));
        if !offered_now.is_empty() {
            store::end_undo(db, event, tid).await?;
        }
        for id in offered_now {
            let expires = at + Duration::hours(i64::from(OFFER_HOURS));
            store::set_status(db, id, RegistrationStatus::Offered, Some(expires), at).await?;
            offered.push(id);
            let (Some(user), Some((zh, en))) = (store::registrant(db, id).await?, store::titles(db, event).await?)
            else {
                continue;
            };
            let to: Vec<_> = crate::notify::recipient(db, user).await?.into_iter().collect();
            let note =
                Note::new(NotificationKind::SeatOffered, format!("/events/{event}")).name("title", &zh, en.as_deref());
            crate::notify::ops::emit(db, public_url, &to, None, &note).await?;
        }
    }
    Ok(offered)
}

/// Locks the event of registration `id` (a write transaction about to change it; nothing when
/// there is no such registration).
async fn lock_event_of(tx: &mut Conn, id: i64) -> AppResult<()> {
    if let Some(event) = store::event_of_registration(tx, id).await? {
        crate::db::lock(tx, Row::Event, &[event]).await?;
    }
    Ok(())
}

/// The distinct events of `(registration, event)` pairs, in id order (to lock them).
fn events_of(pairs: &[(i64, i64)]) -> Vec<i64> {
    let mut events: Vec<i64> = pairs.iter().map(|(_, e)| *e).collect();
    events.sort_unstable();
    events.dedup();
    events
}

/// Loads a registration with its event and whether the caller made it / organizes the event.
async fn reg_for(db: &mut Conn, id: i64, user: &SessionUser) -> AppResult<(Registration, bool, bool)> {
    let (owner, reg) = store::registration_by_id(db, id).await?.ok_or(AppError::NotFound)?;
    let organizer = organizer(db, reg.event_id, user).await?.is_some();
    let own = owner == user.id;
    if !own && !organizer && !user.is_admin {
        return Err(AppError::NotFound);
    }
    Ok((reg, own, organizer))
}

/// A registration its registrant or an organizer is about to change, its event locked.
async fn own_or_organized(tx: &mut Conn, id: i64, user: &SessionUser) -> AppResult<Registration> {
    lock_event_of(tx, id).await?;
    let (reg, own, organizer) = reg_for(tx, id, user).await?;
    if !own && !organizer {
        return Err(AppError::Forbidden);
    }
    Ok(reg)
}

/// Seats free now for a new registration of the context's ticket type.
fn free_now(ctx: &store::RegistrationContext) -> u32 {
    let seats = |n: i64| u32::try_from(n).unwrap_or(0);
    free_seats(seats(ctx.quota), seats(ctx.held_type), seats(ctx.capacity), seats(ctx.held_overall))
}

/// Cancels (the registrant or an organizer); freed seats are offered on at once.
pub async fn cancel(state: &AppState, user: &SessionUser, id: i64) -> AppResult<Registration> {
    let at = now();
    let mut tx = crate::db::begin_write(&state.db).await?;
    let reg = own_or_organized(&mut tx, id, user).await?;
    match reg.status {
        RegistrationStatus::Cancelled | RegistrationStatus::Rejected => return Err(AppError::invalid_transition()),
        // An offer not taken is not kept: undoing its cancellation would jump the queue.
        RegistrationStatus::Offered => store::set_status(&mut tx, id, RegistrationStatus::Cancelled, None, at).await?,
        from => store::cancel(&mut tx, id, from, at).await?,
    }
    offer_freed(&mut tx, &state.config.site_url(), reg.event_id, at).await?;
    let (_, out) = store::registration_by_id(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(out)
}

/// Takes a cancellation back (whoever could cancel it), within `UNDO_MINUTES` and while its seats
/// have not been offered to the waiting list: the registration is what it was before.
pub async fn undo_cancel(state: &AppState, user: &SessionUser, id: i64) -> AppResult<Registration> {
    let at = now();
    let mut tx = crate::db::begin_write(&state.db).await?;
    let reg = own_or_organized(&mut tx, id, user).await?;
    let undo = match (&reg.status, reg.undo) {
        (RegistrationStatus::Cancelled, Some(undo)) if undo.until > at => undo,
        _ => return Err(AppError::Refused(ErrorCode::UndoUnavailable)),
    };
    let ctx = store::registration_context(&mut tx, reg.event_id, reg.ticket_type).await?.ok_or(AppError::NotFound)?;
    if ctx.ends_at <= at {
        return Err(AppError::Refused(ErrorCode::UndoUnavailable));
    }
    if undo.to != RegistrationStatus::Waitlisted {
        // The seats must still be free (nobody was offered them, no newcomer took them).
        if free_now(&ctx) < reg.people.len() as u32 {
            return Err(AppError::Refused(ErrorCode::UndoUnavailable));
        }
    }
    match store::set_status(&mut tx, id, undo.to, None, at).await {
        // The registrant registered again meanwhile: one live registration per event.
        Err(e) if crate::db::is_unique_violation(&e) => {
            return Err(AppError::Refused(ErrorCode::UndoUnavailable));
        }
        other => other?,
    }
    offer_freed(&mut tx, &state.config.site_url(), reg.event_id, at).await?;
    let (_, out) = store::registration_by_id(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(out)
}

/// Cancels every registration the user holds for events not yet over (their account is being
/// deleted), offering the freed seats to each event's waiting list, inside the caller's transaction.
pub async fn release_all_of(db: &mut Conn, public_url: &str, user: i64, at: OffsetDateTime) -> AppResult<usize> {
    let live = store::live_registrations_of(db, user, at).await?;
    crate::db::lock(db, Row::Event, &events_of(&live)).await?;
    let live = store::live_registrations_of(db, user, at).await?;
    for (id, _) in &live {
        store::set_status(db, *id, RegistrationStatus::Cancelled, None, at).await?;
    }
    for event in events_of(&live) {
        offer_freed(db, public_url, event, at).await?;
    }
    Ok(live.len())
}

/// The registrant takes an offered seat before the offer expires.
pub async fn accept_offer(state: &AppState, user: &SessionUser, id: i64) -> AppResult<Registration> {
    let at = now();
    let mut tx = crate::db::begin_write(&state.db).await?;
    lock_event_of(&mut tx, id).await?;
    let (reg, own, _) = reg_for(&mut tx, id, user).await?;
    if !own {
        return Err(AppError::Forbidden);
    }
    if reg.status != RegistrationStatus::Offered || reg.offer_expires_at.is_some_and(|t| t <= at) {
        return Err(AppError::invalid_transition());
    }
    let approval = store::ticket_types(&mut tx, reg.event_id)
        .await?
        .into_iter()
        .find(|(t, _)| *t == reg.ticket_type)
        .is_some_and(|(_, t)| t.approval);
    let status = if approval { RegistrationStatus::Pending } else { RegistrationStatus::Confirmed };
    store::set_status(&mut tx, id, status, None, at).await?;
    let (_, out) = store::registration_by_id(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(out)
}

/// An organizer approves or rejects a pending registration; a rejection frees its seats.
pub async fn decide(state: &AppState, user: &SessionUser, id: i64, approve: bool) -> AppResult<Registration> {
    let at = now();
    let mut tx = crate::db::begin_write(&state.db).await?;
    lock_event_of(&mut tx, id).await?;
    let (reg, _, organizer) = reg_for(&mut tx, id, user).await?;
    if !organizer {
        return Err(AppError::Forbidden);
    }
    if reg.status != RegistrationStatus::Pending {
        return Err(AppError::invalid_transition());
    }
    let status = if approve { RegistrationStatus::Confirmed } else { RegistrationStatus::Rejected };
    store::set_status(&mut tx, id, status, None, at).await?;
    if !approve {
        offer_freed(&mut tx, &state.config.site_url(), reg.event_id, at).await?;
    }
    let (_, out) = store::registration_by_id(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(out)
}

/// An organizer moves a waiting entry to the head of its waiting list, so the next freed seats
/// are offered to it first (at once, when they are free now). Capacity and quotas still hold.
pub async fn promote(state: &AppState, user: &SessionUser, id: i64) -> AppResult<Registration> {
    let at = now();
    let mut tx = crate::db::begin_write(&state.db).await?;
    lock_event_of(&mut tx, id).await?;
    let (reg, _, organizer) = reg_for(&mut tx, id, user).await?;
    if !organizer {
        return Err(AppError::Forbidden);
    }
    if reg.status != RegistrationStatus::Waitlisted {
        return Err(AppError::invalid_transition());
    }
    store::promote(&mut tx, id, at).await?;
    offer_freed(&mut tx, &state.config.site_url(), reg.event_id, at).await?;
    let (_, out) = store::registration_by_id(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(out)
}

/// Offers not taken in time pass on: the entry is cancelled and its seats offered to the next.
pub async fn expire_offers(state: &AppState) -> AppResult<Vec<i64>> {
    let at = now();
    let mut tx = crate::db::begin_write(&state.db).await?;
    let expired = store::expired_offers(&mut tx, at).await?;
    crate::db::lock(&mut tx, Row::Event, &events_of(&expired)).await?;
    let expired = store::expired_offers(&mut tx, at).await?;
    for (id, _) in &expired {
        store::set_status(&mut tx, *id, RegistrationStatus::Cancelled, None, at).await?;
    }
    for e in events_of(&expired) {
        offer_freed(&mut tx, &state.config.site_url(), e, at).await?;
    }
    tx.commit().await?;
    Ok(expired.into_iter().map(|(id, _)| id).collect())
}

/// The co-organizers (those who run the event see them).
pub async fn staff(state: &AppState, user: &SessionUser, id: i64) -> AppResult<Vec<Staff>> {
    let mut db = state.db.acquire().await?;
    require_organizer(&mut db, id, user).await?;
    Ok(store::staff(&mut db, id).await?)
}

/// The organizing organization's members invite someone by email as manager or check-in staff
/// (or change the role of someone on the staff): the person joins the staff by accepting. The answer
/// is the same whether or not the address has an account; only verified organizations invite.
pub async fn put_staff(state: &AppState, user: &SessionUser, id: i64, input: StaffInput) -> AppResult<Vec<Staff>> {
    let email = shared::validate::Email::parse(&input.email).map_err(|e| AppError::field("email", e))?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::Event, &[id]).await?;
    if access(&mut tx, id, user).await?.0 != Access::Own {
        return Err(AppError::Forbidden);
    }
    let (org, _) = store::head(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    if !crate::orgs::get(&mut tx, org, false, None).await?.is_some_and(|o| o.verified) {
        return Err(AppError::Refused(ErrorCode::NotVerified));
    }
    let at = now();
    let current = store::staff(&mut tx, id).await?;
    match current.iter().find(|s| s.accepted && s.email == email.as_str()).and_then(|s| s.user_id) {
        Some(member) => store::put_staff(&mut tx, id, member, input.role, user.id, at).await?,
        None => {
            store::invite_staff(&mut tx, id, email.as_str(), input.role, user.id, at).await?;
            let e = store::event(&mut tx, id, true).await?.ok_or(AppError::NotFound)?;
            let note = Note::new(NotificationKind::StaffInvitation, format!("/events/{id}"))
                .name("title", &e.title_zh, e.title_en.as_deref())
                .name("org", &e.org_name_zh, e.org_name_en.as_deref());
            crate::notify::ops::to_address(&mut tx, &state.config.site_url(), email.as_str(), user, &note).await?;
        }
    }
    let out = store::staff(&mut tx, id).await?;
    tx.commit().await?;
    Ok(out)
}

/// Withdraws an invitation to the staff not answered yet (the organizing organization's members).
pub async fn withdraw_staff_invitation(
    state: &AppState,
    user: &SessionUser,
    id: i64,
    email: &str,
) -> AppResult<Vec<Staff>> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::Event, &[id]).await?;
    if access(&mut tx, id, user).await?.0 != Access::Own {
        return Err(AppError::Forbidden);
    }
    if !store::drop_staff_invitation(&mut tx, id, email.trim()).await? {
        return Err(AppError::NotFound);
    }
    let out = store::staff(&mut tx, id).await?;
    tx.commit().await?;
    Ok(out)
}

/// The invited caller (by their verified address) joins the event's staff in the role offered, or
/// declines.
pub async fn answer_staff(state: &AppState, user: &SessionUser, id: i64, accept: bool) -> AppResult<Event> {
    user.require_verified()?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::Event, &[id]).await?;
    let role = store::staff_invitation(&mut tx, id, &user.email).await?.ok_or(AppError::NotFound)?;
    store::drop_staff_invitation(&mut tx, id, &user.email).await?;
    if accept {
        store::put_staff(&mut tx, id, user.id, role, user.id, now()).await?;
    }
    tx.commit().await?;
    get(state, Some(user), id).await
}

pub async fn remove_staff(state: &AppState, user: &SessionUser, id: i64, member: i64) -> AppResult<Vec<Staff>> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::Event, &[id]).await?;
    if access(&mut tx, id, user).await?.0 != Access::Own {
        return Err(AppError::Forbidden);
    }
    if !store::remove_staff(&mut tx, id, member).await? {
        return Err(AppError::NotFound);
    }
    let out = store::staff(&mut tx, id).await?;
    tx.commit().await?;
    Ok(out)
}

/// The tickets of a registration, one per person, while it is confirmed (its registrant and the
/// organizers); none otherwise.
pub async fn tickets(state: &AppState, user: &SessionUser, registration: i64) -> AppResult<Vec<Ticket>> {
    let mut db = state.db.acquire().await?;
    let (reg, own, organizer) = reg_for(&mut db, registration, user).await?;
    if !own && !organizer {
        return Err(AppError::NotFound);
    }
    if reg.status != RegistrationStatus::Confirmed {
        return Ok(vec![]);
    }
    let key = tickets::key(&mut db).await?;
    let seen = store::checked_in_at(&mut db, registration).await?;
    Ok(reg
        .people
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let person = i as u32;
            Ticket {
                registration_id: registration,
                person,
                name: name.clone(),
                code: tickets::code(&key, TicketRef { registration, person }),
                checked_in_at: seen.iter().find(|(p, _)| *p == person).map(|(_, at)| *at),
            }
        })
        .collect())
}

/// Sets the event's cover image (an image, checked by content; those who run the event).
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
pub async fn cover(state: &AppState, user: Option<&SessionUser>, id: i64) -> AppResult<(String, Vec<u8>)> {
    get(state, user, id).await?;
    let (sha256, mime) = {
        let mut db = state.db.acquire().await?;
        store::cover(&mut db, id).await?.ok_or(AppError::NotFound)?
    };
    Ok((mime, crate::files::read(state, &sha256).await?))
}

/// Every confirmed attendee's badge, by registration (those who run the event).
pub async fn badges(state: &AppState, user: &SessionUser, id: i64) -> AppResult<Vec<Badge>> {
    let mut db = state.db.acquire().await?;
    require_organizer(&mut db, id, user).await?;
    let key = tickets::key(&mut db).await?;
    let types = store::ticket_types(&mut db, id).await?;
    let mut out = vec![];
    for r in store::registrations(&mut db, id, None).await? {
        if r.status != RegistrationStatus::Confirmed {
            continue;
        }
        let ticket = types.iter().find(|(t, _)| *t == r.ticket_type).map(|(_, t)| t);
        for (i, name) in r.people.iter().enumerate() {
            out.push(Badge {
                name: name.clone(),
                org_name: r.org_name.clone(),
                ticket_zh: ticket.map(|t| t.name_zh.clone()).unwrap_or_default(),
                ticket_en: ticket.and_then(|t| t.name_en.clone()),
                code: tickets::code(&key, TicketRef { registration: r.id, person: i as u32 }),
            });
        }
    }
    Ok(out)
}

/// The QR image of a ticket code as SVG, for a genuine code only.
pub async fn ticket_qr(state: &AppState, code: &str) -> AppResult<String> {
    let (t, sig) = shared::events::parse_ticket_code(code).ok_or(AppError::NotFound)?;
    let mut db = state.db.acquire().await?;
    let key = tickets::key(&mut db).await?;
    if !tickets::verify(&key, t, &sig) {
        return Err(AppError::NotFound);
    }
    let qr = qrcode::QrCode::with_error_correction_level(tickets::code(&key, t), qrcode::EcLevel::M)
        .map_err(|_| AppError::NotFound)?;
    Ok(qr.render::<qrcode::render::svg::Color>().min_dimensions(240, 240).quiet_zone(true).build())
}

/// One scan at the door, in one write transaction: a resent scan (same device and nonce) gets the
/// answer of its first sending; a genuine ticket of a confirmed registration is checked in once, a
/// second scan warns with the time of the first, anything else is refused with its status.
pub async fn checkin(state: &AppState, user: &SessionUser, id: i64, input: CheckinInput) -> AppResult<CheckinResult> {
    let (ticket, sig) = input.check()?;
    let at = now();
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::Event, &[id]).await?;
    if access(&mut tx, id, user).await?.0 < Access::Checkin {
        return Err(AppError::Forbidden);
    }
    let invalid = || AppError::field("code", FieldError::Invalid);
    let key = tickets::key(&mut tx).await?;
    if !tickets::verify(&key, ticket, &sig) {
        return Err(invalid());
    }
    let mut attendee = match store::attendee(&mut tx, ticket).await? {
        Some((event, a)) if event == id => a,
        _ => return Err(invalid()),
    };
    attendee.answers =
        store::answers(&mut tx, id, Some(ticket.registration)).await?.into_iter().map(|(_, a)| a).collect();
    let (outcome, checkin_id, first_at) = if let Some(first) =
        store::scan(&mut tx, id, &input.device, &input.nonce).await?
    {
        // A resent scan: the same answer, for the same ticket only.
        if first.ticket != ticket {
            return Err(AppError::Refused(ErrorCode::ScanReused));
        }
        let first_at = (first.outcome == CheckinOutcome::Already).then_some(first.checkin_at).flatten();
        (first.outcome, first.checkin, first_at)
    } else {
        let (outcome, checkin, first_at) = if !may_enter(attendee.status) {
            (CheckinOutcome::Refused, None, None)
        } else if let Some((cid, first)) = store::live_checkin(&mut tx, ticket).await? {
            (CheckinOutcome::Already, Some(cid), Some(first))
        } else {
            let new =
                store::NewCheckin { event: id, ticket, device: &input.device, nonce: &input.nonce, by: user.id, at };
            (CheckinOutcome::CheckedIn, Some(store::insert_checkin(&mut tx, &new).await?), None)
        };
        let scan = store::Scan { ticket, outcome, checkin, checkin_at: None };
        store::insert_scan(&mut tx, id, &input.device, &input.nonce, &scan, at).await?;
        (outcome, checkin, first_at)
    };
    let counts = store::checkin_counts(&mut tx, id).await?;
    tx.commit().await?;
    Ok(CheckinResult { outcome, checkin_id, first_at, attendee, counts })
}

/// Undoes a standing check-in (door staff of its event).
pub async fn undo_checkin(state: &AppState, user: &SessionUser, checkin: i64) -> AppResult<CheckinCounts> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    let (event, ..) = store::standing_checkin(&mut tx, checkin).await?.ok_or(AppError::NotFound)?;
    crate::db::lock(&mut tx, Row::Event, &[event]).await?;
    let (event, _, standing) = store::standing_checkin(&mut tx, checkin).await?.ok_or(AppError::NotFound)?;
    if access(&mut tx, event, user).await?.0 < Access::Checkin {
        return Err(AppError::NotFound);
    }
    if !standing {
        return Err(AppError::invalid_transition());
    }
    store::undo_checkin(&mut tx, checkin, user.id, now()).await?;
    let counts = store::checkin_counts(&mut tx, event).await?;
    tx.commit().await?;
    Ok(counts)
}

/// Live counters for the door.
pub async fn checkin_counts(state: &AppState, user: &SessionUser, id: i64) -> AppResult<CheckinCounts> {
    let mut db = state.db.acquire().await?;
    if access(&mut db, id, user).await?.0 < Access::Checkin {
        return Err(AppError::Forbidden);
    }
    Ok(store::checkin_counts(&mut db, id).await?)
}

/// Sends a message to the registrants of the chosen ticket types and statuses, through the
/// notification centre and email (those who run the event); kept for the organizers to see.
/// Whom a message goes to (the registrants its filters and selection name) and what they read.
async fn message_to(
    db: &mut Conn,
    id: i64,
    input: &EventMessageInput,
) -> AppResult<(Vec<crate::notify::Recipient>, Note)> {
    let types = store::ticket_types(db, id).await?;
    if input.ticket_types.iter().any(|t| !types.iter().any(|(x, _)| x == t)) {
        return Err(AppError::field("ticket_types", FieldError::Invalid));
    }
    let users = store::registrants(db, id, &input.ticket_types, &input.statuses(), &input.registrations).await?;
    let (zh, en) = store::titles(db, id).await?.ok_or(AppError::NotFound)?;
    let mut to = vec![];
    for u in &users {
        to.extend(crate::notify::recipient(db, *u).await?);
    }
    let note = Note::new(NotificationKind::EventMessage, format!("/events/{id}"))
        .name("title", &zh, en.as_deref())
        .param("message", input.text.trim());
    Ok((to, note))
}

/// What a message would do, before sending it: how many it reaches, the first names, and the
/// email as the outbox would send it in each language (organizers).
pub async fn preview_message(
    state: &AppState,
    user: &SessionUser,
    id: i64,
    input: EventMessageInput,
) -> AppResult<MessagePreview> {
    input.check()?;
    let mut db = state.db.acquire().await?;
    require_organizer(&mut db, id, user).await?;
    let (to, note) = message_to(&mut db, id, &input).await?;
    let mut names = vec![];
    for (user, ..) in to.iter().take(5) {
        names.extend(crate::accounts::display_name(&mut db, *user).await?.filter(|n| !n.is_empty()));
    }
    let site = state.config.site_url();
    let (subject_zh, body_zh) = crate::notify::ops::email_text(&site, &note, shared::Locale::ZhCn);
    let (subject_en, body_en) = crate::notify::ops::email_text(&site, &note, shared::Locale::En);
    Ok(MessagePreview { recipients: to.len() as u32, names, subject_zh, body_zh, subject_en, body_en })
}

/// Approves or rejects several pending registrations at once (organizers), all or none: one that
/// is not pending (or not of this event) refuses the whole request.
pub async fn bulk(state: &AppState, user: &SessionUser, id: i64, req: BulkRequest) -> AppResult<Vec<Registration>> {
    req.check()?;
    let at = now();
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::Event, &[id]).await?;
    require_organizer(&mut tx, id, user).await?;
    let mut ids = req.ids.clone();
    ids.sort_unstable();
    ids.dedup();
    let found = store::statuses_in(&mut tx, id, &ids).await?;
    if found.len() != ids.len() {
        return Err(AppError::field("ids", FieldError::Invalid));
    }
    if found.iter().any(|(_, s)| *s != RegistrationStatus::Pending) {
        return Err(AppError::invalid_transition());
    }
    let to = match req.action {
        BulkAction::Approve => RegistrationStatus::Confirmed,
        BulkAction::Reject => RegistrationStatus::Rejected,
    };
    for rid in &ids {
        store::set_status(&mut tx, *rid, to, None, at).await?;
    }
    if req.action == BulkAction::Reject {
        offer_freed(&mut tx, &state.config.site_url(), id, at).await?;
    }
    let mut out = vec![];
    for rid in &ids {
        out.extend(store::registration_by_id(&mut tx, *rid).await?.map(|(_, r)| r));
    }
    tx.commit().await?;
    Ok(out)
}

/// The organizers' registrant table: searched, filtered by status and ticket type, sorted, paged.
pub async fn registrants(
    state: &AppState,
    user: &SessionUser,
    id: i64,
    q: RegistrantQuery,
) -> AppResult<Page<Registrant>> {
    let mut db = state.db.acquire().await?;
    require_organizer(&mut db, id, user).await?;
    let (page, per_page, offset) = PageQuery { page: q.page, per_page: q.per_page }.resolve();
    let (items, total) = store::registrants_page(&mut db, id, &q, per_page, offset).await?;
    Ok(Page { items, total, page, per_page })
}

pub async fn send_message(
    state: &AppState,
    user: &SessionUser,
    id: i64,
    input: EventMessageInput,
) -> AppResult<EventMessage> {
    input.check()?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::Event, &[id]).await?;
    require_organizer(&mut tx, id, user).await?;
    let types = store::ticket_types(&mut tx, id).await?;
    if input.ticket_types.iter().any(|t| !types.iter().any(|(x, _)| x == t)) {
        return Err(AppError::field("ticket_types", FieldError::Invalid));
    }
    let (to, note) = message_to(&mut tx, id, &input).await?;
    let text = input.text.trim();
    crate::notify::ops::emit(&mut tx, &state.config.site_url(), &to, None, &note).await?;
    let mid = store::insert_message(&mut tx, id, user.id, text, to.len() as u32, now()).await?;
    let out = store::messages(&mut tx, id).await?.into_iter().find(|m| m.id == mid).ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(out)
}

pub async fn messages(state: &AppState, user: &SessionUser, id: i64) -> AppResult<Vec<EventMessage>> {
    let mut db = state.db.acquire().await?;
    require_organizer(&mut db, id, user).await?;
    Ok(store::messages(&mut db, id).await?)
}

/// A fresh invitation code: 10 characters of an alphabet without look-alikes (I, O, 0, 1), from
/// the operating system's random source.
fn invitation_code() -> String {
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut bytes = [0u8; 10];
    OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char).collect()
}

/// Creates an invitation code (those who run the event).
pub async fn add_invitation(
    state: &AppState,
    user: &SessionUser,
    id: i64,
    input: InvitationInput,
) -> AppResult<Vec<Invitation>> {
    input.check()?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::Event, &[id]).await?;
    require_organizer(&mut tx, id, user).await?;
    store::insert_invitation(&mut tx, id, &invitation_code(), &input, user.id, now()).await?;
    let out = store::invitations(&mut tx, id).await?;
    tx.commit().await?;
    Ok(out)
}

pub async fn invitations(state: &AppState, user: &SessionUser, id: i64) -> AppResult<Vec<Invitation>> {
    let mut db = state.db.acquire().await?;
    require_organizer(&mut db, id, user).await?;
    Ok(store::invitations(&mut db, id).await?)
}

/// The attendee list, one row per person, for the organizers' exports: the header and the rows.
async fn attendee_rows(db: &mut Conn, id: i64, only: Option<&[i64]>) -> AppResult<(Vec<String>, Vec<Vec<String>>)> {
    let l = crate::http::locale::current_locale();
    let types = store::ticket_types(db, id).await?;
    let seen = store::checkins_of(db, id).await?;
    let header = [
        Msg::CsvRegistration,
        Msg::CsvAttendee,
        Msg::CsvRegistrant,
        Msg::TicketName,
        Msg::CsvStatus,
        Msg::CsvRegisteredAt,
        Msg::CheckinOrg,
        Msg::CheckinFirstAt,
    ]
    .map(|m| m.t(l).to_owned())
    .to_vec();
    let questions = store::questions(db, id).await?;
    let answers = store::answers(db, id, None).await?;
    let mut header = header;
    header.extend(questions.iter().map(|q| match l {
        shared::Locale::En => q.label_en.clone().unwrap_or_else(|| q.label_zh.clone()),
        shared::Locale::ZhCn => q.label_zh.clone(),
    }));
    let mut rows = vec![];
    for r in store::registrations(db, id, None).await?.into_iter().filter(|r| only.is_none_or(|o| o.contains(&r.id))) {
        let answered: Vec<String> = questions
            .iter()
            .map(|q| {
                answers
                    .iter()
                    .find(|(reg, a)| *reg == r.id && a.question == q.id)
                    .map(|(_, a)| q.answer_text(&a.value, l))
                    .unwrap_or_default()
            })
            .collect();
        let ticket =
            types.iter().find(|(t, _)| *t == r.ticket_type).map(|(_, t)| t.name_zh.clone()).unwrap_or_default();
        for (i, person) in r.people.iter().enumerate() {
            let checked_in = seen.iter().find(|(reg, p, _)| *reg == r.id && *p == i as u32).map(|(.., at)| *at);
            let mut row = vec![
                r.id.to_string(),
                person.clone(),
                r.user_name.clone(),
                ticket.clone(),
                r.status.msg().t(l).to_owned(),
                crate::common::china::minute(r.created_at),
                r.org_name.clone().unwrap_or_default(),
                checked_in.map(crate::common::china::minute).unwrap_or_default(),
            ];
            row.extend(answered.iter().cloned());
            rows.push(row);
        }
    }
    Ok((header, rows))
}

/// The attendee list as CSV (organizers only): one row per attendee, with the registrant, ticket
/// type, status and check-in; a UTF-8 byte-order mark so spreadsheet apps read the Chinese names.
pub async fn registrations_csv(
    state: &AppState,
    user: &SessionUser,
    id: i64,
    selection: shared::events::ExportSelection,
) -> AppResult<String> {
    let only = selection.ids()?;
    let mut db = state.db.acquire().await?;
    require_organizer(&mut db, id, user).await?;
    let (header, rows) = attendee_rows(&mut db, id, only.as_deref()).await?;
    let mut out = String::from("\u{feff}");
    for row in std::iter::once(&header).chain(&rows) {
        out.push_str(&row.iter().map(|f| crate::xlsx::csv_field(f)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    Ok(out)
}

/// The organizers' figures: by status, ticket type, organization kind, domain and district, per
/// day, and the check-in rate.
pub async fn report(state: &AppState, user: &SessionUser, id: i64) -> AppResult<EventReport> {
    let mut db = state.db.acquire().await?;
    require_organizer(&mut db, id, user).await?;
    report_of(&mut db, id).await
}

async fn report_of(db: &mut Conn, id: i64) -> AppResult<EventReport> {
    let china = shared::CHINA;
    Ok(EventReport {
        by_status: store::people_by_status(db, id).await?,
        by_ticket_type: store::people_by_ticket_type(db, id).await?,
        by_org_kind: store::people_by_org(db, id, store::OrgColumn::Kind).await?,
        by_domain: store::people_by_domain(db, id).await?,
        by_district: store::people_by_org(db, id, store::OrgColumn::District).await?,
        by_day: per_day(&store::registered_at(db, id).await?, china),
        checkin: store::checkin_counts(db, id).await?,
    })
}

/// The attendee list and the figures as an Excel workbook (organizers only): sheet one lists every
/// attendee, sheet two the breakdowns with labels in the caller's language.
pub async fn registrations_xlsx(state: &AppState, user: &SessionUser, id: i64) -> AppResult<Vec<u8>> {
    let mut db = state.db.acquire().await?;
    require_organizer(&mut db, id, user).await?;
    let l = crate::http::locale::current_locale();
    let (header, rows) = attendee_rows(&mut db, id, None).await?;
    let report = report_of(&mut db, id).await?;
    let tax = crate::taxonomy::load(&mut db).await?;
    let types = store::ticket_types(&mut db, id).await?;
    let mut figures: Vec<Vec<Cell>> = vec![];
    let mut section = |title: Msg, list: &[CountRow], label: &dyn Fn(&str) -> String| {
        for row in list {
            figures.push(vec![title.t(l).into(), label(&row.key).into(), row.people.into()]);
        }
    };
    let none = Msg::ReportNone.t(l);
    section(Msg::CsvStatus, &report.by_status, &|k| {
        RegistrationStatus::parse(k).map_or(k.to_owned(), |s| s.msg().t(l).to_owned())
    });
    section(Msg::TicketName, &report.by_ticket_type, &|k| {
        types.iter().find(|(t, _)| t.to_string() == k).map_or(k.to_owned(), |(_, t)| t.name_zh.clone())
    });
    section(Msg::OrgKind, &report.by_org_kind, &|k| {
        OrgKind::parse(k).map_or(none.to_owned(), |o| o.msg().t(l).to_owned())
    });
    section(Msg::OrgDomains, &report.by_domain, &|k| tax.label(TermKind::Domain, k, l).to_owned());
    section(Msg::OrgDistrict, &report.by_district, &|k| {
        if k.is_empty() { none.to_owned() } else { tax.label(TermKind::District, k, l).to_owned() }
    });
    section(Msg::ReportPerDay, &report.by_day, &|k| k.to_owned());
    let c = report.checkin;
    figures.push(vec![
        Msg::ReportCheckinRate.t(l).into(),
        format!("{} / {}", c.checked_in, c.expected).into(),
        c.rate_percent().into(),
    ]);
    let sheets = [
        Sheet {
            name: Msg::RegistrationsTitle.t(l).to_owned(),
            header,
            rows: rows.into_iter().map(|r| r.into_iter().map(Cell::Text).collect()).collect(),
        },
        Sheet {
            name: Msg::ReportTitle.t(l).to_owned(),
            header: [Msg::ReportSection, Msg::ReportItem, Msg::ReportPeople].map(|m| m.t(l).to_owned()).to_vec(),
            rows: figures,
        },
    ];
    crate::xlsx::workbook(&sheets).map_err(|e| AppError::Internal(anyhow::anyhow!("writing the workbook: {e}")))
}
