//! The agenda on an event's page: sessions by time with room, speakers and seats; attendees reserve
//! seats and take each reserved session into their calendar; organizers add and remove sessions.

use leptos::prelude::*;
use shared::agenda::{Session, SessionInput};
use shared::events::Event;
use shared::i18n::text;
use shared::{ApiError, Msg};

use crate::api;
use crate::components::act::Act;
use crate::components::data::{ErrorView, resource_view};
use crate::components::form::{FormError, FormErrors, TextArea, TextField};
use crate::components::labels::{Localized, Typed, clock, date, local_input, parse_local};
use crate::i18n::{locale, tr};
use crate::session::use_session;

#[derive(Clone, Copy)]
enum SeatChange {
    Join(i64),
    Leave(i64),
    Remove(i64),
    /// The caller answers the invitation to speak: accept or decline.
    Speak(i64, bool),
}

#[component]
pub fn AgendaPanel(e: Event) -> impl IntoView {
    let session = use_session();
    let event = e.id;
    let mine = e.mine;
    let data = LocalResource::new(move || async move { api::sessions(event).await });
    let error = RwSignal::new(None::<ApiError>);
    let act = Act::new(move |c: &SeatChange| {
        let c = *c;
        async move {
            match c {
                SeatChange::Join(s) => api::join_session(s).await,
                SeatChange::Leave(s) => api::leave_session(s).await,
                SeatChange::Remove(s) => api::delete_session(event, s).await,
                SeatChange::Speak(s, accept) => api::answer_speaker(s, accept).await,
            }
        }
    })
    .on_answer(move |answer| match answer {
        Ok(_) => {
            error.set(None);
            data.refetch();
        }
        Err(e) => error.set(Some(e)),
    });
    let logged_in = move || session.me.with(Option::is_some);
    let row = move |s: Session| {
        let (zh, en) = (s.title_zh.clone(), s.title_en.clone());
        let when = format!("{} {}–{}", date(&s.starts_at), clock(&s.starts_at), clock(&s.ends_at));
        // Everyone sees named and accepted speakers; the organizers also the invitations they sent,
        // by the address typed and with the answer so far.
        let speakers = s
            .speakers
            .iter()
            .filter(|k| k.status.public())
            .map(|k| match &k.org_name_zh {
                Some(org) => format!("{}（{org}）", k.name),
                None => k.name.clone(),
            })
            .collect::<Vec<_>>()
            .join("、");
        let invited: Vec<(String, shared::agenda::SpeakerStatus)> = s
            .speakers
            .iter()
            .filter(|k| !k.status.public())
            .map(|k| (k.email.clone().unwrap_or_default(), k.status))
            .collect();
        let asked = s.speaker_invitation;
        let seats = s.capacity.map(|c| {
            let free = s.free().unwrap_or(0);
            move || text::AgendaSeatsLeft { free: &free, capacity: &c }.t(locale())
        });
        let full = s.free() == Some(0);
        let (id, joined) = (s.id, s.joined);
        view! {
            <li class="agenda-item" data-testid="session">
                <div class="agenda-time">{when}</div>
                <div class="agenda-body">
                    <strong data-testid="session-title"><Localized zh=zh en=en/></strong>
                    <p class="muted small">
                        {s.room.clone().map(|r| view! { {tr(Msg::AgendaRoom)}{tr(Msg::Colon)}<Typed text=r/>" · " })}
                        {(!speakers.is_empty()).then(|| view! { {tr(Msg::AgendaSpeakers)}{tr(Msg::Colon)}<span data-testid="session-speakers"><Typed text=speakers.clone()/></span> })}
                        {invited.into_iter().map(|(email, status)| view! {
                            " "<span class="badge badge-muted" data-testid="speaker-invited">{email}" · "{tr(status.msg())}</span>
                        }).collect_view()}
                    </p>
                    {asked.then(|| view! {
                        <p class="notice" data-testid="speaker-invitation">
                            {tr(Msg::SpeakerInviteTitle)}" "
                            <button class="btn btn-primary btn-small" data-testid="speaker-accept" on:click=move |_| { act.dispatch(SeatChange::Speak(id, true)); }>{tr(Msg::SpeakerAccept)}</button>" "
                            <button class="btn btn-ghost btn-small" on:click=move |_| { act.dispatch(SeatChange::Speak(id, false)); }>{tr(Msg::SpeakerDecline)}</button>
                        </p>
                    })}
                    <p class="small">
                        {seats.map(|t| view! { <span data-testid="session-seats">{t}</span>" " })}
                        {move || logged_in().then(|| if joined {
                            view! {
                                <span class="badge" data-testid="session-joined">{tr(Msg::AgendaJoined)}</span>" "
                                <a href=shared::paths::session_calendar_ics(id) data-testid="session-ics">{tr(Msg::AddToCalendar)}</a>" "
                                <button class="btn btn-ghost" on:click=move |_| { act.dispatch(SeatChange::Leave(id)); }>{tr(Msg::AgendaLeave)}</button>
                            }.into_any()
                        } else if full {
                            view! { <span class="badge badge-muted">{tr(Msg::AgendaFull)}</span> }.into_any()
                        } else {
                            view! { <button class="btn btn-secondary" data-testid="session-join" on:click=move |_| { act.dispatch(SeatChange::Join(id)); }>{tr(Msg::AgendaJoin)}</button> }.into_any()
                        })}
                        {mine.then(|| view! { " "<button class="btn btn-ghost" on:click=move |_| { act.dispatch(SeatChange::Remove(id)); }>{tr(Msg::Remove)}</button> })}
                    </p>
                </div>
            </li>
        }
    };
    view! {
        <section class="card" data-testid="agenda">
            <h2>{tr(Msg::AgendaTitle)}</h2>
            {move || error.get().map(|e| view! { <ErrorView error=e/> })}
            {resource_view(data, move |list: Vec<Session>| {
                if list.is_empty() {
                    return view! { <p class="state">{tr(Msg::AgendaEmpty)}</p> }.into_any();
                }
                let limited = list.iter().any(|s| s.capacity.is_some());
                view! {
                    <ol class="agenda">{list.into_iter().map(row).collect_view()}</ol>
                    {limited.then(|| view! { <p class="hint">{tr(Msg::AgendaJoinHint)}</p> })}
                }.into_any()
            })}
            {mine.then(|| view! { <AddSession e=e.clone() added=Callback::new(move |_| data.refetch())/> })}
        </section>
    }
}

#[component]
fn AddSession(e: Event, added: Callback<()>) -> impl IntoView {
    let event = e.id;
    let title = RwSignal::new(String::new());
    let title_en = RwSignal::new(String::new());
    let room = RwSignal::new(String::new());
    let starts = RwSignal::new(local_input(&e.starts_at));
    let ends = RwSignal::new(local_input(&(e.starts_at + time::Duration::hours(1))));
    let speakers = RwSignal::new(String::new());
    let capacity = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let add = Act::new(move |s: &SessionInput| {
        let s = s.clone();
        async move { api::add_session(event, &s).await }
    })
    .on_answer(move |answer| match answer {
        Ok(_) => {
            title.set(String::new());
            title_en.set(String::new());
            speakers.set(String::new());
            added.run(());
        }
        Err(e) => errors.server(e),
    });
    let (event_start, event_end) = (e.starts_at, e.ends_at);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.clear();
        let (Some(starts_at), Some(ends_at)) =
            (parse_local(&starts.get_untracked()), parse_local(&ends.get_untracked()))
        else {
            errors.check(Err({
                let mut f = shared::error::FieldErrors::new();
                f.add("starts_at", shared::validate::FieldError::Invalid);
                f
            }));
            return;
        };
        let optional = |s: String| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        let s = SessionInput {
            title_zh: title.get_untracked(),
            title_en: optional(title_en.get_untracked()),
            room: optional(room.get_untracked()),
            starts_at,
            ends_at,
            speakers: speakers.get_untracked().lines().map(str::to_owned).collect(),
            capacity: capacity.get_untracked().trim().parse().ok(),
        };
        if errors.check(s.check(event_start, event_end).map(|_| ())) {
            add.dispatch(s);
        }
    };
    view! {
        <form on:submit=submit novalidate data-testid="add-session">
            <h3>{tr(Msg::AgendaAdd)}</h3>
            <FormError errors=errors/>
            <TextField label=Msg::AgendaSessionTitle name="title_zh" value=title errors=errors required=true/>
            <TextField label=Msg::AgendaSessionTitleEn name="title_en" value=title_en errors=errors/>
            <TextField label=Msg::AgendaRoom name="room" value=room errors=errors/>
            <TextField label=Msg::EventStarts name="starts_at" value=starts errors=errors input_type="datetime-local" required=true/>
            <TextField label=Msg::EventEnds name="ends_at" value=ends errors=errors input_type="datetime-local" required=true/>
            <TextArea label=Msg::AgendaSpeakers name="speakers" value=speakers errors=errors/>
            <p class="hint">{tr(Msg::AgendaSpeakersHint)}</p>
            <TextField label=Msg::AgendaCapacity name="capacity" value=capacity errors=errors hint=Msg::AgendaCapacityHint/>
            <button class="btn btn-secondary" type="submit" data-testid="add-session-submit">{tr(Msg::AgendaAdd)}</button>
        </form>
    }
}
