//! Door staff and co-organizers: invitations, answers, removal.

use super::*;

/// The co-organizers (those who run the event see them).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn staff(state: &AppState, user: &SessionUser, id: i64) -> AppResult<Vec<Staff>> {
    let mut db = state.db.acquire().await?;
    require_organizer(&mut db, id, user).await?;
    Ok(store::staff(&mut db, id).await?)
}

/// The organizing organization's members invite someone by email as manager or check-in staff
/// (or change the role of someone on the staff): the person joins the staff by accepting. The answer
/// is the same whether or not the address has an account; only verified organizations invite.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn put_staff(state: &AppState, user: &SessionUser, id: i64, input: StaffInput) -> AppResult<Vec<Staff>> {
    let email = shared::validate::Email::parse(&input.email).map_err(|e| AppError::field("email", e))?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::Event, &[id]).await?;
    if access(&mut tx, id, user).await?.0 != Access::Own {
        return Err(AppError::Forbidden);
    }
    let org = store::head(&mut tx, id).await?.ok_or(AppError::NotFound)?.org;
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
#[tracing::instrument(level = "debug", skip_all)]
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
#[tracing::instrument(level = "debug", skip_all)]
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

#[tracing::instrument(level = "debug", skip_all)]
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
