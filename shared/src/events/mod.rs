//! The events contract: forums, conferences, exhibitions, matchmaking meetings and roadshows; ticket
//! types with quotas under an overall capacity; registrations that never oversell, with a waiting
//! list whose entries (groups too) are offered freed seats — the pure rules live here.
//!
//! Where things are: the event, ticket types, seats and the registration window here;
//! `registrations` (registering, questions, the registrant table), `checkin` (staff, tickets,
//! check-in, the report), `messages` (messages to registrants, invitation codes).

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

mod checkin;
mod messages;
mod registrations;

pub use checkin::*;
pub use messages::*;
pub use registrations::*;

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
