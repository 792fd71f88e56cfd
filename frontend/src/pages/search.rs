//! `/search?q=&kind=&domain=&district=`: results from every kind, grouped by kind with counts, each
//! with its key facts and the matches highlighted; when nothing is found, what to try instead.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use shared::Msg;
use shared::market::{PostingKind, SearchHit, SearchQuery, SearchResults};

use shared::taxonomy::TermKind;

use super::market::{amount, type_label, ui_path};
use crate::api;
use crate::components::data::resource_view;
use crate::components::labels::{bilingual, day, use_taxonomy};
use crate::i18n::{locale, text, tr};

#[component]
pub fn Search() -> impl IntoView {
    let query = use_query_map();
    let q = Memo::new(move |_| SearchQuery {
        q: query.with(|m| m.get("q")).unwrap_or_default(),
        kind: query.with(|m| m.get("kind")).as_deref().and_then(PostingKind::parse),
        domain: query.with(|m| m.get("domain")).filter(|d| !d.is_empty()),
        district: query.with(|m| m.get("district")).filter(|d| !d.is_empty()),
        page: None,
        per_page: None,
    });
    let navigate = StoredValue::new(leptos_router::hooks::use_navigate());
    let go = move |s: SearchQuery| navigate.with_value(|n| n(&url_for(&s), Default::default()));
    let tax = use_taxonomy();
    let filter = move |id: &'static str,
                       label: Msg,
                       kind: TermKind,
                       get: fn(&SearchQuery) -> Option<String>,
                       set: fn(&mut SearchQuery, Option<String>)| {
        view! {
            <label class="sr-only" for=id>{tr(label)}</label>
            <select id=id on:change=move |ev| {
                let v = event_target_value(&ev);
                let mut s = q.get_untracked();
                set(&mut s, (!v.is_empty()).then_some(v));
                go(s);
            }>
                <option value="">{tr(label)}</option>
                {move || {
                    let current = q.with(get);
                    tax.get().of(kind).map(|t| {
                        let selected = current.as_deref() == Some(t.code.as_str());
                        view! { <option value=t.code.clone() selected=selected>{t.label(locale()).to_owned()}</option> }
                    }).collect_view()
                }}
            </select>
        }
    };
    let data = LocalResource::new(move || {
        let q = q.get();
        async move { api::search(&q).await }
    });
    let tab = move |kind: Option<PostingKind>, label: String| {
        let href = url_for(&SearchQuery { kind, ..q.get_untracked() });
        let active = move || q.with(|q| q.kind == kind);
        view! { <A href=href attr:class=move || if active() { "tab active" } else { "tab" }>{label}</A> }
    };
    let session = crate::session::use_session();
    let save = Action::new_local(move |_: &()| {
        let q = q.get_untracked();
        async move { api::save_search(&shared::notify::NewSavedSearch { q: q.q, kind: q.kind, domain: None }).await }
    });
    view! {
        <section class="page">
            <h1>{tr(Msg::SearchTitle)}</h1>
            {move || (session.me.with(Option::is_some) && q.with(|q| !q.q.trim().is_empty())).then(|| view! {
                <div class="actions">
                    <button class="btn btn-secondary" data-testid="save-search" disabled=move || save.pending().get()
                        on:click=move |_| { save.dispatch(()); }>{tr(Msg::SaveSearch)}</button>
                    {move || match save.value().get() {
                        Some(Ok(_)) => Some(view! { <span class="muted" data-testid="search-saved">" "{tr(Msg::SearchSaved)}</span> }.into_any()),
                        Some(Err(e)) => Some(view! { <crate::components::data::ErrorView error=e/> }.into_any()),
                        None => None,
                    }}
                </div>
            })}
            <div class="filters filters-search">
                {filter("s-domain", Msg::OrgDomains, TermKind::Domain, |s| s.domain.clone(), |s, v| s.domain = v)}
                {filter("s-district", Msg::OrgDistrict, TermKind::District, |s| s.district.clone(), |s, v| s.district = v)}
            </div>
            {resource_view(data, move |r: SearchResults| {
                let total: u64 = r.by_kind.iter().map(|k| k.count).sum();
                let nothing = r.items.is_empty() && q.with_untracked(|q| !q.q.trim().is_empty());
                view! {
                    <nav class="tabs" aria-label=tr(Msg::FilterType)>
                        {tab(None, format!("{} ({total})", Msg::SearchAll.t(locale())))}
                        {r.by_kind.iter().map(|k| tab(Some(k.kind), format!("{} ({})", k.kind.msg().t(locale()), k.count))).collect_view()}
                    </nav>
                    {nothing.then(|| view! { <NothingFound suggestions=r.suggestions.clone() without_filters=r.without_filters query=q.get_untracked()/> })}
                    <ul class="hits">
                        {r.items.into_iter().map(|h| view! { <Hit hit=h/> }).collect_view()}
                    </ul>
                }
            })}
        </section>
    }
}

fn url_for(s: &SearchQuery) -> String {
    let pairs = [
        ("q", Some(s.q.clone())),
        ("kind", s.kind.map(|k| k.as_str().to_owned())),
        ("domain", s.domain.clone()),
        ("district", s.district.clone()),
    ];
    let parts: Vec<String> = pairs
        .into_iter()
        .filter_map(|(k, v)| v.filter(|v| !v.is_empty()).map(|v| format!("{k}={}", js_sys::encode_uri_component(&v))))
        .collect();
    format!("/search?{}", parts.join("&"))
}

/// Nothing found: the words to try, what dropping the filters finds, and how to ask differently.
#[component]
fn NothingFound(suggestions: Vec<String>, without_filters: Option<u64>, query: SearchQuery) -> impl IntoView {
    let unfiltered = SearchQuery { domain: None, district: None, ..query.clone() };
    view! {
        <div class="state nothing-found" data-testid="search-none">
            <p>{tr(Msg::SearchNone)}</p>
            {(!suggestions.is_empty()).then(|| view! {
                <p data-testid="suggestions">{tr(Msg::SearchTry)}" "
                    {suggestions.into_iter().map(|w| {
                        let href = url_for(&SearchQuery { q: w.clone(), ..query.clone() });
                        view! { <A href=href attr:class="chip">{w}</A>" " }
                    }).collect_view()}
                </p>
            })}
            {without_filters.filter(|n| *n > 0).map(|n| view! {
                <p><A href=url_for(&unfiltered) attr:data-testid="drop-filters">
                    {move || text::SearchWithoutFilters { n: &n }.t(locale())}
                </A></p>
            })}
            <p class="small muted">{tr(Msg::SearchTips)}</p>
        </div>
    }
}

#[component]
fn Hit(hit: SearchHit) -> impl IntoView {
    let href = format!("{}/{}", ui_path(hit.kind), hit.id);
    let en = locale() == shared::Locale::En;
    // The *_html fields come from the server already escaped, with only <b> added around matches.
    let title = if en && !hit.title_en_html.is_empty() { hit.title_en_html.clone() } else { hit.title_zh_html.clone() };
    let summary =
        if en && !hit.summary_en_html.is_empty() { hit.summary_en_html.clone() } else { hit.summary_zh_html.clone() };
    let org = bilingual(&hit.org_name_zh, hit.org_name_en.as_deref(), locale());
    let tax = use_taxonomy();
    let facts = {
        let h = hit.clone();
        move || {
            let l = locale();
            let mut parts = vec![];
            if !h.type_code.is_empty() {
                parts.push(type_label(h.kind, &h.type_code, tax, l));
            }
            parts.extend(h.domains.iter().map(|d| tax.label(TermKind::Domain, d, l)));
            if let Some(t) = h.trl {
                parts.push(format!("TRL {t}"));
            }
            parts.extend(amount(h.amount_min, h.amount_max, l));
            if let Some(d) = &h.district {
                parts.push(tax.label(TermKind::District, d, l));
            }
            if let Some(d) = &h.deadline {
                parts.push(format!("{} {}", Msg::DeadlineLabel.t(l), day(d)));
            }
            parts.join(" · ")
        }
    };
    view! {
        <li class="card hit">
            <span class="badge">{tr(hit.kind.msg())}</span>
            <A href=href attr:class="posting-title"><span inner_html=title></span></A>
            <p class="muted small">{org}</p>
            <p class="small hit-facts" data-testid="hit-facts">{facts}</p>
            <p inner_html=summary></p>
        </li>
    }
}
