//! What each kind of posting says beyond the common fields: a demand's, a capability's, a scenario's, a mandate's.

use super::*;

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
