//! A posting as written: the input, its limits and its validation into a draft.

use super::*;

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

/// An amount range (万元) named by its `_max` field: each end at most [`AMOUNT_MAX`], the low end
/// not above the high one.
pub(super) fn range(errs: &mut FieldErrors, field: &str, min: Option<u32>, max: Option<u32>) {
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

pub(super) fn not_past(errs: &mut FieldErrors, field: &str, date: Option<Date>, today: Date) {
    match date {
        Some(d) if validate::date_in_range(d).is_err() => errs.add(field, FieldError::DateOutOfRange),
        Some(d) if d < today => errs.add(field, FieldError::DateInPast),
        _ => {}
    }
}

pub(super) fn trl(errs: &mut FieldErrors, value: u8) {
    if !(1..=9).contains(&value) {
        errs.add("trl", FieldError::OutOfRange);
    }
}

pub(super) fn codes_in(errs: &mut FieldErrors, field: &str, tax: &Taxonomy, kind: TermKind, codes: &[String]) {
    if let Some(e) = codes.iter().find_map(|c| tax.require(kind, c).err()) {
        errs.add(field, e);
    }
}

pub(super) fn text(errs: &mut FieldErrors, field: &str, raw: &Option<String>, max: usize) -> Option<String> {
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

impl std::ops::Deref for PostingDraft {
    type Target = PostingInput;

    fn deref(&self) -> &PostingInput {
        &self.0
    }
}
