//! Thin handlers: extract, call the store, respond.

use axum::extract::State;
use axum::http::header::SET_COOKIE;
use axum::http::{HeaderMap, StatusCode};
use shared::accounts::{
    ChangePasswordRequest, DeleteAccountRequest, LoginRequest, Me, RegisterRequest, ResendVerification, SessionState,
    UpdateMeRequest, VerifyEmailRequest,
};
use shared::validate::FieldError;
use shared::{ApiError, ErrorCode};

use super::session::{self, CurrentUser, MaybeUser, SESSION_TTL};
use super::{password, store, throttle, verify};
use crate::AppState;
use crate::db::is_unique_violation;
use crate::error::{AppError, AppResult};
use crate::facts::{Erasing, Fact, Write};
use crate::http::client::ClientAddr;
use crate::http::cookie;
use crate::http::extract::Json;
use crate::http::locale::current_locale;

/// Starts a session for `user_id` and returns the `Set-Cookie` header for it.
async fn start_session(state: &AppState, user_id: i64) -> AppResult<HeaderMap> {
    let (token, hash) = session::new_token();
    let mut db = state.db.acquire().await?;
    store::insert_session(&mut db, &hash, user_id, crate::db::now() + SESSION_TTL).await?;
    let mut headers = HeaderMap::new();
    headers.insert(SET_COOKIE, cookie::set_session(&token, SESSION_TTL.whole_seconds(), state.config.secure_cookies));
    Ok(headers)
}

/// Create an account and sign in; a link to verify the email address is sent to it (the account
/// may browse and edit its profile until it is followed).
#[utoipa::path(post, path = shared::paths::template::AUTH_REGISTER, tag = "accounts", request_body = RegisterRequest,
    responses(
        (status = 201, description = "Registered and signed in; sets the session cookie", body = Me),
        (status = 409, description = "Email already registered", body = ApiError),
        (status = 422, description = "Invalid fields", body = ApiError)))]
pub async fn register(
    State(state): State<AppState>,
    Json(req): Json<RegisterRequest>,
) -> AppResult<(StatusCode, HeaderMap, Json<Me>)> {
    let account = req.parse()?;
    let hash = password::hash(account.password.expose().to_owned()).await?;
    let locale = account.locale.unwrap_or_else(current_locale);
    let email = account.email.as_str();
    let new = store::NewUser {
        email,
        password_hash: &hash,
        display_name: &account.display_name,
        locale,
        is_admin: false,
        email_verified: false,
    };
    let mut tx = Write::begin(&state).await?;
    // An account that never proved the address before its link expired does not hold it: whoever
    // registers it now (and proves it) takes it, the old one is erased.
    let cutoff = crate::db::now() - time::Duration::hours(shared::accounts::VERIFICATION_HOURS);
    if let Some(stale) = store::stale_unverified(&mut tx, email, cutoff).await? {
        crate::db::lock(&mut tx, crate::db::Row::User, &[stale]).await?;
        let erasing = Erasing { user: stale, email: email.to_owned(), at: crate::db::now() };
        tx.raise(Fact::UserErasing(erasing)).await?;
    }
    let id = store::insert_user(&mut tx, &new).await.map_err(|e| {
        if is_unique_violation(&e) { AppError::Refused(shared::ErrorCode::EmailTaken) } else { e.into() }
    })?;
    verify::send(&mut tx, &state, id, email, locale, account.next.as_deref()).await?;
    let user = store::find_user(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    tx.commit().await?;
    let headers = start_session(&state, id).await?;
    Ok((StatusCode::CREATED, headers, Json(session::me_of(&state, user).await?)))
}

/// Sign in with email and password. Five failures for one email from one address within 15
/// minutes make that address wait (others, the owner's included, are not locked out); thirty
/// failures from one address over all emails make it wait too.
#[utoipa::path(post, path = shared::paths::template::AUTH_LOGIN, tag = "accounts", request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in; sets the session cookie", body = Me),
        (status = 401, description = "Wrong email or password", body = ApiError),
        (status = 429, description = "Too many failures; see Retry-After", body = ApiError)))]
pub async fn login(
    State(state): State<AppState>,
    client: ClientAddr,
    Json(req): Json<LoginRequest>,
) -> AppResult<(HeaderMap, Json<Me>)> {
    let (email, pass) = req.parse()?;
    let now = crate::db::now();
    let client = throttle::client_key(client.0);
    // Counting the attempts and taking this one's slot is one step: however many arrive at once,
    // no more are checked than the window allows.
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock_key(&mut tx, crate::db::Key::Login).await?;
    let attempts = store::attempts_from(&mut tx, &client, email.as_str(), now - throttle::WINDOW).await?;
    if let Some(retry_after_secs) = throttle::retry_after(&attempts, now) {
        return Err(AppError::TooManyRequests { retry_after_secs });
    }
    let slot = store::reserve_attempt(&mut tx, email.as_str(), &client, now).await?;
    let creds = store::credentials(&mut tx, email.as_str()).await?;
    tx.commit().await?;
    let (user_id, stored) = creds.map_or((None, None), |(id, h)| (Some(id), Some(h)));
    let ok = password::verify(stored, pass).await?;
    let (true, Some(user_id)) = (ok, user_id) else {
        // The slot stays taken: it is this failure.
        let mut tx = crate::db::begin_write(&state.db).await?;
        let after = serde_json::json!({ "known_account": user_id.is_some() });
        let target = format!("email:{}", email.as_str());
        crate::audit::record(&mut tx, None, "account.login_failed", &target, serde_json::Value::Null, after).await?;
        tx.commit().await?;
        return Err(AppError::InvalidCredentials);
    };
    let mut db = state.db.acquire().await?;
    store::release_attempt(&mut db, slot).await?;
    if store::is_disabled(&mut db, user_id).await? {
        return Err(AppError::Refused(ErrorCode::AccountDisabled));
    }
    let user = store::find_user(&mut db, user_id).await?.ok_or(AppError::InvalidCredentials)?;
    drop(db);
    let headers = start_session(&state, user_id).await?;
    Ok((headers, Json(session::me_of(&state, user).await?)))
}

/// Confirm an email address with the token of the link sent to it (signed in or not).
#[utoipa::path(post, path = shared::paths::template::AUTH_VERIFY_EMAIL, tag = "accounts", request_body = VerifyEmailRequest,
    responses(
        (status = 204, description = "The address is verified"),
        (status = 400, description = "Unknown, used or expired link", body = ApiError)))]
pub async fn verify_email(State(state): State<AppState>, Json(req): Json<VerifyEmailRequest>) -> AppResult<StatusCode> {
    verify::confirm(&state, &req.token).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Send the verification link again (at most once a minute and five times a day).
#[utoipa::path(post, path = shared::paths::template::ME_VERIFICATION, tag = "accounts", request_body = ResendVerification,
    responses(
        (status = 204, description = "Sent"),
        (status = 401, body = ApiError),
        (status = 409, description = "Already verified", body = ApiError),
        (status = 429, description = "Sent too recently or too often; see Retry-After", body = ApiError)))]
pub async fn resend_verification(
    State(state): State<AppState>,
    current: CurrentUser,
    Json(req): Json<ResendVerification>,
) -> AppResult<StatusCode> {
    verify::resend(&state, &current.user, req.next.as_deref()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Sign out: the session is deleted on the server and the cookie cleared.
#[utoipa::path(post, path = shared::paths::template::AUTH_LOGOUT, tag = "accounts",
    responses((status = 204, description = "Signed out (also when there was no session)")))]
pub async fn logout(
    State(state): State<AppState>,
    session: session::SessionContext,
) -> AppResult<(StatusCode, HeaderMap)> {
    if let Some(hash) = &session.token_hash {
        let mut db = state.db.acquire().await?;
        store::delete_session(&mut db, hash).await?;
    }
    let mut headers = HeaderMap::new();
    headers.insert(SET_COOKIE, cookie::clear_session(state.config.secure_cookies));
    Ok((StatusCode::NO_CONTENT, headers))
}

/// Who is browsing: the signed-in user with their organizations and roles, or `user: null` for a
/// visitor (a page asks this on every load; being signed out is not an error).
#[utoipa::path(get, path = shared::paths::template::AUTH_SESSION, tag = "accounts", responses((status = 200, body = SessionState)))]
pub async fn session_state(State(state): State<AppState>, user: MaybeUser) -> AppResult<Json<SessionState>> {
    let user = match user.0 {
        Some(u) => Some(session::me_of(&state, u).await?),
        None => None,
    };
    Ok(Json(SessionState { user }))
}

/// The signed-in user with their organizations and roles.
#[utoipa::path(get, path = shared::paths::template::ME, tag = "accounts",
    responses((status = 200, body = Me), (status = 401, description = "Not signed in", body = ApiError)))]
pub async fn me(State(state): State<AppState>, current: CurrentUser) -> AppResult<Json<Me>> {
    Ok(Json(session::me_of(&state, current.user).await?))
}

/// Change the display name or the interface language.
#[utoipa::path(put, path = shared::paths::template::ME, tag = "accounts", request_body = UpdateMeRequest,
    responses((status = 200, body = Me), (status = 401, body = ApiError), (status = 422, body = ApiError)))]
pub async fn update_me(
    State(state): State<AppState>,
    current: CurrentUser,
    Json(req): Json<UpdateMeRequest>,
) -> AppResult<Json<Me>> {
    let (name, locale) = req.parse()?;
    let mut db = state.db.acquire().await?;
    store::update_profile(&mut db, current.user.id, name.as_deref(), locale).await?;
    let user = store::find_user(&mut db, current.user.id).await?.ok_or(AppError::Unauthenticated)?;
    drop(db);
    Ok(Json(session::me_of(&state, user).await?))
}

/// Change the password; every other session of the user is signed out.
#[utoipa::path(post, path = shared::paths::template::ME_PASSWORD, tag = "accounts", request_body = ChangePasswordRequest,
    responses((status = 204, description = "Changed"), (status = 401, body = ApiError), (status = 422, body = ApiError)))]
pub async fn change_password(
    State(state): State<AppState>,
    current: CurrentUser,
    Json(req): Json<ChangePasswordRequest>,
) -> AppResult<StatusCode> {
    let new = req.parse()?;
    let mut db = state.db.acquire().await?;
    let stored = store::password_hash(&mut db, current.user.id).await?;
    drop(db);
    if !password::verify(Some(stored), req.current_password.clone()).await? {
        return Err(AppError::field("current_password", FieldError::PasswordWrong));
    }
    let hash = password::hash(new.expose().to_owned()).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    store::set_password(&mut tx, current.user.id, &hash).await?;
    store::delete_other_sessions(&mut tx, current.user.id, &current.token_hash).await?;
    let target = format!("user:{}", current.user.id);
    let after = serde_json::json!({ "other_sessions": "signed out" });
    crate::audit::record(&mut tx, Some(&current.user), "account.password", &target, serde_json::Value::Null, after)
        .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Delete one's account, confirmed with the password: personal data is erased and the account
/// anonymised; seats at coming events go to the waiting lists; the session cookie is cleared.
/// Refused (409 `sole_owner`) while the user is the only owner of an organization with other members.
#[utoipa::path(delete, path = shared::paths::template::ME, tag = "accounts", request_body = DeleteAccountRequest,
    responses((status = 204, description = "Deleted; clears the session cookie"), (status = 401, body = ApiError),
              (status = 409, description = "Only owner of an organization with members", body = ApiError),
              (status = 422, description = "Password missing or wrong", body = ApiError)))]
pub async fn delete_me(
    State(state): State<AppState>,
    current: CurrentUser,
    Json(req): Json<DeleteAccountRequest>,
) -> AppResult<(StatusCode, HeaderMap)> {
    req.parse()?;
    let mut db = state.db.acquire().await?;
    let stored = store::password_hash(&mut db, current.user.id).await?;
    drop(db);
    if !password::verify(Some(stored), req.password.clone()).await? {
        return Err(AppError::field("password", FieldError::PasswordWrong));
    }
    let at = crate::db::now();
    let mut tx = Write::begin(&state).await?;
    // Whether the user is some organization's only owner holds while its memberships are locked.
    let orgs = crate::orgs::ids_of(&mut tx, current.user.id).await?;
    crate::db::lock(&mut tx, crate::db::Row::Organization, &orgs).await?;
    if !crate::orgs::sole_owner_of(&mut tx, current.user.id).await?.is_empty() {
        return Err(AppError::Refused(ErrorCode::SoleOwner));
    }
    let erasing = Erasing { user: current.user.id, email: current.user.email.clone(), at };
    let report = tx.raise(Fact::UserErasing(erasing)).await?;
    let target = format!("user:{}", current.user.id);
    let after = serde_json::Value::Object(report);
    crate::audit::record(&mut tx, Some(&current.user), "account.delete", &target, serde_json::Value::Null, after)
        .await?;
    tx.commit().await?;
    let mut headers = HeaderMap::new();
    headers.insert(SET_COOKIE, cookie::clear_session(state.config.secure_cookies));
    Ok((StatusCode::NO_CONTENT, headers))
}
