//! A posting as read: the full posting, list cards, list and search queries, search results, moderation.

use super::*;

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
