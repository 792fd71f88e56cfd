//! Thin handlers for organizations, members, invitations and verification.

use crate::db::{Conn, Row};
use axum::extract::State;
use axum::http::StatusCode;
use shared::orgs::{
    Invitation, InvitationPreview, InviteRequest, Member, Org, OrgInput, OrgListQuery, OrgSummary, UpdateMemberRequest,
};
use shared::page::{Page, PageQuery};
use shared::{ApiError, ErrorCode};
use time::Duration;

use super::policy::{Standing, leaves_no_owner};
use super::store;
use crate::AppState;
use crate::accounts::session::{hash_token, new_token};
use crate::accounts::{AdminUser, CurrentUser, MaybeUser, SessionUser};
use crate::error::{AppError, AppResult};
use crate::http::extract::{Json, Path, Query};
use crate::taxonomy;

/// How long an invitation link stays valid.
const INVITATION_TTL: Duration = Duration::days(14);

async fn standing(db: &mut Conn, org_id: i64, user: Option<&SessionUser>) -> AppResult<Standing> {
    if !store::exists(db, org_id).await? {
        return Err(AppError::NotFound);
    }
    let role = match user {
        Some(u) => store::role_of(db, org_id, u.id).await?,
        None => None,
    };
    Ok(Standing { role, is_admin: user.is_some_and(|u| u.is_admin) })
}

/// The organization as `user` may see it.
async fn visible(db: &mut Conn, id: i64, user: Option<&SessionUser>) -> AppResult<Org> {
    let s = standing(db, id, user).await?;
    store::get(db, id, s.may_see_private(), s.role).await?.ok_or(AppError::NotFound)
}

fn current_year() -> i32 {
    crate::db::now().year()
}

/// The organization directory: public profiles, filtered and paginated.
#[utoipa::path(get, path = shared::paths::template::ORGS, tag = "orgs", params(OrgListQuery),
    responses((status = 200, body = Page<OrgSummary>), (status = 400, body = ApiError)))]
pub async fn list(State(state): State<AppState>, Query(q): Query<OrgListQuery>) -> AppResult<Json<Page<OrgSummary>>> {
    let (page, per_page, offset) = PageQuery { page: q.page, per_page: q.per_page }.resolve();
    let mut db = state.db.acquire().await?;
    let (items, total) = store::list(&mut db, &q, per_page, offset).await?;
    Ok(Json(Page { items, total, page, per_page }))
}

/// Create an organization; the creator becomes its owner.
#[utoipa::path(post, path = shared::paths::template::ORGS, tag = "orgs", request_body = OrgInput,
    responses((status = 201, body = Org), (status = 401, body = ApiError), (status = 422, body = ApiError)))]
pub async fn create(
    State(state): State<AppState>,
    current: CurrentUser,
    Json(input): Json<OrgInput>,
) -> AppResult<(StatusCode, Json<Org>)> {
    current.user.require_verified()?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    let tax = taxonomy::load(&mut tx).await?;
    let profile = input.parse(&tax, current_year())?;
    super::credit_code_free(&mut tx, &profile, None).await?;
    let id = store::insert(&mut tx, &profile, current.user.id).await?;
    tx.commit().await?;
    let mut db = state.db.acquire().await?;
    Ok((StatusCode::CREATED, Json(visible(&mut db, id, Some(&current.user)).await?)))
}

/// One organization's public profile; members and site admins also see contact details.
#[utoipa::path(get, path = shared::paths::template::ORG, tag = "orgs", params(("id" = i64, Path)),
    responses((status = 200, body = Org), (status = 404, body = ApiError)))]
pub async fn get(State(state): State<AppState>, user: MaybeUser, Path(id): Path<i64>) -> AppResult<Json<Org>> {
    let mut db = state.db.acquire().await?;
    Ok(Json(visible(&mut db, id, user.0.as_ref()).await?))
}

/// Edit the profile (owners only).
#[utoipa::path(put, path = shared::paths::template::ORG, tag = "orgs", params(("id" = i64, Path)), request_body = OrgInput,
    responses((status = 200, body = Org), (status = 401, body = ApiError), (status = 403, body = ApiError),
              (status = 404, body = ApiError), (status = 422, body = ApiError)))]
pub async fn update(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
    Json(input): Json<OrgInput>,
) -> AppResult<Json<Org>> {
    let mut tx = crate::facts::Write::begin(&state).await?;
    crate::db::lock(&mut tx, Row::Organization, &[id]).await?;
    if !standing(&mut tx, id, Some(&current.user)).await?.may_manage() {
        return Err(AppError::Forbidden);
    }
    let tax = taxonomy::load(&mut tx).await?;
    let profile = input.parse(&tax, current_year())?;
    super::credit_code_free(&mut tx, &profile, Some(id)).await?;
    store::update(&mut tx, id, &profile).await?;
    tx.raise(crate::facts::Fact::OrgChanged(id)).await?;
    tx.commit().await?;
    let mut db = state.db.acquire().await?;
    Ok(Json(visible(&mut db, id, Some(&current.user)).await?))
}

/// The member list (members and site admins).
#[utoipa::path(get, path = shared::paths::template::ORG_MEMBERS, tag = "orgs", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<Member>), (status = 401, body = ApiError), (status = 403, body = ApiError),
              (status = 404, body = ApiError)))]
pub async fn members(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<Vec<Member>>> {
    let mut db = state.db.acquire().await?;
    if !standing(&mut db, id, Some(&current.user)).await?.may_see_private() {
        return Err(AppError::Forbidden);
    }
    Ok(Json(store::members(&mut db, id).await?))
}

/// Invite someone by email (owners only). The answer carries the secret token once;
/// the invitee opens `/invitations/{token}` to accept.
#[utoipa::path(post, path = shared::paths::template::ORG_MEMBERS, tag = "orgs", params(("id" = i64, Path)), request_body = InviteRequest,
    responses((status = 201, body = Invitation), (status = 401, body = ApiError), (status = 403, body = ApiError),
              (status = 404, body = ApiError), (status = 409, description = "Already a member", body = ApiError),
              (status = 422, body = ApiError)))]
pub async fn invite(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
    Json(req): Json<InviteRequest>,
) -> AppResult<(StatusCode, Json<Invitation>)> {
    let email = req.parse()?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::Organization, &[id]).await?;
    if !standing(&mut tx, id, Some(&current.user)).await?.may_manage() {
        return Err(AppError::Forbidden);
    }
    if store::is_member_email(&mut tx, id, email.as_str()).await? {
        return Err(AppError::Refused(ErrorCode::AlreadyMember));
    }
    let (token, hash) = new_token();
    let expires = crate::db::now() + INVITATION_TTL;
    let mut inv =
        store::insert_invitation(&mut tx, id, email.as_str(), req.role, &hash, current.user.id, expires).await?;
    tx.commit().await?;
    inv.token = Some(token);
    Ok((StatusCode::CREATED, Json(inv)))
}

/// Change a member's role (owners only); the last owner cannot be demoted.
#[utoipa::path(put, path = shared::paths::template::ORG_MEMBER, tag = "orgs",
    params(("id" = i64, Path), ("user_id" = i64, Path)), request_body = UpdateMemberRequest,
    responses((status = 200, body = Vec<Member>), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 409, description = "Would leave no owner", body = ApiError)))]
pub async fn change_role(
    State(state): State<AppState>,
    current: CurrentUser,
    Path((id, user_id)): Path<(i64, i64)>,
    Json(req): Json<UpdateMemberRequest>,
) -> AppResult<Json<Vec<Member>>> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::Organization, &[id]).await?;
    if !standing(&mut tx, id, Some(&current.user)).await?.may_manage() {
        return Err(AppError::Forbidden);
    }
    let from = store::role_of(&mut tx, id, user_id).await?.ok_or(AppError::NotFound)?;
    if leaves_no_owner(store::owner_count(&mut tx, id).await?, from, Some(req.role)) {
        return Err(AppError::Refused(ErrorCode::LastOwner));
    }
    store::set_role(&mut tx, id, user_id, req.role).await?;
    let members = store::members(&mut tx, id).await?;
    tx.commit().await?;
    Ok(Json(members))
}

/// Remove a member (owners), or leave (any member removing themself); the last owner cannot go.
#[utoipa::path(delete, path = shared::paths::template::ORG_MEMBER, tag = "orgs",
    params(("id" = i64, Path), ("user_id" = i64, Path)),
    responses((status = 204, description = "Removed"), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 409, description = "Would leave no owner", body = ApiError)))]
pub async fn remove_member(
    State(state): State<AppState>,
    current: CurrentUser,
    Path((id, user_id)): Path<(i64, i64)>,
) -> AppResult<StatusCode> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::Organization, &[id]).await?;
    if !standing(&mut tx, id, Some(&current.user)).await?.may_remove(current.user.id, user_id) {
        return Err(AppError::Forbidden);
    }
    let from = store::role_of(&mut tx, id, user_id).await?.ok_or(AppError::NotFound)?;
    if leaves_no_owner(store::owner_count(&mut tx, id).await?, from, None) {
        return Err(AppError::Refused(ErrorCode::LastOwner));
    }
    store::remove_member(&mut tx, id, user_id).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Pending invitations (owners only).
#[utoipa::path(get, path = shared::paths::template::ORG_INVITATIONS, tag = "orgs", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<Invitation>), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn invitations(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Json<Vec<Invitation>>> {
    let mut db = state.db.acquire().await?;
    if !standing(&mut db, id, Some(&current.user)).await?.may_manage() {
        return Err(AppError::Forbidden);
    }
    Ok(Json(store::pending_invitations(&mut db, id, crate::db::now()).await?))
}

/// Revoke a pending invitation (owners only).
#[utoipa::path(delete, path = shared::paths::template::ORG_INVITATION, tag = "orgs",
    params(("id" = i64, Path), ("invitation_id" = i64, Path)),
    responses((status = 204, description = "Revoked"), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn revoke_invitation(
    State(state): State<AppState>,
    current: CurrentUser,
    Path((id, invitation_id)): Path<(i64, i64)>,
) -> AppResult<StatusCode> {
    let mut db = state.db.acquire().await?;
    if !standing(&mut db, id, Some(&current.user)).await?.may_manage() {
        return Err(AppError::Forbidden);
    }
    if store::revoke_invitation(&mut db, id, invitation_id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(AppError::NotFound)
    }
}

fn invitation_invalid() -> AppError {
    AppError::Refused(ErrorCode::InvitationInvalid)
}

/// What an invitation link offers, before accepting it.
#[utoipa::path(get, path = shared::paths::template::INVITATION, tag = "orgs", params(("token" = String, Path)),
    responses((status = 200, body = InvitationPreview), (status = 404, description = "Invalid, used or expired", body = ApiError)))]
pub async fn preview_invitation(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> AppResult<Json<InvitationPreview>> {
    let mut db = state.db.acquire().await?;
    let inv =
        store::open_invitation(&mut db, &hash_token(&token), crate::db::now()).await?.ok_or_else(invitation_invalid)?;
    let org = store::summary(&mut db, inv.org_id).await?.ok_or_else(invitation_invalid)?;
    Ok(Json(InvitationPreview { org, email: inv.email, role: inv.role, invited_by: inv.invited_by }))
}

/// Accept an invitation; the signed-in user's email must be the invited one.
#[utoipa::path(post, path = shared::paths::template::INVITATION_ACCEPT, tag = "orgs", params(("token" = String, Path)),
    responses((status = 200, body = Org), (status = 401, body = ApiError),
              (status = 403, description = "Signed in with another email", body = ApiError),
              (status = 404, description = "Invalid, used or expired", body = ApiError),
              (status = 409, description = "Already a member", body = ApiError)))]
pub async fn accept_invitation(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(token): Path<String>,
) -> AppResult<Json<Org>> {
    current.user.require_verified()?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    let inv =
        store::open_invitation(&mut tx, &hash_token(&token), crate::db::now()).await?.ok_or_else(invitation_invalid)?;
    crate::db::lock(&mut tx, Row::Organization, &[inv.org_id]).await?;
    let inv =
        store::open_invitation(&mut tx, &hash_token(&token), crate::db::now()).await?.ok_or_else(invitation_invalid)?;
    if inv.email != current.user.email {
        return Err(AppError::Refused(ErrorCode::InvitationEmailMismatch));
    }
    if store::role_of(&mut tx, inv.org_id, current.user.id).await?.is_some() {
        return Err(AppError::Refused(ErrorCode::AlreadyMember));
    }
    store::add_member(&mut tx, inv.org_id, current.user.id, inv.role).await?;
    store::mark_accepted(&mut tx, inv.id).await?;
    tx.commit().await?;
    let mut db = state.db.acquire().await?;
    Ok(Json(visible(&mut db, inv.org_id, Some(&current.user)).await?))
}

/// Mark an organization verified (site admins).
#[utoipa::path(post, path = shared::paths::template::ADMIN_ORG_VERIFY, tag = "admin", params(("id" = i64, Path)),
    responses((status = 200, body = Org), (status = 401, body = ApiError), (status = 403, body = ApiError),
              (status = 404, body = ApiError)))]
pub async fn verify(State(state): State<AppState>, admin: AdminUser, Path(id): Path<i64>) -> AppResult<Json<Org>> {
    set_verified(state, admin, id, true).await
}

/// Revoke an organization's verification (site admins).
#[utoipa::path(delete, path = shared::paths::template::ADMIN_ORG_VERIFY, tag = "admin", params(("id" = i64, Path)),
    responses((status = 200, body = Org), (status = 401, body = ApiError), (status = 403, body = ApiError),
              (status = 404, body = ApiError)))]
pub async fn unverify(State(state): State<AppState>, admin: AdminUser, Path(id): Path<i64>) -> AppResult<Json<Org>> {
    set_verified(state, admin, id, false).await
}

async fn set_verified(state: AppState, AdminUser(admin): AdminUser, id: i64, verified: bool) -> AppResult<Json<Org>> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::Organization, &[id]).await?;
    let before = store::get(&mut tx, id, false, None).await?.ok_or(AppError::NotFound)?.verified;
    if !store::set_verified(&mut tx, id, verified.then_some(admin.id)).await? {
        return Err(AppError::NotFound);
    }
    let action = if verified { "org.verify" } else { "org.unverify" };
    let (b, a) = (serde_json::json!({ "verified": before }), serde_json::json!({ "verified": verified }));
    crate::audit::record(&mut tx, Some(&admin), action, &format!("org:{id}"), b, a).await?;
    let out = visible(&mut tx, id, Some(&admin)).await?;
    tx.commit().await?;
    Ok(Json(out))
}
