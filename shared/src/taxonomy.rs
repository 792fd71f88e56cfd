//! Reference data (the 5+X fields, districts, pilot zones, tiers, ...): data an admin extends,
//! never lists hard-coded into logic. Only the *kinds* of list are part of the contract.

use serde::{Deserialize, Serialize};

use crate::error::FieldErrors;
use crate::i18n::{Locale, Msg};
use crate::validate::{self, FieldError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TermKind {
    /// The 5 hot industries (group `hot`) and the X frontier fields (group `frontier`).
    Domain,
    District,
    /// Pilot zones: group is the level (`national`/`provincial`/`city`), parent the district code.
    PilotZone,
    EnterpriseTier,
    LabSubtype,
    InvestorType,
    InvestmentStage,
    ScenarioCategory,
}

impl TermKind {
    pub const ALL: [TermKind; 8] = [
        TermKind::Domain,
        TermKind::District,
        TermKind::PilotZone,
        TermKind::EnterpriseTier,
        TermKind::LabSubtype,
        TermKind::InvestorType,
        TermKind::InvestmentStage,
        TermKind::ScenarioCategory,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TermKind::Domain => "domain",
            TermKind::District => "district",
            TermKind::PilotZone => "pilot_zone",
            TermKind::EnterpriseTier => "enterprise_tier",
            TermKind::LabSubtype => "lab_subtype",
            TermKind::InvestorType => "investor_type",
            TermKind::InvestmentStage => "investment_stage",
            TermKind::ScenarioCategory => "scenario_category",
        }
    }

    pub fn parse(s: &str) -> Option<TermKind> {
        TermKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn msg(self) -> Msg {
        match self {
            TermKind::Domain => Msg::TaxDomain,
            TermKind::District => Msg::TaxDistrict,
            TermKind::PilotZone => Msg::TaxPilotZone,
            TermKind::EnterpriseTier => Msg::TaxEnterpriseTier,
            TermKind::LabSubtype => Msg::TaxLabSubtype,
            TermKind::InvestorType => Msg::TaxInvestorType,
            TermKind::InvestmentStage => Msg::TaxInvestmentStage,
            TermKind::ScenarioCategory => Msg::TaxScenarioCategory,
        }
    }
}

/// One entry of a reference list, with a stable code and labels in both languages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Term {
    pub kind: TermKind,
    pub code: String,
    pub label_zh: String,
    pub label_en: String,
    /// Sub-grouping within the list, e.g. `hot`/`frontier` for domains, the level for pilot zones.
    pub group: Option<String>,
    /// The code of a parent entry, e.g. a pilot zone's district.
    pub parent: Option<String>,
}

impl Term {
    pub fn label(&self, locale: Locale) -> &str {
        match locale {
            Locale::En if !self.label_en.is_empty() => &self.label_en,
            _ => &self.label_zh,
        }
    }
}

/// `GET /api/v1/taxonomy`: every reference list, in display order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Taxonomy {
    pub terms: Vec<Term>,
}

impl Taxonomy {
    pub fn of(&self, kind: TermKind) -> impl Iterator<Item = &Term> {
        self.terms.iter().filter(move |t| t.kind == kind)
    }

    pub fn find(&self, kind: TermKind, code: &str) -> Option<&Term> {
        self.of(kind).find(|t| t.code == code)
    }

    pub fn has(&self, kind: TermKind, code: &str) -> bool {
        self.find(kind, code).is_some()
    }

    /// The label of a code in `locale`, or the code itself when unknown.
    pub fn label<'a>(&'a self, kind: TermKind, code: &'a str, locale: Locale) -> &'a str {
        self.find(kind, code).map_or(code, |t| t.label(locale))
    }

    /// `Err(UnknownTerm)` when `code` is not in the `kind` list.
    pub fn require(&self, kind: TermKind, code: &str) -> Result<(), FieldError> {
        if self.has(kind, code) { Ok(()) } else { Err(FieldError::UnknownTerm) }
    }
}

/// `POST /api/v1/admin/taxonomy`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewTermRequest {
    pub kind: TermKind,
    pub code: String,
    pub label_zh: String,
    pub label_en: String,
    #[serde(default)]
    pub group: Option<String>,
    #[serde(default)]
    pub parent: Option<String>,
}

impl NewTermRequest {
    /// Checks the entry's own fields, and that a pilot zone's parent is a known district.
    pub fn parse(&self, existing: &Taxonomy) -> Result<Term, FieldErrors> {
        let mut errs = FieldErrors::new();
        let code = errs.check("code", validate::term_code(&self.code));
        let label_zh = errs.check("label_zh", validate::required_line(&self.label_zh, 60));
        let label_en = errs.check("label_en", validate::required_line(&self.label_en, 120));
        let group = errs.check("group", validate::optional_line(self.group.as_deref(), 40)).flatten();
        let parent = errs.check("parent", validate::optional_line(self.parent.as_deref(), 40)).flatten();
        if let Some(p) = &parent {
            let parent_kind = match self.kind {
                TermKind::PilotZone => Some(TermKind::District),
                _ => None,
            };
            match parent_kind {
                Some(k) => {
                    errs.check("parent", existing.require(k, p));
                }
                None => errs.add("parent", FieldError::NotForKind),
            }
        }
        match (code, label_zh, label_en) {
            (Some(code), Some(label_zh), Some(label_en)) if errs.is_empty() => {
                Ok(Term { kind: self.kind, code, label_zh, label_en, group, parent })
            }
            _ => Err(errs),
        }
    }
}

/// A taxonomy of bare codes (labels = codes), for unit tests of rules that check codes.
#[cfg(test)]
pub(crate) fn test_taxonomy(entries: &[(TermKind, &str)]) -> Taxonomy {
    let terms = entries
        .iter()
        .map(|(kind, code)| Term {
            kind: *kind,
            code: (*code).into(),
            label_zh: (*code).into(),
            label_en: (*code).into(),
            group: None,
            parent: None,
        })
        .collect();
    Taxonomy { terms }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tax() -> Taxonomy {
        Taxonomy {
            terms: vec![Term {
                kind: TermKind::District,
                code: "yuhang".into(),
                label_zh: "余杭区".into(),
                label_en: "Yuhang".into(),
                group: None,
                parent: None,
            }],
        }
    }

    #[test]
    fn term_kind_round_trips_through_its_code() {
        for k in TermKind::ALL {
            assert_eq!(TermKind::parse(k.as_str()), Some(k));
        }
    }

    #[test]
    fn label_falls_back_to_the_code_for_unknown_entries() {
        let t = tax();
        assert_eq!(t.label(TermKind::District, "yuhang", Locale::En), "Yuhang");
        assert_eq!(t.label(TermKind::District, "yuhang", Locale::ZhCn), "余杭区");
        assert_eq!(t.label(TermKind::District, "mars", Locale::ZhCn), "mars");
    }

    #[test]
    fn pilot_zone_parent_must_be_a_known_district() {
        let mut req = NewTermRequest {
            kind: TermKind::PilotZone,
            code: "future_sci_city".into(),
            label_zh: "未来科技城".into(),
            label_en: "Future Sci-Tech City".into(),
            group: Some("city".into()),
            parent: Some("yuhang".into()),
        };
        assert!(req.parse(&tax()).is_ok());
        req.parent = Some("atlantis".into());
        assert_eq!(req.parse(&tax()).unwrap_err().get("parent"), Some(FieldError::UnknownTerm));
    }

    #[test]
    fn domains_take_no_parent() {
        let req = NewTermRequest {
            kind: TermKind::Domain,
            code: "space_tech".into(),
            label_zh: "空天信息".into(),
            label_en: "Space information".into(),
            group: Some("frontier".into()),
            parent: Some("yuhang".into()),
        };
        assert_eq!(req.parse(&tax()).unwrap_err().get("parent"), Some(FieldError::NotForKind));
    }
}
