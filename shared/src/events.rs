//! The events contract: forums, conferences, exhibitions, matchmaking meetings and roadshows; ticket
//! types with quotas under an overall capacity; registrations that never oversell, with a waiting
//! list whose entries (groups too) are offered freed seats — the pure rules live here.
//!
//! This file is long because it is the whole events contract with the seat rules both sides run and
//! their tests (184 lines); split by sub-capability as the backend is, next.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::error::FieldErrors;
use crate::validate::{self, FieldError};

code_enum!(
    /// What kind of event.
    EventType {
        Forum = "forum" => EventForum,
        Conference = "conference" => EventConference,
        Exhibition = "exhibition" => EventExhibition,
        Matchmaking = "matchmaking" => EventMatchmaking,
        Roadshow = "roadshow" => EventRoadshow,
    }
);

code_enum!(
    /// A registration's state.
    RegistrationStatus {
        Confirmed = "confirmed" => RegConfirmed,
        Pending = "pending" => RegPending,
        Waitlisted = "waitlisted" => RegWaitlisted,
        Offered = "offered" => RegOffered,
        Cancelled = "cancelled" => RegCancelled,
        Rejected = "rejected" => RegRejected,
    }
);

impl RegistrationStatus {
    /// Whether it holds seats (counted against quotas): confirmed, awaiting approval, or offered.
    pub fn holds_seats(self) -> bool {
        matches!(self, RegistrationStatus::Confirmed | RegistrationStatus::Pending | RegistrationStatus::Offered)
    }
}

/// Hours a freed seat stays offered to a waiting-list entry before passing on.
pub const OFFER_HOURS: u32 = 48;

/// Largest group one registration may bring.
pub const GROUP_MAX: usize = 10;

/// Seats still free for a ticket type: the lesser of its own quota and the event's capacity left.
pub fn free_seats(quota: u32, held_by_type: u32, capacity: u32, held_overall: u32) -> u32 {
    quota.saturating_sub(held_by_type).min(capacity.saturating_sub(held_overall))
}

/// Where a new registration of `seats` lands: confirmed (or pending when the type needs approval)
/// if they all fit, else on the waiting list — never partly.
pub fn place(seats: u32, free: u32, approval: bool) -> RegistrationStatus {
    match (seats <= free, approval) {
        (true, false) => RegistrationStatus::Confirmed,
        (true, true) => RegistrationStatus::Pending,
        (false, _) => RegistrationStatus::Waitlisted,
    }
}

/// After seats were freed: the waiting-list entries (in order, `(id, seats)`) to offer seats to,
/// first come first served, skipping an entry too big for what is free so a smaller one behind it
/// is not blocked (the group-aware waiting list pretix lacks).
pub fn offers(waiting: &[(i64, u32)], mut free: u32) -> Vec<i64> {
    let mut out = vec![];
    for (id, seats) in waiting {
        if *seats <= free {
            free -= seats;
            out.push(*id);
        }
    }
    out
}

/// `POST /api/v1/events` and `PUT /api/v1/events/{id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventInput {
    /// The organizing organization (an organizer the caller belongs to).
    pub org_id: i64,
    pub title_zh: String,
    #[serde(default)]
    pub title_en: Option<String>,
    pub description_zh: String,
    #[serde(default)]
    pub description_en: Option<String>,
    pub event_type: EventType,
    #[serde(default)]
    pub venue: Option<String>,
    #[serde(default)]
    pub online_url: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub starts_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub ends_at: OffsetDateTime,
    #[serde(default)]
    pub domains: Vec<String>,
    /// Seats over all ticket types.
    pub capacity: u32,
    /// Public, or only with an invitation code.
    #[serde(default)]
    pub invitation_only: bool,
    /// Registering needs a verified email address (on unless the organizer turns it off).
    #[serde(default = "crate::validate::yes")]
    pub verified_email_required: bool,
    /// When registration opens (none: at once) and closes (none: when the event ends).
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub registration_opens_at: Option<OffsetDateTime>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub registration_closes_at: Option<OffsetDateTime>,
}

impl EventInput {
    /// Checks the shared rules; `now` refuses events that ended already.
    pub fn check(&self, now: OffsetDateTime) -> Result<(), FieldErrors> {
        let mut errs = FieldErrors::new();
        errs.check("title_zh", validate::required_line(&self.title_zh, 120));
        errs.check("title_en", validate::optional_line(self.title_en.as_deref(), 200));
        errs.check("description_zh", validate::required_text(&self.description_zh, 4000));
        errs.check("description_en", validate::optional_text(self.description_en.as_deref(), 8000));
        errs.check("venue", validate::optional_line(self.venue.as_deref(), 200));
        errs.check("starts_at", validate::moment_in_range(self.starts_at));
        errs.check("ends_at", validate::moment_in_range(self.ends_at));
        for (field, t) in [
            ("registration_opens_at", self.registration_opens_at),
            ("registration_closes_at", self.registration_closes_at),
        ] {
            if let Some(t) = t {
                errs.check(field, validate::moment_in_range(t));
            }
        }
        errs.check("online_url", validate::optional_url(self.online_url.as_deref()));
        if self.venue.as_deref().is_none_or(|v| v.trim().is_empty())
            && self.online_url.as_deref().is_none_or(|v| v.trim().is_empty())
        {
            errs.add("venue", FieldError::Required);
        }
        if self.ends_at <= self.starts_at {
            errs.add("ends_at", FieldError::DatesOutOfOrder);
        }
        if self.ends_at < now {
            errs.add("ends_at", FieldError::DateInPast);
        }
        if self.capacity == 0 || self.capacity > 100_000 {
            errs.add("capacity", FieldError::OutOfRange);
        }
        if !self.domains.is_empty() {
            errs.check("domains", validate::code_list(&self.domains, 3));
        }
        if self.registration_closes_at.is_some_and(|c| c > self.ends_at) {
            errs.add("registration_closes_at", FieldError::OutOfRange);
        } else if let (Some(o), Some(c)) = (self.registration_opens_at, self.registration_closes_at)
            && c <= o
        {
            errs.add("registration_closes_at", FieldError::DatesOutOfOrder);
        }
        if errs.is_empty() { Ok(()) } else { Err(errs) }
    }
}

/// A ticket type (普通, 嘉宾, 展商, 媒体…) with its quota.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TicketTypeInput {
    pub name_zh: String,
    #[serde(default)]
    pub name_en: Option<String>,
    pub quota: u32,
    /// Registrations wait for the organizer's approval.
    #[serde(default)]
    pub approval: bool,
}

impl TicketTypeInput {
    pub fn check(&self) -> Result<(), FieldErrors> {
        let mut errs = FieldErrors::new();
        errs.check("name_zh", validate::required_line(&self.name_zh, 60));
        errs.check("name_en", validate::optional_line(self.name_en.as_deref(), 100));
        if self.quota == 0 || self.quota > 100_000 {
            errs.add("quota", FieldError::OutOfRange);
        }
        if errs.is_empty() { Ok(()) } else { Err(errs) }
    }
}

/// A ticket type with what is left of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TicketType {
    pub id: i64,
    pub name_zh: String,
    pub name_en: Option<String>,
    pub quota: u32,
    pub approval: bool,
    /// Seats free now (quota and overall capacity both considered).
    pub free: u32,
    pub waiting: u32,
}

/// An event as listed and shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Event {
    pub id: i64,
    pub org_id: i64,
    pub org_name_zh: String,
    pub org_name_en: Option<String>,
    pub title_zh: String,
    pub title_en: Option<String>,
    pub description_zh: String,
    pub description_en: Option<String>,
    pub event_type: EventType,
    pub venue: Option<String>,
    pub online_url: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub starts_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub ends_at: OffsetDateTime,
    pub domains: Vec<String>,
    pub capacity: u32,
    pub invitation_only: bool,
    /// Registering needs a verified email address.
    #[serde(default)]
    pub verified_email_required: bool,
    pub registered: u32,
    pub ticket_types: Vec<TicketType>,
    /// The caller organizes it (a member of the organizing organization, or a manager).
    pub mine: bool,
    /// The caller may scan tickets at the door (organizers and check-in staff).
    #[serde(default)]
    pub can_check_in: bool,
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub registration_opens_at: Option<OffsetDateTime>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub registration_closes_at: Option<OffsetDateTime>,
    /// The cover image's address, if it has one (changes with the image).
    #[serde(default)]
    pub cover_url: Option<String>,
    /// Public. A draft (seen only by those who run it) until a verified organization publishes it.
    #[serde(default)]
    pub published: bool,
    /// The role the caller is invited to take on the event's staff, while they have not answered.
    #[serde(default)]
    pub staff_invitation: Option<StaffRole>,
}

/// Where registration stands at an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    NotYet,
    Open,
    Closed,
}

impl Event {
    /// Whether registration is open `now`: from its opening (or at once) until its closing (or the
    /// end of the event).
    pub fn window(&self, now: OffsetDateTime) -> Window {
        window(self.registration_opens_at, self.registration_closes_at, self.ends_at, now)
    }
}

/// See [`Event::window`].
pub fn window(
    opens: Option<OffsetDateTime>,
    closes: Option<OffsetDateTime>,
    ends_at: OffsetDateTime,
    now: OffsetDateTime,
) -> Window {
    if opens.is_some_and(|o| now < o) {
        Window::NotYet
    } else if now > closes.unwrap_or(ends_at).min(ends_at) {
        Window::Closed
    } else {
        Window::Open
    }
}

/// `POST /api/v1/events/{id}/registrations`: oneself, or a group of named people.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegistrationInput {
    pub ticket_type: i64,
    /// Names of the people attending (at least one: the registrant), at most [`GROUP_MAX`].
    pub people: Vec<String>,
    /// The registrant's organization they come for, if any (one they belong to).
    #[serde(default)]
    pub org_id: Option<i64>,
    /// Answers to the event's questions for this ticket type.
    #[serde(default)]
    pub answers: Vec<Answer>,
    /// The invitation code, for an invitation-only event.
    #[serde(default)]
    pub invitation_code: Option<String>,
}

impl RegistrationInput {
    pub fn check(&self) -> Result<Vec<String>, FieldErrors> {
        let mut errs = FieldErrors::new();
        let people: Vec<String> = self.people.iter().map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()).collect();
        if people.is_empty() {
            errs.add("people", FieldError::Required);
        } else if people.len() > GROUP_MAX {
            errs.add("people", FieldError::TooMany);
        } else if people.iter().any(|p| p.chars().count() > 60) {
            errs.add("people", FieldError::TooLong);
        } else if let Err(e) = validate::lines_clean(&people) {
            errs.add("people", e);
        }
        if errs.is_empty() { Ok(people) } else { Err(errs) }
    }
}

/// A registration as its registrant and the organizers see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Registration {
    pub id: i64,
    pub event_id: i64,
    pub ticket_type: i64,
    pub user_name: String,
    /// The organization registered for, if any.
    pub org_name: Option<String>,
    pub people: Vec<String>,
    /// The answers given (to the registrant and the organizers).
    #[serde(default)]
    pub answers: Vec<Answer>,
    pub status: RegistrationStatus,
    #[serde(with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub offer_expires_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: OffsetDateTime,
    /// A cancellation that may still be undone: what it returns to, and until when (while its
    /// seats have not been offered to the waiting list).
    #[serde(default)]
    pub undo: Option<CancelUndo>,
}

/// How long a cancelled registration may be taken back, unless its seats are offered first.
pub const UNDO_MINUTES: u32 = 30;

/// `Registration.undo`: undoing the cancellation returns the registration to `to`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CancelUndo {
    pub to: RegistrationStatus,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub until: OffsetDateTime,
}

code_enum!(
    /// A co-organizer's role on one event: managers run it like its organizers; check-in staff
    /// only scan tickets.
    StaffRole {
        Manager = "manager" => StaffManager,
        Checkin = "checkin" => StaffCheckin,
    }
);

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

impl QuestionKind {
    pub fn has_options(self) -> bool {
        matches!(self, QuestionKind::Single | QuestionKind::Multiple)
    }
}

/// Most questions one event asks.
pub const QUESTIONS_MAX: usize = 30;

/// `POST /api/v1/events/{id}/questions`: a question asked at registration, in zh (and en).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuestionInput {
    pub label_zh: String,
    #[serde(default)]
    pub label_en: Option<String>,
    pub kind: QuestionKind,
    #[serde(default)]
    pub required: bool,
    /// The choices of a single or multiple choice question, in zh…
    #[serde(default)]
    pub options_zh: Vec<String>,
    /// …and, optionally, in en (as many, in the same order).
    #[serde(default)]
    pub options_en: Vec<String>,
    /// Asked only for these ticket types; every ticket type when empty.
    #[serde(default)]
    pub ticket_types: Vec<i64>,
}

impl QuestionInput {
    pub fn check(&self) -> Result<(), FieldErrors> {
        let mut errs = FieldErrors::new();
        errs.check("label_zh", validate::required_line(&self.label_zh, 200));
        errs.check("label_en", validate::optional_line(self.label_en.as_deref(), 300));
        let trimmed = |v: &[String]| v.iter().map(|o| o.trim()).filter(|o| !o.is_empty()).count();
        if self.kind.has_options() {
            let n = trimmed(&self.options_zh);
            if n < 2 {
                errs.add("options_zh", FieldError::Required);
            } else if n > 20 || n != self.options_zh.len() {
                errs.add("options_zh", FieldError::Invalid);
            } else if self.options_zh.iter().any(|o| o.chars().count() > 100) {
                errs.add("options_zh", FieldError::TooLong);
            } else if let Err(e) = validate::lines_clean(&self.options_zh) {
                errs.add("options_zh", e);
            }
            if let Err(e) = validate::lines_clean(&self.options_en) {
                errs.add("options_en", e);
            }
            if !self.options_en.is_empty() && self.options_en.len() != self.options_zh.len() {
                errs.add("options_en", FieldError::Invalid);
            }
        } else if !self.options_zh.is_empty() || !self.options_en.is_empty() {
            errs.add("options_zh", FieldError::Invalid);
        }
        if errs.is_empty() { Ok(()) } else { Err(errs) }
    }
}

/// A registration question as the form shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Question {
    pub id: i64,
    pub label_zh: String,
    pub label_en: Option<String>,
    pub kind: QuestionKind,
    pub required: bool,
    pub options_zh: Vec<String>,
    pub options_en: Vec<String>,
    pub ticket_types: Vec<i64>,
}

impl Question {
    /// Whether the question is asked of registrations for `ticket_type`.
    pub fn asks(&self, ticket_type: i64) -> bool {
        self.ticket_types.is_empty() || self.ticket_types.contains(&ticket_type)
    }

    /// A stored answer in words: choices by their labels, yes/no in `locale`.
    pub fn answer_text(&self, value: &str, locale: crate::Locale) -> String {
        match self.kind {
            QuestionKind::Single | QuestionKind::Multiple => value
                .split(',')
                .filter_map(|i| i.parse::<usize>().ok())
                .filter_map(|i| {
                    let en = self.options_en.get(i).filter(|e| !e.is_empty() && locale == crate::Locale::En);
                    en.or(self.options_zh.get(i)).cloned()
                })
                .collect::<Vec<_>>()
                .join("、"),
            QuestionKind::YesNo => match value {
                "yes" => crate::Msg::Yes.t(locale).to_owned(),
                "no" => crate::Msg::No.t(locale).to_owned(),
                other => other.to_owned(),
            },
            _ => value.to_owned(),
        }
    }
}

/// One answer: the question and its value — text, a number, `YYYY-MM-DD`, `yes`/`no`, or the
/// chosen options' positions (`0`, or `0,2` for several).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Answer {
    pub question: i64,
    pub value: String,
}

/// Checks the answers given for a registration of `ticket_type` against the questions: each
/// required question asked of that type answered, every value of its kind, no answer to a question
/// not asked. The answers to store (normalised: trimmed, choices in order) or the field errors
/// (`answers.<question id>`).
pub fn check_answers(questions: &[Question], ticket_type: i64, answers: &[Answer]) -> Result<Vec<Answer>, FieldErrors> {
    let mut errs = FieldErrors::new();
    if answers.iter().any(|a| !questions.iter().any(|q| q.id == a.question && q.asks(ticket_type))) {
        errs.add("answers", FieldError::Invalid);
    }
    let mut out = vec![];
    for q in questions.iter().filter(|q| q.asks(ticket_type)) {
        let field = format!("answers.{}", q.id);
        let value = answers.iter().find(|a| a.question == q.id).map_or("", |a| a.value.trim());
        if value.is_empty() {
            if q.required {
                errs.add(&field, FieldError::Required);
            }
            continue;
        }
        let normalised = match q.kind {
            QuestionKind::Text => validate::required_line(value, 200),
            QuestionKind::LongText => validate::required_text(value, 2000),
            QuestionKind::Number => {
                value.parse::<f64>().ok().filter(|n| n.is_finite()).map(|_| value.to_owned()).ok_or(FieldError::Invalid)
            }
            QuestionKind::Date => {
                let format = time::macros::format_description!("[year]-[month]-[day]");
                time::Date::parse(value, &format).map(|_| value.to_owned()).map_err(|_| FieldError::Invalid)
            }
            QuestionKind::YesNo => match value {
                "yes" | "no" => Ok(value.to_owned()),
                _ => Err(FieldError::Invalid),
            },
            QuestionKind::Single | QuestionKind::Multiple => {
                let picked: Option<Vec<usize>> = value.split(',').map(|i| i.trim().parse::<usize>().ok()).collect();
                match picked {
                    Some(mut p) if p.iter().all(|i| *i < q.options_zh.len()) => {
                        p.sort_unstable();
                        p.dedup();
                        if q.kind == QuestionKind::Single && p.len() != 1 {
                            Err(FieldError::Invalid)
                        } else {
                            Ok(p.iter().map(usize::to_string).collect::<Vec<_>>().join(","))
                        }
                    }
                    _ => Err(FieldError::Invalid),
                }
            }
        };
        match normalised {
            Ok(value) => out.push(Answer { question: q.id, value }),
            Err(e) => errs.add(&field, e),
        }
    }
    if errs.is_empty() { Ok(out) } else { Err(errs) }
}

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

/// `GET /api/v1/events/{id}/registrants`: the organizers' table, searched, filtered, sorted, paged.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct RegistrantQuery {
    /// Words in the registrant's name or email, an attendee's name, or the organization.
    pub q: Option<String>,
    pub status: Option<RegistrationStatus>,
    pub ticket_type: Option<i64>,
    pub sort: Option<RegistrantSort>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

/// One row of the organizers' registrant table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Registrant {
    pub id: i64,
    pub user_name: String,
    pub email: String,
    pub org_name: Option<String>,
    pub people: Vec<String>,
    pub ticket_type: i64,
    pub ticket_zh: String,
    pub ticket_en: Option<String>,
    pub status: RegistrationStatus,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: OffsetDateTime,
    /// People of the group checked in.
    pub checked_in: u32,
}

code_enum!(
    /// What the organizers do to several registrations at once.
    BulkAction {
        Approve = "approve" => BulkApprove,
        Reject = "reject" => BulkReject,
    }
);

/// `POST /api/v1/events/{id}/registrations/bulk`: all of them or none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BulkRequest {
    pub ids: Vec<i64>,
    pub action: BulkAction,
}

/// Registrations one bulk request may change.
pub const BULK_MAX: usize = 500;

impl BulkRequest {
    pub fn check(&self) -> Result<(), FieldErrors> {
        let mut errs = FieldErrors::new();
        if self.ids.is_empty() {
            errs.add("ids", FieldError::TooFew);
        } else if self.ids.len() > BULK_MAX {
            errs.add("ids", FieldError::TooMany);
        }
        errs.into_result()
    }
}

/// `GET /api/v1/events/{id}/registrations.csv?ids=3,5,8`: only the registrations selected.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ExportSelection {
    /// Registration ids, comma-separated; every registration when absent.
    pub ids: Option<String>,
}

impl ExportSelection {
    /// The ids named (unreadable parts are an error, so a mistyped link exports nothing silently).
    pub fn ids(&self) -> Result<Option<Vec<i64>>, FieldErrors> {
        let Some(text) = self.ids.as_deref().map(str::trim).filter(|t| !t.is_empty()) else { return Ok(None) };
        let ids: Result<Vec<i64>, _> = text.split(',').map(|p| p.trim().parse::<i64>()).collect();
        let mut errs = FieldErrors::new();
        match ids {
            Ok(ids) if ids.len() <= BULK_MAX => return Ok(Some(ids)),
            Ok(_) => errs.add("ids", FieldError::TooMany),
            Err(_) => errs.add("ids", FieldError::Invalid),
        }
        Err(errs)
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registration_is_open_from_its_opening_until_its_closing_or_the_end_of_the_event() {
        use time::macros::datetime;
        let (opens, closes, ends) =
            (datetime!(2027-03-01 00:00 UTC), datetime!(2027-03-20 00:00 UTC), datetime!(2027-04-01 10:00 UTC));
        let at = |t| window(Some(opens), Some(closes), ends, t);
        assert_eq!(at(datetime!(2027-02-28 23:59 UTC)), Window::NotYet);
        assert_eq!(at(datetime!(2027-03-10 00:00 UTC)), Window::Open);
        assert_eq!(at(datetime!(2027-03-20 00:01 UTC)), Window::Closed);
        assert_eq!(window(None, None, ends, datetime!(2027-04-01 09:00 UTC)), Window::Open);
        assert_eq!(window(None, None, ends, datetime!(2027-04-01 10:01 UTC)), Window::Closed);
    }

    #[test]
    fn free_seats_are_bounded_by_the_quota_and_the_capacity_left() {
        assert_eq!(free_seats(50, 10, 100, 95), 5, "the event is nearly full");
        assert_eq!(free_seats(50, 48, 100, 60), 2, "the ticket type is nearly full");
        assert_eq!(free_seats(50, 60, 100, 60), 0, "never negative");
    }

    #[test]
    fn a_registration_beyond_capacity_goes_to_the_waiting_list_whole() {
        assert_eq!(place(3, 3, false), RegistrationStatus::Confirmed);
        assert_eq!(place(3, 3, true), RegistrationStatus::Pending);
        assert_eq!(place(4, 3, false), RegistrationStatus::Waitlisted, "a group is never split");
    }

    #[test]
    fn freed_seats_go_to_the_first_entries_that_fit_without_a_big_group_blocking_the_list() {
        let waiting = [(1, 4), (2, 1), (3, 2), (4, 1)];
        assert_eq!(offers(&waiting, 3), vec![2, 3], "the group of four waits; the next ones fit");
        assert_eq!(offers(&waiting, 5), vec![1, 2]);
        assert!(offers(&waiting, 0).is_empty());
    }

    #[test]
    fn ticket_codes_parse_whatever_the_case_and_spacing_and_odd_shapes_are_refused() {
        let (t, sig) = parse_ticket_code(" r12-0-abcdefghijklmnop ").unwrap();
        assert_eq!((t.registration, t.person, sig.as_str()), (12, 0, "ABCDEFGHIJKLMNOP"));
        for bad in [
            "",
            "12-0-ABCDEFGHIJKLMNOP",
            "R12-0-ABC",
            "R0-0-ABCDEFGHIJKLMNOP",
            "R12-10-ABCDEFGHIJKLMNOP",
            "R12-x-ABCDEFGHIJKLMNOP",
        ] {
            assert!(parse_ticket_code(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn a_scan_needs_a_ticket_code_a_device_and_a_nonce() {
        let scan =
            |code: &str, device: &str| CheckinInput { code: code.into(), device: device.into(), nonce: "n1".into() };
        assert!(scan("R1-0-ABCDEFGHIJKLMNOP", "phone-1").check().is_ok());
        assert_eq!(scan("", "phone-1").check().unwrap_err().get("code"), Some(FieldError::Required));
        assert_eq!(scan("hello", "phone-1").check().unwrap_err().get("code"), Some(FieldError::Invalid));
        assert_eq!(scan("R1-0-ABCDEFGHIJKLMNOP", "a b").check().unwrap_err().get("device"), Some(FieldError::Invalid));
    }

    #[test]
    fn registrations_are_counted_on_their_china_day_and_the_rate_rounds_down() {
        use time::macros::datetime;
        let rows = [
            (datetime!(2026-11-28 15:59 UTC), 2),
            (datetime!(2026-11-28 16:00 UTC), 1),
            (datetime!(2026-11-29 03:00 UTC), 3),
        ];
        let days = per_day(&rows, crate::CHINA);
        let days: Vec<(&str, u32)> = days.iter().map(|r| (r.key.as_str(), r.people)).collect();
        assert_eq!(days, [("2026-11-28", 2), ("2026-11-29", 4)], "16:00 UTC is midnight in Hangzhou");
        assert_eq!(CheckinCounts { checked_in: 2, expected: 3 }.rate_percent(), 66);
        assert_eq!(CheckinCounts { checked_in: 0, expected: 0 }.rate_percent(), 0);
    }

    fn question(id: i64, kind: QuestionKind, required: bool, options: &[&str], types: &[i64]) -> Question {
        Question {
            id,
            label_zh: format!("问题{id}"),
            label_en: None,
            kind,
            required,
            options_zh: options.iter().map(|o| (*o).to_owned()).collect(),
            options_en: vec![],
            ticket_types: types.to_vec(),
        }
    }

    fn answer(question: i64, value: &str) -> Answer {
        Answer { question, value: value.into() }
    }

    #[test]
    fn answers_are_checked_against_each_question_of_the_ticket_type() {
        let qs = [
            question(1, QuestionKind::Text, true, &[], &[]),
            question(2, QuestionKind::Multiple, false, &["能源", "医疗", "制造"], &[]),
            question(3, QuestionKind::Number, true, &[], &[10]),
            question(4, QuestionKind::Date, false, &[], &[]),
            question(5, QuestionKind::YesNo, false, &[], &[]),
        ];
        let ok = check_answers(&qs, 20, &[answer(1, " 张三 "), answer(2, "2,0,2"), answer(5, "yes")]).unwrap();
        assert_eq!(ok, vec![answer(1, "张三"), answer(2, "0,2"), answer(5, "yes")], "trimmed, choices in order");
        assert_eq!(qs[1].answer_text("0,2", crate::Locale::ZhCn), "能源、制造");

        let errs = check_answers(&qs, 10, &[answer(2, "3"), answer(4, "2026-13-01")]).unwrap_err();
        assert_eq!(errs.get("answers.1"), Some(FieldError::Required));
        assert_eq!(errs.get("answers.3"), Some(FieldError::Required), "asked of ticket type 10");
        assert_eq!(errs.get("answers.2"), Some(FieldError::Invalid), "no fourth option");
        assert_eq!(errs.get("answers.4"), Some(FieldError::Invalid));
        let errs = check_answers(&qs, 20, &[answer(1, "x"), answer(3, "5")]).unwrap_err();
        assert_eq!(errs.get("answers"), Some(FieldError::Invalid), "question 3 is not asked of type 20");
        let errs = check_answers(&qs, 10, &[answer(1, "x"), answer(3, "many")]).unwrap_err();
        assert_eq!(errs.get("answers.3"), Some(FieldError::Invalid));
    }

    #[test]
    fn a_choice_question_needs_options_and_a_text_question_none() {
        let mut q = QuestionInput {
            label_zh: "关注领域".into(),
            label_en: None,
            kind: QuestionKind::Single,
            required: true,
            options_zh: vec!["能源".into()],
            options_en: vec![],
            ticket_types: vec![],
        };
        assert_eq!(q.check().unwrap_err().get("options_zh"), Some(FieldError::Required));
        q.options_zh.push("医疗".into());
        assert!(q.check().is_ok());
        q.options_en = vec!["Energy".into()];
        assert_eq!(q.check().unwrap_err().get("options_en"), Some(FieldError::Invalid));
        q.options_en.clear();
        q.kind = QuestionKind::Text;
        assert_eq!(q.check().unwrap_err().get("options_zh"), Some(FieldError::Invalid));
    }

    #[test]
    fn only_confirmed_tickets_enter() {
        assert!(may_enter(RegistrationStatus::Confirmed));
        for s in [
            RegistrationStatus::Pending,
            RegistrationStatus::Waitlisted,
            RegistrationStatus::Offered,
            RegistrationStatus::Cancelled,
            RegistrationStatus::Rejected,
        ] {
            assert!(!may_enter(s), "{s:?}");
        }
    }

    #[test]
    fn a_group_names_everyone_and_stays_within_the_limit() {
        let one = RegistrationInput {
            ticket_type: 1,
            people: vec![" 张明 ".into()],
            org_id: None,
            answers: vec![],
            invitation_code: None,
        };
        assert_eq!(one.check().unwrap(), vec!["张明".to_owned()]);
        let none = RegistrationInput {
            ticket_type: 1,
            people: vec!["  ".into()],
            org_id: None,
            answers: vec![],
            invitation_code: None,
        };
        assert_eq!(none.check().unwrap_err().get("people"), Some(FieldError::Required));
        let many = RegistrationInput {
            ticket_type: 1,
            people: (0..11).map(|i| format!("p{i}")).collect(),
            org_id: None,
            answers: vec![],
            invitation_code: None,
        };
        assert_eq!(many.check().unwrap_err().get("people"), Some(FieldError::TooMany));
    }
}
