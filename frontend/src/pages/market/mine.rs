//! "My postings": every posting of the caller's organizations, in every state, one kind at a time.

use leptos::prelude::*;
use leptos_router::components::{A, Redirect};
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::Msg;
use shared::market::{PostingKind, PostingQuery, PostingStatus};

use super::form::new_label;
use super::list::PostingCard;
use super::ui_path;
use crate::api;
use crate::components::data::{Loading, paged_cards};
use crate::components::form::{FormErrors, SelectField};
use crate::i18n::{locale, tr};
use crate::session::use_session;

#[component]
pub fn MyPostings() -> impl IntoView {
    let session = use_session();
    move || match (session.loaded.get(), session.me.with(Option::is_some)) {
        (false, _) => view! { <Loading/> }.into_any(),
        (true, false) => view! { <Redirect path="/login?next=/my/postings"/> }.into_any(),
        (true, true) => view! { <MyPostingsList/> }.into_any(),
    }
}

#[component]
fn MyPostingsList() -> impl IntoView {
    let session = use_session();
    let query = use_query_map();
    let navigate = StoredValue::new(use_navigate());
    let kind = Memo::new(move |_| {
        query.with(|q| q.get("kind")).as_deref().and_then(PostingKind::parse).unwrap_or(PostingKind::Demand)
    });
    let status = Memo::new(move |_| query.with(|q| q.get("status")).as_deref().and_then(PostingStatus::parse));
    let page = Memo::new(move |_| query.with(|q| q.get("page")).and_then(|p| p.parse::<u32>().ok()));
    let go = move |k: PostingKind, s: Option<PostingStatus>, p: Option<u32>| {
        let mut url = format!("/my/postings?kind={}", k.as_str());
        if let Some(s) = s {
            url.push_str(&format!("&status={}", s.as_str()));
        }
        if let Some(p) = p.filter(|p| *p > 1) {
            url.push_str(&format!("&page={p}"));
        }
        navigate.with_value(|n| n(&url, Default::default()));
    };
    let data = LocalResource::new(move || {
        let (k, q) = (
            kind.get(),
            PostingQuery {
                mine: Some(true),
                status: status.get(),
                page: page.get(),
                per_page: Some(20),
                ..Default::default()
            },
        );
        async move { api::postings(k, &q).await }
    });
    let status_value = RwSignal::new(status.get_untracked().map(|s| s.as_str().to_owned()).unwrap_or_default());
    Effect::new(move |prev: Option<String>| {
        let v = status_value.get();
        if prev.is_some_and(|p| p != v) {
            go(kind.get_untracked(), PostingStatus::parse(&v), None);
        }
        v
    });
    let statuses = Signal::derive(move || {
        PostingStatus::ALL.iter().map(|s| (s.as_str().to_owned(), s.msg().t(locale()).to_owned())).collect()
    });
    let may_post = move |k: PostingKind| {
        session.me.with(|m| m.iter().flat_map(|m| &m.memberships).any(|m| k.allowed_for(m.org_kind)))
    };
    view! {
        <section class="page">
            <h1>{tr(Msg::MyPostings)}</h1>
            <p class="muted">{tr(Msg::MyPostingsIntro)}</p>
            <nav class="tabs" aria-label=tr(Msg::MyPostings)>
                {PostingKind::ALL.iter().map(|k| {
                    let k = *k;
                    view! {
                        <button class="tab" class:active=move || kind.get() == k aria-pressed=move || (kind.get() == k).to_string()
                            on:click=move |_| go(k, status.get_untracked(), None)>{tr(k.msg())}</button>
                    }
                }).collect_view()}
            </nav>
            <div class="filters">
                <SelectField label=Msg::FilterStatus name="status_filter" value=status_value options=statuses errors=FormErrors::new()/>
                {move || {
                    let k = kind.get();
                    may_post(k).then(|| view! {
                        <A href=format!("{}/new", ui_path(k)) attr:class="btn btn-primary" attr:data-testid="new-posting">{tr(new_label(k))}</A>
                    })
                }}
            </div>
            // The organization's own postings of this kind (in every state, or the chosen one) as a spreadsheet.
            <p class="exports small">
                {["xlsx", "csv"].into_iter().map(|format| {
                    let href = move || {
                        let q = PostingQuery { mine: Some(true), status: status.get(), ..Default::default() };
                        shared::routes::postings_export(kind.get(), &q, format)
                    };
                    let label = if format == "xlsx" { Msg::ExportXlsx } else { Msg::ExportPostingsCsv };
                    view! { <a href=href download data-testid=format!("export-{format}")>{tr(label)}</a>" " }
                }).collect_view()}
            </p>
            {paged_cards(data, Msg::PostingsEmpty, |p| view! { <PostingCard posting=p/> }, Callback::new(move |p: u32| {
                go(kind.get_untracked(), status.get_untracked(), Some(p));
            }))}
        </section>
    }
}
