//! The meeting area of a matchmaking event (`/events/:id/meetings`): attendees choose their free
//! slots, browse the others ranked by the matching engine, send and answer meeting requests and
//! see their scheduled meetings with table numbers; organizers set the slots and tables, run the
//! scheduler and export the table plan.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::events::Event;
use shared::meetings::{
    Counterpart, MeetingRequest, Overview, Person, PlannedMeeting, RequestInput, RequestStatus, ScheduleReport,
    SetupInput, Slot, even_slots,
};
use shared::{ApiError, Msg};

use crate::api;
use crate::components::act::Act;
use crate::components::data::{Bar, ErrorView, resource_view};
use crate::components::form::{FormError, FormErrors, TextField};
use crate::components::labels::{bilingual, clock, date, local_input, parse_local, use_taxonomy};
use crate::components::route::route_id;
use crate::i18n::{locale, text, tr};
use crate::pages::market::matches::reason_text;

fn slot_text(s: &Slot) -> String {
    format!("{} {}–{}", date(&s.starts_at), clock(&s.starts_at), clock(&s.ends_at))
}

fn person_text(p: &Person) -> String {
    match (&p.org_name_zh, locale()) {
        (Some(zh), l) => format!("{}（{}）", p.name, bilingual(zh, p.org_name_en.as_deref(), l)),
        (None, _) => p.name.clone(),
    }
}

#[component]
pub fn MeetingsPage() -> impl IntoView {
    let id = route_id("id");
    let data = LocalResource::new(move || {
        let id = id.get();
        async move { Ok::<_, ApiError>((api::event(id).await?, api::meetings(id).await?)) }
    });
    let changed = Callback::new(move |_| data.refetch());
    view! {
        <section class="page" data-testid="meetings-page">
            {resource_view(data, move |(e, o): (Event, Overview)| {
                let (zh, en) = (e.title_zh.clone(), e.title_en.clone());
                let event = e.id;
                view! {
                    <header class="page-header">
                        <p class="muted"><A href=format!("/events/{event}")>{move || bilingual(&zh, en.as_deref(), locale())}</A></p>
                        <h1>{tr(Msg::MeetingsTitle)}</h1>
                        <p class="muted">{tr(Msg::MeetingsIntro)}</p>
                    </header>
                    {o.organizer.then(|| view! { <Organizer e=e.clone() o=o.clone() changed=changed/> })}
                    {if o.slots.is_empty() {
                        view! { <p class="state">{tr(Msg::MeetingsNoSlots)}</p> }.into_any()
                    } else if o.attendee {
                        view! { <Attendee event=event o=o.clone() changed=changed/> }.into_any()
                    } else {
                        view! { <p class="state" data-testid="meetings-not-attendee">{tr(Msg::MeetingsNotAttendee)}</p> }.into_any()
                    }}
                }
            })}
        </section>
    }
}

#[component]
fn Attendee(event: i64, o: Overview, changed: Callback<()>) -> impl IntoView {
    // Saving the availability changes the slots in common with the others, not the rest of the page.
    let saves = RwSignal::new(0u32);
    view! {
        <Agenda event=event o=o.clone()/>
        <Availability event=event o=o.clone() saves=saves/>
        <Requests o=o.clone() changed=changed/>
        <Counterparts event=event saves=saves changed=changed/>
    }
}

#[component]
fn Agenda(event: i64, o: Overview) -> impl IntoView {
    view! {
        <section class="card" data-testid="meeting-agenda">
            <h2>{tr(Msg::MeetingsAgenda)}</h2>
            {if o.agenda.is_empty() {
                view! { <p class="state">{tr(Msg::MeetingsNoAgenda)}</p> }.into_any()
            } else {
                view! {
                    <table class="table">
                        <thead><tr><th>{tr(Msg::MeetSlot)}</th><th>{tr(Msg::MeetTable)}</th><th>{tr(Msg::MeetingsWith)}</th></tr></thead>
                        <tbody>
                            {o.agenda.into_iter().map(|m| view! {
                                <tr data-testid="agenda-meeting">
                                    <td>{slot_text(&m.slot)}</td>
                                    <td data-testid="agenda-table">{m.table}</td>
                                    <td>{move || person_text(&m.with)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    <p><a href=shared::paths::event_meetings_agenda_ics(event) data-testid="agenda-ics">{tr(Msg::MeetingsIcs)}</a></p>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn Availability(event: i64, o: Overview, saves: RwSignal<u32>) -> impl IntoView {
    let chosen = RwSignal::new(o.available.clone());
    let saved = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let save = Act::new(move |slots: &Vec<i64>| {
        let slots = slots.clone();
        async move { api::meeting_availability(event, slots).await }
    })
    .on_answer(move |answer| match answer {
        Ok(_) => {
            saved.set(true);
            saves.update(|n| *n += 1);
        }
        Err(e) => error.set(Some(e)),
    });
    view! {
        <section class="card" data-testid="meeting-availability">
            <h2>{tr(Msg::MeetingsAvailability)}</h2>
            {move || error.get().map(|e| view! { <ErrorView error=e/> })}
            <div class="slot-grid">
                {o.slots.into_iter().map(|s| {
                    let id = s.id;
                    view! {
                        <label class="slot-choice">
                            <input type="checkbox" data-testid="slot-choice"
                                prop:checked=move || chosen.with(|c| c.contains(&id))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    saved.set(false);
                                    chosen.update(|c| if on { c.push(id) } else { c.retain(|x| *x != id) });
                                }/>
                            " "{slot_text(&s)}
                        </label>
                    }
                }).collect_view()}
            </div>
            <p>
                <button class="btn btn-secondary" data-testid="save-availability" on:click=move |_| { save.dispatch(chosen.get_untracked()); }>{tr(Msg::MeetingsSaveAvailability)}</button>
                {move || saved.get().then(|| view! { " "<span class="badge" data-testid="availability-saved">{tr(Msg::MeetingsSaved)}</span> })}
            </p>
        </section>
    }
}

#[component]
fn Requests(o: Overview, changed: Callback<()>) -> impl IntoView {
    let error = RwSignal::new(None::<ApiError>);
    let act = Act::new(move |(id, action): &(i64, &'static str)| {
        let (id, action) = (*id, *action);
        async move { api::meeting_request_action(id, action).await }
    })
    .on_answer(move |answer| match answer {
        Ok(_) => changed.run(()),
        Err(e) => error.set(Some(e)),
    });
    let row = move |r: MeetingRequest| {
        let id = r.id;
        let other = if r.incoming { r.from.clone() } else { r.to.clone() };
        let buttons = match (r.status, r.incoming) {
            (RequestStatus::Pending, true) => view! {
                <button class="btn btn-primary" data-testid="request-accept" on:click=move |_| { act.dispatch((id, "accept")); }>{tr(Msg::MeetingsAccept)}</button>" "
                <button class="btn btn-ghost" on:click=move |_| { act.dispatch((id, "decline")); }>{tr(Msg::MeetingsDecline)}</button>
            }.into_any(),
            (RequestStatus::Pending, false) => view! {
                <button class="btn btn-ghost" on:click=move |_| { act.dispatch((id, "cancel")); }>{tr(Msg::MeetingsWithdraw)}</button>
            }.into_any(),
            (RequestStatus::Accepted, _) => view! {
                <button class="btn btn-ghost" on:click=move |_| { act.dispatch((id, "cancel")); }>{tr(Msg::MeetingsCallOff)}</button>
            }.into_any(),
            _ => ().into_any(),
        };
        view! {
            <tr data-testid="meeting-request">
                <td>{tr(if r.incoming { Msg::MeetingsIncoming } else { Msg::MeetingsOutgoing })}</td>
                <td>{move || person_text(&other)}</td>
                <td class="muted">{r.message.clone()}</td>
                <td><span class="badge" data-testid="request-status">{tr(r.status.msg())}</span></td>
                <td>{buttons}</td>
            </tr>
        }
    };
    view! {
        <section class="card" data-testid="meeting-requests">
            <h2>{tr(Msg::MeetingsRequests)}</h2>
            {move || error.get().map(|e| view! { <ErrorView error=e/> })}
            {if o.requests.is_empty() {
                view! { <p class="state">{tr(Msg::MeetingsNoRequests)}</p> }.into_any()
            } else {
                view! { <table class="table"><tbody>{o.requests.into_iter().map(row).collect_view()}</tbody></table> }.into_any()
            }}
        </section>
    }
}

#[component]
fn Counterparts(event: i64, saves: RwSignal<u32>, changed: Callback<()>) -> impl IntoView {
    let data = LocalResource::new(move || {
        saves.track();
        async move { api::meeting_attendees(event).await }
    });
    view! {
        <section class="card" data-testid="meeting-attendees">
            <h2>{tr(Msg::MeetingsAttendees)}</h2>
            {resource_view(data, move |list: Vec<Counterpart>| {
                if list.is_empty() {
                    return view! { <p class="state">{tr(Msg::MeetingsNoAttendees)}</p> }.into_any();
                }
                let refresh = Callback::new(move |_| {
                    data.refetch();
                    changed.run(());
                });
                view! {
                    <ol class="match-list">
                        {list.into_iter().map(|c| view! { <CounterpartCard event=event c=c changed=refresh/> }).collect_view()}
                    </ol>
                }.into_any()
            })}
        </section>
    }
}

#[component]
fn CounterpartCard(event: i64, c: Counterpart, changed: Callback<()>) -> impl IntoView {
    let tax = use_taxonomy();
    let score = c.score;
    let to_user = c.person.user_id;
    let person = c.person.clone();
    let message = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let send = Act::new(move |r: &RequestInput| {
        let r = r.clone();
        async move { api::meeting_request(event, &r).await }
    })
    .on_answer(errors.or_run(changed));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.clear();
        let r = RequestInput { to_user, message: message.get_untracked() };
        if errors.check(r.check().map(|_| ())) {
            send.dispatch(r);
        }
    };
    let live = c.request.filter(|(_, s)| matches!(s, RequestStatus::Pending | RequestStatus::Accepted));
    let common = c.common_slots;
    view! {
        <li class="match" data-testid="counterpart">
            <div class="match-head">
                <div>
                    <strong data-testid="counterpart-name">{move || person_text(&person)}</strong>
                    <p class="muted small">{move || text::MeetingsCommonSlots { n: &common }.t(locale())}</p>
                </div>
                {if score == 0 {
                    view! { <span class="badge badge-muted" data-testid="counterpart-no-score" title=tr(Msg::MeetNoScoreHint)>{tr(Msg::MeetNoScore)}</span> }.into_any()
                } else {
                    view! {
                        <div class="score" title=tr(Msg::MatchScore)>
                            <span class="score-number" data-testid="counterpart-score">{score}</span>
                            <Bar percent=f64::from(score) class="score-bar"/>
                        </div>
                    }.into_any()
                }}
            </div>
            {match c.via.clone() {
                Some((mine, theirs)) => view! {
                    <p class="muted small">{move || text::MeetingsVia { mine: &mine, theirs: &theirs }.t(locale())}</p>
                }.into_any(),
                None => view! { <p class="muted small">{tr(Msg::MeetingsNoPostings)}</p> }.into_any(),
            }}
            <ul class="chips reasons">
                {c.reasons.into_iter().map(|r| view! { <li class="chip chip-ok">{move || reason_text(&r, tax)}</li> }).collect_view()}
            </ul>
            {match live {
                Some((_, status)) => view! { <p><span class="badge" data-testid="counterpart-status">{tr(status.msg())}</span></p> }.into_any(),
                None => view! {
                    <form class="inline-form" on:submit=submit novalidate>
                        <FormError errors=errors/>
                        <TextField label=Msg::MeetingsMessage name="message" value=message errors=errors/>
                        <button class="btn btn-primary" type="submit" data-testid="request-meeting">{tr(Msg::MeetingsRequest)}</button>
                    </form>
                }.into_any(),
            }}
        </li>
    }
}

#[component]
fn Organizer(e: Event, o: Overview, changed: Callback<()>) -> impl IntoView {
    let event = e.id;
    let first = o.slots.first().map_or(e.starts_at, |s| s.starts_at);
    let minutes_of = |s: &Slot| (s.ends_at - s.starts_at).whole_minutes().max(1);
    let tables = RwSignal::new(if o.tables > 0 { o.tables.to_string() } else { "10".into() });
    let start = RwSignal::new(local_input(&first));
    let count = RwSignal::new(if o.slots.is_empty() { "8".into() } else { o.slots.len().to_string() });
    let minutes = RwSignal::new(o.slots.first().map_or("20".into(), |s| minutes_of(s).to_string()));
    let pause = RwSignal::new(
        o.slots
            .get(1)
            .zip(o.slots.first())
            .map_or("5".into(), |(b, a)| (b.starts_at - a.ends_at).whole_minutes().to_string()),
    );
    let errors = FormErrors::new();
    let save = Act::new(move |s: &SetupInput| {
        let s = s.clone();
        async move { api::meeting_setup(event, &s).await }
    })
    .on_answer(errors.or_run(changed));
    let (event_start, event_end) = (e.starts_at, e.ends_at);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.clear();
        let number = |s: RwSignal<String>| s.get_untracked().trim().parse::<u32>().unwrap_or(0);
        let Some(first) = parse_local(&start.get_untracked()) else {
            let mut f = shared::error::FieldErrors::new();
            f.add("slots", shared::validate::FieldError::Invalid);
            errors.check(Err(f));
            return;
        };
        let s = SetupInput {
            tables: number(tables),
            slots: even_slots(first, number(count).min(64), number(minutes).max(1), number(pause)),
        };
        if errors.check(s.check(event_start, event_end).map(|_| ())) {
            save.dispatch(s);
        }
    };
    view! {
        <section class="card" data-testid="meeting-setup">
            <h2>{tr(Msg::MeetingsSetup)}</h2>
            <form class="inline-form" on:submit=submit novalidate>
                <FormError errors=errors/>
                <TextField label=Msg::MeetingsTables name="tables" value=tables errors=errors/>
                <TextField label=Msg::MeetingsFirstSlot name="slots" value=start errors=errors input_type="datetime-local"/>
                <TextField label=Msg::MeetingsSlotCount name="count" value=count errors=errors/>
                <TextField label=Msg::MeetingsSlotMinutes name="minutes" value=minutes errors=errors/>
                <TextField label=Msg::MeetingsPause name="pause" value=pause errors=errors/>
                <button class="btn btn-secondary" type="submit" data-testid="save-setup">{tr(Msg::MeetingsSaveSetup)}</button>
            </form>
            <p class="muted small">{o.slots.iter().map(slot_text).collect::<Vec<_>>().join(" · ")}</p>
        </section>
        {(!o.slots.is_empty()).then(|| view! { <Scheduler event=event last=o.last_run.clone()/> })}
    }
}

#[component]
fn Scheduler(event: i64, last: Option<ScheduleReport>) -> impl IntoView {
    let report = RwSignal::new(last);
    let plan = LocalResource::new(move || {
        report.track();
        async move { api::meeting_plan(event).await }
    });
    let error = RwSignal::new(None::<ApiError>);
    let run = Act::new(move |_: &()| async move { api::run_meeting_schedule(event).await }).on_answer(move |answer| {
        match answer {
            Ok(r) => {
                error.set(None);
                report.set(Some(r));
            }
            Err(e) => error.set(Some(e)),
        }
    });
    let report_text = move |r: &ScheduleReport| {
        let (avg, greedy_avg) = r.averages();
        text::MeetingsReport {
            placed: &r.placed,
            accepted: &r.accepted,
            avg: &avg,
            greedy_placed: &r.greedy_placed,
            greedy_avg: &greedy_avg,
            took: &r.took(locale()),
        }
        .t(locale())
    };
    view! {
        <section class="card" data-testid="meeting-scheduler">
            <h2>{tr(Msg::MeetingsSchedule)}</h2>
            <p class="muted small">{tr(Msg::MeetingsScheduleHint)}</p>
            {move || error.get().map(|e| view! { <ErrorView error=e/> })}
            <p>
                <button class="btn btn-primary" data-testid="run-schedule" disabled=move || run.pending().get() on:click=move |_| { run.dispatch(()); }>{tr(Msg::MeetingsSchedule)}</button>
                " "<a href=shared::paths::event_meetings_plan_xlsx(event) data-testid="plan-xlsx">{tr(Msg::MeetingsPlanXlsx)}</a>
            </p>
            {move || report.get().map(|r| view! { <p data-testid="schedule-report">{report_text(&r)}</p> })}
            <h3>{tr(Msg::MeetingsPlan)}</h3>
            {resource_view(plan, move |list: Vec<PlannedMeeting>| view! {
                <table class="table" data-testid="table-plan">
                    <thead><tr>
                        <th>{tr(Msg::MeetSlot)}</th><th>{tr(Msg::MeetTable)}</th><th>{tr(Msg::MeetPersonA)}</th>
                        <th>{tr(Msg::MeetPersonB)}</th><th>{tr(Msg::MeetScore)}</th>
                    </tr></thead>
                    <tbody>
                        {list.into_iter().map(|m| view! {
                            <tr data-testid="plan-row">
                                <td>{slot_text(&m.slot)}</td><td>{m.table}</td>
                                <td>{move || person_text(&m.a)}</td><td>{move || person_text(&m.b)}</td>
                                <td>{if m.score == 0 {
                                    view! { <span class="badge badge-muted" data-testid="no-score" title=tr(Msg::MeetNoScoreHint)>{tr(Msg::MeetNoScore)}</span> }.into_any()
                                } else {
                                    view! { {m.score} }.into_any()
                                }}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })}
        </section>
    }
}
