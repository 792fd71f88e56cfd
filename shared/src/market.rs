//! The marketplace contract: four kinds of posting (demands, capabilities, scenario openings,
//! investor mandates), their validation, and the moderation lifecycle as pure rules.
//!
//! This file is long because it is the whole marketplace contract — four kinds of posting, their
//! validation, the lifecycle — and its tests (311 lines); split per kind next.

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use crate::error::FieldErrors;
use crate::orgs::{OrgKind, OrgSummary};
use crate::taxonomy::{Taxonomy, TermKind};
use crate::validate::{self, FieldError};
use crate::{Locale, Msg};

code_enum!(
    /// The four kinds of posting.
    PostingKind {
        Demand = "demand" => PostingDemand,
        Capability = "capability" => PostingCapability,
        Scenario = "scenario" => PostingScenario,
        Mandate = "mandate" => PostingMandate,
    }
);

impl PostingKind {
    /// The web app's page for postings of this kind (`/investors` for mandates).
    pub fn page_path(self) -> &'static str {
        match self {
            PostingKind::Demand => "/demands",
            PostingKind::Capability => "/capabilities",
            PostingKind::Scenario => "/scenarios",
            PostingKind::Mandate => "/investors",
        }
    }

    /// The collection's path segment: `/api/v1/demands`, `/api/v1/capabilities`, ...
    pub fn plural(self) -> &'static str {
        match self {
            PostingKind::Demand => "demands",
            PostingKind::Capability => "capabilities",
            PostingKind::Scenario => "scenarios",
            PostingKind::Mandate => "mandates",
        }
    }

    /// Which organizations post this kind: demands by enterprises, capabilities by labs, mandates by
    /// investors, scenario openings by any (verified) organization.
    pub fn allowed_for(self, org: OrgKind) -> bool {
        match self {
            PostingKind::Demand => org == OrgKind::Enterprise,
            PostingKind::Capability => org == OrgKind::Lab,
            PostingKind::Mandate => org == OrgKind::Investor,
            PostingKind::Scenario => true,
        }
    }
}

code_enum!(
    /// draft → submitted → published (or rejected) → closed / expired.
    PostingStatus {
        Draft = "draft" => StatusDraft,
        Submitted = "submitted" => StatusSubmitted,
        Published = "published" => StatusPublished,
        Rejected = "rejected" => StatusRejected,
        Closed = "closed" => StatusClosed,
        Expired = "expired" => StatusExpired,
    }
);

code_enum!(DemandType {
    TechProblem = "tech_problem" => DemandTechProblem,
    JointRnd = "joint_rnd" => DemandJointRnd,
    TechAcquisition = "tech_acquisition" => DemandTechAcquisition,
    ExpertConsultation = "expert_consultation" => DemandExpertConsultation,
    Funding = "funding" => DemandFunding,
});

code_enum!(CapabilityKind {
    Research = "research" => CapResearch,
    Transferable = "transferable" => CapTransferable,
    PocService = "poc_service" => CapPoc,
    Facility = "facility" => CapFacility,
});

code_enum!(IpStatus {
    NoIp = "none" => IpNone,
    Applied = "applied" => IpApplied,
    Granted = "granted" => IpGranted,
});

code_enum!(CoopMode {
    License = "license" => ModeLicense,
    Transfer = "transfer" => ModeTransfer,
    JointDevelopment = "joint_development" => ModeJointDevelopment,
    ContractResearch = "contract_research" => ModeContractResearch,
    Service = "service" => ModeService,
});

code_enum!(ScenarioOffer {
    Site = "site" => OfferSite,
    Data = "data" => OfferData,
    Funding = "funding" => OfferFunding,
    Users = "users" => OfferUsers,
});

/// 揭榜挂帅: a demand published as an open call with a reward.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OpenCall {
    /// Reward in 万元.
    pub reward: u32,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub application_deadline: Date,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DemandSpec {
    pub demand_type: DemandType,
    /// Required technology readiness level, 1–9.
    pub trl: u8,
    /// Budget range in 万元.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(maximum = 100_000_000))]
    pub budget_min: Option<u32>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(maximum = 100_000_000))]
    pub budget_max: Option<u32>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub start: Option<Date>,
    #[serde(default)]
    pub expected_outcome: Option<String>,
    #[serde(default)]
    pub indicators: Option<String>,
    #[serde(default)]
    pub open_call: Option<OpenCall>,
    /// Funding demands (required there, dropped elsewhere): the amount raised in this round, 万元.
    #[serde(default)]
    pub amount_sought: Option<u32>,
    /// Funding demands: the round raised (an `investment_stage` code). When absent, matching infers
    /// it from the organization's tiers or the TRL and says so.
    #[serde(default)]
    pub round: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CapabilitySpec {
    pub capability_kind: CapabilityKind,
    pub trl: u8,
    pub ip_status: IpStatus,
    #[serde(default)]
    pub patents: Vec<String>,
    pub modes: Vec<CoopMode>,
    #[serde(default)]
    pub team: Option<String>,
    #[serde(default)]
    pub cases: Option<String>,
    /// Price range in 万元; none with `negotiable`.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(maximum = 100_000_000))]
    pub price_min: Option<u32>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(maximum = 100_000_000))]
    pub price_max: Option<u32>,
    #[serde(default)]
    pub negotiable: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScenarioSpec {
    /// A `scenario_category` code.
    pub category: String,
    pub site: String,
    /// What technology the scenario seeks.
    pub seeks: String,
    pub offers: Vec<ScenarioOffer>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub pilot_start: Option<Date>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub pilot_end: Option<Date>,
    /// How many solutions it will take.
    pub slots: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MandateSpec {
    /// An `investor_type` code.
    pub fund_type: String,
    /// `investment_stage` codes.
    pub stages: Vec<String>,
    /// Ticket size range in 万元.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(maximum = 100_000_000))]
    pub ticket_min: Option<u32>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(maximum = 100_000_000))]
    pub ticket_max: Option<u32>,
    /// District codes it invests in; empty means anywhere.
    #[serde(default)]
    pub districts: Vec<String>,
    /// Fund size in 万元.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(maximum = 100_000_000))]
    pub fund_size: Option<u32>,
    #[serde(default)]
    pub portfolio: Option<String>,
}

/// The kind-specific part of a posting, tagged by `kind`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PostingSpec {
    Demand(DemandSpec),
    Capability(CapabilitySpec),
    Scenario(ScenarioSpec),
    Mandate(MandateSpec),
}

impl PostingSpec {
    pub fn kind(&self) -> PostingKind {
        match self {
            PostingSpec::Demand(_) => PostingKind::Demand,
            PostingSpec::Capability(_) => PostingKind::Capability,
            PostingSpec::Scenario(_) => PostingKind::Scenario,
            PostingSpec::Mandate(_) => PostingKind::Mandate,
        }
    }

    /// The columns every kind is filtered by: (type code, TRL, amount range in 万元).
    pub fn facets(&self) -> (String, Option<u8>, Option<u32>, Option<u32>) {
        match self {
            // A funding demand's money is what it raises, not a service budget.
            PostingSpec::Demand(d) if d.demand_type == DemandType::Funding && d.amount_sought.is_some() => {
                (d.demand_type.as_str().into(), Some(d.trl), d.amount_sought, d.amount_sought)
            }
            PostingSpec::Demand(d) => (d.demand_type.as_str().into(), Some(d.trl), d.budget_min, d.budget_max),
            PostingSpec::Capability(c) => (c.capability_kind.as_str().into(), Some(c.trl), c.price_min, c.price_max),
            PostingSpec::Scenario(s) => (s.category.clone(), None, None, None),
            PostingSpec::Mandate(m) => (m.fund_type.clone(), None, m.ticket_min, m.ticket_max),
        }
    }
}

/// Postings per page of a public list.
pub const LIST_PER_PAGE: u32 = 20;

pub const TITLE_MAX: usize = 80;
pub const TITLE_EN_MAX: usize = 160;
pub const SUMMARY_MAX: usize = 500;
pub const DETAILS_MAX: usize = 10_000;
pub const MAX_POSTING_DOMAINS: usize = 3;
/// The most a funding demand may say it raises (万元): 1000亿.
pub const AMOUNT_SOUGHT_MAX: u32 = 10_000_000;
/// The largest budget, price, ticket or fund a posting may name (万元): 1万亿.
pub const AMOUNT_MAX: u32 = 100_000_000;
/// A fund may name every field it invests in.
pub const MAX_MANDATE_DOMAINS: usize = 20;
pub const MAX_KEYWORDS: usize = 10;
pub const KEYWORD_MAX: usize = 20;

/// The body of `POST /api/v1/{kind}` and `PUT /api/v1/{kind}/{id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PostingInput {
    pub title_zh: String,
    #[serde(default)]
    pub title_en: Option<String>,
    /// Public summary.
    pub summary_zh: String,
    #[serde(default)]
    pub summary_en: Option<String>,
    /// Details, visible only to verified organizations.
    #[serde(default)]
    pub details_zh: Option<String>,
    #[serde(default)]
    pub details_en: Option<String>,
    /// 1–3 codes of the 5+X domains (a mandate: every field the fund invests in).
    pub domains: Vec<String>,
    #[serde(default)]
    pub keywords: Vec<String>,
    #[serde(default)]
    pub district: Option<String>,
    #[serde(default)]
    pub pilot_zone: Option<String>,
    /// The demand's deadline, or the scenario's application deadline.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub deadline: Option<Date>,
    #[serde(flatten)]
    pub spec: PostingSpec,
}

/// A posting that passed every rule, trimmed and normalized; built only by [`PostingInput::parse`].
#[derive(Debug, Clone, PartialEq)]
pub struct PostingDraft(PostingInput);

impl std::ops::Deref for PostingDraft {
    type Target = PostingInput;

    fn deref(&self) -> &PostingInput {
        &self.0
    }
}

/// An amount range (万元) named by its `_max` field: each end at most [`AMOUNT_MAX`], the low end
/// not above the high one.
fn range(errs: &mut FieldErrors, field: &str, min: Option<u32>, max: Option<u32>) {
    let low = field.replace("_max", "_min");
    if min.is_some_and(|a| a > AMOUNT_MAX) {
        errs.add(low, FieldError::OutOfRange);
    } else if max.is_some_and(|b| b > AMOUNT_MAX) {
        errs.add(field, FieldError::OutOfRange);
    } else if let (Some(a), Some(b)) = (min, max)
        && a > b
    {
        errs.add(field, FieldError::RangeInverted);
    }
}

fn not_past(errs: &mut FieldErrors, field: &str, date: Option<Date>, today: Date) {
    match date {
        Some(d) if validate::date_in_range(d).is_err() => errs.add(field, FieldError::DateOutOfRange),
        Some(d) if d < today => errs.add(field, FieldError::DateInPast),
        _ => {}
    }
}

fn trl(errs: &mut FieldErrors, value: u8) {
    if !(1..=9).contains(&value) {
        errs.add("trl", FieldError::OutOfRange);
    }
}

fn codes_in(errs: &mut FieldErrors, field: &str, tax: &Taxonomy, kind: TermKind, codes: &[String]) {
    if let Some(e) = codes.iter().find_map(|c| tax.require(kind, c).err()) {
        errs.add(field, e);
    }
}

fn text(errs: &mut FieldErrors, field: &str, raw: &Option<String>, max: usize) -> Option<String> {
    errs.check(field, validate::optional_text(raw.as_deref(), max)).flatten()
}

impl PostingInput {
    /// Every rule: lengths, 1–3 known domains, known reference codes, ranges not inverted, dates not
    /// in the past (against `today`) and in order, TRL 1–9.
    pub fn parse(&self, tax: &Taxonomy, today: Date) -> Result<PostingDraft, FieldErrors> {
        let mut errs = FieldErrors::new();
        let title_zh = errs.check("title_zh", validate::required_line(&self.title_zh, TITLE_MAX));
        let title_en =
            errs.check("title_en", validate::optional_line(self.title_en.as_deref(), TITLE_EN_MAX)).flatten();
        let summary_zh = errs.check("summary_zh", validate::required_text(&self.summary_zh, SUMMARY_MAX));
        let summary_en = text(&mut errs, "summary_en", &self.summary_en, SUMMARY_MAX);
        let details_zh = text(&mut errs, "details_zh", &self.details_zh, DETAILS_MAX);
        let details_en = text(&mut errs, "details_en", &self.details_en, DETAILS_MAX);

        let max_domains =
            if self.spec.kind() == PostingKind::Mandate { MAX_MANDATE_DOMAINS } else { MAX_POSTING_DOMAINS };
        let domains = validate::code_list(&self.domains, max_domains);
        let domains = match domains {
            Ok(d) if d.is_empty() => {
                errs.add("domains", FieldError::TooFew);
                d
            }
            Ok(d) => {
                codes_in(&mut errs, "domains", tax, TermKind::Domain, &d);
                d
            }
            Err(e) => {
                errs.add("domains", e);
                vec![]
            }
        };
        let mut keywords: Vec<String> = Vec::new();
        for k in self.keywords.iter().map(|k| k.trim()).filter(|k| !k.is_empty()) {
            if k.chars().count() > KEYWORD_MAX {
                errs.add("keywords", FieldError::TooLong);
            } else if !keywords.iter().any(|e| e.eq_ignore_ascii_case(k)) {
                keywords.push(k.to_owned());
            }
        }
        if keywords.len() > MAX_KEYWORDS {
            errs.add("keywords", FieldError::TooMany);
        }
        let district = self.district.clone().filter(|d| !d.trim().is_empty());
        if let Some(d) = &district {
            errs.check("district", tax.require(TermKind::District, d));
        }
        let pilot_zone = self.pilot_zone.clone().filter(|z| !z.trim().is_empty());
        if let Some(z) = &pilot_zone {
            errs.check("pilot_zone", tax.require(TermKind::PilotZone, z));
        }
        not_past(&mut errs, "deadline", self.deadline, today);

        let spec = match &self.spec {
            PostingSpec::Demand(d) => {
                trl(&mut errs, d.trl);
                range(&mut errs, "budget_max", d.budget_min, d.budget_max);
                if let Some(e) = d.start.and_then(|s| validate::date_in_range(s).err()) {
                    errs.add("start", e);
                } else if let (Some(start), Some(deadline)) = (d.start, self.deadline)
                    && start > deadline
                {
                    errs.add("start", FieldError::DatesOutOfOrder);
                }
                if let Some(call) = &d.open_call {
                    if call.reward == 0 {
                        errs.add("open_call.reward", FieldError::OutOfRange);
                    }
                    not_past(&mut errs, "open_call.application_deadline", Some(call.application_deadline), today);
                }
                let funding = d.demand_type == DemandType::Funding;
                let round = d.round.clone().filter(|r| funding && !r.trim().is_empty());
                if funding {
                    match d.amount_sought {
                        None => errs.add("amount_sought", FieldError::Required),
                        Some(0) => errs.add("amount_sought", FieldError::OutOfRange),
                        Some(a) if a > AMOUNT_SOUGHT_MAX => errs.add("amount_sought", FieldError::OutOfRange),
                        Some(_) => {}
                    }
                    if let Some(r) = &round {
                        errs.check("round", tax.require(TermKind::InvestmentStage, r));
                    }
                }
                PostingSpec::Demand(DemandSpec {
                    expected_outcome: text(&mut errs, "expected_outcome", &d.expected_outcome, DETAILS_MAX),
                    indicators: text(&mut errs, "indicators", &d.indicators, DETAILS_MAX),
                    amount_sought: d.amount_sought.filter(|_| funding),
                    round,
                    ..d.clone()
                })
            }
            PostingSpec::Capability(c) => {
                trl(&mut errs, c.trl);
                if !c.negotiable {
                    range(&mut errs, "price_max", c.price_min, c.price_max);
                }
                if c.modes.is_empty() {
                    errs.add("modes", FieldError::TooFew);
                }
                let patents: Vec<String> =
                    c.patents.iter().map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()).collect();
                if patents.len() > 20 || patents.iter().any(|p| p.chars().count() > 40) {
                    errs.add("patents", FieldError::TooMany);
                } else if let Err(e) = validate::lines_clean(&patents) {
                    errs.add("patents", e);
                }
                let mut modes = c.modes.clone();
                modes.dedup();
                PostingSpec::Capability(CapabilitySpec {
                    patents,
                    modes,
                    team: text(&mut errs, "team", &c.team, DETAILS_MAX),
                    cases: text(&mut errs, "cases", &c.cases, DETAILS_MAX),
                    price_min: if c.negotiable { None } else { c.price_min },
                    price_max: if c.negotiable { None } else { c.price_max },
                    ..c.clone()
                })
            }
            PostingSpec::Scenario(s) => {
                errs.check("category", tax.require(TermKind::ScenarioCategory, &s.category));
                let site = errs.check("site", validate::required_line(&s.site, 200)).unwrap_or_default();
                let seeks = errs.check("seeks", validate::required_text(&s.seeks, SUMMARY_MAX)).unwrap_or_default();
                if s.offers.is_empty() {
                    errs.add("offers", FieldError::TooFew);
                }
                if !(1..=100).contains(&s.slots) {
                    errs.add("slots", FieldError::OutOfRange);
                }
                if self.deadline.is_none() {
                    errs.add("deadline", FieldError::Required);
                }
                for (field, d) in [("pilot_start", s.pilot_start), ("pilot_end", s.pilot_end)] {
                    if let Some(e) = d.and_then(|d| validate::date_in_range(d).err()) {
                        errs.add(field, e);
                    }
                }
                if let (Some(a), Some(b)) = (s.pilot_start, s.pilot_end)
                    && a > b
                {
                    errs.add("pilot_end", FieldError::DatesOutOfOrder);
                }
                PostingSpec::Scenario(ScenarioSpec { site, seeks, ..s.clone() })
            }
            PostingSpec::Mandate(m) => {
                errs.check("fund_type", tax.require(TermKind::InvestorType, &m.fund_type));
                if m.stages.is_empty() {
                    errs.add("stages", FieldError::TooFew);
                }
                codes_in(&mut errs, "stages", tax, TermKind::InvestmentStage, &m.stages);
                codes_in(&mut errs, "districts", tax, TermKind::District, &m.districts);
                range(&mut errs, "ticket_max", m.ticket_min, m.ticket_max);
                if m.ticket_max == Some(0) {
                    errs.add("ticket_max", FieldError::OutOfRange);
                }
                // A fund is at least as large as the largest ticket it writes.
                match (m.fund_size, m.ticket_max.or(m.ticket_min)) {
                    (Some(0), _) => errs.add("fund_size", FieldError::OutOfRange),
                    (Some(size), _) if size > AMOUNT_MAX => errs.add("fund_size", FieldError::OutOfRange),
                    (Some(size), Some(ticket)) if size < ticket => errs.add("fund_size", FieldError::FundBelowTicket),
                    _ => {}
                }
                PostingSpec::Mandate(MandateSpec {
                    portfolio: text(&mut errs, "portfolio", &m.portfolio, DETAILS_MAX),
                    ..m.clone()
                })
            }
        };

        match (title_zh, summary_zh) {
            (Some(title_zh), Some(summary_zh)) if errs.is_empty() => Ok(PostingDraft(PostingInput {
                title_zh,
                title_en,
                summary_zh,
                summary_en,
                details_zh,
                details_en,
                domains,
                keywords,
                district,
                pilot_zone,
                deadline: self.deadline,
                spec,
            })),
            _ => Err(errs),
        }
    }
}

/// A step of the moderation lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transition {
    Submit,
    Approve,
    Reject,
    Close,
    Expire,
}

/// Where `transition` takes a posting in `from`; `None` when it is not allowed there.
pub fn next_status(from: PostingStatus, transition: Transition) -> Option<PostingStatus> {
    use PostingStatus::*;
    match (transition, from) {
        (Transition::Submit, Draft | Rejected) => Some(Submitted),
        (Transition::Approve, Submitted) => Some(Published),
        (Transition::Reject, Submitted) => Some(Rejected),
        (Transition::Close, Draft | Submitted | Published | Rejected) => Some(Closed),
        (Transition::Expire, Published) => Some(Expired),
        _ => None,
    }
}

code_enum!(
    /// What happened to a posting, as recorded in its history.
    PostingAction {
        Create = "create" => ActCreate,
        Edit = "edit" => ActEdit,
        Submit = "submit" => ActSubmit,
        Approve = "approve" => ActApprove,
        Reject = "reject" => ActReject,
        ApproveEdit = "approve_edit" => ActApproveEdit,
        RejectEdit = "reject_edit" => ActRejectEdit,
        Close = "close" => ActClose,
        Expire = "expire" => ActExpire,
    }
);

/// One recorded step of a posting's life: what, who, when, and why when refused.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PostingEvent {
    pub action: PostingAction,
    pub status: PostingStatus,
    /// The acting user's display name; none for the system (expiry).
    pub actor: Option<String>,
    pub reason: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub at: OffsetDateTime,
}

/// A posting as the caller may see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Posting {
    pub id: i64,
    pub org: OrgSummary,
    pub status: PostingStatus,
    pub title_zh: String,
    pub title_en: Option<String>,
    pub summary_zh: String,
    pub summary_en: Option<String>,
    /// `None` (with `details_hidden`) for viewers outside verified organizations.
    pub details_zh: Option<String>,
    pub details_en: Option<String>,
    pub details_hidden: bool,
    pub domains: Vec<String>,
    pub keywords: Vec<String>,
    pub district: Option<String>,
    pub pilot_zone: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub deadline: Option<Date>,
    #[serde(flatten)]
    pub spec: PostingSpec,
    /// Why the last review refused it (owners only).
    pub reject_reason: Option<String>,
    /// An edit of the published version awaiting review (shown to owners and admins only).
    pub pending_revision: Option<Box<PostingInput>>,
    /// Whether the caller belongs to the owning organization.
    pub mine: bool,
    /// Every transition, oldest first (owners and admins only; empty for others).
    #[serde(default)]
    pub history: Vec<PostingEvent>,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub published_at: Option<OffsetDateTime>,
}

impl Posting {
    /// The form values to edit: the edit awaiting review when there is one, else the posting itself.
    pub fn to_input(&self) -> PostingInput {
        if let Some(p) = &self.pending_revision {
            return (**p).clone();
        }
        PostingInput {
            title_zh: self.title_zh.clone(),
            title_en: self.title_en.clone(),
            summary_zh: self.summary_zh.clone(),
            summary_en: self.summary_en.clone(),
            details_zh: self.details_zh.clone(),
            details_en: self.details_en.clone(),
            domains: self.domains.clone(),
            keywords: self.keywords.clone(),
            district: self.district.clone(),
            pilot_zone: self.pilot_zone.clone(),
            deadline: self.deadline,
            spec: self.spec.clone(),
        }
    }
}

/// `POST /api/v1/{kind}`: the posting and the organization it is posted for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewPosting {
    pub org_id: i64,
    #[serde(flatten)]
    pub posting: PostingInput,
}

/// One row of a posting list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PostingSummary {
    pub id: i64,
    pub kind: PostingKind,
    pub org_id: i64,
    pub org_name_zh: String,
    pub org_name_en: Option<String>,
    pub status: PostingStatus,
    pub title_zh: String,
    pub title_en: Option<String>,
    pub summary_zh: String,
    pub summary_en: Option<String>,
    pub domains: Vec<String>,
    pub district: Option<String>,
    /// Demand type, capability kind, scenario category or fund type code.
    pub type_code: String,
    pub trl: Option<u8>,
    pub amount_min: Option<u32>,
    pub amount_max: Option<u32>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub deadline: Option<Date>,
    #[serde(with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub published_at: Option<OffsetDateTime>,
}

code_enum!(PostingSort {
    Relevance = "relevance" => SortRelevance,
    Newest = "newest" => SortNewest,
    Deadline = "deadline" => SortDeadline,
});

/// The label of a posting's type code in `locale`: an enum for demands and capabilities, reference
/// data (through `term`) for scenarios and mandates.
pub fn type_label(kind: PostingKind, code: &str, locale: Locale, term: impl Fn(TermKind, &str) -> String) -> String {
    match kind {
        PostingKind::Demand => DemandType::parse(code).map_or(code.to_owned(), |t| t.msg().t(locale).to_owned()),
        PostingKind::Capability => {
            CapabilityKind::parse(code).map_or(code.to_owned(), |t| t.msg().t(locale).to_owned())
        }
        PostingKind::Scenario => term(TermKind::ScenarioCategory, code),
        PostingKind::Mandate => term(TermKind::InvestorType, code),
    }
}

/// Filters every posting list takes; one machinery for all four kinds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct PostingQuery {
    /// Words to look for (as in search); with them the default order is relevance.
    pub q: Option<String>,
    pub domain: Option<String>,
    /// Demand type, capability kind, scenario category or fund type code.
    #[serde(rename = "type")]
    pub type_code: Option<String>,
    pub district: Option<String>,
    pub pilot_zone: Option<String>,
    pub trl_min: Option<u8>,
    pub trl_max: Option<u8>,
    /// Budget, price or ticket range (万元) that must overlap the posting's.
    pub amount_min: Option<u32>,
    pub amount_max: Option<u32>,
    /// Anything but `published` shows only the caller's own organizations' postings (all for admins).
    pub status: Option<PostingStatus>,
    pub org_id: Option<i64>,
    /// Only the caller's organizations' postings, in every state.
    pub mine: Option<bool>,
    #[cfg_attr(feature = "openapi", param(value_type = Option<String>, format = Date))]
    pub deadline_from: Option<Date>,
    #[cfg_attr(feature = "openapi", param(value_type = Option<String>, format = Date))]
    pub deadline_to: Option<Date>,
    pub sort: Option<PostingSort>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

/// `GET /api/v1/search`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct SearchQuery {
    /// Chinese and/or English text; abbreviations such as AIGC or eVTOL also find their full forms.
    pub q: String,
    pub kind: Option<PostingKind>,
    /// Only postings in this field (a domain code).
    pub domain: Option<String>,
    /// Only postings of this district (a district code).
    pub district: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

/// One search result. The `*_html` fields are escaped text with matched terms in `<b>`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchHit {
    pub id: i64,
    pub kind: PostingKind,
    pub org_name_zh: String,
    pub org_name_en: Option<String>,
    pub title_zh_html: String,
    pub title_en_html: String,
    pub summary_zh_html: String,
    pub summary_en_html: String,
    pub score: f32,
    /// The posting's key facts, as on its list card.
    #[serde(default)]
    pub type_code: String,
    #[serde(default)]
    pub domains: Vec<String>,
    pub district: Option<String>,
    pub trl: Option<u8>,
    pub amount_min: Option<u32>,
    pub amount_max: Option<u32>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub deadline: Option<Date>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KindCount {
    pub kind: PostingKind,
    pub count: u64,
}

/// Ranked hits (BM25) of one page as `items`, the total, and how many hits each kind has: the
/// list shape of every list, with the counts beside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchResults {
    pub items: Vec<SearchHit>,
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
    pub by_kind: Vec<KindCount>,
    /// When nothing was found: words from the postings that look like the query's.
    #[serde(default)]
    pub suggestions: Vec<String>,
    /// When nothing was found with the field or district filter: how many without it.
    pub without_filters: Option<u64>,
}

code_enum!(Decision {
    Approve = "approve" => ModApprove,
    Reject = "reject" => ModReject,
});

/// `POST /api/v1/admin/moderation`: one decision for one or more postings, applied all or nothing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ModerationRequest {
    pub ids: Vec<i64>,
    pub decision: Decision,
    /// Required when rejecting; shown to the owner.
    #[serde(default)]
    pub reason: Option<String>,
}

impl ModerationRequest {
    pub fn parse(&self) -> Result<Option<String>, FieldErrors> {
        let mut errs = FieldErrors::new();
        if self.ids.is_empty() {
            errs.add("ids", FieldError::TooFew);
        } else if self.ids.len() > 100 {
            errs.add("ids", FieldError::TooMany);
        }
        let reason = errs.check("reason", validate::optional_text(self.reason.as_deref(), SUMMARY_MAX)).flatten();
        if self.decision == Decision::Reject && reason.is_none() && errs.get("reason").is_none() {
            errs.add("reason", FieldError::Required);
        }
        errs.into_result().map(|()| reason)
    }
}

/// An amount in 万元 as a reader says it: `300 万元`, `5 亿元` in Chinese; `CNY 3 million`,
/// `CNY 800,000`, `CNY 1.2 billion` in English (words from the catalogue).
pub fn money(wan: u32, l: Locale) -> String {
    let (number, unit) = money_parts(wan, l);
    join_money(&number, unit, l)
}

fn join_money(number: &str, unit: Msg, l: Locale) -> String {
    crate::i18n::fill(unit.t(l), &[("n", number)])
}

/// (number, unit) of an amount in 万元: the unit the reader counts it in.
fn money_parts(wan: u32, l: Locale) -> (String, Msg) {
    let trim = |v: f64| {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    };
    let yuan = u64::from(wan) * 10_000;
    match l {
        Locale::ZhCn if wan >= 10_000 && wan.is_multiple_of(100) => (trim(f64::from(wan) / 10_000.0), Msg::AmountYi),
        Locale::ZhCn => (wan.to_string(), Msg::AmountWan),
        Locale::En if yuan >= 1_000_000_000 => (trim(yuan as f64 / 1e9), Msg::AmountBillion),
        Locale::En if yuan >= 1_000_000 => (trim(yuan as f64 / 1e6), Msg::AmountMillion),
        Locale::En => {
            let digits = yuan.to_string();
            let mut out = String::new();
            for (i, c) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i) % 3 == 0 {
                    out.push(',');
                }
                out.push(c);
            }
            (out, Msg::AmountYuan)
        }
    }
}

/// A range of amounts in 万元 as a reader says it: one amount when the ends are equal, the unit
/// once when both ends share it (`CNY 3–8 million`, `300–800 万元`).
pub fn money_range(min: Option<u32>, max: Option<u32>, l: Locale) -> Option<String> {
    match (min, max) {
        (Some(a), Some(b)) if a == b => Some(money(a, l)),
        (Some(a), Some(b)) => {
            let ((na, ua), (nb, ub)) = (money_parts(a, l), money_parts(b, l));
            Some(if ua == ub {
                join_money(&format!("{na}–{nb}"), ua, l)
            } else {
                format!("{} – {}", money(a, l), money(b, l))
            })
        }
        (Some(a), None) => Some(crate::i18n::fill(Msg::AmountFrom.t(l), &[("amount", &money(a, l))])),
        (None, Some(b)) => Some(crate::i18n::fill(Msg::AmountUpTo.t(l), &[("amount", &money(b, l))])),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_as_people_say_them_in_each_language() {
        use crate::Locale::{En, ZhCn};
        assert_eq!(money_range(Some(300), Some(800), En).as_deref(), Some("CNY 3–8 million"));
        assert_eq!(money_range(Some(300), Some(800), ZhCn).as_deref(), Some("300–800 万元"));
        assert_eq!(money_range(Some(500), Some(500), En).as_deref(), Some("CNY 5 million"));
        assert_eq!(money_range(Some(500), Some(500), ZhCn).as_deref(), Some("500 万元"));
        assert_eq!(money_range(Some(80), Some(350), En).as_deref(), Some("CNY 800,000 – CNY 3.5 million"));
        assert_eq!(money(50_000, ZhCn), "5 亿元");
        assert_eq!(money(12_345, ZhCn), "12345 万元");
        assert_eq!(money(120_000, En), "CNY 1.2 billion");
        assert_eq!(money_range(Some(200), None, En).as_deref(), Some("From CNY 2 million"));
        assert_eq!(money_range(None, Some(200), ZhCn).as_deref(), Some("最高 200 万元"));
        assert_eq!(money_range(None, None, En), None);
    }
    use time::macros::date;

    const TODAY: Date = date!(2026 - 11 - 29);

    fn tax() -> Taxonomy {
        crate::taxonomy::test_taxonomy(&[
            (TermKind::Domain, "gen_ai"),
            (TermKind::Domain, "quantum"),
            (TermKind::Domain, "advanced_energy"),
            (TermKind::Domain, "new_materials"),
            (TermKind::District, "binjiang"),
            (TermKind::ScenarioCategory, "future_factory"),
            (TermKind::InvestorType, "vc_pe"),
            (TermKind::InvestmentStage, "series_a"),
        ])
    }

    fn demand() -> PostingInput {
        PostingInput {
            title_zh: " 固态电池电解质界面稳定性攻关 ".into(),
            title_en: Some("Solid-state electrolyte interface stability".into()),
            summary_zh: "寻求固态电解质界面改性方案".into(),
            summary_en: None,
            details_zh: Some("循环寿命需达到1000次".into()),
            details_en: None,
            domains: vec!["advanced_energy".into()],
            keywords: vec!["固态电池".into(), " 电解质 ".into(), "固态电池".into()],
            district: Some("binjiang".into()),
            pilot_zone: None,
            deadline: Some(date!(2027 - 06 - 30)),
            spec: PostingSpec::Demand(DemandSpec {
                demand_type: DemandType::TechProblem,
                trl: 6,
                budget_min: Some(200),
                budget_max: Some(500),
                start: Some(date!(2027 - 01 - 01)),
                expected_outcome: None,
                indicators: None,
                open_call: None,
                amount_sought: None,
                round: None,
            }),
        }
    }

    fn set_demand(p: &mut PostingInput, f: impl FnOnce(&mut DemandSpec)) {
        if let PostingSpec::Demand(s) = &mut p.spec {
            f(s);
        }
    }

    #[test]
    fn a_funding_demand_must_say_what_it_raises_and_may_name_a_known_round() {
        let mut d = demand();
        set_demand(&mut d, |s| s.demand_type = DemandType::Funding);
        assert_eq!(d.parse(&tax(), TODAY).unwrap_err().get("amount_sought"), Some(FieldError::Required));
        set_demand(&mut d, |s| s.amount_sought = Some(AMOUNT_SOUGHT_MAX + 1));
        assert_eq!(d.parse(&tax(), TODAY).unwrap_err().get("amount_sought"), Some(FieldError::OutOfRange));
        set_demand(&mut d, |s| {
            s.amount_sought = Some(3000);
            s.round = Some("series_x".into());
        });
        assert_eq!(d.parse(&tax(), TODAY).unwrap_err().get("round"), Some(FieldError::UnknownTerm));
        set_demand(&mut d, |s| s.round = Some("series_a".into()));
        let parsed = d.parse(&tax(), TODAY).unwrap();
        let (_, _, min, max) = parsed.spec.facets();
        assert_eq!((min, max), (Some(3000), Some(3000)), "the money is the raise");
    }

    #[test]
    fn funding_fields_are_dropped_from_demands_that_do_not_raise_money() {
        let mut d = demand();
        set_demand(&mut d, |s| {
            s.amount_sought = Some(3000);
            s.round = Some("series_a".into());
        });
        let parsed = d.parse(&tax(), TODAY).unwrap();
        let PostingSpec::Demand(s) = &parsed.spec else { panic!() };
        assert_eq!((s.amount_sought, s.round.as_deref()), (None, None));
        assert_eq!(parsed.spec.facets().2, Some(200), "the budget stays the money");
    }

    #[test]
    fn a_fund_may_name_every_field_it_invests_in_and_other_postings_three() {
        let all = ["gen_ai", "quantum", "advanced_energy", "new_materials"].map(String::from).to_vec();
        let mut m = demand();
        m.domains = all.clone();
        m.spec = PostingSpec::Mandate(MandateSpec {
            fund_type: "vc_pe".into(),
            stages: vec!["series_a".into()],
            ticket_min: None,
            ticket_max: None,
            districts: vec![],
            fund_size: None,
            portfolio: None,
        });
        assert_eq!(m.parse(&tax(), TODAY).unwrap().domains, all);
        let mut d = demand();
        d.domains = all;
        assert_eq!(d.parse(&tax(), TODAY).unwrap_err().get("domains"), Some(FieldError::TooMany));
    }

    #[test]
    fn a_valid_demand_parses_trimmed_with_keywords_deduplicated() {
        let d = demand().parse(&tax(), TODAY).unwrap();
        assert_eq!(d.title_zh, "固态电池电解质界面稳定性攻关");
        assert_eq!(d.keywords, vec!["固态电池".to_string(), "电解质".to_string()]);
    }

    #[test]
    fn an_amount_beyond_a_trillion_yuan_is_out_of_range_on_its_own_field() {
        let mut d = demand();
        set_demand(&mut d, |s| s.budget_min = Some(AMOUNT_MAX + 1));
        assert_eq!(d.parse(&tax(), TODAY).unwrap_err().get("budget_min"), Some(FieldError::OutOfRange));
        set_demand(&mut d, |s| (s.budget_min, s.budget_max) = (Some(1), Some(u32::MAX)));
        assert_eq!(d.parse(&tax(), TODAY).unwrap_err().get("budget_max"), Some(FieldError::OutOfRange));
        set_demand(&mut d, |s| (s.budget_min, s.budget_max) = (Some(1), Some(AMOUNT_MAX)));
        assert!(d.parse(&tax(), TODAY).is_ok());
    }

    #[test]
    fn budget_min_above_max_is_refused_on_the_max_field() {
        let mut d = demand();
        if let PostingSpec::Demand(s) = &mut d.spec {
            s.budget_min = Some(900);
        }
        assert_eq!(d.parse(&tax(), TODAY).unwrap_err().get("budget_max"), Some(FieldError::RangeInverted));
    }

    #[test]
    fn deadlines_in_the_past_are_refused() {
        let mut d = demand();
        d.deadline = Some(date!(2026 - 11 - 28));
        assert_eq!(d.parse(&tax(), TODAY).unwrap_err().get("deadline"), Some(FieldError::DateInPast));
        d.deadline = Some(TODAY);
        assert!(d.parse(&tax(), TODAY).is_err(), "start 2027-01-01 is now after the deadline");
    }

    #[test]
    fn postings_need_one_to_three_known_domains() {
        let mut d = demand();
        d.domains = vec![];
        assert_eq!(d.parse(&tax(), TODAY).unwrap_err().get("domains"), Some(FieldError::TooFew));
        d.domains = ["gen_ai", "quantum", "advanced_energy", "new_materials"].map(String::from).to_vec();
        assert_eq!(d.parse(&tax(), TODAY).unwrap_err().get("domains"), Some(FieldError::TooMany));
        d.domains = vec!["alchemy".into()];
        assert_eq!(d.parse(&tax(), TODAY).unwrap_err().get("domains"), Some(FieldError::UnknownTerm));
    }

    #[test]
    fn trl_must_be_between_one_and_nine() {
        for bad in [0u8, 10] {
            let mut d = demand();
            if let PostingSpec::Demand(s) = &mut d.spec {
                s.trl = bad;
            }
            assert_eq!(d.parse(&tax(), TODAY).unwrap_err().get("trl"), Some(FieldError::OutOfRange));
        }
    }

    #[test]
    fn scenarios_need_a_known_category_an_offer_and_an_application_deadline() {
        let mut s = demand();
        s.deadline = None;
        s.spec = PostingSpec::Scenario(ScenarioSpec {
            category: "future_moon".into(),
            site: "钱塘智能工厂".into(),
            seeks: "视觉质检".into(),
            offers: vec![],
            pilot_start: Some(date!(2027 - 05 - 01)),
            pilot_end: Some(date!(2027 - 03 - 01)),
            slots: 0,
        });
        let errs = s.parse(&tax(), TODAY).unwrap_err();
        for (field, e) in [
            ("category", FieldError::UnknownTerm),
            ("offers", FieldError::TooFew),
            ("slots", FieldError::OutOfRange),
            ("deadline", FieldError::Required),
            ("pilot_end", FieldError::DatesOutOfOrder),
        ] {
            assert_eq!(errs.get(field), Some(e), "{field}");
        }
    }

    #[test]
    fn mandates_check_fund_type_stages_and_ticket_range() {
        let mut m = demand();
        m.spec = PostingSpec::Mandate(MandateSpec {
            fund_type: "vc_pe".into(),
            stages: vec!["series_z".into()],
            ticket_min: Some(5000),
            ticket_max: Some(1000),
            districts: vec![],
            fund_size: None,
            portfolio: None,
        });
        let errs = m.parse(&tax(), TODAY).unwrap_err();
        assert_eq!(errs.get("stages"), Some(FieldError::UnknownTerm));
        assert_eq!(errs.get("ticket_max"), Some(FieldError::RangeInverted));
        if let PostingSpec::Mandate(spec) = &mut m.spec {
            spec.stages = vec!["series_a".into()];
            spec.ticket_min = Some(500);
            spec.fund_size = Some(800);
        }
        assert_eq!(m.parse(&tax(), TODAY).unwrap_err().get("fund_size"), Some(FieldError::FundBelowTicket));
        if let PostingSpec::Mandate(spec) = &mut m.spec {
            spec.fund_size = Some(0);
        }
        assert_eq!(m.parse(&tax(), TODAY).unwrap_err().get("fund_size"), Some(FieldError::OutOfRange));
        if let PostingSpec::Mandate(spec) = &mut m.spec {
            (spec.ticket_min, spec.ticket_max, spec.fund_size) = (None, Some(0), None);
        }
        assert_eq!(m.parse(&tax(), TODAY).unwrap_err().get("ticket_max"), Some(FieldError::OutOfRange));
    }

    #[test]
    fn negotiable_capabilities_carry_no_price() {
        let mut c = demand();
        c.spec = PostingSpec::Capability(CapabilitySpec {
            capability_kind: CapabilityKind::Transferable,
            trl: 7,
            ip_status: IpStatus::Granted,
            patents: vec![" ZL202310000001.X ".into()],
            modes: vec![CoopMode::License],
            team: None,
            cases: None,
            price_min: Some(100),
            price_max: Some(50),
            negotiable: true,
        });
        let p = c.parse(&tax(), TODAY).unwrap();
        match &p.spec {
            PostingSpec::Capability(c) => {
                assert_eq!((c.price_min, c.price_max), (None, None));
                assert_eq!(c.patents, vec!["ZL202310000001.X".to_string()]);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_lifecycle_allows_only_its_own_steps() {
        use PostingStatus::*;
        assert_eq!(next_status(Draft, Transition::Submit), Some(Submitted));
        assert_eq!(next_status(Rejected, Transition::Submit), Some(Submitted));
        assert_eq!(next_status(Submitted, Transition::Approve), Some(Published));
        assert_eq!(next_status(Submitted, Transition::Reject), Some(Rejected));
        assert_eq!(next_status(Published, Transition::Close), Some(Closed));
        assert_eq!(next_status(Published, Transition::Expire), Some(Expired));
        assert_eq!(next_status(Draft, Transition::Approve), None);
        assert_eq!(next_status(Published, Transition::Submit), None);
        assert_eq!(next_status(Closed, Transition::Submit), None);
        assert_eq!(next_status(Expired, Transition::Close), None);
    }

    #[test]
    fn posting_kinds_map_to_the_organizations_that_post_them() {
        assert!(PostingKind::Demand.allowed_for(OrgKind::Enterprise));
        assert!(!PostingKind::Demand.allowed_for(OrgKind::Lab));
        assert!(PostingKind::Capability.allowed_for(OrgKind::Lab));
        assert!(PostingKind::Mandate.allowed_for(OrgKind::Investor));
        assert!(PostingKind::Scenario.allowed_for(OrgKind::Organizer));
    }

    #[test]
    fn every_code_is_also_the_json_spelling() {
        fn check<T: Serialize + Copy>(all: &[T], code: impl Fn(T) -> &'static str) {
            for v in all {
                assert_eq!(serde_json::to_value(v).unwrap(), code(*v));
            }
        }
        check(PostingKind::ALL, PostingKind::as_str);
        check(PostingStatus::ALL, PostingStatus::as_str);
        check(DemandType::ALL, DemandType::as_str);
        check(CapabilityKind::ALL, CapabilityKind::as_str);
        check(IpStatus::ALL, IpStatus::as_str);
        check(CoopMode::ALL, CoopMode::as_str);
        check(ScenarioOffer::ALL, ScenarioOffer::as_str);
        check(PostingSort::ALL, PostingSort::as_str);
        check(Decision::ALL, Decision::as_str);
    }

    #[test]
    fn the_spec_tag_is_the_kind_in_json() {
        let json = serde_json::to_value(demand()).unwrap();
        assert_eq!(json["kind"], "demand");
        assert_eq!(json["deadline"], "2027-06-30");
        let back: PostingInput = serde_json::from_value(json).unwrap();
        assert_eq!(back, demand());
    }
}
