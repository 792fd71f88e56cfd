use leptos::prelude::*;
use leptos_router::components::A;
use shared::market::{DemandType, Posting, PostingKind, PostingSpec, PostingStatus};
use shared::taxonomy::TermKind;
use shared::{Locale, Msg};

use super::matches::{BundlesPanel, ConsultantsPanel, MatchesPanel};
use super::{amount, type_label, ui_path};
use crate::api;
use crate::components::act::Act;
use crate::components::data::{ErrorView, resource_view};
use crate::components::labels::{Localized, TaxonomyCtx, Typed, bilingual, date, day, use_taxonomy};
use crate::components::route::route_id;
use crate::i18n::{locale, tr};
use crate::pages::engage::RequestPanel;
use crate::pages::opencall::OpenCallPanel;

#[component]
pub fn PostingDetail(kind: PostingKind) -> impl IntoView {
    let id = route_id("id");
    let data = LocalResource::new(move || {
        let id = id.get();
        async move { api::posting(kind, id).await }
    });
    let changed = Callback::new(move |_| data.refetch());
    view! {
        <section class="page">
            {resource_view(data, move |p: Posting| {
                crate::head::name_page((&p.title_zh, p.title_en.as_deref()), (&p.summary_zh, p.summary_en.as_deref()));
                let published = p.status == PostingStatus::Published;
                let (id, mine, owner_org) = (p.id, p.mine, p.org.id);
                let call = match &p.spec {
                    PostingSpec::Demand(d) => d.open_call.clone(),
                    _ => None,
                };
                let consultation =
                    matches!(&p.spec, PostingSpec::Demand(d) if d.demand_type == shared::market::DemandType::ExpertConsultation);
                view! {
                    {p.mine.then(|| view! { <OwnerPanel posting=p.clone() changed=changed/> })}
                    <PostingView posting=p/>
                    {call.filter(|_| published).map(|c| view! { <OpenCallPanel demand=id call=c mine=mine owner_org=owner_org/> })}
                    {(published && !mine).then(|| view! { <RequestPanel posting_id=id kind=kind owner_org=owner_org/> })}
                    {published.then(|| view! { <MatchesPanel kind=kind id=id mine=mine/> })}
                    {(published && kind == PostingKind::Demand).then(|| view! { <BundlesPanel id=id mine=mine/> })}
                    {(published && mine && consultation).then(|| view! { <ConsultantsPanel id=id/> })}
                }
            })}
        </section>
    }
}

/// (label, value) rows describing a posting's kind-specific part, in the reader's language.
pub(crate) fn spec_rows(p: &Posting, tax: TaxonomyCtx, l: Locale) -> Vec<(Msg, String)> {
    let mut rows = vec![];
    let none = || Msg::NotSet.t(l).to_owned();
    match &p.spec {
        PostingSpec::Demand(d) => {
            rows.push((Msg::TrlLabel, format!("TRL {}", d.trl)));
            if d.demand_type == DemandType::Funding {
                let sought = d.amount_sought;
                rows.push((Msg::AmountSoughtLabel, amount(sought, sought, l).unwrap_or_else(none)));
                let round = d.round.as_deref().map(|r| tax.get().label(TermKind::InvestmentStage, r, l).to_owned());
                rows.push((Msg::RoundLabel, round.unwrap_or_else(|| Msg::RoundNotSaid.t(l).to_owned())));
            } else {
                rows.push((Msg::BudgetLabel, amount(d.budget_min, d.budget_max, l).unwrap_or_else(none)));
            }
            if let Some(s) = &d.start {
                rows.push((Msg::StartLabel, day(s)));
            }
            if let Some(call) = &d.open_call {
                rows.push((Msg::RewardLabel, amount(Some(call.reward), Some(call.reward), l).unwrap_or_default()));
                rows.push((Msg::ApplicationDeadline, day(&call.application_deadline)));
            }
            if let Some(o) = &d.expected_outcome {
                rows.push((Msg::ExpectedOutcome, o.clone()));
            }
            if let Some(i) = &d.indicators {
                rows.push((Msg::Indicators, i.clone()));
            }
        }
        PostingSpec::Capability(c) => {
            rows.push((Msg::TrlLabel, format!("TRL {}", c.trl)));
            rows.push((Msg::IpStatusLabel, c.ip_status.msg().t(l).to_owned()));
            if !c.patents.is_empty() {
                rows.push((Msg::PatentsLabel, c.patents.join(Msg::ListSep.t(l))));
            }
            rows.push((
                Msg::ModesLabel,
                c.modes.iter().map(|m| m.msg().t(l)).collect::<Vec<_>>().join(Msg::ListSep.t(l)),
            ));
            let price =
                if c.negotiable { Some(Msg::Negotiable.t(l).to_owned()) } else { amount(c.price_min, c.price_max, l) };
            rows.push((Msg::PriceLabel, price.unwrap_or_else(none)));
            if let Some(t) = &c.team {
                rows.push((Msg::TeamLabel, t.clone()));
            }
            if let Some(cs) = &c.cases {
                rows.push((Msg::CasesLabel, cs.clone()));
            }
        }
        PostingSpec::Scenario(s) => {
            rows.push((Msg::SiteLabel, s.site.clone()));
            rows.push((Msg::SeeksLabel, s.seeks.clone()));
            rows.push((
                Msg::OffersLabel,
                s.offers.iter().map(|o| o.msg().t(l)).collect::<Vec<_>>().join(Msg::ListSep.t(l)),
            ));
            if let (Some(a), Some(b)) = (&s.pilot_start, &s.pilot_end) {
                rows.push((Msg::PilotPeriod, format!("{} – {}", day(a), day(b))));
            }
            rows.push((Msg::SlotsLabel, s.slots.to_string()));
        }
        PostingSpec::Mandate(m) => {
            rows.push((
                Msg::StagesLabel,
                m.stages
                    .iter()
                    .map(|s| tax.label(TermKind::InvestmentStage, s, l))
                    .collect::<Vec<_>>()
                    .join(Msg::ListSep.t(l)),
            ));
            rows.push((Msg::TicketLabel, amount(m.ticket_min, m.ticket_max, l).unwrap_or_else(none)));
            if !m.districts.is_empty() {
                rows.push((
                    Msg::DistrictsLabel,
                    m.districts
                        .iter()
                        .map(|d| tax.label(TermKind::District, d, l))
                        .collect::<Vec<_>>()
                        .join(Msg::ListSep.t(l)),
                ));
            }
            if let Some(f) = m.fund_size {
                rows.push((Msg::FundSizeLabel, amount(Some(f), Some(f), l).unwrap_or_default()));
            }
            if let Some(p) = &m.portfolio {
                rows.push((Msg::PortfolioLabel, p.clone()));
            }
        }
    }
    rows
}

#[component]
fn PostingView(posting: Posting) -> impl IntoView {
    let tax = use_taxonomy();
    let p = StoredValue::new(posting);
    let text = move |zh: fn(&Posting) -> String, en: fn(&Posting) -> Option<String>| p.with_value(|p| (zh(p), en(p)));
    let title = text(|p| p.title_zh.clone(), |p| p.title_en.clone());
    let summary = text(|p| p.summary_zh.clone(), |p| p.summary_en.clone());
    let details = text(|p| p.details_zh.clone().unwrap_or_default(), |p| p.details_en.clone());
    let hidden = p.with_value(|p| p.details_hidden);
    let kind = p.with_value(|p| p.spec.kind());
    let type_code = p.with_value(|p| p.spec.facets().0);
    let org = p.with_value(|p| p.org.clone());
    let org_href = format!("/orgs/{}", org.id);
    let org_label = move || bilingual(&org.name_zh, org.name_en.as_deref(), locale());
    let open_call = p.with_value(|p| matches!(&p.spec, PostingSpec::Demand(d) if d.open_call.is_some()));
    view! {
        <div class="profile-head">
            <div>
                <h1 data-testid="posting-title"><Localized zh=title.0 en=title.1/></h1>
                <p>
                    <span class="badge">{tr(kind.msg())}</span>" "
                    <span class="badge badge-muted">{move || type_label(kind, &type_code, tax, locale())}</span>" "
                    {open_call.then(|| view! { <span class="badge badge-accent">{tr(Msg::OpenCallBadge)}</span> })}
                    {p.with_value(|p| p.status) .ne(&shared::market::PostingStatus::Published).then(|| {
                        let status = p.with_value(|p| p.status);
                        view! { <span class="badge badge-muted">{tr(status.msg())}</span> }
                    })}
                </p>
            </div>
        </div>
        <div class="grid-2">
            <div class="card">
                <h2>{tr(Msg::SummaryLabel)}</h2>
                <p class="prose" data-testid="posting-summary"><Localized zh=summary.0 en=summary.1/></p>
                <h2>{tr(Msg::DetailsLabel)}</h2>
                {if hidden {
                    view! { <p class="notice">{tr(Msg::DetailsHidden)}</p> }.into_any()
                } else {
                    view! { <p class="prose" data-testid="posting-details"><Localized zh=details.0.clone() en=details.1.clone()/></p> }.into_any()
                }}
                <h3>{tr(Msg::OrgDomains)}</h3>
                <ul class="chips">
                    {move || p.with_value(|p| p.domains.clone()).into_iter().map(|d| view! { <li class="chip">{tax.label(TermKind::Domain, &d, locale())}</li> }).collect_view()}
                </ul>
                <h3>{tr(Msg::KeywordsLabel)}</h3>
                <ul class="chips">
                    {p.with_value(|p| p.keywords.clone()).into_iter().map(|k| view! { <li class="chip"><Typed text=k/></li> }).collect_view()}
                </ul>
            </div>
            <div>
                <dl class="card kvs" data-testid="posting-facts">
                    {move || p.with_value(|pv| spec_rows(pv, tax, locale())).into_iter().map(|(label, value)| view! {
                        <div class="kv"><dt>{tr(label)}</dt><dd>{value}</dd></div>
                    }).collect_view()}
                    {p.with_value(|p| p.deadline).map(|d| view! { <div class="kv"><dt>{tr(Msg::DeadlineLabel)}</dt><dd>{day(&d)}</dd></div> })}
                    {p.with_value(|p| p.district.clone()).map(|d| view! { <div class="kv"><dt>{tr(Msg::OrgDistrict)}</dt><dd>{move || tax.label(TermKind::District, &d, locale())}</dd></div> })}
                    {p.with_value(|p| p.published_at).map(|t| view! { <div class="kv"><dt>{tr(Msg::PublishedOn)}</dt><dd>{date(&t)}</dd></div> })}
                </dl>
                <div class="card">
                    <h2>{tr(Msg::PostedBy)}</h2>
                    <A href=org_href attr:class="org-name">{org_label}</A>
                    <p class="muted">{tr(p.with_value(|p| p.org.kind).msg())}</p>
                </div>
            </div>
        </div>
    }
}

/// Status, the reviewer's reason, the actions the owner may take now, and the history.
#[component]
fn OwnerPanel(posting: Posting, changed: Callback<()>) -> impl IntoView {
    let kind = posting.spec.kind();
    let id = posting.id;
    let status = posting.status;
    let error = RwSignal::new(None::<shared::ApiError>);
    let act = Act::new(move |action: &&'static str| {
        let action = *action;
        async move { api::posting_action(kind, id, action).await }
    })
    .on_answer(move |answer| match answer {
        Ok(_) => changed.run(()),
        Err(e) => error.set(Some(e)),
    });
    let close = move |_| {
        let ok = web_sys::window().and_then(|w| w.confirm_with_message(tr(Msg::ConfirmClose)()).ok()).unwrap_or(false);
        if ok {
            act.dispatch("close");
        }
    };
    let open = !matches!(status, PostingStatus::Closed | PostingStatus::Expired);
    let can_submit = matches!(status, PostingStatus::Draft | PostingStatus::Rejected);
    let notice = match status {
        PostingStatus::Draft => Some(Msg::DraftNotice),
        PostingStatus::Submitted => Some(Msg::SubmittedNotice),
        _ => None,
    };
    let reason = posting.reject_reason.clone();
    let pending = posting.pending_revision.is_some();
    let history = posting.history.clone();
    view! {
        <aside class="card owner-panel" data-testid="owner-panel">
            <h2>{tr(Msg::OwnerPanelTitle)}" "<span class="badge" data-testid="posting-status">{tr(status.msg())}</span></h2>
            {notice.map(|m| view! { <p class="muted">{tr(m)}</p> })}
            {reason.map(|r| view! { <p class="notice" data-testid="reject-reason">{tr(Msg::RejectedBecause)}{r}</p> })}
            {pending.then(|| view! { <p class="notice">{tr(Msg::PendingEditNotice)}</p> })}
            {move || error.get().map(|e| view! { <ErrorView error=e/> })}
            <div class="actions">
                {open.then(|| view! {
                    <A href=format!("{}/{id}/edit", ui_path(kind)) attr:class="btn btn-secondary" attr:data-testid="edit-posting">{tr(Msg::EditPosting)}</A>
                })}
                " "
                {can_submit.then(|| view! {
                    <button class="btn btn-primary" data-testid="submit-posting" disabled=move || act.pending().get()
                        on:click=move |_| { act.dispatch("submit"); }>{tr(Msg::SubmitForReview)}</button>
                })}
                " "
                {open.then(|| view! {
                    <button class="btn btn-ghost" data-testid="close-posting" disabled=move || act.pending().get() on:click=close>{tr(Msg::ClosePosting)}</button>
                })}
            </div>
            <details>
                <summary>{tr(Msg::HistoryTitle)}</summary>
                <PostingHistory history=history/>
            </details>
        </aside>
    }
}

/// What happened to a posting, oldest first: when, what, who, why.
#[component]
pub(crate) fn PostingHistory(history: Vec<shared::market::PostingEvent>) -> impl IntoView {
    view! {
        <ol class="history" data-testid="posting-history">
            {history.into_iter().map(|e| {
                let actor = e.actor.clone();
                view! {
                    <li>
                        <time>{crate::components::labels::when(&e.at)}</time>" · "{tr(e.action.msg())}" · "
                        {move || actor.clone().unwrap_or_else(|| tr(Msg::SystemActor)().to_owned())}
                        {e.reason.map(|r| view! { " — "{r} })}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}
