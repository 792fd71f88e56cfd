//! Personal data (个人信息保护法): how long messages and logs are kept.

use serde::{Deserialize, Serialize};

use crate::error::FieldErrors;
use crate::validate::FieldError;

/// Messages may be kept for as little as a month.
pub const MESSAGES_DAYS: std::ops::RangeInclusive<u32> = 30..=3650;
/// Logs at least six months: the Cybersecurity Law (网络安全法, art. 21) asks network operators
/// to keep them that long.
pub const LOGS_DAYS: std::ops::RangeInclusive<u32> = 180..=3650;

/// The retention settings (`GET /api/v1/admin/retention`). `None`: kept until deleted by hand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Retention {
    /// Messages between organizations and event announcements older than this are deleted.
    pub messages_days: Option<u32>,
    /// Failed sign-ins, sent emails and read notifications older than this are deleted.
    pub logs_days: Option<u32>,
    /// When they were last applied.
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub applied_at: Option<time::OffsetDateTime>,
}

/// `PUT /api/v1/admin/retention`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RetentionInput {
    pub messages_days: Option<u32>,
    pub logs_days: Option<u32>,
}

impl RetentionInput {
    pub fn parse(&self) -> Result<RetentionInput, FieldErrors> {
        let mut errs = FieldErrors::new();
        if self.messages_days.is_some_and(|d| !MESSAGES_DAYS.contains(&d)) {
            errs.add("messages_days", FieldError::OutOfRange);
        }
        if self.logs_days.is_some_and(|d| !LOGS_DAYS.contains(&d)) {
            errs.add("logs_days", FieldError::OutOfRange);
        }
        if errs.is_empty() { Ok(self.clone()) } else { Err(errs) }
    }
}

/// What one application of the settings deleted (`POST /api/v1/admin/retention/apply`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RetentionReport {
    pub messages: u64,
    pub event_messages: u64,
    pub login_failures: u64,
    pub emails: u64,
    pub notifications: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retention_accepts_none_and_the_ranges_and_names_each_field_out_of_them() {
        assert!(RetentionInput::default().parse().is_ok());
        assert!(RetentionInput { messages_days: Some(30), logs_days: Some(180) }.parse().is_ok());
        let errs = RetentionInput { messages_days: Some(29), logs_days: Some(179) }.parse().unwrap_err();
        assert_eq!(errs.get("messages_days"), Some(FieldError::OutOfRange));
        assert_eq!(errs.get("logs_days"), Some(FieldError::OutOfRange));
        let errs = RetentionInput { messages_days: Some(3651), logs_days: None }.parse().unwrap_err();
        assert_eq!(errs.get("messages_days"), Some(FieldError::OutOfRange));
    }
}
