//! The notification contract: what happened, rendered in the reader's language from a kind and the
//! names it mentions; per-user preferences; saved searches.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::error::FieldErrors;
use crate::i18n::{Locale, Msg, fill};
use crate::market::PostingKind;
use crate::validate::{self, FieldError};

code_enum!(
    /// What a notification is about.
    NotificationKind {
        RequestReceived = "request_received" => NoteRequestReceived,
        RequestAccepted = "request_accepted" => NoteRequestAccepted,
        RequestDeclined = "request_declined" => NoteRequestDeclined,
        RequestReminder = "request_reminder" => NoteRequestReminder,
        RequestExpired = "request_expired" => NoteRequestExpired,
        NewMessage = "new_message" => NoteNewMessage,
        StageChanged = "stage_changed" => NoteStageChanged,
        HighScoreMatch = "high_score_match" => NoteHighScoreMatch,
        SavedSearchHit = "saved_search_hit" => NoteSavedSearchHit,
        OpenCallResult = "open_call_result" => NoteOpenCallResult,
        Objection = "objection" => NoteObjection,
        PostingApproved = "posting_approved" => NotePostingApproved,
        PostingRejected = "posting_rejected" => NotePostingRejected,
        SeatOffered = "seat_offered" => NoteSeatOffered,
        EventMessage = "event_message" => NoteEventMessage,
        MeetingRequested = "meeting_requested" => NoteMeetingRequested,
        MeetingAccepted = "meeting_accepted" => NoteMeetingAccepted,
        MeetingsScheduled = "meetings_scheduled" => NoteMeetingsScheduled,
        JudgingAssigned = "judging_assigned" => NoteJudgingAssigned,
        CompetitionResult = "competition_result" => NoteCompetitionResult,
        ConsultationInvite = "consultation_invite" => NoteConsultationInvite,
        TeamJoined = "team_joined" => NoteTeamJoined,
        CompetitionStageClosed = "competition_stage_closed" => NoteCompetitionStageClosed,
        SpeakerInvitation = "speaker_invitation" => NoteSpeakerInvitation,
        PanelInvitation = "panel_invitation" => NotePanelInvitation,
        TeamInvitation = "team_invitation" => NoteTeamInvitation,
        StaffInvitation = "staff_invitation" => NoteStaffInvitation,
    }
);

impl NotificationKind {
    /// The sentence, with `{org}`, `{title}`, `{score}`, `{stage}`, `{q}` filled from the params.
    fn template(self) -> Msg {
        match self {
            NotificationKind::RequestReceived => Msg::NoteTextRequestReceived,
            NotificationKind::RequestAccepted => Msg::NoteTextRequestAccepted,
            NotificationKind::RequestDeclined => Msg::NoteTextRequestDeclined,
            NotificationKind::RequestReminder => Msg::NoteTextRequestReminder,
            NotificationKind::RequestExpired => Msg::NoteTextRequestExpired,
            NotificationKind::NewMessage => Msg::NoteTextNewMessage,
            NotificationKind::StageChanged => Msg::NoteTextStageChanged,
            NotificationKind::HighScoreMatch => Msg::NoteTextHighScoreMatch,
            NotificationKind::SavedSearchHit => Msg::NoteTextSavedSearchHit,
            NotificationKind::OpenCallResult => Msg::NoteTextOpenCallResult,
            NotificationKind::Objection => Msg::NoteTextObjection,
            NotificationKind::PostingApproved => Msg::NoteTextPostingApproved,
            NotificationKind::PostingRejected => Msg::NoteTextPostingRejected,
            NotificationKind::SeatOffered => Msg::NoteTextSeatOffered,
            NotificationKind::EventMessage => Msg::NoteTextEventMessage,
            NotificationKind::MeetingRequested => Msg::NoteTextMeetingRequested,
            NotificationKind::MeetingAccepted => Msg::NoteTextMeetingAccepted,
            NotificationKind::MeetingsScheduled => Msg::NoteTextMeetingsScheduled,
            NotificationKind::JudgingAssigned => Msg::NoteTextJudgingAssigned,
            NotificationKind::CompetitionResult => Msg::NoteTextCompetitionResult,
            NotificationKind::ConsultationInvite => Msg::NoteTextConsultationInvite,
            NotificationKind::TeamJoined => Msg::NoteTextTeamJoined,
            NotificationKind::CompetitionStageClosed => Msg::NoteTextCompetitionStageClosed,
            NotificationKind::SpeakerInvitation => Msg::NoteTextSpeakerInvitation,
            NotificationKind::PanelInvitation => Msg::NoteTextPanelInvitation,
            NotificationKind::TeamInvitation => Msg::NoteTextTeamInvitation,
            NotificationKind::StaffInvitation => Msg::NoteTextStaffInvitation,
        }
    }

    /// Whether email is on when the user has not chosen: what needs an answer or is a result.
    pub fn email_by_default(self) -> bool {
        matches!(
            self,
            NotificationKind::RequestReceived
                | NotificationKind::RequestAccepted
                | NotificationKind::RequestReminder
                | NotificationKind::SavedSearchHit
                | NotificationKind::OpenCallResult
                | NotificationKind::Objection
                | NotificationKind::PostingRejected
                | NotificationKind::SeatOffered
                | NotificationKind::EventMessage
                | NotificationKind::MeetingRequested
                | NotificationKind::MeetingsScheduled
                | NotificationKind::JudgingAssigned
                | NotificationKind::CompetitionResult
                | NotificationKind::ConsultationInvite
                | NotificationKind::TeamJoined
                | NotificationKind::CompetitionStageClosed
                | NotificationKind::SpeakerInvitation
                | NotificationKind::PanelInvitation
                | NotificationKind::TeamInvitation
                | NotificationKind::StaffInvitation
        )
    }
}

/// Renders a notification's sentence in `l`. Params hold names as written (a name's English form
/// under `{key}_en`) and codes (`stage`) that are translated here.
pub fn render(kind: NotificationKind, params: &BTreeMap<String, String>, l: Locale) -> String {
    let get = |k: &str| -> String {
        if l == Locale::En
            && let Some(en) = params.get(&format!("{k}_en")).filter(|s| !s.is_empty())
        {
            return en.clone();
        }
        params.get(k).cloned().unwrap_or_default()
    };
    let stage = params
        .get("stage")
        .and_then(|s| crate::engage::DealStage::parse(s))
        .map(|s| s.msg().t(l).to_owned())
        .unwrap_or_default();
    let (org, title, score, q, reason) = (get("org"), get("title"), get("score"), get("q"), get("reason"));
    let message = get("message");
    // The arguments every notification text may take, filled from what was stored with it
    // (a unit test holds each kind's text to these).
    let args = [
        ("org", &org),
        ("title", &title),
        ("score", &score),
        ("stage", &stage),
        ("q", &q),
        ("reason", &reason),
        ("message", &message),
    ];
    fill(kind.template().t(l), &args.map(|(k, v)| (k, v.as_str())))
}

/// One notification.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notification {
    pub id: i64,
    pub kind: NotificationKind,
    /// The in-app path it leads to.
    pub link: String,
    pub params: BTreeMap<String, String>,
    pub read: bool,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: OffsetDateTime,
}

/// `GET /api/v1/notifications/unread-count`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnreadCount {
    pub unread: u32,
}

/// How one kind reaches a user.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Preference {
    pub kind: NotificationKind,
    pub in_app: bool,
    pub email: bool,
}

/// A saved search: the query and filters of `/search`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SavedSearch {
    pub id: i64,
    pub q: String,
    pub kind: Option<PostingKind>,
    pub domain: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: OffsetDateTime,
}

/// `POST /api/v1/saved-searches`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewSavedSearch {
    pub q: String,
    #[serde(default)]
    pub kind: Option<PostingKind>,
    #[serde(default)]
    pub domain: Option<String>,
}

/// Most saved searches per user.
pub const SAVED_SEARCHES_MAX: usize = 20;

impl NewSavedSearch {
    /// The trimmed query (1–100 characters) and a well-formed domain code.
    pub fn parse(&self) -> Result<(String, Option<String>), FieldErrors> {
        let mut errs = FieldErrors::new();
        let q = errs.check("q", validate::required_line(&self.q, 100));
        let domain = match self.domain.as_deref().filter(|d| !d.is_empty()) {
            Some(d) => errs.check("domain", validate::term_code(d)),
            None => None,
        };
        match q {
            Some(q) if errs.is_empty() => Ok((q, domain)),
            _ => {
                if errs.is_empty() {
                    errs.add("q", FieldError::Required);
                }
                Err(errs)
            }
        }
    }
}

/// An email in the outbox, as admins see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutboxEmail {
    pub id: i64,
    pub to_email: String,
    pub subject: String,
    pub body: String,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub sent_at: Option<OffsetDateTime>,
    pub error: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_notification_text_takes_only_arguments_a_notification_stores() {
        let stored = ["org", "title", "score", "stage", "q", "reason", "message"];
        for kind in NotificationKind::ALL {
            for arg in kind.template().args() {
                assert!(stored.contains(arg), "{kind:?} needs {{{arg}}}, which no notification stores");
            }
        }
    }

    fn params(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn notifications_read_in_the_readers_language_with_names_in_it() {
        let p = params(&[("org", "之江实验室"), ("org_en", "Zhijiang Lab"), ("title", "固态电池攻关")]);
        assert_eq!(
            render(NotificationKind::RequestReceived, &p, Locale::ZhCn),
            "之江实验室申请就「固态电池攻关」与你对接"
        );
        let en = render(NotificationKind::RequestReceived, &p, Locale::En);
        assert!(en.contains("Zhijiang Lab") && en.contains("固态电池攻关"), "{en}");
        let stage = params(&[("org", "甲"), ("title", "乙"), ("stage", "signed")]);
        assert!(render(NotificationKind::StageChanged, &stage, Locale::ZhCn).contains("已签约"));
    }

    #[test]
    fn a_saved_search_needs_a_query() {
        assert!(NewSavedSearch::default().parse().is_err());
        let ok = NewSavedSearch { q: " 固态电池 ".into(), kind: None, domain: Some("advanced_energy".into()) };
        assert_eq!(ok.parse().unwrap(), ("固态电池".into(), Some("advanced_energy".into())));
        let bad = NewSavedSearch { q: "x".into(), kind: None, domain: Some("Bad Code!".into()) };
        assert!(bad.parse().unwrap_err().get("domain").is_some());
    }
}
