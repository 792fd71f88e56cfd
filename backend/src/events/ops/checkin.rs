//! Tickets, badges and check-in at the door (scans resent by offline devices count once).

use super::*;

/// The tickets of a registration, one per person, while it is confirmed (its registrant and the
/// organizers); none otherwise.
#[tracing::instrument(level = "debug", skip_all)]
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

/// Every confirmed attendee's badge, by registration (those who run the event).
#[tracing::instrument(level = "debug", skip_all)]
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
#[tracing::instrument(level = "debug", skip_all)]
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
#[tracing::instrument(level = "debug", skip_all)]
pub async fn checkin(state: &AppState, user: &SessionUser, id: i64, input: CheckinInput) -> AppResult<CheckinResult> {
    let (ticket, sig) = input.check()?;
    let at = now();
    let mut tx = Write::begin(state).await?;
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
            let checkin = store::insert_checkin(&mut tx, &new).await?;
            tx.raise(Fact::CheckedIn(checkin)).await?;
            (CheckinOutcome::CheckedIn, Some(checkin), None)
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
#[tracing::instrument(level = "debug", skip_all)]
pub async fn undo_checkin(state: &AppState, user: &SessionUser, checkin: i64) -> AppResult<CheckinCounts> {
    let mut tx = Write::begin(state).await?;
    let event = store::standing_checkin(&mut tx, checkin).await?.ok_or(AppError::NotFound)?.event;
    crate::db::lock(&mut tx, Row::Event, &[event]).await?;
    let store::Checkin { event, standing } =
        store::standing_checkin(&mut tx, checkin).await?.ok_or(AppError::NotFound)?;
    if access(&mut tx, event, user).await?.0 < Access::Checkin {
        return Err(AppError::NotFound);
    }
    if !standing {
        return Err(AppError::invalid_transition());
    }
    store::undo_checkin(&mut tx, checkin, user.id, now()).await?;
    tx.raise(Fact::CheckinUndone(checkin)).await?;
    let counts = store::checkin_counts(&mut tx, event).await?;
    tx.commit().await?;
    Ok(counts)
}

/// Live counters for the door.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn checkin_counts(state: &AppState, user: &SessionUser, id: i64) -> AppResult<CheckinCounts> {
    let mut db = state.db.acquire().await?;
    if access(&mut db, id, user).await?.0 < Access::Checkin {
        return Err(AppError::Forbidden);
    }
    Ok(store::checkin_counts(&mut db, id).await?)
}
