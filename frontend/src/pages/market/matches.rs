//! The "推荐匹配" section of a detail page: ranked matches with score bars, reasons, what held each
//! back, the factor breakdown, and — for the posting's own organization — save and dismiss.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::Msg;
use shared::market::PostingKind;
use shared::matching::{Match, Reason};

use super::ui_path;
use crate::api;
use crate::components::act::Act;
use crate::components::data::{Bar, ErrorView, resource_view};
use crate::components::form::{FormError, FormErrors, SelectField, TextArea};
use crate::components::labels::{TaxonomyCtx, bilingual, use_taxonomy};
use crate::i18n::{locale, text, tr};

pub(crate) fn reason_text(r: &Reason, tax: TaxonomyCtx) -> String {
    let l = locale();
    r.text(l, &|kind, code| tax.label(kind, code, l))
}

/// The kinds a posting of `kind` is matched with.

#[component]
pub fn MatchesPanel(kind: PostingKind, id: i64, mine: bool) -> impl IntoView {
    let choices = shared::matching::targets(kind);
    let target = RwSignal::new(choices[0]);
    let min_score = RwSignal::new(String::new());
    let data = LocalResource::new(move || {
        let (t, m) = (target.get(), min_score.get().parse::<u8>().ok());
        async move { api::matches(kind, id, Some(t), m).await }
    });
    let minimums = Signal::derive(|| ["50", "70", "85"].iter().map(|m| (m.to_string(), format!("≥ {m}"))).collect());
    view! {
        <section class="card matches" data-testid="matches">
            <h2>{tr(Msg::MatchesTitle)}</h2>
            <p class="muted">{tr(Msg::MatchesIntro)}</p>
            <div class="filters">
                <nav class="tabs" aria-label=tr(Msg::MatchesTitle)>
                    {choices.iter().copied().map(|k| view! {
                        <button class="tab" class:active=move || target.get() == k aria-pressed=move || (target.get() == k).to_string()
                            data-testid=format!("match-tab-{}", k.as_str())
                            on:click=move |_| target.set(k)>{tr(k.msg())}</button>
                    }).collect_view()}
                </nav>
                <SelectField label=Msg::MatchMinScore name="min_score" value=min_score options=minimums errors=FormErrors::new()/>
            </div>
            {resource_view(data, move |list: Vec<Match>| {
                if list.is_empty() {
                    return view! { <p class="state">{tr(Msg::MatchesEmpty)}</p> }.into_any();
                }
                view! {
                    <ol class="match-list">
                        {list.into_iter().map(|m| view! { <MatchCard m=m mine=mine changed=Callback::new(move |_| data.refetch())/> }).collect_view()}
                    </ol>
                }
                .into_any()
            })}
        </section>
    }
}

#[component]
pub fn MatchCard(m: Match, mine: bool, changed: Callback<()>) -> impl IntoView {
    let tax = use_taxonomy();
    let p = m.posting.clone();
    let href = format!("{}/{}", ui_path(p.kind), p.id);
    // The path to contact: the candidate's page with the request form, remembering which of the
    // viewer's postings it matched.
    let request_href = format!("{href}?from={}&org={}#request", m.source_id, m.source_org);
    let title = {
        let p = p.clone();
        move || bilingual(&p.title_zh, p.title_en.as_deref(), locale())
    };
    let org = move || bilingual(&p.org_name_zh, p.org_name_en.as_deref(), locale());
    let reasons = m.reasons.clone();
    let held = m.held_back.clone();
    let factors = m.factors.clone();
    let score = m.score;
    let saved = RwSignal::new(m.saved);
    let error = RwSignal::new(None::<shared::ApiError>);
    let id = StoredValue::new(m.id.clone());
    let act = Act::new(move |action: &&'static str| {
        let action = *action;
        let id = id.get_value();
        async move { api::match_feedback(&id, action).await.map(|()| action) }
    })
    .on_answer(move |answer| match answer {
        Ok("dismiss") => changed.run(()),
        Ok(_) => saved.set(true),
        Err(e) => error.set(Some(e)),
    });
    view! {
        <li class="match" data-testid="match">
            <div class="match-head">
                <div>
                    <A href=href attr:class="posting-title">{title}</A>
                    <p class="muted small">{org}</p>
                </div>
                <div class="score" title=tr(Msg::MatchScore)>
                    <span class="score-number" data-testid="match-score">{score}</span>
                    <Bar percent=f64::from(score) class="score-bar"/>
                </div>
            </div>
            <ul class="chips reasons" data-testid="match-reasons">
                {reasons.into_iter().map(|r| view! { <li class="chip chip-ok">{move || reason_text(&r, tax)}</li> }).collect_view()}
            </ul>
            {held.map(|h| view! { <p class="held-back small">{tr(Msg::MatchHeldBack)}{move || reason_text(&h, tax)}</p> })}
            <details data-testid="match-factors">
                <summary>{tr(Msg::MatchFactors)}</summary>
                <p class="small muted">{tr(Msg::MatchFactorsLegend)}</p>
                <table class="table factors">
                    <tbody>
                        {shared::matching::points(&factors, score).into_iter().map(|f| {
                            let value = factors.iter().find(|x| x.factor == f.factor).map_or(0.0, |x| x.value);
                            let pct = (value * 100.0).round() as u32;
                            let points = move || {
                                text::MatchPointsOf { points: &f.points, max: &f.max }.t(locale())
                            };
                            view! {
                                <tr>
                                    <th scope="row">{tr(f.factor.msg())}</th>
                                    <td><Bar percent=f64::from(pct) class="score-bar"/></td>
                                    <td>{tr(f.fit)}</td>
                                    <td class="num">{points}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </details>
            {move || error.get().map(|e| view! { <ErrorView error=e/> })}
            {mine.then(|| view! {
                <div class="actions">
                    <button class="btn btn-small btn-secondary" data-testid="match-save" disabled=move || saved.get() || act.pending().get()
                        on:click=move |_| { act.dispatch("save"); }>
                        {move || if saved.get() { tr(Msg::MatchSaved)() } else { tr(Msg::MatchSave)() }}
                    </button>
                    <button class="btn btn-small btn-ghost" data-testid="match-dismiss" disabled=move || act.pending().get()
                        on:click=move |_| { act.dispatch("dismiss"); }>{tr(Msg::MatchDismiss)}</button>
                    <A href=request_href attr:class="btn btn-small btn-primary" attr:data-testid="match-request">{tr(Msg::EngRequestTitle)}</A>
                </div>
            })}
        </li>
    }
}

/// Three-sided proposals for a demand.
#[component]
pub fn BundlesPanel(id: i64, mine: bool) -> impl IntoView {
    let tax = use_taxonomy();
    let data = LocalResource::new(move || api::bundles(id));
    view! {
        <section class="card matches" data-testid="bundles">
            <h2>{tr(Msg::BundlesTitle)}</h2>
            <p class="muted">{tr(Msg::BundlesIntro)}</p>
            {resource_view(data, move |list: Vec<shared::matching::Bundle>| {
                if list.is_empty() {
                    return view! { <p class="state">{tr(Msg::BundlesEmpty)}</p> }.into_any();
                }
                view! {
                    <ol class="match-list">
                        {list.into_iter().map(|b| {
                            let ids = (b.capability.posting.id, b.scenario.posting.id, b.mandate.posting.id);
                            let parts = [b.capability, b.scenario, b.mandate];
                            view! {
                                <li class="match bundle" data-testid="bundle">
                                    <div class="match-head">
                                        <ul class="chips reasons">
                                            {b.reasons.into_iter().map(|r| view! { <li class="chip chip-ok">{move || reason_text(&r, tax)}</li> }).collect_view()}
                                        </ul>
                                        <div class="score"><span class="score-number">{b.score}</span></div>
                                    </div>
                                    <div class="bundle-parts">
                                        {parts.into_iter().map(|m| {
                                            let p = m.posting;
                                            let href = format!("{}/{}", ui_path(p.kind), p.id);
                                            let title = move || bilingual(&p.title_zh, p.title_en.as_deref(), locale());
                                            let org = move || bilingual(&p.org_name_zh, p.org_name_en.as_deref(), locale());
                                            view! {
                                                <div class="bundle-part">
                                                    <span class="badge">{tr(p.kind.msg())}</span>
                                                    <A href=href attr:class="posting-title">{title}</A>
                                                    <span class="small" data-testid="bundle-org">{org}</span>
                                                    <span class="muted small">{tr(Msg::MatchScore)}" "{m.score}</span>
                                                </div>
                                            }
                                        }).collect_view()}
                                    </div>
                                    {mine.then(|| view! { <BundleRequestForm demand=id parts=ids/> })}
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }
                .into_any()
            })}
        </section>
    }
}

/// For the demand's owner: one message to the lab, the scenario's owner and the fund of a bundle.
#[component]
fn BundleRequestForm(demand: i64, parts: (i64, i64, i64)) -> impl IntoView {
    use shared::engage::{BundleRequest, BundleRequestResult, Proposal};
    let open = RwSignal::new(false);
    let proposal = RwSignal::new(String::new());
    let message = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let proposals = Signal::derive(move || {
        crate::pages::engage::proposals_for(PostingKind::Capability)
            .into_iter()
            .map(|p| (p.as_str().to_owned(), p.msg().t(locale()).to_owned()))
            .collect::<Vec<_>>()
    });
    let done = RwSignal::new(None::<BundleRequestResult>);
    let send = Act::new(move |req: &BundleRequest| {
        let req = req.clone();
        async move { api::request_bundle(&req).await }
    })
    .on_answer(move |answer| match answer {
        Ok(r) => done.set(Some(r)),
        Err(e) => errors.server(e),
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.clear();
        let chosen = Proposal::parse(&proposal.get_untracked());
        let req = BundleRequest {
            demand_id: demand,
            capability_id: parts.0,
            scenario_id: parts.1,
            mandate_id: parts.2,
            capability_proposal: chosen.unwrap_or(Proposal::Pilot),
            message: message.get_untracked(),
        };
        let mut errs = req.parse().err().unwrap_or_default();
        if chosen.is_none() {
            errs.add("capability_proposal", shared::validate::FieldError::Required);
        }
        if errors.check(errs.into_result()) {
            send.dispatch(req);
        }
    };
    move || {
        match (done.get(), open.get()) {
        (Some(r), _) => {
            let sent = text::BundleRequestSent { n: &r.sent.len() }.t(locale());
            let already = (!r.already.is_empty()).then(|| {
                text::BundleRequestAlready { n: &r.already.len() }.t(locale())
            });
            view! {
                <div class="notice" role="status" data-testid="bundle-request-done">
                    <p>{sent}</p>
                    {already.map(|a| view! { <p class="muted">{a}</p> })}
                    <A href="/engagements">{tr(Msg::BundleRequestBoard)}</A>
                </div>
            }
            .into_any()
        }
        (None, false) => view! {
            <button class="btn btn-secondary" data-testid="bundle-request" on:click=move |_| open.set(true)>
                {tr(Msg::BundleRequestOpen)}
            </button>
        }
        .into_any(),
        (None, true) => view! {
            <form class="form bundle-request" on:submit=submit novalidate data-testid="bundle-request-form">
                <p class="muted">{tr(Msg::BundleRequestIntro)}</p>
                <FormError errors=errors/>
                <SelectField label=Msg::BundleCapabilityProposal name="capability_proposal" value=proposal options=proposals errors=errors required=true/>
                <TextArea label=Msg::EngMessage name="message" value=message errors=errors/>
                <button class="btn btn-primary" type="submit" data-testid="send-bundle-request"
                    disabled=move || send.pending().get()>{tr(Msg::BundleRequestSend)}</button>
            </form>
        }
        .into_any(),
    }
    }
}

/// For the owner of an expert-consultation demand: experts of the pool who fit it, with why, and
/// an invitation to advise.
#[component]
pub fn ConsultantsPanel(id: i64) -> impl IntoView {
    let data = LocalResource::new(move || async move { api::consultants(id).await });
    let tax = use_taxonomy();
    let error = RwSignal::new(None::<shared::ApiError>);
    let invite = Act::new(move |expert: &i64| {
        let expert = *expert;
        async move { api::invite_consultant(id, expert).await }
    })
    .on_answer(move |answer| match answer {
        Ok(()) => {
            error.set(None);
            data.refetch();
        }
        Err(e) => error.set(Some(e)),
    });
    view! {
        <section class="card" data-testid="consultants">
            <h2>{tr(Msg::ConsultTitle)}</h2>
            <p class="muted">{tr(Msg::ConsultIntro)}</p>
            {move || error.get().map(|e| view! { <ErrorView error=e/> })}
            {resource_view(data, move |list: Vec<shared::experts::Consultant>| {
                if list.is_empty() {
                    return view! { <p class="state">{tr(Msg::ExpertsNone)}</p> }.into_any();
                }
                view! {
                    <ul class="cards">{list.into_iter().map(|c| {
                        let expert = c.expert_id;
                        let domains = c.shared_domains.clone();
                        view! {
                            <li class="card" data-testid="consultant">
                                <strong>{c.name.clone()}</strong>" "<span class="badge">{tr(c.kind.msg())}</span>
                                " "<span class="badge badge-accent">{c.score}</span>
                                <p class="small">{c.affiliation.clone()}" · "{c.title.clone()}</p>
                                <p class="small muted">{move || domains.iter().map(|d| tax.label(shared::taxonomy::TermKind::Domain, d, locale())).collect::<Vec<_>>().join(Msg::ListSep.t(locale()))}
                                    {(!c.shared_keywords.is_empty()).then(|| { let k = c.shared_keywords.clone(); move || format!(" · {}", k.join(Msg::ListSep.t(locale()))) })}</p>
                                <p class="small">{c.bio.clone()}</p>
                                {if c.invited {
                                    view! { <span class="badge">{tr(Msg::ConsultInvited)}</span> }.into_any()
                                } else {
                                    view! { <button class="btn btn-secondary" data-testid="invite-consultant"
                                        on:click=move |_| { invite.dispatch(expert); }>{tr(Msg::ConsultInvite)}</button> }.into_any()
                                }}
                            </li>
                        }
                    }).collect_view()}</ul>
                }.into_any()
            })}
        </section>
    }
}
