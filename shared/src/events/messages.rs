//! Messages to registrants and invitation codes.

use super::*;

/// `POST /api/v1/events/{id}/messages`: a message to the registrants of some ticket types and
/// statuses, through the notification centre and email.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventMessageInput {
    pub text: String,
    /// Only registrations of these ticket types; all when empty.
    #[serde(default)]
    pub ticket_types: Vec<i64>,
    /// Only registrations in these statuses; when empty, every registration still in the running
    /// (confirmed, pending, offered, waiting).
    #[serde(default)]
    pub statuses: Vec<RegistrationStatus>,
    /// Only these registrations (a selection in the registrant table); the filters above still apply.
    #[serde(default)]
    pub registrations: Vec<i64>,
}

impl EventMessageInput {
    pub fn check(&self) -> Result<(), FieldErrors> {
        let mut errs = FieldErrors::new();
        errs.check("text", validate::required_text(&self.text, 2000));
        if errs.is_empty() { Ok(()) } else { Err(errs) }
    }

    /// The statuses it goes to.
    pub fn statuses(&self) -> Vec<RegistrationStatus> {
        if self.statuses.is_empty() {
            vec![
                RegistrationStatus::Confirmed,
                RegistrationStatus::Pending,
                RegistrationStatus::Offered,
                RegistrationStatus::Waitlisted,
            ]
        } else {
            self.statuses.clone()
        }
    }
}

/// A message sent to registrants, as the organizers see it afterwards.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventMessage {
    pub id: i64,
    pub text: String,
    pub sender_name: String,
    pub recipients: u32,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: OffsetDateTime,
}

code_enum!(
    /// How the organizers' registrant table is ordered.
    RegistrantSort {
        Newest = "newest" => RegSortNewest,
        Oldest = "oldest" => RegSortOldest,
        Name = "name" => RegSortName,
        Org = "org" => RegSortOrg,
        Status = "status" => RegSortStatus,
        CheckedIn = "checked_in" => RegSortCheckedIn,
    }
);

/// `POST /api/v1/events/{id}/messages/preview`: whom a message would reach and the email as the
/// outbox would send it, in both languages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MessagePreview {
    pub recipients: u32,
    /// The first few, by name.
    pub names: Vec<String>,
    pub subject_zh: String,
    pub body_zh: String,
    pub subject_en: String,
    pub body_en: String,
}

/// `POST /api/v1/events/{id}/invitations`: a code for an invitation-only event, for a group of
/// invitees (a label says for whom), usable `max_uses` times (without limit when absent).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvitationInput {
    pub label: String,
    #[serde(default)]
    pub max_uses: Option<u32>,
}

impl InvitationInput {
    pub fn check(&self) -> Result<(), FieldErrors> {
        let mut errs = FieldErrors::new();
        errs.check("label", validate::required_line(&self.label, 100));
        if self.max_uses.is_some_and(|m| m == 0 || m > 100_000) {
            errs.add("max_uses", FieldError::OutOfRange);
        }
        if errs.is_empty() { Ok(()) } else { Err(errs) }
    }
}

/// An invitation code and how often it was used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Invitation {
    pub id: i64,
    pub code: String,
    pub label: String,
    pub max_uses: Option<u32>,
    pub uses: u32,
}
