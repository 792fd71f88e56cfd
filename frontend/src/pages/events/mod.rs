//! Events in the browser: the calendar (`/events`), an event's page with its ticket types, seats left,
//! registration and the registrant's status (cancel, take an offered seat), the organizers' list of
//! registrations with approval, and the organizer's form (`/events/new`).

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::Msg;
use shared::events::{
    Answer, CountRow, Event, EventInput, EventMessage, EventReport, EventType, Invitation, InvitationInput, Question,
    QuestionInput, QuestionKind, Registration, RegistrationInput, RegistrationStatus, Staff, StaffInput, StaffRole,
    Ticket, TicketTypeInput, Window, check_answers,
};
use shared::orgs::OrgKind;
use shared::page::Page;
use shared::taxonomy::TermKind;

use crate::api;
use crate::components::confirm::ConfirmButton;
use crate::components::data::{Bar, ErrorView, Pager, resource_view};
use crate::components::data::{NothingFound, keyword_in_url};
use crate::components::form::{
    CheckboxGroup, DateTimeField, FormError, FormErrors, KeywordBox, SelectField, TextArea, TextField, Toggle,
};
use crate::components::labels::{Localized, Typed, bilingual, date, local_input, parse_local, use_taxonomy, when};
use crate::components::route::route_id;
use crate::i18n::{locale, tr};
use crate::session::use_session;

mod form;
mod organize;
mod register;
mod staff;

pub use form::*;
pub use organize::*;
pub use register::*;
pub use staff::*;

#[component]
pub fn Events() -> impl IntoView {
    let session = use_session();
    let past = RwSignal::new(false);
    let (words, search) = keyword_in_url("/events");
    let page = RwSignal::new(1u32);
    // Another tab or other words start again at the first page.
    Effect::new(move |_| {
        past.track();
        words.track();
        page.set(1);
    });
    let data = LocalResource::new(move || {
        let (p, q, n) = (past.get(), words.get(), page.get());
        async move { api::events(p, q.as_deref(), n).await }
    });
    let organizer = move || {
        session.me.with(|m| m.as_ref().is_some_and(|m| m.memberships.iter().any(|o| o.org_kind == OrgKind::Organizer)))
    };
    view! {
        <section class="page">
            <h1>{tr(Msg::EventsTitle)}</h1>
            <p class="muted">{tr(Msg::EventsIntro)}</p>
            <KeywordBox current=words on_search=search placeholder=Msg::EventsKeywordPlaceholder/>
            <nav class="tabs">
                <button class=move || if past.get() { "tab" } else { "tab active" } on:click=move |_| past.set(false)>{tr(Msg::EventsUpcoming)}</button>
                <button class=move || if past.get() { "tab active" } else { "tab" } on:click=move |_| past.set(true)>{tr(Msg::EventsPast)}</button>
                {move || organizer().then(|| view! { <A href="/events/new" attr:class="btn btn-primary" attr:data-testid="new-event">{tr(Msg::EventsNew)}</A> })}
            </nav>
            {resource_view(data, move |found: Page<Event>| {
                let pager = (found.pages() > 1).then(|| view! { <Pager page=found.clone() on_page=Callback::new(move |n| page.set(n))/> });
                let list = found.items;
                if list.is_empty() {
                    return match words.get_untracked() {
                        Some(_) => view! { <NothingFound clear="/events"/> }.into_any(),
                        None => view! { <p class="state">{tr(Msg::EventsEmpty)}</p> }.into_any(),
                    };
                }
                view! {
                    <ul class="cards" data-testid="events">
                        {list.into_iter().map(|e| {
                            let (zh, en) = (e.title_zh.clone(), e.title_en.clone());
                            let free: u32 = e.ticket_types.iter().map(|t| t.free).max().unwrap_or(0);
                            view! {
                                <li class="card">
                                    {e.cover_url.clone().map(|src| view! { <img class="event-thumb" src=src alt="" loading="lazy"/> })}
                                    <span class="badge">{tr(e.event_type.msg())}</span>" "
                                    <a href=format!("/events/{}", e.id) class="posting-title"><Localized zh=zh en=en/></a>
                                    <p class="small muted">{date(&e.starts_at)}" · "<Typed text=e.venue.clone().unwrap_or_default()/></p>
                                    <p class="small">{tr(Msg::EventSeatsFree)}{tr(Msg::Colon)}{free}" / "{e.capacity}</p>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    {pager}
                }
                .into_any()
            })}
        </section>
    }
}

#[component]
pub fn EventPage() -> impl IntoView {
    let id = route_id("id");
    let data = LocalResource::new(move || {
        let id = id.get();
        async move { api::event(id).await }
    });
    let changed = Callback::new(move |_| data.refetch());
    view! {
        <section class="page">
            {resource_view(data, move |e: Event| view! { <EventView e=e changed=changed/> })}
        </section>
    }
}

#[component]
fn EventView(e: Event, changed: Callback<()>) -> impl IntoView {
    crate::head::name_page((&e.title_zh, e.title_en.as_deref()), (&e.description_zh, e.description_en.as_deref()));
    let session = use_session();
    let (zh, en) = (e.title_zh.clone(), e.title_en.clone());
    let (dzh, den) = (e.description_zh.clone(), e.description_en.clone());
    let id = e.id;
    let mine = e.mine;
    let can_check_in = e.can_check_in;
    let figures = mine.then(|| e.clone());
    let registrants = figures.clone();
    let agenda = e.clone();
    let matchmaking = e.event_type == EventType::Matchmaking;
    let cover = e.cover_url.clone();
    let has_cover = cover.is_some();
    let (org_zh, org_en) = (e.org_name_zh.clone(), e.org_name_en.clone());
    view! {
        <header class="page-header">
            <h1 data-testid="event-title"><Localized zh=zh en=en/></h1>
            <p class="muted">
                <span class="badge">{tr(e.event_type.msg())}</span>" "
                {date(&e.starts_at)}" – "{date(&e.ends_at)}" · "<span data-testid="event-venue"><Typed text=e.venue.clone().unwrap_or_default()/></span>
                {e.online_url.clone().map(|u| view! { " · "<a href=u.clone()>{tr(Msg::EventOnline)}</a> })}
                " · "<a href=shared::paths::event_calendar_ics(id) data-testid="ics">{tr(Msg::AddToCalendar)}</a>
            </p>
            <p class="muted">{move || bilingual(&org_zh, org_en.as_deref(), locale())}</p>
        </header>
        {(!e.published).then(|| view! { <Draft event=id can_publish=mine changed=changed/> })}
        {e.staff_invitation.map(|role| view! { <StaffInvitation event=id role=role changed=changed/> })}
        {cover.map(|src| view! { <img class="event-cover" src=src alt=tr(Msg::EventCoverAlt) data-testid="event-cover"/> })}
        <article class="card"><p class="request-message" data-testid="event-description"><Localized zh=dzh en=den/></p></article>
        {mine.then(|| view! {
            <p class="actions">
                <A href=format!("/events/{id}/edit") attr:class="btn btn-secondary" attr:data-testid="edit-event">{tr(Msg::Edit)}</A>
            </p>
            <CoverPanel event=id has_cover=has_cover changed=changed/>
        })}
        <section class="card" data-testid="ticket-types">
            <h2>{tr(Msg::TicketTypes)}</h2>
            <table class="table">
                <tbody>
                    {e.ticket_types.iter().map(|t| {
                        let (zh, en) = (t.name_zh.clone(), t.name_en.clone());
                        view! {
                            <tr>
                                <td><Localized zh=zh en=en/>{t.approval.then(|| view! { " "<span class="badge badge-muted">{tr(Msg::TicketApproval)}</span> })}</td>
                                <td>{tr(Msg::EventSeatsFree)}{tr(Msg::Colon)}<span data-testid="seats-free">{t.free}</span>" / "{t.quota}</td>
                                <td>{tr(Msg::EventWaiting)}{tr(Msg::Colon)}{t.waiting}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            {mine.then(|| view! { <AddTicketType event=id changed=changed/> })}
        </section>
        {move || if session.me.with(Option::is_some) {
            view! { <Register e=e.clone() changed=changed/> }.into_any()
        } else {
            view! { <SignInToRegister e=e.clone()/> }.into_any()
        }}
        <crate::pages::agenda::AgendaPanel e=agenda.clone()/>
        <p class="actions">
            {matchmaking.then(|| view! {
                <A href=format!("/events/{id}/meetings") attr:class="btn btn-primary" attr:data-testid="open-meetings">{tr(Msg::MeetingsOpen)}</A>" "
            })}
            {can_check_in.then(|| view! {
                <A href=format!("/events/{id}/checkin") attr:class="btn btn-secondary" attr:data-testid="open-checkin">{tr(Msg::CheckinOpen)}</A>" "
            })}
            {mine.then(|| view! {
                <A href=format!("/events/{id}/badges") attr:class="btn btn-secondary" attr:data-testid="open-badges">{tr(Msg::BadgesOpen)}</A>
            })}
        </p>
        {mine.then(|| view! { {registrants.map(|e| view! { <crate::pages::registrants::Registrants e=e/> })} {figures.clone().map(|e| view! {
            {e.invitation_only.then(|| view! { <InvitationsPanel event=e.id/> })}
            <QuestionsPanel e=e.clone()/> <Figures e=e.clone()/> <MessagePanel e=e/>
        })} <StaffPanel event=id/> })}
    }
}
