use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::Msg;
use shared::market::{PostingKind, PostingQuery, PostingSort, PostingStatus, PostingSummary};
use shared::taxonomy::TermKind;

use super::form::new_label;
use super::{amount, type_label, type_options, ui_path};
use crate::api;
use crate::components::data::paged_cards;
use crate::components::form::KeywordBox;
use crate::components::labels::{Localized, bilingual, date, day, use_taxonomy};
use crate::i18n::{locale, tr};

/// The list page's address for these filters (the first page and the page size left implied).
fn url_for(kind: PostingKind, q: &PostingQuery) -> String {
    let shown = PostingQuery { page: q.page.filter(|p| *p > 1), per_page: None, ..q.clone() };
    format!("{}{}", ui_path(kind), shared::routes::query(&shared::routes::posting_filters(&shown)))
}

/// The list page of one kind. Every filter is in the URL: shareable, and the back button works.
#[component]
pub fn PostingList(kind: PostingKind, title: Msg, intro: Msg) -> impl IntoView {
    let query = use_query_map();
    let navigate = StoredValue::new(use_navigate());
    let filter = Memo::new(move |_| {
        query.with(|q| PostingQuery {
            q: q.get("q").filter(|w| !w.trim().is_empty()),
            domain: q.get("domain"),
            type_code: q.get("type"),
            district: q.get("district"),
            pilot_zone: q.get("pilot_zone"),
            trl_min: q.get("trl_min").and_then(|v| v.parse().ok()),
            amount_min: q.get("amount_min").and_then(|v| v.parse().ok()),
            amount_max: q.get("amount_max").and_then(|v| v.parse().ok()),
            sort: q.get("sort").as_deref().and_then(PostingSort::parse),
            page: q.get("page").and_then(|v| v.parse().ok()),
            per_page: Some(shared::market::LIST_PER_PAGE),
            ..Default::default()
        })
    });
    let data = LocalResource::new(move || {
        let f = filter.get();
        async move { api::postings(kind, &f).await }
    });
    let go = move |f: PostingQuery| navigate.with_value(|n| n(&url_for(kind, &f), Default::default()));
    let tax = use_taxonomy();
    let select = move |id: &'static str,
                       label: Msg,
                       options: Signal<Vec<(String, String)>>,
                       current: Signal<Option<String>>,
                       set: fn(&mut PostingQuery, Option<String>)| {
        view! {
            <label class="sr-only" for=id>{tr(label)}</label>
            <select id=id on:change=move |ev| {
                let v = event_target_value(&ev);
                let mut f = filter.get_untracked();
                set(&mut f, (!v.is_empty()).then_some(v));
                f.page = None;
                go(f);
            }>
                <option value="">{tr(label)}</option>
                {move || {
                    let cur = current.get();
                    options.get().into_iter().map(|(c, l)| {
                        let sel = cur.as_deref() == Some(c.as_str());
                        view! { <option value=c selected=sel>{l}</option> }
                    }).collect_view()
                }}
            </select>
        }
    };
    let terms = move |k: TermKind| {
        Signal::derive(move || {
            let l = locale();
            tax.get().of(k).map(|t| (t.code.clone(), t.label(l).to_owned())).collect::<Vec<_>>()
        })
    };
    let types = Signal::derive(move || type_options(kind, tax, locale()));
    let has_trl = matches!(kind, PostingKind::Demand | PostingKind::Capability);
    let has_amount = kind != PostingKind::Scenario;
    let trls = Signal::derive(|| (1..=9).map(|t| (t.to_string(), format!("TRL ≥ {t}"))).collect::<Vec<_>>());
    let amount_input =
        move |id: &'static str, label: Msg, current: Signal<Option<u32>>, set: fn(&mut PostingQuery, Option<u32>)| {
            view! {
                <label class="sr-only" for=id>{tr(label)}</label>
                <input id=id type="number" min="0" class="amount-filter" placeholder=tr(label)
                    prop:value=move || current.get().map(|v| v.to_string()).unwrap_or_default()
                    on:change=move |ev| {
                        let mut f = filter.get_untracked();
                        set(&mut f, event_target_value(&ev).trim().parse().ok());
                        f.page = None;
                        go(f);
                    }/>
            }
        };
    let session = crate::session::use_session();
    let may_post = Signal::derive(move || {
        session.me.with(|m| m.iter().flat_map(|m| &m.memberships).any(|m| kind.allowed_for(m.org_kind)))
    });
    let sorts = Signal::derive(move || {
        PostingSort::ALL.iter().map(|s| (s.as_str().to_owned(), s.msg().t(locale()).to_owned())).collect()
    });
    view! {
        <section class="page">
            <div class="page-head">
                <h1>{tr(title)}</h1>
                {move || may_post.get().then(|| view! {
                    <A href=format!("{}/new", ui_path(kind)) attr:class="btn btn-primary" attr:data-testid="new-posting">{tr(new_label(kind))}</A>
                })}
            </div>
            <p class="muted">{tr(intro)}</p>
            <KeywordBox current=Signal::derive(move || filter.with(|f| f.q.clone())) on_search=Callback::new(move |words: Option<String>| {
                let mut f = filter.get_untracked();
                f.q = words;
                f.page = None;
                go(f);
            })/>
            <div class="filters filters-postings">
                {select("f-domain", Msg::OrgDomains, terms(TermKind::Domain), Signal::derive(move || filter.with(|f| f.domain.clone())), |f, v| f.domain = v)}
                {select("f-type", Msg::FilterType, types, Signal::derive(move || filter.with(|f| f.type_code.clone())), |f, v| f.type_code = v)}
                {select("f-district", Msg::OrgDistrict, terms(TermKind::District), Signal::derive(move || filter.with(|f| f.district.clone())), |f, v| f.district = v)}
                {select("f-pilot_zone", Msg::OrgPilotZone, terms(TermKind::PilotZone), Signal::derive(move || filter.with(|f| f.pilot_zone.clone())), |f, v| f.pilot_zone = v)}
                {has_trl.then(|| select("f-trl", Msg::FilterTrlMin, trls, Signal::derive(move || filter.with(|f| f.trl_min.map(|t| t.to_string()))), |f, v| f.trl_min = v.and_then(|v| v.parse().ok())))}
                {has_amount.then(|| view! {
                    {amount_input("f-amount_min", Msg::FilterAmountMin, Signal::derive(move || filter.with(|f| f.amount_min)), |f, v| f.amount_min = v)}
                    {amount_input("f-amount_max", Msg::FilterAmountMax, Signal::derive(move || filter.with(|f| f.amount_max)), |f, v| f.amount_max = v)}
                })}
                {select("f-sort", Msg::FilterSort, sorts, Signal::derive(move || filter.with(|f| f.sort.map(|s| s.as_str().to_owned()))), |f, v| f.sort = v.as_deref().and_then(PostingSort::parse))}
                <A href=ui_path(kind) attr:class="btn btn-ghost">{tr(Msg::FilterReset)}</A>
            </div>
            // What the list shows with these filters, every page, as a spreadsheet (members).
            {move || session.me.with(|m| m.is_some()).then(|| view! {
                <p class="exports small">
                    <a href=move || shared::routes::postings_export(kind, &filter.get(), "xlsx") download data-testid="export-xlsx">{tr(Msg::ExportXlsx)}</a>
                    " · "
                    <a href=move || shared::routes::postings_export(kind, &filter.get(), "csv") download>{tr(Msg::ExportPostingsCsv)}</a>
                </p>
            })}
            {paged_cards(data, Msg::PostingsEmpty, |p| view! { <PostingCard posting=p/> }, Callback::new(move |p: u32| {
                let mut f = filter.get_untracked();
                f.page = Some(p);
                go(f);
            }))}
        </section>
    }
}

#[component]
pub fn PostingCard(posting: PostingSummary) -> impl IntoView {
    let tax = use_taxonomy();
    let p = posting.clone();
    let href = format!("{}/{}", ui_path(p.kind), p.id);
    let (title_zh, title_en) = (p.title_zh.clone(), p.title_en.clone());
    let meta = {
        let p = p.clone();
        move || {
            let l = locale();
            let mut parts = vec![type_label(p.kind, &p.type_code, tax, l)];
            if let Some(t) = p.trl {
                parts.push(format!("TRL {t}"));
            }
            if let Some(a) = amount(p.amount_min, p.amount_max, l) {
                parts.push(a);
            }
            if let Some(d) = &p.district {
                parts.push(tax.label(TermKind::District, d, l));
            }
            parts.join(" · ")
        }
    };
    let org = {
        let p = p.clone();
        move || bilingual(&p.org_name_zh, p.org_name_en.as_deref(), locale())
    };
    let domains = p.domains.clone();
    let deadline = p.deadline.as_ref().map(day);
    let published = p.published_at.map(|t| date(&t));
    view! {
        <li class="card posting-card">
            <A href=href attr:class="posting-title"><Localized zh=title_zh en=title_en/></A>
            {(p.status != PostingStatus::Published).then(|| view! { " "<span class="badge badge-muted" data-testid="card-status">{tr(p.status.msg())}</span> })}
            <p class="muted small">{org}</p>
            <p class="muted">{meta}</p>
            <ul class="chips">
                {move || domains.iter().map(|d| view! { <li class="chip">{tax.label(TermKind::Domain, d, locale())}</li> }).collect_view()}
            </ul>
            <p class="small muted">
                {deadline.map(|d| view! { {tr(Msg::DeadlineLabel)}" "{d}" · " })}
                {published.map(|d| view! { {tr(Msg::PublishedOn)}" "{d} })}
            </p>
        </li>
    }
}
