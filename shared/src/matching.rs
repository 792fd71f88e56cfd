//! The matching contract: scored matches with every factor visible, the reasons behind them (as data,
//! rendered in the reader's language on either side), the weights an admin tunes, and feedback.
//!
//! This file is long because its unit tests (154 lines) sit beside the reasons and weights they
//! check.

use serde::{Deserialize, Serialize};

use crate::error::FieldErrors;
use crate::i18n::{Locale, Msg, text};
use crate::market::{PostingKind, PostingSummary};
use crate::taxonomy::TermKind;
use crate::validate::FieldError;

/// The kinds of postings a posting of `kind` is matched with, the first shown first.
pub fn targets(kind: PostingKind) -> &'static [PostingKind] {
    match kind {
        PostingKind::Demand => &[PostingKind::Capability, PostingKind::Scenario, PostingKind::Mandate],
        _ => &[PostingKind::Demand],
    }
}

/// The factors a match score is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Factor {
    Domain,
    Text,
    Trl,
    Budget,
    Stage,
    Geography,
    Timing,
    Standing,
    Feedback,
}

impl Factor {
    pub const ALL: [Factor; 9] = [
        Factor::Domain,
        Factor::Text,
        Factor::Trl,
        Factor::Budget,
        Factor::Stage,
        Factor::Geography,
        Factor::Timing,
        Factor::Standing,
        Factor::Feedback,
    ];

    /// The snake_case name, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Factor::Domain => "domain",
            Factor::Text => "text",
            Factor::Trl => "trl",
            Factor::Budget => "budget",
            Factor::Stage => "stage",
            Factor::Geography => "geography",
            Factor::Timing => "timing",
            Factor::Standing => "standing",
            Factor::Feedback => "feedback",
        }
    }

    pub fn msg(self) -> Msg {
        match self {
            Factor::Domain => Msg::FactorDomain,
            Factor::Text => Msg::FactorText,
            Factor::Trl => Msg::FactorTrl,
            Factor::Budget => Msg::FactorBudget,
            Factor::Stage => Msg::FactorStage,
            Factor::Geography => Msg::FactorGeography,
            Factor::Timing => Msg::FactorTiming,
            Factor::Standing => Msg::FactorStanding,
            Factor::Feedback => Msg::FactorFeedback,
        }
    }
}

/// How much each factor counts, 0–100 each. The defaults and why they are what they are live in the
/// backend's `matching::score`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Weights {
    pub domain: f32,
    pub text: f32,
    pub trl: f32,
    pub budget: f32,
    pub stage: f32,
    pub geography: f32,
    pub timing: f32,
    pub standing: f32,
    pub feedback: f32,
}

impl Weights {
    pub fn get(&self, f: Factor) -> f32 {
        match f {
            Factor::Domain => self.domain,
            Factor::Text => self.text,
            Factor::Trl => self.trl,
            Factor::Budget => self.budget,
            Factor::Stage => self.stage,
            Factor::Geography => self.geography,
            Factor::Timing => self.timing,
            Factor::Standing => self.standing,
            Factor::Feedback => self.feedback,
        }
    }

    /// The same weights with `f` set to `w`.
    pub fn with(mut self, f: Factor, w: f32) -> Weights {
        let slot = match f {
            Factor::Domain => &mut self.domain,
            Factor::Text => &mut self.text,
            Factor::Trl => &mut self.trl,
            Factor::Budget => &mut self.budget,
            Factor::Stage => &mut self.stage,
            Factor::Geography => &mut self.geography,
            Factor::Timing => &mut self.timing,
            Factor::Standing => &mut self.standing,
            Factor::Feedback => &mut self.feedback,
        };
        *slot = w;
        self
    }

    /// Each weight a finite number in 0–100, and not all zero.
    pub fn parse(&self) -> Result<Weights, FieldErrors> {
        let mut errs = FieldErrors::new();
        for f in Factor::ALL {
            let w = self.get(f);
            if !w.is_finite() || !(0.0..=100.0).contains(&w) {
                errs.add(f.as_str(), FieldError::OutOfRange);
            }
        }
        if errs.is_empty() && Factor::ALL.iter().all(|f| self.get(*f) == 0.0) {
            errs.add("domain", FieldError::TooFew);
        }
        errs.into_result().map(|()| *self)
    }
}

/// One factor's part of a score: its value (0–1) and the weight it had.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FactorScore {
    pub factor: Factor,
    pub value: f32,
    pub weight: f32,
}

/// One factor as a reader sees it: the points it brought and the most it could bring.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FactorPoints {
    pub factor: Factor,
    pub points: u32,
    pub max: u32,
    /// How well the pair meets it, in words.
    pub fit: Msg,
}

/// How well a factor's value (0–1) is met, in words.
pub fn fit_words(value: f32) -> Msg {
    match value {
        v if v >= 0.9 => Msg::FitFull,
        v if v >= 0.6 => Msg::FitMostly,
        v if v >= 0.3 => Msg::FitPartly,
        _ => Msg::FitHardly,
    }
}

/// The factors in points that add up to `score` exactly (each factor's share of the weighted sum,
/// scaled to the score shown — which already holds any adjustment — and rounded by largest
/// remainder), with each factor's maximum in the same scale.
pub fn points(factors: &[FactorScore], score: u8) -> Vec<FactorPoints> {
    let total_weight: f32 = factors.iter().map(|f| f.weight.max(0.0)).sum();
    if total_weight <= 0.0 {
        return vec![];
    }
    let raw: Vec<f32> =
        factors.iter().map(|f| 100.0 * f.weight.max(0.0) * f.value.clamp(0.0, 1.0) / total_weight).collect();
    let earned: f32 = raw.iter().sum();
    let scale = if earned > 0.0 { f32::from(score) / earned } else { 0.0 };
    let exact: Vec<f32> = raw.iter().map(|r| r * scale).collect();
    let mut whole: Vec<u32> = exact.iter().map(|e| e.floor() as u32).collect();
    let short = u32::from(score).saturating_sub(whole.iter().sum::<u32>());
    let mut by_remainder: Vec<usize> = (0..exact.len()).collect();
    by_remainder.sort_by(|a, b| (exact[*b] - exact[*b].floor()).total_cmp(&(exact[*a] - exact[*a].floor())));
    for i in by_remainder.iter().take(short as usize) {
        whole[*i] += 1;
    }
    // No factor shows more than its maximum: a point rounding pushed over goes to the factor with
    // the most room left.
    let max: Vec<u32> = factors.iter().map(|f| (100.0 * f.weight.max(0.0) / total_weight).round() as u32).collect();
    for i in 0..whole.len() {
        while whole[i] > max[i] {
            let room = (0..whole.len()).filter(|j| whole[*j] < max[*j]).max_by_key(|j| max[*j] - whole[*j]);
            let Some(j) = room else { break };
            whole[i] -= 1;
            whole[j] += 1;
        }
    }
    factors
        .iter()
        .zip(whole)
        .zip(max)
        .map(|((f, points), max)| FactorPoints { factor: f.factor, points, max, fit: fit_words(f.value) })
        .collect()
}

/// Why two postings fit, or what held the match back; rendered with [`Reason::text`].
///
/// On the wire a reason is one flat object named by `reason` (`{"reason":"trl_below","have":4,"need":6}`);
/// it travels through [`ReasonWire`], whose plain struct decoder is a fraction of the size of serde's
/// internally tagged one in the browser's download.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "reason", rename_all = "snake_case", try_from = "ReasonWire", into = "ReasonWire")]
pub enum Reason {
    SameField {
        field: String,
    },
    RelatedField {
        field: String,
        other: String,
    },
    SharedKeywords {
        words: Vec<String>,
    },
    SimilarText,
    TrlMeets {
        have: u8,
        need: u8,
    },
    TrlBelow {
        have: u8,
        need: u8,
    },
    /// A budget (amount) inside or overlapping a price or ticket range.
    AmountFits {
        amount_min: Option<u32>,
        amount_max: Option<u32>,
        range_min: Option<u32>,
        range_max: Option<u32>,
    },
    AmountApart {
        amount_min: Option<u32>,
        amount_max: Option<u32>,
        range_min: Option<u32>,
        range_max: Option<u32>,
    },
    PriceNegotiable,
    SameDistrict {
        district: String,
    },
    SamePilotZone {
        zone: String,
    },
    InvestsInDistrict {
        district: String,
    },
    StageFits {
        stage: String,
    },
    StageOff,
    /// A funding demand that names no round: the round inferred (from tiers or TRL) is one the fund invests in.
    RoundInferred {
        stage: String,
    },
    /// Not a funding demand: the company, at the stage inferred, is what the fund invests in.
    FundsCompanyStage {
        stage: String,
    },
    DeadlineSoon {
        days: u32,
    },
    StrongStanding,
    SavedSimilar,
    /// Your organization signed a deal with theirs before.
    PastDeal,
    /// A deal with their organization failed as not relevant.
    PastFailure,
    /// Bundles: the three share a field.
    AllInField {
        field: String,
    },
    /// Bundles: the capability is ready to be piloted (TRL 6 or more).
    PilotReady {
        trl: u8,
    },
    /// Bundles: the fund invests where the pilot takes place.
    FundsPilotDistrict {
        district: String,
    },
}

/// Which [`Reason`] a [`ReasonWire`] carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReasonCode {
    SameField,
    RelatedField,
    SharedKeywords,
    SimilarText,
    TrlMeets,
    TrlBelow,
    AmountFits,
    AmountApart,
    PriceNegotiable,
    SameDistrict,
    SamePilotZone,
    InvestsInDistrict,
    StageFits,
    StageOff,
    RoundInferred,
    FundsCompanyStage,
    DeadlineSoon,
    StrongStanding,
    SavedSimilar,
    PastDeal,
    PastFailure,
    AllInField,
    PilotReady,
    FundsPilotDistrict,
}

/// The flat wire form of a [`Reason`]: its code and whichever details it has.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ReasonWire {
    reason: Option<ReasonCode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    field: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    other: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    words: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    have: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    need: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    trl: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    amount_min: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    amount_max: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    range_min: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    range_max: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    district: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    zone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    stage: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    days: Option<u32>,
}

impl From<Reason> for ReasonWire {
    fn from(r: Reason) -> Self {
        let w = ReasonWire::default();
        let (code, w) = match r {
            Reason::SameField { field } => (ReasonCode::SameField, ReasonWire { field: Some(field), ..w }),
            Reason::RelatedField { field, other } => {
                (ReasonCode::RelatedField, ReasonWire { field: Some(field), other: Some(other), ..w })
            }
            Reason::SharedKeywords { words } => (ReasonCode::SharedKeywords, ReasonWire { words: Some(words), ..w }),
            Reason::SimilarText => (ReasonCode::SimilarText, w),
            Reason::TrlMeets { have, need } => {
                (ReasonCode::TrlMeets, ReasonWire { have: Some(have), need: Some(need), ..w })
            }
            Reason::TrlBelow { have, need } => {
                (ReasonCode::TrlBelow, ReasonWire { have: Some(have), need: Some(need), ..w })
            }
            Reason::AmountFits { amount_min, amount_max, range_min, range_max } => {
                (ReasonCode::AmountFits, ReasonWire { amount_min, amount_max, range_min, range_max, ..w })
            }
            Reason::AmountApart { amount_min, amount_max, range_min, range_max } => {
                (ReasonCode::AmountApart, ReasonWire { amount_min, amount_max, range_min, range_max, ..w })
            }
            Reason::PriceNegotiable => (ReasonCode::PriceNegotiable, w),
            Reason::SameDistrict { district } => {
                (ReasonCode::SameDistrict, ReasonWire { district: Some(district), ..w })
            }
            Reason::SamePilotZone { zone } => (ReasonCode::SamePilotZone, ReasonWire { zone: Some(zone), ..w }),
            Reason::InvestsInDistrict { district } => {
                (ReasonCode::InvestsInDistrict, ReasonWire { district: Some(district), ..w })
            }
            Reason::StageFits { stage } => (ReasonCode::StageFits, ReasonWire { stage: Some(stage), ..w }),
            Reason::StageOff => (ReasonCode::StageOff, w),
            Reason::RoundInferred { stage } => (ReasonCode::RoundInferred, ReasonWire { stage: Some(stage), ..w }),
            Reason::FundsCompanyStage { stage } => {
                (ReasonCode::FundsCompanyStage, ReasonWire { stage: Some(stage), ..w })
            }
            Reason::DeadlineSoon { days } => (ReasonCode::DeadlineSoon, ReasonWire { days: Some(days), ..w }),
            Reason::StrongStanding => (ReasonCode::StrongStanding, w),
            Reason::SavedSimilar => (ReasonCode::SavedSimilar, w),
            Reason::PastDeal => (ReasonCode::PastDeal, w),
            Reason::PastFailure => (ReasonCode::PastFailure, w),
            Reason::AllInField { field } => (ReasonCode::AllInField, ReasonWire { field: Some(field), ..w }),
            Reason::PilotReady { trl } => (ReasonCode::PilotReady, ReasonWire { trl: Some(trl), ..w }),
            Reason::FundsPilotDistrict { district } => {
                (ReasonCode::FundsPilotDistrict, ReasonWire { district: Some(district), ..w })
            }
        };
        ReasonWire { reason: Some(code), ..w }
    }
}

impl TryFrom<ReasonWire> for Reason {
    type Error = &'static str;

    fn try_from(w: ReasonWire) -> Result<Self, Self::Error> {
        const MISSING: &str = "a reason is missing one of its details";
        let s = |v: Option<String>| v.ok_or(MISSING);
        let n = |v: Option<u8>| v.ok_or(MISSING);
        Ok(match w.reason.ok_or("missing field `reason`")? {
            ReasonCode::SameField => Reason::SameField { field: s(w.field)? },
            ReasonCode::RelatedField => Reason::RelatedField { field: s(w.field)?, other: s(w.other)? },
            ReasonCode::SharedKeywords => Reason::SharedKeywords { words: w.words.ok_or(MISSING)? },
            ReasonCode::SimilarText => Reason::SimilarText,
            ReasonCode::TrlMeets => Reason::TrlMeets { have: n(w.have)?, need: n(w.need)? },
            ReasonCode::TrlBelow => Reason::TrlBelow { have: n(w.have)?, need: n(w.need)? },
            ReasonCode::AmountFits => Reason::AmountFits {
                amount_min: w.amount_min,
                amount_max: w.amount_max,
                range_min: w.range_min,
                range_max: w.range_max,
            },
            ReasonCode::AmountApart => Reason::AmountApart {
                amount_min: w.amount_min,
                amount_max: w.amount_max,
                range_min: w.range_min,
                range_max: w.range_max,
            },
            ReasonCode::PriceNegotiable => Reason::PriceNegotiable,
            ReasonCode::SameDistrict => Reason::SameDistrict { district: s(w.district)? },
            ReasonCode::SamePilotZone => Reason::SamePilotZone { zone: s(w.zone)? },
            ReasonCode::InvestsInDistrict => Reason::InvestsInDistrict { district: s(w.district)? },
            ReasonCode::StageFits => Reason::StageFits { stage: s(w.stage)? },
            ReasonCode::StageOff => Reason::StageOff,
            ReasonCode::RoundInferred => Reason::RoundInferred { stage: s(w.stage)? },
            ReasonCode::FundsCompanyStage => Reason::FundsCompanyStage { stage: s(w.stage)? },
            ReasonCode::DeadlineSoon => Reason::DeadlineSoon { days: w.days.ok_or(MISSING)? },
            ReasonCode::StrongStanding => Reason::StrongStanding,
            ReasonCode::SavedSimilar => Reason::SavedSimilar,
            ReasonCode::PastDeal => Reason::PastDeal,
            ReasonCode::PastFailure => Reason::PastFailure,
            ReasonCode::AllInField => Reason::AllInField { field: s(w.field)? },
            ReasonCode::PilotReady => Reason::PilotReady { trl: n(w.trl)? },
            ReasonCode::FundsPilotDistrict => Reason::FundsPilotDistrict { district: s(w.district)? },
        })
    }
}

fn range_text(min: Option<u32>, max: Option<u32>, l: Locale) -> String {
    match (min, max) {
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) => format!("{a}–{b}"),
        (Some(a), None) => text::AtLeast { n: &a }.t(l),
        (None, Some(b)) => text::AtMost { n: &b }.t(l),
        (None, None) => "—".into(),
    }
}

impl Reason {
    /// The reason in `l`, naming reference codes with `label`.
    pub fn text(&self, l: Locale, label: &dyn Fn(TermKind, &str) -> String) -> String {
        let n = |v: u8| v.to_string();
        match self {
            Reason::SameField { field } => text::ReasonSameField { field: &label(TermKind::Domain, field) }.t(l),
            Reason::RelatedField { field, other } => text::ReasonRelatedField {
                field: &label(TermKind::Domain, field),
                other: &label(TermKind::Domain, other),
            }
            .t(l),
            Reason::SharedKeywords { words } => {
                text::ReasonSharedKeywords { words: &words.join(Msg::ListSeparator.t(l)) }.t(l)
            }
            Reason::SimilarText => Msg::ReasonSimilarText.t(l).to_owned(),
            Reason::TrlMeets { have, need } => text::ReasonTrlMeets { have: &n(*have), need: &n(*need) }.t(l),
            Reason::TrlBelow { have, need } => text::ReasonTrlBelow { have: &n(*have), need: &n(*need) }.t(l),
            Reason::AmountFits { amount_min, amount_max, range_min, range_max } => text::ReasonAmountFits {
                amount: &range_text(*amount_min, *amount_max, l),
                range: &range_text(*range_min, *range_max, l),
            }
            .t(l),
            Reason::AmountApart { amount_min, amount_max, range_min, range_max } => text::ReasonAmountApart {
                amount: &range_text(*amount_min, *amount_max, l),
                range: &range_text(*range_min, *range_max, l),
            }
            .t(l),
            Reason::PriceNegotiable => Msg::ReasonPriceNegotiable.t(l).to_owned(),
            Reason::SameDistrict { district } => {
                text::ReasonSameDistrict { district: &label(TermKind::District, district) }.t(l)
            }
            Reason::SamePilotZone { zone } => {
                text::ReasonSamePilotZone { zone: &label(TermKind::PilotZone, zone) }.t(l)
            }
            Reason::InvestsInDistrict { district } => {
                text::ReasonInvestsInDistrict { district: &label(TermKind::District, district) }.t(l)
            }
            Reason::StageFits { stage } => {
                text::ReasonStageFits { stage: &label(TermKind::InvestmentStage, stage) }.t(l)
            }
            Reason::StageOff => Msg::ReasonStageOff.t(l).to_owned(),
            Reason::RoundInferred { stage } => {
                text::ReasonRoundInferred { stage: &label(TermKind::InvestmentStage, stage) }.t(l)
            }
            Reason::FundsCompanyStage { stage } => {
                text::ReasonFundsCompanyStage { stage: &label(TermKind::InvestmentStage, stage) }.t(l)
            }
            Reason::DeadlineSoon { days } => text::ReasonDeadlineSoon { days: &days }.t(l),
            Reason::StrongStanding => Msg::ReasonStrongStanding.t(l).to_owned(),
            Reason::SavedSimilar => Msg::ReasonSavedSimilar.t(l).to_owned(),
            Reason::PastDeal => Msg::ReasonPastDeal.t(l).to_owned(),
            Reason::PastFailure => Msg::ReasonPastFailure.t(l).to_owned(),
            Reason::AllInField { field } => text::ReasonAllInField { field: &label(TermKind::Domain, field) }.t(l),
            Reason::PilotReady { trl } => text::ReasonPilotReady { trl: &n(*trl) }.t(l),
            Reason::FundsPilotDistrict { district } => {
                text::ReasonFundsPilotDistrict { district: &label(TermKind::District, district) }.t(l)
            }
        }
    }
}

/// One recommended posting for a posting, with its score (0–100) and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Match {
    /// `{source}-{candidate}`: what save and dismiss act on.
    pub id: String,
    pub source_id: i64,
    /// The organization of the posting matched for (whose request a contact would be).
    pub source_org: i64,
    pub posting: PostingSummary,
    pub score: u8,
    pub factors: Vec<FactorScore>,
    /// What speaks for it, strongest first.
    pub reasons: Vec<Reason>,
    /// The main thing that held it back, if anything did.
    pub held_back: Option<Reason>,
    /// Saved by the caller's organization.
    pub saved: bool,
}

/// One line of an organization's feed: a match for one of its published postings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeedEntry {
    pub source_kind: PostingKind,
    pub source_title_zh: String,
    pub source_title_en: Option<String>,
    #[serde(rename = "match")]
    pub m: Match,
}

/// `GET /api/v1/feed`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct FeedQuery {
    /// Only matches of this kind.
    pub kind: Option<PostingKind>,
    pub min_score: Option<u8>,
    /// 1–100, default 30.
    pub limit: Option<u32>,
}

/// A three-sided proposal for a demand: a lab's capability, a scenario to pilot it in, a fund to
/// pay for it — scored on how each fits the demand and how they fit each other.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Bundle {
    pub score: u8,
    pub capability: Match,
    pub scenario: Match,
    pub mandate: Match,
    /// Why the three fit each other.
    pub reasons: Vec<Reason>,
}

/// `GET /api/v1/{kind}/{id}/matches`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct MatchQuery {
    /// What to match with; for demands `capability`, `scenario` or `mandate` (default capability),
    /// for the other kinds always `demand`.
    pub kind: Option<PostingKind>,
    /// 1–50, default 20.
    pub limit: Option<u32>,
    /// Only matches scoring at least this (0–100).
    pub min_score: Option<u8>,
}

/// A match id `{source}-{candidate}` as two posting ids.
pub fn parse_match_id(id: &str) -> Option<(i64, i64)> {
    let (a, b) = id.split_once('-')?;
    Some((a.parse().ok()?, b.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(_: TermKind, code: &str) -> String {
        match code {
            "synthetic_bio" => "合成生物".into(),
            "yuhang" => "余杭区".into(),
            other => other.into(),
        }
    }

    #[test]
    fn reasons_read_like_the_issue_examples() {
        let zh = Locale::ZhCn;
        assert_eq!(Reason::SameField { field: "synthetic_bio".into() }.text(zh, &label), "领域一致：合成生物");
        assert_eq!(
            Reason::SharedKeywords { words: vec!["酶定向进化".into(), "发酵放大".into()] }.text(zh, &label),
            "共同关键词：酶定向进化、发酵放大"
        );
        let fits = Reason::AmountFits {
            amount_min: Some(300),
            amount_max: Some(300),
            range_min: Some(200),
            range_max: Some(2000),
        };
        assert_eq!(fits.text(zh, &label), "金额300万元在对方的200–2000万元区间内");
        assert_eq!(Reason::SameDistrict { district: "yuhang".into() }.text(zh, &label), "同属余杭区");
        assert_eq!(Reason::TrlBelow { have: 4, need: 6 }.text(zh, &label), "成熟度TRL4低于需求TRL6");
        assert!(Reason::TrlBelow { have: 4, need: 6 }.text(Locale::En, &label).contains("TRL 4"));
    }

    #[test]
    fn weights_must_be_finite_between_0_and_100_and_not_all_zero() {
        let w = Weights {
            domain: 25.0,
            text: 25.0,
            trl: 10.0,
            budget: 10.0,
            stage: 5.0,
            geography: 5.0,
            timing: 5.0,
            standing: 5.0,
            feedback: 10.0,
        };
        assert!(w.parse().is_ok());
        assert_eq!(Weights { text: 101.0, ..w }.parse().unwrap_err().get("text"), Some(FieldError::OutOfRange));
        assert_eq!(Weights { trl: f32::NAN, ..w }.parse().unwrap_err().get("trl"), Some(FieldError::OutOfRange));
        let zero = Weights {
            domain: 0.0,
            text: 0.0,
            trl: 0.0,
            budget: 0.0,
            stage: 0.0,
            geography: 0.0,
            timing: 0.0,
            standing: 0.0,
            feedback: 0.0,
        };
        assert!(zero.parse().is_err());
    }

    #[test]
    fn reasons_travel_as_one_flat_object_named_by_reason_and_come_back_equal() {
        let all = [
            Reason::SameField { field: "synthetic_bio".into() },
            Reason::RelatedField { field: "a".into(), other: "b".into() },
            Reason::SharedKeywords { words: vec!["酶".into()] },
            Reason::SimilarText,
            Reason::TrlMeets { have: 7, need: 6 },
            Reason::TrlBelow { have: 4, need: 6 },
            Reason::AmountFits { amount_min: Some(300), amount_max: None, range_min: Some(200), range_max: Some(2000) },
            Reason::AmountApart { amount_min: None, amount_max: Some(10), range_min: Some(200), range_max: None },
            Reason::PriceNegotiable,
            Reason::SameDistrict { district: "yuhang".into() },
            Reason::SamePilotZone { zone: "z".into() },
            Reason::InvestsInDistrict { district: "d".into() },
            Reason::StageFits { stage: "seed".into() },
            Reason::StageOff,
            Reason::DeadlineSoon { days: 3 },
            Reason::StrongStanding,
            Reason::SavedSimilar,
            Reason::PastDeal,
            Reason::PastFailure,
            Reason::AllInField { field: "f".into() },
            Reason::PilotReady { trl: 7 },
            Reason::FundsPilotDistrict { district: "d".into() },
        ];
        for r in all {
            let json = serde_json::to_value(&r).unwrap();
            assert!(json["reason"].is_string(), "{json}");
            assert_eq!(serde_json::from_value::<Reason>(json).unwrap(), r);
        }
        assert_eq!(
            serde_json::to_value(Reason::TrlBelow { have: 4, need: 6 }).unwrap(),
            serde_json::json!({"reason": "trl_below", "have": 4, "need": 6})
        );
        assert!(serde_json::from_value::<Reason>(serde_json::json!({"reason": "trl_below", "have": 4})).is_err());
        assert!(serde_json::from_value::<Reason>(serde_json::json!({"reason": "nonsense"})).is_err());
        assert!(serde_json::from_value::<Reason>(serde_json::json!({"have": 4})).is_err());
    }

    #[test]
    fn match_ids_are_two_posting_ids() {
        assert_eq!(parse_match_id("12-345"), Some((12, 345)));
        assert_eq!(parse_match_id("12"), None);
        assert_eq!(parse_match_id("a-1"), None);
    }

    #[test]
    fn the_points_shown_add_up_to_the_score_shown() {
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % n
        };
        for _ in 0..2000 {
            let factors: Vec<FactorScore> = Factor::ALL
                .iter()
                .take(1 + next(Factor::ALL.len() as u64) as usize)
                .map(|f| FactorScore { factor: *f, value: next(101) as f32 / 100.0, weight: next(40) as f32 })
                .collect();
            let score = next(101) as u8;
            let shown = points(&factors, score);
            if factors.iter().any(|f| f.weight > 0.0 && f.value > 0.0) {
                assert_eq!(shown.iter().map(|p| p.points).sum::<u32>(), u32::from(score), "{factors:?} {score}");
            }
        }
        // Scores as the engine makes them (the weighted mean, maybe times 0.85): no factor shows more
        // than its maximum, however the rounding falls.
        for _ in 0..2000 {
            let factors: Vec<FactorScore> = Factor::ALL
                .iter()
                .take(2 + next(Factor::ALL.len() as u64 - 1) as usize)
                .map(|f| FactorScore { factor: *f, value: next(101) as f32 / 100.0, weight: 1.0 + next(40) as f32 })
                .collect();
            let total: f32 = factors.iter().map(|f| f.weight).sum();
            let mean: f32 = factors.iter().map(|f| 100.0 * f.weight * f.value).sum::<f32>() / total;
            let score = (mean * if next(2) == 0 { 1.0 } else { 0.85 }).round() as u8;
            for p in points(&factors, score) {
                assert!(p.points <= p.max, "{p:?} of {factors:?} for {score}");
            }
        }
        let two = [
            FactorScore { factor: Factor::Domain, value: 1.0, weight: 30.0 },
            FactorScore { factor: Factor::Text, value: 0.5, weight: 20.0 },
        ];
        let shown = points(&two, 80);
        assert_eq!((shown[0].points, shown[0].max, shown[1].points, shown[1].max), (60, 60, 20, 40));
        assert_eq!((shown[0].fit, shown[1].fit), (Msg::FitFull, Msg::FitPartly));
    }
}
