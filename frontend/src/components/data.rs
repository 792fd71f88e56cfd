use leptos::prelude::*;
use shared::i18n::text;
use shared::page::Page;
use shared::{ApiError, Msg};

use crate::i18n::{locale, tr};

#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="state state-loading" role="status" aria-live="polite">{tr(Msg::Loading)}</p> }
}

/// An error message with an optional retry.
#[component]
pub fn ErrorView(error: ApiError, #[prop(optional, into)] retry: Option<Callback<()>>) -> impl IntoView {
    view! {
        <div class="state state-error" role="alert">
            <p>{error.error.message.clone()}</p>
            {retry.map(|r| view! { <button class="btn btn-secondary" on:click=move |_| r.run(())>{tr(Msg::Retry)}</button> })}
        </div>
    }
}

/// Renders a resource: loading, error (with retry) or `view(value)`.
pub fn resource_view<T, V>(
    resource: LocalResource<Result<T, ApiError>>,
    view: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
{
    move || match resource.get() {
        None => view! { <Loading/> }.into_any(),
        Some(Err(e)) => view! { <ErrorView error=e retry=Callback::new(move |_| resource.refetch())/> }.into_any(),
        Some(Ok(v)) => view(v).into_any(),
    }
}

/// A paged list of cards: loading and error states, an empty message, the cards, the pager.
pub fn paged_cards<T, V>(
    resource: LocalResource<Result<Page<T>, ApiError>>,
    empty: Msg,
    card: fn(T) -> V,
    on_page: Callback<u32>,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    resource_view(resource, move |page: Page<T>| {
        let nothing = page.items.is_empty();
        view! {
            {nothing.then(|| view! { <p class="state">{tr(empty)}</p> })}
            <ul class="cards">{page.items.clone().into_iter().map(card).collect_view()}</ul>
            <Pager page=page on_page=on_page/>
        }
    })
}

/// Previous / next with "page x of y".
#[component]
pub fn Pager<T: Send + Sync + 'static>(page: Page<T>, on_page: Callback<u32>) -> impl IntoView {
    let pages = page.pages();
    let current = page.page;
    let total = page.total;
    let label = move || text::PageOf { page: &current, pages: &pages, total: &total }.t(locale());
    view! {
        <nav class="pager" aria-label="pagination">
            <button class="btn btn-secondary" disabled={current <= 1} on:click=move |_| on_page.run(current - 1)>
                {tr(Msg::PrevPage)}
            </button>
            <span>{label}</span>
            <button class="btn btn-secondary" disabled={current >= pages} on:click=move |_| on_page.run(current + 1)>
                {tr(Msg::NextPage)}
            </button>
        </nav>
    }
}

/// A horizontal bar `percent` (0–100) of its box, drawn in SVG: the Content-Security-Policy allows
/// no inline style, so widths are geometry, not CSS.
#[component]
pub fn Bar(percent: f64, class: &'static str) -> impl IntoView {
    let width = percent.clamp(0.0, 100.0);
    view! {
        <svg class=class viewBox="0 0 100 1" preserveAspectRatio="none" aria-hidden="true">
            <rect width=width height="1"></rect>
        </svg>
    }
}

/// A draft (an event, a competition): what it means, and for those who run it the button that
/// publishes it; the refusal (an organization not yet verified) shows under it.
#[component]
pub fn DraftNotice(
    text: shared::Msg,
    button: shared::Msg,
    testid: &'static str,
    can_publish: bool,
    publish: Action<(), Result<(), ApiError>>,
) -> impl IntoView {
    view! {
        <div class="notice" role="status" data-testid=testid>
            <p>{tr(text)}</p>
            {can_publish.then(|| view! {
                <p class="actions">
                    <button class="btn btn-primary" data-testid=format!("{testid}-publish") disabled=move || publish.pending().get()
                        on:click=move |_| { publish.dispatch(()); }>{tr(button)}</button>
                </p>
            })}
            {move || match publish.value().get() {
                Some(Err(e)) => Some(view! { <ErrorView error=e/> }),
                _ => None,
            }}
        </div>
    }
}

/// The answer to an invitation (a team, an event's staff): accept or decline, with the refusal
/// shown above the buttons. What happens once an answer went through is `answer`'s own callback.
#[component]
pub fn AcceptDecline(
    answer: Action<bool, Result<(), ApiError>>,
    accept: shared::Msg,
    decline: shared::Msg,
    testid: &'static str,
) -> impl IntoView {
    view! {
        {move || match answer.value().get() {
            Some(Err(e)) => Some(view! { <ErrorView error=e/> }),
            _ => None,
        }}
        <p class="actions">
            <button class="btn btn-primary" data-testid=format!("{testid}-accept") disabled=move || answer.pending().get()
                on:click=move |_| { answer.dispatch(true); }>{tr(accept)}</button>
            <button class="btn btn-ghost" data-testid=format!("{testid}-decline") disabled=move || answer.pending().get()
                on:click=move |_| { answer.dispatch(false); }>{tr(decline)}</button>
        </p>
    }
}

/// A list page's words, read from the URL's `q`, and the callback that puts new ones there (the
/// page's other query parameters are the list's own state and stay as they are).
pub fn keyword_in_url(path: &'static str) -> (Signal<Option<String>>, Callback<Option<String>>) {
    let query = leptos_router::hooks::use_query_map();
    let navigate = StoredValue::new(leptos_router::hooks::use_navigate());
    let words = Signal::derive(move || query.with(|q| q.get("q")).filter(|w| !w.trim().is_empty()));
    let search = Callback::new(move |words: Option<String>| {
        let url = match words {
            Some(w) => format!("{path}?q={}", js_sys::encode_uri_component(&w)),
            None => path.to_owned(),
        };
        navigate.with_value(|n| n(&url, Default::default()));
    });
    (words, search)
}

/// What a keyword that found nothing says: try other words, or clear it.
#[component]
pub fn NothingFound(clear: &'static str) -> impl IntoView {
    view! {
        <div class="state" data-testid="nothing-found">
            <p>{tr(Msg::KeywordNothingFound)}</p>
            <a href=clear class="btn btn-ghost">{tr(Msg::KeywordClear)}</a>
        </div>
    }
}
