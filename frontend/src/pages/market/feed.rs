//! "为我推荐": the best matches for everything the user's organizations have published.

use leptos::prelude::*;
use leptos_router::components::Redirect;
use shared::Msg;
use shared::market::PostingKind;
use shared::matching::FeedEntry;

use super::matches::MatchCard;
use crate::api;
use crate::components::data::{Loading, resource_view};
use crate::components::form::{FormErrors, SelectField};
use crate::components::labels::bilingual;
use crate::i18n::{locale, tr};
use crate::session::use_session;

#[component]
pub fn Feed() -> impl IntoView {
    let session = use_session();
    move || match (session.loaded.get(), session.me.with(Option::is_some)) {
        (false, _) => view! { <Loading/> }.into_any(),
        (true, false) => view! { <Redirect path="/login?next=/feed"/> }.into_any(),
        (true, true) => view! { <FeedList/> }.into_any(),
    }
}

#[component]
fn FeedList() -> impl IntoView {
    let kind = RwSignal::new(String::new());
    let min_score = RwSignal::new(String::new());
    let data = LocalResource::new(move || {
        let (k, m) = (PostingKind::parse(&kind.get()), min_score.get().parse::<u8>().ok());
        async move { api::feed(k, m).await }
    });
    let kinds = Signal::derive(move || {
        PostingKind::ALL.iter().map(|k| (k.as_str().to_owned(), k.msg().t(locale()).to_owned())).collect()
    });
    let minimums = Signal::derive(|| ["50", "70", "85"].iter().map(|m| (m.to_string(), format!("≥ {m}"))).collect());
    view! {
        <section class="page">
            <h1>{tr(Msg::FeedTitle)}</h1>
            <p class="muted">{tr(Msg::FeedIntro)}</p>
            <div class="filters filters-postings">
                <SelectField label=Msg::FilterType name="feed_kind" value=kind options=kinds errors=FormErrors::new()/>
                <SelectField label=Msg::MatchMinScore name="feed_min" value=min_score options=minimums errors=FormErrors::new()/>
            </div>
            {resource_view(data, move |list: Vec<FeedEntry>| {
                if list.is_empty() {
                    return view! { <p class="state">{tr(Msg::FeedEmpty)}</p> }.into_any();
                }
                view! {
                    <ol class="match-list" data-testid="feed">
                        {list.into_iter().map(|e| {
                            let (zh, en) = (e.source_title_zh.clone(), e.source_title_en.clone());
                            let source = move || bilingual(&zh, en.as_deref(), locale());
                            let href = format!("{}/{}", super::ui_path(e.source_kind), e.m.source_id);
                            view! {
                                <li class="feed-entry">
                                    <p class="small muted">{tr(Msg::FeedFor)}<a href=href>{source}</a></p>
                                    <ol class="match-list"><MatchCard m=e.m mine=true changed=Callback::new(move |_| data.refetch())/></ol>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }
                .into_any()
            })}
        </section>
    }
}
