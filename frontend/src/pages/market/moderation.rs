//! The site administrators' moderation queue: new submissions and edits of published postings,
//! approved or rejected (with a reason the poster sees) one at a time or in bulk.

use std::collections::BTreeSet;

use leptos::prelude::*;
use leptos_router::components::{A, Redirect};
use shared::Msg;
use shared::market::{Decision, ModerationRequest, Posting, PostingStatus};
use shared::taxonomy::TermKind;

use super::ui_path;
use crate::api;
use crate::components::act::Act;
use crate::components::confirm::ConfirmButton;
use crate::components::data::{ErrorView, Loading, resource_view};
use crate::components::form::{FormError, FormErrors, TextField};
use crate::components::labels::{bilingual, day, use_taxonomy};
use crate::i18n::{locale, text, tr};
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
        (true, Some(_)) => {
            view! { <crate::components::console::ConsoleFrame><Queue/></crate::components::console::ConsoleFrame> }
                .into_any()
        }
    }
}

#[component]
fn Queue() -> impl IntoView {
    let data = LocalResource::new(api::moderation_queue);
    let selected = RwSignal::new(BTreeSet::<i64>::new());
    let reason = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let done = RwSignal::new(None::<usize>);
    let counts_changed = crate::components::console::counts_refresher();
    let decide = Act::new(move |req: &ModerationRequest| {
        let req = req.clone();
        async move { api::moderate(&req).await }
    })
    .on_answer(move |answer| match answer {
        Ok(handled) => {
            counts_changed();
            done.set(Some(handled.len()));
            selected.set(BTreeSet::new());
            reason.set(String::new());
            errors.clear();
            data.refetch();
        }
        Err(e) => errors.server(e),
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
        <section>
            <h2>{tr(Msg::ModerationTitle)}</h2>
            <p class="muted">{tr(Msg::ModerationIntro)}</p>
            <div class="card form" data-testid="moderation-bar">
                <FormError errors=errors/>
                <TextField label=Msg::ModReasonBulk name="reason" value=reason errors=errors/>
                <div class="actions">
                    <label class="check">
                        <input type="checkbox" data-testid="select-all"
                            prop:checked=move || all_ids().is_some_and(|all| !all.is_empty() && all == selected.get())
                            on:change=move |ev| selected.set(if event_target_checked(&ev) { all_ids().unwrap_or_default() } else { BTreeSet::new() })/>
                        <span>{tr(Msg::ModSelectAll)}</span>
                    </label>
                    <span class="muted">{move || text::ModSelected { n: &selected.with(|s| s.len()).to_string() }.t(locale())}</span>
                    <ConfirmButton label=Msg::ModApprove question=Msg::ModApproveAsk testid="approve-selected" class="btn btn-primary"
                        disabled=Signal::derive(move || selected.with(|s| s.is_empty()) || decide.pending().get())
                        on_confirm=Callback::new(move |_| send(selected.get_untracked().into_iter().collect(), Decision::Approve))/>
                    <ConfirmButton label=Msg::ModReject question=Msg::ModRejectAsk testid="reject-selected" class="btn btn-secondary"
                        disabled=Signal::derive(move || selected.with(|s| s.is_empty()) || decide.pending().get())
                        on_confirm=Callback::new(move |_| send(selected.get_untracked().into_iter().collect(), Decision::Reject))/>
                    {move || done.get().map(|n| view! { <span class="ok" role="status">{text::ModDone { n: &n }.t(locale())}</span> })}
                </div>
            </div>
            {resource_view(data, move |queue: Vec<Posting>| {
                if queue.is_empty() {
                    return view! { <p class="state" data-testid="moderation-empty">{tr(Msg::ModerationEmpty)}</p> }.into_any();
                }
                view! {
                    <ul class="cards moderation-queue" data-testid="moderation-queue">
                        {queue.into_iter().map(|p| view! {
                            <QueueItem posting=p selected=selected approve=Callback::new(move |id| send(vec![id], Decision::Approve))
                                decided=Callback::new(move |_| { counts_changed(); done.set(Some(1)); data.refetch(); })/>
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            })}
        </section>
    }
}

#[component]
fn QueueItem(
    posting: Posting,
    selected: RwSignal<BTreeSet<i64>>,
    approve: Callback<i64>,
    decided: Callback<()>,
) -> impl IntoView {
    let id = posting.id;
    let kind = posting.spec.kind();
    let is_edit = posting.status == PostingStatus::Published;
    let p = StoredValue::new(posting);
    let title = move || p.with_value(|p| bilingual(&p.title_zh, p.title_en.as_deref(), locale()));
    let summary = move || p.with_value(|p| bilingual(&p.summary_zh, p.summary_en.as_deref(), locale()));
    let org = move || p.with_value(|p| bilingual(&p.org.name_zh, p.org.name_en.as_deref(), locale()));
    let revised = p.with_value(|p| p.pending_revision.as_ref().map(|r| (r.title_zh.clone(), r.summary_zh.clone())));
    // Rejecting this one posting, with its own reason.
    let reason = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let reject = Act::new(move |req: &ModerationRequest| {
        let req = req.clone();
        async move { api::moderate(&req).await }
    })
    .on_answer(errors.or_run(decided));
    let send_reject = move || {
        let text = reason.get_untracked();
        let req = ModerationRequest {
            ids: vec![id],
            decision: Decision::Reject,
            reason: (!text.trim().is_empty()).then_some(text),
        };
        if errors.check(req.parse().map(|_| ())) {
            reject.dispatch(req);
        }
    };
    let reason_id = format!("reject-reason-{id}");
    let reason_error = errors.of("reason");
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
            <details class="review" data-testid="review">
                <summary>{tr(Msg::ModReview)}</summary>
                {p.with_value(|p| view! { <Review p=p.clone()/> })}
            </details>
            {move || errors.general.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            <div class="moderation-decision">
                <div class="field" class:has-error=move || reason_error.with(Option::is_some)>
                    <label for=reason_id.clone()>{tr(Msg::ModReason)}</label>
                    <textarea id=reason_id.clone() rows="2" data-testid="reject-reason-one"
                        aria-invalid=move || reason_error.with(Option::is_some).to_string()
                        prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                    {move || reason_error.get().map(|m| view! { <p class="field-error">{m}</p> })}
                </div>
                <div class="actions">
                    <ConfirmButton label=Msg::ModApprove question=Msg::ModApproveAsk testid="approve-one" class="btn btn-small btn-primary"
                        on_confirm=Callback::new(move |_| approve.run(id))/>
                    <ConfirmButton label=Msg::ModReject question=Msg::ModRejectAsk testid="reject-one" class="btn btn-small btn-secondary"
                        disabled=Signal::derive(move || reject.pending().get())
                        on_confirm=Callback::new(move |_| send_reject())/>
                </div>
            </div>
        </li>
    }
}

/// Everything the moderator decides on: every field in both languages, the organization and
/// the posting's history (and the revised text of an edit).
#[component]
fn Review(p: Posting) -> impl IntoView {
    let tax = use_taxonomy();
    let l = locale();
    let mut facts = super::detail::spec_rows(&p, tax, l);
    if let Some(d) = p.deadline {
        facts.push((Msg::DeadlineLabel, day(&d)));
    }
    if let Some(d) = &p.district {
        facts.push((Msg::OrgDistrict, tax.label(TermKind::District, d, l)));
    }
    if let Some(z) = &p.pilot_zone {
        facts.push((Msg::OrgPilotZone, tax.label(TermKind::PilotZone, z, l)));
    }
    facts.push((
        Msg::OrgDomains,
        p.domains.iter().map(|d| tax.label(TermKind::Domain, d, l)).collect::<Vec<_>>().join(Msg::ListSep.t(l)),
    ));
    facts.push((Msg::KeywordsLabel, p.keywords.join(Msg::ListSep.t(l))));
    let texts: Vec<(Msg, String)> = [
        (Msg::TitleZh, Some(p.title_zh.clone())),
        (Msg::TitleEn, p.title_en.clone()),
        (Msg::SummaryZh, Some(p.summary_zh.clone())),
        (Msg::SummaryEn, p.summary_en.clone()),
        (Msg::DetailsZh, p.details_zh.clone()),
        (Msg::DetailsEn, p.details_en.clone()),
    ]
    .into_iter()
    .filter_map(|(m, t)| t.filter(|t| !t.trim().is_empty()).map(|t| (m, t)))
    .collect();
    let revision: Vec<(Msg, String)> = p
        .pending_revision
        .as_ref()
        .map(|r| {
            [
                (Msg::TitleZh, Some(r.title_zh.clone())),
                (Msg::SummaryZh, Some(r.summary_zh.clone())),
                (Msg::DetailsZh, r.details_zh.clone()),
            ]
            .into_iter()
            .filter_map(|(m, t)| t.filter(|t| !t.trim().is_empty()).map(|t| (m, t)))
            .collect()
        })
        .unwrap_or_default();
    let org = p.org.clone();
    let org_name = bilingual(&org.name_zh, org.name_en.as_deref(), l);
    view! {
        <div class="grid-2 review-body">
            <div>
                <dl class="kvs">
                    {texts.into_iter().map(|(m, t)| view! { <div class="kv"><dt>{tr(m)}</dt><dd class="prose">{t}</dd></div> }).collect_view()}
                </dl>
                {(!revision.is_empty()).then(|| view! {
                    <h3>{tr(Msg::ModRevisedTo)}</h3>
                    <dl class="kvs" data-testid="review-revision">
                        {revision.into_iter().map(|(m, t)| view! { <div class="kv"><dt>{tr(m)}</dt><dd class="prose">{t}</dd></div> }).collect_view()}
                    </dl>
                })}
            </div>
            <div>
                <dl class="kvs" data-testid="review-facts">
                    {facts.into_iter().map(|(m, v)| view! { <div class="kv"><dt>{tr(m)}</dt><dd>{v}</dd></div> }).collect_view()}
                </dl>
                <h3>{tr(Msg::PostedBy)}</h3>
                <p data-testid="review-org"><a href=format!("/orgs/{}", org.id)>{org_name}</a>" · "{tr(org.kind.msg())}" "
                    {org.verified.then(|| view! { <span class="badge">{tr(Msg::OrgVerified)}</span> })}</p>
                <h3>{tr(Msg::HistoryTitle)}</h3>
                <super::detail::PostingHistory history=p.history.clone()/>
            </div>
        </div>
    }
}
