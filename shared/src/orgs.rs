//! Organizations: enterprises, labs, investors and organizers, their members and invitations.
//!
//! This file is long because it is the whole organizations contract with its validation and tests.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::error::FieldErrors;
use crate::i18n::Msg;
use crate::taxonomy::{Taxonomy, TermKind};
use crate::validate::{self, FieldError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    Enterprise,
    Lab,
    Investor,
    Organizer,
}

impl OrgKind {
    pub const ALL: [OrgKind; 4] = [OrgKind::Enterprise, OrgKind::Lab, OrgKind::Investor, OrgKind::Organizer];

    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::Enterprise => "enterprise",
            OrgKind::Lab => "lab",
            OrgKind::Investor => "investor",
            OrgKind::Organizer => "organizer",
        }
    }

    pub fn parse(s: &str) -> Option<OrgKind> {
        OrgKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn msg(self) -> Msg {
        match self {
            OrgKind::Enterprise => Msg::KindEnterprise,
            OrgKind::Lab => Msg::KindLab,
            OrgKind::Investor => Msg::KindInvestor,
            OrgKind::Organizer => Msg::KindOrganizer,
        }
    }

    /// Which reference list this kind's sub-type comes from, if it has one.
    pub fn subtype_list(self) -> Option<TermKind> {
        match self {
            OrgKind::Lab => Some(TermKind::LabSubtype),
            OrgKind::Investor => Some(TermKind::InvestorType),
            OrgKind::Enterprise | OrgKind::Organizer => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrgRole {
    Owner,
    Member,
}

impl OrgRole {
    pub fn as_str(self) -> &'static str {
        match self {
            OrgRole::Owner => "owner",
            OrgRole::Member => "member",
        }
    }

    pub fn parse(s: &str) -> Option<OrgRole> {
        match s {
            "owner" => Some(OrgRole::Owner),
            "member" => Some(OrgRole::Member),
            _ => None,
        }
    }

    pub fn msg(self) -> Msg {
        match self {
            OrgRole::Owner => Msg::OrgRoleOwner,
            OrgRole::Member => Msg::OrgRoleMember,
        }
    }
}

/// Head-count bands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrgSize {
    Micro,
    Small,
    Medium,
    Large,
    Huge,
}

impl OrgSize {
    pub const ALL: [OrgSize; 5] = [OrgSize::Micro, OrgSize::Small, OrgSize::Medium, OrgSize::Large, OrgSize::Huge];

    pub fn as_str(self) -> &'static str {
        match self {
            OrgSize::Micro => "micro",
            OrgSize::Small => "small",
            OrgSize::Medium => "medium",
            OrgSize::Large => "large",
            OrgSize::Huge => "huge",
        }
    }

    pub fn parse(s: &str) -> Option<OrgSize> {
        OrgSize::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn msg(self) -> Msg {
        match self {
            OrgSize::Micro => Msg::SizeMicro,
            OrgSize::Small => Msg::SizeSmall,
            OrgSize::Medium => Msg::SizeMedium,
            OrgSize::Large => Msg::SizeLarge,
            OrgSize::Huge => Msg::SizeHuge,
        }
    }
}

/// The body of `POST /api/v1/orgs` and `PUT /api/v1/orgs/{id}`: the whole editable profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrgInput {
    pub name_zh: String,
    #[serde(default)]
    pub name_en: Option<String>,
    pub kind: OrgKind,
    /// Lab sub-type or investor type code; none for enterprises and organizers.
    #[serde(default)]
    pub subtype: Option<String>,
    /// Enterprise tier codes (enterprises only).
    #[serde(default)]
    pub tiers: Vec<String>,
    /// 5+X domain codes.
    #[serde(default)]
    pub domains: Vec<String>,
    #[serde(default)]
    pub district: Option<String>,
    #[serde(default)]
    pub pilot_zone: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub website: Option<String>,
    #[serde(default)]
    pub founded_year: Option<i32>,
    #[serde(default)]
    pub size: Option<OrgSize>,
    #[serde(default)]
    pub contact_phone: Option<String>,
    #[serde(default)]
    pub contact_email: Option<String>,
    /// 统一社会信用代码 (18 characters with a check character), public on the business licence.
    #[serde(default)]
    pub credit_code: Option<String>,
}

impl OrgInput {
    pub fn empty(kind: OrgKind) -> Self {
        OrgInput {
            name_zh: String::new(),
            name_en: None,
            kind,
            subtype: None,
            tiers: vec![],
            domains: vec![],
            district: None,
            pilot_zone: None,
            description: None,
            website: None,
            founded_year: None,
            size: None,
            contact_phone: None,
            contact_email: None,
            credit_code: None,
        }
    }

    /// Every rule for a profile, including that each code exists in the reference data and
    /// fits the organization's kind.
    pub fn parse(&self, tax: &Taxonomy, current_year: i32) -> Result<OrgProfile, FieldErrors> {
        let mut errs = FieldErrors::new();
        let name_zh = errs.check("name_zh", validate::required_line(&self.name_zh, validate::ORG_NAME_MAX_CHARS));
        let name_en = errs
            .check("name_en", validate::optional_line(self.name_en.as_deref(), validate::ORG_NAME_MAX_CHARS))
            .flatten();
        let subtype = blank_to_none(self.subtype.as_deref());
        match (self.kind.subtype_list(), &subtype) {
            (Some(list), Some(code)) => {
                errs.check("subtype", tax.require(list, code));
            }
            (Some(_), None) => errs.add("subtype", FieldError::Required),
            (None, Some(_)) => errs.add("subtype", FieldError::NotForKind),
            (None, None) => {}
        }
        let tiers = errs.check("tiers", validate::code_list(&self.tiers, validate::MAX_TIERS)).unwrap_or_default();
        if !tiers.is_empty() && self.kind != OrgKind::Enterprise {
            errs.add("tiers", FieldError::NotForKind);
        } else if let Some(e) = tiers.iter().find_map(|t| tax.require(TermKind::EnterpriseTier, t).err()) {
            errs.add("tiers", e);
        }
        let domains =
            errs.check("domains", validate::code_list(&self.domains, validate::MAX_DOMAINS)).unwrap_or_default();
        if let Some(e) = domains.iter().find_map(|d| tax.require(TermKind::Domain, d).err()) {
            errs.add("domains", e);
        }
        let district = blank_to_none(self.district.as_deref());
        if let Some(d) = &district {
            errs.check("district", tax.require(TermKind::District, d));
        }
        let pilot_zone = blank_to_none(self.pilot_zone.as_deref());
        if let Some(z) = &pilot_zone {
            errs.check("pilot_zone", tax.require(TermKind::PilotZone, z));
        }
        let description = errs
            .check("description", validate::optional_text(self.description.as_deref(), validate::DESCRIPTION_MAX_CHARS))
            .flatten();
        let website = errs.check("website", validate::optional_url(self.website.as_deref())).flatten();
        let founded_year =
            errs.check("founded_year", validate::optional_year(self.founded_year, current_year)).flatten();
        let contact_phone =
            errs.check("contact_phone", validate::optional_phone(self.contact_phone.as_deref())).flatten();
        let contact_email = errs
            .check("contact_email", validate::optional_email(self.contact_email.as_deref()))
            .flatten()
            .map(|e| e.as_str().to_owned());
        let credit_code =
            errs.check("credit_code", validate::optional_credit_code(self.credit_code.as_deref())).flatten();
        match name_zh {
            Some(name_zh) if errs.is_empty() => Ok(OrgProfile(OrgInput {
                name_zh,
                name_en,
                kind: self.kind,
                subtype,
                tiers,
                domains,
                district,
                pilot_zone,
                description,
                website,
                founded_year,
                size: self.size,
                contact_phone,
                contact_email,
                credit_code,
            })),
            _ => Err(errs),
        }
    }
}

fn blank_to_none(s: Option<&str>) -> Option<String> {
    s.map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned)
}

/// A profile that passed every rule, trimmed and normalized: the only thing the store accepts.
/// Built only by [`OrgInput::parse`].
#[derive(Debug, Clone, PartialEq)]
pub struct OrgProfile(OrgInput);

impl std::ops::Deref for OrgProfile {
    type Target = OrgInput;

    fn deref(&self) -> &OrgInput {
        &self.0
    }
}

/// Contact details, shown to the organization's members (and site admins) only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrgContact {
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// An organization's profile as the caller may see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Org {
    pub id: i64,
    pub name_zh: String,
    pub name_en: Option<String>,
    pub kind: OrgKind,
    pub subtype: Option<String>,
    pub tiers: Vec<String>,
    pub domains: Vec<String>,
    pub district: Option<String>,
    pub pilot_zone: Option<String>,
    pub description: Option<String>,
    pub website: Option<String>,
    pub founded_year: Option<i32>,
    pub size: Option<OrgSize>,
    /// 统一社会信用代码, when given.
    #[serde(default)]
    pub credit_code: Option<String>,
    pub verified: bool,
    pub member_count: i64,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: OffsetDateTime,
    /// Present only for members and site admins.
    pub contact: Option<OrgContact>,
    /// The caller's role, when the caller is a member.
    pub my_role: Option<OrgRole>,
}

impl Org {
    /// The editable part, to fill an edit form.
    pub fn to_input(&self) -> OrgInput {
        OrgInput {
            name_zh: self.name_zh.clone(),
            name_en: self.name_en.clone(),
            kind: self.kind,
            subtype: self.subtype.clone(),
            tiers: self.tiers.clone(),
            domains: self.domains.clone(),
            district: self.district.clone(),
            pilot_zone: self.pilot_zone.clone(),
            description: self.description.clone(),
            website: self.website.clone(),
            founded_year: self.founded_year,
            size: self.size,
            contact_phone: self.contact.as_ref().and_then(|c| c.phone.clone()),
            contact_email: self.contact.as_ref().and_then(|c| c.email.clone()),
            credit_code: self.credit_code.clone(),
        }
    }
}

/// One row of the organization directory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrgSummary {
    pub id: i64,
    pub name_zh: String,
    pub name_en: Option<String>,
    pub kind: OrgKind,
    pub subtype: Option<String>,
    pub domains: Vec<String>,
    pub district: Option<String>,
    pub verified: bool,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: OffsetDateTime,
}

/// `GET /api/v1/orgs` filters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct OrgListQuery {
    pub kind: Option<OrgKind>,
    /// Matches the Chinese or English name.
    pub q: Option<String>,
    pub verified: Option<bool>,
    pub domain: Option<String>,
    pub district: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Member {
    pub user_id: i64,
    pub display_name: String,
    pub email: String,
    pub role: OrgRole,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub joined_at: OffsetDateTime,
}

/// `POST /api/v1/orgs/{id}/members`: invite someone by email.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InviteRequest {
    pub email: String,
    #[serde(default = "default_role")]
    pub role: OrgRole,
}

fn default_role() -> OrgRole {
    OrgRole::Member
}

impl InviteRequest {
    pub fn parse(&self) -> Result<validate::Email, FieldErrors> {
        let mut errs = FieldErrors::new();
        let email = errs.check("email", validate::Email::parse(&self.email));
        match email {
            Some(e) => Ok(e),
            None => Err(errs),
        }
    }
}

/// `PUT /api/v1/orgs/{id}/members/{user_id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateMemberRequest {
    pub role: OrgRole,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Invitation {
    pub id: i64,
    pub org_id: i64,
    pub email: String,
    pub role: OrgRole,
    pub invited_by: String,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub expires_at: OffsetDateTime,
    /// The secret token, returned once when the invitation is created; the link is `/invitations/{token}`.
    pub token: Option<String>,
}

/// `GET /api/v1/invitations/{token}`: what the invitee sees before accepting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvitationPreview {
    pub org: OrgSummary,
    pub email: String,
    pub role: OrgRole,
    pub invited_by: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tax() -> Taxonomy {
        crate::taxonomy::test_taxonomy(&[
            (TermKind::Domain, "gen_ai"),
            (TermKind::District, "binjiang"),
            (TermKind::EnterpriseTier, "unicorn"),
            (TermKind::LabSubtype, "poc_center"),
            (TermKind::InvestorType, "vc_pe"),
            (TermKind::PilotZone, "zone_a"),
        ])
    }

    fn enterprise() -> OrgInput {
        OrgInput {
            name_zh: " 杭州云栖智算科技有限公司 ".into(),
            domains: vec!["gen_ai".into()],
            tiers: vec!["unicorn".into()],
            district: Some("binjiang".into()),
            ..OrgInput::empty(OrgKind::Enterprise)
        }
    }

    #[test]
    fn valid_enterprise_profile_parses_and_is_trimmed() {
        let p = enterprise().parse(&tax(), 2026).unwrap();
        assert_eq!(p.name_zh, "杭州云栖智算科技有限公司");
        assert_eq!(p.tiers, vec!["unicorn".to_string()]);
    }

    #[test]
    fn unknown_reference_codes_are_refused_per_field() {
        let mut input = enterprise();
        input.domains = vec!["alchemy".into()];
        input.district = Some("atlantis".into());
        input.pilot_zone = Some("nowhere".into());
        let errs = input.parse(&tax(), 2026).unwrap_err();
        assert_eq!(errs.get("domains"), Some(FieldError::UnknownTerm));
        assert_eq!(errs.get("district"), Some(FieldError::UnknownTerm));
        assert_eq!(errs.get("pilot_zone"), Some(FieldError::UnknownTerm));
    }

    #[test]
    fn labs_need_a_lab_subtype_and_take_no_enterprise_tiers() {
        let mut input = OrgInput { name_zh: "之江实验室".into(), ..OrgInput::empty(OrgKind::Lab) };
        assert_eq!(input.parse(&tax(), 2026).unwrap_err().get("subtype"), Some(FieldError::Required));
        input.subtype = Some("vc_pe".into());
        assert_eq!(input.parse(&tax(), 2026).unwrap_err().get("subtype"), Some(FieldError::UnknownTerm));
        input.subtype = Some("poc_center".into());
        input.tiers = vec!["unicorn".into()];
        assert_eq!(input.parse(&tax(), 2026).unwrap_err().get("tiers"), Some(FieldError::NotForKind));
        input.tiers.clear();
        assert!(input.parse(&tax(), 2026).is_ok());
    }

    #[test]
    fn enterprises_take_no_subtype() {
        let mut input = enterprise();
        input.subtype = Some("poc_center".into());
        assert_eq!(input.parse(&tax(), 2026).unwrap_err().get("subtype"), Some(FieldError::NotForKind));
    }

    #[test]
    fn contact_fields_are_checked() {
        let mut input = enterprise();
        input.contact_email = Some("nope".into());
        input.contact_phone = Some("call me".into());
        input.website = Some("ftp://x".into());
        let errs = input.parse(&tax(), 2026).unwrap_err();
        assert_eq!(errs.get("contact_email"), Some(FieldError::EmailInvalid));
        assert_eq!(errs.get("contact_phone"), Some(FieldError::PhoneInvalid));
        assert_eq!(errs.get("website"), Some(FieldError::UrlInvalid));
    }
}
