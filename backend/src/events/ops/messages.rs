//! Messages to registrants (previewed before they go) and invitation codes.

use super::*;

/// Sends a message to the registrants of the chosen ticket types and statuses, through the
/// notification centre and email (those who run the event); kept for the organizers to see.
/// Whom a message goes to (the registrants its filters and selection name) and what they read.
pub(super) async fn message_to(
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
#[tracing::instrument(level = "debug", skip_all)]
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

#[tracing::instrument(level = "debug", skip_all)]
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

#[tracing::instrument(level = "debug", skip_all)]
pub async fn messages(state: &AppState, user: &SessionUser, id: i64) -> AppResult<Vec<EventMessage>> {
    let mut db = state.db.acquire().await?;
    require_organizer(&mut db, id, user).await?;
    Ok(store::messages(&mut db, id).await?)
}

/// A fresh invitation code: 10 characters of an alphabet without look-alikes (I, O, 0, 1), from
/// the operating system's random source.
pub(super) fn invitation_code() -> String {
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut bytes = [0u8; 10];
    OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char).collect()
}

/// Creates an invitation code (those who run the event).
#[tracing::instrument(level = "debug", skip_all)]
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

#[tracing::instrument(level = "debug", skip_all)]
pub async fn invitations(state: &AppState, user: &SessionUser, id: i64) -> AppResult<Vec<Invitation>> {
    let mut db = state.db.acquire().await?;
    require_organizer(&mut db, id, user).await?;
    Ok(store::invitations(&mut db, id).await?)
}
