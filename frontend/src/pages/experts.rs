//! The expert pool in the browser: `/experts` explains it, lets anyone signed in apply or see their
//! application, and lets organizers and site admins search the approved pool; the admins' review
//! queue is a section of the admin console.

use leptos::prelude::*;
use shared::experts::{Expert, ExpertInput, ExpertKind, ExpertQuery, ExpertStatus, PoolExpert};
use shared::taxonomy::TermKind;
use shared::{ApiError, ErrorCode, Msg};

use crate::api;
use crate::components::act::Act;
use crate::components::data::{ErrorView, resource_view};
use crate::components::form::{CheckboxGroup, FormError, FormErrors, SelectField, TextArea, TextField};
use crate::components::labels::use_taxonomy;
use crate::i18n::{locale, tr};
use crate::session::use_session;

fn kinds() -> Signal<Vec<(String, String)>> {
    Signal::derive(move || {
        ExpertKind::ALL.iter().map(|k| (k.as_str().to_owned(), k.msg().t(locale()).to_owned())).collect()
    })
}

fn fields() -> Signal<Vec<(String, String)>> {
    let tax = use_taxonomy();
    Signal::derive(move || {
        let l = locale();
        tax.get().of(TermKind::Domain).map(|t| (t.code.clone(), t.label(l).to_owned())).collect()
    })
}

#[component]
pub fn ExpertsPage() -> impl IntoView {
    let session = use_session();
    let signed_in = move || session.me.with(Option::is_some);
    view! {
        <section class="page">
            <h1>{tr(Msg::ExpertsTitle)}</h1>
            <p class="muted">{tr(Msg::ExpertsIntro)}</p>
            {move || if signed_in() {
                view! { <PoolSearch/> <MyApplication/> }.into_any()
            } else {
                view! { <p class="state">{tr(Msg::ExpertsSignIn)}</p> }.into_any()
            }}
        </section>
    }
}

/// One's own application: its status (and the reason of a refusal) and the form.
#[component]
fn MyApplication() -> impl IntoView {
    let data = LocalResource::new(|| async {
        match api::my_expert().await {
            Ok(e) => Ok(Some(e)),
            Err(e) if e.code() == ErrorCode::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    });
    view! {
        <section class="card" data-testid="expert-application">
            <h2>{tr(Msg::ExpertsApply)}</h2>
            {resource_view(data, move |mine: Option<Expert>| view! {
                {mine.as_ref().map(|e| {
                    let status = e.status;
                    view! {
                        <p>{tr(Msg::ExpertsStatus)}{tr(Msg::Colon)}<span class="badge" data-testid="expert-status">{tr(status.msg())}</span></p>
                        {e.reason.clone().filter(|_| status == ExpertStatus::Rejected).map(|r| view! { <p class="notice">{r}</p> })}
                    }
                })}
                <ExpertForm mine=mine saved=Callback::new(move |_| data.refetch())/>
            })}
        </section>
    }
}

#[component]
fn ExpertForm(mine: Option<Expert>, saved: Callback<()>) -> impl IntoView {
    let m = mine.as_ref();
    let kind = RwSignal::new(m.map_or(ExpertKind::Scientist, |e| e.kind).as_str().to_owned());
    let domains = RwSignal::new(m.map(|e| e.domains.clone()).unwrap_or_default());
    let keywords = RwSignal::new(m.map(|e| e.keywords.join("、")).unwrap_or_default());
    let affiliation = RwSignal::new(m.map(|e| e.affiliation.clone()).unwrap_or_default());
    let title = RwSignal::new(m.map(|e| e.title.clone()).unwrap_or_default());
    let bio = RwSignal::new(m.map(|e| e.bio.clone()).unwrap_or_default());
    let conflicts = RwSignal::new(m.map(|e| e.conflict_names.join("\n")).unwrap_or_default());
    let conflict_orgs: Vec<i64> = m.map(|e| e.conflict_orgs.iter().map(|o| o.id).collect()).unwrap_or_default();
    let errors = FormErrors::new();
    let save = Act::new(move |input: &ExpertInput| {
        let input = input.clone();
        async move { api::put_my_expert(&input).await }
    })
    .on_answer(errors.or_run(saved));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.clear();
        let split = |s: String| -> Vec<String> {
            s.split(['、', ',', '，', '\n']).map(|w| w.trim().to_owned()).filter(|w| !w.is_empty()).collect()
        };
        let input = ExpertInput {
            kind: ExpertKind::parse(&kind.get_untracked()).unwrap_or(ExpertKind::Other),
            domains: domains.get_untracked(),
            keywords: split(keywords.get_untracked()),
            affiliation: affiliation.get_untracked(),
            title: title.get_untracked(),
            bio: bio.get_untracked(),
            conflict_orgs: conflict_orgs.clone(),
            conflict_names: conflicts
                .get_untracked()
                .lines()
                .map(|l| l.trim().to_owned())
                .filter(|l| !l.is_empty())
                .collect(),
        };
        if errors.check(input.check().map(|_| ())) {
            save.dispatch(input);
        }
    };
    view! {
        <form on:submit=submit novalidate>
            <FormError errors=errors/>
            <SelectField label=Msg::ExpertsKind name="kind" value=kind options=kinds() errors=errors required=true/>
            <CheckboxGroup label=Msg::OrgDomains name="domains" value=domains options=fields() errors=errors/>
            <TextField label=Msg::ExpertsKeywords name="keywords" value=keywords errors=errors hint=Msg::ExpertsKeywordsHint/>
            <TextField label=Msg::ExpertsAffiliation name="affiliation" value=affiliation errors=errors required=true/>
            <TextField label=Msg::ExpertsJobTitle name="title" value=title errors=errors required=true/>
            <TextArea label=Msg::ExpertsBio name="bio" value=bio errors=errors/>
            <TextArea label=Msg::ExpertsConflicts name="conflict_names" value=conflicts errors=errors/>
            <p class="hint">{tr(Msg::ExpertsConflictsHint)}</p>
            <button class="btn btn-primary" type="submit" data-testid="expert-submit">{tr(Msg::ExpertsSubmit)}</button>
        </form>
    }
}

/// The approved pool, for organizers and site admins.
#[component]
fn PoolSearch() -> impl IntoView {
    let q = RwSignal::new(String::new());
    let domain = RwSignal::new(String::new());
    let kind = RwSignal::new(String::new());
    let query = RwSignal::new(ExpertQuery::default());
    let data = LocalResource::new(move || {
        let q = query.get();
        async move { api::experts(&q).await }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let opt = |s: RwSignal<String>| Some(s.get_untracked().trim().to_owned()).filter(|s| !s.is_empty());
        query.set(ExpertQuery { q: opt(q), domain: opt(domain), kind: ExpertKind::parse(&kind.get_untracked()) });
    };
    let errors = FormErrors::new();
    let tax = use_taxonomy();
    view! {
        {move || match data.get() {
            // Only organizers and admins search the pool: others just do not see this part.
            Some(Err(e)) if e.code() == ErrorCode::Forbidden => ().into_any(),
            _ => view! {
                <section class="card" data-testid="expert-search">
                    <h2>{tr(Msg::ExpertsSearch)}</h2>
                    <form class="inline-form" on:submit=submit novalidate>
                        <TextField label=Msg::ExpertsWords name="q" value=q errors=errors/>
                        <SelectField label=Msg::OrgDomains name="domain" value=domain options=fields() errors=errors/>
                        <SelectField label=Msg::ExpertsKind name="kind_filter" value=kind options=kinds() errors=errors/>
                        <button class="btn btn-secondary" type="submit" data-testid="expert-search-submit">{tr(Msg::ExpertsFind)}</button>
                    </form>
                    {resource_view(data, move |list: Vec<PoolExpert>| {
                        if list.is_empty() {
                            return view! { <p class="state">{tr(Msg::ExpertsNone)}</p> }.into_any();
                        }
                        view! {
                            <ul class="cards">
                                {list.into_iter().map(|e| view! { <ExpertCard e=e tax=tax bio=None/> }).collect_view()}
                            </ul>
                        }.into_any()
                    })}
                </section>
            }.into_any(),
        }}
    }
}

/// An expert as a card: what the pool shows organizers, with the bio where the reader may see it
/// (the admins' review).
#[component]
pub fn ExpertCard(e: PoolExpert, tax: crate::components::labels::TaxonomyCtx, bio: Option<String>) -> impl IntoView {
    let domains = e.domains.clone();
    view! {
        <li class="card" data-testid="expert">
            <strong data-testid="expert-name">{e.name.clone()}</strong>" "<span class="badge">{tr(e.kind.msg())}</span>
            <p class="small">{e.affiliation.clone()}" · "{e.title.clone()}</p>
            <p class="small muted">{move || domains.iter().map(|d| tax.label(TermKind::Domain, d, locale())).collect::<Vec<_>>().join(Msg::ListSep.t(locale()))}
                {(!e.keywords.is_empty()).then(|| { let k = e.keywords.clone(); move || format!(" · {}", k.join(Msg::ListSep.t(locale()))) })}</p>
            {bio.map(|b| view! { <p class="small">{b}</p> })}
        </li>
    }
}

/// The admins' review queue: pending applications, approve or reject with a reason.
#[component]
pub fn ExpertReview() -> impl IntoView {
    let data = LocalResource::new(|| async { api::expert_queue().await });
    let tax = use_taxonomy();
    let error = RwSignal::new(None::<ApiError>);
    let act = Act::new(move |(id, reason): &(i64, Option<String>)| {
        let (id, reason) = (*id, reason.clone());
        async move { api::review_expert(id, reason).await }
    })
    .on_answer(move |answer| match answer {
        Ok(_) => {
            error.set(None);
            data.refetch();
        }
        Err(e) => error.set(Some(e)),
    });
    view! {
        <section class="card" data-testid="expert-review">
            <h2>{tr(Msg::ExpertsReview)}</h2>
            {move || error.get().map(|e| view! { <ErrorView error=e/> })}
            {resource_view(data, move |list: Vec<Expert>| {
                if list.is_empty() {
                    return view! { <p class="muted">{tr(Msg::ExpertsQueueEmpty)}</p> }.into_any();
                }
                view! {
                    <ul class="cards">
                        {list.into_iter().map(|e| {
                            let id = e.id;
                            let reason = RwSignal::new(String::new());
                            let names = e.conflict_names.join("、");
                            let bio = Some(e.bio.clone());
                            view! {
                                <div>
                                    <ExpertCard e=PoolExpert::from(e) tax=tax bio=bio/>
                                    {(!names.is_empty()).then(|| view! { <p class="small muted">{tr(Msg::ExpertsConflicts)}{tr(Msg::Colon)}{names}</p> })}
                                    <p class="actions">
                                        <button class="btn btn-primary" data-testid="expert-approve" on:click=move |_| { act.dispatch((id, None)); }>{tr(Msg::Approve)}</button>
                                        <input type="text" aria-label=tr(Msg::ExpertsRejectReason) placeholder=tr(Msg::ExpertsRejectReason)
                                            prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))/>
                                        <button class="btn btn-ghost" on:click=move |_| { act.dispatch((id, Some(reason.get_untracked()))); }>{tr(Msg::Reject)}</button>
                                    </p>
                                </div>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
        </section>
    }
}
