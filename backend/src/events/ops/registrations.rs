//! Registrations and the waiting list: register, cancel and undo, offers, approval, the registrant table and bulk decisions. Every change that touches seats locks the event's row first.

use super::*;

/// Registers the caller (and their group) for a ticket type: confirmed or pending when the seats
/// are free, else on the waiting list — decided inside the write transaction.
#[tracing::instrument(level = "debug", skip_all)]
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
#[tracing::instrument(level = "debug", skip_all)]
pub async fn registrations(state: &AppState, user: &SessionUser, id: i64) -> AppResult<Vec<Registration>> {
    let mut db = state.db.acquire().await?;
    let runs = organizer(&mut db, id, user).await?.is_some();
    let list = store::registrations(&mut db, id, (!runs).then_some(user.id)).await?;
    with_answers(&mut db, id, list).await
}

/// The caller's own registrations for the event, whatever their role in it: what "my
/// registration" shows, for its organizers as for anyone else.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn my_registrations(state: &AppState, user: &SessionUser, id: i64) -> AppResult<Vec<Registration>> {
    get(state, Some(user), id).await?;
    let mut db = state.db.acquire().await?;
    let list = store::registrations(&mut db, id, Some(user.id)).await?;
    with_answers(&mut db, id, list).await
}

pub(super) async fn with_answers(
    db: &mut Conn,
    event: i64,
    mut list: Vec<Registration>,
) -> AppResult<Vec<Registration>> {
    let answers = store::answers(db, event, None).await?;
    for r in &mut list {
        r.answers = answers.iter().filter(|(reg, _)| *reg == r.id).map(|(_, a)| a.clone()).collect();
    }
    Ok(list)
}

/// Offers the seats free now to the waiting list, per ticket type, first entry that fits first.
/// Each offer is told to its registrant (notification centre and email) in the same transaction.
pub(super) async fn offer_freed(
    db: &mut Conn,
    public_url: &str,
    event: i64,
    at: OffsetDateTime,
) -> AppResult<Vec<i64>> {
    let capacity = store::head(db, event).await?.ok_or(AppError::NotFound)?.capacity;
    let mut offered = vec![];
    for (tid, t) in store::ticket_types(db, event).await? {
        let (overall, per) = store::held(db, event).await?;
        let by_type = per.iter().find(|(x, _)| *x == tid).map_or(0, |(_, n)| *n);
        let waiting: Vec<(i64, u32)> = store::waiting(db, event)
            .await?
            .into_iter()
            .filter(|w| w.ticket_type == tid)
            .map(|w| (w.registration, w.seats))
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
pub(super) async fn lock_event_of(tx: &mut Conn, id: i64) -> AppResult<()> {
    if let Some(event) = store::event_of_registration(tx, id).await? {
        crate::db::lock(tx, Row::Event, &[event]).await?;
    }
    Ok(())
}

/// The distinct events of `(registration, event)` pairs, in id order (to lock them).
pub(super) fn events_of(registrations: &[store::RegistrationAt]) -> Vec<i64> {
    let mut events: Vec<i64> = registrations.iter().map(|r| r.event_id).collect();
    events.sort_unstable();
    events.dedup();
    events
}

/// Loads a registration with its event and whether the caller made it / organizes the event.
pub(super) async fn reg_for(db: &mut Conn, id: i64, user: &SessionUser) -> AppResult<(Registration, bool, bool)> {
    let (owner, reg) = store::registration_by_id(db, id).await?.ok_or(AppError::NotFound)?;
    let organizer = organizer(db, reg.event_id, user).await?.is_some();
    let own = owner == user.id;
    if !own && !organizer && !user.is_admin {
        return Err(AppError::NotFound);
    }
    Ok((reg, own, organizer))
}

/// A registration its registrant or an organizer is about to change, its event locked.
pub(super) async fn own_or_organized(tx: &mut Conn, id: i64, user: &SessionUser) -> AppResult<Registration> {
    lock_event_of(tx, id).await?;
    let (reg, own, organizer) = reg_for(tx, id, user).await?;
    if !own && !organizer {
        return Err(AppError::Forbidden);
    }
    Ok(reg)
}

/// Seats free now for a new registration of the context's ticket type.
pub(super) fn free_now(ctx: &store::RegistrationContext) -> u32 {
    let seats = |n: i64| u32::try_from(n).unwrap_or(0);
    free_seats(seats(ctx.quota), seats(ctx.held_type), seats(ctx.capacity), seats(ctx.held_overall))
}

/// Cancels (the registrant or an organizer); freed seats are offered on at once.
#[tracing::instrument(level = "debug", skip_all)]
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
#[tracing::instrument(level = "debug", skip_all)]
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
#[tracing::instrument(level = "debug", skip_all)]
pub async fn release_all_of(db: &mut Conn, public_url: &str, user: i64, at: OffsetDateTime) -> AppResult<usize> {
    let live = store::live_registrations_of(db, user, at).await?;
    crate::db::lock(db, Row::Event, &events_of(&live)).await?;
    let live = store::live_registrations_of(db, user, at).await?;
    for r in &live {
        store::set_status(db, r.id, RegistrationStatus::Cancelled, None, at).await?;
    }
    for event in events_of(&live) {
        offer_freed(db, public_url, event, at).await?;
    }
    Ok(live.len())
}

/// The registrant takes an offered seat before the offer expires.
#[tracing::instrument(level = "debug", skip_all)]
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
#[tracing::instrument(level = "debug", skip_all)]
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
#[tracing::instrument(level = "debug", skip_all)]
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
#[tracing::instrument(level = "debug", skip_all)]
pub async fn expire_offers(state: &AppState) -> AppResult<Vec<i64>> {
    let at = now();
    let mut tx = crate::db::begin_write(&state.db).await?;
    let expired = store::expired_offers(&mut tx, at).await?;
    crate::db::lock(&mut tx, Row::Event, &events_of(&expired)).await?;
    let expired = store::expired_offers(&mut tx, at).await?;
    for r in &expired {
        store::set_status(&mut tx, r.id, RegistrationStatus::Cancelled, None, at).await?;
    }
    for e in events_of(&expired) {
        offer_freed(&mut tx, &state.config.site_url(), e, at).await?;
    }
    tx.commit().await?;
    Ok(expired.into_iter().map(|r| r.id).collect())
}

/// Approves or rejects several pending registrations at once (organizers), all or none: one that
/// is not pending (or not of this event) refuses the whole request.
#[tracing::instrument(level = "debug", skip_all)]
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
#[tracing::instrument(level = "debug", skip_all)]
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
