//! Registering for an event: the questions, the form, one's registration and its tickets.

use super::*;
use crate::components::act::Act;
use shared::i18n::text;

/// One registration question as a form field; its value is kept in `answers` under its id
/// (choices as their positions, several joined by commas).
#[component]
pub(super) fn QuestionField(
    q: Question,
    answers: RwSignal<BTreeMap<i64, String>>,
    errors: FormErrors,
) -> impl IntoView {
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

/// A confirmed registration's tickets: one QR code per person, with the code to type at the door.
#[component]
pub(super) fn Tickets(event: i64, registration: i64) -> impl IntoView {
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
        move || text::TicketQrAlt { name: &name }.t(locale())
    });
    view! {
        <figure class="ticket" data-testid="ticket">
            <img class="ticket-qr" src=shared::paths::ticket_qr_svg(&t.code) alt=alt width="160" height="160"/>
            <figcaption>
                <strong>{t.name.clone()}</strong>
                <span class="muted">{tr(Msg::TicketCodeLabel)}{tr(Msg::Colon)}<code data-testid="ticket-code">{t.code.clone()}</code></span>
                {t.checked_in_at.map(|at| view! { <span class="badge">{tr(Msg::CheckinOk)}" "{date(&at)}</span> })}
            </figcaption>
        </figure>
    }
}

/// What a visitor sees where the registration form would be: whether registration is open, until
/// when, and the way in (signing in brings them back here).
#[component]
pub(super) fn SignInToRegister(e: Event) -> impl IntoView {
    let window = e.window(crate::components::labels::now());
    let (opens, closes) = (e.registration_opens_at, e.registration_closes_at);
    let state = match (window, opens) {
        (Window::Open, _) => None,
        (Window::NotYet, Some(t)) => Some(Signal::derive(move || text::EventRegNotYet { at: &when(&t) }.t(locale()))),
        _ => Some(Signal::derive(move || tr(Msg::EventRegClosed)().to_owned())),
    };
    view! {
        <section class="card" data-testid="register-signin">
            <h2>{tr(Msg::EventRegisterTitle)}</h2>
            {match state {
                Some(text) => view! { <p class="state" data-testid="registration-window">{text}</p> }.into_any(),
                None => view! {
                    {closes.map(|t| view! { <p class="muted small">{move || text::EventRegUntil { at: &when(&t) }.t(locale())}</p> })}
                    <p class="muted">{tr(Msg::EventLoginToRegisterIntro)}</p>
                    <A href=crate::session::returning_to_here("/login") attr:class="btn btn-primary" attr:data-testid="login-to-register">{tr(Msg::EventLoginToRegister)}</A>
                }.into_any(),
            }}
        </section>
    }
}

#[component]
pub(super) fn Register(e: Event, changed: Callback<()>) -> impl IntoView {
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
    let act = Act::new(move |req: &RegAction| {
        let req = req.clone();
        async move {
            match req {
                RegAction::Register(r) => api::register_for_event(id, &r).await,
                RegAction::Do(rid, action) => api::registration_action(rid, action).await,
            }
        }
    })
    .on_answer(move |answer| match answer {
        Ok(_) => {
            mine.refetch();
            changed.run(());
        }
        Err(e) => errors.server(e),
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
                        <p>{move || text::RegisterCancelledUndo { at: &crate::components::labels::clock(&until) }.t(locale())}</p>
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
                            (Window::NotYet, Some(t)) => Signal::derive(move || text::EventRegNotYet { at: &when(&t) }.t(locale())),
                            _ => Signal::derive(move || tr(Msg::EventRegClosed)().to_owned()),
                        };
                        view! { <p class="state" data-testid="registration-window">{text}</p> }.into_any()
                    }
                    None => view! {
                        {closes.map(|t| view! { <p class="muted small" data-testid="registration-until">{move || text::EventRegUntil { at: &when(&t) }.t(locale())}</p> })}
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
pub(super) enum RegAction {
    Register(RegistrationInput),
    Do(i64, &'static str),
}
