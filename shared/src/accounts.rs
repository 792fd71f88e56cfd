//! Accounts: registration, login, the current user.

use serde::{Deserialize, Serialize};

use crate::error::FieldErrors;
use crate::i18n::Locale;
use crate::orgs::{OrgKind, OrgRole};
use crate::validate::{self, Email, Password};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegisterRequest {
    pub email: String,
    pub password: String,
    pub display_name: String,
    #[serde(default)]
    pub locale: Option<Locale>,
    /// The page to return to once the email is verified (a path of this site; others are ignored).
    #[serde(default)]
    pub next: Option<String>,
}

/// A registration that passed every rule.
#[derive(Debug, Clone)]
pub struct NewAccount {
    pub email: Email,
    pub password: Password,
    pub display_name: String,
    pub locale: Option<Locale>,
    /// Where the verification link returns to (checked by [`crate::routes::return_path`]).
    pub next: Option<String>,
}

impl RegisterRequest {
    pub fn parse(&self) -> Result<NewAccount, FieldErrors> {
        let mut errs = FieldErrors::new();
        let email = errs.check("email", Email::parse(&self.email));
        let password = errs.check("password", Password::parse(&self.password));
        let display_name = errs.check("display_name", validate::display_name(&self.display_name));
        match (email, password, display_name) {
            (Some(email), Some(password), Some(display_name)) if errs.is_empty() => {
                let next = self.next.as_deref().and_then(crate::routes::return_path).map(str::to_owned);
                Ok(NewAccount { email, password, display_name, locale: self.locale, next })
            }
            _ => Err(errs),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
}

impl LoginRequest {
    /// Login checks only presence and shape; the password policy applies at registration.
    pub fn parse(&self) -> Result<(Email, String), FieldErrors> {
        let mut errs = FieldErrors::new();
        let email = errs.check("email", Email::parse(&self.email));
        if self.password.is_empty() {
            errs.add("password", validate::FieldError::Required);
        }
        match email {
            Some(e) if errs.is_empty() => Ok((e, self.password.clone())),
            _ => Err(errs),
        }
    }
}

/// `PUT /api/v1/me`: any field left out stays as it is.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateMeRequest {
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub locale: Option<Locale>,
}

impl UpdateMeRequest {
    pub fn parse(&self) -> Result<(Option<String>, Option<Locale>), FieldErrors> {
        let mut errs = FieldErrors::new();
        let name = match &self.display_name {
            Some(n) => errs.check("display_name", validate::display_name(n)),
            None => None,
        };
        errs.into_result().map(|()| (name, self.locale))
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangePasswordRequest {
    pub current_password: String,
    pub new_password: String,
}

impl ChangePasswordRequest {
    pub fn parse(&self) -> Result<Password, FieldErrors> {
        let mut errs = FieldErrors::new();
        if self.current_password.is_empty() {
            errs.add("current_password", validate::FieldError::Required);
        }
        let new = errs.check("new_password", Password::parse(&self.new_password));
        match new {
            Some(p) if errs.is_empty() => Ok(p),
            _ => Err(errs),
        }
    }
}

/// `DELETE /api/v1/me`: the user confirms with their password.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeleteAccountRequest {
    pub password: String,
}

impl DeleteAccountRequest {
    pub fn parse(&self) -> Result<(), FieldErrors> {
        let mut errs = FieldErrors::new();
        if self.password.is_empty() {
            errs.add("password", validate::FieldError::Required);
        }
        if errs.is_empty() { Ok(()) } else { Err(errs) }
    }
}

/// Who is browsing: the signed-in user, or nobody (`user: null`) — not an error.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionState {
    pub user: Option<Me>,
}

/// The signed-in user, with their organizations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub locale: Locale,
    pub is_admin: bool,
    /// The email address was confirmed through the link sent to it. Until then the account may
    /// browse and edit its profile, not create or join organizations, accept invitations, register
    /// for events that require it or send requests.
    pub email_verified: bool,
    pub memberships: Vec<Membership>,
}

/// `POST /api/v1/auth/verify-email`: the token from the emailed link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VerifyEmailRequest {
    pub token: String,
}

/// `POST /api/v1/me/verification`: send the verification email again, returning afterwards to `next`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResendVerification {
    #[serde(default)]
    pub next: Option<String>,
}

/// How long a verification link works.
pub const VERIFICATION_HOURS: i64 = 24;
/// At most this many verification emails per account a day, and one a minute.
pub const VERIFICATIONS_PER_DAY: usize = 5;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Membership {
    pub org_id: i64,
    pub org_name_zh: String,
    pub org_name_en: Option<String>,
    pub org_kind: OrgKind,
    pub role: OrgRole,
    pub verified: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::FieldError;

    #[test]
    fn registration_reports_every_bad_field_at_once() {
        let req = RegisterRequest {
            email: "not-an-email".into(),
            password: "short".into(),
            display_name: " ".into(),
            locale: None,
            next: None,
        };
        let errs = req.parse().unwrap_err();
        assert_eq!(errs.get("email"), Some(FieldError::EmailInvalid));
        assert_eq!(errs.get("password"), Some(FieldError::PasswordTooShort));
        assert_eq!(errs.get("display_name"), Some(FieldError::Required));
    }

    #[test]
    fn a_return_address_after_verification_is_kept_only_when_it_is_a_path_of_this_site() {
        let mut req = RegisterRequest {
            email: "a@b.cn".into(),
            password: "correct-horse-battery".into(),
            display_name: "李雷".into(),
            locale: None,
            next: Some("/events/3?code=X".into()),
        };
        assert_eq!(req.parse().unwrap().next.as_deref(), Some("/events/3?code=X"));
        req.next = Some("/\\evil.example".into());
        assert_eq!(req.parse().unwrap().next, None);
    }

    #[test]
    fn registration_request_without_locale_deserializes() {
        let req: RegisterRequest =
            serde_json::from_str(r#"{"email":"a@b.cn","password":"x","display_name":"李雷"}"#).unwrap();
        assert_eq!(req.locale, None);
    }
}

/// A user as site admins see them (`GET /api/v1/admin/users`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserAdminView {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub is_admin: bool,
    pub disabled: bool,
    /// The user deleted their account (it is anonymised and cannot be enabled again).
    #[serde(default)]
    pub deleted: bool,
    /// Live sessions.
    pub sessions: u32,
    /// Organizations they belong to.
    pub orgs: u32,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: time::OffsetDateTime,
}

/// `GET /api/v1/admin/users`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct UserQuery {
    /// Words in the email or name.
    #[serde(default)]
    pub q: Option<String>,
    #[serde(default)]
    pub page: Option<u32>,
    #[serde(default)]
    pub per_page: Option<u32>,
}
