//! The one error type. Every failure becomes the `shared::ApiError` body in the caller's language;
//! internal errors are logged with their chain and answered with a generic 500.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use shared::error::FieldErrors;
use shared::i18n::text;
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
    #[error("validation failed: {0:?}")]
    Validation(FieldErrors),
    #[error("too many requests; retry after {retry_after_secs}s")]
    TooManyRequests { retry_after_secs: u64 },
    /// Refused with a specific code (email taken, invitation invalid, ...), answered with the
    /// code's own status ([`ErrorCode::status`]).
    #[error("request refused: {0:?}")]
    Refused(ErrorCode),
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
    /// 409 `invalid_transition`: what is asked does not fit the state the thing is in.
    pub fn invalid_transition() -> Self {
        AppError::Refused(ErrorCode::InvalidTransition)
    }

    /// A file-system failure: a full disk is the client's clear 507, anything else internal.
    pub fn io(e: std::io::Error) -> Self {
        match e.kind() {
            std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => {
                tracing::error!(error = ?e, "storage full");
                AppError::Refused(ErrorCode::StorageFull)
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

    fn code(&self) -> ErrorCode {
        match self {
            AppError::MalformedJson(_) => ErrorCode::MalformedJson,
            AppError::InvalidQuery(_) => ErrorCode::InvalidQuery,
            AppError::UnsupportedMediaType => ErrorCode::UnsupportedMediaType,
            AppError::PayloadTooLarge(_) => ErrorCode::PayloadTooLarge,
            AppError::Unauthenticated => ErrorCode::Unauthenticated,
            AppError::InvalidCredentials => ErrorCode::InvalidCredentials,
            AppError::Forbidden => ErrorCode::Forbidden,
            AppError::NotFound => ErrorCode::NotFound,
            AppError::RouteNotFound => ErrorCode::RouteNotFound,
            AppError::MethodNotAllowed => ErrorCode::MethodNotAllowed,
            AppError::Validation(_) => ErrorCode::ValidationFailed,
            AppError::TooManyRequests { .. } => ErrorCode::TooManyRequests,
            AppError::Refused(code) => *code,
            AppError::Database(e) if is_busy(e) => ErrorCode::Busy,
            AppError::Database(e) if is_full(e) => ErrorCode::StorageFull,
            // Two writers racing to create the same thing: the second is told it exists.
            AppError::Database(e) if crate::db::is_unique_violation(e) => ErrorCode::Conflict,
            AppError::Database(_) | AppError::Internal(_) => ErrorCode::Internal,
        }
    }

    /// The status answered: the code's own ([`ErrorCode::status`]).
    pub fn status(&self) -> StatusCode {
        StatusCode::from_u16(self.code().status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    /// The localized body for this error.
    pub fn body(&self) -> ApiError {
        let locale = current_locale();
        let code = self.code();
        match self {
            AppError::Validation(fields) => ApiError::validation(fields, locale),
            AppError::TooManyRequests { retry_after_secs } => {
                let minutes = retry_after_secs.div_ceil(60).max(1).to_string();
                let message =
                    format!("{} {}", code.msg().t(locale), text::RetryAfterMinutes { minutes: &minutes }.t(locale));
                ApiError::new(code, message)
            }
            AppError::PayloadTooLarge(limit) => {
                let mib = format!("{:.0}", *limit as f64 / (1024.0 * 1024.0));
                ApiError::new(code, text::ErrPayloadTooLarge { limit: &mib }.t(locale))
            }
            _ => ApiError::localized(code, locale),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, code) = (self.status(), self.code());
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
