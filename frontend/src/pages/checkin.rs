//! On the day: the door staff's check-in page (`/events/:id/checkin`, made for phones) and the
//! attendee's printable tickets (`/events/:id/tickets/:registration`).
//!
//! Every scan carries this browser's device id and a fresh nonce. A scan that could not reach the
//! server waits in a queue kept in local storage and is resent with the same nonce, so the server
//! counts it once however often it arrives.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use shared::events::{Badge, CheckinCounts, CheckinInput, CheckinOutcome, CheckinResult, Event, Question, Ticket};
use shared::{ErrorCode, Msg};
use wasm_bindgen::prelude::*;

use crate::api;
use crate::components::data::resource_view;
use crate::components::labels::{bilingual, date};
use crate::components::route::route_id;
use crate::i18n::storage;
use crate::i18n::{locale, text, tr};
use crate::pages::events::TicketCard;

#[wasm_bindgen(inline_js = "
export function fm_can_scan() {
  return 'BarcodeDetector' in window && !!(navigator.mediaDevices && navigator.mediaDevices.getUserMedia);
}
export async function fm_scan(video) {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
  video.srcObject = stream;
  await video.play();
  const detector = new BarcodeDetector({ formats: ['qr_code'] });
  try {
    while (video.srcObject) {
      const found = await detector.detect(video);
      if (found.length) return found[0].rawValue;
      await new Promise((r) => setTimeout(r, 200));
    }
    return null;
  } finally {
    stream.getTracks().forEach((t) => t.stop());
    video.srcObject = null;
  }
}
export function fm_stop_scan(video) {
  if (video.srcObject) { video.srcObject.getTracks().forEach((t) => t.stop()); video.srcObject = null; }
}
export function fm_print() { window.print(); }
")]
extern "C" {
    fn fm_can_scan() -> bool;
    fn fm_scan(video: &web_sys::HtmlVideoElement) -> js_sys::Promise;
    fn fm_stop_scan(video: &web_sys::HtmlVideoElement);
    fn fm_print();
}

fn random_id(prefix: &str) -> String {
    let part = || format!("{:08x}", (js_sys::Math::random() * f64::from(u32::MAX)) as u32);
    format!("{prefix}{}{}", part(), part())
}

/// This browser's scanner id, made once and kept.
fn device_id() -> String {
    const KEY: &str = "fm-checkin-device";
    let store = storage();
    if let Some(id) = store.as_ref().and_then(|s| s.get_item(KEY).ok().flatten()) {
        return id;
    }
    let id = random_id("d");
    if let Some(s) = store {
        let _ = s.set_item(KEY, &id);
    }
    id
}

/// Scans not yet answered by the server, per event, oldest first.
fn queue_key(event: i64) -> String {
    format!("fm-checkin-queue-{event}")
}

fn load_queue(event: i64) -> Vec<CheckinInput> {
    storage()
        .and_then(|s| s.get_item(&queue_key(event)).ok().flatten())
        .and_then(|q| serde_json::from_str(&q).ok())
        .unwrap_or_default()
}

fn save_queue(event: i64, queue: &[CheckinInput]) {
    if let (Some(s), Ok(json)) = (storage(), serde_json::to_string(queue)) {
        let _ = s.set_item(&queue_key(event), &json);
    }
}

#[component]
pub fn CheckinPage() -> impl IntoView {
    let id = route_id("id").get_untracked();
    let event = LocalResource::new(move || async move { api::event(id).await });
    view! {
        <section class="page checkin" data-testid="checkin-page">
            {resource_view(event, move |e: Event| {
                let (zh, en) = (e.title_zh.clone(), e.title_en.clone());
                view! {
                    <header class="page-header">
                        <h1>{tr(Msg::CheckinTitle)}</h1>
                        <p class="muted"><A href=format!("/events/{id}")>{move || bilingual(&zh, en.as_deref(), locale())}</A></p>
                    </header>
                    <Door event=id/>
                }
            })}
        </section>
    }
}

#[component]
fn Door(event: i64) -> impl IntoView {
    let device = device_id();
    let code = RwSignal::new(String::new());
    let result = RwSignal::new(None::<CheckinResult>);
    let error = RwSignal::new(None::<shared::ApiError>);
    let counts = RwSignal::new(None::<CheckinCounts>);
    let queued = RwSignal::new(load_queue(event).len());
    let undone = RwSignal::new(false);
    let scanning = RwSignal::new(false);
    let video = NodeRef::<leptos::html::Video>::new();
    let can_scan = fm_can_scan();
    let questions = LocalResource::new(move || async move { api::event_questions(event).await });

    let refresh_counts = move || {
        spawn_local(async move {
            if let Ok(c) = api::checkin_counts(event).await {
                counts.set(Some(c));
            }
        })
    };
    // Sends the queue in order; stops at the first scan that still cannot get through.
    let flush = move || {
        spawn_local(async move {
            let mut queue = load_queue(event);
            while let Some(scan) = queue.first().cloned() {
                match api::checkin(event, &scan).await {
                    Err(e) if e.error.code == ErrorCode::Network => break,
                    answer => {
                        queue.remove(0);
                        save_queue(event, &queue);
                        match answer {
                            Ok(r) => {
                                counts.set(Some(r.counts));
                                result.set(Some(r));
                            }
                            Err(e) => error.set(Some(e)),
                        }
                    }
                }
            }
            queued.set(queue.len());
        })
    };
    let send = move |text: String| {
        let scan = CheckinInput { code: text, device: device.clone(), nonce: random_id("n") };
        if let Err(errs) = scan.check() {
            error.set(Some(shared::ApiError::validation(&errs, locale())));
            return;
        }
        error.set(None);
        result.set(None);
        undone.set(false);
        let mut queue = load_queue(event);
        queue.push(scan);
        save_queue(event, &queue);
        queued.set(queue.len());
        flush();
    };
    let submit = {
        let send = send.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let text = code.get_untracked();
            if !text.trim().is_empty() {
                code.set(String::new());
                send(text);
            }
        }
    };
    let scan = move |_| {
        let Some(v) = video.get_untracked() else { return };
        if scanning.get_untracked() {
            fm_stop_scan(&v);
            return;
        }
        scanning.set(true);
        let send = send.clone();
        spawn_local(async move {
            let found = wasm_bindgen_futures::JsFuture::from(fm_scan(&v)).await;
            scanning.set(false);
            if let Some(text) = found.ok().and_then(|v| v.as_string()) {
                send(text);
            }
        });
    };
    let undo = move |id: i64| {
        spawn_local(async move {
            match api::undo_checkin(id).await {
                Ok(c) => {
                    counts.set(Some(c));
                    undone.set(true);
                }
                Err(e) => error.set(Some(e)),
            }
        })
    };

    refresh_counts();
    flush();
    // Live counters from every door, and another try for anything queued.
    if let Ok(handle) = set_interval_with_handle(
        move || {
            refresh_counts();
            if queued.get_untracked() > 0 {
                flush();
            }
        },
        Duration::from_secs(5),
    ) {
        on_cleanup(move || handle.clear());
    }

    view! {
        <p class="checkin-counts" data-testid="checkin-counts">
            {move || counts.get().map(|c| text::CheckinCounts { n: &c.checked_in, total: &c.expected }.t(locale()))}
        </p>
        <form class="checkin-form" on:submit=submit novalidate>
            <label for="checkin-code">{tr(Msg::CheckinCode)}</label>
            <input id="checkin-code" data-testid="checkin-code" autocomplete="off" autocapitalize="characters" autofocus
                prop:value=move || code.get() on:input=move |ev| code.set(event_target_value(&ev))/>
            <button class="btn btn-primary" type="submit" data-testid="checkin-submit">{tr(Msg::CheckinSubmit)}</button>
        </form>
        {if can_scan {
            view! {
                <button class="btn btn-secondary" data-testid="scan" on:click=scan>
                    {move || if scanning.get() { tr(Msg::CheckinStopScan)() } else { tr(Msg::CheckinScan)() }}
                </button>
            }.into_any()
        } else {
            view! { <p class="muted" data-testid="no-camera">{tr(Msg::CheckinNoCamera)}</p> }.into_any()
        }}
        <video class="scanner" node_ref=video playsinline muted class:hidden=move || !scanning.get()></video>
        {move || (queued.get() > 0).then(|| view! {
            <p class="notice" data-testid="checkin-queued">
                {text::CheckinQueued { n: &queued.get() }.t(locale())}" "
                <button class="btn btn-small btn-secondary" on:click=move |_| flush()>{tr(Msg::CheckinRetry)}</button>
            </p>
        })}
        {move || error.get().map(|e| view! {
            <div class="checkin-result bad" role="alert" data-testid="checkin-error">
                <strong>{e.error.message.clone()}</strong>
                {e.error.fields.values().map(|m| view! { <p>{m.clone()}</p> }).collect_view()}
            </div>
        })}
        {move || result.get().map(|r| {
            let questions = questions.get().and_then(Result::ok).unwrap_or_default();
            view! { <Outcome r=r questions=questions undone=undone undo=Callback::new(undo)/> }
        })}
    }
}

/// The answer to a scan, coloured by outcome, with who it is and what to do.
#[component]
fn Outcome(r: CheckinResult, questions: Vec<Question>, undone: RwSignal<bool>, undo: Callback<i64>) -> impl IntoView {
    let (class, title) = match r.outcome {
        CheckinOutcome::CheckedIn => ("checkin-result ok", Msg::CheckinOk),
        CheckinOutcome::Already => ("checkin-result warn", Msg::CheckinAlready),
        CheckinOutcome::Refused => ("checkin-result bad", Msg::CheckinRefused),
    };
    let a = r.attendee;
    let (tzh, ten) = (a.ticket_zh.clone(), a.ticket_en.clone());
    let status = a.status;
    view! {
        <div class=class data-testid="checkin-result" role="status">
            <strong class="checkin-outcome" data-testid="checkin-outcome">{tr(title)}</strong>
            <p class="checkin-name" data-testid="checkin-name">{a.name.clone()}</p>
            <dl class="facts">
                <dt>{tr(Msg::TicketName)}</dt><dd>{move || bilingual(&tzh, ten.as_deref(), locale())}</dd>
                <dt>{tr(Msg::CsvRegistrant)}</dt><dd>{a.registrant.clone()}</dd>
                {a.org_name.clone().map(|o| view! { <dt>{tr(Msg::CheckinOrg)}</dt><dd>{o}</dd> })}
                {r.first_at.map(|t| view! { <dt>{tr(Msg::CheckinFirstAt)}</dt><dd>{date(&t)}</dd> })}
                {a.answers.iter().filter_map(|ans| {
                    let q = questions.iter().find(|q| q.id == ans.question)?;
                    let l = locale();
                    Some(view! {
                        <dt>{bilingual(&q.label_zh, q.label_en.as_deref(), l)}</dt>
                        <dd data-testid="checkin-answer">{q.answer_text(&ans.value, l)}</dd>
                    })
                }).collect_view()}
            </dl>
            {(r.outcome == CheckinOutcome::Refused).then(|| view! {
                <p data-testid="checkin-reason">{move || text::CheckinReason { status: &tr(status.msg())() }.t(locale())}</p>
            })}
            {r.checkin_id.filter(|_| r.outcome == CheckinOutcome::CheckedIn).map(|id| view! {
                {move || if undone.get() {
                    view! { <span class="badge badge-muted" data-testid="checkin-undone">{tr(Msg::CheckinUndone)}</span> }.into_any()
                } else {
                    view! { <button class="btn btn-ghost" data-testid="checkin-undo" on:click=move |_| undo.run(id)>{tr(Msg::CheckinUndo)}</button> }.into_any()
                }}
            })}
        </div>
    }
}

/// A registration's tickets on their own page, laid out for printing.
#[component]
pub fn PrintTickets() -> impl IntoView {
    let (event, registration) = (route_id("id").get_untracked(), route_id("registration").get_untracked());
    let data = LocalResource::new(move || async move {
        let e = api::event(event).await?;
        let t = api::tickets(registration).await?;
        Ok::<_, shared::ApiError>((e, t))
    });
    view! {
        <section class="page print-tickets" data-testid="print-page">
            {resource_view(data, move |(e, list): (Event, Vec<Ticket>)| {
                let (zh, en) = (e.title_zh.clone(), e.title_en.clone());
                let when = format!("{} – {}", date(&e.starts_at), date(&e.ends_at));
                let venue = e.venue.clone().unwrap_or_default();
                view! {
                    <p class="no-print"><button class="btn btn-primary" on:click=move |_| fm_print()>{tr(Msg::PrintButton)}</button></p>
                    {list.into_iter().map(|t| {
                        let (zh, en) = (zh.clone(), en.clone());
                        view! {
                            <article class="ticket-sheet">
                                <h2>{move || bilingual(&zh, en.as_deref(), locale())}</h2>
                                <p>{when.clone()}" · "{venue.clone()}</p>
                                <TicketCard t=t/>
                            </article>
                        }
                    }).collect_view()}
                }
            })}
        </section>
    }
}

/// The organizers' badge sheet: one badge per confirmed attendee with name, organization, ticket
/// type and the QR code that checks them in, laid out to print and cut.
#[component]
pub fn BadgeSheet() -> impl IntoView {
    let event = route_id("id").get_untracked();
    let data = LocalResource::new(move || async move {
        let e = api::event(event).await?;
        let b = api::event_badges(event).await?;
        Ok::<_, shared::ApiError>((e, b))
    });
    view! {
        <section class="page print-badges" data-testid="badge-page">
            {resource_view(data, move |(e, list): (Event, Vec<Badge>)| {
                let (zh, en) = (e.title_zh.clone(), e.title_en.clone());
                let title = move || bilingual(&zh, en.as_deref(), locale());
                view! {
                    <header class="no-print">
                        <h1>{tr(Msg::BadgesTitle)}" · "{title.clone()}</h1>
                        <p><button class="btn btn-primary" on:click=move |_| fm_print()>{tr(Msg::PrintButton)}</button></p>
                    </header>
                    {list.is_empty().then(|| view! { <p class="state">{tr(Msg::BadgesEmpty)}</p> })}
                    <div class="badge-grid">
                        {list.into_iter().map(|b| {
                            let title = title.clone();
                            let (tzh, ten) = (b.ticket_zh.clone(), b.ticket_en.clone());
                            let alt = Signal::derive({
                                let name = b.name.clone();
                                move || text::TicketQrAlt { name: &name }.t(locale())
                            });
                            view! {
                                <article class="name-badge" data-testid="badge">
                                    <p class="name-badge-event">{title}</p>
                                    <p class="name-badge-name" data-testid="badge-name">{b.name.clone()}</p>
                                    <p class="name-badge-org">{b.org_name.clone().unwrap_or_default()}</p>
                                    <p class="name-badge-ticket">{move || bilingual(&tzh, ten.as_deref(), locale())}</p>
                                    <img class="name-badge-qr" src=shared::paths::ticket_qr_svg(&b.code) alt=alt width="96" height="96"/>
                                </article>
                            }
                        }).collect_view()}
                    </div>
                }
            })}
        </section>
    }
}
