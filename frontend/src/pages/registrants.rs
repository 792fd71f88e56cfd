//! The organizers' registrant table on an event's page: searched, filtered by status and ticket
//! type, sorted and paged on the server (thousands of rows), with a selection kept across pages
//! for bulk approval or rejection, a message (previewed before it goes out through notifications
//! and the email outbox) and a CSV of just the selected. Messages to whole groups use the same
//! composer.

use std::collections::BTreeSet;

use leptos::prelude::*;
use shared::Msg;
use shared::events::{
    BulkAction, BulkRequest, Event, EventMessageInput, MessagePreview, Registrant, RegistrantQuery, RegistrantSort,
    RegistrationStatus,
};
use shared::page::Page;

use crate::api;
use crate::components::act::Act;
use crate::components::confirm::ConfirmButton;
use crate::components::data::{ErrorView, Pager, resource_view};
use crate::components::form::{FormError, FormErrors, SelectField, TextArea};
use crate::components::labels::{Localized, person, when};
use crate::i18n::{locale, text, tr};

const PER_PAGE: u32 = 50;

#[component]
pub fn Registrants(e: Event) -> impl IntoView {
    let event = e.id;
    let words = RwSignal::new(String::new());
    let search = RwSignal::new(None::<String>);
    let status = RwSignal::new(String::new());
    let ticket = RwSignal::new(String::new());
    let sort = RwSignal::new(String::new());
    let page = RwSignal::new(1u32);
    let data = LocalResource::new(move || {
        let q = RegistrantQuery {
            q: search.get(),
            status: RegistrationStatus::parse(&status.get()),
            ticket_type: ticket.get().parse().ok(),
            sort: RegistrantSort::parse(&sort.get()),
            page: Some(page.get()),
            per_page: Some(PER_PAGE),
        };
        async move { api::event_registrants(event, &q).await }
    });
    // A new search or filter starts at the first page.
    Effect::new(move |_| {
        search.track();
        status.track();
        ticket.track();
        sort.track();
        page.set(1);
    });
    let selected = RwSignal::new(BTreeSet::<i64>::new());
    let error = RwSignal::new(None::<shared::ApiError>);
    let done = RwSignal::new(None::<usize>);
    let composing = RwSignal::new(false);
    let messaged = RwSignal::new(None::<u32>);
    // Only the table is asked again: rebuilding the event's page would lose the search, the
    // filters, the page and the confirmation just shown.
    let refresh = move || data.refetch();
    let answered = move |answer: crate::api::ApiResult<usize>| match answer {
        Ok(n) => {
            error.set(None);
            done.set(Some(n));
            selected.set(BTreeSet::new());
            refresh();
        }
        Err(e) => error.set(Some(e)),
    };
    let one = Act::new(move |(id, action): &(i64, &'static str)| {
        let (id, action) = (*id, *action);
        async move { api::registration_action(id, action).await.map(|_| 1) }
    })
    .on_answer(answered);
    let bulk = Act::new(move |req: &BulkRequest| {
        let req = req.clone();
        async move { api::bulk_registrations(event, &req).await.map(|r| r.len()) }
    })
    .on_answer(answered);
    let statuses = Signal::derive(move || {
        RegistrationStatus::ALL.iter().map(|s| (s.as_str().to_owned(), s.msg().t(locale()).to_owned())).collect()
    });
    let sorts = Signal::derive(move || {
        // Newest first is the empty choice.
        RegistrantSort::ALL
            .iter()
            .filter(|s| **s != RegistrantSort::Newest)
            .map(|s| (s.as_str().to_owned(), s.msg().t(locale()).to_owned()))
            .collect()
    });
    let tickets = super::events::ticket_options(&e);
    let errors = FormErrors::new();
    let search_box = NodeRef::<leptos::html::Input>::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // What the box holds now (however it was emptied: typing, the clear button, autofill).
        let w = search_box.get_untracked().map_or_else(|| words.get_untracked(), |i| i.value()).trim().to_owned();
        search.set((!w.is_empty()).then_some(w));
    };
    let chosen = move || selected.with(|s| s.iter().copied().collect::<Vec<_>>());
    let export_href = move || {
        let ids = chosen().iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        format!("{}?ids={ids}", shared::paths::event_registrations_csv(event))
    };
    let none_chosen = Signal::derive(move || selected.with(BTreeSet::is_empty) || bulk.pending().get());
    let send_bulk = move |action: BulkAction| {
        done.set(None);
        bulk.dispatch(BulkRequest { ids: chosen(), action });
    };
    view! {
        <section class="card" data-testid="registrations">
            <h2>{tr(Msg::RegistrationsTitle)}</h2>
            <p class="actions">
                <a href=shared::paths::event_registrations_csv(event) data-testid="export-csv">{tr(Msg::ExportCsv)}</a>
                <a href=shared::paths::event_registrations_xlsx(event) data-testid="export-xlsx">{tr(Msg::ExportXlsx)}</a>
            </p>
            <div class="filters registrant-filters">
                <form class="keyword-box" role="search" on:submit=submit>
                    <label class="sr-only" for="registrant-q">{tr(Msg::RegSearch)}</label>
                    <input id="registrant-q" type="search" data-testid="registrant-search" node_ref=search_box placeholder=move || tr(Msg::RegSearch)()
                        prop:value=move || words.get() on:input=move |ev| words.set(event_target_value(&ev))/>
                    <button type="submit" class="btn btn-secondary">{tr(Msg::FilterKeyword)}</button>
                </form>
                <SelectField label=Msg::RegColStatus name="registrant_status" value=status options=statuses errors=errors empty=Msg::RegFilterAll/>
                <SelectField label=Msg::RegColTicket name="registrant_ticket" value=ticket options=tickets errors=errors empty=Msg::RegFilterAll/>
                <SelectField label=Msg::FilterSort name="registrant_sort" value=sort options=sorts errors=errors empty=Msg::RegSortDefault/>
            </div>
            <div class="bulk-bar" data-testid="bulk-bar">
                <span class="muted" data-testid="selected-count">{move || text::RegSelected { n: &selected.with(BTreeSet::len) }.t(locale())}</span>
                <ConfirmButton label=Msg::BulkApprove question=Msg::BulkApproveAsk testid="bulk-approve" class="btn btn-small btn-primary"
                    disabled=none_chosen on_confirm=Callback::new(move |_| send_bulk(BulkAction::Approve))/>
                <ConfirmButton label=Msg::BulkReject question=Msg::BulkRejectAsk testid="bulk-reject" class="btn btn-small btn-secondary"
                    disabled=none_chosen on_confirm=Callback::new(move |_| send_bulk(BulkAction::Reject))/>
                <button class="btn btn-small btn-secondary" data-testid="bulk-message" disabled=move || none_chosen.get()
                    aria-expanded=move || composing.get().to_string()
                    on:click=move |_| composing.update(|c| *c = !*c)>{tr(Msg::BulkMessage)}</button>
                {move || (!none_chosen.get()).then(|| view! {
                    <a class="btn btn-small btn-ghost" href=export_href() data-testid="bulk-export">{tr(Msg::BulkExport)}</a>
                })}
                {move || done.get().map(|n| view! { <span class="ok" role="status">{text::BulkDone { n: &n }.t(locale())}</span> })}
                {move || messaged.get().map(|n| view! { <span class="ok" role="status" data-testid="message-sent">{text::MessageSent { n: &n }.t(locale())}</span> })}
            </div>
            {move || error.get().map(|e| view! { <ErrorView error=e/> })}
            {move || composing.get().then(|| view! {
                <MessageComposer event=event selection=chosen() tickets=Signal::derive(Vec::new)
                    sent=Callback::new(move |n| { composing.set(false); selected.set(BTreeSet::new()); messaged.set(Some(n)); })/>
            })}
            {resource_view(data, move |p: Page<Registrant>| {
                let on_page: Vec<i64> = p.items.iter().map(|r| r.id).collect();
                let all_on_page = {
                    let ids = on_page.clone();
                    move || !ids.is_empty() && selected.with(|s| ids.iter().all(|i| s.contains(i)))
                };
                let total = p.total;
                view! {
                    <p class="muted small" data-testid="registrant-total">{move || text::RegTotal { n: &total }.t(locale())}</p>
                    <div class="table-scroll">
                    <table class="table registrant-table" data-testid="registrant-table">
                        <thead><tr>
                            <th><input type="checkbox" data-testid="select-page" aria-label=move || tr(Msg::RegSelectPage)()
                                prop:checked=all_on_page
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    selected.update(|s| for id in &on_page { if on { s.insert(*id); } else { s.remove(id); } });
                                }/></th>
                            <th>{tr(Msg::RegColRegistrant)}</th><th>{tr(Msg::RegColPeople)}</th><th>{tr(Msg::RegColOrg)}</th>
                            <th>{tr(Msg::RegColTicket)}</th><th>{tr(Msg::RegColStatus)}</th><th>{tr(Msg::RegColAt)}</th>
                            <th>{tr(Msg::RegColCheckedIn)}</th><th></th>
                        </tr></thead>
                        <tbody>
                            {p.items.iter().cloned().map(|r| view! { <Row r=r selected=selected act=one/> }).collect_view()}
                        </tbody>
                    </table>
                    </div>
                    <Pager page=p on_page=Callback::new(move |n| page.set(n))/>
                }
            })}
        </section>
    }
}

#[component]
fn Row(
    r: Registrant,
    selected: RwSignal<BTreeSet<i64>>,
    act: Action<(i64, &'static str), Result<usize, shared::ApiError>>,
) -> impl IntoView {
    let id = r.id;
    let people = r.people.len();
    let names = r.people.clone();
    view! {
        <tr data-testid="registrant">
            <td><input type="checkbox" data-testid="select-registrant" aria-label=person(&r.user_name)
                prop:checked=move || selected.with(|s| s.contains(&id))
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    selected.update(|s| { if on { s.insert(id); } else { s.remove(&id); } });
                }/></td>
            <td data-label=move || tr(Msg::RegColRegistrant)()>{person(&r.user_name)}<br/><span class="muted small">{r.email.clone()}</span></td>
            <td data-label=move || tr(Msg::RegColPeople)()>{move || names.join(Msg::ListSep.t(locale()))}</td>
            <td data-label=move || tr(Msg::RegColOrg)()>{r.org_name.clone().unwrap_or_default()}</td>
            <td data-label=move || tr(Msg::RegColTicket)()><Localized zh=r.ticket_zh.clone() en=r.ticket_en.clone()/></td>
            <td data-label=move || tr(Msg::RegColStatus)()><span class="badge" data-testid="registrant-status">{tr(r.status.msg())}</span></td>
            <td data-label=move || tr(Msg::RegColAt)()>{when(&r.created_at)}</td>
            <td data-label=move || tr(Msg::RegColCheckedIn)() class="num">{format!("{} / {people}", r.checked_in)}</td>
            <td>
                {(r.status == RegistrationStatus::Pending).then(|| view! {
                    <button class="btn btn-small btn-primary" data-testid="approve-registration" on:click=move |_| { act.dispatch((id, "approve")); }>{tr(Msg::Approve)}</button>" "
                    <button class="btn btn-small btn-ghost" on:click=move |_| { act.dispatch((id, "reject")); }>{tr(Msg::Reject)}</button>
                })}
                {(r.status == RegistrationStatus::Waitlisted).then(|| view! {
                    <button class="btn btn-small btn-secondary" data-testid="promote" on:click=move |_| { act.dispatch((id, "promote")); }>{tr(Msg::RegPromote)}</button>
                })}
            </td>
        </tr>
    }
}

/// A message to registrants: to a selection, or (`selection` empty) to a status and ticket type.
/// It is previewed — how many it reaches, the first names, the email as it will go out — and only
/// sent when confirmed.
#[component]
pub fn MessageComposer(
    event: i64,
    selection: Vec<i64>,
    /// Ticket types to narrow to (none offered for a selection).
    tickets: Signal<Vec<(String, String)>>,
    /// Told how many it reached.
    sent: Callback<u32>,
) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let ticket = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let preview = RwSignal::new(None::<MessagePreview>);
    let to_selection = !selection.is_empty();
    let count = selection.len();
    let selection = StoredValue::new(selection);
    let statuses = Signal::derive(move || {
        RegistrationStatus::ALL.iter().map(|s| (s.as_str().to_owned(), s.msg().t(locale()).to_owned())).collect()
    });
    let input = move || EventMessageInput {
        text: text.get_untracked(),
        ticket_types: ticket.get_untracked().parse().ok().into_iter().collect(),
        statuses: RegistrationStatus::parse(&status.get_untracked()).into_iter().collect(),
        registrations: selection.get_value(),
    };
    let ask = Act::new(move |m: &EventMessageInput| {
        let m = m.clone();
        async move { api::preview_event_message(event, &m).await }
    })
    .on_answer(move |answer| match answer {
        Ok(p) => preview.set(Some(p)),
        Err(e) => errors.server(e),
    });
    let send = Act::new(move |m: &EventMessageInput| {
        let m = m.clone();
        async move { api::send_event_message(event, &m).await }
    })
    .on_answer(move |answer| match answer {
        Ok(m) => {
            text.set(String::new());
            preview.set(None);
            sent.run(m.recipients);
        }
        Err(e) => errors.server(e),
    });
    // What was previewed is what is sent: editing the text asks for a new preview.
    Effect::new(move |_| {
        text.track();
        status.track();
        ticket.track();
        preview.set(None);
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let m = input();
        if errors.check(m.check()) {
            ask.dispatch(m);
        }
    };
    view! {
        <form class="composer" data-testid="message-composer" on:submit=submit novalidate>
            <FormError errors=errors/>
            {to_selection.then(|| view! { <p class="notice">{move || text::MsgToSelection { n: &count }.t(locale())}</p> })}
            <TextArea label=Msg::MessageText name="text" value=text errors=errors/>
            {(!to_selection).then(|| view! {
                <SelectField label=Msg::MessageStatus name="statuses" value=status options=statuses errors=errors/>
                <SelectField label=Msg::MessageTicket name="message_ticket" value=ticket options=tickets errors=errors/>
            })}
            {move || match preview.get() {
                None => view! {
                    <button class="btn btn-secondary" type="submit" data-testid="preview-message" disabled=move || ask.pending().get()>{tr(Msg::MsgPreview)}</button>
                }.into_any(),
                Some(p) => {
                    let (subject, body) = if locale() == shared::Locale::En { (p.subject_en.clone(), p.body_en.clone()) } else { (p.subject_zh.clone(), p.body_zh.clone()) };
                    let names = p.names.join(Msg::ListSep.t(locale()));
                    view! {
                        <div class="preview" data-testid="message-preview" aria-live="polite">
                            <p><strong>{tr(Msg::MsgPreviewTitle)}</strong></p>
                            <p data-testid="preview-recipients">{text::MsgRecipients { n: &p.recipients }.t(locale())}
                                {(!names.is_empty()).then(|| format!(" · {names}"))}{(p.recipients as usize > p.names.len()).then_some("…")}</p>
                            <p class="preview-subject">{subject}</p>
                            <pre class="preview-body">{body}</pre>
                            <div class="actions">
                                <button type="button" class="btn btn-primary" data-testid="send-message" disabled=move || send.pending().get()
                                    on:click=move |_| { send.dispatch(input()); }>{tr(Msg::MsgSendNow)}</button>
                                <button type="button" class="btn btn-ghost" on:click=move |_| preview.set(None)>{tr(Msg::MsgEdit)}</button>
                            </div>
                        </div>
                    }.into_any()
                }
            }}
        </form>
    }
}
