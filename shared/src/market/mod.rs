//! The marketplace contract: four kinds of posting (demands, capabilities, scenario openings,
//! investor mandates), their validation, and the moderation lifecycle as pure rules.
//!
//! Where things are: the kinds and the lifecycle here; `specs` (each kind's own fields), `input` (a
//! posting as written and its validation), `views` (a posting as read, lists, search, moderation),
//! `money` (amounts as people say them).

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

mod input;
mod money;
mod specs;
mod views;

pub use input::*;
pub use money::*;
pub use specs::*;
pub use views::*;

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

/// Postings per page of a public list.
pub const LIST_PER_PAGE: u32 = 20;

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
