//! Event operations. Every registration change that touches seats runs in one `BEGIN IMMEDIATE`
//! transaction: the quota check, the insert or update, and offering freed seats to the waiting list,
//! so capacity is never exceeded whatever the concurrency.

use axum::http::StatusCode;
use shared::events::{
    Event, EventInput, OFFER_HOURS, Registration, RegistrationInput, RegistrationStatus, TicketType, TicketTypeInput,
    free_seats, offers, place,
};
use shared::orgs::OrgKind;
use shared::taxonomy::TermKind;
use shared::validate::FieldError;
use shared::{ErrorCode, Msg};
use sqlx::SqliteConnection;
use time::{Duration, OffsetDateTime};

use super::store;
use crate::AppState;
use crate::accounts::SessionUser;
use crate::db::now;
use crate::error::{AppError, AppResult};

fn conflict() -> AppError {
    AppError::Refused(StatusCode::CONFLICT, ErrorCode::InvalidTransition)
}

/// Whether `user` belongs to the organization that runs event `id` (404 when there is no such event).
async fn organizes(db: &mut SqliteConnection, id: i64, user: &SessionUser) -> AppResult<(bool, u32)> {
    let (org, capacity) = store::head(db, id).await?.ok_or(AppError::NotFound)?;
    Ok((crate::orgs::store::role_of(db, org, user.id).await?.is_some(), capacity))
}

async fn check_input(db: &mut SqliteConnection, input: &EventInput) -> AppResult<()> {
    input.check(now())?;
    let tax = crate::taxonomy::store::load(db).await?;
    for d in &input.domains {
        tax.require(TermKind::Domain, d).map_err(|e| AppError::field("domains", e))?;
    }
    Ok(())
}

pub async fn create(state: &AppState, user: &SessionUser, input: EventInput) -> AppResult<Event> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    check_input(&mut tx, &input).await?;
    let org = crate::orgs::store::get(&mut tx, input.org_id, false, None).await?.ok_or(AppError::NotFound)?;
    if crate::orgs::store::role_of(&mut tx, org.id, user.id).await?.is_none() {
        return Err(AppError::Forbidden);
    }
    if org.kind != OrgKind::Organizer {
        return Err(AppError::Refused(StatusCode::FORBIDDEN, ErrorCode::WrongOrgKind));
    }
    let id = store::insert(&mut tx, &input, user.id, now()).await?;
    let out = store::event(&mut tx, id, true).await?.ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(out)
}

pub async fn update(state: &AppState, user: &SessionUser, id: i64, input: EventInput) -> AppResult<Event> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    let (mine, _) = organizes(&mut tx, id, user).await?;
    if !mine {
        return Err(AppError::Forbidden);
    }
    check_input(&mut tx, &input).await?;
    let (held, _) = store::held(&mut tx, id).await?;
    if input.capacity < held {
        return Err(AppError::field("capacity", FieldError::OutOfRange));
    }
    store::update(&mut tx, id, &input, now()).await?;
    offer_freed(&mut tx, id, now()).await?;
    let out = store::event(&mut tx, id, true).await?.ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(out)
}

pub async fn get(state: &AppState, user: Option<&SessionUser>, id: i64) -> AppResult<Event> {
    let mut db = state.db.acquire().await?;
    let mine = match user {
        Some(u) => organizes(&mut db, id, u).await?.0,
        None => false,
    };
    store::event(&mut db, id, mine).await?.ok_or(AppError::NotFound)
}

pub async fn list(state: &AppState, user: Option<&SessionUser>, past: bool) -> AppResult<Vec<Event>> {
    let mut db = state.db.acquire().await?;
    let orgs = match user {
        Some(u) => crate::engage::store::orgs_of(&mut db, u.id).await?,
        None => vec![],
    };
    Ok(store::list(&mut db, now(), past, &orgs).await?)
}

pub async fn add_ticket_type(
    state: &AppState,
    user: &SessionUser,
    id: i64,
    t: TicketTypeInput,
) -> AppResult<TicketType> {
    t.check()?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    if !organizes(&mut tx, id, user).await?.0 {
        return Err(AppError::Forbidden);
    }
    let tid = store::insert_ticket_type(&mut tx, id, &t).await?;
    offer_freed(&mut tx, id, now()).await?;
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
    let (_, capacity) = organizes(&mut tx, id, user).await?;
    let event = store::event(&mut tx, id, false).await?.ok_or(AppError::NotFound)?;
    if event.ends_at < at {
        return Err(conflict());
    }
    let types = store::ticket_types(&mut tx, id).await?;
    let (_, ticket) = types
        .iter()
        .find(|(t, _)| *t == input.ticket_type)
        .ok_or(AppError::field("ticket_type", FieldError::Invalid))?;
    let (overall, per) = store::held(&mut tx, id).await?;
    let by_type = per.iter().find(|(t, _)| *t == input.ticket_type).map_or(0, |(_, n)| *n);
    // Nobody jumps the queue: with people waiting for this type, newcomers wait behind them.
    let queue = store::waiting(&mut tx, id).await?.iter().any(|(t, ..)| *t == input.ticket_type);
    let free = if queue { 0 } else { free_seats(ticket.quota, by_type, capacity, overall) };
    let status = place(people.len() as u32, free, ticket.approval);
    let new = store::NewRegistration {
        event: id,
        ticket_type: input.ticket_type,
        user: user.id,
        people: &people,
        status,
        now: at,
    };
    let rid = match store::insert_registration(&mut tx, &new).await {
        Err(e) if crate::db::is_unique_violation(&e) => return Err(AppError::Conflict(ErrorCode::Conflict)),
        other => other?,
    };
    if queue {
        // Behind a group too big for the seats left, a smaller newcomer may fit: offer in order.
        offer_freed(&mut tx, id, at).await?;
    }
    let (_, out) = store::registration_by_id(&mut tx, rid).await?.ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(out)
}

/// The organizers see every registration; others their own.
pub async fn registrations(state: &AppState, user: &SessionUser, id: i64) -> AppResult<Vec<Registration>> {
    let mut db = state.db.acquire().await?;
    let (mine, _) = organizes(&mut db, id, user).await?;
    Ok(store::registrations(&mut db, id, (!mine).then_some(user.id)).await?)
}

/// Offers the seats free now to the waiting list, per ticket type, first entry that fits first.
async fn offer_freed(db: &mut SqliteConnection, event: i64, at: OffsetDateTime) -> AppResult<Vec<i64>> {
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
        for id in offers(&waiting, free_seats(t.quota, by_type, capacity, overall)) {
            let expires = at + Duration::hours(i64::from(OFFER_HOURS));
            store::set_status(db, id, RegistrationStatus::Offered, Some(expires), at).await?;
            offered.push(id);
        }
    }
    Ok(offered)
}

/// Loads a registration with its event and whether the caller made it / organizes the event.
async fn reg_for(db: &mut SqliteConnection, id: i64, user: &SessionUser) -> AppResult<(Registration, bool, bool)> {
    let (owner, reg) = store::registration_by_id(db, id).await?.ok_or(AppError::NotFound)?;
    let (organizer, _) = organizes(db, reg.event_id, user).await?;
    let own = owner == user.id;
    if !own && !organizer && !user.is_admin {
        return Err(AppError::NotFound);
    }
    Ok((reg, own, organizer))
}

/// Cancels (the registrant or an organizer); freed seats are offered on at once.
pub async fn cancel(state: &AppState, user: &SessionUser, id: i64) -> AppResult<Registration> {
    let at = now();
    let mut tx = crate::db::begin_write(&state.db).await?;
    let (reg, own, organizer) = reg_for(&mut tx, id, user).await?;
    if !own && !organizer {
        return Err(AppError::Forbidden);
    }
    if matches!(reg.status, RegistrationStatus::Cancelled | RegistrationStatus::Rejected) {
        return Err(conflict());
    }
    store::set_status(&mut tx, id, RegistrationStatus::Cancelled, None, at).await?;
    offer_freed(&mut tx, reg.event_id, at).await?;
    let (_, out) = store::registration_by_id(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(out)
}

/// The registrant takes an offered seat before the offer expires.
pub async fn accept_offer(state: &AppState, user: &SessionUser, id: i64) -> AppResult<Registration> {
    let at = now();
    let mut tx = crate::db::begin_write(&state.db).await?;
    let (reg, own, _) = reg_for(&mut tx, id, user).await?;
    if !own {
        return Err(AppError::Forbidden);
    }
    if reg.status != RegistrationStatus::Offered || reg.offer_expires_at.is_some_and(|t| t <= at) {
        return Err(conflict());
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
    let (reg, _, organizer) = reg_for(&mut tx, id, user).await?;
    if !organizer {
        return Err(AppError::Forbidden);
    }
    if reg.status != RegistrationStatus::Pending {
        return Err(conflict());
    }
    let status = if approve { RegistrationStatus::Confirmed } else { RegistrationStatus::Rejected };
    store::set_status(&mut tx, id, status, None, at).await?;
    if !approve {
        offer_freed(&mut tx, reg.event_id, at).await?;
    }
    let (_, out) = store::registration_by_id(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(out)
}

/// Offers not taken in time pass on: the entry is cancelled and its seats offered to the next.
pub async fn expire_offers(state: &AppState) -> AppResult<Vec<i64>> {
    let at = now();
    let mut tx = crate::db::begin_write(&state.db).await?;
    let expired = store::expired_offers(&mut tx, at).await?;
    for (id, _) in &expired {
        store::set_status(&mut tx, *id, RegistrationStatus::Cancelled, None, at).await?;
    }
    let mut events: Vec<i64> = expired.iter().map(|(_, e)| *e).collect();
    events.sort_unstable();
    events.dedup();
    for e in events {
        offer_freed(&mut tx, e, at).await?;
    }
    tx.commit().await?;
    Ok(expired.into_iter().map(|(id, _)| id).collect())
}

/// One CSV field: quoted when it holds a comma, quote or line break (RFC 4180); a leading `=`, `+`,
/// `-` or `@` is prefixed with `'` so spreadsheets do not run it as a formula.
fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) { format!("'{s}") } else { s.to_owned() };
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s }
}

/// The attendee list as CSV (organizers only): one row per attendee, with the registrant, ticket
/// type and status; a UTF-8 byte-order mark so spreadsheet apps read the Chinese names.
pub async fn registrations_csv(state: &AppState, user: &SessionUser, id: i64) -> AppResult<String> {
    let mut db = state.db.acquire().await?;
    if !organizes(&mut db, id, user).await?.0 {
        return Err(AppError::Forbidden);
    }
    let types = store::ticket_types(&mut db, id).await?;
    let l = crate::http::locale::current_locale();
    let mut out = String::from("\u{feff}");
    let header = [
        Msg::CsvRegistration,
        Msg::CsvAttendee,
        Msg::CsvRegistrant,
        Msg::TicketName,
        Msg::CsvStatus,
        Msg::CsvRegisteredAt,
    ];
    out.push_str(&header.map(|m| csv_field(m.t(l))).join(","));
    out.push_str("\r\n");
    for r in store::registrations(&mut db, id, None).await? {
        let ticket =
            types.iter().find(|(t, _)| *t == r.ticket_type).map(|(_, t)| t.name_zh.clone()).unwrap_or_default();
        for person in &r.people {
            let row = [
                r.id.to_string(),
                person.clone(),
                r.user_name.clone(),
                ticket.clone(),
                r.status.msg().t(l).to_owned(),
                r.created_at.to_string(),
            ];
            out.push_str(&row.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(","));
            out.push_str("\r\n");
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn csv_fields_are_quoted_when_needed_and_never_formulas() {
        assert_eq!(csv_field("张明"), "张明");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
    }
}
