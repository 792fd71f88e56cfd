//! Pure assembly of the dashboard's figures from the roll-up's sums, and the export's sheets.

use std::collections::BTreeMap;

use shared::dashboard::{
    Activity, Breakdown, Metric, Period, Series, TargetRule, TargetView, conversion_percent, format_date, funnel, weeks,
};
use shared::taxonomy::{Taxonomy, TermKind};
use shared::{Locale, Msg};

use super::store::Cell;
use crate::xlsx::{Cell as X, Sheet};

fn slot(metric: &str) -> Option<usize> {
    let m = Metric::parse(metric)?;
    Metric::ALL.iter().position(|x| *x == m)
}

/// Sums cells keyed by field or district into rows: every code of `known` (in that order, zero when
/// quiet), then any other code met (a term since removed, or "not given" as the empty code).
fn breakdown(cells: &[Cell], known: &[String]) -> Vec<Breakdown> {
    let mut rows: BTreeMap<&str, Breakdown> = BTreeMap::new();
    let mut order: Vec<&str> = known.iter().map(String::as_str).collect();
    for code in known {
        rows.insert(code, Breakdown { code: code.clone(), counts: vec![0; Metric::ALL.len()], signed_value: 0 });
    }
    for (metric, key, n, value) in cells {
        let Some(i) = slot(metric) else { continue };
        let row = rows.entry(key.as_str()).or_insert_with(|| {
            order.push(key.as_str());
            Breakdown { code: key.clone(), counts: vec![0; Metric::ALL.len()], signed_value: 0 }
        });
        row.counts[i] += n;
        if Metric::ALL[i] == Metric::Signed {
            row.signed_value += value;
        }
    }
    order.iter().filter_map(|k| rows.remove(k)).collect()
}

/// The dashboard's activity for `period` from the roll-up summed by week, by field and by district.
pub fn activity(
    period: &Period,
    tax: &Taxonomy,
    by_week: &[Cell],
    by_domain: &[Cell],
    by_district: &[Cell],
) -> Activity {
    let weeks = weeks(period.from, period.to);
    let index: BTreeMap<String, usize> = weeks.iter().enumerate().map(|(i, w)| (format_date(*w), i)).collect();
    let mut series: Vec<Series> =
        Metric::ALL.iter().map(|&metric| Series { metric, counts: vec![0; weeks.len()] }).collect();
    for (metric, week, n, _) in by_week {
        if let (Some(m), Some(&w)) = (slot(metric), index.get(week)) {
            series[m].counts[w] += n;
        }
    }
    let codes = |k: TermKind| -> Vec<String> { tax.of(k).map(|t| t.code.clone()).collect() };
    let domains = match &period.domain {
        Some(d) => vec![d.clone()],
        None => codes(TermKind::Domain),
    };
    let by_domain = breakdown(by_domain, &domains);
    let by_district = breakdown(by_district, &codes(TermKind::District));
    let mut totals = Breakdown { code: String::new(), counts: vec![0; Metric::ALL.len()], signed_value: 0 };
    for row in &by_domain {
        for (t, c) in totals.counts.iter_mut().zip(&row.counts) {
            *t += c;
        }
        totals.signed_value += row.signed_value;
    }
    let funnel = funnel(&totals);
    Activity { weeks, domain: period.domain.clone(), series, by_domain, by_district, totals, funnel }
}

/// A field's or district's name; "not given" for the empty code.
fn label(tax: &Taxonomy, kind: TermKind, code: &str, locale: Locale) -> String {
    if code.is_empty() { Msg::DashUnknown.t(locale).to_owned() } else { tax.label(kind, code, locale).to_owned() }
}

fn count(n: i64) -> X {
    X::Number(n as f64)
}

/// The export: targets, the weekly series, the field and district breakdowns, the funnel.
pub fn sheets(targets: &[TargetView], a: &Activity, tax: &Taxonomy, locale: Locale) -> Vec<Sheet> {
    let t = |m: Msg| m.t(locale).to_owned();
    let metrics = || Metric::ALL.iter().map(|m| m.msg().t(locale).to_owned());
    let targets = Sheet {
        name: t(Msg::DashTargets).chars().take(31).collect(),
        header: vec![
            t(Msg::DashMetric),
            t(Msg::DashGoal),
            t(Msg::DashCurrent),
            t(Msg::DashProgress),
            t(Msg::AdminTargetRule),
            t(Msg::DashAsOf),
        ],
        rows: targets
            .iter()
            .map(|v| {
                let name = if locale == Locale::En { v.label_en.clone() } else { v.label_zh.clone() };
                let source = match (&v.rule, &v.manual) {
                    (TargetRule::Manual, Some(m)) => m.source.clone(),
                    (rule, _) => rule.text(tax, locale),
                };
                vec![
                    X::Text(name),
                    count(v.goal),
                    v.current.map_or_else(|| X::Text(t(Msg::DashNotReported)), count),
                    v.progress_permille().map_or(X::Text(String::new()), |p| X::Number(f64::from(p) / 10.0)),
                    X::Text(source),
                    X::Text(v.as_of.map(format_date).unwrap_or_default()),
                ]
            })
            .collect(),
    };
    let weekly = Sheet {
        name: t(Msg::DashWeekly),
        header: std::iter::once(t(Msg::DashWeek)).chain(metrics()).collect(),
        rows: a
            .weeks
            .iter()
            .enumerate()
            .map(|(i, w)| {
                std::iter::once(X::Text(format_date(*w))).chain(a.series.iter().map(|s| count(s.counts[i]))).collect()
            })
            .collect(),
    };
    let table = |name: Msg, rows: &[Breakdown], kind: TermKind| Sheet {
        name: t(name).chars().take(31).collect(),
        header: std::iter::once(t(name)).chain(metrics()).chain(std::iter::once(t(Msg::DashSignedValue))).collect(),
        rows: rows
            .iter()
            .chain(std::iter::once(&Breakdown { code: t(Msg::DashTotal), ..a.totals.clone() }))
            .map(|r| {
                let name = if r.code == t(Msg::DashTotal) { r.code.clone() } else { label(tax, kind, &r.code, locale) };
                std::iter::once(X::Text(name))
                    .chain(r.counts.iter().map(|n| count(*n)))
                    .chain(std::iter::once(count(r.signed_value)))
                    .collect()
            })
            .collect(),
    };
    let funnel = Sheet {
        name: t(Msg::DashConversion),
        header: vec![t(Msg::DashMetric), t(Msg::DashTotal), t(Msg::DashConversion)],
        rows: a
            .funnel
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let rate = conversion_percent(&a.funnel, i).map_or(X::Text(String::new()), X::Number);
                vec![X::Text(s.step.msg().t(locale).to_owned()), count(s.count), rate]
            })
            .collect(),
    };
    vec![
        targets,
        weekly,
        table(Msg::DashByDomain, &a.by_domain, TermKind::Domain),
        table(Msg::DashByDistrict, &a.by_district, TermKind::District),
        funnel,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::taxonomy::Term;
    use time::macros::date;

    fn tax() -> Taxonomy {
        let term = |kind, code: &str| Term {
            kind,
            code: code.into(),
            label_zh: code.into(),
            label_en: code.into(),
            group: None,
            parent: None,
        };
        Taxonomy {
            terms: vec![
                term(TermKind::Domain, "gen_ai"),
                term(TermKind::Domain, "quantum"),
                term(TermKind::District, "xihu"),
                term(TermKind::District, "binjiang"),
            ],
        }
    }

    fn cell(m: &str, k: &str, n: i64, v: i64) -> Cell {
        (m.into(), k.into(), n, v)
    }

    #[test]
    fn weekly_counts_land_in_their_week_and_unknown_metrics_or_weeks_are_ignored() {
        let p = Period { from: date!(2026 - 11 - 16), to: date!(2026 - 11 - 30), domain: None };
        let weekly = [
            cell("request", "2026-11-16", 2, 0),
            cell("request", "2026-11-30", 1, 0),
            cell("signed", "2026-11-23", 1, 500),
            cell("nonsense", "2026-11-23", 9, 0),
            cell("request", "2025-01-06", 7, 0),
        ];
        let a = activity(&p, &tax(), &weekly, &[], &[]);
        assert_eq!(a.weeks.len(), 3);
        let of = |m: Metric| a.series.iter().find(|s| s.metric == m).expect("series").counts.clone();
        assert_eq!(of(Metric::Request), vec![2, 0, 1]);
        assert_eq!(of(Metric::Signed), vec![0, 1, 0]);
    }

    #[test]
    fn breakdowns_list_every_known_code_then_the_rest_and_totals_and_funnel_follow_the_fields() {
        let p = Period { from: date!(2026 - 11 - 30), to: date!(2026 - 11 - 30), domain: None };
        let by_domain = [
            cell("posting.demand", "quantum", 3, 0),
            cell("posting.capability", "", 1, 0),
            cell("match", "quantum", 4, 0),
            cell("signed", "quantum", 1, 800),
            cell("correction", "quantum", -1, 0),
        ];
        let by_district = [cell("posting.demand", "xihu", 3, 0), cell("posting.capability", "", 1, 0)];
        let a = activity(&p, &tax(), &[], &by_domain, &by_district);
        let codes: Vec<&str> = a.by_domain.iter().map(|b| b.code.as_str()).collect();
        assert_eq!(codes, vec!["gen_ai", "quantum", ""]);
        assert_eq!(a.by_domain[0].postings(), 0);
        assert_eq!((a.by_domain[1].postings(), a.by_domain[1].signed_value), (3, 800));
        let districts: Vec<(&str, i64)> = a.by_district.iter().map(|b| (b.code.as_str(), b.postings())).collect();
        assert_eq!(districts, vec![("xihu", 3), ("binjiang", 0), ("", 1)]);
        assert_eq!((a.totals.postings(), a.totals.signed_value), (4, 800));
        let f: Vec<i64> = a.funnel.iter().map(|s| s.count).collect();
        assert_eq!(f, vec![4, 4, 0, 0, 1]);
    }

    #[test]
    fn a_field_filter_shows_that_field_only() {
        let p = Period { from: date!(2026 - 11 - 30), to: date!(2026 - 11 - 30), domain: Some("quantum".into()) };
        let a = activity(&p, &tax(), &[], &[cell("request", "quantum", 2, 0)], &[]);
        assert_eq!(a.by_domain.len(), 1);
        assert_eq!(a.totals.count(Metric::Request), 2);
    }

    #[test]
    fn the_export_has_a_sheet_per_view_with_a_row_per_week_and_a_total_row() {
        let p = Period { from: date!(2026 - 11 - 23), to: date!(2026 - 11 - 30), domain: None };
        let a = activity(&p, &tax(), &[cell("request", "2026-11-30", 2, 0)], &[cell("request", "gen_ai", 2, 0)], &[]);
        let s = sheets(&[], &a, &tax(), Locale::En);
        assert_eq!(s.len(), 5);
        assert_eq!(s[1].rows.len(), 2);
        assert_eq!(s[2].rows.len(), 3, "two fields and the total");
        assert_eq!(s[2].rows[2][0], X::Text("Total".into()));
    }
}
