//! The engagement contract: interest requests (对接申请) between organizations, the conversation they
//! open, and the deal pipeline that follows — with the lifecycle as pure rules.
//!
//! This file is long because it is the whole engagement contract with its lifecycle rules and their
//! tests.

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use crate::error::FieldErrors;
use crate::market::PostingKind;
use crate::validate::{self, FieldError};

code_enum!(
    /// What the sender proposes.
    Proposal {
        License = "license" => ModeLicense,
        Transfer = "transfer" => ModeTransfer,
        JointDevelopment = "joint_development" => ModeJointDevelopment,
        ContractResearch = "contract_research" => ModeContractResearch,
        Service = "service" => ModeService,
        Pilot = "pilot" => ProposalPilot,
        Investment = "investment" => ProposalInvestment,
    }
);

code_enum!(
    /// pending → accepted / declined / expired / withdrawn.
    EngagementStatus {
        Pending = "pending" => EngPending,
        Accepted = "accepted" => EngAccepted,
        Declined = "declined" => EngDeclined,
        Expired = "expired" => EngExpired,
        Withdrawn = "withdrawn" => EngWithdrawn,
    }
);

code_enum!(
    /// The deal pipeline after acceptance: 洽谈中 → 已签约 → 已结项, or 未成.
    DealStage {
        Negotiating = "negotiating" => StageNegotiating,
        Signed = "signed" => StageSigned,
        Completed = "completed" => StageCompleted,
        Failed = "failed" => StageFailed,
    }
);

code_enum!(
    /// Why a deal did not happen; "not relevant" teaches the matching engine.
    FailureReason {
        NotRelevant = "not_relevant" => FailNotRelevant,
        Budget = "budget" => FailBudget,
        Timing = "timing" => FailTiming,
        Terms = "terms" => FailTerms,
        Other = "other" => FailOther,
    }
);

code_enum!(
    /// Which side of a request the viewing organization is on.
    Side {
        Sent = "sent" => SideSent,
        Received = "received" => SideReceived,
    }
);

/// May a deal move from `from` to `to`? Forward only; failing is possible until completion.
pub fn stage_allowed(from: DealStage, to: DealStage) -> bool {
    use DealStage::*;
    matches!((from, to), (Negotiating, Signed) | (Negotiating, Failed) | (Signed, Completed) | (Signed, Failed))
}

/// Longest message or reason, in characters.
pub const MESSAGE_MAX: usize = 4000;

/// `POST /api/v1/engagements`: an interest request about `posting_id`, sent on behalf of `from_org`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewEngagement {
    pub from_org: i64,
    pub posting_id: i64,
    /// The sender's own posting this request comes from (a match), if any.
    #[serde(default)]
    pub source_id: Option<i64>,
    pub proposal: Proposal,
    pub message: String,
}

impl NewEngagement {
    /// The message, trimmed and required.
    pub fn parse(&self) -> Result<String, FieldErrors> {
        let mut errs = FieldErrors::new();
        let message = errs.check("message", validate::required_text(&self.message, MESSAGE_MAX));
        match message {
            Some(m) if errs.is_empty() => Ok(m),
            _ => Err(errs),
        }
    }
}

/// `POST /api/v1/engagements/bundle`: the demand's owner asks every party of a bundle at once — the lab
/// for its capability (with the proposal chosen), the scenario's owner for a pilot, the fund for an
/// investment — with one message, on behalf of the demand's organization.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BundleRequest {
    /// The demand the bundle was proposed for.
    pub demand_id: i64,
    pub capability_id: i64,
    pub scenario_id: i64,
    pub mandate_id: i64,
    /// What the lab is asked for: licence, transfer, joint development, contract research or a service.
    pub capability_proposal: Proposal,
    pub message: String,
}

impl BundleRequest {
    /// The message, trimmed and required; the lab's proposal one a lab can answer.
    pub fn parse(&self) -> Result<String, FieldErrors> {
        let mut errs = FieldErrors::new();
        let message = errs.check("message", validate::required_text(&self.message, MESSAGE_MAX));
        if matches!(self.capability_proposal, Proposal::Pilot | Proposal::Investment) {
            errs.add("capability_proposal", FieldError::Invalid);
        }
        match message {
            Some(m) if errs.is_empty() => Ok(m),
            _ => Err(errs),
        }
    }

    /// The three requests: (posting, proposal).
    pub fn parts(&self) -> [(&'static str, i64, Proposal); 3] {
        [
            ("capability_id", self.capability_id, self.capability_proposal),
            ("scenario_id", self.scenario_id, Proposal::Pilot),
            ("mandate_id", self.mandate_id, Proposal::Investment),
        ]
    }
}

/// What `POST /api/v1/engagements/bundle` did: the requests sent, and the parties already asked (an
/// open request of the organization for that posting exists), left as they were.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BundleRequestResult {
    pub sent: Vec<EngagementSummary>,
    pub already: Vec<i64>,
}

/// `POST /api/v1/engagements/{id}/decline`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Decline {
    pub reason: String,
}

/// `POST /api/v1/engagements/{id}/stage`: move the deal on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StageChange {
    pub stage: DealStage,
    /// Signed: contract value in 万元 (optional).
    #[serde(default)]
    pub contract_value: Option<u32>,
    /// Signed: the signing date (optional, not in the future).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub signed_on: Option<Date>,
    /// Failed: why (required).
    #[serde(default)]
    pub failure: Option<FailureReason>,
    #[serde(default)]
    pub note: Option<String>,
}

/// A stage change after parsing.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedStage {
    pub stage: DealStage,
    pub contract_value: Option<u32>,
    pub signed_on: Option<Date>,
    pub failure: Option<FailureReason>,
    pub note: Option<String>,
}

impl StageChange {
    pub fn parse(&self, today: Date) -> Result<ParsedStage, FieldErrors> {
        let mut errs = FieldErrors::new();
        let note = errs.check("note", validate::optional_text(self.note.as_deref(), MESSAGE_MAX)).flatten();
        if self.stage == DealStage::Failed && self.failure.is_none() {
            errs.add("failure", FieldError::Required);
        }
        if let Some(e) = self.signed_on.and_then(|d| validate::date_in_range(d).err()) {
            errs.add("signed_on", e);
        } else if self.signed_on.is_some_and(|d| d > today) {
            errs.add("signed_on", FieldError::OutOfRange);
        }
        if self.contract_value.is_some_and(|v| v > 100_000_000) {
            errs.add("contract_value", FieldError::OutOfRange);
        }
        if !errs.is_empty() {
            return Err(errs);
        }
        let signed = self.stage == DealStage::Signed;
        Ok(ParsedStage {
            stage: self.stage,
            contract_value: self.contract_value.filter(|_| signed),
            signed_on: self.signed_on.filter(|_| signed),
            failure: self.failure.filter(|_| self.stage == DealStage::Failed),
            note,
        })
    }
}

/// An organization as an engagement names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrgRef {
    pub id: i64,
    pub name_zh: String,
    pub name_en: Option<String>,
}

/// The posting a request is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PostingRef {
    pub id: i64,
    pub kind: PostingKind,
    pub title_zh: String,
    pub title_en: Option<String>,
}

/// One line of an organization's pipeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EngagementSummary {
    pub id: i64,
    pub from: OrgRef,
    pub to: OrgRef,
    pub posting: PostingRef,
    pub proposal: Proposal,
    pub status: EngagementStatus,
    pub stage: Option<DealStage>,
    /// The caller's side (when the caller belongs to one of the two).
    pub side: Option<Side>,
    /// Messages the caller has not read.
    pub unread: u32,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub expires_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub updated_at: OffsetDateTime,
}

/// How to reach one side, revealed to the other only after acceptance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Contact {
    pub org_id: i64,
    pub org_phone: Option<String>,
    pub org_email: Option<String>,
    /// The person who sent or accepted the request.
    pub person: Option<String>,
    pub person_email: Option<String>,
}

/// One recorded change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EngagementEvent {
    pub action: String,
    pub org_id: Option<i64>,
    pub user_name: Option<String>,
    pub note: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub at: OffsetDateTime,
}

/// `GET /api/v1/engagements/{id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Engagement {
    #[serde(flatten)]
    pub summary: EngagementSummary,
    pub message: String,
    pub decline_reason: Option<String>,
    pub contract_value: Option<u32>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub signed_on: Option<Date>,
    pub failure: Option<FailureReason>,
    pub failure_note: Option<String>,
    /// Both sides' contacts, once the request is accepted; empty before.
    pub contacts: Vec<Contact>,
    pub history: Vec<EngagementEvent>,
}

/// `GET /api/v1/engagements` filters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct EngagementQuery {
    /// One of the caller's organizations (default: all of them).
    pub org: Option<i64>,
    pub side: Option<Side>,
    pub status: Option<EngagementStatus>,
    pub stage: Option<DealStage>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

/// A file attached to a conversation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Attachment {
    pub id: i64,
    pub name: String,
    pub mime: String,
    pub size: u64,
    pub sha256: String,
}

/// Largest attachment, in bytes.
pub const ATTACHMENT_MAX: usize = 10 * 1024 * 1024;

/// One message of a conversation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Message {
    pub id: i64,
    pub org_id: i64,
    pub author: Option<String>,
    pub body: String,
    pub attachments: Vec<Attachment>,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub at: OffsetDateTime,
}

/// `POST /api/v1/engagements/{id}/read`: the caller has read the conversation up to this message
/// (the last one shown). Reading the messages (a GET) never marks them read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReadUpTo {
    pub up_to: i64,
}

/// `POST /api/v1/engagements/{id}/messages`: text, or attachments uploaded before, or both.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewMessage {
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub attachments: Vec<i64>,
}

impl NewMessage {
    pub fn parse(&self) -> Result<String, FieldErrors> {
        let mut errs = FieldErrors::new();
        let body = self.body.trim();
        if body.chars().count() > MESSAGE_MAX {
            errs.add("body", FieldError::TooLong);
        }
        if body.is_empty() && self.attachments.is_empty() {
            errs.add("body", FieldError::Required);
        }
        if self.attachments.len() > 10 {
            errs.add("attachments", FieldError::TooMany);
        }
        if errs.is_empty() { Ok(body.to_owned()) } else { Err(errs) }
    }
}

/// `POST /api/v1/orgs/{id}/blocks`: stop another organization's requests.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Block {
    pub org_id: i64,
}

/// `POST /api/v1/reports`: report an organization's abuse to the site admins.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewReport {
    /// The reporting organization (one of the caller's).
    pub org_id: i64,
    pub target_org: i64,
    #[serde(default)]
    pub engagement_id: Option<i64>,
    pub reason: String,
}

/// An abuse report as admins see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Report {
    pub id: i64,
    pub reporter: OrgRef,
    pub target: OrgRef,
    pub engagement_id: Option<i64>,
    pub reason: String,
    pub status: String,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub at: OffsetDateTime,
}

/// Recognizes a PDF, PNG, JPEG, GIF or WebP by its first bytes; anything else is refused.
pub fn sniff_mime(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(b"\xff\xd8\xff") {
        Some("image/jpeg")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("image/gif")
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

/// A file name safe to show and to send back in `Content-Disposition`: no paths, no control,
/// direction-override or quote characters (`invoice\u{202e}fdp.exe` would read as `invoiceexe.pdf`),
/// at most 120 characters; empty becomes "attachment".
pub fn clean_file_name(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String =
        base.chars().filter(|c| !validate::forbidden(*c, true) && !matches!(c, '"' | ';' | '\\')).take(120).collect();
    let cleaned = cleaned.trim().trim_start_matches('.').to_owned();
    if cleaned.is_empty() { "attachment".into() } else { cleaned }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn deals_move_forward_only_and_fail_until_completed() {
        use DealStage::*;
        assert!(stage_allowed(Negotiating, Signed));
        assert!(stage_allowed(Signed, Completed));
        assert!(stage_allowed(Negotiating, Failed) && stage_allowed(Signed, Failed));
        assert!(!stage_allowed(Negotiating, Completed));
        assert!(!stage_allowed(Completed, Failed));
        assert!(!stage_allowed(Failed, Negotiating));
        assert!(!stage_allowed(Signed, Negotiating));
    }

    #[test]
    fn a_failed_deal_needs_a_reason_and_signing_cannot_be_in_the_future() {
        let today = date!(2026 - 11 - 29);
        let fail = StageChange {
            stage: DealStage::Failed,
            contract_value: Some(10),
            signed_on: None,
            failure: None,
            note: None,
        };
        assert_eq!(fail.parse(today).unwrap_err().get("failure"), Some(FieldError::Required));
        let ok = StageChange { failure: Some(FailureReason::NotRelevant), ..fail.clone() }.parse(today).unwrap();
        assert_eq!(ok.contract_value, None, "a value only belongs to a signature");
        let signed = StageChange {
            stage: DealStage::Signed,
            contract_value: Some(300),
            signed_on: Some(date!(2026 - 12 - 01)),
            failure: Some(FailureReason::Budget),
            note: None,
        };
        assert_eq!(signed.parse(today).unwrap_err().get("signed_on"), Some(FieldError::OutOfRange));
        let signed = StageChange { signed_on: Some(today), ..signed }.parse(today).unwrap();
        assert_eq!((signed.contract_value, signed.failure), (Some(300), None));
    }

    #[test]
    fn a_message_needs_text_or_an_attachment() {
        assert!(NewMessage::default().parse().is_err());
        assert!(NewMessage { body: "  ".into(), attachments: vec![] }.parse().is_err());
        assert_eq!(NewMessage { body: " 你好 ".into(), attachments: vec![] }.parse().unwrap(), "你好");
        assert!(NewMessage { body: String::new(), attachments: vec![3] }.parse().is_ok());
        let long = "字".repeat(MESSAGE_MAX + 1);
        assert_eq!(
            NewMessage { body: long, attachments: vec![] }.parse().unwrap_err().get("body"),
            Some(FieldError::TooLong)
        );
    }

    #[test]
    fn files_are_recognized_by_content_not_by_name() {
        assert_eq!(sniff_mime(b"%PDF-1.7\n..."), Some("application/pdf"));
        assert_eq!(sniff_mime(b"\x89PNG\r\n\x1a\n\0\0"), Some("image/png"));
        assert_eq!(sniff_mime(b"\xff\xd8\xff\xe0"), Some("image/jpeg"));
        assert_eq!(sniff_mime(b"RIFF\0\0\0\0WEBPVP8 "), Some("image/webp"));
        assert_eq!(sniff_mime(b"MZ\x90\0"), None, "an executable renamed .pdf is refused");
        assert_eq!(sniff_mime(b"<html>"), None);
    }

    #[test]
    fn file_names_lose_paths_and_quotes() {
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_file_name("C:\\x\\方案.pdf"), "方案.pdf");
        assert_eq!(clean_file_name("a\"b;c.pdf"), "abc.pdf");
        assert_eq!(clean_file_name(""), "attachment");
        assert_eq!(clean_file_name(".hidden"), "hidden");
        assert_eq!(clean_file_name("invoice\u{202e}fdp.exe"), "invoicefdp.exe", "no direction override");
        assert_eq!(clean_file_name("方案\u{0}\u{2067}.pdf"), "方案.pdf");
    }
}
