//! The one error type. Every failure becomes the `shared::ApiError` body in the caller's language;
//! internal errors are logged with their chain and answered with a generic 500.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use shared::error::FieldErrors;
use shared::i18n::{Msg, fill};
use shared::{ApiError, ErrorCode};

use crate::http::locale::current_locale;

pub type AppResult<T> = Result<T, AppError>;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("malformed request body: {0}")]
    MalformedJson(String),
    #[error("invalid query string: {0}")]
    InvalidQuery(String),
    #[error("unsupported media type")]
    UnsupportedMediaType,
    /// A body over the route's limit (in bytes), which the message names.
    #[error("payload over {0} bytes")]
    PayloadTooLarge(usize),
    #[error("not authenticated")]
    Unauthenticated,
    #[error("invalid credentials")]
    InvalidCredentials,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("no such route")]
    RouteNotFound,
    #[error("method not allowed")]
    MethodNotAllowed,
    /// A 409 with a specific code (email taken, last owner, ...).
    #[error("conflict: {0:?}")]
    Conflict(ErrorCode),
    #[error("validation failed: {0:?}")]
    Validation(FieldErrors),
    #[error("too many requests; retry after {retry_after_secs}s")]
    TooManyRequests { retry_after_secs: u64 },
    /// A 4xx with its own code (invitation invalid, ...).
    #[error("request refused: {1:?}")]
    Refused(StatusCode, ErrorCode),
    #[error("database error")]
    Database(#[from] sqlx::Error),
    #[error("internal error")]
    Internal(#[from] anyhow::Error),
}

impl From<FieldErrors> for AppError {
    fn from(e: FieldErrors) -> Self {
        AppError::Validation(e)
    }
}

impl AppError {
    /// A file-system failure: a full disk is the client's clear 507, anything else internal.
    pub fn io(e: std::io::Error) -> Self {
        match e.kind() {
            std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => {
                tracing::error!(error = ?e, "storage full");
                AppError::Refused(StatusCode::INSUFFICIENT_STORAGE, ErrorCode::StorageFull)
            }
            _ => AppError::Internal(e.into()),
        }
    }

    /// A validation error on one field.
    pub fn field(field: &str, error: shared::validate::FieldError) -> Self {
        let mut errs = FieldErrors::new();
        errs.add(field, error);
        AppError::Validation(errs)
    }

    fn status_and_code(&self) -> (StatusCode, ErrorCode) {
        match self {
            AppError::MalformedJson(_) => (StatusCode::BAD_REQUEST, ErrorCode::MalformedJson),
            AppError::InvalidQuery(_) => (StatusCode::BAD_REQUEST, ErrorCode::InvalidQuery),
            AppError::UnsupportedMediaType => (StatusCode::UNSUPPORTED_MEDIA_TYPE, ErrorCode::UnsupportedMediaType),
            AppError::PayloadTooLarge(_) => (StatusCode::PAYLOAD_TOO_LARGE, ErrorCode::PayloadTooLarge),
            AppError::Unauthenticated => (StatusCode::UNAUTHORIZED, ErrorCode::Unauthenticated),
            AppError::InvalidCredentials => (StatusCode::UNAUTHORIZED, ErrorCode::InvalidCredentials),
            AppError::Forbidden => (StatusCode::FORBIDDEN, ErrorCode::Forbidden),
            AppError::NotFound => (StatusCode::NOT_FOUND, ErrorCode::NotFound),
            AppError::RouteNotFound => (StatusCode::NOT_FOUND, ErrorCode::RouteNotFound),
            AppError::MethodNotAllowed => (StatusCode::METHOD_NOT_ALLOWED, ErrorCode::MethodNotAllowed),
            AppError::Conflict(code) => (StatusCode::CONFLICT, *code),
            AppError::Validation(_) => (StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed),
            AppError::TooManyRequests { .. } => (StatusCode::TOO_MANY_REQUESTS, ErrorCode::TooManyRequests),
            AppError::Refused(status, code) => (*status, *code),
            AppError::Database(e) if is_busy(e) => (StatusCode::SERVICE_UNAVAILABLE, ErrorCode::Busy),
            AppError::Database(e) if is_full(e) => (StatusCode::INSUFFICIENT_STORAGE, ErrorCode::StorageFull),
            // Two writers racing to create the same thing: the second is told it exists.
            AppError::Database(e) if crate::db::is_unique_violation(e) => (StatusCode::CONFLICT, ErrorCode::Conflict),
            AppError::Database(_) | AppError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, ErrorCode::Internal),
        }
    }

    /// The localized body for this error.
    pub fn body(&self) -> ApiError {
        let locale = current_locale();
        let (_, code) = self.status_and_code();
        match self {
            AppError::Validation(fields) => ApiError::validation(fields, locale),
            AppError::TooManyRequests { retry_after_secs } => {
                let minutes = retry_after_secs.div_ceil(60).max(1).to_string();
                let message = format!(
                    "{} {}",
                    code.msg().t(locale),
                    fill(Msg::RetryAfterMinutes.t(locale), &[("minutes", &minutes)])
                );
                ApiError::new(code, message)
            }
            AppError::PayloadTooLarge(limit) => {
                let mib = format!("{:.0}", *limit as f64 / (1024.0 * 1024.0));
                ApiError::new(code, fill(code.msg().t(locale), &[("limit", &mib)]))
            }
            _ => ApiError::localized(code, locale),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        match &self {
            AppError::Database(e) if code == ErrorCode::Busy => tracing::warn!(error = ?e, "busy"),
            AppError::Database(e) if code == ErrorCode::StorageFull => tracing::error!(error = ?e, "storage full"),
            AppError::Database(e) => tracing::error!(error = ?e, "database error"),
            AppError::Internal(e) => tracing::error!(error = ?e, "internal error"),
            other => tracing::debug!(error = %other, "request refused"),
        }
        let mut response = (status, axum::Json(self.body())).into_response();
        if let AppError::TooManyRequests { retry_after_secs } = self
            && let Ok(v) = HeaderValue::from_str(&retry_after_secs.to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, v);
        }
        if code == ErrorCode::Busy {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        }
        response
    }
}

/// SQLite's primary result code of a database error (the low byte of the extended code).
fn sqlite_code(d: &dyn sqlx::error::DatabaseError) -> Option<i32> {
    d.try_downcast_ref::<sqlx::sqlite::SqliteError>()?;
    d.code().and_then(|c| c.parse::<i32>().ok()).map(|c| c & 0xff)
}

/// PostgreSQL's SQLSTATE of a database error.
fn postgres_code(d: &dyn sqlx::error::DatabaseError) -> Option<&str> {
    d.try_downcast_ref::<sqlx::postgres::PgDatabaseError>().map(|e| e.code())
}

/// The disk, or the configured maximum database size, is full (SQLite's primary result code 13,
/// PostgreSQL's `disk_full`).
fn is_full(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Database(d) => sqlite_code(d.as_ref()) == Some(13) || postgres_code(d.as_ref()) == Some("53100"),
        _ => false,
    }
}

/// Overload rather than failure: no connection free in time; SQLite busy or locked (primary result
/// codes 5 and 6, whatever the extended code); PostgreSQL out of connections, a lock not available,
/// a serialization failure or a deadlock (the request can be tried again).
fn is_busy(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::PoolTimedOut => true,
        sqlx::Error::Database(d) => {
            matches!(sqlite_code(d.as_ref()), Some(5 | 6))
                || matches!(postgres_code(d.as_ref()), Some("53300" | "55P03" | "40001" | "40P01"))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_exhausted_pool_is_busy_with_retry_after_not_an_internal_error() {
        let r = AppError::Database(sqlx::Error::PoolTimedOut).into_response();
        assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(r.headers()[header::RETRY_AFTER], "1");
        let r = AppError::Database(sqlx::Error::RowNotFound).into_response();
        assert_eq!(r.status(), StatusCode::INTERNAL_SERVER_ERROR);
    }
}
