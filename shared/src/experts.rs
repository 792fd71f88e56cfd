//! The expert pool contract (专家库): scientists, entrepreneurs and investors apply with their fields,
//! expertise, affiliation and conflicts of interest; site admins approve; organizers search the
//! pool for judges.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::error::FieldErrors;
use crate::validate::{self, FieldError};

code_enum!(
    /// What kind of expert.
    ExpertKind {
        Scientist = "scientist" => ExpertScientist,
        Entrepreneur = "entrepreneur" => ExpertEntrepreneur,
        Investor = "investor" => ExpertInvestor,
        Other = "other" => ExpertOther,
    }
);

code_enum!(
    /// Where an application stands.
    ExpertStatus {
        Pending = "pending" => ExpertPending,
        Approved = "approved" => ExpertApproved,
        Rejected = "rejected" => ExpertRejected,
    }
);

pub const KEYWORDS_MAX: usize = 10;
pub const CONFLICTS_MAX: usize = 10;

/// `PUT /api/v1/experts/me`: apply to the pool, or change one's entry (which goes back to review).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExpertInput {
    pub kind: ExpertKind,
    /// 5+X field codes, 1 to 3.
    pub domains: Vec<String>,
    #[serde(default)]
    pub keywords: Vec<String>,
    pub affiliation: String,
    pub title: String,
    pub bio: String,
    /// Platform organizations they may not judge (beyond the ones they belong to, which count anyway).
    #[serde(default)]
    pub conflict_orgs: Vec<i64>,
    /// Past employers and other organizations by name (matched against teams' organizations by name).
    #[serde(default)]
    pub conflict_names: Vec<String>,
}

impl ExpertInput {
    /// The input with its lists trimmed and deduplicated, or what is wrong.
    pub fn check(&self) -> Result<ExpertInput, FieldErrors> {
        let mut errs = FieldErrors::new();
        let domains = errs.check("domains", validate::code_list(&self.domains, 3)).unwrap_or_default();
        if domains.is_empty() {
            errs.add("domains", FieldError::Required);
        }
        let keywords = errs.check("keywords", validate::code_list(&self.keywords, KEYWORDS_MAX)).unwrap_or_default();
        if keywords.iter().any(|k| k.chars().count() > 20) {
            errs.add("keywords", FieldError::TooLong);
        }
        let affiliation = errs.check("affiliation", validate::required_line(&self.affiliation, 120));
        let title = errs.check("title", validate::required_line(&self.title, 60));
        let bio = errs.check("bio", validate::required_text(&self.bio, 1000));
        let names =
            errs.check("conflict_names", validate::code_list(&self.conflict_names, CONFLICTS_MAX)).unwrap_or_default();
        if names.iter().any(|n| n.chars().count() > 120) {
            errs.add("conflict_names", FieldError::TooLong);
        }
        let mut orgs = self.conflict_orgs.clone();
        orgs.sort_unstable();
        orgs.dedup();
        if orgs.len() > CONFLICTS_MAX {
            errs.add("conflict_orgs", FieldError::TooMany);
        }
        match (affiliation, title, bio) {
            (Some(affiliation), Some(title), Some(bio)) if errs.is_empty() => Ok(ExpertInput {
                kind: self.kind,
                domains,
                keywords,
                affiliation,
                title,
                bio,
                conflict_orgs: orgs,
                conflict_names: names,
            }),
            _ => Err(errs),
        }
    }
}

/// A platform organization named as a conflict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConflictOrg {
    pub id: i64,
    pub name_zh: String,
}

/// An expert's entry in the pool.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Expert {
    pub id: i64,
    pub user_id: i64,
    pub name: String,
    pub kind: ExpertKind,
    pub domains: Vec<String>,
    pub keywords: Vec<String>,
    pub affiliation: String,
    pub title: String,
    pub bio: String,
    /// Declared conflicts: platform organizations and names.
    pub conflict_orgs: Vec<ConflictOrg>,
    pub conflict_names: Vec<String>,
    pub status: ExpertStatus,
    /// Why an application was refused (to the applicant and admins).
    pub reason: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub updated_at: OffsetDateTime,
}

/// An expert of the approved pool as organizers search it: what choosing judges needs (fields,
/// keywords, title, affiliation), never the declared conflicts, the bio or any contact detail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PoolExpert {
    pub id: i64,
    pub name: String,
    pub kind: ExpertKind,
    pub domains: Vec<String>,
    pub keywords: Vec<String>,
    pub affiliation: String,
    pub title: String,
}

impl From<Expert> for PoolExpert {
    fn from(e: Expert) -> Self {
        PoolExpert {
            id: e.id,
            name: e.name,
            kind: e.kind,
            domains: e.domains,
            keywords: e.keywords,
            affiliation: e.affiliation,
            title: e.title,
        }
    }
}

/// `GET /api/v1/experts`: filters on the approved pool.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ExpertQuery {
    /// Words in the name, affiliation, title or keywords.
    #[serde(default)]
    pub q: Option<String>,
    #[serde(default)]
    pub domain: Option<String>,
    #[serde(default)]
    pub kind: Option<ExpertKind>,
}

/// `POST /api/v1/admin/experts/{id}/reject`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RejectExpert {
    pub reason: String,
}

/// An expert offered for a demand of type expert consultation, with why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Consultant {
    pub expert_id: i64,
    pub name: String,
    pub kind: ExpertKind,
    pub title: String,
    pub affiliation: String,
    pub bio: String,
    /// 0–100: a shared field 60, each of the expert's keywords in the demand 10 (up to 40).
    pub score: u32,
    pub shared_domains: Vec<String>,
    pub shared_keywords: Vec<String>,
    /// The demand's owner invited them already.
    pub invited: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> ExpertInput {
        ExpertInput {
            kind: ExpertKind::Scientist,
            domains: vec!["quantum".into(), " quantum ".into()],
            keywords: vec!["量子通信".into(), "".into()],
            affiliation: " 浙江大学 ".into(),
            title: "教授".into(),
            bio: "从事量子信息研究二十年。".into(),
            conflict_orgs: vec![3, 3, 1],
            conflict_names: vec!["之江实验室".into()],
        }
    }

    #[test]
    fn an_application_is_trimmed_and_its_lists_deduplicated() {
        let ok = input().check().unwrap();
        assert_eq!(ok.domains, vec!["quantum"]);
        assert_eq!(ok.keywords, vec!["量子通信"]);
        assert_eq!(ok.affiliation, "浙江大学");
        assert_eq!(ok.conflict_orgs, vec![1, 3]);
    }

    #[test]
    fn an_application_without_fields_or_bio_names_each_missing_field() {
        let mut bad = input();
        bad.domains.clear();
        bad.bio = " ".into();
        let errs = bad.check().unwrap_err();
        assert_eq!((errs.get("domains"), errs.get("bio")), (Some(FieldError::Required), Some(FieldError::Required)));
    }
}
