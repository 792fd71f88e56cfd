//! The matchmaking-meeting contract (b2match-style): the organizers' time slots and tables, each
//! attendee's availability, meeting requests between attendees that the other accepts or declines,
//! and the schedule that places accepted meetings at a slot and a table.

use crate::i18n::text;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::error::FieldErrors;
use crate::matching::Reason;
use crate::validate::{self, FieldError};

/// Slots per event at most (availability is kept as a 64-bit set by the scheduler).
pub const SLOTS_MAX: usize = 48;
pub const TABLES_MAX: u32 = 1000;
pub const MESSAGE_MAX: usize = 300;

/// A meeting time slot as the organizers set it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SlotInput {
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub starts_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub ends_at: OffsetDateTime,
}

/// `PUT /api/v1/events/{id}/meetings/setup`: the tables and the slots (replacing the old ones; a slot
/// kept at the same start keeps its availability).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SetupInput {
    pub tables: u32,
    pub slots: Vec<SlotInput>,
}

impl SetupInput {
    /// Checks the rules against the event's time span; the slots sorted by start.
    pub fn check(&self, event_start: OffsetDateTime, event_end: OffsetDateTime) -> Result<Vec<SlotInput>, FieldErrors> {
        let mut errs = FieldErrors::new();
        if self.tables == 0 || self.tables > TABLES_MAX {
            errs.add("tables", FieldError::OutOfRange);
        }
        let mut slots = self.slots.clone();
        slots.sort_by_key(|s| s.starts_at);
        if slots.is_empty() {
            errs.add("slots", FieldError::Required);
        } else if slots.len() > SLOTS_MAX {
            errs.add("slots", FieldError::TooMany);
        } else if let Some(e) = slots.iter().find_map(|s| validate::moment_in_range(s.starts_at).err()) {
            errs.add("slots", e);
        } else if slots.iter().any(|s| s.ends_at <= s.starts_at) {
            errs.add("slots", FieldError::DatesOutOfOrder);
        } else if slots.iter().any(|s| s.starts_at < event_start || s.ends_at > event_end) {
            errs.add("slots", FieldError::OutOfRange);
        } else if slots.windows(2).any(|w| w[1].starts_at < w[0].ends_at) {
            // Overlapping slots would let one person be at two tables at once.
            errs.add("slots", FieldError::Invalid);
        }
        if errs.is_empty() { Ok(slots) } else { Err(errs) }
    }
}

/// Evenly spaced slots: `count` meetings of `minutes` with `pause` minutes between, from `start`.
pub fn even_slots(start: OffsetDateTime, count: u32, minutes: u32, pause: u32) -> Vec<SlotInput> {
    let step = time::Duration::minutes(i64::from(minutes) + i64::from(pause));
    // One more than the most a setup takes, so that too many slots are refused, not cut short.
    (0..count.min(SLOTS_MAX as u32 + 1))
        .map_while(|i| {
            let starts_at = start.checked_add(step.checked_mul(i32::try_from(i).ok()?)?)?;
            Some(SlotInput { starts_at, ends_at: starts_at.checked_add(time::Duration::minutes(i64::from(minutes)))? })
        })
        .collect()
}

/// A slot with its id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Slot {
    pub id: i64,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub starts_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub ends_at: OffsetDateTime,
}

/// An attendee as others see them in the meeting area.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Person {
    pub user_id: i64,
    pub name: String,
    pub org_id: Option<i64>,
    pub org_name_zh: Option<String>,
    pub org_name_en: Option<String>,
}

code_enum!(
    /// A meeting request's state.
    RequestStatus {
        Pending = "pending" => MeetPending,
        Accepted = "accepted" => MeetAccepted,
        Declined = "declined" => MeetDeclined,
        Cancelled = "cancelled" => MeetCancelled,
    }
);

/// `POST /api/v1/events/{id}/meetings/requests`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestInput {
    pub to_user: i64,
    #[serde(default)]
    pub message: String,
}

impl RequestInput {
    pub fn check(&self) -> Result<String, FieldErrors> {
        let mut errs = FieldErrors::new();
        let message = self.message.trim().to_owned();
        if message.chars().count() > MESSAGE_MAX {
            errs.add("message", FieldError::TooLong);
        }
        if errs.is_empty() { Ok(message) } else { Err(errs) }
    }
}

/// A meeting request, to or from the caller.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeetingRequest {
    pub id: i64,
    pub from: Person,
    pub to: Person,
    pub message: String,
    pub status: RequestStatus,
    /// The caller received it (and may accept or decline it).
    pub incoming: bool,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: OffsetDateTime,
}

/// One placed meeting in someone's agenda.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Meeting {
    pub request_id: i64,
    pub slot: Slot,
    pub table: u32,
    pub with: Person,
}

/// One placed meeting in the organizers' table plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlannedMeeting {
    pub request_id: i64,
    pub slot: Slot,
    pub table: u32,
    pub a: Person,
    pub b: Person,
    pub score: u8,
}

/// The last scheduler run: what it placed, against first-come greedy on the same input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScheduleReport {
    pub accepted: u32,
    pub placed: u32,
    /// The sum of the placed meetings' match scores.
    pub score: u64,
    pub greedy_placed: u32,
    pub greedy_score: u64,
    pub millis: u64,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub run_at: OffsetDateTime,
}

impl ScheduleReport {
    /// How long the run took, as a person says it ("不到 1 毫秒", "35 ms", "1.2 s").
    pub fn took(&self, l: crate::Locale) -> String {
        match self.millis {
            0 => crate::Msg::TookUnderMs.t(l).to_owned(),
            ms if ms < 1000 => text::TookMs { n: &ms }.t(l),
            ms => text::TookSeconds { n: &format!("{:.1}", ms as f64 / 1000.0) }.t(l),
        }
    }

    /// The average match score of the meetings placed, and of first come, first placed.
    pub fn averages(&self) -> (u64, u64) {
        let avg = |sum: u64, n: u32| if n == 0 { 0 } else { (sum as f64 / f64::from(n)).round() as u64 };
        (avg(self.score, self.placed), avg(self.greedy_score, self.greedy_placed))
    }
}

/// `GET /api/v1/events/{id}/meetings`: the caller's view of the meeting area.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Overview {
    pub tables: u32,
    pub slots: Vec<Slot>,
    /// The caller has a confirmed registration: may set availability and request meetings.
    pub attendee: bool,
    /// The caller runs the event: may set up slots and run the scheduler.
    pub organizer: bool,
    /// The slots the caller is available in.
    pub available: Vec<i64>,
    pub requests: Vec<MeetingRequest>,
    /// The caller's placed meetings, by time.
    pub agenda: Vec<Meeting>,
    pub last_run: Option<ScheduleReport>,
}

/// `PUT /api/v1/events/{id}/meetings/availability`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AvailabilityInput {
    pub slots: Vec<i64>,
}

/// Another attendee with how well they fit the caller (matching engine score over the two
/// organizations' postings) and where things stand between them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Counterpart {
    pub person: Person,
    pub score: u8,
    pub reasons: Vec<Reason>,
    /// The two postings the score comes from (the caller's side first), titles in zh.
    pub via: Option<(String, String)>,
    /// Slots both are available in.
    pub common_slots: u32,
    /// A live or last request between the two.
    pub request: Option<(i64, RequestStatus)>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn overlapping_or_outside_slots_are_refused_and_even_slots_pass() {
        let (start, end) = (datetime!(2027-03-01 13:00 +8), datetime!(2027-03-01 18:00 +8));
        let ok = SetupInput { tables: 10, slots: even_slots(start, 12, 20, 5) };
        assert_eq!(ok.check(start, end).unwrap().len(), 12);
        let mut overlap = ok.clone();
        overlap.slots[1].starts_at = overlap.slots[0].starts_at + time::Duration::minutes(10);
        assert_eq!(overlap.check(start, end).unwrap_err().get("slots"), Some(FieldError::Invalid));
        let outside = SetupInput { tables: 10, slots: even_slots(start, 13, 20, 5) };
        assert_eq!(outside.check(start, end).unwrap_err().get("slots"), Some(FieldError::OutOfRange));
        let no_tables = SetupInput { tables: 0, slots: vec![] };
        let errs = no_tables.check(start, end).unwrap_err();
        assert_eq!((errs.get("tables"), errs.get("slots")), (Some(FieldError::OutOfRange), Some(FieldError::Required)));
    }

    #[test]
    fn a_request_message_is_trimmed_and_bounded() {
        let r = RequestInput { to_user: 2, message: "  你好 ".into() };
        assert_eq!(r.check().unwrap(), "你好");
        let long = RequestInput { to_user: 2, message: "长".repeat(MESSAGE_MAX + 1) };
        assert_eq!(long.check().unwrap_err().get("message"), Some(FieldError::TooLong));
    }
}

#[cfg(test)]
mod report_tests {
    use super::*;
    use crate::Locale;

    fn report(millis: u64) -> ScheduleReport {
        ScheduleReport {
            accepted: 10,
            placed: 3,
            score: 200,
            greedy_placed: 0,
            greedy_score: 0,
            millis,
            run_at: OffsetDateTime::UNIX_EPOCH,
        }
    }

    #[test]
    fn a_run_reads_as_a_duration_and_an_average_never_as_zero_milliseconds_or_a_sum() {
        assert_eq!(report(0).took(Locale::ZhCn), "不到 1 毫秒");
        assert_eq!(report(0).took(Locale::En), "under 1 ms");
        assert_eq!(report(35).took(Locale::En), "35 ms");
        assert_eq!(report(1240).took(Locale::ZhCn), " 1.2 秒");
        assert_eq!(report(0).averages(), (67, 0), "200 over 3 meetings; nothing placed averages 0");
    }
}
