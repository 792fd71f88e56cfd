//! The site administrators' moderation queue: new submissions and edits of published postings,
//! approved or rejected (with a reason the poster sees) one at a time or in bulk.

use std::collections::BTreeSet;

use leptos::prelude::*;
use leptos_router::components::{A, Redirect};
use shared::Msg;
use shared::i18n::fill;
use shared::market::{Decision, ModerationRequest, Posting, PostingStatus};

use super::ui_path;
use crate::api;
use crate::components::confirm::ConfirmButton;
use crate::components::data::{ErrorView, Loading, resource_view};
use crate::components::form::{FormError, FormErrors, TextField};
use crate::components::labels::bilingual;
use crate::i18n::{locale, tr};
use crate::session::use_session;

#[component]
pub fn Moderation() -> impl IntoView {
    let session = use_session();
    move || match (session.loaded.get(), session.me.get()) {
        (false, _) => view! { <Loading/> }.into_any(),
        (true, None) => view! { <Redirect path="/login?next=/admin/moderation"/> }.into_any(),
        (true, Some(me)) if !me.is_admin => {
            let e = shared::ApiError::localized(shared::ErrorCode::Forbidden, locale());
            view! { <section class="page narrow"><ErrorView error=e/></section> }.into_any()
        }
        (true, Some(_)) => view! { <Queue/> }.into_any(),
    }
}

#[component]
fn Queue() -> impl IntoView {
    let data = LocalResource::new(api::moderation_queue);
    let selected = RwSignal::new(BTreeSet::<i64>::new());
    let reason = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let done = RwSignal::new(None::<usize>);
    let decide = Action::new_local(move |req: &ModerationRequest| {
        let req = req.clone();
        async move { api::moderate(&req).await }
    });
    Effect::new(move |_| match decide.value().get() {
        Some(Ok(handled)) => {
            done.set(Some(handled.len()));
            selected.set(BTreeSet::new());
            reason.set(String::new());
            errors.clear();
            data.refetch();
        }
        Some(Err(e)) => errors.server(e),
        None => {}
    });
    let send = move |ids: Vec<i64>, decision: Decision| {
        done.set(None);
        let text = reason.get_untracked();
        let req = ModerationRequest { ids, decision, reason: (!text.trim().is_empty()).then_some(text) };
        if errors.check(req.parse().map(|_| ())) {
            decide.dispatch(req);
        }
    };
    let all_ids = move || data.get().and_then(Result::ok).map(|q| q.iter().map(|p| p.id).collect::<BTreeSet<_>>());
    view! {
        <section class="page">
            <h1>{tr(Msg::ModerationTitle)}</h1>
            <p class="muted">{tr(Msg::ModerationIntro)}</p>
            <div class="card form" data-testid="moderation-bar">
                <FormError errors=errors/>
                <TextField label=Msg::ModReason name="reason" value=reason errors=errors/>
                <div class="actions">
                    <label class="check">
                        <input type="checkbox" data-testid="select-all"
                            prop:checked=move || all_ids().is_some_and(|all| !all.is_empty() && all == selected.get())
                            on:change=move |ev| selected.set(if event_target_checked(&ev) { all_ids().unwrap_or_default() } else { BTreeSet::new() })/>
                        <span>{tr(Msg::ModSelectAll)}</span>
                    </label>
                    <span class="muted">{move || fill(tr(Msg::ModSelected)(), &[("n", &selected.with(|s| s.len()).to_string())])}</span>
                    <ConfirmButton label=Msg::ModApprove question=Msg::ModApproveAsk testid="approve-selected" class="btn btn-primary"
                        disabled=Signal::derive(move || selected.with(|s| s.is_empty()) || decide.pending().get())
                        on_confirm=Callback::new(move |_| send(selected.get_untracked().into_iter().collect(), Decision::Approve))/>
                    <ConfirmButton label=Msg::ModReject question=Msg::ModRejectAsk testid="reject-selected" class="btn btn-secondary"
                        disabled=Signal::derive(move || selected.with(|s| s.is_empty()) || decide.pending().get())
                        on_confirm=Callback::new(move |_| send(selected.get_untracked().into_iter().collect(), Decision::Reject))/>
                    {move || done.get().map(|n| view! { <span class="ok" role="status">{fill(tr(Msg::ModDone)(), &[("n", &n.to_string())])}</span> })}
                </div>
            </div>
            {resource_view(data, move |queue: Vec<Posting>| {
                if queue.is_empty() {
                    return view! { <p class="state" data-testid="moderation-empty">{tr(Msg::ModerationEmpty)}</p> }.into_any();
                }
                view! {
                    <ul class="cards" data-testid="moderation-queue">
                        {queue.into_iter().map(|p| view! { <QueueItem posting=p selected=selected approve=Callback::new(move |id| send(vec![id], Decision::Approve))/> }).collect_view()}
                    </ul>
                }
                .into_any()
            })}
        </section>
    }
}

#[component]
fn QueueItem(posting: Posting, selected: RwSignal<BTreeSet<i64>>, approve: Callback<i64>) -> impl IntoView {
    let id = posting.id;
    let kind = posting.spec.kind();
    let is_edit = posting.status == PostingStatus::Published;
    let p = StoredValue::new(posting);
    let title = move || p.with_value(|p| bilingual(&p.title_zh, p.title_en.as_deref(), locale()));
    let summary = move || p.with_value(|p| bilingual(&p.summary_zh, p.summary_en.as_deref(), locale()));
    let org = move || p.with_value(|p| bilingual(&p.org.name_zh, p.org.name_en.as_deref(), locale()));
    let revised = p.with_value(|p| p.pending_revision.as_ref().map(|r| (r.title_zh.clone(), r.summary_zh.clone())));
    let details = p.with_value(|p| p.details_zh.clone());
    view! {
        <li class="card posting-card" data-testid="moderation-item">
            <label class="check">
                <input type="checkbox" aria-label=title
                    prop:checked=move || selected.with(|s| s.contains(&id))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        selected.update(|s| { if on { s.insert(id); } else { s.remove(&id); } });
                    }/>
                <A href=format!("{}/{id}", ui_path(kind)) attr:class="posting-title">{title}</A>
            </label>
            <p>
                <span class="badge">{tr(kind.msg())}</span>" "
                <span class="badge badge-accent">{tr(if is_edit { Msg::ModEditBadge } else { Msg::ModNewBadge })}</span>" "
                <span class="muted small">{org}</span>
            </p>
            <p class="muted">{summary}</p>
            {revised.map(|(t, s)| view! { <p class="notice">{tr(Msg::ModRevisedTo)}<strong>{t}</strong>" — "{s}</p> })}
            {details.map(|d| view! {
                <details><summary>{tr(Msg::DetailsLabel)}</summary><p class="prose">{d}</p></details>
            })}
            <div class="actions">
                <ConfirmButton label=Msg::ModApprove question=Msg::ModApproveAsk testid="approve-one" class="btn btn-small btn-primary"
                    on_confirm=Callback::new(move |_| approve.run(id))/>
            </div>
        </li>
    }
}
