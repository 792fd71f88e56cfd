//! Site admins manage accounts: search, disable and enable, sign out everywhere. Every change is
//! in the audit log.

use axum::extract::State;
use axum::http::StatusCode;
use shared::accounts::{UserAdminView, UserQuery};
use shared::page::{Page, PageQuery};
use shared::{ApiError, ErrorCode};

use super::{AdminUser, SessionUser, store};
use crate::AppState;
use crate::error::{AppError, AppResult};
use crate::http::extract::{Json, Path, Query};

/// Users by email or name, newest first (site admins).
#[utoipa::path(get, path = shared::paths::template::ADMIN_USERS, tag = "admin", params(UserQuery),
    responses((status = 200, body = Page<UserAdminView>), (status = 401, body = ApiError), (status = 403, body = ApiError)))]
pub async fn list(
    State(state): State<AppState>,
    _admin: AdminUser,
    Query(q): Query<UserQuery>,
) -> AppResult<Json<Page<UserAdminView>>> {
    let (page, per_page, offset) = PageQuery { page: q.page, per_page: q.per_page }.resolve();
    let mut db = state.db.acquire().await?;
    let words = q.q.as_deref().map(str::trim).filter(|w| !w.is_empty());
    let (items, total) = store::admin_users(&mut db, words, per_page, offset).await?;
    let items = with_org_counts(&mut db, items).await?;
    Ok(Json(Page { items, total, page, per_page }))
}

/// The users with how many organizations each is in.
async fn with_org_counts(db: &mut crate::db::Conn, mut users: Vec<UserAdminView>) -> sqlx::Result<Vec<UserAdminView>> {
    let ids: Vec<i64> = users.iter().map(|u| u.id).collect();
    let counts = crate::orgs::counts_of(db, &ids).await?;
    for u in &mut users {
        u.orgs = counts.get(&u.id).map_or(0, |n| u32::try_from(*n).unwrap_or(0));
    }
    Ok(users)
}

/// One user as [`list`] shows them.
async fn one(db: &mut crate::db::Conn, id: i64) -> AppResult<UserAdminView> {
    let user = store::admin_user(db, id).await?.ok_or(AppError::NotFound)?;
    with_org_counts(db, vec![user]).await?.pop().ok_or(AppError::NotFound)
}

#[derive(Clone, Copy)]
enum Change {
    Disable,
    Enable,
    ResetSessions,
}

async fn change(state: &AppState, admin: &SessionUser, id: i64, change: Change) -> AppResult<UserAdminView> {
    if id == admin.id && !matches!(change, Change::ResetSessions) {
        // An admin cannot lock themselves out.
        return Err(AppError::Refused(ErrorCode::InvalidTransition));
    }
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, crate::db::Row::User, &[id]).await?;
    let before = one(&mut tx, id).await?;
    if before.deleted && matches!(change, Change::Enable) {
        // A deleted account stays deleted: it has no name, email or password left to use.
        return Err(AppError::Refused(ErrorCode::InvalidTransition));
    }
    let action = match change {
        Change::Disable => {
            store::set_disabled(&mut tx, id, Some(crate::db::now())).await?;
            store::delete_sessions(&mut tx, id).await?;
            "user.disable"
        }
        Change::Enable => {
            store::set_disabled(&mut tx, id, None).await?;
            "user.enable"
        }
        Change::ResetSessions => {
            store::delete_sessions(&mut tx, id).await?;
            "user.sessions_reset"
        }
    };
    let after = one(&mut tx, id).await?;
    let facts = |u: &UserAdminView| serde_json::json!({ "disabled": u.disabled, "sessions": u.sessions });
    crate::audit::record(&mut tx, Some(admin), action, &format!("user:{id}"), facts(&before), facts(&after)).await?;
    tx.commit().await?;
    Ok(after)
}

/// Disable an account: it cannot sign in and its sessions end (site admins; not oneself).
#[utoipa::path(post, path = shared::paths::template::ADMIN_USER_DISABLE, tag = "admin", params(("id" = i64, Path)),
    responses((status = 200, body = UserAdminView), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 409, body = ApiError)))]
pub async fn disable(
    State(state): State<AppState>,
    admin: AdminUser,
    Path(id): Path<i64>,
) -> AppResult<Json<UserAdminView>> {
    Ok(Json(change(&state, &admin.0, id, Change::Disable).await?))
}

/// Enable a disabled account again (site admins).
#[utoipa::path(post, path = shared::paths::template::ADMIN_USER_ENABLE, tag = "admin", params(("id" = i64, Path)),
    responses((status = 200, body = UserAdminView), (status = 403, body = ApiError), (status = 404, body = ApiError),
              (status = 409, body = ApiError)))]
pub async fn enable(
    State(state): State<AppState>,
    admin: AdminUser,
    Path(id): Path<i64>,
) -> AppResult<Json<UserAdminView>> {
    Ok(Json(change(&state, &admin.0, id, Change::Enable).await?))
}

/// End every session of a user, e.g. after a lost device (site admins).
#[utoipa::path(post, path = shared::paths::template::ADMIN_USER_SESSIONS_RESET, tag = "admin", params(("id" = i64, Path)),
    responses((status = 200, body = UserAdminView), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn reset_sessions(
    State(state): State<AppState>,
    admin: AdminUser,
    Path(id): Path<i64>,
) -> AppResult<(StatusCode, Json<UserAdminView>)> {
    Ok((StatusCode::OK, Json(change(&state, &admin.0, id, Change::ResetSessions).await?)))
}
