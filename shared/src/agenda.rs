//! The agenda contract: an event's sessions with time, room, speakers (platform users or names) and,
//! where seats are limited, a capacity that attendees take seats in.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::error::FieldErrors;
use crate::validate::{self, FieldError};

/// Sessions per event at most.
pub const SESSIONS_MAX: usize = 100;
/// Speakers per session at most.
pub const SPEAKERS_MAX: usize = 12;

/// `POST /api/v1/events/{id}/sessions`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionInput {
    pub title_zh: String,
    #[serde(default)]
    pub title_en: Option<String>,
    #[serde(default)]
    pub room: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub starts_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub ends_at: OffsetDateTime,
    /// One speaker per entry: a platform user's email links the user, anything else is a name.
    #[serde(default)]
    pub speakers: Vec<String>,
    /// Seats, when limited.
    #[serde(default)]
    pub capacity: Option<u32>,
}

/// A speaker line as typed: a platform user by email, or a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpeakerLine {
    Email(validate::Email),
    Name(String),
}

impl SessionInput {
    /// Checks the shared rules against the event's time span; the speaker lines parsed.
    pub fn check(
        &self,
        event_start: OffsetDateTime,
        event_end: OffsetDateTime,
    ) -> Result<Vec<SpeakerLine>, FieldErrors> {
        let mut errs = FieldErrors::new();
        errs.check("title_zh", validate::required_line(&self.title_zh, 120));
        errs.check("title_en", validate::optional_line(self.title_en.as_deref(), 200));
        errs.check("room", validate::optional_line(self.room.as_deref(), 60));
        errs.check("starts_at", validate::moment_in_range(self.starts_at));
        errs.check("ends_at", validate::moment_in_range(self.ends_at));
        if self.ends_at <= self.starts_at {
            errs.add("ends_at", FieldError::DatesOutOfOrder);
        } else if self.starts_at < event_start || self.ends_at > event_end {
            errs.add("starts_at", FieldError::OutOfRange);
        }
        if self.capacity.is_some_and(|c| c == 0 || c > 100_000) {
            errs.add("capacity", FieldError::OutOfRange);
        }
        let lines: Vec<&str> = self.speakers.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect();
        let mut speakers = vec![];
        if lines.len() > SPEAKERS_MAX {
            errs.add("speakers", FieldError::TooMany);
        }
        for line in lines {
            if let Err(e) = validate::required_line(line, 80) {
                errs.add("speakers", e);
            } else if line.contains('@') {
                match validate::Email::parse(line) {
                    Ok(e) => speakers.push(SpeakerLine::Email(e)),
                    Err(e) => errs.add("speakers", e),
                }
            } else {
                speakers.push(SpeakerLine::Name(line.to_owned()));
            }
        }
        if errs.is_empty() { Ok(speakers) } else { Err(errs) }
    }
}

/// A speaker: a platform user (with their organization) or a name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Speaker {
    pub user_id: Option<i64>,
    /// The name typed, or the accepting user's; empty for an invitation not yet accepted.
    pub name: String,
    /// The linked user's first organization, if any.
    pub org_name_zh: Option<String>,
    pub org_name_en: Option<String>,
    #[serde(default = "SpeakerStatus::named")]
    pub status: SpeakerStatus,
    /// The invited address: shown only to those who run the event.
    #[serde(default)]
    pub email: Option<String>,
}

code_enum!(
    /// A speaker typed as a name, or invited by email: linked to an account only when the person
    /// with that address accepts. Everyone sees named and accepted speakers; only the organizers see
    /// invitations still open or declined.
    SpeakerStatus {
        Named = "named" => SpeakerNamed,
        Invited = "invited" => SpeakerInvited,
        Accepted = "accepted" => SpeakerAccepted,
        Declined = "declined" => SpeakerDeclined,
    }
);

impl SpeakerStatus {
    fn named() -> Self {
        SpeakerStatus::Named
    }

    /// Shown to everyone.
    pub fn public(self) -> bool {
        matches!(self, SpeakerStatus::Named | SpeakerStatus::Accepted)
    }
}

/// One session of the agenda as everyone sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Session {
    pub id: i64,
    pub event_id: i64,
    pub title_zh: String,
    pub title_en: Option<String>,
    pub room: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub starts_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub ends_at: OffsetDateTime,
    pub speakers: Vec<Speaker>,
    pub capacity: Option<u32>,
    /// Seats taken.
    pub taken: u32,
    /// The caller holds a seat in it.
    pub joined: bool,
    /// The caller was invited to speak in it and has not answered yet.
    #[serde(default)]
    pub speaker_invitation: bool,
}

impl Session {
    /// Seats left, when limited.
    pub fn free(&self) -> Option<u32> {
        self.capacity.map(|c| c.saturating_sub(self.taken))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn input() -> SessionInput {
        SessionInput {
            title_zh: "主论坛".into(),
            title_en: None,
            room: Some("A厅".into()),
            starts_at: datetime!(2027-03-01 09:00 +8),
            ends_at: datetime!(2027-03-01 10:00 +8),
            speakers: vec!["张教授".into(), " lab@example.cn ".into(), "".into()],
            capacity: Some(80),
        }
    }

    #[test]
    fn speaker_lines_with_an_at_sign_link_a_user_and_others_are_names() {
        let out = input().check(datetime!(2027-03-01 08:00 +8), datetime!(2027-03-01 18:00 +8)).unwrap();
        assert_eq!(out.len(), 2);
        assert_eq!(out[0], SpeakerLine::Name("张教授".into()));
        assert!(matches!(&out[1], SpeakerLine::Email(e) if e.as_str() == "lab@example.cn"));
    }

    #[test]
    fn a_session_outside_the_event_or_without_seats_is_refused() {
        let mut s = input();
        s.capacity = Some(0);
        s.starts_at = datetime!(2027-03-01 07:00 +8);
        let errs = s.check(datetime!(2027-03-01 08:00 +8), datetime!(2027-03-01 18:00 +8)).unwrap_err();
        assert_eq!(errs.get("capacity"), Some(FieldError::OutOfRange));
        assert_eq!(errs.get("starts_at"), Some(FieldError::OutOfRange));
    }
}
