//! Admin console sections that steer the platform: the plan targets (how each is counted, and the
//! figures entered by hand), the matching weights, the result notices waiting for a decision, and
//! how long personal data is kept.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::Msg;
use shared::dashboard::{PILOT_ZONE_LEVELS, TargetInput, TargetRule, TargetView, level_label};
use shared::matching::{Factor, Weights};
use shared::opencall::Notice;
use shared::page::Page;
use shared::privacy::{Retention, RetentionInput, RetentionReport};
use shared::taxonomy::TermKind;

use crate::api;
use crate::components::act::Act;
use crate::components::data::resource_view;
use crate::components::form::{FormError, FormErrors, SelectField, TextField};
use crate::components::labels::{bilingual, date, day, today, use_taxonomy};
use crate::i18n::{locale, text, tr};
use crate::pages::dashboard::rule_text;

const RULES: [(&str, Msg); 5] = [
    ("orgs", Msg::DashRuleOrgs),
    ("open_calls_won", Msg::DashRuleOpenCalls),
    ("scenarios_piloted", Msg::DashRuleScenarios),
    ("pilot_zones", Msg::DashRulePilotZones),
    ("manual", Msg::DashRuleManual),
];

fn rule_kind(rule: &TargetRule) -> &'static str {
    match rule {
        TargetRule::Orgs { .. } => "orgs",
        TargetRule::OpenCallsWon => "open_calls_won",
        TargetRule::ScenariosPiloted => "scenarios_piloted",
        TargetRule::PilotZones { .. } => "pilot_zones",
        TargetRule::Manual => "manual",
    }
}

/// The targets, each with how it is counted; one at a time opens for editing.
#[component]
pub fn PlanTargets() -> impl IntoView {
    let data = LocalResource::new(|| async { api::dashboard_targets().await });
    let editing = RwSignal::new(None::<TargetView>);
    let saved = Callback::new(move |_: ()| {
        editing.set(None);
        data.refetch();
    });
    view! {
        <section class="card" data-testid="admin-targets">
            <h2>{tr(Msg::AdminTargetsTitle)}</h2>
            <p class="muted">{tr(Msg::AdminTargetsIntro)}</p>
            {resource_view(data, move |targets: Vec<TargetView>| view! {
                <table class="table">
                    <thead><tr>
                        <th>{tr(Msg::DashMetric)}</th><th>{tr(Msg::DashGoal)}</th><th>{tr(Msg::DashCurrent)}</th>
                        <th>{tr(Msg::AdminTargetRule)}</th><th></th>
                    </tr></thead>
                    <tbody>
                        {targets.into_iter().map(|t| {
                            let row = t.clone();
                            let code = t.code.clone();
                            let (goal, current, rule) = (t.goal, t.current, t.rule.clone());
                            view! {
                                <tr data-testid="admin-target" data-code=code>
                                    <td>{move || bilingual(&row.label_zh, Some(&row.label_en), locale())}</td>
                                    <td>{goal}</td>
                                    <td>{current.map(|c| c.to_string()).unwrap_or_else(|| "—".into())}</td>
                                    <td>{move || rule_text(&rule, locale())}</td>
                                    <td><button type="button" class="btn btn-ghost" data-testid="target-edit"
                                        on:click=move |_| editing.set(Some(t.clone()))>{tr(Msg::Edit)}</button></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            })}
            {move || editing.get().map(|t| view! { <TargetForm t saved/> })}
        </section>
    }
}

#[component]
fn TargetForm(t: TargetView, saved: Callback<()>) -> impl IntoView {
    let tax = use_taxonomy();
    let code = t.code.clone();
    let goal = RwSignal::new(t.goal.to_string());
    let kind = RwSignal::new(rule_kind(&t.rule).to_owned());
    let (subtype, tier, level) = match &t.rule {
        TargetRule::Orgs { subtype, tier } => (subtype.clone(), tier.clone(), None),
        TargetRule::PilotZones { level } => (None, None, level.clone()),
        _ => (None, None, None),
    };
    let subtype = RwSignal::new(subtype.unwrap_or_default());
    let tier = RwSignal::new(tier.unwrap_or_default());
    let level = RwSignal::new(level.unwrap_or_default());
    let manual_value = RwSignal::new(t.manual.as_ref().map(|m| m.value.to_string()).unwrap_or_default());
    let manual_source = RwSignal::new(t.manual.as_ref().map(|m| m.source.clone()).unwrap_or_default());
    let manual_as_of = RwSignal::new(t.manual.as_ref().map(|m| day(&m.as_of)).unwrap_or_default());
    let errors = FormErrors::new();
    let terms = move |k: TermKind| {
        Signal::derive(move || {
            let l = locale();
            tax.get().of(k).map(|t| (t.code.clone(), t.label(l).to_owned())).collect::<Vec<_>>()
        })
    };
    let rules = Signal::derive(|| RULES.iter().map(|(c, m)| ((*c).to_owned(), m.t(locale()).to_owned())).collect());
    let levels = Signal::derive(|| {
        PILOT_ZONE_LEVELS.iter().map(|l| ((*l).to_owned(), level_label(Some(l)).t(locale()).to_owned())).collect()
    });
    let save = Act::new(move |(code, input): &(String, TargetInput)| {
        let (code, input) = (code.clone(), input.clone());
        async move { api::update_target(&code, &input).await }
    })
    .on_answer(errors.or_run(saved));
    let opt = |s: RwSignal<String>| Some(s.get_untracked().trim().to_owned()).filter(|s| !s.is_empty());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let rule = match kind.get_untracked().as_str() {
            "orgs" => TargetRule::Orgs { subtype: opt(subtype), tier: opt(tier) },
            "open_calls_won" => TargetRule::OpenCallsWon,
            "scenarios_piloted" => TargetRule::ScenariosPiloted,
            "pilot_zones" => TargetRule::PilotZones { level: opt(level) },
            _ => TargetRule::Manual,
        };
        let input = TargetInput {
            goal: goal.get_untracked().trim().parse().unwrap_or(0),
            rule,
            manual_value: opt(manual_value).map(|v| v.parse().unwrap_or(-1)),
            manual_source: opt(manual_source),
            manual_as_of: opt(manual_as_of),
        };
        if errors.check(input.parse(&tax.get(), today()).map(|_| ())) {
            save.dispatch((code.clone(), input));
        }
    };
    let name = bilingual(&t.label_zh, Some(&t.label_en), locale());
    view! {
        <form class="form form-grid target-form" data-testid="target-form" on:submit=on_submit novalidate>
            <h3 class="field-wide">{name}</h3>
            <FormError errors=errors/>
            <TextField label=Msg::DashGoal name="goal" value=goal errors=errors input_type="number" required=true/>
            <SelectField label=Msg::AdminTargetRule name="rule_kind" value=kind options=rules errors=errors required=true/>
            {move || match kind.get().as_str() {
                "orgs" => view! {
                    <SelectField label=Msg::AdminTargetSubtype name="rule.subtype" value=subtype options=terms(TermKind::LabSubtype) errors=errors/>
                    <SelectField label=Msg::AdminTargetTier name="rule.tier" value=tier options=terms(TermKind::EnterpriseTier) errors=errors/>
                }.into_any(),
                "pilot_zones" => view! {
                    <SelectField label=Msg::AdminTargetLevel name="rule.level" value=level options=levels errors=errors/>
                }.into_any(),
                _ => ().into_any(),
            }}
            <TextField label=Msg::AdminTargetManualValue name="manual_value" value=manual_value errors=errors input_type="number"/>
            <TextField label=Msg::AdminTargetManualSource name="manual_source" value=manual_source errors=errors/>
            <TextField label=Msg::AdminTargetManualAsOf name="manual_as_of" value=manual_as_of errors=errors input_type="date"/>
            <div class="field-wide">
                <button type="submit" class="btn btn-primary" data-testid="target-save">{tr(Msg::Save)}</button>
            </div>
        </form>
    }
}

/// The factor weights of the match score.
#[component]
pub fn MatchingWeights() -> impl IntoView {
    let data = LocalResource::new(|| async { api::matching_weights().await });
    view! {
        <section class="card" data-testid="admin-weights">
            <h2>{tr(Msg::AdminWeightsTitle)}</h2>
            <p class="muted">{tr(Msg::AdminWeightsIntro)}</p>
            {resource_view(data, |w: Weights| view! { <WeightsForm w/> })}
        </section>
    }
}

#[component]
fn WeightsForm(w: Weights) -> impl IntoView {
    let fields: Vec<(Factor, RwSignal<String>)> =
        Factor::ALL.iter().map(|f| (*f, RwSignal::new(format!("{}", w.get(*f))))).collect();
    let fields = StoredValue::new(fields);
    let errors = FormErrors::new();
    let done = RwSignal::new(false);
    let save = Act::new(move |w: &Weights| {
        let w = *w;
        async move { api::set_matching_weights(&w).await }
    })
    .on_answer(move |answer| match answer {
        Ok(_) => done.set(true),
        Err(e) => errors.server(e),
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        done.set(false);
        let w = fields.with_value(|fs| {
            fs.iter().fold(w, |acc, (f, v)| acc.with(*f, v.get_untracked().trim().parse().unwrap_or(f32::NAN)))
        });
        if errors.check(w.parse().map(|_| ())) {
            save.dispatch(w);
        }
    };
    view! {
        <form class="form form-grid" on:submit=on_submit novalidate>
            <FormError errors=errors/>
            {fields.get_value().into_iter().map(|(f, v)| view! {
                <TextField label=f.msg() name=f.as_str() value=v errors=errors input_type="number"/>
            }).collect_view()}
            <div class="field-wide">
                <button type="submit" class="btn btn-primary" data-testid="weights-save">{tr(Msg::Save)}</button>
                {move || done.get().then(|| view! { " " <span class="ok" role="status">{tr(Msg::Saved)}</span> })}
            </div>
        </form>
    }
}

/// Result notices whose objection window closed with objections unanswered: each waits for a
/// site admin's decision on its page.
#[component]
pub fn PendingNotices() -> impl IntoView {
    let data = LocalResource::new(|| async { api::notices_under_review().await });
    view! {
        <section class="card" data-testid="admin-pending-notices">
            <h2>{tr(Msg::AdminPendingNoticesTitle)}</h2>
            {resource_view(data, |page: Page<Notice>| {
                if page.items.is_empty() {
                    return view! { <p class="muted">{tr(Msg::AdminPendingNoticesEmpty)}</p> }.into_any();
                }
                view! {
                    <ul class="plain-list">
                        {page.items.into_iter().map(|n| {
                            let unanswered = n.objections.iter().filter(|o| o.answer.is_none()).count();
                            view! {
                                <li data-testid="pending-notice">
                                    <A href=format!("/notices/{}", n.id)>{move || bilingual(&n.title_zh, n.title_en.as_deref(), locale())}</A>
                                    " · "{date(&n.window_ends)}" · "{tr(Msg::NoticeObjections)}" "{unanswered}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            })}
        </section>
    }
}

/// How long messages and logs are kept (empty: until deleted by hand), and "apply now".
#[component]
pub fn RetentionSettings() -> impl IntoView {
    let data = LocalResource::new(|| async { api::retention().await });
    view! {
        <section class="card" data-testid="admin-retention">
            <h2>{tr(Msg::AdminRetentionTitle)}</h2>
            <p class="muted">{tr(Msg::AdminRetentionIntro)}</p>
            {resource_view(data, |r: Retention| view! { <RetentionForm r/> })}
        </section>
    }
}

fn days_text(d: Option<u32>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// Empty means "keep"; what is not a whole number becomes 0, which the range check refuses.
fn days_of(text: &str) -> Option<u32> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.parse().unwrap_or(0))
}

#[component]
fn RetentionForm(r: Retention) -> impl IntoView {
    let messages = RwSignal::new(days_text(r.messages_days));
    let logs = RwSignal::new(days_text(r.logs_days));
    let applied = RwSignal::new(r.applied_at);
    let errors = FormErrors::new();
    let done = RwSignal::new(false);
    let report = RwSignal::new(None::<RetentionReport>);
    let save = Act::new(move |r: &RetentionInput| {
        let r = r.clone();
        async move { api::set_retention(&r).await }
    })
    .on_answer(move |answer| match answer {
        Ok(_) => done.set(true),
        Err(e) => errors.server(e),
    });
    let apply = Act::new(|_: &()| async { api::apply_retention().await }).on_answer(move |answer| match answer {
        Ok(r) => {
            report.set(Some(r));
            applied.set(Some(crate::components::labels::now()));
        }
        Err(e) => errors.server(e),
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        done.set(false);
        let input = RetentionInput {
            messages_days: days_of(&messages.get_untracked()),
            logs_days: days_of(&logs.get_untracked()),
        };
        if errors.check(input.parse().map(|_| ())) {
            save.dispatch(input);
        }
    };
    let report_text = move || {
        report.get().map(|r| {
            let n = |v: u64| v.to_string();
            text::AdminRetentionReport {
                messages: &n(r.messages),
                event_messages: &n(r.event_messages),
                login_failures: &n(r.login_failures),
                emails: &n(r.emails),
                notifications: &n(r.notifications),
            }
            .t(locale())
        })
    };
    view! {
        <form class="form form-grid" on:submit=on_submit novalidate>
            <FormError errors=errors/>
            <TextField label=Msg::FieldMessagesDays name="messages_days" value=messages errors=errors input_type="number"/>
            <TextField label=Msg::FieldLogsDays name="logs_days" value=logs errors=errors input_type="number"/>
            <div class="field-wide">
                <button type="submit" class="btn btn-primary" data-testid="retention-save">{tr(Msg::Save)}</button>
                " "
                <button type="button" class="btn btn-secondary" data-testid="retention-apply" on:click=move |_| { apply.dispatch(()); }>
                    {tr(Msg::AdminRetentionApply)}
                </button>
                {move || done.get().then(|| view! { " " <span class="ok" role="status">{tr(Msg::Saved)}</span> })}
            </div>
            <p class="muted field-wide">
                {tr(Msg::AdminRetentionLastApplied)}{tr(Msg::Colon)}
                {move || applied.get().map_or_else(|| Msg::AdminRetentionNever.t(locale()).to_owned(), |t| date(&t))}
            </p>
            {move || report_text().map(|t| view! { <p class="ok field-wide" role="status" data-testid="retention-report">{t}</p> })}
        </form>
    }
}
