//! Competitions in the browser: the list, the organizers' set-up form (tracks, stages, rubric),
//! the competition page with team registration and staged submissions, and (from
//! [`crate::pages::judging`]) the organizers' judging panel.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared::Msg;
use shared::competitions::{
    Competition, CompetitionInput, Criterion, ExtraField, Stage, StageInput, StageStatus, Submission, SubmissionInput,
    Team, TeamInput, TrackInput,
};
use shared::orgs::OrgKind;
use shared::page::Page;
use shared::taxonomy::TermKind;

use crate::api;
use crate::components::act::Act;
use crate::components::data::{ErrorView, Pager, resource_view};
use crate::components::data::{NothingFound, keyword_in_url};
use crate::components::form::{FormError, FormErrors, KeywordBox, SelectField, TextArea, TextField};
use crate::components::labels::{bilingual, local_input, now, parse_local, use_taxonomy, when};
use crate::components::route::route_id;
use crate::i18n::{locale, tr};
use crate::session::use_session;

mod form;
mod submissions;
mod teams;

pub use form::*;
pub use submissions::*;
pub use teams::*;

#[component]
pub fn CompetitionList() -> impl IntoView {
    let session = use_session();
    let (words, search) = keyword_in_url("/competitions");
    let page = RwSignal::new(1u32);
    Effect::new(move |_| {
        words.track();
        page.set(1);
    });
    let data = LocalResource::new(move || {
        let (q, n) = (words.get(), page.get());
        async move { api::competitions(q.as_deref(), n).await }
    });
    let organizer = move || {
        session.me.with(|m| m.as_ref().is_some_and(|m| m.memberships.iter().any(|o| o.org_kind == OrgKind::Organizer)))
    };
    view! {
        <section class="page">
            <header class="page-header">
                <h1>{tr(Msg::CompTitle)}</h1>
                {move || organizer().then(|| view! { <a class="btn btn-primary" href="/competitions/new">{tr(Msg::CompNew)}</a> })}
            </header>
            <p class="muted">{tr(Msg::CompIntro)}</p>
            <KeywordBox current=words on_search=search placeholder=Msg::CompKeywordPlaceholder/>
            {resource_view(data, move |found: Page<Competition>| {
                let pager = (found.pages() > 1).then(|| view! { <Pager page=found.clone() on_page=Callback::new(move |n| page.set(n))/> });
                let list = found.items;
                if list.is_empty() {
                    return match words.get_untracked() {
                        Some(_) => view! { <NothingFound clear="/competitions"/> }.into_any(),
                        None => view! { <p class="state">{tr(Msg::CompNone)}</p> }.into_any(),
                    };
                }
                view! {
                    <ul class="cards" data-testid="competitions">
                        {list.into_iter().map(|c| view! { <CompetitionCard c=c/> }).collect_view()}
                    </ul>
                    {pager}
                }.into_any()
            })}
        </section>
    }
}

#[component]
fn CompetitionCard(c: Competition) -> impl IntoView {
    let (zh, en) = (c.title_zh.clone(), c.title_en.clone());
    let org = c.org.clone();
    let stage = c.current_stage().cloned();
    let tracks = c.tracks.clone();
    view! {
        <li class="card">
            <a href=format!("/competitions/{}", c.id)><strong>{move || bilingual(&zh, en.as_deref(), locale())}</strong></a>
            <p class="small muted">{move || bilingual(&org.name_zh, org.name_en.as_deref(), locale())}
                " · "{tr(Msg::CompTeams)}" "{c.teams}</p>
            <p class="small">{move || tracks.iter().map(|t| bilingual(&t.name_zh, t.name_en.as_deref(), locale())).collect::<Vec<_>>().join(Msg::ListSep.t(locale()))}</p>
            {match stage {
                Some(s) => view! {
                    <p class="small"><span class="badge">{tr(s.status.msg())}</span>" "
                        {move || bilingual(&s.name_zh, s.name_en.as_deref(), locale())}" · "
                        {tr(Msg::CompDeadline)}" "{when(&s.deadline)}</p>
                }.into_any(),
                None => view! { <p class="small"><span class="badge">{tr(Msg::StageClosed)}</span></p> }.into_any(),
            }}
        </li>
    }
}

// ---------- the set-up form ----------

#[component]
pub fn CompetitionPage() -> impl IntoView {
    let id = route_id("id");
    let data = LocalResource::new(move || {
        let id = id.get();
        async move { api::competition(id).await }
    });
    let changed = Callback::new(move |_| data.refetch());
    view! {
        <section class="page">
            {resource_view(data, move |c: Competition| view! { <CompetitionView c=c changed=changed/> })}
        </section>
    }
}

#[component]
fn CompetitionView(c: Competition, changed: Callback<()>) -> impl IntoView {
    crate::head::name_page((&c.title_zh, c.title_en.as_deref()), (&c.description_zh, c.description_en.as_deref()));
    let session = use_session();
    let tax = use_taxonomy();
    let (zh, en) = (c.title_zh.clone(), c.title_en.clone());
    let (dz, de) = (c.description_zh.clone(), c.description_en.clone());
    let (ez, ee) = (c.eligibility_zh.clone(), c.eligibility_en.clone());
    let org = c.org.clone();
    let tracks = c.tracks.clone();
    let stages = c.stages.clone();
    let rubric = c.rubric.clone();
    let mine = c.mine;
    let signed_in = move || session.me.with(Option::is_some);
    view! {
        <header class="page-header">
            <h1 data-testid="competition-title">{move || bilingual(&zh, en.as_deref(), locale())}</h1>
            <p class="muted">{move || bilingual(&org.name_zh, org.name_en.as_deref(), locale())}
                " · "{tr(Msg::CompTeams)}" "{c.teams}</p>
            {mine.then(|| view! { <a class="btn btn-secondary" href=format!("/competitions/{}/edit", c.id)>{tr(Msg::Edit)}</a> })}
            {c.notice_id.map(|n| view! { <a class="btn btn-primary" href=format!("/notices/{n}") data-testid="results-notice">{tr(Msg::CompNotice)}</a> })}
        </header>
        {(!c.published).then(|| view! { <Draft competition=c.id can_open=mine changed=changed/> })}
        <article class="card">
            <p class="prose">{move || bilingual(&dz, de.as_deref(), locale())}</p>
            <h2>{tr(Msg::CompEligibility)}</h2>
            <p class="prose">{move || bilingual(&ez, ee.as_deref(), locale())}</p>
            <h2>{tr(Msg::CompTracks)}</h2>
            <ul class="tags">{tracks.into_iter().map(|t| view! {
                <li class="badge">{move || bilingual(&t.name_zh, t.name_en.as_deref(), locale())}
                    " · "{move || tax.label(TermKind::Domain, &t.domain, locale())}" · "{t.teams}</li>
            }).collect_view()}</ul>
            <h2>{tr(Msg::CompStages)}</h2>
            <table class="table">
                <thead><tr><th>{tr(Msg::CompStageName)}</th><th>{tr(Msg::CompDeadline)}</th><th>{tr(Msg::CompAdvance)}</th><th></th></tr></thead>
                <tbody>{stages.into_iter().map(|s| view! {
                    <tr><td>{move || bilingual(&s.name_zh, s.name_en.as_deref(), locale())}</td><td>{when(&s.deadline)}</td>
                        <td>{s.advance}</td><td><span class="badge">{tr(s.status.msg())}</span></td></tr>
                }).collect_view()}</tbody>
            </table>
            <h2>{tr(Msg::CompRubric)}</h2>
            <table class="table" data-testid="rubric-table">
                <thead><tr><th>{tr(Msg::CompCriterion)}</th><th>{tr(Msg::CompWeight)}</th><th>{tr(Msg::CompScale)}</th></tr></thead>
                <tbody>{rubric.into_iter().map(|k| view! {
                    <tr><td>{move || bilingual(&k.name_zh, k.name_en.as_deref(), locale())}</td><td>{k.weight}" %"</td><td>{k.scale}</td></tr>
                }).collect_view()}</tbody>
            </table>
        </article>
        {move || if signed_in() {
            view! { <Teams c=c.clone() changed=changed/> }.into_any()
        } else {
            view! {
                <section class="card" data-testid="comp-signin">
                    <p class="muted">{tr(Msg::CompSignIn)}</p>
                    <a class="btn btn-primary" href=crate::session::returning_to_here("/login") data-testid="login-to-compete">{tr(Msg::CompSignInButton)}</a>
                </section>
            }.into_any()
        }}
    }
}

/// A draft competition: said so, and for its organizers the way to open it.
#[component]
fn Draft(competition: i64, can_open: bool, changed: Callback<()>) -> impl IntoView {
    let open = Act::new(move |_: &()| async move { api::open_competition(competition).await.map(|_| ()) }).on_answer(
        move |answer| {
            if let Ok(()) = answer {
                changed.run(());
            }
        },
    );
    view! {
        <crate::components::data::DraftNotice text=Msg::CompDraft button=Msg::CompOpen testid="competition-draft"
            can_publish=can_open publish=open/>
    }
}
