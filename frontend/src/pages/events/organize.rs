//! What an event's organizers see on its page: the cover, registration questions, ticket types, invitation codes, messages to registrants, the figures, publishing a draft.

use super::*;
use crate::components::act::Act;
use shared::i18n::text;

/// The organizers' cover image upload.
#[component]
pub(super) fn CoverPanel(event: i64, has_cover: bool, changed: Callback<()>) -> impl IntoView {
    use wasm_bindgen::JsCast;
    let file_input = NodeRef::<leptos::html::Input>::new();
    let error = RwSignal::new(None::<shared::ApiError>);
    let act = Act::new(move |upload: &bool| {
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
    })
    .on_answer(move |answer| match answer {
        Ok(()) => changed.run(()),
        Err(e) => error.set(Some(e)),
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

/// The organizers' registration questions: the list, and a form to add one.
#[component]
pub(super) fn QuestionsPanel(e: Event) -> impl IntoView {
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
    let act = Act::new(move |change: &QuestionChange| {
        let change = change.clone();
        async move {
            match change {
                QuestionChange::Add(q) => api::add_event_question(event, &q).await.map(|_| ()),
                QuestionChange::Remove(id) => api::delete_event_question(event, id).await.map(|_| ()),
            }
        }
    })
    .on_answer(move |answer| match answer {
        Ok(()) => {
            label_zh.set(String::new());
            label_en.set(String::new());
            options_zh.set(String::new());
            options_en.set(String::new());
            data.refetch();
        }
        Err(e) => errors.server(e),
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
pub(super) enum QuestionChange {
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
pub(super) fn InvitationsPanel(event: i64) -> impl IntoView {
    let data = LocalResource::new(move || async move { api::event_invitations(event).await });
    let label = RwSignal::new(String::new());
    let max_uses = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let add = Act::new(move |i: &InvitationInput| {
        let i = i.clone();
        async move { api::add_event_invitation(event, &i).await }
    })
    .on_answer(move |answer| match answer {
        Ok(_) => {
            label.set(String::new());
            data.refetch();
        }
        Err(e) => errors.server(e),
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
pub(super) fn MessagePanel(e: Event) -> impl IntoView {
    let event = e.id;
    let data = LocalResource::new(move || async move { api::event_messages(event).await });
    let tickets = ticket_options(&e);
    view! {
        <section class="card" data-testid="event-messages">
            <h2>{tr(Msg::MessageTitle)}</h2>
            <crate::pages::registrants::MessageComposer event=event selection=vec![] tickets=tickets sent=Callback::new(move |_: u32| data.refetch())/>
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
                                    <span data-testid="message-recipients">{text::MessageSent { n: &m.recipients }.t(locale())}</span></p>
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
pub(super) fn Figures(e: Event) -> impl IntoView {
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
pub(super) fn breakdown(title: Msg, rows: &[CountRow], label: &dyn Fn(&str) -> String) -> impl IntoView + use<> {
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

#[component]
pub(super) fn AddTicketType(event: i64, changed: Callback<()>) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let quota = RwSignal::new(String::new());
    let approval = RwSignal::new(false);
    let errors = FormErrors::new();
    let add = Act::new(move |t: &TicketTypeInput| {
        let t = t.clone();
        async move { api::add_ticket_type(event, &t).await }
    })
    .on_answer(errors.or_run(changed));
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
pub(super) fn Draft(event: i64, can_publish: bool, changed: Callback<()>) -> impl IntoView {
    let publish =
        Act::new(move |_: &()| async move { api::publish_event(event).await.map(|_| ()) }).on_answer(move |answer| {
            if let Ok(()) = answer {
                changed.run(());
            }
        });
    view! {
        <crate::components::data::DraftNotice text=Msg::EventDraft button=Msg::EventPublish testid="event-draft"
            can_publish=can_publish publish=publish/>
    }
}
