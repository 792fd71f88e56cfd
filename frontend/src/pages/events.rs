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
                " · "<a href=format!("/api/v1/events/{id}/calendar.ics") data-testid="ics">{tr(Msg::AddToCalendar)}</a>
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
        {mine.then(|| view! { {registrants.map(|e| view! { <super::registrants::Registrants e=e/> })} {figures.clone().map(|e| view! {
            {e.invitation_only.then(|| view! { <InvitationsPanel event=e.id/> })}
            <QuestionsPanel e=e.clone()/> <Figures e=e.clone()/> <MessagePanel e=e/>
        })} <StaffPanel event=id/> })}
    }
}

/// The organizers' cover image upload.
#[component]
fn CoverPanel(event: i64, has_cover: bool, changed: Callback<()>) -> impl IntoView {
    use wasm_bindgen::JsCast;
    let file_input = NodeRef::<leptos::html::Input>::new();
    let error = RwSignal::new(None::<shared::ApiError>);
    let act = Action::new_local(move |upload: &bool| {
        let file = file_input
            .get_untracked()
            .and_then(|i| i.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|i| i.files())
            .and_then(|f| f.get(0));
        let upload = *upload;
        async move {
            match (upload, file) {
                (true, Some(file)) => api::set_event_cover(event, file).await.map(|_| ()),
                (true, None) => Ok(()),
                (false, _) => api::remove_event_cover(event).await.map(|_| ()),
            }
        }
    });
    Effect::new(move |_| match act.value().get() {
        Some(Ok(())) => changed.run(()),
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    view! {
        <section class="card" data-testid="cover-panel">
            <h2>{tr(Msg::EventCover)}</h2>
            {move || error.get().map(|e| view! { <ErrorView error=e/> })}
            <div class="field">
                <label class="sr-only" for="f-cover">{tr(Msg::EventCover)}</label>
                <input id="f-cover" type="file" accept="image/png,image/jpeg,image/gif,image/webp" node_ref=file_input
                    on:change=move |_| { act.dispatch(true); }/>
                <p class="hint">{tr(Msg::EventCoverHint)}</p>
            </div>
            {has_cover.then(|| view! { <button class="btn btn-ghost" on:click=move |_| { act.dispatch(false); }>{tr(Msg::Remove)}</button> })}
        </section>
    }
}

/// One registration question as a form field; its value is kept in `answers` under its id
/// (choices as their positions, several joined by commas).
#[component]
fn QuestionField(q: Question, answers: RwSignal<BTreeMap<i64, String>>, errors: FormErrors) -> impl IntoView {
    let qid = q.id;
    let id = format!("f-q{qid}");
    let key = format!("answers.{qid}");
    let error = Signal::derive(move || errors.fields.with(|f| f.get(&key).cloned()));
    let value = move || answers.with(|a| a.get(&qid).cloned().unwrap_or_default());
    let set = move |v: String| {
        answers.update(|a| {
            a.insert(qid, v);
        })
    };
    let (lzh, len) = (q.label_zh.clone(), q.label_en.clone());
    let options: Vec<(usize, String)> =
        (0..q.options_zh.len()).map(|i| (i, q.answer_text(&i.to_string(), locale()))).collect();
    let input = match q.kind {
        QuestionKind::LongText => view! {
            <textarea id=id.clone() rows="3" prop:value=value on:input=move |ev| set(event_target_value(&ev))></textarea>
        }.into_any(),
        QuestionKind::Single | QuestionKind::YesNo => {
            let options = if q.kind == QuestionKind::YesNo {
                vec![("yes".to_owned(), tr(Msg::Yes)().to_owned()), ("no".to_owned(), tr(Msg::No)().to_owned())]
            } else {
                options.into_iter().map(|(i, t)| (i.to_string(), t)).collect()
            };
            view! {
                <select id=id.clone() prop:value=value on:change=move |ev| set(event_target_value(&ev))>
                    <option value="">{tr(Msg::ChooseOne)}</option>
                    {options.into_iter().map(|(v, t)| view! { <option value=v>{t}</option> }).collect_view()}
                </select>
            }.into_any()
        }
        QuestionKind::Multiple => view! {
            <div class="choices" id=id.clone()>
                {options.into_iter().map(|(i, t)| {
                    let mark = i.to_string();
                    let checked = { let mark = mark.clone(); move || value().split(',').any(|v| v == mark) };
                    view! {
                        <label class="check">
                            <input type="checkbox" prop:checked=checked on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                let mut picked: Vec<String> = value().split(',').filter(|v| !v.is_empty() && *v != mark).map(str::to_owned).collect();
                                if on {
                                    picked.push(mark.clone());
                                }
                                set(picked.join(","));
                            }/>
                            <span>{t}</span>
                        </label>
                    }
                }).collect_view()}
            </div>
        }.into_any(),
        kind => {
            let input_type = match kind {
                QuestionKind::Number => "number",
                QuestionKind::Date => "date",
                _ => "text",
            };
            view! { <input id=id.clone() type=input_type prop:value=value on:input=move |ev| set(event_target_value(&ev))/> }.into_any()
        }
    };
    view! {
        <div class="field field-wide" class:has-error=move || error.with(Option::is_some) data-testid="question">
            <label for=id.clone()>{move || bilingual(&lzh, len.as_deref(), locale())}{q.required.then(|| view! { <span class="required" aria-hidden="true">" *"</span> })}</label>
            {input}
            {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
        </div>
    }
}

/// The organizers' registration questions: the list, and a form to add one.
#[component]
fn QuestionsPanel(e: Event) -> impl IntoView {
    let event = e.id;
    let data = LocalResource::new(move || async move { api::event_questions(event).await });
    let label_zh = RwSignal::new(String::new());
    let label_en = RwSignal::new(String::new());
    let kind = RwSignal::new(QuestionKind::Text.as_str().to_owned());
    let required = RwSignal::new(false);
    let options_zh = RwSignal::new(String::new());
    let options_en = RwSignal::new(String::new());
    let ticket = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let kinds = Signal::derive(move || {
        QuestionKind::ALL.iter().map(|k| (k.as_str().to_owned(), k.msg().t(locale()).to_owned())).collect()
    });
    let tickets = ticket_options(&e);
    let act = Action::new_local(move |change: &QuestionChange| {
        let change = change.clone();
        async move {
            match change {
                QuestionChange::Add(q) => api::add_event_question(event, &q).await.map(|_| ()),
                QuestionChange::Remove(id) => api::delete_event_question(event, id).await.map(|_| ()),
            }
        }
    });
    Effect::new(move |_| match act.value().get() {
        Some(Ok(())) => {
            label_zh.set(String::new());
            label_en.set(String::new());
            options_zh.set(String::new());
            options_en.set(String::new());
            data.refetch();
        }
        Some(Err(e)) => errors.server(e),
        None => {}
    });
    let lines = |s: String| s.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect::<Vec<_>>();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let q = QuestionInput {
            label_zh: label_zh.get_untracked(),
            label_en: Some(label_en.get_untracked()).filter(|s| !s.trim().is_empty()),
            kind: QuestionKind::parse(&kind.get_untracked()).unwrap_or(QuestionKind::Text),
            required: required.get_untracked(),
            options_zh: lines(options_zh.get_untracked()),
            options_en: lines(options_en.get_untracked()),
            ticket_types: ticket.get_untracked().parse().ok().into_iter().collect(),
        };
        if errors.check(q.check()) {
            act.dispatch(QuestionChange::Add(q));
        }
    };
    view! {
        <section class="card" data-testid="questions">
            <h2>{tr(Msg::QuestionsTitle)}</h2>
            {resource_view(data, move |list: Vec<Question>| view! {
                <ol class="question-list">
                    {list.into_iter().map(|q| {
                        let id = q.id;
                        let (zh, en) = (q.label_zh.clone(), q.label_en.clone());
                        view! {
                            <li>
                                {move || bilingual(&zh, en.as_deref(), locale())}" "
                                <span class="badge badge-muted">{tr(q.kind.msg())}</span>
                                {q.required.then(|| view! { " "<span class="badge">{tr(Msg::QuestionRequired)}</span> })}" "
                                <button class="btn btn-small btn-ghost" on:click=move |_| { act.dispatch(QuestionChange::Remove(id)); }>{tr(Msg::StaffRemove)}</button>
                            </li>
                        }
                    }).collect_view()}
                </ol>
            })}
            <form class="inline-form" on:submit=submit novalidate>
                <FormError errors=errors/>
                <TextField label=Msg::QuestionLabelZh name="label_zh" value=label_zh errors=errors/>
                <TextField label=Msg::QuestionLabelEn name="label_en" value=label_en errors=errors/>
                <SelectField label=Msg::QuestionKindLabel name="kind" value=kind options=kinds errors=errors required=true/>
                <SelectField label=Msg::QuestionTicketType name="ticket_types" value=ticket options=tickets errors=errors/>
                <Toggle label=Msg::QuestionRequired name="required" value=required/>
                {move || QuestionKind::parse(&kind.get()).is_some_and(QuestionKind::has_options).then(|| view! {
                    <TextArea label=Msg::QuestionOptionsZh name="options_zh" value=options_zh errors=errors/>
                    <TextArea label=Msg::QuestionOptionsEn name="options_en" value=options_en errors=errors/>
                })}
                <button class="btn btn-secondary" type="submit" data-testid="add-question">{tr(Msg::QuestionAdd)}</button>
            </form>
        </section>
    }
}

#[derive(Clone)]
enum QuestionChange {
    Add(QuestionInput),
    Remove(i64),
}

/// The event's ticket types as choices (id, name in the current language).
pub(crate) fn ticket_options(e: &Event) -> Signal<Vec<(String, String)>> {
    let types: Vec<(i64, String, Option<String>)> =
        e.ticket_types.iter().map(|t| (t.id, t.name_zh.clone(), t.name_en.clone())).collect();
    Signal::derive(move || {
        let l = locale();
        types.iter().map(|(id, zh, en)| (id.to_string(), bilingual(zh, en.as_deref(), l))).collect()
    })
}

/// Invitation codes of an invitation-only event: who each is for, how often used, the link to share.
#[component]
fn InvitationsPanel(event: i64) -> impl IntoView {
    let data = LocalResource::new(move || async move { api::event_invitations(event).await });
    let label = RwSignal::new(String::new());
    let max_uses = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let add = Action::new_local(move |i: &InvitationInput| {
        let i = i.clone();
        async move { api::add_event_invitation(event, &i).await }
    });
    Effect::new(move |_| match add.value().get() {
        Some(Ok(_)) => {
            label.set(String::new());
            data.refetch();
        }
        Some(Err(e)) => errors.server(e),
        None => {}
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let i =
            InvitationInput { label: label.get_untracked(), max_uses: max_uses.get_untracked().trim().parse().ok() };
        if errors.check(i.check()) {
            add.dispatch(i);
        }
    };
    let origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
    view! {
        <section class="card" data-testid="invitations">
            <h2>{tr(Msg::InvitationsTitle)}</h2>
            {resource_view(data, move |list: Vec<Invitation>| {
                if list.is_empty() {
                    return view! { <p class="state">{tr(Msg::InvitationsEmpty)}</p> }.into_any();
                }
                let origin = origin.clone();
                view! {
                    <table class="table"><tbody>
                        {list.into_iter().map(|i| {
                            let link = format!("{origin}/events/{event}?code={}", i.code);
                            let uses = match i.max_uses {
                                Some(m) => format!("{} / {m}", i.uses),
                                None => i.uses.to_string(),
                            };
                            view! {
                                <tr>
                                    <td>{i.label}</td>
                                    <td><code data-testid="invitation-code">{i.code}</code></td>
                                    <td>{uses}</td>
                                    <td><a href=link.clone()>{tr(Msg::InvitationLink)}</a></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody></table>
                }.into_any()
            })}
            <form class="inline-form" on:submit=submit novalidate>
                <FormError errors=errors/>
                <TextField label=Msg::InvitationLabel name="label" value=label errors=errors/>
                <TextField label=Msg::InvitationMaxUses name="max_uses" value=max_uses errors=errors/>
                <button class="btn btn-secondary" type="submit" data-testid="add-invitation">{tr(Msg::InvitationAdd)}</button>
            </form>
        </section>
    }
}

/// Messages to the registrants of a ticket type or status, and those sent before.
#[component]
fn MessagePanel(e: Event) -> impl IntoView {
    let event = e.id;
    let data = LocalResource::new(move || async move { api::event_messages(event).await });
    let tickets = ticket_options(&e);
    view! {
        <section class="card" data-testid="event-messages">
            <h2>{tr(Msg::MessageTitle)}</h2>
            <super::registrants::MessageComposer event=event selection=vec![] tickets=tickets sent=Callback::new(move |_: u32| data.refetch())/>
            {resource_view(data, move |list: Vec<EventMessage>| {
                if list.is_empty() {
                    return view! { <p class="state">{tr(Msg::MessagesEmpty)}</p> }.into_any();
                }
                view! {
                    <ul class="message-list">
                        {list.into_iter().map(|m| view! {
                            <li>
                                <p class="request-message">{m.text}</p>
                                <p class="muted">{crate::components::labels::person(&m.sender_name)}" · "{date(&m.created_at)}" · "
                                    <span data-testid="message-recipients">{tr(Msg::MessageSent)().replace("{n}", &m.recipients.to_string())}</span></p>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
        </section>
    }
}

/// The organizers' figures: check-in rate, people by status, ticket type, organization kind,
/// domain and district, and registrations per day as bars.
#[component]
fn Figures(e: Event) -> impl IntoView {
    let id = e.id;
    let data = LocalResource::new(move || async move { api::event_report(id).await });
    let tax = use_taxonomy();
    let types = e.ticket_types.clone();
    view! {
        <section class="card" data-testid="figures">
            <h2>{tr(Msg::ReportTitle)}</h2>
            {resource_view(data, move |r: EventReport| {
                let l = locale();
                let c = r.checkin;
                let types = types.clone();
                let none = Msg::ReportNone.t(l);
                let label = move |kind: TermKind, k: &str| if k.is_empty() { none.to_owned() } else { tax.label(kind, k, l) };
                let max_day = r.by_day.iter().map(|d| d.people).max().unwrap_or(1).max(1);
                view! {
                    <p data-testid="checkin-rate">{tr(Msg::ReportCheckinRate)}{tr(Msg::Colon)}{format!("{}% ({} / {})", c.rate_percent(), c.checked_in, c.expected)}</p>
                    <div class="figure-grid">
                        {breakdown(Msg::CsvStatus, &r.by_status, &|k| RegistrationStatus::parse(k).map_or(k.to_owned(), |s| s.msg().t(l).to_owned()))}
                        {breakdown(Msg::TicketName, &r.by_ticket_type, &|k| types.iter().find(|t| t.id.to_string() == k).map_or(k.to_owned(), |t| bilingual(&t.name_zh, t.name_en.as_deref(), l)))}
                        {breakdown(Msg::OrgKind, &r.by_org_kind, &|k| OrgKind::parse(k).map_or(none.to_owned(), |o| o.msg().t(l).to_owned()))}
                        {breakdown(Msg::OrgDomains, &r.by_domain, &|k| label(TermKind::Domain, k))}
                        {breakdown(Msg::OrgDistrict, &r.by_district, &|k| label(TermKind::District, k))}
                    </div>
                    <h3>{tr(Msg::ReportPerDay)}</h3>
                    <table class="table bars" data-testid="per-day">
                        <tbody>
                            {r.by_day.into_iter().map(|d| {
                                let share = f64::from(d.people) * 100.0 / f64::from(max_day);
                                view! {
                                    <tr><th scope="row">{d.key}</th><td><Bar percent=share class="bar"/>" "{d.people}</td></tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }
            })}
        </section>
    }
}

/// A small table of one breakdown, labelled by `label`.
fn breakdown(title: Msg, rows: &[CountRow], label: &dyn Fn(&str) -> String) -> impl IntoView + use<> {
    let rows: Vec<(String, u32)> = rows.iter().map(|r| (label(&r.key), r.people)).collect();
    view! {
        <table class="table">
            <caption>{tr(title)}</caption>
            <tbody>
                {rows.into_iter().map(|(k, n)| view! { <tr><th scope="row">{k}</th><td>{n}</td></tr> }).collect_view()}
            </tbody>
        </table>
    }
}

/// A confirmed registration's tickets: one QR code per person, with the code to type at the door.
#[component]
fn Tickets(event: i64, registration: i64) -> impl IntoView {
    let data = LocalResource::new(move || async move { api::tickets(registration).await });
    view! {
        <div class="tickets" data-testid="tickets">
            <h3>{tr(Msg::TicketsTitle)}</h3>
            <p class="muted">{tr(Msg::TicketsHint)}" "
                <A href=format!("/events/{event}/tickets/{registration}") attr:data-testid="print-tickets">{tr(Msg::TicketsPrint)}</A></p>
            {resource_view(data, move |list: Vec<Ticket>| view! {
                <ul class="ticket-list">
                    {list.into_iter().map(|t| view! { <li><TicketCard t=t/></li> }).collect_view()}
                </ul>
            })}
        </div>
    }
}

/// One person's ticket: name, QR image and code.
#[component]
pub fn TicketCard(t: Ticket) -> impl IntoView {
    let alt = Signal::derive({
        let name = t.name.clone();
        move || tr(Msg::TicketQrAlt)().replace("{name}", &name)
    });
    view! {
        <figure class="ticket" data-testid="ticket">
            <img class="ticket-qr" src=format!("/api/v1/tickets/{}/qr.svg", t.code) alt=alt width="160" height="160"/>
            <figcaption>
                <strong>{t.name.clone()}</strong>
                <span class="muted">{tr(Msg::TicketCodeLabel)}{tr(Msg::Colon)}<code data-testid="ticket-code">{t.code.clone()}</code></span>
                {t.checked_in_at.map(|at| view! { <span class="badge">{tr(Msg::CheckinOk)}" "{date(&at)}</span> })}
            </figcaption>
        </figure>
    }
}

/// Co-organizers: managers run the event with its organizers, check-in staff scan tickets.
#[component]
fn StaffPanel(event: i64) -> impl IntoView {
    let data = LocalResource::new(move || async move { api::event_staff(event).await });
    let email = RwSignal::new(String::new());
    let role = RwSignal::new(StaffRole::Checkin.as_str().to_owned());
    let errors = FormErrors::new();
    let roles = Signal::derive(move || {
        StaffRole::ALL.iter().map(|r| (r.as_str().to_owned(), r.msg().t(locale()).to_owned())).collect()
    });
    let act = Action::new_local(move |change: &StaffChange| {
        let change = change.clone();
        async move {
            match change {
                StaffChange::Put(s) => api::put_event_staff(event, &s).await,
                StaffChange::Remove(user) => api::remove_event_staff(event, user).await,
                StaffChange::Withdraw(email) => api::withdraw_staff_invitation(event, &email).await,
            }
        }
    });
    Effect::new(move |_| match act.value().get() {
        Some(Ok(_)) => {
            email.set(String::new());
            data.refetch();
        }
        Some(Err(e)) => errors.server(e),
        None => {}
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.clear();
        let role = StaffRole::parse(&role.get_untracked()).unwrap_or(StaffRole::Checkin);
        act.dispatch(StaffChange::Put(StaffInput { email: email.get_untracked(), role }));
    };
    view! {
        <section class="card" data-testid="staff">
            <h2>{tr(Msg::StaffTitle)}</h2>
            {resource_view(data, move |list: Vec<Staff>| {
                if list.is_empty() {
                    return view! { <p class="state">{tr(Msg::StaffEmpty)}</p> }.into_any();
                }
                view! {
                    <table class="table"><tbody>
                        {list.into_iter().map(|s| {
                            // Invited people are shown by the address typed until they accept.
                            let change = match s.user_id {
                                Some(user) => StaffChange::Remove(user),
                                None => StaffChange::Withdraw(s.email.clone()),
                            };
                            view! {
                                <tr>
                                    <td>{s.display_name}</td>
                                    <td>{s.email}</td>
                                    <td><span class="badge">{tr(s.role.msg())}</span>
                                        {(!s.accepted).then(|| view! { " "<span class="badge badge-muted" data-testid="staff-invited">{tr(Msg::StaffInvited)}</span> })}</td>
                                    <td><button class="btn btn-small btn-ghost" on:click=move |_| { act.dispatch(change.clone()); }>{tr(Msg::StaffRemove)}</button></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody></table>
                }.into_any()
            })}
            <form class="inline-form" on:submit=submit novalidate>
                <FormError errors=errors/>
                <TextField label=Msg::StaffEmail name="email" value=email errors=errors/>
                <SelectField label=Msg::StaffRoleLabel name="role" value=role options=roles errors=errors required=true/>
                <button class="btn btn-secondary" type="submit" data-testid="add-staff">{tr(Msg::StaffAdd)}</button>
            </form>
        </section>
    }
}

#[derive(Clone)]
enum StaffChange {
    Put(StaffInput),
    Remove(i64),
    /// An invitation not answered yet, by its address.
    Withdraw(String),
}

/// The caller's invitation to the event's staff: the role offered, accept or decline.
#[component]
fn StaffInvitation(event: i64, role: StaffRole, changed: Callback<()>) -> impl IntoView {
    let answer = Action::new_local(move |accept: &bool| {
        let accept = *accept;
        async move { api::answer_staff(event, accept).await.map(|_| ()) }
    });
    view! {
        <div class="notice" role="status" data-testid="staff-invitation">
            <p>{tr(Msg::StaffInviteText)}" "<span class="badge">{tr(role.msg())}</span></p>
            <crate::components::data::AcceptDecline answer=answer accept=Msg::SpeakerAccept decline=Msg::SpeakerDecline
                testid="staff" answered=changed/>
        </div>
    }
}

#[component]
fn AddTicketType(event: i64, changed: Callback<()>) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let quota = RwSignal::new(String::new());
    let approval = RwSignal::new(false);
    let errors = FormErrors::new();
    let add = Action::new_local(move |t: &TicketTypeInput| {
        let t = t.clone();
        async move { api::add_ticket_type(event, &t).await }
    });
    Effect::new(move |_| match add.value().get() {
        Some(Ok(_)) => changed.run(()),
        Some(Err(e)) => errors.server(e),
        None => {}
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.clear();
        let t = TicketTypeInput {
            name_zh: name.get_untracked(),
            name_en: None,
            quota: quota.get_untracked().trim().parse().unwrap_or(0),
            approval: approval.get_untracked(),
        };
        if errors.check(t.check()) {
            add.dispatch(t);
        }
    };
    view! {
        <form class="inline-form" on:submit=submit novalidate>
            <FormError errors=errors/>
            <TextField label=Msg::TicketName name="name_zh" value=name errors=errors/>
            <TextField label=Msg::TicketQuota name="quota" value=quota errors=errors/>
            <Toggle label=Msg::TicketApproval name="approval" value=approval/>
            <button class="btn btn-secondary" type="submit" data-testid="add-ticket-type">{tr(Msg::TicketAdd)}</button>
        </form>
    }
}

/// A draft event: said so, and for its organizers the way to publish it.
#[component]
fn Draft(event: i64, can_publish: bool, changed: Callback<()>) -> impl IntoView {
    let publish = Action::new_local(move |_: &()| async move { api::publish_event(event).await.map(|_| ()) });
    Effect::new(move |_| {
        if let Some(Ok(())) = publish.value().get() {
            changed.run(());
        }
    });
    view! {
        <crate::components::data::DraftNotice text=Msg::EventDraft button=Msg::EventPublish testid="event-draft"
            can_publish=can_publish publish=publish/>
    }
}

/// What a visitor sees where the registration form would be: whether registration is open, until
/// when, and the way in (signing in brings them back here).
#[component]
fn SignInToRegister(e: Event) -> impl IntoView {
    let window = e.window(crate::components::labels::now());
    let (opens, closes) = (e.registration_opens_at, e.registration_closes_at);
    let state = match (window, opens) {
        (Window::Open, _) => None,
        (Window::NotYet, Some(t)) => Some(Signal::derive(move || tr(Msg::EventRegNotYet)().replace("{at}", &when(&t)))),
        _ => Some(Signal::derive(move || tr(Msg::EventRegClosed)().to_owned())),
    };
    view! {
        <section class="card" data-testid="register-signin">
            <h2>{tr(Msg::EventRegisterTitle)}</h2>
            {match state {
                Some(text) => view! { <p class="state" data-testid="registration-window">{text}</p> }.into_any(),
                None => view! {
                    {closes.map(|t| view! { <p class="muted small">{move || tr(Msg::EventRegUntil)().replace("{at}", &when(&t))}</p> })}
                    <p class="muted">{tr(Msg::EventLoginToRegisterIntro)}</p>
                    <A href=crate::session::returning_to_here("/login") attr:class="btn btn-primary" attr:data-testid="login-to-register">{tr(Msg::EventLoginToRegister)}</A>
                }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Register(e: Event, changed: Callback<()>) -> impl IntoView {
    let session = use_session();
    let id = e.id;
    let mine = LocalResource::new(move || async move { api::my_event_registrations(id).await });
    let me = session.me.with_untracked(|m| m.as_ref().map(|m| (m.id, m.display_name.clone())));
    let ticket = RwSignal::new(e.ticket_types.first().map(|t| t.id.to_string()).unwrap_or_default());
    let people = RwSignal::new(me.clone().map(|(_, n)| n).unwrap_or_default());
    let org = RwSignal::new(String::new());
    let orgs = session.org_options(|_| true);
    let invitation_only = e.invitation_only;
    let code = RwSignal::new(use_query_map().with_untracked(|q| q.get("code")).unwrap_or_default());
    let questions = LocalResource::new(move || async move { api::event_questions(id).await });
    let answers = RwSignal::new(BTreeMap::<i64, String>::new());
    let asked = move || {
        let ticket: i64 = ticket.get().parse().unwrap_or(0);
        let list: Vec<Question> = questions.get().and_then(Result::ok).unwrap_or_default();
        list.into_iter().filter(|q| q.asks(ticket)).collect::<Vec<_>>()
    };
    let errors = FormErrors::new();
    let types = ticket_options(&e);
    let window = e.window(crate::components::labels::now());
    let (opens, closes) = (e.registration_opens_at, e.registration_closes_at);
    let act = Action::new_local(move |req: &RegAction| {
        let req = req.clone();
        async move {
            match req {
                RegAction::Register(r) => api::register_for_event(id, &r).await,
                RegAction::Do(rid, action) => api::registration_action(rid, action).await,
            }
        }
    });
    Effect::new(move |_| match act.value().get() {
        Some(Ok(_)) => {
            mine.refetch();
            changed.run(());
        }
        Some(Err(e)) => errors.server(e),
        None => {}
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.clear();
        let r = RegistrationInput {
            ticket_type: ticket.get_untracked().parse().unwrap_or(0),
            people: people.get_untracked().lines().map(str::to_owned).collect(),
            org_id: org.get_untracked().parse().ok(),
            invitation_code: Some(code.get_untracked()).filter(|c| !c.trim().is_empty()),
            answers: answers.with_untracked(|a| {
                a.iter()
                    .filter(|(_, v)| !v.trim().is_empty())
                    .map(|(q, v)| Answer { question: *q, value: v.clone() })
                    .collect()
            }),
        };
        let list: Vec<Question> = questions.get_untracked().and_then(Result::ok).unwrap_or_default();
        let mut answers_asked = r.clone();
        answers_asked.answers.retain(|a| list.iter().any(|q| q.id == a.question && q.asks(r.ticket_type)));
        let checked =
            r.check().map(|_| ()).and_then(|_| check_answers(&list, r.ticket_type, &answers_asked.answers).map(|_| ()));
        let r = answers_asked;
        if errors.check(checked) {
            act.dispatch(RegAction::Register(r));
        }
    };
    view! {
        <section class="card" data-testid="register">
            <h2>{tr(Msg::EventRegisterTitle)}</h2>
            <FormError errors=errors/>
            {resource_view(mine, move |list: Vec<Registration>| {
                let undoable = list.iter().rev().find_map(|r| {
                    r.undo.as_ref().filter(|u| r.status == RegistrationStatus::Cancelled && u.until > crate::components::labels::now()).map(|u| (r.id, u.until))
                });
                let live = list.into_iter().find(|r| !matches!(r.status, RegistrationStatus::Cancelled | RegistrationStatus::Rejected));
                let undo = undoable.filter(|_| live.is_none()).map(|(rid, until)| view! {
                    <div class="notice" data-testid="cancelled-undo" role="status">
                        <p>{move || tr(Msg::RegisterCancelledUndo)().replace("{at}", &crate::components::labels::clock(&until))}</p>
                        <button class="btn btn-secondary" data-testid="undo-cancel"
                            on:click=move |_| { act.dispatch(RegAction::Do(rid, "undo-cancel")); }>{tr(Msg::RegisterUndo)}</button>
                    </div>
                });
                let body = match live {
                    Some(r) => {
                        let rid = r.id;
                        view! {
                            <p>{tr(Msg::RegisterMine)}{tr(Msg::Colon)}<span class="badge" data-testid="registration-status">{tr(r.status.msg())}</span>" "
                                {move || r.people.join(Msg::ListSep.t(locale()))}</p>
                            {r.offer_expires_at.map(|t| view! { <p class="notice">{tr(Msg::RegisterOfferUntil)}" "{date(&t)}</p> })}
                            <div class="actions">
                                {(r.status == RegistrationStatus::Offered).then(|| view! {
                                    <button class="btn btn-primary" data-testid="accept-offer"
                                        on:click=move |_| { act.dispatch(RegAction::Do(rid, "accept-offer")); }>{tr(Msg::RegisterAcceptOffer)}</button>
                                })}
                                <ConfirmButton label=Msg::RegisterCancel question=Msg::RegisterCancelAsk testid="cancel-registration"
                                    on_confirm=Callback::new(move |_| { act.dispatch(RegAction::Do(rid, "cancel")); })/>
                            </div>
                            {(r.status == RegistrationStatus::Confirmed).then(|| view! { <Tickets event=id registration=rid/> })}
                        }
                        .into_any()
                    }
                    None if window != Window::Open => {
                        let text = match (window, opens) {
                            (Window::NotYet, Some(t)) => Signal::derive(move || tr(Msg::EventRegNotYet)().replace("{at}", &when(&t))),
                            _ => Signal::derive(move || tr(Msg::EventRegClosed)().to_owned()),
                        };
                        view! { <p class="state" data-testid="registration-window">{text}</p> }.into_any()
                    }
                    None => view! {
                        {closes.map(|t| view! { <p class="muted small" data-testid="registration-until">{move || tr(Msg::EventRegUntil)().replace("{at}", &when(&t))}</p> })}
                        <form on:submit=submit novalidate>
                            <SelectField label=Msg::TicketName name="ticket_type" value=ticket options=types errors=errors required=true/>
                            <TextArea label=Msg::RegisterPeople name="people" value=people errors=errors/>
                            <SelectField label=Msg::RegisterOrg name="org_id" value=org options=orgs errors=errors/>
                            {invitation_only.then(|| view! { <TextField label=Msg::InvitationCode name="invitation_code" value=code errors=errors required=true/> })}
                            {move || asked().into_iter().map(|q| view! { <QuestionField q=q answers=answers errors=errors/> }).collect_view()}
                            <button class="btn btn-primary" type="submit" data-testid="register-submit">{tr(Msg::EventRegisterSubmit)}</button>
                        </form>
                    }
                    .into_any(),
                };
                view! { {undo}{body} }
            })}
        </section>
    }
}

#[derive(Clone)]
enum RegAction {
    Register(RegistrationInput),
    Do(i64, &'static str),
}

/// The organizer's form for a new event.
#[component]
pub fn NewEvent() -> impl IntoView {
    view! { <EventForm existing=None/> }
}

/// The organizers' form for an event they run, filled in.
#[component]
pub fn EditEvent() -> impl IntoView {
    let id = route_id("id");
    let data = LocalResource::new(move || {
        let id = id.get();
        async move { api::event(id).await }
    });
    view! { {resource_view(data, move |e: Event| view! { <EventForm existing=Some(e)/> })} }
}

#[component]
fn EventForm(existing: Option<Event>) -> impl IntoView {
    let session = use_session();
    let tax = use_taxonomy();
    let navigate = use_navigate();
    let e = existing.clone();
    let text = |f: fn(&Event) -> Option<String>| RwSignal::new(e.as_ref().and_then(f).unwrap_or_default());
    let org = RwSignal::new(e.as_ref().map(|e| e.org_id.to_string()).unwrap_or_default());
    let title = text(|e| Some(e.title_zh.clone()));
    let title_en = text(|e| e.title_en.clone());
    let description = text(|e| Some(e.description_zh.clone()));
    let description_en = text(|e| e.description_en.clone());
    let kind = RwSignal::new(e.as_ref().map_or(EventType::Forum, |e| e.event_type).as_str().to_owned());
    let venue = text(|e| e.venue.clone());
    let online = text(|e| e.online_url.clone());
    let starts = text(|e| Some(local_input(&e.starts_at)));
    let ends = text(|e| Some(local_input(&e.ends_at)));
    let opens = text(|e| e.registration_opens_at.as_ref().map(local_input));
    let closes = text(|e| e.registration_closes_at.as_ref().map(local_input));
    let capacity = text(|e| Some(e.capacity.to_string()));
    let domains = RwSignal::new(e.as_ref().map(|e| e.domains.clone()).unwrap_or_default());
    let invitation = RwSignal::new(e.as_ref().is_some_and(|e| e.invitation_only));
    let verified_only = RwSignal::new(e.as_ref().is_none_or(|e| e.verified_email_required));
    let editing = existing.as_ref().map(|e| e.id);
    let errors = FormErrors::new();
    let orgs = session.org_options(|o| o.org_kind == OrgKind::Organizer);
    // The first organizer organization, once the session is known.
    Effect::new(move |_| {
        if org.get_untracked().is_empty()
            && let Some((first, _)) = orgs.get().first()
        {
            org.set(first.clone());
        }
    });
    let kinds = Signal::derive(move || {
        EventType::ALL.iter().map(|k| (k.as_str().to_owned(), k.msg().t(locale()).to_owned())).collect()
    });
    let fields = Signal::derive(move || {
        let l = locale();
        tax.get().of(TermKind::Domain).map(|t| (t.code.clone(), t.label(l).to_owned())).collect::<Vec<_>>()
    });
    let save = Action::new_local(move |input: &EventInput| {
        let input = input.clone();
        async move {
            match editing {
                Some(id) => api::update_event(id, &input).await,
                None => api::create_event(&input).await,
            }
        }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(e)) => navigate(&format!("/events/{}", e.id), Default::default()),
        Some(Err(e)) => errors.server(e),
        None => {}
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.clear();
        let (Some(starts_at), Some(ends_at)) =
            (parse_local(&starts.get_untracked()), parse_local(&ends.get_untracked()))
        else {
            let mut e = shared::error::FieldErrors::new();
            e.add("starts_at", shared::validate::FieldError::Required);
            errors.check(Err(e));
            return;
        };
        let optional = |s: RwSignal<String>| Some(s.get_untracked().trim().to_owned()).filter(|s| !s.is_empty());
        let input = EventInput {
            org_id: org.get_untracked().parse().unwrap_or(0),
            title_zh: title.get_untracked(),
            title_en: optional(title_en),
            description_zh: description.get_untracked(),
            description_en: optional(description_en),
            event_type: EventType::parse(&kind.get_untracked()).unwrap_or(EventType::Forum),
            venue: optional(venue),
            online_url: optional(online),
            starts_at,
            ends_at,
            domains: domains.get_untracked(),
            capacity: capacity.get_untracked().trim().parse().unwrap_or(0),
            invitation_only: invitation.get_untracked(),
            verified_email_required: verified_only.get_untracked(),
            registration_opens_at: parse_local(&opens.get_untracked()),
            registration_closes_at: parse_local(&closes.get_untracked()),
        };
        if errors.check(input.check(crate::components::labels::now())) {
            save.dispatch(input);
        }
    };
    let heading = if editing.is_some() { Msg::Edit } else { Msg::EventsNew };
    view! {
        <section class="page narrow">
            <h1>{tr(heading)}</h1>
            <form on:submit=submit novalidate>
                <FormError errors=errors/>
                {editing.is_none().then(|| view! {
                    <SelectField label=Msg::EngFromOrg name="org_id" value=org options=orgs errors=errors required=true/>
                })}
                <TextField label=Msg::TitleZh name="title_zh" value=title errors=errors/>
                <TextField label=Msg::TitleEn name="title_en" value=title_en errors=errors/>
                <SelectField label=Msg::EventType name="event_type" value=kind options=kinds errors=errors required=true/>
                <TextArea label=Msg::OrgDescription name="description_zh" value=description errors=errors/>
                <TextArea label=Msg::EventDescriptionEn name="description_en" value=description_en errors=errors/>
                <TextField label=Msg::EventVenue name="venue" value=venue errors=errors/>
                <TextField label=Msg::EventOnline name="online_url" value=online errors=errors/>
                <DateTimeField label=Msg::EventStarts name="starts_at" value=starts errors=errors/>
                <DateTimeField label=Msg::EventEnds name="ends_at" value=ends errors=errors/>
                <DateTimeField label=Msg::EventRegOpens name="registration_opens_at" value=opens errors=errors hint=Msg::EventRegWindowHint/>
                <DateTimeField label=Msg::EventRegCloses name="registration_closes_at" value=closes errors=errors/>
                <CheckboxGroup label=Msg::OrgDomains name="domains" value=domains options=fields errors=errors/>
                <TextField label=Msg::EventCapacity name="capacity" value=capacity errors=errors/>
                <Toggle label=Msg::EventInvitationOnly name="invitation_only" value=invitation/>
                <Toggle label=Msg::EventVerifiedOnly name="verified_email_required" value=verified_only/>
                <button class="btn btn-primary" type="submit" data-testid="create-event">{tr(if editing.is_some() { Msg::Save } else { Msg::EventsNew })}</button>
            </form>
        </section>
    }
}
