//! The plan dashboard (看板): progress against the plan's targets, and the platform's activity by
//! week, 5+X field and district, with the funnel from posting to signed deal.
//!
//! This file is long because its unit tests (132 lines) sit beside the target rules and roll-up
//! figures they check.

use serde::{Deserialize, Serialize};
use time::{Date, Duration};

use crate::error::FieldErrors;
use crate::i18n::{Locale, Msg};
use crate::taxonomy::{Taxonomy, TermKind};
use crate::validate::{self, FieldError};

code_enum!(
    /// What the activity figures count. Postings by kind, the funnel's later steps, events and
    /// competitions.
    Metric {
        PostingDemand = "posting.demand" => MetricPostingDemand,
        PostingCapability = "posting.capability" => MetricPostingCapability,
        PostingScenario = "posting.scenario" => MetricPostingScenario,
        PostingMandate = "posting.mandate" => MetricPostingMandate,
        Match = "match" => MetricMatch,
        Request = "request" => MetricRequest,
        Accepted = "accepted" => MetricAccepted,
        Signed = "signed" => MetricSigned,
        Event = "event" => MetricEvent,
        Attendance = "attendance" => MetricAttendance,
        Competition = "competition" => MetricCompetition,
        Entry = "entry" => MetricEntry,
    }
);

impl Metric {
    pub fn is_posting(self) -> bool {
        matches!(
            self,
            Metric::PostingDemand | Metric::PostingCapability | Metric::PostingScenario | Metric::PostingMandate
        )
    }
}

code_enum!(
    /// The steps of the funnel: posting → match (a posting that found a match scoring 80 or
    /// more when published) → request → accepted → signed.
    FunnelStep {
        Posting = "posting" => FunnelPosting,
        Match = "match" => MetricMatch,
        Request = "request" => MetricRequest,
        Accepted = "accepted" => MetricAccepted,
        Signed = "signed" => MetricSigned,
    }
);

/// Where a target's current value comes from. Admins choose it per target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TargetRule {
    /// Verified organizations with this sub-type and/or enterprise tier.
    Orgs { subtype: Option<String>, tier: Option<String> },
    /// Open calls (揭榜挂帅) whose result notice is final.
    OpenCallsWon,
    /// Published scenario openings with a signed pilot (a signed or completed deal about them).
    ScenariosPiloted,
    /// Pilot zones in the reference data, of this level (national, provincial, city) or all.
    PilotZones { level: Option<String> },
    /// A figure the platform does not hold, entered by an admin with its source and date.
    Manual,
}

impl TargetRule {
    /// Checks the codes it names against the reference data.
    pub fn check(&self, tax: &Taxonomy) -> Result<(), FieldErrors> {
        let mut errs = FieldErrors::new();
        match self {
            TargetRule::Orgs { subtype, tier } => {
                if subtype.is_none() && tier.is_none() {
                    errs.add("rule.subtype", FieldError::Required);
                }
                if let Some(s) = subtype
                    && !tax.has(TermKind::LabSubtype, s)
                {
                    errs.add("rule.subtype", FieldError::UnknownTerm);
                }
                if let Some(t) = tier
                    && !tax.has(TermKind::EnterpriseTier, t)
                {
                    errs.add("rule.tier", FieldError::UnknownTerm);
                }
            }
            TargetRule::PilotZones { level: Some(l) } if !PILOT_ZONE_LEVELS.contains(&l.as_str()) => {
                errs.add("rule.level", FieldError::Invalid);
            }
            _ => {}
        }
        errs.into_result()
    }
}

impl TargetRule {
    /// What the rule counts, in words (e.g. "已认证组织 · 创新联合体").
    pub fn text(&self, tax: &Taxonomy, locale: Locale) -> String {
        match self {
            TargetRule::Orgs { subtype, tier } => {
                let mut parts = vec![Msg::DashRuleOrgs.t(locale).to_owned()];
                parts.extend(subtype.iter().map(|s| tax.label(TermKind::LabSubtype, s, locale).to_owned()));
                parts.extend(tier.iter().map(|t| tax.label(TermKind::EnterpriseTier, t, locale).to_owned()));
                parts.join(" · ")
            }
            TargetRule::OpenCallsWon => Msg::DashRuleOpenCalls.t(locale).to_owned(),
            TargetRule::ScenariosPiloted => Msg::DashRuleScenarios.t(locale).to_owned(),
            TargetRule::PilotZones { level } => {
                format!("{} · {}", Msg::DashRulePilotZones.t(locale), level_label(level.as_deref()).t(locale))
            }
            TargetRule::Manual => Msg::DashRuleManual.t(locale).to_owned(),
        }
    }
}

/// A pilot-zone level's name; any other value (or none) is "all levels".
pub fn level_label(level: Option<&str>) -> Msg {
    match level {
        Some("national") => Msg::DashLevelNational,
        Some("provincial") => Msg::DashLevelProvincial,
        Some("city") => Msg::DashLevelCity,
        _ => Msg::DashLevelAny,
    }
}

/// The levels of pilot zones (the taxonomy's `group` of a pilot zone).
pub const PILOT_ZONE_LEVELS: [&str; 3] = ["national", "provincial", "city"];

/// A figure entered by hand, with where it comes from and as of when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ManualFigure {
    pub value: i64,
    /// E.g. 市科技局 2026年10月统计.
    pub source: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub as_of: Date,
}

/// One plan target as the dashboard shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TargetView {
    pub code: String,
    pub label_zh: String,
    pub label_en: String,
    /// The 2026 goal.
    pub goal: i64,
    pub rule: TargetRule,
    /// None for a manual target no figure was entered for yet.
    pub current: Option<i64>,
    /// The manual figure (shown when the rule is manual; kept when the rule changes).
    pub manual: Option<ManualFigure>,
    /// The date of the figure: today for platform data, the entry's date for a manual figure.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub as_of: Option<Date>,
}

impl TargetView {
    /// Progress towards the goal in per mille, capped at 1000.
    pub fn progress_permille(&self) -> Option<u32> {
        self.current.map(|c| progress_permille(c, self.goal))
    }
}

/// `current / goal` in per mille, 0..=1000 (a goal exceeded is 1000).
pub fn progress_permille(current: i64, goal: i64) -> u32 {
    if goal <= 0 || current <= 0 {
        return 0;
    }
    let p = (i128::from(current) * 1000 / i128::from(goal)).min(1000);
    u32::try_from(p).unwrap_or(1000)
}

/// `PUT /api/v1/admin/targets/{code}`: goal, rule and the manual figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TargetInput {
    pub goal: i64,
    pub rule: TargetRule,
    pub manual_value: Option<i64>,
    pub manual_source: Option<String>,
    /// YYYY-MM-DD.
    pub manual_as_of: Option<String>,
}

/// A checked [`TargetInput`].
#[derive(Debug, Clone, PartialEq)]
pub struct TargetUpdate {
    pub goal: i64,
    pub rule: TargetRule,
    pub manual: Option<ManualFigure>,
}

impl TargetInput {
    pub fn parse(&self, tax: &Taxonomy, today: Date) -> Result<TargetUpdate, FieldErrors> {
        let mut errs = FieldErrors::new();
        if !(1..=10_000_000).contains(&self.goal) {
            errs.add("goal", FieldError::OutOfRange);
        }
        if let Err(e) = self.rule.check(tax) {
            errs.extend(e);
        }
        let source = errs.check("manual_source", validate::optional_line(self.manual_source.as_deref(), 200)).flatten();
        let as_of = match self.manual_as_of.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => None,
            Some(s) => match parse_date(s) {
                Some(d) if validate::date_in_range(d).is_err() => {
                    errs.add("manual_as_of", FieldError::DateOutOfRange);
                    None
                }
                Some(d) if d > today => {
                    errs.add("manual_as_of", FieldError::OutOfRange);
                    None
                }
                Some(d) => Some(d),
                None => {
                    errs.add("manual_as_of", FieldError::Invalid);
                    None
                }
            },
        };
        if let Some(v) = self.manual_value
            && !(0..=100_000_000).contains(&v)
        {
            errs.add("manual_value", FieldError::OutOfRange);
        }
        let manual = match (self.manual_value, source, as_of) {
            (None, None, None) => None,
            (Some(value), Some(source), Some(as_of)) => Some(ManualFigure { value, source, as_of }),
            (value, source, as_of) => {
                // A figure needs all three: say which are missing.
                if value.is_none() {
                    errs.add("manual_value", FieldError::Required);
                }
                if source.is_none() && errs.get("manual_source").is_none() {
                    errs.add("manual_source", FieldError::Required);
                }
                if as_of.is_none() && errs.get("manual_as_of").is_none() {
                    errs.add("manual_as_of", FieldError::Required);
                }
                None
            }
        };
        if self.rule == TargetRule::Manual && manual.is_none() && errs.get("manual_value").is_none() {
            errs.add("manual_value", FieldError::Required);
        }
        errs.into_result()?;
        Ok(TargetUpdate { goal: self.goal, rule: self.rule.clone(), manual })
    }
}

/// `GET /api/v1/dashboard/activity` and `/api/v1/dashboard/export.xlsx`: the period (weeks, by their
/// first and last day) and an optional 5+X field.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ActivityQuery {
    /// YYYY-MM-DD: the period starts with the week of this day (default: 25 weeks before `to`).
    #[serde(default)]
    pub from: Option<String>,
    /// YYYY-MM-DD: the period ends with the week of this day (default: this week).
    #[serde(default)]
    pub to: Option<String>,
    /// A 5+X field code.
    #[serde(default)]
    pub domain: Option<String>,
}

/// The longest period one request covers (about five years of weeks).
pub const MAX_WEEKS: usize = 260;

/// A checked [`ActivityQuery`]: Mondays `from..=to`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    pub from: Date,
    pub to: Date,
    pub domain: Option<String>,
}

impl ActivityQuery {
    pub fn parse(&self, tax: &Taxonomy, today: Date) -> Result<Period, FieldErrors> {
        let mut errs = FieldErrors::new();
        let mut day = |field: &str, raw: &Option<String>| match raw.as_deref().map(str::trim).filter(|s| !s.is_empty())
        {
            None => Ok(None),
            Some(s) => parse_date(s)
                .ok_or(FieldError::Invalid)
                .and_then(validate::date_in_range)
                .map(Some)
                .map_err(|e| errs.add(field, e)),
        };
        let to = day("to", &self.to);
        let from = day("from", &self.from);
        let domain = self.domain.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
        if let Some(d) = &domain
            && !tax.has(TermKind::Domain, d)
        {
            errs.add("domain", FieldError::UnknownTerm);
        }
        let (Ok(from), Ok(to)) = (from, to) else { return Err(errs) };
        let to = week_of(to.unwrap_or(today));
        let from = week_of(from.unwrap_or(to.checked_sub(Duration::weeks(25)).unwrap_or(to)));
        if from > to {
            errs.add("from", FieldError::DatesOutOfOrder);
        } else if (to - from).whole_weeks() >= MAX_WEEKS as i64 {
            errs.add("from", FieldError::OutOfRange);
        }
        errs.into_result()?;
        Ok(Period { from, to, domain })
    }
}

/// The Monday of `day`'s week (`day` itself in the first days of the calendar, which have none).
pub fn week_of(day: Date) -> Date {
    day.checked_sub(Duration::days(i64::from(day.weekday().number_days_from_monday()))).unwrap_or(day)
}

/// The Mondays from `from`'s week to `to`'s week, inclusive.
pub fn weeks(from: Date, to: Date) -> Vec<Date> {
    let mut out = Vec::new();
    let mut w = week_of(from);
    let last = week_of(to);
    while w <= last {
        out.push(w);
        match w.checked_add(Duration::weeks(1)) {
            Some(next) => w = next,
            None => break,
        }
    }
    out
}

/// `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Option<Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(s, &format).ok()
}

/// `YYYY-MM-DD`.
pub fn format_date(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// One metric over the period's weeks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Series {
    pub metric: Metric,
    /// One count per week of [`Activity::weeks`].
    pub counts: Vec<i64>,
}

/// The period's counts for one 5+X field or district, one per metric in [`Metric::ALL`] order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Breakdown {
    /// The field or district code; empty for "not given".
    pub code: String,
    pub counts: Vec<i64>,
    /// The value of the contracts signed (万元).
    pub signed_value: i64,
}

impl Breakdown {
    pub fn count(&self, m: Metric) -> i64 {
        Metric::ALL.iter().position(|x| *x == m).and_then(|i| self.counts.get(i)).copied().unwrap_or(0)
    }

    pub fn postings(&self) -> i64 {
        Metric::ALL.iter().filter(|m| m.is_posting()).map(|m| self.count(*m)).sum()
    }
}

/// One step of the funnel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FunnelCount {
    pub step: FunnelStep,
    pub count: i64,
}

/// `GET /api/v1/dashboard/activity`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Activity {
    /// The Mondays of the period.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<String>))]
    pub weeks: Vec<Date>,
    pub domain: Option<String>,
    pub series: Vec<Series>,
    /// Every 5+X field with activity in the period (and the ones without, at zero).
    pub by_domain: Vec<Breakdown>,
    pub by_district: Vec<Breakdown>,
    /// The period's totals, one per metric in [`Metric::ALL`] order, and the value signed.
    pub totals: Breakdown,
    pub funnel: Vec<FunnelCount>,
}

/// The funnel from the period's totals.
pub fn funnel(totals: &Breakdown) -> Vec<FunnelCount> {
    FunnelStep::ALL
        .iter()
        .map(|&step| {
            let count = match step {
                FunnelStep::Posting => totals.postings(),
                FunnelStep::Match => totals.count(Metric::Match),
                FunnelStep::Request => totals.count(Metric::Request),
                FunnelStep::Accepted => totals.count(Metric::Accepted),
                FunnelStep::Signed => totals.count(Metric::Signed),
            };
            FunnelCount { step, count }
        })
        .collect()
}

/// Step `i` of the funnel as a percentage of the step before it; `None` for the first step and
/// after an empty one.
pub fn conversion_percent(funnel: &[FunnelCount], i: usize) -> Option<f64> {
    let prev = funnel.get(i.checked_sub(1)?)?.count;
    let cur = funnel.get(i)?.count;
    (prev > 0).then(|| cur as f64 * 100.0 / prev as f64)
}

/// Round axis ticks from 0 to at least `max`: 1, 2 or 5 × 10^k apart, at most about six.
pub fn ticks(max: i64) -> Vec<i64> {
    let max = max.max(1);
    let mut step = 1i64;
    loop {
        for m in [1, 2, 5] {
            let s = step * m;
            if max / s < 6 {
                let top = max.div_euclid(s) * s + if max % s == 0 { 0 } else { s };
                return (0..=top / s).map(|i| i * s).collect();
            }
        }
        step *= 10;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::taxonomy::test_taxonomy;
    use time::macros::date;

    #[test]
    fn periods_at_the_ends_of_the_calendar_are_refused_naming_the_field() {
        let today = date!(2026 - 11 - 29);
        for (from, to, field) in [
            (None, Some("9999-12-31"), "to"),
            (None, Some("-9999-01-01"), "to"),
            (Some("0000-01-01"), Some("9999-12-31"), "from"),
            (Some("1900-01-01"), Some("9999-12-31"), "from"),
            (Some("1900-01-01"), None, "from"),
        ] {
            let q = ActivityQuery { from: from.map(Into::into), to: to.map(Into::into), domain: None };
            let errs = q.parse(&tax(), today).unwrap_err();
            assert_eq!(errs.get(field), Some(FieldError::DateOutOfRange), "{from:?}..{to:?}: {errs:?}");
        }
        let q = ActivityQuery { from: Some("2000-01-01".into()), to: Some("2099-12-31".into()), domain: None };
        assert_eq!(q.parse(&tax(), today).unwrap_err().get("from"), Some(FieldError::OutOfRange), "too many weeks");
    }

    #[test]
    fn week_arithmetic_never_leaves_the_calendar() {
        let (first, last) = (Date::MIN, Date::MAX);
        assert!(week_of(first) <= first);
        assert_eq!(weeks(last, last).len(), 1);
        assert!(weeks(first, first).len() <= 1);
    }

    fn tax() -> Taxonomy {
        test_taxonomy(&[
            (TermKind::Domain, "gen_ai"),
            (TermKind::LabSubtype, "innovation_consortium"),
            (TermKind::EnterpriseTier, "high_tech"),
        ])
    }

    #[test]
    fn weeks_start_on_monday_and_cover_both_ends() {
        assert_eq!(week_of(date!(2026 - 11 - 29)), date!(2026 - 11 - 23));
        assert_eq!(week_of(date!(2026 - 11 - 30)), date!(2026 - 11 - 30));
        assert_eq!(
            weeks(date!(2026 - 11 - 29), date!(2026 - 12 - 01)),
            vec![date!(2026 - 11 - 23), date!(2026 - 11 - 30)]
        );
        assert_eq!(weeks(date!(2026 - 12 - 31), date!(2027 - 01 - 04)).len(), 2);
    }

    #[test]
    fn a_period_defaults_to_the_last_26_weeks_and_rejects_inverted_or_unknown_input() {
        let today = date!(2026 - 11 - 30);
        let p = ActivityQuery::default().parse(&tax(), today).expect("default");
        assert_eq!((p.to, weeks(p.from, p.to).len()), (today, 26));
        let bad = ActivityQuery { from: Some("2026-12-31".into()), to: Some("2026-01-01".into()), domain: None };
        assert_eq!(bad.parse(&tax(), today).unwrap_err().get("from"), Some(FieldError::DatesOutOfOrder));
        let bad = ActivityQuery { from: Some("2026-13-01".into()), to: None, domain: Some("nope".into()) };
        let errs = bad.parse(&tax(), today).unwrap_err();
        assert_eq!((errs.get("from"), errs.get("domain")), (Some(FieldError::Invalid), Some(FieldError::UnknownTerm)));
        let long = ActivityQuery { from: Some("2010-01-01".into()), to: None, domain: None };
        assert_eq!(long.parse(&tax(), today).unwrap_err().get("from"), Some(FieldError::OutOfRange));
    }

    #[test]
    fn progress_is_per_mille_capped_at_the_goal() {
        assert_eq!(progress_permille(3, 10), 300);
        assert_eq!(progress_permille(1, 3), 333);
        assert_eq!(progress_permille(1500, 1000), 1000);
        assert_eq!(progress_permille(0, 10), 0);
    }

    #[test]
    fn a_target_rule_names_known_codes_and_a_manual_figure_has_value_source_and_date() {
        let today = date!(2026 - 11 - 30);
        let ok = TargetInput {
            goal: 10,
            rule: TargetRule::Orgs { subtype: Some("innovation_consortium".into()), tier: None },
            manual_value: None,
            manual_source: None,
            manual_as_of: None,
        };
        assert_eq!(ok.parse(&tax(), today).expect("ok").manual, None);
        let unknown = TargetInput { rule: TargetRule::Orgs { subtype: None, tier: Some("x".into()) }, ..ok.clone() };
        assert_eq!(unknown.parse(&tax(), today).unwrap_err().get("rule.tier"), Some(FieldError::UnknownTerm));
        let manual = TargetInput { rule: TargetRule::Manual, manual_value: Some(4), ..ok.clone() };
        let errs = manual.parse(&tax(), today).unwrap_err();
        assert_eq!(
            (errs.get("manual_source"), errs.get("manual_as_of")),
            (Some(FieldError::Required), Some(FieldError::Required))
        );
        let manual = TargetInput {
            manual_source: Some("市未来产业工作专班".into()),
            manual_as_of: Some("2026-10-31".into()),
            ..manual
        };
        let figure = manual.parse(&tax(), today).expect("manual").manual.expect("figure");
        assert_eq!((figure.value, figure.as_of), (4, date!(2026 - 10 - 31)));
        let future = TargetInput { manual_as_of: Some("2027-01-01".into()), ..manual };
        assert_eq!(future.parse(&tax(), today).unwrap_err().get("manual_as_of"), Some(FieldError::OutOfRange));
        let zero_goal = TargetInput { goal: 0, ..ok };
        assert_eq!(zero_goal.parse(&tax(), today).unwrap_err().get("goal"), Some(FieldError::OutOfRange));
    }

    #[test]
    fn the_funnel_sums_postings_of_every_kind() {
        let mut counts = vec![0; Metric::ALL.len()];
        for (m, n) in
            [(Metric::PostingDemand, 3), (Metric::PostingCapability, 2), (Metric::Request, 4), (Metric::Signed, 1)]
        {
            counts[Metric::ALL.iter().position(|x| *x == m).expect("metric")] = n;
        }
        let totals = Breakdown { code: String::new(), counts, signed_value: 0 };
        let steps = funnel(&totals);
        let f: Vec<i64> = steps.iter().map(|s| s.count).collect();
        assert_eq!(f, vec![5, 0, 4, 0, 1]);
        assert_eq!(conversion_percent(&steps, 0), None, "the first step has none");
        assert_eq!(conversion_percent(&steps, 1), Some(0.0));
        assert_eq!(conversion_percent(&steps, 2), None, "after an empty step");
        assert_eq!(conversion_percent(&steps, 4), None);
    }

    #[test]
    fn ticks_are_round_and_reach_the_maximum() {
        assert_eq!(ticks(0), vec![0, 1]);
        assert_eq!(ticks(4), vec![0, 1, 2, 3, 4]);
        assert_eq!(ticks(7), vec![0, 2, 4, 6, 8]);
        assert_eq!(ticks(23), vec![0, 5, 10, 15, 20, 25]);
        assert_eq!(ticks(1000), vec![0, 200, 400, 600, 800, 1000]);
    }
}
