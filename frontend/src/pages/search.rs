//! `/search?q=&kind=`: results from every kind, grouped by kind with counts, matches highlighted.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use shared::Msg;
use shared::market::{PostingKind, SearchHit, SearchQuery, SearchResults};

use super::market::ui_path;
use crate::api;
use crate::components::data::resource_view;
use crate::components::labels::bilingual;
use crate::i18n::{locale, tr};

#[component]
pub fn Search() -> impl IntoView {
    let query = use_query_map();
    let q = Memo::new(move |_| SearchQuery {
        q: query.with(|m| m.get("q")).unwrap_or_default(),
        kind: query.with(|m| m.get("kind")).as_deref().and_then(PostingKind::parse),
        page: None,
        per_page: None,
    });
    let data = LocalResource::new(move || {
        let q = q.get();
        async move { api::search(&q).await }
    });
    let tab = move |kind: Option<PostingKind>, label: String| {
        let text = q.with_untracked(|q| js_sys::encode_uri_component(&q.q).as_string().unwrap_or_default());
        let href = match kind {
            Some(k) => format!("/search?q={text}&kind={}", k.as_str()),
            None => format!("/search?q={text}"),
        };
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
            {resource_view(data, move |r: SearchResults| {
                let total: u64 = r.by_kind.iter().map(|k| k.count).sum();
                view! {
                    <nav class="tabs" aria-label=tr(Msg::FilterType)>
                        {tab(None, format!("{} ({total})", Msg::SearchAll.t(locale())))}
                        {r.by_kind.iter().map(|k| tab(Some(k.kind), format!("{} ({})", k.kind.msg().t(locale()), k.count))).collect_view()}
                    </nav>
                    {r.hits.is_empty().then(|| view! { <p class="state">{tr(Msg::SearchNone)}</p> })}
                    <ul class="hits">
                        {r.hits.into_iter().map(|h| view! { <Hit hit=h/> }).collect_view()}
                    </ul>
                }
            })}
        </section>
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
    view! {
        <li class="card hit">
            <span class="badge">{tr(hit.kind.msg())}</span>
            <A href=href attr:class="posting-title"><span inner_html=title></span></A>
            <p class="muted small">{org}</p>
            <p inner_html=summary></p>
        </li>
    }
}
