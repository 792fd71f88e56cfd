//! 揭榜挂帅 in the browser: applying to an open call (and revising, answering clarifications), the
//! owner's view of the applications with shortlist, questions and selection, and the public
//! notices (`/notices`, `/notices/:id`) with objections, answers and the admin's decision.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use shared::Msg;
use shared::market::OpenCall;
use shared::opencall::{
    Application, ApplicationInput, ApplicationStatus, Notice, NoticeDecision, NoticeStatus, Selection,
    open_for_applications,
};
use shared::page::Page;

use crate::api;
use crate::components::act::Act;
use crate::components::data::{ErrorView, resource_view};
use crate::components::form::{FormError, FormErrors, SelectField, TextArea, TextField};
use crate::components::labels::{bilingual, date, day, today};
use crate::components::route::route_id;
use crate::i18n::{locale, tr};
use crate::session::{returning_to_here, use_session};

/// On an open call's page: the applicant's form and application, or the owner's list.
#[component]
pub fn OpenCallPanel(demand: i64, call: OpenCall, mine: bool, owner_org: i64) -> impl IntoView {
    let session = use_session();
    let data = LocalResource::new(move || async move {
        if session.me.with(Option::is_some) { api::applications(demand).await } else { Ok(vec![]) }
    });
    let changed = Callback::new(move |_| data.refetch());
    let open = open_for_applications(call.application_deadline, today());
    view! {
        <section class="card open-call" data-testid="open-call">
            <h2>{if mine { tr(Msg::ApplicationsTitle) } else { tr(Msg::ApplyTitle) }}</h2>
            <p class="muted">{tr(Msg::ApplicationDeadline)}{tr(Msg::Colon)}{day(&call.application_deadline)}</p>
            {move || if session.me.with(Option::is_none) {
                view! { <A href=returning_to_here("/login") attr:class="btn btn-secondary">{tr(Msg::EngLoginToRequest)}</A> }.into_any()
            } else {
                resource_view(data, move |apps: Vec<Application>| {
                    if mine {
                        view! { <OwnerApplications demand=demand apps=apps open=open changed=changed/> }.into_any()
                    } else {
                        let own = apps.into_iter().next();
                        view! { <Apply demand=demand own=own open=open owner_org=owner_org changed=changed/> }.into_any()
                    }
                })
                .into_any()
            }}
        </section>
    }
}

#[component]
fn Apply(demand: i64, own: Option<Application>, open: bool, owner_org: i64, changed: Callback<()>) -> impl IntoView {
    let session = use_session();
    let existing = own.clone();
    let org = RwSignal::new(own.as_ref().map(|a| a.org.id.to_string()).unwrap_or_default());
    let solution = RwSignal::new(own.as_ref().map(|a| a.solution.clone()).unwrap_or_default());
    let team = RwSignal::new(own.as_ref().map(|a| a.team.clone()).unwrap_or_default());
    let budget = RwSignal::new(own.as_ref().map(|a| a.budget.to_string()).unwrap_or_default());
    let timeline = RwSignal::new(own.as_ref().map(|a| a.timeline.clone()).unwrap_or_default());
    let errors = FormErrors::new();
    let orgs = session.org_options(move |o| o.verified && o.org_id != owner_org);
    if org.get_untracked().is_empty()
        && let Some((first, _)) = orgs.get_untracked().first()
    {
        org.set(first.clone());
    }
    let existing_id = existing.as_ref().map(|a| a.id);
    let done = RwSignal::new(false);
    let send = Act::new(move |input: &ApplicationInput| {
        let input = input.clone();
        async move {
            match existing_id {
                Some(id) => api::revise_application(demand, id, &input).await,
                None => api::apply(demand, &input).await,
            }
        }
    })
    .on_answer(move |answer| match answer {
        Ok(_) => {
            done.set(true);
            changed.run(());
        }
        Err(e) => errors.server(e),
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.clear();
        let input = ApplicationInput {
            org_id: org.get_untracked().parse().unwrap_or(0),
            solution: solution.get_untracked(),
            team: team.get_untracked(),
            budget: budget.get_untracked().trim().parse().unwrap_or(0),
            timeline: timeline.get_untracked(),
        };
        if errors.check(input.parse().map(|_| ())) {
            send.dispatch(input);
        }
    };
    let status = existing.as_ref().map(|a| a.status);
    let clarifications = existing.as_ref().map(|a| (a.id, a.clarifications.clone()));
    view! {
        {status.map(|s| view! { <p><span class="badge" data-testid="application-status">{tr(s.msg())}</span></p> })}
        {move || done.get().then(|| view! { <p class="notice" data-testid="application-saved">{tr(Msg::ApplySubmitted)}</p> })}
        {clarifications.map(|(id, list)| view! { <Clarifications demand=demand app=id list=list answer=true changed=changed/> })}
        {match (open, orgs.with(Vec::is_empty)) {
            (false, _) => view! { <p class="muted">{tr(Msg::ApplyClosed)}</p> }.into_any(),
            (true, true) => view! { <p class="muted">{tr(Msg::EngNeedVerified)}</p> }.into_any(),
            (true, false) => view! {
                <p class="muted">{tr(Msg::ApplyIntro)}</p>
                <form on:submit=submit novalidate>
                    <FormError errors=errors/>
                    {existing_id.is_none().then(|| view! {
                        <SelectField label=Msg::EngFromOrg name="org_id" value=org options=orgs errors=errors required=true/>
                    })}
                    <TextArea label=Msg::ApplySolution name="solution" value=solution errors=errors/>
                    <TextArea label=Msg::ApplyTeam name="team" value=team errors=errors/>
                    <TextField label=Msg::ApplyBudget name="budget" value=budget errors=errors/>
                    <TextArea label=Msg::ApplyTimeline name="timeline" value=timeline errors=errors/>
                    <button class="btn btn-primary" type="submit" data-testid="submit-application" disabled=move || send.pending().get()>
                        {if existing_id.is_some() { tr(Msg::ApplyRevise) } else { tr(Msg::ApplySubmit) }}
                    </button>
                </form>
            }.into_any(),
        }}
    }
}

/// Questions and answers on one application; the applicant answers open ones.
#[component]
fn Clarifications(
    demand: i64,
    app: i64,
    list: Vec<shared::opencall::Clarification>,
    answer: bool,
    changed: Callback<()>,
) -> impl IntoView {
    let error = RwSignal::new(None::<shared::ApiError>);
    let reply = Act::new(move |(q, text): &(i64, String)| {
        let (q, text) = (*q, text.clone());
        async move { api::answer_clarification(demand, app, q, &text).await }
    })
    .on_answer(move |answer| match answer {
        Ok(_) => changed.run(()),
        Err(e) => error.set(Some(e)),
    });
    view! {
        {move || error.get().map(|e| view! { <ErrorView error=e/> })}
        <ul class="clarifications">
            {list.into_iter().map(|c| {
                let text = RwSignal::new(String::new());
                let open = c.answer.is_none() && answer;
                view! {
                    <li data-testid="clarification">
                        <p><strong>{tr(Msg::Question)}{tr(Msg::Colon)}</strong>{c.question.clone()}</p>
                        {c.answer.clone().map(|a| view! { <p>{tr(Msg::NoticeAnswer)}{tr(Msg::Colon)}{a}</p> })}
                        {open.then(|| view! {
                            <TextField label=Msg::NoticeAnswer name="clarification_answer" value=text errors=FormErrors::new()/>
                            <button class="btn btn-secondary" data-testid="answer-clarification"
                                on:click=move |_| { reply.dispatch((c.id, text.get_untracked())); }>{tr(Msg::NoticeAnswer)}</button>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

#[component]
fn OwnerApplications(demand: i64, apps: Vec<Application>, open: bool, changed: Callback<()>) -> impl IntoView {
    let navigate = use_navigate();
    let chosen = RwSignal::new(Vec::<i64>::new());
    let rationale = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let act = Act::new(move |(app, question): &(i64, Option<String>)| {
        let (app, question) = (*app, question.clone());
        async move {
            match question {
                Some(q) => api::ask_clarification(demand, app, &q).await,
                None => api::shortlist(demand, app).await,
            }
        }
    })
    .on_answer(errors.or_run(changed));
    let select = Act::new(move |s: &Selection| {
        let s = s.clone();
        async move { api::select_winners(demand, &s).await }
    })
    .on_answer(move |answer| match answer {
        Ok(n) => navigate(&format!("/notices/{}", n.id), Default::default()),
        Err(e) => errors.server(e),
    });
    let decided = apps.iter().any(|a| matches!(a.status, ApplicationStatus::Selected | ApplicationStatus::NotSelected));
    if apps.is_empty() {
        return view! { <p class="muted">{tr(Msg::NoApplications)}</p> }.into_any();
    }
    view! {
        <FormError errors=errors/>
        <ul class="applications" data-testid="applications">
            {apps.into_iter().map(|a| {
                let id = a.id;
                let question = RwSignal::new(String::new());
                let org = a.org.clone();
                view! {
                    <li class="card application" data-testid="application">
                        <h3>
                            {move || bilingual(&org.name_zh, org.name_en.as_deref(), locale())}" "
                            <span class="badge">{tr(a.status.msg())}</span>
                        </h3>
                        <dl>
                            <dt>{tr(Msg::ApplySolution)}</dt><dd>{a.solution.clone()}</dd>
                            <dt>{tr(Msg::ApplyTeam)}</dt><dd>{a.team.clone()}</dd>
                            <dt>{tr(Msg::ApplyBudget)}</dt><dd>{a.budget}</dd>
                            <dt>{tr(Msg::ApplyTimeline)}</dt><dd>{a.timeline.clone()}</dd>
                        </dl>
                        {a.attachments.iter().map(|f| view! {
                            <p><a href=shared::paths::application_file(f.id)>{f.name.clone()}</a></p>
                        }).collect_view()}
                        <Clarifications demand=demand app=id list=a.clarifications.clone() answer=false changed=changed/>
                        {(!decided).then(|| view! {
                            <div class="actions">
                                {(a.status == ApplicationStatus::Submitted).then(|| view! {
                                    <button class="btn btn-secondary" data-testid="shortlist"
                                        on:click=move |_| { act.dispatch((id, None)); }>{tr(Msg::Shortlist)}</button>
                                })}
                            </div>
                            <TextField label=Msg::Question name="question" value=question errors=FormErrors::new()/>
                            <button class="btn btn-ghost" data-testid="ask"
                                on:click=move |_| { act.dispatch((id, Some(question.get_untracked()))); }>{tr(Msg::AskClarification)}</button>
                            {(!open).then(|| view! {
                                <label class="check">
                                    <input type="checkbox" data-testid="choose-winner" on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        chosen.update(|c| { c.retain(|x| *x != id); if on { c.push(id); } });
                                    }/>
                                    {tr(Msg::NoticeWinners)}
                                </label>
                            })}
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
        {(!open && !decided).then(|| view! {
            <TextArea label=Msg::NoticeRationale name="rationale" value=rationale errors=errors/>
            <button class="btn btn-primary" data-testid="select-winners"
                on:click=move |_| { select.dispatch(Selection { winners: chosen.get_untracked(), rationale: rationale.get_untracked() }); }>
                {tr(Msg::SelectWinners)}
            </button>
        })}
    }
    .into_any()
}

#[component]
pub fn Notices() -> impl IntoView {
    let data = LocalResource::new(|| async { api::notices().await });
    view! {
        <section class="page">
            <h1>{tr(Msg::NoticesTitle)}</h1>
            <p class="muted">{tr(Msg::NoticesIntro)}</p>
            {resource_view(data, move |page: Page<Notice>| {
                if page.items.is_empty() {
                    return view! { <p class="state">{tr(Msg::NoticesEmpty)}</p> }.into_any();
                }
                view! {
                    <ul class="cards" data-testid="notices">
                        {page.items.into_iter().map(|n| {
                            let (zh, en) = (n.title_zh.clone(), n.title_en.clone());
                            view! {
                                <li class="card">
                                    <a href=format!("/notices/{}", n.id)>{move || bilingual(&zh, en.as_deref(), locale())}</a>" "
                                    <span class="badge">{tr(n.status.msg())}</span>
                                    <p class="small muted">{tr(Msg::NoticeWindowEnds)}{tr(Msg::Colon)}{date(&n.window_ends)}</p>
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

#[component]
pub fn NoticePage() -> impl IntoView {
    let id = route_id("id");
    let data = LocalResource::new(move || {
        let id = id.get();
        async move { api::notice(id).await }
    });
    let changed = Callback::new(move |_| data.refetch());
    view! {
        <section class="page">
            {resource_view(data, move |n: Notice| view! { <NoticeView n=n changed=changed/> })}
        </section>
    }
}

#[component]
fn NoticeView(n: Notice, changed: Callback<()>) -> impl IntoView {
    let session = use_session();
    let id = n.id;
    let owner_id = n.owner.id;
    let may_answer = move || {
        session
            .me
            .with(|m| m.as_ref().is_some_and(|m| m.is_admin || m.memberships.iter().any(|o| o.org_id == owner_id)))
    };
    let is_admin = move || session.me.with(|m| m.as_ref().is_some_and(|m| m.is_admin));
    let grounds = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let act = Act::new(move |req: &NoticeAction| {
        let req = req.clone();
        async move {
            match req {
                NoticeAction::Object(text) => api::object(id, &text).await,
                NoticeAction::Answer(o, text) => api::answer_objection(id, o, &text).await,
                NoticeAction::Decide(uphold, note) => api::decide_notice(id, &NoticeDecision { uphold, note }).await,
            }
        }
    })
    .on_answer(errors.or_run(changed));
    let (zh, en) = (n.title_zh.clone(), n.title_en.clone());
    let owner = n.owner.clone();
    let subject = match (n.demand_id, n.competition_id) {
        (Some(d), _) => format!("/demands/{d}"),
        (None, Some(c)) => format!("/competitions/{c}"),
        (None, None) => "/notices".to_owned(),
    };
    let ranked = !n.ranking.is_empty();
    let final_ = n.status == NoticeStatus::Final;
    let ranking = n.ranking.clone();
    let open = n.status == NoticeStatus::Open;
    let review = n.status == NoticeStatus::UnderReview;
    view! {
        <header class="page-header">
            <h1>{tr(Msg::NoticesTitle)}{tr(Msg::Colon)}{move || bilingual(&zh, en.as_deref(), locale())}" "
                <span class="badge" data-testid="notice-status">{tr(n.status.msg())}</span></h1>
            <p class="muted">{move || bilingual(&owner.name_zh, owner.name_en.as_deref(), locale())}" · "
                <a href=subject>{tr(Msg::EngAbout)}</a></p>
        </header>
        <article class="card">
            {ranked.then(|| view! {
                <table class="table" data-testid="notice-ranking">
                    <caption>{tr(Msg::CompRanking)}</caption>
                    <thead><tr><th>{tr(Msg::CompTrack)}</th><th>{tr(Msg::CompRank)}</th><th>{tr(Msg::CompTeam)}</th>
                        <th>{tr(Msg::CompNormalised)}</th><th></th></tr></thead>
                    <tbody>{ranking.into_iter().map(|r| {
                        let (tz, te) = (r.track_zh.clone(), r.track_en.clone());
                        view! {
                            <tr>
                                <td>{move || bilingual(&tz, te.as_deref(), locale())}</td>
                                <td>{r.rank}</td>
                                <td>{r.team_name.clone()}{r.org.map(|o| view! { <span class="muted">" · "{o.name_zh}</span> })}</td>
                                <td>{format!("{:.2}", r.normalised)}</td>
                                <td>{final_.then(|| view! {
                                    <a href=format!("/certificates/{}", r.team_id) data-testid="certificate-link">{tr(Msg::CompCertificate)}</a>
                                })}</td>
                            </tr>
                        }
                    }).collect_view()}</tbody>
                </table>
            })}
            <dl>
                {(!ranked).then(|| view! {
                    <dt>{tr(Msg::NoticeWinners)}</dt>
                    <dd data-testid="notice-winners">{n.winners.iter().map(|w| {
                        let w = w.clone();
                        view! { <span class="badge badge-accent">{move || bilingual(&w.name_zh, w.name_en.as_deref(), locale())}</span>" " }
                    }).collect_view()}</dd>
                })}
                <dt>{tr(Msg::NoticeRationale)}</dt><dd>{n.rationale.clone()}</dd>
                {n.reward.map(|r| view! {
                    <dt>{tr(Msg::RewardLabel)}</dt><dd>{move || super::market::amount(Some(r), Some(r), locale())}</dd>
                })}
                <dt>{tr(Msg::NoticeWindowEnds)}</dt><dd>{date(&n.window_ends)}</dd>
                {n.decision_note.clone().map(|d| view! { <dt>{tr(Msg::NoticeDecide)}</dt><dd>{d}</dd> })}
            </dl>
        </article>
        <section class="card" data-testid="objections">
            <h2>{tr(Msg::NoticeObjections)}</h2>
            <FormError errors=errors/>
            {n.objections.is_empty().then(|| view! { <p class="muted">{tr(Msg::NoticeNoObjections)}</p> })}
            <ul class="objections">
                {n.objections.into_iter().map(|o| {
                    let reply = RwSignal::new(String::new());
                    let unanswered = o.answer.is_none();
                    view! {
                        <li data-testid="objection">
                            <p><time>{date(&o.filed_at)}</time>" · "{o.grounds.clone()}</p>
                            {o.answer.clone().map(|a| view! { <p class="answer"><strong>{tr(Msg::NoticeAnswered)}{tr(Msg::Colon)}</strong>{a}</p> })}
                            {move || (unanswered && may_answer()).then(|| view! {
                                <TextField label=Msg::NoticeAnswer name="objection_answer" value=reply errors=FormErrors::new()/>
                                <button class="btn btn-secondary" data-testid="answer-objection"
                                    on:click=move |_| { act.dispatch(NoticeAction::Answer(o.id, reply.get_untracked())); }>{tr(Msg::NoticeAnswer)}</button>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {move || (open && session.me.with(Option::is_some)).then(|| view! {
                <TextArea label=Msg::NoticeGrounds name="grounds" value=grounds errors=errors/>
                <button class="btn btn-primary" data-testid="file-objection"
                    on:click=move |_| { act.dispatch(NoticeAction::Object(grounds.get_untracked())); }>{tr(Msg::NoticeFileObjection)}</button>
            })}
        </section>
        {move || (review && is_admin()).then(|| view! {
            <section class="card" data-testid="notice-decision">
                <h2>{tr(Msg::NoticeDecide)}</h2>
                <TextArea label=Msg::NoticeRationale name="note" value=note errors=errors/>
                <button class="btn btn-primary" on:click=move |_| { act.dispatch(NoticeAction::Decide(true, note.get_untracked())); }>{tr(Msg::NoticeUphold)}</button>" "
                <button class="btn btn-ghost" on:click=move |_| { act.dispatch(NoticeAction::Decide(false, note.get_untracked())); }>{tr(Msg::NoticeOverturn)}</button>
            </section>
        })}
        <details class="card">
            <summary>{tr(Msg::EngHistory)}</summary>
            <ol class="history">
                {n.history.into_iter().map(|e| view! {
                    <li><time>{date(&e.at)}</time>" · "{notice_event(&e.action)}{e.note.map(|n| view! { " — "{n} })}</li>
                }).collect_view()}
            </ol>
        </details>
    }
}

/// A history step's label: the notice's states by their names, the other steps by theirs.
fn notice_event(action: &str) -> &'static str {
    let msg = match action {
        "published" => Msg::NoticeOpen,
        "objection" => Msg::NoticeObjections,
        "answered" => Msg::NoticeAnswered,
        other => NoticeStatus::parse(other).map_or(Msg::NoticeOpen, NoticeStatus::msg),
    };
    msg.t(locale())
}

#[derive(Clone)]
enum NoticeAction {
    Object(String),
    Answer(i64, String),
    Decide(bool, String),
}
