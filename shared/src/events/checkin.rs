//! At the door: staff, tickets and their codes, badges, check-in, counts and the event's report.

use super::*;

/// `POST /api/v1/events/{id}/staff`: a platform user, by email, with a role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffInput {
    pub email: String,
    pub role: StaffRole,
}

/// A co-organizer of an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Staff {
    /// The account, once the invitation is accepted.
    pub user_id: Option<i64>,
    /// Empty while invited.
    pub display_name: String,
    pub email: String,
    pub role: StaffRole,
    /// Invited (not staff yet) or accepted.
    pub accepted: bool,
}

/// One person's ticket: the code in the QR image, also typed at the door.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Ticket {
    pub registration_id: i64,
    pub person: u32,
    pub name: String,
    pub code: String,
    /// Checked in already (when).
    #[serde(with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub checked_in_at: Option<OffsetDateTime>,
}

/// One attendee's badge on the organizers' printable sheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Badge {
    pub name: String,
    pub org_name: Option<String>,
    pub ticket_zh: String,
    pub ticket_en: Option<String>,
    /// The ticket code, printed as a QR image for the door.
    pub code: String,
}

/// What a ticket code says: registration and person. The signature is checked by the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TicketRef {
    pub registration: i64,
    pub person: u32,
}

/// Splits a typed or scanned code `R<registration>-<person>-<signature>` (case and spaces
/// ignored) into its parts and the signature; `None` when it is not shaped like a ticket code.
pub fn parse_ticket_code(code: &str) -> Option<(TicketRef, String)> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
    let rest = code.strip_prefix('R')?;
    let mut parts = rest.splitn(3, '-');
    let registration: i64 = parts.next()?.parse().ok().filter(|r| *r > 0)?;
    let person: u32 = parts.next()?.parse().ok().filter(|p| (*p as usize) < GROUP_MAX)?;
    let sig = parts.next()?;
    if sig.len() != TICKET_SIG_LEN || !sig.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    Some((TicketRef { registration, person }, sig.to_owned()))
}

/// Characters of signature in a ticket code (base32, 80 bits).
pub const TICKET_SIG_LEN: usize = 16;

/// `POST /api/v1/events/{id}/checkins`: one scan. `device` names the scanner (random, kept in the
/// browser) and `nonce` the scan, so a scanner that lost its connection can resend safely.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CheckinInput {
    pub code: String,
    pub device: String,
    pub nonce: String,
}

impl CheckinInput {
    pub fn check(&self) -> Result<(TicketRef, String), FieldErrors> {
        let mut errs = FieldErrors::new();
        let parsed = parse_ticket_code(&self.code);
        if self.code.trim().is_empty() {
            errs.add("code", FieldError::Required);
        } else if parsed.is_none() {
            errs.add("code", FieldError::Invalid);
        }
        for (field, v) in [("device", &self.device), ("nonce", &self.nonce)] {
            if v.is_empty() || v.len() > 64 || !v.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
                errs.add(field, FieldError::Invalid);
            }
        }
        match parsed {
            Some(p) if errs.is_empty() => Ok(p),
            _ => Err(errs),
        }
    }
}

code_enum!(
    /// What a scan did.
    CheckinOutcome {
        CheckedIn = "checked_in" => CheckinOk,
        Already = "already" => CheckinAlready,
        Refused = "refused" => CheckinRefused,
    }
);

/// The person behind a scanned ticket, as the door staff see them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Attendee {
    pub registration_id: i64,
    pub person: u32,
    pub name: String,
    pub registrant: String,
    pub org_name: Option<String>,
    pub ticket_zh: String,
    pub ticket_en: Option<String>,
    pub status: RegistrationStatus,
    /// The registration's answers, for the door staff to see.
    #[serde(default)]
    pub answers: Vec<Answer>,
}

/// Checked-in people against the people holding confirmed tickets.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CheckinCounts {
    pub checked_in: u32,
    pub expected: u32,
}

/// The answer to a scan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CheckinResult {
    pub outcome: CheckinOutcome,
    /// The check-in (new, or the earlier one on a second scan) — what undo takes.
    pub checkin_id: Option<i64>,
    /// When the person was first checked in (on a second scan).
    #[serde(with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub first_at: Option<OffsetDateTime>,
    pub attendee: Attendee,
    pub counts: CheckinCounts,
}

/// Whether a registration in `status` may enter; refusals carry the status as the reason.
pub fn may_enter(status: RegistrationStatus) -> bool {
    status == RegistrationStatus::Confirmed
}

/// One row of a breakdown: what is counted (a status, ticket type id, organization kind, domain,
/// district or day — empty for "none") and how many people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CountRow {
    pub key: String,
    pub people: u32,
}

/// The organizers' figures for an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventReport {
    /// Every registration, by status.
    pub by_status: Vec<CountRow>,
    /// Live registrations (neither cancelled nor rejected) by ticket type id, organization kind,
    /// domain of the organization and its district.
    pub by_ticket_type: Vec<CountRow>,
    pub by_org_kind: Vec<CountRow>,
    pub by_domain: Vec<CountRow>,
    pub by_district: Vec<CountRow>,
    /// People registering per day (China time), every registration counted on the day it was made.
    pub by_day: Vec<CountRow>,
    pub checkin: CheckinCounts,
}

impl CheckinCounts {
    /// Checked in as a share of those expected, in percent (0 when nobody is expected).
    pub fn rate_percent(&self) -> u32 {
        if self.expected == 0 { 0 } else { (u64::from(self.checked_in) * 100 / u64::from(self.expected)) as u32 }
    }
}

/// People per day in `offset`'s time (China: +8), days in order, from (when, people) pairs.
pub fn per_day(rows: &[(OffsetDateTime, u32)], offset: time::UtcOffset) -> Vec<CountRow> {
    let mut days: std::collections::BTreeMap<time::Date, u32> = std::collections::BTreeMap::new();
    for (at, people) in rows {
        *days.entry(at.to_offset(offset).date()).or_default() += people;
    }
    days.into_iter()
        .map(|(d, people)| CountRow {
            key: format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day()),
            people,
        })
        .collect()
}

code_enum!(
    /// The kind of answer a registration question takes.
    QuestionKind {
        Text = "text" => QText,
        LongText = "long_text" => QLongText,
        Single = "single" => QSingle,
        Multiple = "multiple" => QMultiple,
        Number = "number" => QNumber,
        Date = "date" => QDate,
        YesNo = "yes_no" => QYesNo,
    }
);
