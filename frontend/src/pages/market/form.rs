//! Create and edit a posting of any kind: the common fields, then the kind's own, validated with the
//! shared rules before sending. Drafts are saved first; submitting for review is a second step.
//!
//! This file is long because one form serves four kinds of posting whose fields interleave; the
//! kinds' own fields are the next split.

use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_navigate;
use shared::Msg;
use shared::error::FieldErrors;
use shared::market::{
    CapabilityKind, CapabilitySpec, CoopMode, DemandSpec, DemandType, IpStatus, MandateSpec, NewPosting, OpenCall,
    Posting, PostingInput, PostingKind, PostingSpec, PostingStatus, ScenarioOffer, ScenarioSpec,
};
use shared::taxonomy::TermKind;
use shared::validate::FieldError;

use super::{type_options, ui_path};
use crate::api;
use crate::components::act::Act;
use crate::components::data::{Loading, resource_view};
use crate::components::form::{CheckboxGroup, FormError, FormErrors, SelectField, TextArea, TextField, Toggle};
use crate::components::labels::{bilingual, day, parse_day, use_taxonomy};
use crate::components::route::route_id;
use crate::i18n::{locale, tr};
use crate::session::use_session;

fn post_title(kind: PostingKind) -> Msg {
    match kind {
        PostingKind::Demand => Msg::PostDemand,
        PostingKind::Capability => Msg::PostCapability,
        PostingKind::Scenario => Msg::PostScenario,
        PostingKind::Mandate => Msg::PostMandate,
    }
}

/// The message of the button that starts a new posting of `kind`.
pub fn new_label(kind: PostingKind) -> Msg {
    post_title(kind)
}

/// `/demands/new` and its siblings: for members of an organization that posts this kind.
#[component]
pub fn NewPosting(kind: PostingKind) -> impl IntoView {
    let session = use_session();
    let login = format!("/login?next={}/new", ui_path(kind));
    move || match (session.loaded.get(), session.me.get()) {
        (false, _) => view! { <Loading/> }.into_any(),
        (true, None) => view! { <Redirect path=login.clone()/> }.into_any(),
        (true, Some(me)) => {
            let orgs: Vec<(i64, String, bool)> = me
                .memberships
                .iter()
                .filter(|m| kind.allowed_for(m.org_kind))
                .map(|m| (m.org_id, bilingual(&m.org_name_zh, m.org_name_en.as_deref(), locale()), m.verified))
                .collect();
            let body = if orgs.is_empty() {
                view! {
                    <div class="card">
                        <p>{tr(Msg::NoOrgForKind)}</p>
                        <a class="btn btn-primary" href="/orgs/new">{tr(Msg::OrgCreateTitle)}</a>
                    </div>
                }
                .into_any()
            } else {
                view! { <PostingForm kind=kind initial=None orgs=orgs/> }.into_any()
            };
            view! {
                <section class="page narrow">
                    <h1>{tr(post_title(kind))}</h1>
                    {body}
                </section>
            }
            .into_any()
        }
    }
}

/// `/demands/{id}/edit`: the pending edit when there is one, else the posting.
#[component]
pub fn EditPosting(kind: PostingKind) -> impl IntoView {
    let id = route_id("id");
    let data = LocalResource::new(move || {
        let id = id.get();
        async move { api::posting(kind, id).await }
    });
    view! {
        <section class="page narrow">
            <h1>{tr(Msg::EditPostingTitle)}</h1>
            {resource_view(data, move |p: Posting| view! { <PostingForm kind=kind initial=Some(p) orgs=vec![]/> })}
        </section>
    }
}

/// Every value of the form as the text the inputs hold.
#[derive(Clone, Copy)]
struct Fields {
    org: RwSignal<String>,
    title_zh: RwSignal<String>,
    title_en: RwSignal<String>,
    summary_zh: RwSignal<String>,
    summary_en: RwSignal<String>,
    details_zh: RwSignal<String>,
    details_en: RwSignal<String>,
    domains: RwSignal<Vec<String>>,
    keywords: RwSignal<String>,
    district: RwSignal<String>,
    pilot_zone: RwSignal<String>,
    deadline: RwSignal<String>,
    /// Demand type, capability kind, scenario category or fund type.
    type_code: RwSignal<String>,
    trl: RwSignal<String>,
    /// Budget, price or ticket range.
    amount_min: RwSignal<String>,
    amount_max: RwSignal<String>,
    start: RwSignal<String>,
    outcome: RwSignal<String>,
    indicators: RwSignal<String>,
    open_call: RwSignal<bool>,
    reward: RwSignal<String>,
    /// Funding demands: the amount raised and the round.
    amount_sought: RwSignal<String>,
    round: RwSignal<String>,
    call_deadline: RwSignal<String>,
    ip_status: RwSignal<String>,
    patents: RwSignal<String>,
    /// Cooperation modes, scenario offers or investment stages.
    choices: RwSignal<Vec<String>>,
    team: RwSignal<String>,
    cases: RwSignal<String>,
    negotiable: RwSignal<bool>,
    site: RwSignal<String>,
    seeks: RwSignal<String>,
    pilot_start: RwSignal<String>,
    pilot_end: RwSignal<String>,
    slots: RwSignal<String>,
    districts: RwSignal<Vec<String>>,
    fund_size: RwSignal<String>,
    portfolio: RwSignal<String>,
}

fn s(v: &Option<String>) -> RwSignal<String> {
    RwSignal::new(v.clone().unwrap_or_default())
}

fn n<T: ToString>(v: Option<T>) -> RwSignal<String> {
    RwSignal::new(v.map(|v| v.to_string()).unwrap_or_default())
}

fn d(v: Option<time::Date>) -> RwSignal<String> {
    RwSignal::new(v.as_ref().map(day).unwrap_or_default())
}

fn opt(s: RwSignal<String>) -> Option<String> {
    let t = s.get_untracked().trim().to_owned();
    (!t.is_empty()).then_some(t)
}

/// Splits a list typed with commas (either width), 、 or semicolons.
fn split_list(text: &str) -> Vec<String> {
    text.split([',', '，', '、', ';', '；']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

fn codes<T: Copy>(values: &[T], code: fn(T) -> &'static str) -> Vec<String> {
    values.iter().map(|v| code(*v).to_owned()).collect()
}

fn parsed<T: Copy>(values: &[String], parse: fn(&str) -> Option<T>) -> Vec<T> {
    values.iter().filter_map(|v| parse(v)).collect()
}

impl Fields {
    fn new(kind: PostingKind, input: Option<&PostingInput>) -> Self {
        let blank = PostingInput {
            title_zh: String::new(),
            title_en: None,
            summary_zh: String::new(),
            summary_en: None,
            details_zh: None,
            details_en: None,
            domains: vec![],
            keywords: vec![],
            district: None,
            pilot_zone: None,
            deadline: None,
            spec: PostingSpec::Demand(DemandSpec {
                demand_type: DemandType::TechProblem,
                trl: 0,
                budget_min: None,
                budget_max: None,
                start: None,
                expected_outcome: None,
                indicators: None,
                open_call: None,
                amount_sought: None,
                round: None,
            }),
        };
        let i = input.unwrap_or(&blank);
        let f = Fields {
            org: RwSignal::new(String::new()),
            title_zh: RwSignal::new(i.title_zh.clone()),
            title_en: s(&i.title_en),
            summary_zh: RwSignal::new(i.summary_zh.clone()),
            summary_en: s(&i.summary_en),
            details_zh: s(&i.details_zh),
            details_en: s(&i.details_en),
            domains: RwSignal::new(i.domains.clone()),
            keywords: RwSignal::new(i.keywords.join("，")),
            district: s(&i.district),
            pilot_zone: s(&i.pilot_zone),
            deadline: d(i.deadline),
            type_code: RwSignal::new(String::new()),
            trl: RwSignal::new(String::new()),
            amount_min: RwSignal::new(String::new()),
            amount_max: RwSignal::new(String::new()),
            start: RwSignal::new(String::new()),
            outcome: RwSignal::new(String::new()),
            indicators: RwSignal::new(String::new()),
            open_call: RwSignal::new(false),
            reward: RwSignal::new(String::new()),
            amount_sought: RwSignal::new(String::new()),
            round: RwSignal::new(String::new()),
            call_deadline: RwSignal::new(String::new()),
            ip_status: RwSignal::new(String::new()),
            patents: RwSignal::new(String::new()),
            choices: RwSignal::new(vec![]),
            team: RwSignal::new(String::new()),
            cases: RwSignal::new(String::new()),
            negotiable: RwSignal::new(false),
            site: RwSignal::new(String::new()),
            seeks: RwSignal::new(String::new()),
            pilot_start: RwSignal::new(String::new()),
            pilot_end: RwSignal::new(String::new()),
            slots: RwSignal::new(String::new()),
            districts: RwSignal::new(vec![]),
            fund_size: RwSignal::new(String::new()),
            portfolio: RwSignal::new(String::new()),
        };
        if input.is_none() {
            if kind == PostingKind::Scenario {
                f.slots.set("1".into());
            }
            return f;
        }
        match &i.spec {
            PostingSpec::Demand(x) => {
                f.type_code.set(x.demand_type.as_str().into());
                f.trl.set(x.trl.to_string());
                f.amount_min.set(n(x.budget_min).get_untracked());
                f.amount_max.set(n(x.budget_max).get_untracked());
                f.start.set(d(x.start).get_untracked());
                f.outcome.set(x.expected_outcome.clone().unwrap_or_default());
                f.indicators.set(x.indicators.clone().unwrap_or_default());
                f.amount_sought.set(n(x.amount_sought).get_untracked());
                f.round.set(x.round.clone().unwrap_or_default());
                if let Some(call) = &x.open_call {
                    f.open_call.set(true);
                    f.reward.set(call.reward.to_string());
                    f.call_deadline.set(day(&call.application_deadline));
                }
            }
            PostingSpec::Capability(x) => {
                f.type_code.set(x.capability_kind.as_str().into());
                f.trl.set(x.trl.to_string());
                f.ip_status.set(x.ip_status.as_str().into());
                f.patents.set(x.patents.join("，"));
                f.choices.set(codes(&x.modes, CoopMode::as_str));
                f.team.set(x.team.clone().unwrap_or_default());
                f.cases.set(x.cases.clone().unwrap_or_default());
                f.amount_min.set(n(x.price_min).get_untracked());
                f.amount_max.set(n(x.price_max).get_untracked());
                f.negotiable.set(x.negotiable);
            }
            PostingSpec::Scenario(x) => {
                f.type_code.set(x.category.clone());
                f.site.set(x.site.clone());
                f.seeks.set(x.seeks.clone());
                f.choices.set(codes(&x.offers, ScenarioOffer::as_str));
                f.pilot_start.set(d(x.pilot_start).get_untracked());
                f.pilot_end.set(d(x.pilot_end).get_untracked());
                f.slots.set(x.slots.to_string());
            }
            PostingSpec::Mandate(x) => {
                f.type_code.set(x.fund_type.clone());
                f.choices.set(x.stages.clone());
                f.amount_min.set(n(x.ticket_min).get_untracked());
                f.amount_max.set(n(x.ticket_max).get_untracked());
                f.districts.set(x.districts.clone());
                f.fund_size.set(n(x.fund_size).get_untracked());
                f.portfolio.set(x.portfolio.clone().unwrap_or_default());
            }
        }
        f
    }

    /// The request, and the errors of inputs that do not even have the right shape (a number, a date).
    fn input(self, kind: PostingKind) -> (PostingInput, FieldErrors) {
        let mut errs = FieldErrors::new();
        let mut num = |field: &'static str, v: RwSignal<String>| -> Option<u32> {
            let t = opt(v)?;
            errs.check(field, t.parse::<u32>().map_err(|_| FieldError::Invalid))
        };
        let names = amount_names(kind);
        let (amount_min, amount_max) = (num(names.0, self.amount_min), num(names.1, self.amount_max));
        let fund_size = num("fund_size", self.fund_size);
        let amount_sought = num("amount_sought", self.amount_sought);
        let reward = num("open_call.reward", self.reward);
        let slots = num("slots", self.slots);
        let trl_text = opt(self.trl);
        let trl = trl_text.as_deref().and_then(|t| t.parse::<u8>().ok()).unwrap_or(0);
        if matches!(kind, PostingKind::Demand | PostingKind::Capability) && trl_text.is_none() {
            errs.add("trl", FieldError::Required);
        }
        let mut date = |field: &'static str, v: RwSignal<String>| -> Option<time::Date> {
            let t = opt(v)?;
            errs.check(field, parse_day(&t).ok_or(FieldError::Invalid))
        };
        let deadline = date("deadline", self.deadline);
        let start = date("start", self.start);
        let call_deadline = date("open_call.application_deadline", self.call_deadline);
        let pilot_start = date("pilot_start", self.pilot_start);
        let pilot_end = date("pilot_end", self.pilot_end);
        let type_code = self.type_code.get_untracked();
        let choices = self.choices.get_untracked();
        let required = |errs: &mut FieldErrors, field: &'static str, ok: bool| {
            if !ok {
                errs.add(field, FieldError::Required);
            }
        };
        let spec = match kind {
            PostingKind::Demand => {
                let demand_type = DemandType::parse(&type_code);
                required(&mut errs, "demand_type", demand_type.is_some());
                let open_call = if self.open_call.get_untracked() {
                    required(&mut errs, "open_call.reward", reward.is_some());
                    required(&mut errs, "open_call.application_deadline", call_deadline.is_some());
                    reward
                        .zip(call_deadline)
                        .map(|(reward, application_deadline)| OpenCall { reward, application_deadline })
                } else {
                    None
                };
                let funding = demand_type == Some(DemandType::Funding);
                // Only what the form shows for the type chosen is sent.
                PostingSpec::Demand(DemandSpec {
                    demand_type: demand_type.unwrap_or(DemandType::TechProblem),
                    trl,
                    budget_min: if funding { None } else { amount_min },
                    budget_max: if funding { None } else { amount_max },
                    start: if funding { None } else { start },
                    expected_outcome: if funding { None } else { opt(self.outcome) },
                    indicators: if funding { None } else { opt(self.indicators) },
                    open_call: if funding { None } else { open_call },
                    amount_sought: if funding { amount_sought } else { None },
                    round: if funding { opt(self.round) } else { None },
                })
            }
            PostingKind::Capability => {
                let capability_kind = CapabilityKind::parse(&type_code);
                required(&mut errs, "capability_kind", capability_kind.is_some());
                let ip_status = IpStatus::parse(&self.ip_status.get_untracked());
                required(&mut errs, "ip_status", ip_status.is_some());
                PostingSpec::Capability(CapabilitySpec {
                    capability_kind: capability_kind.unwrap_or(CapabilityKind::Research),
                    trl,
                    ip_status: ip_status.unwrap_or(IpStatus::NoIp),
                    patents: split_list(&self.patents.get_untracked()),
                    modes: parsed(&choices, CoopMode::parse),
                    team: opt(self.team),
                    cases: opt(self.cases),
                    price_min: amount_min,
                    price_max: amount_max,
                    negotiable: self.negotiable.get_untracked(),
                })
            }
            PostingKind::Scenario => PostingSpec::Scenario(ScenarioSpec {
                category: type_code,
                site: self.site.get_untracked(),
                seeks: self.seeks.get_untracked(),
                offers: parsed(&choices, ScenarioOffer::parse),
                pilot_start,
                pilot_end,
                slots: slots.unwrap_or(0),
            }),
            PostingKind::Mandate => PostingSpec::Mandate(MandateSpec {
                fund_type: type_code,
                stages: choices,
                ticket_min: amount_min,
                ticket_max: amount_max,
                districts: self.districts.get_untracked(),
                fund_size,
                portfolio: opt(self.portfolio),
            }),
        };
        let input = PostingInput {
            title_zh: self.title_zh.get_untracked(),
            title_en: opt(self.title_en),
            summary_zh: self.summary_zh.get_untracked(),
            summary_en: opt(self.summary_en),
            details_zh: opt(self.details_zh),
            details_en: opt(self.details_en),
            domains: self.domains.get_untracked(),
            keywords: split_list(&self.keywords.get_untracked()),
            district: opt(self.district),
            pilot_zone: opt(self.pilot_zone),
            deadline,
            spec,
        };
        (input, errs)
    }
}

/// The field names of the kind's amount range, as the server reports them.
fn amount_names(kind: PostingKind) -> (&'static str, &'static str) {
    match kind {
        PostingKind::Demand => ("budget_min", "budget_max"),
        PostingKind::Capability => ("price_min", "price_max"),
        _ => ("ticket_min", "ticket_max"),
    }
}

/// What the form does once the posting is saved.
#[derive(Clone, Copy, PartialEq)]
enum Then {
    Stay,
    Submit,
}

#[component]
fn PostingForm(kind: PostingKind, initial: Option<Posting>, orgs: Vec<(i64, String, bool)>) -> impl IntoView {
    let tax = use_taxonomy();
    let navigate = StoredValue::new(use_navigate());
    let errors = FormErrors::new();
    let id = initial.as_ref().map(|p| p.id);
    let status = initial.as_ref().map(|p| p.status);
    let f = Fields::new(kind, initial.as_ref().map(Posting::to_input).as_ref());
    if let Some((first, ..)) = orgs.first() {
        f.org.set(first.to_string());
    }
    let org_verified = {
        let orgs = orgs.clone();
        Signal::derive(move || {
            let chosen = f.org.get();
            orgs.iter().find(|(id, ..)| id.to_string() == chosen).is_none_or(|(.., v)| *v)
        })
    };
    let org_options = Signal::derive({
        let orgs = orgs.clone();
        move || orgs.iter().map(|(id, name, _)| (id.to_string(), name.clone())).collect::<Vec<_>>()
    });
    let terms = move |k: TermKind| {
        Signal::derive(move || {
            let l = locale();
            tax.get().of(k).map(|t| (t.code.clone(), t.label(l).to_owned())).collect::<Vec<_>>()
        })
    };
    fn enum_options<T: Copy + Send + Sync + 'static>(
        all: &'static [T],
        code: fn(T) -> &'static str,
        msg: fn(T) -> Msg,
    ) -> Signal<Vec<(String, String)>> {
        Signal::derive(move || all.iter().map(|v| (code(*v).to_owned(), msg(*v).t(locale()).to_owned())).collect())
    }
    let types = Signal::derive(move || type_options(kind, tax, locale()));

    let save = Act::new(move |(input, org, then): &(PostingInput, i64, Then)| {
        let (input, org, then) = (input.clone(), *org, *then);
        async move {
            let saved = match id {
                Some(id) => api::update_posting(kind, id, &input).await?,
                None => api::create_posting(kind, &NewPosting { org_id: org, posting: input }).await?,
            };
            if then == Then::Submit {
                return api::posting_action(kind, saved.id, "submit").await;
            }
            Ok(saved)
        }
    })
    .on_answer(move |answer| match answer {
        Ok(p) => navigate.with_value(|n| n(&format!("{}/{}", ui_path(kind), p.id), Default::default())),
        Err(e) => errors.server(e),
    });
    let send = move |then: Then| {
        let (input, mut errs) = f.input(kind);
        if let Err(more) = input.parse(&tax.get(), crate::components::labels::today()) {
            errs.extend(more);
        }
        let org = f.org.get_untracked().parse::<i64>().unwrap_or(0);
        if id.is_none() && org == 0 {
            errs.add("org_id", FieldError::Required);
        }
        if errors.check(errs.into_result()) {
            save.dispatch((input, org, then));
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send(Then::Stay);
    };
    let (min_name, max_name) = amount_names(kind);
    let (min_label, max_label) = match kind {
        PostingKind::Demand => (Msg::BudgetMin, Msg::BudgetMax),
        PostingKind::Capability => (Msg::PriceMin, Msg::PriceMax),
        _ => (Msg::TicketMin, Msg::TicketMax),
    };
    let type_field = match kind {
        PostingKind::Demand => ("demand_type", Msg::FilterType),
        PostingKind::Capability => ("capability_kind", Msg::CapKindLabel),
        PostingKind::Scenario => ("category", Msg::TaxScenarioCategory),
        PostingKind::Mandate => ("fund_type", Msg::TaxInvestorType),
    };
    let can_submit = matches!(status, None | Some(PostingStatus::Draft | PostingStatus::Rejected));
    let primary = match status {
        Some(PostingStatus::Published) => Msg::SubmitEdit,
        Some(PostingStatus::Submitted) => Msg::Save,
        _ => Msg::SaveDraft,
    };
    let kind_fields = match kind {
        PostingKind::Demand => view! {
            <TextField label=Msg::TrlLabel name="trl" value=f.trl errors=errors input_type="number" hint=Msg::TrlHint required=true/>
            // A raise asks for its amount and round; a budget, a start, outcomes and an open call
            // belong to the other demands.
            {move || if f.type_code.get() == DemandType::Funding.as_str() {
                view! {
                    <TextField label=Msg::AmountSoughtLabel name="amount_sought" value=f.amount_sought errors=errors input_type="number" required=true/>
                    <SelectField label=Msg::RoundLabel name="round" value=f.round options=terms(TermKind::InvestmentStage) errors=errors/>
                    <p class="hint field-wide">{tr(Msg::RoundHint)}</p>
                }
                .into_any()
            } else {
                view! {
                    <TextField label=min_label name=min_name value=f.amount_min errors=errors input_type="number"/>
                    <TextField label=max_label name=max_name value=f.amount_max errors=errors input_type="number"/>
                    <TextField label=Msg::StartLabel name="start" value=f.start errors=errors input_type="date"/>
                    <TextArea label=Msg::ExpectedOutcome name="expected_outcome" value=f.outcome errors=errors/>
                    <TextArea label=Msg::Indicators name="indicators" value=f.indicators errors=errors/>
                    <Toggle label=Msg::OpenCallToggle name="open_call" value=f.open_call/>
                    {move || f.open_call.get().then(|| view! {
                        <TextField label=Msg::RewardField name="open_call.reward" value=f.reward errors=errors input_type="number" required=true/>
                        <TextField label=Msg::ApplicationDeadline name="open_call.application_deadline" value=f.call_deadline errors=errors input_type="date" required=true/>
                    })}
                }
                .into_any()
            }}
        }
        .into_any(),
        PostingKind::Capability => view! {
            <TextField label=Msg::TrlLabel name="trl" value=f.trl errors=errors input_type="number" hint=Msg::TrlHint required=true/>
            <SelectField label=Msg::IpStatusLabel name="ip_status" value=f.ip_status options=enum_options(IpStatus::ALL, IpStatus::as_str, IpStatus::msg) errors=errors required=true/>
            <TextField label=Msg::PatentsLabel name="patents" value=f.patents errors=errors hint=Msg::PatentsHint/>
            <CheckboxGroup label=Msg::ModesLabel name="modes" value=f.choices options=enum_options(CoopMode::ALL, CoopMode::as_str, CoopMode::msg) errors=errors/>
            <Toggle label=Msg::Negotiable name="negotiable" value=f.negotiable/>
            {move || (!f.negotiable.get()).then(|| view! {
                <TextField label=min_label name=min_name value=f.amount_min errors=errors input_type="number"/>
                <TextField label=max_label name=max_name value=f.amount_max errors=errors input_type="number"/>
            })}
            <TextArea label=Msg::TeamLabel name="team" value=f.team errors=errors/>
            <TextArea label=Msg::CasesLabel name="cases" value=f.cases errors=errors/>
        }
        .into_any(),
        PostingKind::Scenario => view! {
            <TextField label=Msg::SiteLabel name="site" value=f.site errors=errors required=true/>
            <TextField label=Msg::SlotsLabel name="slots" value=f.slots errors=errors input_type="number" required=true/>
            <TextArea label=Msg::SeeksLabel name="seeks" value=f.seeks errors=errors/>
            <CheckboxGroup label=Msg::OffersLabel name="offers" value=f.choices options=enum_options(ScenarioOffer::ALL, ScenarioOffer::as_str, ScenarioOffer::msg) errors=errors/>
            <TextField label=Msg::PilotStart name="pilot_start" value=f.pilot_start errors=errors input_type="date"/>
            <TextField label=Msg::PilotEnd name="pilot_end" value=f.pilot_end errors=errors input_type="date"/>
        }
        .into_any(),
        PostingKind::Mandate => view! {
            <CheckboxGroup label=Msg::StagesLabel name="stages" value=f.choices options=terms(TermKind::InvestmentStage) errors=errors/>
            <TextField label=min_label name=min_name value=f.amount_min errors=errors input_type="number"/>
            <TextField label=max_label name=max_name value=f.amount_max errors=errors input_type="number"/>
            <TextField label=Msg::FundSizeField name="fund_size" value=f.fund_size errors=errors input_type="number"/>
            <CheckboxGroup label=Msg::DistrictsLabel name="districts" value=f.districts options=terms(TermKind::District) errors=errors/>
            <TextArea label=Msg::PortfolioLabel name="portfolio" value=f.portfolio errors=errors/>
        }
        .into_any(),
    };
    let domains_label = if kind == PostingKind::Mandate { Msg::MandateDomains } else { Msg::PostingDomains };
    let deadline_label = if kind == PostingKind::Scenario { Msg::ScenarioDeadline } else { Msg::DeadlineLabel };
    view! {
        <form class="card form form-grid" data-testid="posting-form" on:submit=on_submit novalidate>
            <FormError errors=errors/>
            {(!orgs.is_empty()).then(|| view! {
                <SelectField label=Msg::PostingOrg name="org_id" value=f.org options=org_options errors=errors required=true/>
                {move || (!org_verified.get()).then(|| view! { <p class="hint field-wide notice">{tr(Msg::OrgNotVerifiedHint)}</p> })}
            })}
            <TextField label=Msg::TitleZh name="title_zh" value=f.title_zh errors=errors required=true/>
            <TextField label=Msg::TitleEn name="title_en" value=f.title_en errors=errors/>
            <TextArea label=Msg::SummaryZh name="summary_zh" value=f.summary_zh errors=errors/>
            <TextArea label=Msg::SummaryEn name="summary_en" value=f.summary_en errors=errors/>
            <TextArea label=Msg::DetailsZh name="details_zh" value=f.details_zh errors=errors/>
            <TextArea label=Msg::DetailsEn name="details_en" value=f.details_en errors=errors/>
            <SelectField label=type_field.1 name=type_field.0 value=f.type_code options=types errors=errors required=true/>
            <TextField label=deadline_label name="deadline" value=f.deadline errors=errors input_type="date" required={kind == PostingKind::Scenario}/>
            <CheckboxGroup label=domains_label name="domains" value=f.domains options=terms(TermKind::Domain) errors=errors/>
            <TextField label=Msg::KeywordsLabel name="keywords" value=f.keywords errors=errors hint=Msg::KeywordsHint/>
            <SelectField label=Msg::OrgDistrict name="district" value=f.district options=terms(TermKind::District) errors=errors/>
            <SelectField label=Msg::OrgPilotZone name="pilot_zone" value=f.pilot_zone options=terms(TermKind::PilotZone) errors=errors/>
            {kind_fields}
            <div class="field-wide actions">
                <button type="submit" class="btn btn-secondary" data-testid="save-posting" disabled=move || save.pending().get()>
                    {tr(primary)}
                </button>
                {can_submit.then(|| view! {
                    " "
                    <button type="button" class="btn btn-primary" data-testid="save-and-submit"
                        disabled=move || save.pending().get() || !org_verified.get()
                        on:click=move |_| send(Then::Submit)>
                        {tr(Msg::SaveAndSubmit)}
                    </button>
                })}
            </div>
        </form>
    }
}
