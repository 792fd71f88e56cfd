//! Engagement pages: the request form on a posting, the pipeline board (`/engagements`) and one
//! engagement with its contacts, deal stage and conversation (`/engagements/:id`).
//!
//! This file is long because the request form, the pipeline board and the thread share the
//! engagement views; split per page when it next grows.

use leptos::prelude::*;
use leptos_router::components::{A, Redirect};
use leptos_router::hooks::use_navigate;
use shared::Msg;
use shared::engage::{
    DealStage, Decline, Engagement, EngagementStatus, EngagementSummary, FailureReason, Message, NewEngagement,
    NewMessage, NewReport, Proposal, Side, StageChange,
};
use shared::market::PostingKind;
use shared::page::Page;
use wasm_bindgen::JsCast;

use super::market::ui_path;
use crate::api;
use crate::components::act::Act;
use crate::components::confirm::ConfirmButton;
use crate::components::data::{ErrorView, Loading, resource_view};
use crate::components::form::{FormError, FormErrors, SelectField, TextArea, TextField};
use crate::components::labels::{bilingual, date};
use crate::components::route::route_id;
use crate::i18n::{locale, text, tr};
use crate::session::{returning_to_here, use_session};

/// The proposals that make sense towards a posting of `kind`.
pub(crate) fn proposals_for(kind: PostingKind) -> Vec<Proposal> {
    match kind {
        PostingKind::Scenario => vec![Proposal::Pilot, Proposal::JointDevelopment, Proposal::Service],
        PostingKind::Mandate => vec![Proposal::Investment],
        PostingKind::Capability => vec![
            Proposal::License,
            Proposal::Transfer,
            Proposal::JointDevelopment,
            Proposal::ContractResearch,
            Proposal::Service,
        ],
        PostingKind::Demand => Proposal::ALL.to_vec(),
    }
}

/// "申请对接" on someone else's published posting: choose the organization, the mode, a message.
#[component]
pub fn RequestPanel(posting_id: i64, kind: PostingKind, owner_org: i64) -> impl IntoView {
    let session = use_session();
    // Coming from a match (`?from=<the viewer's posting>&org=<its organization>`): the form opens
    // with that organization as the sender and the posting as the request's source.
    let query = leptos_router::hooks::use_query_map();
    let source_id = query.with_untracked(|q| q.get("from")).and_then(|s| s.parse::<i64>().ok());
    let open = RwSignal::new(source_id.is_some());
    let from = RwSignal::new(query.with_untracked(|q| q.get("org")).unwrap_or_default());
    let proposal = RwSignal::new(String::new());
    let message = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let navigate = use_navigate();
    let orgs = session.org_options(move |o| o.verified && o.org_id != owner_org);
    let proposals = Signal::derive(move || {
        proposals_for(kind).into_iter().map(|p| (p.as_str().to_owned(), p.msg().t(locale()).to_owned())).collect()
    });
    let send = Act::new(move |req: &NewEngagement| {
        let req = req.clone();
        async move { api::create_engagement(&req).await }
    })
    .on_answer(move |answer| match answer {
        Ok(e) => navigate(&format!("/engagements/{}", e.id), Default::default()),
        Err(e) => errors.server(e),
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.clear();
        let req = NewEngagement {
            from_org: from.get_untracked().parse().unwrap_or(0),
            posting_id,
            source_id,
            // A stand-in while checking; a request is never sent with a mode nobody chose.
            proposal: Proposal::parse(&proposal.get_untracked()).unwrap_or(proposals_for(kind)[0]),
            message: message.get_untracked(),
        };
        let mut problems = req.parse().err().unwrap_or_default();
        if Proposal::parse(&proposal.get_untracked()).is_none() {
            problems.add("proposal", shared::validate::FieldError::Required);
        }
        if errors.check(problems.into_result()) {
            send.dispatch(req);
        }
    };
    view! {
        <aside class="card request-panel" id="request" data-testid="request-panel">
            <h2>{tr(Msg::EngRequestTitle)}</h2>
            {move || match (session.me.with(Option::is_some), orgs.with(Vec::is_empty), open.get()) {
                (false, _, _) => view! {
                    <A href=returning_to_here("/login") attr:class="btn btn-secondary" attr:data-testid="login-to-request">{tr(Msg::EngLoginToRequest)}</A>
                }.into_any(),
                (true, true, _) if session.me.with(|m| m.as_ref().is_some_and(|m| m.memberships.is_empty())) => view! {
                    <p class="muted" data-testid="request-no-org">{tr(Msg::EngNoOrg)}</p>
                    <A href="/orgs/new" attr:class="btn btn-secondary">{tr(Msg::OrgCreateTitle)}</A>
                }.into_any(),
                (true, true, _) => view! {
                    <p class="muted" data-testid="request-unverified">{tr(Msg::EngNeedVerified)}</p>
                    <A href="/my/orgs" attr:class="btn btn-secondary">{tr(Msg::NavMyOrgs)}</A>
                }.into_any(),
                (true, false, false) => view! {
                    <p class="muted">{tr(Msg::EngRequestIntro)}</p>
                    <button class="btn btn-primary" data-testid="open-request" on:click=move |_| {
                        if from.get_untracked().is_empty() && let Some((first, _)) = orgs.get_untracked().first() {
                            from.set(first.clone());
                        }
                        open.set(true);
                    }>{tr(Msg::EngRequestTitle)}</button>
                }.into_any(),
                (true, false, true) => view! {
                    <form on:submit=submit novalidate>
                        <FormError errors=errors/>
                        <SelectField label=Msg::EngFromOrg name="from_org" value=from options=orgs errors=errors required=true/>
                        <SelectField label=Msg::EngProposal name="proposal" value=proposal options=proposals errors=errors required=true/>
                        <TextArea label=Msg::EngMessage name="message" value=message errors=errors/>
                        <button class="btn btn-primary" type="submit" data-testid="send-request"
                            disabled=move || send.pending().get()>{tr(Msg::EngSend)}</button>
                    </form>
                }.into_any(),
            }}
        </aside>
    }
}

/// A column of the board: requests in one state of the pipeline.
fn column(e: &EngagementSummary) -> usize {
    match (e.status, e.stage) {
        (EngagementStatus::Pending, _) => 0,
        (EngagementStatus::Accepted, Some(DealStage::Signed)) => 2,
        (EngagementStatus::Accepted, Some(DealStage::Completed)) => 3,
        (EngagementStatus::Accepted, Some(DealStage::Failed)) => 4,
        (EngagementStatus::Accepted, _) => 1,
        _ => 4,
    }
}

const COLUMNS: [Msg; 5] =
    [Msg::EngPending, Msg::StageNegotiating, Msg::StageSigned, Msg::StageCompleted, Msg::EngColumnClosed];

#[component]
pub fn Board() -> impl IntoView {
    let session = use_session();
    move || match (session.loaded.get(), session.me.with(Option::is_some)) {
        (false, _) => view! { <Loading/> }.into_any(),
        (true, false) => view! { <Redirect path="/login?next=/engagements"/> }.into_any(),
        (true, true) => view! { <BoardView/> }.into_any(),
    }
}

#[component]
fn BoardView() -> impl IntoView {
    let side = RwSignal::new(String::new());
    let data = LocalResource::new(move || {
        let s = Side::parse(&side.get());
        async move { api::engagements(s).await }
    });
    let sides = Signal::derive(move || {
        Side::ALL.iter().map(|s| (s.as_str().to_owned(), s.msg().t(locale()).to_owned())).collect()
    });
    view! {
        <section class="page">
            <h1>{tr(Msg::EngTitle)}</h1>
            <p class="muted">{tr(Msg::EngIntro)}</p>
            <div class="filters">
                <SelectField label=Msg::FilterType name="side" value=side options=sides errors=FormErrors::new()/>
            </div>
            // The pipeline, with the deals' terms, as a spreadsheet (the side chosen, or both).
            <p class="exports small">
                {["xlsx", "csv"].into_iter().map(|format| {
                    let href = move || shared::routes::engagements_export(Side::parse(&side.get()), format);
                    let label = if format == "xlsx" { Msg::ExportXlsx } else { Msg::ExportPostingsCsv };
                    view! { <a href=href download data-testid=format!("export-engagements-{format}")>{tr(label)}</a>" " }
                }).collect_view()}
            </p>
            {resource_view(data, move |page: Page<EngagementSummary>| {
                if page.items.is_empty() {
                    return view! { <p class="state">{tr(Msg::EngEmpty)}</p> }.into_any();
                }
                let mut cols: [Vec<EngagementSummary>; 5] = Default::default();
                for e in page.items {
                    cols[column(&e)].push(e);
                }
                view! {
                    <div class="board" data-testid="board">
                        {cols.into_iter().zip(COLUMNS).map(|(items, title)| view! {
                            <section class="board-column">
                                <h2>{tr(title)}" "<span class="badge">{items.len()}</span></h2>
                                <ul>{items.into_iter().map(|e| view! { <Card e=e/> }).collect_view()}</ul>
                            </section>
                        }).collect_view()}
                    </div>
                }
                .into_any()
            })}
        </section>
    }
}

#[component]
fn Card(e: EngagementSummary) -> impl IntoView {
    let other = if e.side == Some(Side::Sent) { e.to.clone() } else { e.from.clone() };
    let title = e.posting.clone();
    let label = e.stage.filter(|_| e.status == EngagementStatus::Accepted).map_or(e.status.msg(), DealStage::msg);
    view! {
        <li class="card board-card" data-testid="engagement-card">
            <a href=format!("/engagements/{}", e.id)>
                <strong>{move || bilingual(&other.name_zh, other.name_en.as_deref(), locale())}</strong>
            </a>
            <p class="small">{move || bilingual(&title.title_zh, title.title_en.as_deref(), locale())}</p>
            <p class="small muted">
                {e.side.map(|s| tr(s.msg()))}" · "{tr(e.proposal.msg())}" · "{tr(label)}
                {(e.unread > 0).then(|| view! { " " <span class="badge badge-alert" data-testid="unread">{e.unread}" "{tr(Msg::EngUnread)}</span> })}
            </p>
        </li>
    }
}

#[component]
pub fn Thread() -> impl IntoView {
    let id = route_id("id");
    let session = use_session();
    let data = LocalResource::new(move || {
        let id = id.get();
        async move { api::engagement(id).await }
    });
    let changed = Callback::new(move |_| data.refetch());
    move || match (session.loaded.get(), session.me.with(Option::is_some)) {
        (false, _) => view! { <Loading/> }.into_any(),
        (true, false) => view! { <Redirect path=returning_to_here("/login")()/> }.into_any(),
        (true, true) => view! {
            <section class="page">
                {resource_view(data, move |e: Engagement| view! { <EngagementView e=e changed=changed/> })}
            </section>
        }
        .into_any(),
    }
}

fn event_label(action: &str) -> Msg {
    match action {
        "requested" => Msg::EvRequested,
        "accepted" => Msg::EvAccepted,
        "declined" => Msg::EvDeclined,
        "withdrawn" => Msg::EvWithdrawn,
        "expired" => Msg::EvExpired,
        "reminded" => Msg::EvReminded,
        other => DealStage::parse(other).map_or(Msg::EvRequested, DealStage::msg),
    }
}

#[component]
fn EngagementView(e: Engagement, changed: Callback<()>) -> impl IntoView {
    let s = e.summary.clone();
    let id = s.id;
    let receiver = s.side == Some(Side::Received);
    let pending = s.status == EngagementStatus::Pending;
    let accepted = s.status == EngagementStatus::Accepted;
    let posting_href = format!("{}/{}", ui_path(s.posting.kind), s.posting.id);
    let (from, to, posting) = (s.from.clone(), s.to.clone(), s.posting.clone());
    let state = s.stage.filter(|_| accepted).map_or(s.status.msg(), DealStage::msg);
    view! {
        <header class="page-header">
            <h1>
                {move || bilingual(&posting.title_zh, posting.title_en.as_deref(), locale())}" "
                <span class="badge" data-testid="engagement-state">{tr(state)}</span>
            </h1>
            <p class="muted">
                {tr(Msg::EngFrom)}{tr(Msg::Colon)}{move || bilingual(&from.name_zh, from.name_en.as_deref(), locale())}" → "
                {tr(Msg::EngTo)}{tr(Msg::Colon)}{move || bilingual(&to.name_zh, to.name_en.as_deref(), locale())}" · "
                {tr(s.proposal.msg())}" · "<a href=posting_href data-testid="engagement-posting">{tr(Msg::EngAbout)}</a>
            </p>
        </header>
        <article class="card">
            <p class="request-message" data-testid="request-message">{e.message.clone()}</p>
            {pending.then(|| view! { <p class="small muted" data-testid="expires">{move || text::EngExpires { date: &date(&s.expires_at) }.t(locale())}</p> })}
            {e.decline_reason.clone().map(|r| view! { <p class="notice">{tr(Msg::EngDeclineReason)}{tr(Msg::Colon)}{r}</p> })}
        </article>
        {(pending && receiver).then(|| view! { <Answer id=id changed=changed/> })}
        {(pending && s.side == Some(Side::Sent)).then(|| view! { <Withdraw id=id changed=changed/> })}
        // What people use most comes first: the conversation, then whom to reach, then the deal.
        {accepted.then(|| view! { <Conversation id=id can_write=s.side.is_some()/> })}
        <Contacts e=e.clone()/>
        {(accepted && s.side.is_some()).then(|| view! { <StagePanel e=e.clone() changed=changed/> })}
        {s.side.map(|side| {
            let (mine, other) = if side == Side::Sent { (s.from.id, s.to.id) } else { (s.to.id, s.from.id) };
            view! { <Safety engagement=id mine=mine other=other/> }
        })}
        <details class="card">
            <summary>{tr(Msg::EngHistory)}</summary>
            <ol class="history" data-testid="engagement-history">
                {e.history.into_iter().map(|ev| view! {
                    <li>
                        <time>{date(&ev.at)}</time>" · "{tr(event_label(&ev.action))}
                        {ev.user_name.map(|n| view! { " · "{crate::components::labels::person(&n)} })}
                        {ev.note.map(|n| view! { " — "{n} })}
                    </li>
                }).collect_view()}
            </ol>
        </details>
    }
}

/// Spam protection from either side: block the other organization's requests, report it.
#[component]
fn Safety(engagement: i64, mine: i64, other: i64) -> impl IntoView {
    let reason = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let done = RwSignal::new(None::<Msg>);
    let answered = move |answer: crate::api::ApiResult<Msg>| match answer {
        Ok(m) => done.set(Some(m)),
        Err(e) => errors.server(e),
    };
    let block = Act::new(move |_: &()| async move { api::block(mine, other).await.map(|_| Msg::EngBlocked) })
        .on_answer(answered);
    let report = Act::new(move |text: &String| {
        let req = NewReport { org_id: mine, target_org: other, engagement_id: Some(engagement), reason: text.clone() };
        async move { api::report(&req).await.map(|()| Msg::EngReported) }
    })
    .on_answer(answered);
    view! {
        <details class="card" data-testid="safety">
            <summary>{tr(Msg::EngReport)}</summary>
            <FormError errors=errors/>
            {move || done.get().map(|m| view! { <p class="notice">{tr(m)}</p> })}
            <TextField label=Msg::EngReportReason name="report_reason" value=reason errors=errors/>
            <div class="actions">
                <button class="btn btn-secondary" data-testid="report" on:click=move |_| { report.dispatch(reason.get_untracked()); }>
                    {tr(Msg::EngReport)}
                </button>" "
                <button class="btn btn-ghost" data-testid="block" on:click=move |_| { block.dispatch(()); }>{tr(Msg::EngBlock)}</button>
            </div>
        </details>
    }
}

#[component]
fn Answer(id: i64, changed: Callback<()>) -> impl IntoView {
    let reason = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let act = Act::new(move |decline: &Option<String>| {
        let decline = decline.clone();
        async move {
            match decline {
                None => api::engagement_action(id, "accept").await,
                Some(reason) => api::decline_engagement(id, &Decline { reason }).await,
            }
        }
    })
    .on_answer(errors.or_run(changed));
    view! {
        <aside class="card">
            <FormError errors=errors/>
            <div class="actions">
                <button class="btn btn-primary" data-testid="accept" disabled=move || act.pending().get()
                    on:click=move |_| { act.dispatch(None); }>{tr(Msg::EngAccept)}</button>
            </div>
            <TextField label=Msg::EngDeclineReason name="reason" value=reason errors=errors/>
            <ConfirmButton label=Msg::EngDecline question=Msg::EngDeclineAsk testid="decline"
                disabled=Signal::derive(move || act.pending().get())
                on_confirm=Callback::new(move |_| { act.dispatch(Some(reason.get_untracked())); })/>
        </aside>
    }
}

#[component]
fn Withdraw(id: i64, changed: Callback<()>) -> impl IntoView {
    let error = RwSignal::new(None::<shared::ApiError>);
    let act =
        Act::new(move |_: &()| async move { api::engagement_action(id, "withdraw").await }).on_answer(move |answer| {
            match answer {
                Ok(_) => changed.run(()),
                Err(e) => error.set(Some(e)),
            }
        });
    view! {
        <div class="actions">
            {move || error.get().map(|e| view! { <ErrorView error=e/> })}
            <ConfirmButton label=Msg::EngWithdraw question=Msg::EngWithdrawAsk testid="withdraw"
                on_confirm=Callback::new(move |_| { act.dispatch(()); })/>
        </div>
    }
}

#[component]
fn Contacts(e: Engagement) -> impl IntoView {
    let names = [e.summary.from.clone(), e.summary.to.clone()];
    view! {
        <section class="card" data-testid="contacts">
            <h2>{tr(Msg::EngContacts)}</h2>
            {if e.contacts.is_empty() {
                view! { <p class="muted">{tr(Msg::EngContactsHidden)}</p> }.into_any()
            } else {
                view! {
                    <dl class="contacts">
                        {e.contacts.into_iter().map(|c| {
                            let org = names.iter().find(|o| o.id == c.org_id).cloned();
                            view! {
                                <dt>{move || org.as_ref().map(|o| bilingual(&o.name_zh, o.name_en.as_deref(), locale()))}</dt>
                                <dd>
                                    {c.person.map(|p| view! { <span>{tr(Msg::EngPerson)}{tr(Msg::Colon)}{p}" "</span> })}
                                    {c.person_email.map(|m| view! { <a href=format!("mailto:{m}")>{m.clone()}</a>" " })}
                                    {c.org_phone.map(|p| view! { <span>{tr(Msg::EngPhone)}{tr(Msg::Colon)}{p}" "</span> })}
                                    {c.org_email.map(|m| view! { <span>{tr(Msg::EngEmail)}{tr(Msg::Colon)}{m}</span> })}
                                </dd>
                            }
                        }).collect_view()}
                    </dl>
                }
                .into_any()
            }}
        </section>
    }
}

#[component]
fn StagePanel(e: Engagement, changed: Callback<()>) -> impl IntoView {
    let id = e.summary.id;
    let stage = e.summary.stage.unwrap_or(DealStage::Negotiating);
    let value = RwSignal::new(String::new());
    let failure = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let act = Act::new(move |req: &StageChange| {
        let req = req.clone();
        async move { api::set_stage(id, &req).await }
    })
    .on_answer(errors.or_run(changed));
    let change = move |to: DealStage| StageChange {
        stage: to,
        contract_value: value.get_untracked().trim().parse().ok(),
        signed_on: None,
        failure: FailureReason::parse(&failure.get_untracked()),
        note: None,
    };
    let reasons = Signal::derive(move || {
        FailureReason::ALL.iter().map(|f| (f.as_str().to_owned(), f.msg().t(locale()).to_owned())).collect()
    });
    let open = matches!(stage, DealStage::Negotiating | DealStage::Signed);
    view! {
        <section class="card" data-testid="stage-panel">
            <h2>{tr(stage.msg())}</h2>
            {e.contract_value.map(|v| view! { <p>{tr(Msg::EngContractValue)}{tr(Msg::Colon)}{v}</p> })}
            <FormError errors=errors/>
            {(stage == DealStage::Negotiating).then(|| view! {
                <TextField label=Msg::EngContractValue name="contract_value" value=value errors=errors/>
                <button class="btn btn-primary" data-testid="mark-signed"
                    on:click=move |_| { act.dispatch(change(DealStage::Signed)); }>{tr(Msg::EngMarkSigned)}</button>
            })}
            {(stage == DealStage::Signed).then(|| view! {
                <button class="btn btn-primary" data-testid="mark-completed"
                    on:click=move |_| { act.dispatch(change(DealStage::Completed)); }>{tr(Msg::EngMarkCompleted)}</button>
            })}
            {open.then(|| view! {
                <SelectField label=Msg::EngFailureReason name="failure" value=failure options=reasons errors=errors/>
                <ConfirmButton label=Msg::EngMarkFailed question=Msg::EngMarkFailedAsk testid="mark-failed"
                    on_confirm=Callback::new(move |_| { act.dispatch(change(DealStage::Failed)); })/>
            })}
        </section>
    }
}

#[component]
fn Conversation(id: i64, can_write: bool) -> impl IntoView {
    let data = LocalResource::new(move || async move {
        let list = api::messages(id).await?;
        if let Some(last) = list.last() {
            // Shown, so read; an answer that fails only leaves it unread.
            let _ = api::read_messages(id, last.id).await;
        }
        Ok(list)
    });
    let body = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let file_input = NodeRef::<leptos::html::Input>::new();
    let send = Act::new(move |text: &String| {
        let text = text.clone();
        let file = file_input
            .get_untracked()
            .and_then(|i| i.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|i| i.files())
            .and_then(|f| f.get(0));
        async move {
            let mut attachments = vec![];
            if let Some(file) = file {
                attachments.push(api::upload(id, file).await?.id);
            }
            api::send_message(id, &NewMessage { body: text, attachments }).await
        }
    })
    .on_answer(move |answer| match answer {
        Ok(_) => {
            body.set(String::new());
            if let Some(i) = file_input.get_untracked() {
                i.set_value("");
            }
            data.refetch();
        }
        Err(e) => errors.server(e),
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.clear();
        send.dispatch(body.get_untracked());
    };
    view! {
        <section class="card" data-testid="conversation">
            <h2>{tr(Msg::EngConversation)}</h2>
            {resource_view(data, move |list: Vec<Message>| {
                if list.is_empty() {
                    return view! { <p class="muted">{tr(Msg::EngNoMessages)}</p> }.into_any();
                }
                view! {
                    <ol class="messages">
                        {list.into_iter().map(|m| view! {
                            <li class="message" data-testid="message">
                                <p class="small muted">{m.author.as_deref().map(crate::components::labels::person)}" · "<time>{crate::components::labels::when(&m.at)}</time></p>
                                <p>{m.body.clone()}</p>
                                {m.attachments.into_iter().map(|a| view! {
                                    <p><a href=shared::paths::attachment(a.id) data-testid="attachment">{a.name.clone()}</a>
                                    " "<span class="small muted">{format!("{:.1} KB", a.size as f64 / 1024.0)}</span></p>
                                }).collect_view()}
                            </li>
                        }).collect_view()}
                    </ol>
                }
                .into_any()
            })}
            {can_write.then(|| view! {
                <form on:submit=submit novalidate>
                    <FormError errors=errors/>
                    <TextArea label=Msg::EngWrite name="body" value=body errors=errors/>
                    <div class="field">
                        <label for="attachment">{tr(Msg::EngAttach)}</label>
                        <input id="attachment" type="file" accept="application/pdf,image/*" node_ref=file_input/>
                    </div>
                    <button class="btn btn-primary" type="submit" data-testid="send-message"
                        disabled=move || send.pending().get()>{tr(Msg::EngSendMessage)}</button>
                </form>
            })}
        </section>
    }
}
