//! The one error body every API failure answers with:
//! `{"error":{"code":"snake_case","message":"localized text","fields":{"field":"localized text"}}}`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::i18n::{Locale, Msg};
use crate::validate::FieldError;

/// Machine-readable error codes. Clients branch on these, never on the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    MalformedJson,
    InvalidQuery,
    UnsupportedMediaType,
    PayloadTooLarge,
    Unauthenticated,
    InvalidCredentials,
    Forbidden,
    NotFound,
    RouteNotFound,
    MethodNotAllowed,
    Conflict,
    EmailTaken,
    ValidationFailed,
    TooManyRequests,
    Internal,
    LastOwner,
    InvitationInvalid,
    InvitationEmailMismatch,
    AlreadyMember,
    TermExists,
    NotVerified,
    WrongOrgKind,
    InvalidTransition,
    AlreadyRequested,
    RequestLimit,
    Blocked,
    RequestExpired,
    OwnPosting,
    FileType,
    /// The server is overloaded or the database is locked for now: retry shortly (503).
    Busy,
    /// The session's seats are all taken.
    SessionFull,
    /// Only attendees with a confirmed registration may do this.
    NotAttendee,
    /// Only matchmaking events have meetings.
    NotMatchmaking,
    RegistrationNotOpen,
    RegistrationClosed,
    /// A site admin disabled the account.
    AccountDisabled,
    /// A state-changing request sent from another site (cross-site request forgery).
    CrossOrigin,
    /// Deleting the account would leave an organization with members but no owner.
    SoleOwner,
    /// The server's disk (or its configured database size) is full: nothing was saved (507).
    StorageFull,
    /// The account's email address is not verified yet (403): the action needs it.
    EmailNotVerified,
    /// A verification link that is unknown, used, expired or for an address the account no longer has.
    VerificationInvalid,
    /// The caller already joined a team of this competition (409).
    AlreadyInTeam,
    /// The leader must hand the team over before leaving it (409).
    LeaderMustHandOver,
    /// A check-in scan resent with its device and nonce but another ticket (409): a nonce names one
    /// scan of one ticket.
    ScanReused,
    /// Matches are asked of a posting that is not published (a draft, under review, closed) (409).
    NotPublished,
    /// A spreadsheet import with problems: nothing was written (422).
    ImportInvalid,
    /// A file that is not a plain .xlsx workbook or a UTF-8/GBK .csv (macros, legacy .xls) (415).
    WorkbookRefused,
    /// A workbook or .csv that cannot be read: damaged, or not what its name says (422).
    WorkbookDamaged,
    /// A cancellation can no longer be undone: its seats went to the waiting list, or the time to
    /// undo it has passed (409).
    UndoUnavailable,
    /// Client-side only: the request never reached the server.
    Network,
}

impl ErrorCode {
    /// The HTTP status the server answers this code with; every code has exactly one. `0` for
    /// [`ErrorCode::Network`], which the client makes up when no answer came.
    pub fn status(self) -> u16 {
        use ErrorCode::*;
        match self {
            MalformedJson | InvalidQuery => 400,
            Unauthenticated | InvalidCredentials => 401,
            Forbidden
            | InvitationEmailMismatch
            | NotVerified
            | WrongOrgKind
            | Blocked
            | NotAttendee
            | AccountDisabled
            | CrossOrigin
            | EmailNotVerified => 403,
            NotFound | RouteNotFound | InvitationInvalid => 404,
            MethodNotAllowed => 405,
            Conflict | EmailTaken | LastOwner | AlreadyMember | TermExists | InvalidTransition | AlreadyRequested
            | RequestExpired | SessionFull | RegistrationNotOpen | RegistrationClosed | SoleOwner | AlreadyInTeam
            | LeaderMustHandOver | ScanReused | NotPublished | UndoUnavailable => 409,
            VerificationInvalid => 400,
            PayloadTooLarge => 413,
            UnsupportedMediaType | FileType | WorkbookRefused => 415,
            ValidationFailed | OwnPosting | NotMatchmaking | ImportInvalid | WorkbookDamaged => 422,
            TooManyRequests | RequestLimit => 429,
            Internal => 500,
            Busy => 503,
            StorageFull => 507,
            Network => 0,
        }
    }

    /// The catalogue entry for this code's default message.
    pub fn msg(self) -> Msg {
        match self {
            ErrorCode::MalformedJson => Msg::ErrMalformedJson,
            ErrorCode::InvalidQuery => Msg::ErrInvalidQuery,
            ErrorCode::UnsupportedMediaType => Msg::ErrUnsupportedMediaType,
            ErrorCode::PayloadTooLarge => Msg::ErrPayloadTooLarge,
            ErrorCode::Unauthenticated => Msg::ErrUnauthenticated,
            ErrorCode::InvalidCredentials => Msg::ErrInvalidCredentials,
            ErrorCode::Forbidden => Msg::ErrForbidden,
            ErrorCode::NotFound => Msg::ErrNotFound,
            ErrorCode::RouteNotFound => Msg::ErrRouteNotFound,
            ErrorCode::MethodNotAllowed => Msg::ErrMethodNotAllowed,
            ErrorCode::Conflict => Msg::ErrConflict,
            ErrorCode::EmailTaken => Msg::ErrEmailTaken,
            ErrorCode::ValidationFailed => Msg::ErrValidation,
            ErrorCode::TooManyRequests => Msg::ErrTooManyRequests,
            ErrorCode::Internal => Msg::ErrInternal,
            ErrorCode::LastOwner => Msg::ErrLastOwner,
            ErrorCode::InvitationInvalid => Msg::ErrInvitationInvalid,
            ErrorCode::InvitationEmailMismatch => Msg::ErrInvitationEmailMismatch,
            ErrorCode::AlreadyMember => Msg::ErrAlreadyMember,
            ErrorCode::TermExists => Msg::ErrTermExists,
            ErrorCode::NotVerified => Msg::ErrNotVerified,
            ErrorCode::WrongOrgKind => Msg::ErrWrongOrgKind,
            ErrorCode::InvalidTransition => Msg::ErrInvalidTransition,
            ErrorCode::AlreadyRequested => Msg::ErrAlreadyRequested,
            ErrorCode::RequestLimit => Msg::ErrRequestLimit,
            ErrorCode::Blocked => Msg::ErrBlocked,
            ErrorCode::RequestExpired => Msg::ErrRequestExpired,
            ErrorCode::OwnPosting => Msg::ErrOwnPosting,
            ErrorCode::FileType => Msg::ErrFileType,
            ErrorCode::Network => Msg::ErrNetwork,
            ErrorCode::UndoUnavailable => Msg::ErrUndoUnavailable,
            ErrorCode::Busy => Msg::ErrBusy,
            ErrorCode::SessionFull => Msg::ErrSessionFull,
            ErrorCode::NotAttendee => Msg::ErrNotAttendee,
            ErrorCode::NotMatchmaking => Msg::ErrNotMatchmaking,
            ErrorCode::RegistrationNotOpen => Msg::ErrRegistrationNotOpen,
            ErrorCode::RegistrationClosed => Msg::ErrRegistrationClosed,
            ErrorCode::AccountDisabled => Msg::ErrAccountDisabled,
            ErrorCode::CrossOrigin => Msg::ErrCrossOrigin,
            ErrorCode::SoleOwner => Msg::ErrSoleOwner,
            ErrorCode::StorageFull => Msg::ErrStorageFull,
            ErrorCode::ScanReused => Msg::ErrScanReused,
            ErrorCode::NotPublished => Msg::ErrNotPublished,
            ErrorCode::ImportInvalid => Msg::ErrImportInvalid,
            ErrorCode::WorkbookRefused => Msg::ErrWorkbookRefused,
            ErrorCode::WorkbookDamaged => Msg::ErrWorkbookDamaged,
            ErrorCode::AlreadyInTeam => Msg::ErrAlreadyInTeam,
            ErrorCode::LeaderMustHandOver => Msg::ErrLeaderMustHandOver,
            ErrorCode::EmailNotVerified => Msg::ErrEmailNotVerified,
            ErrorCode::VerificationInvalid => Msg::ErrVerificationInvalid,
        }
    }
}

/// The JSON body of every non-2xx API response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiError {
    pub error: ErrorBody,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    pub code: ErrorCode,
    /// Human-readable, in the caller's language.
    pub message: String,
    /// Per-field messages for validation failures, keyed by the request's field name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, String>,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError { error: ErrorBody { code, message: message.into(), fields: BTreeMap::new() } }
    }

    /// An error with the code's default message in `locale`.
    pub fn localized(code: ErrorCode, locale: Locale) -> Self {
        Self::new(code, code.msg().t(locale))
    }

    /// A 422 body from per-field errors.
    pub fn validation(errors: &FieldErrors, locale: Locale) -> Self {
        let mut e = Self::localized(ErrorCode::ValidationFailed, locale);
        e.error.fields = errors.localized(locale);
        e
    }

    pub fn code(&self) -> ErrorCode {
        self.error.code
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.error.message)
    }
}

/// Field errors collected while parsing a request, in field order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FieldErrors {
    items: Vec<(String, FieldError)>,
    /// The values a field refused as [`FieldError::NotOneOf`] takes, named in its message.
    allowed: Vec<(String, Vec<String>)>,
}

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: impl Into<String>, error: FieldError) {
        self.items.push((field.into(), error));
    }

    /// A value outside `allowed`: the message lists them.
    pub fn not_one_of(&mut self, field: impl Into<String>, allowed: Vec<String>) {
        let field = field.into();
        self.allowed.push((field.clone(), allowed));
        self.add(field, FieldError::NotOneOf);
    }

    /// Takes every error of `other`, after this one's.
    pub fn extend(&mut self, other: FieldErrors) {
        self.items.extend(other.items);
        self.allowed.extend(other.allowed);
    }

    /// Records the error of a parse result, returning the value when it parsed.
    pub fn check<T>(&mut self, field: &str, result: Result<T, FieldError>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.add(field, e);
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// (field, error) in the order they were found.
    pub fn iter(&self) -> impl Iterator<Item = (&str, FieldError)> {
        self.items.iter().map(|(f, e)| (f.as_str(), *e))
    }

    pub fn get(&self, field: &str) -> Option<FieldError> {
        self.items.iter().find(|(f, _)| f == field).map(|(_, e)| *e)
    }

    /// `Ok(())` when nothing was recorded.
    pub fn into_result(self) -> Result<(), FieldErrors> {
        if self.is_empty() { Ok(()) } else { Err(self) }
    }

    /// One message per field (its first error), in `locale`.
    pub fn localized(&self, locale: Locale) -> BTreeMap<String, String> {
        let mut map = BTreeMap::new();
        for (field, error) in &self.items {
            map.entry(field.clone()).or_insert_with(|| {
                let text = error.msg().t(locale);
                match self.allowed.iter().find(|(f, _)| f == field) {
                    Some((_, values)) if *error == FieldError::NotOneOf => {
                        let sep = if locale == Locale::ZhCn { "、" } else { ", " };
                        crate::i18n::text::FieldNotOneOf { values: values.join(sep) }.t(locale)
                    }
                    _ => text.to_owned(),
                }
            });
        }
        map
    }
}
