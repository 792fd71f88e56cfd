//! 揭榜挂帅 open calls: formal applications to a demand published as an open call, the owner's
//! shortlist, clarifications and selection, and the public notice (公示) with its objection window.

use serde::{Deserialize, Serialize};
use time::{Date, Duration, OffsetDateTime, Weekday};

use crate::engage::{Attachment, MESSAGE_MAX, OrgRef};
use crate::error::FieldErrors;
use crate::validate::{self, FieldError};

code_enum!(
    /// submitted → shortlisted → selected / not selected; withdrawn by the applicant.
    ApplicationStatus {
        Submitted = "submitted" => AppSubmitted,
        Shortlisted = "shortlisted" => AppShortlisted,
        Selected = "selected" => AppSelected,
        NotSelected = "not_selected" => AppNotSelected,
    }
);

code_enum!(
    /// A notice is open for objections, then final; with objections left unanswered an admin
    /// decides: upheld (final) or overturned.
    NoticeStatus {
        Open = "open" => NoticeOpen,
        UnderReview = "under_review" => NoticeUnderReview,
        Final = "final" => NoticeFinal,
        Overturned = "overturned" => NoticeOverturned,
    }
);

/// Working days of a notice's objection window by default (公示期).
pub const NOTICE_WORKING_DAYS: u32 = 5;

/// `start` plus `n` working days (Monday to Friday; public holidays are not modelled).
pub fn add_working_days(start: OffsetDateTime, n: u32) -> OffsetDateTime {
    let mut t = start;
    let mut left = n;
    while left > 0 {
        t += Duration::days(1);
        if !matches!(t.weekday(), Weekday::Saturday | Weekday::Sunday) {
            left -= 1;
        }
    }
    t
}

/// Where a closed window leaves a notice: final without unanswered objections, else an admin decides.
pub fn after_window(unanswered: usize) -> NoticeStatus {
    if unanswered == 0 { NoticeStatus::Final } else { NoticeStatus::UnderReview }
}

/// `POST /api/v1/demands/{id}/applications` and its revisions.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationInput {
    /// The applying organization (one of the caller's); fixed after the first submission.
    pub org_id: i64,
    pub solution: String,
    pub team: String,
    /// Budget asked, 万元.
    pub budget: u32,
    pub timeline: String,
}

impl ApplicationInput {
    /// Trimmed texts (solution, team, timeline), each required.
    pub fn parse(&self) -> Result<(String, String, String), FieldErrors> {
        let mut errs = FieldErrors::new();
        let solution = errs.check("solution", validate::required_text(&self.solution, MESSAGE_MAX));
        let team = errs.check("team", validate::required_text(&self.team, 2000));
        let timeline = errs.check("timeline", validate::required_text(&self.timeline, 2000));
        if self.budget > 1_000_000 {
            errs.add("budget", FieldError::OutOfRange);
        }
        match (solution, team, timeline) {
            (Some(s), Some(t), Some(l)) if errs.is_empty() => Ok((s, t, l)),
            _ => Err(errs),
        }
    }
}

/// Whether applications are still accepted on `today` (the deadline day included).
pub fn open_for_applications(deadline: Date, today: Date) -> bool {
    today <= deadline
}

/// A question from the owner and the applicant's answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Clarification {
    pub id: i64,
    pub question: String,
    pub answer: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub asked_at: OffsetDateTime,
}

/// One application as its applicant and the call's owner see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Application {
    pub id: i64,
    pub demand_id: i64,
    pub org: OrgRef,
    pub solution: String,
    pub team: String,
    pub budget: u32,
    pub timeline: String,
    pub status: ApplicationStatus,
    pub attachments: Vec<Attachment>,
    pub clarifications: Vec<Clarification>,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub submitted_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub updated_at: OffsetDateTime,
}

/// `POST .../clarifications` (owner) and `.../answer` (applicant).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Text {
    pub text: String,
}

/// `POST /api/v1/demands/{id}/notice`: the winners and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Selection {
    pub winners: Vec<i64>,
    pub rationale: String,
}

/// An objection, anonymous on the public page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Objection {
    pub id: i64,
    pub grounds: String,
    pub answer: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub filed_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub answered_at: Option<OffsetDateTime>,
}

/// One step of a notice's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoticeEvent {
    pub action: String,
    pub note: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub at: OffsetDateTime,
}

/// A public notice (公示) of an open call's result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notice {
    pub id: i64,
    /// What is announced: an open call's result (the demand) or a competition's final results.
    pub demand_id: Option<i64>,
    pub competition_id: Option<i64>,
    pub title_zh: String,
    pub title_en: Option<String>,
    pub owner: OrgRef,
    /// An open call's selected applicants.
    pub winners: Vec<OrgRef>,
    /// A competition's placed teams, per track in rank order.
    #[serde(default)]
    pub ranking: Vec<NoticeRank>,
    pub rationale: String,
    pub reward: Option<u32>,
    pub status: NoticeStatus,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub published_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub window_ends: OffsetDateTime,
    pub objections: Vec<Objection>,
    pub history: Vec<NoticeEvent>,
    pub decision_note: Option<String>,
}

/// A team placed in a competition's final results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoticeRank {
    pub team_id: i64,
    pub team_name: String,
    pub org: Option<OrgRef>,
    pub track_zh: String,
    pub track_en: Option<String>,
    pub rank: u32,
    pub normalised: f64,
}

/// `POST /api/v1/notices/{id}/decision` (site admins, after the window with open objections).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoticeDecision {
    /// True: the result stands (final); false: overturned.
    pub uphold: bool,
    pub note: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn the_objection_window_counts_working_days_only() {
        // Friday + 5 working days = the next Friday; Monday + 5 = the next Monday.
        assert_eq!(add_working_days(datetime!(2026-11-27 10:00 UTC), 5), datetime!(2026-12-04 10:00 UTC));
        assert_eq!(add_working_days(datetime!(2026-11-30 10:00 UTC), 5), datetime!(2026-12-07 10:00 UTC));
        // Published on a Saturday: the window starts counting on Monday.
        assert_eq!(add_working_days(datetime!(2026-11-28 10:00 UTC), 1), datetime!(2026-11-30 10:00 UTC));
        assert_eq!(add_working_days(datetime!(2026-11-28 10:00 UTC), 0), datetime!(2026-11-28 10:00 UTC));
    }

    #[test]
    fn a_closed_window_is_final_only_without_unanswered_objections() {
        assert_eq!(after_window(0), NoticeStatus::Final);
        assert_eq!(after_window(2), NoticeStatus::UnderReview);
    }

    #[test]
    fn applications_close_after_the_deadline_day() {
        use time::macros::date;
        assert!(open_for_applications(date!(2026 - 12 - 01), date!(2026 - 12 - 01)));
        assert!(!open_for_applications(date!(2026 - 12 - 01), date!(2026 - 12 - 02)));
    }

    #[test]
    fn an_application_needs_its_solution_team_and_timeline() {
        let errs = ApplicationInput::default().parse().unwrap_err();
        for f in ["solution", "team", "timeline"] {
            assert_eq!(errs.get(f), Some(FieldError::Required), "{f}");
        }
        let ok = ApplicationInput {
            org_id: 1,
            solution: " 方案 ".into(),
            team: "团队".into(),
            budget: 300,
            timeline: "六个月".into(),
        };
        assert_eq!(ok.parse().unwrap().0, "方案");
    }
}

/// `GET /api/v1/notices`: a page, optionally only notices in one status (e.g. `under_review`: the
/// ones waiting for a site admin's decision).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct NoticeQuery {
    #[serde(default)]
    pub status: Option<NoticeStatus>,
    #[serde(default)]
    pub page: Option<u32>,
    #[serde(default)]
    pub per_page: Option<u32>,
}
