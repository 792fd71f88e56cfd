//! Sessions: a random 256-bit token in an HttpOnly cookie, only its SHA-256 in the database,
//! sliding expiry. The middleware resolves the session once per request, fixes the request's
//! language, and hands the user to the `CurrentUser` / `MaybeUser` / `AdminUser` extractors.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use axum::extract::{FromRequestParts, Request, State};
use axum::http::header::SET_COOKIE;
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;
use sha2::{Digest, Sha256};
use shared::Locale;
use time::{Duration, OffsetDateTime};

use super::store;
use crate::AppState;
use crate::error::AppError;
use crate::http::{cookie, locale};

/// How long a session lives without use.
pub const SESSION_TTL: Duration = Duration::days(30);
/// Renew the expiry at most this often, so reads do not write on every request.
pub const RENEW_AFTER: Duration = Duration::hours(1);

/// The signed-in user as every handler sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionUser {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub locale: Locale,
    pub is_admin: bool,
    /// The email address was confirmed through its link (see [`SessionUser::require_verified`]).
    pub email_verified: bool,
}

impl SessionUser {
    /// Refuses (403 `email_not_verified`) what an account may do only once its email is verified:
    /// create or join organizations, accept invitations, register for events that require it,
    /// send requests.
    pub fn require_verified(&self) -> Result<(), crate::error::AppError> {
        if self.email_verified {
            Ok(())
        } else {
            Err(crate::error::AppError::Refused(shared::ErrorCode::EmailNotVerified))
        }
    }
}

/// What the middleware learnt about the request's session.
#[derive(Debug, Clone, Default)]
pub struct SessionContext {
    pub user: Option<SessionUser>,
    pub token_hash: Option<String>,
}

/// A fresh token: (the value for the cookie, the hash for the database).
pub fn new_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    let token = hex(&bytes);
    let hash = hash_token(&token);
    (token, hash)
}

pub fn hash_token(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

use crate::common::hex;

/// Resolves the session cookie, renews it when due, and runs the rest of the request in the
/// user's language (else `Accept-Language`, else zh-CN).
pub async fn middleware(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let now = crate::db::now();
    let mut ctx = SessionContext::default();
    let mut renewed_cookie = None;
    if let Some(token) = cookie::session_token(req.headers()) {
        let hash = hash_token(&token);
        match resolve(&state, &hash, now).await {
            Ok(Some((user, renewed))) => {
                if renewed {
                    renewed_cookie =
                        Some(cookie::set_session(&token, SESSION_TTL.whole_seconds(), state.config.secure_cookies));
                }
                crate::http::trace::record_user(user.id);
                ctx = SessionContext { user: Some(user), token_hash: Some(hash) };
            }
            Ok(None) => {}
            Err(e) => tracing::error!(error = ?e, "resolving session"),
        }
    }
    let lang = ctx.user.as_ref().map(|u| u.locale).or_else(|| locale::from_headers(req.headers())).unwrap_or_default();
    req.extensions_mut().insert(ctx);
    let mut res = locale::scope(lang, next.run(req)).await;
    if let Some(c) = renewed_cookie
        && !res.headers().contains_key(SET_COOKIE)
    {
        res.headers_mut().append(SET_COOKIE, c);
    }
    res
}

async fn resolve(state: &AppState, hash: &str, now: OffsetDateTime) -> sqlx::Result<Option<(SessionUser, bool)>> {
    let mut db = state.db.acquire().await?;
    let Some((user, last_seen)) = store::session_user(&mut db, hash, now).await? else {
        return Ok(None);
    };
    let renew = now - last_seen >= RENEW_AFTER;
    if renew {
        store::renew_session(&mut db, hash, now, now + SESSION_TTL).await?;
    }
    Ok(Some((user, renew)))
}

fn context(parts: &Parts) -> SessionContext {
    parts.extensions.get::<SessionContext>().cloned().unwrap_or_default()
}

impl<S: Send + Sync> FromRequestParts<S> for SessionContext {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(context(parts))
    }
}

/// The signed-in user; 401 otherwise.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub user: SessionUser,
    pub token_hash: String,
}

impl<S: Send + Sync> FromRequestParts<S> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        match context(parts) {
            SessionContext { user: Some(user), token_hash: Some(token_hash) } => Ok(CurrentUser { user, token_hash }),
            _ => Err(AppError::Unauthenticated),
        }
    }
}

/// The signed-in user with their organizations and roles, as `/api/me` answers.
pub async fn me_of(state: &AppState, user: SessionUser) -> crate::error::AppResult<shared::accounts::Me> {
    let mut db = state.db.acquire().await?;
    let memberships = crate::orgs::memberships(&mut db, user.id).await?;
    Ok(shared::accounts::Me {
        id: user.id,
        email: user.email,
        display_name: user.display_name,
        locale: user.locale,
        is_admin: user.is_admin,
        email_verified: user.email_verified,
        memberships,
    })
}

/// The signed-in user, if any.
#[derive(Debug, Clone)]
pub struct MaybeUser(pub Option<SessionUser>);

impl<S: Send + Sync> FromRequestParts<S> for MaybeUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(MaybeUser(context(parts).user))
    }
}

/// A site administrator; 401 when not signed in, 403 for everyone else.
#[derive(Debug, Clone)]
pub struct AdminUser(pub SessionUser);

impl<S: Send + Sync> FromRequestParts<S> for AdminUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let CurrentUser { user, .. } = CurrentUser::from_request_parts(parts, state).await?;
        if user.is_admin { Ok(AdminUser(user)) } else { Err(AppError::Forbidden) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_256_bit_random_and_stored_only_as_hash() {
        let (a, ha) = new_token();
        let (b, _) = new_token();
        assert_eq!(a.len(), 64, "32 bytes hex-encoded");
        assert_ne!(a, b);
        assert_ne!(a, ha);
        assert_eq!(hash_token(&a), ha);
    }
}
