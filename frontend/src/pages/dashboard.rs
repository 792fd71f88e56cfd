//! The plan dashboard (`/dashboard`, public): the plan's targets with progress bars, and the
//! platform's activity — week by week, the funnel, by 5+X field and by district — as SVG charts
//! with a table of the same numbers each, filtered by period and field, exported as Excel.

use leptos::prelude::*;
use shared::dashboard::{
    Activity, ActivityQuery, Breakdown, Metric, TargetRule, TargetView, conversion_percent, ticks,
};
use shared::taxonomy::TermKind;
use shared::{Locale, Msg};

use crate::api;
use crate::components::data::resource_view;
use crate::components::labels::{day, today, use_taxonomy};
use crate::i18n::{locale, text, tr};

#[component]
pub fn Dashboard() -> impl IntoView {
    view! {
        <section class="page dashboard">
            <h1>{tr(Msg::DashTitle)}</h1>
            <p class="muted">{tr(Msg::DashIntro)}</p>
            <Targets/>
            <ActivityView/>
        </section>
    }
}

/// What a target's figure is counted from, in words.
pub fn rule_text(rule: &TargetRule, l: Locale) -> String {
    rule.text(&use_taxonomy().get(), l)
}

#[component]
fn Targets() -> impl IntoView {
    let data = LocalResource::new(|| async { api::dashboard_targets().await });
    view! {
        <section class="card" aria-labelledby="dash-targets">
            <h2 id="dash-targets">{tr(Msg::DashTargets)}</h2>
            {resource_view(data, |targets: Vec<TargetView>| view! {
                <div class="targets">
                    {targets.into_iter().map(|t| view! { <TargetCard t/> }).collect_view()}
                </div>
            })}
        </section>
    }
}

#[component]
fn TargetCard(t: TargetView) -> impl IntoView {
    let code = t.code.clone();
    move || {
        let l = locale();
        let name = if l == Locale::En { t.label_en.clone() } else { t.label_zh.clone() };
        let (source_kind, source) = match (&t.rule, &t.manual) {
            (TargetRule::Manual, Some(m)) => (Msg::DashSourceManual, m.source.clone()),
            (rule, _) => (Msg::DashSourcePlatform, rule_text(rule, l)),
        };
        let permille = t.progress_permille().unwrap_or(0);
        let figure = match t.current {
            Some(c) => format!("{c} / {}", t.goal),
            None => format!("{} / {}", Msg::DashNotReported.t(l), t.goal),
        };
        let as_of = t.as_of.map(|d| format!("{} {}", Msg::DashAsOf.t(l), day(&d))).unwrap_or_default();
        view! {
            <article class="target" data-testid="target" data-code=code.clone()>
                <h3>{name.clone()}</h3>
                <p class="target-figure"><strong data-testid="target-current">{figure}</strong>
                    " "<span class="muted">{format!("{:.1}%", f64::from(permille) / 10.0)}</span></p>
                <progress max="1000" value=permille.to_string() aria-label=format!("{name} {}", Msg::DashProgress.t(l))></progress>
                <p class="muted small">{format!("{}：{source}", source_kind.t(l))}</p>
                <p class="muted small">{as_of}</p>
            </article>
        }
    }
}

/// Monday-based weeks as the user picked them; empty means the server's default.
#[derive(Clone, Default, PartialEq)]
struct Filters {
    from: String,
    to: String,
    domain: String,
}

impl Filters {
    fn query(&self) -> ActivityQuery {
        let opt = |s: &str| Some(s.to_owned()).filter(|s| !s.is_empty());
        ActivityQuery { from: opt(&self.from), to: opt(&self.to), domain: opt(&self.domain) }
    }
}

#[component]
fn ActivityView() -> impl IntoView {
    let tax = use_taxonomy();
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let domain = RwSignal::new(String::new());
    let applied = RwSignal::new(Filters::default());
    let data = LocalResource::new(move || {
        let q = applied.get().query();
        async move { api::dashboard_activity(&q).await }
    });
    let apply = move || {
        applied.set(Filters { from: from.get_untracked(), to: to.get_untracked(), domain: domain.get_untracked() })
    };
    let preset = move |weeks: i64| {
        let t = today();
        let f = if weeks == 0 {
            time::Date::from_calendar_date(t.year(), time::Month::January, 1).unwrap_or(t)
        } else {
            t - time::Duration::weeks(weeks - 1)
        };
        from.set(day(&f));
        to.set(day(&t));
        apply();
    };
    let domains = move || {
        let l = locale();
        tax.get().of(TermKind::Domain).map(|t| (t.code.clone(), t.label(l).to_owned())).collect::<Vec<_>>()
    };
    view! {
        <section class="card" aria-labelledby="dash-activity">
            <h2 id="dash-activity">{tr(Msg::DashActivity)}</h2>
            <form class="dash-filters" data-testid="dash-filters" on:submit=move |ev| { ev.prevent_default(); apply(); }>
                <fieldset>
                    <legend>{tr(Msg::DashPeriod)}</legend>
                    <button type="button" class="btn btn-ghost" on:click=move |_| preset(12)>{tr(Msg::DashPreset12)}</button>
                    <button type="button" class="btn btn-ghost" on:click=move |_| preset(26)>{tr(Msg::DashPreset26)}</button>
                    <button type="button" class="btn btn-ghost" data-testid="dash-year" on:click=move |_| preset(0)>{tr(Msg::DashPresetYear)}</button>
                    <label for="dash-from">{tr(Msg::DashPeriodFrom)}</label>
                    <input id="dash-from" type="date" prop:value=move || from.get() on:change=move |ev| from.set(event_target_value(&ev))/>
                    <label for="dash-to">{tr(Msg::DashPeriodTo)}</label>
                    <input id="dash-to" type="date" prop:value=move || to.get() on:change=move |ev| to.set(event_target_value(&ev))/>
                </fieldset>
                <label for="dash-domain">{tr(Msg::DashByDomain)}</label>
                <select id="dash-domain" data-testid="dash-domain" prop:value=move || domain.get()
                    on:change=move |ev| { domain.set(event_target_value(&ev)); apply(); }>
                    <option value="">{tr(Msg::DashAllDomains)}</option>
                    {move || domains().into_iter().map(|(code, label)| view! { <option value=code>{label}</option> }).collect_view()}
                </select>
                <button type="submit" class="btn btn-primary">{tr(Msg::DashApply)}</button>
                <a class="btn btn-secondary" data-testid="dash-export" download=""
                    href=move || api::dashboard_export_url(&applied.get().query())>{tr(Msg::DashExport)}</a>
            </form>
            {resource_view(data, |a: Activity| view! { <Figures a/> })}
        </section>
    }
}

#[component]
fn Figures(a: Activity) -> impl IntoView {
    let a = StoredValue::new(a);
    view! {
        <Weekly a/>
        <Funnel a/>
        <ByDomain a/>
        <ByDistrict a/>
    }
}

/// A chart with its title, and a button that shows the same numbers as a table instead.
#[component]
fn ChartFigure(
    title: Signal<String>,
    testid: &'static str,
    chart: Box<dyn Fn() -> AnyView + Send + Sync>,
    table: Box<dyn Fn() -> AnyView + Send + Sync>,
) -> impl IntoView {
    let as_table = RwSignal::new(false);
    view! {
        <figure class="chart" data-testid=testid>
            <figcaption>
                <h3>{move || title.get()}</h3>
                <button type="button" class="btn btn-ghost" aria-pressed=move || as_table.get().to_string()
                    data-testid="chart-toggle" on:click=move |_| as_table.update(|t| *t = !*t)>
                    {move || if as_table.get() { tr(Msg::DashShowChart)() } else { tr(Msg::DashShowTable)() }}
                </button>
            </figcaption>
            {move || if as_table.get() { table() } else { chart() }}
        </figure>
    }
}

const H: f64 = 260.0;
const LEFT: f64 = 52.0;
const BOTTOM: f64 = 36.0;
const TOP: f64 = 12.0;

/// The drawing's width in its own units. A chart is scaled to the width of the page, so on a
/// phone it is drawn narrower: its 12-unit text then still reads at about 12 px, not 5.
fn chart_width() -> f64 {
    let viewport = web_sys::window().and_then(|w| w.inner_width().ok()).and_then(|w| w.as_f64()).unwrap_or(1024.0);
    if viewport < 600.0 { 280.0 } else { 720.0 }
}

/// Vertical bars with a labelled y axis; `labels` under the bars (thinned to fit).
fn columns(title: String, desc: String, labels: Vec<String>, values: Vec<i64>) -> AnyView {
    let width = chart_width();
    let narrow = width < 720.0;
    let max = values.iter().copied().max().unwrap_or(0);
    let ticks = ticks(max);
    let top = *ticks.last().unwrap_or(&1) as f64;
    let plot_h = H - BOTTOM - TOP;
    let y = move |v: f64| TOP + plot_h - v / top * plot_h;
    let n = values.len().max(1) as f64;
    let slot = (width - LEFT - 8.0) / n;
    let every = (values.len() / if narrow { 4 } else { 8 }).max(1);
    let label = title.clone();
    view! {
        <svg class="svg-chart" viewBox=format!("0 0 {width} {H}") role="img" aria-label=label>
            <title>{title}</title>
            <desc>{desc}</desc>
            {ticks.iter().map(|t| {
                let ty = y(*t as f64);
                view! {
                    <line class="grid" x1=LEFT x2=width - 8.0 y1=ty y2=ty></line>
                    <text class="axis" x=LEFT - 6.0 y=ty + 4.0 text-anchor="end">{t.to_string()}</text>
                }
            }).collect_view()}
            {values.iter().enumerate().map(|(i, v)| {
                let x = LEFT + i as f64 * slot + slot * 0.15;
                let top_y = y(*v as f64);
                view! {
                    <rect class="bar" x=x y=top_y width=slot * 0.7 height=(TOP + plot_h - top_y).max(0.0)>
                        <title>{format!("{}: {v}", labels[i])}</title>
                    </rect>
                }
            }).collect_view()}
            {labels.iter().enumerate().filter(|(i, _)| i % every == 0).map(|(i, l)| view! {
                <text class="axis" x=LEFT + (i as f64 + 0.5) * slot y=H - BOTTOM + 16.0 text-anchor="middle">{l.clone()}</text>
            }).collect_view()}
            <line class="axis-line" x1=LEFT x2=LEFT y1=TOP y2=TOP + plot_h></line>
            <line class="axis-line" x1=LEFT x2=width - 8.0 y1=TOP + plot_h y2=TOP + plot_h></line>
        </svg>
    }
    .into_any()
}

/// Horizontal bars, one row per label, the value written at the bar's end.
fn rows(title: String, desc: String, items: Vec<(String, i64)>) -> AnyView {
    let max = items.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1) as f64;
    let width = chart_width();
    let row_h = 26.0;
    let label_w = if width < 720.0 { 120.0 } else { 250.0 };
    let value_w = if width < 720.0 { 40.0 } else { 70.0 };
    let height = items.len() as f64 * row_h + 8.0;
    let label = title.clone();
    view! {
        <svg class="svg-chart" viewBox=format!("0 0 {width} {height}") role="img" aria-label=label>
            <title>{title}</title>
            <desc>{desc}</desc>
            {items.into_iter().enumerate().map(|(i, (label, v))| {
                let y0 = 4.0 + i as f64 * row_h;
                let bar = (width - label_w - value_w) * v as f64 / max;
                view! {
                    <text class="axis" x=label_w - 8.0 y=y0 + row_h * 0.62 text-anchor="end">{label.clone()}</text>
                    <rect class="bar" x=label_w y=y0 + 4.0 width=bar.max(0.0) height=row_h - 8.0>
                        <title>{format!("{label}: {v}")}</title>
                    </rect>
                    <text class="value" x=label_w + bar + 6.0 y=y0 + row_h * 0.62>{v.to_string()}</text>
                }
            }).collect_view()}
        </svg>
    }
    .into_any()
}

fn short(d: &time::Date) -> String {
    format!("{:02}-{:02}", u8::from(d.month()), d.day())
}

#[component]
fn Weekly(a: StoredValue<Activity>) -> impl IntoView {
    let metric = RwSignal::new(Metric::PostingDemand);
    let title = Signal::derive(move || format!("{} · {}", Msg::DashWeekly.t(locale()), metric.get().msg().t(locale())));
    let chart = Box::new(move || {
        let l = locale();
        let m = metric.get();
        a.with_value(|a| {
            let values = a.series.iter().find(|s| s.metric == m).map(|s| s.counts.clone()).unwrap_or_default();
            let labels: Vec<String> = a.weeks.iter().map(short).collect();
            let max = values.iter().copied().max().unwrap_or(0).to_string();
            let (from, to) =
                (a.weeks.first().map(day).unwrap_or_default(), a.weeks.last().map(day).unwrap_or_default());
            let desc = text::DashChartSeries { metric: m.msg().t(l), from: &from, to: &to, max: &max }.t(l);
            columns(format!("{} · {}", Msg::DashWeekly.t(l), m.msg().t(l)), desc, labels, values)
        })
    });
    let table = Box::new(move || {
        a.with_value(|a| {
            let a = a.clone();
            view! {
                <div class="table-scroll" tabindex="0" role="region" aria-label=tr(Msg::DashWeekly)>
                    <table class="table numbers" data-testid="weekly-table">
                        <thead><tr>
                            <th scope="col">{tr(Msg::DashWeek)}</th>
                            {Metric::ALL.iter().map(|m| view! { <th scope="col">{tr(m.msg())}</th> }).collect_view()}
                        </tr></thead>
                        <tbody>
                            {a.weeks.iter().enumerate().map(|(i, w)| view! {
                                <tr>
                                    <th scope="row">{day(w)}</th>
                                    {a.series.iter().map(|s| view! { <td>{s.counts[i]}</td> }).collect_view()}
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }
            .into_any()
        })
    });
    view! {
        <div class="field inline">
            <label for="dash-metric">{tr(Msg::DashMetric)}</label>
            <select id="dash-metric" data-testid="dash-metric"
                on:change=move |ev| if let Some(m) = Metric::parse(&event_target_value(&ev)) { metric.set(m) }>
                {Metric::ALL.iter().copied().map(|m| view! {
                    <option value=m.as_str() selected=move || metric.get() == m>{tr(m.msg())}</option>
                }).collect_view()}
            </select>
        </div>
        <ChartFigure title testid="chart-weekly" chart table/>
    }
}

#[component]
fn Funnel(a: StoredValue<Activity>) -> impl IntoView {
    let title = Signal::derive(move || Msg::DashFunnel.t(locale()).to_owned());
    let chart = Box::new(move || {
        let l = locale();
        a.with_value(|a| {
            let items: Vec<(String, i64)> = a.funnel.iter().map(|s| (s.step.msg().t(l).to_owned(), s.count)).collect();
            let desc = items.iter().map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>().join(" → ");
            rows(Msg::DashFunnel.t(l).to_owned(), desc, items)
        })
    });
    let table = Box::new(move || {
        a.with_value(|a| {
            let steps = a.funnel.clone();
            view! {
                <table class="table numbers" data-testid="funnel-table">
                    <thead><tr>
                        <th scope="col">{tr(Msg::DashMetric)}</th>
                        <th scope="col">{tr(Msg::DashTotal)}</th>
                        <th scope="col">{tr(Msg::DashConversion)}</th>
                    </tr></thead>
                    <tbody>
                        {steps.iter().enumerate().map(|(i, s)| {
                            let rate = conversion_percent(&steps, i).map(|p| format!("{p:.1}%")).unwrap_or_default();
                            view! { <tr><th scope="row">{tr(s.step.msg())}</th><td>{s.count}</td><td>{rate}</td></tr> }
                        }).collect_view()}
                    </tbody>
                </table>
            }
            .into_any()
        })
    });
    view! { <ChartFigure title testid="chart-funnel" chart table/> }
}

/// A breakdown's table: one row per field or district, one column per measure, and the total.
fn breakdown_table(rows: Vec<Breakdown>, totals: Breakdown, kind: TermKind, testid: &'static str) -> AnyView {
    let tax = use_taxonomy();
    let name = move |code: &str| {
        if code.is_empty() { Msg::DashUnknown.t(locale()).to_owned() } else { tax.label(kind, code, locale()) }
    };
    let cells = |b: &Breakdown| {
        let counts = b.counts.clone();
        view! {
            {counts.into_iter().map(|n| view! { <td>{n}</td> }).collect_view()}
            <td>{b.signed_value}</td>
        }
    };
    view! {
        <div class="table-scroll" tabindex="0" role="region"
            aria-label=tr(if kind == TermKind::District { Msg::DashByDistrict } else { Msg::DashByDomain })>
            <table class="table numbers" data-testid=testid>
                <thead><tr>
                    <th scope="col">{tr(if kind == TermKind::District { Msg::DashByDistrict } else { Msg::DashByDomain })}</th>
                    {Metric::ALL.iter().map(|m| view! { <th scope="col">{tr(m.msg())}</th> }).collect_view()}
                    <th scope="col">{tr(Msg::DashSignedValue)}</th>
                </tr></thead>
                <tbody>
                    {rows.iter().map(|b| {
                        let label = name(&b.code);
                        view! { <tr data-code=b.code.clone()><th scope="row">{label}</th>{cells(b)}</tr> }
                    }).collect_view()}
                </tbody>
                <tfoot><tr><th scope="row">{tr(Msg::DashTotal)}</th>{cells(&totals)}</tr></tfoot>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn ByDomain(a: StoredValue<Activity>) -> impl IntoView {
    let tax = use_taxonomy();
    let title =
        Signal::derive(move || format!("{} · {}", Msg::DashByDomain.t(locale()), Msg::DashPostingsByKind.t(locale())));
    let chart = Box::new(move || {
        let l = locale();
        a.with_value(|a| {
            let items: Vec<(String, i64)> = a
                .by_domain
                .iter()
                .map(|b| {
                    let name = if b.code.is_empty() {
                        Msg::DashUnknown.t(l).to_owned()
                    } else {
                        tax.label(TermKind::Domain, &b.code, l)
                    };
                    (name, b.postings())
                })
                .collect();
            let desc = items.iter().map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>().join("，");
            rows(format!("{} · {}", Msg::DashByDomain.t(l), Msg::DashPostingsByKind.t(l)), desc, items)
        })
    });
    let table = Box::new(move || {
        a.with_value(|a| breakdown_table(a.by_domain.clone(), a.totals.clone(), TermKind::Domain, "domain-table"))
    });
    view! { <ChartFigure title testid="chart-domain" chart table/> }
}

#[component]
fn ByDistrict(a: StoredValue<Activity>) -> impl IntoView {
    view! {
        <section class="dash-district" aria-labelledby="dash-district">
            <h3 id="dash-district">{tr(Msg::DashByDistrict)}</h3>
            {move || a.with_value(|a| breakdown_table(a.by_district.clone(), a.totals.clone(), TermKind::District, "district-table"))}
        </section>
    }
}
