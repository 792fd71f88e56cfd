//! The frame of the site administrators' console: a side menu of its sections, each at its own
//! address (`/admin/{section}`) with a count of what waits there, around the section shown.
//! Sections that decide something call [`counts_refresher`]'s closure so the counts follow.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::Msg;
use shared::console::{Overview, Section};
use shared::i18n::text;

use crate::api;
use crate::i18n::{locale, tr};

#[derive(Clone, Copy)]
struct ConsoleCounts(LocalResource<crate::api::ApiResult<Overview>>);

/// What a section calls after a decision so the counts follow (taken when the section is built).
pub fn counts_refresher() -> impl Fn() + Copy + 'static {
    let counts = use_context::<ConsoleCounts>().map(|c| c.0);
    move || {
        if let Some(r) = counts {
            r.refetch();
        }
    }
}

/// The console's heading, menu and the section given as children.
#[component]
pub fn ConsoleFrame(children: Children) -> impl IntoView {
    let counts = LocalResource::new(api::admin_overview);
    provide_context(ConsoleCounts(counts));
    let overview = move || counts.get().and_then(Result::ok);
    view! {
        <section class="page console">
            <h1><A href="/admin">{tr(Msg::AdminTitle)}</A></h1>
            <div class="console-layout">
                <nav class="console-menu" aria-label=tr(Msg::ConsoleSections) data-testid="console-menu">
                    {Section::ALL.into_iter().map(|s| view! {
                        <A href=s.path() attr:data-testid=format!("console-{}", s.slug())>
                            <span>{tr(s.msg())}</span>
                            {move || overview().and_then(|o| s.waiting(&o)).filter(|n| *n > 0).map(|n| view! {
                                <span class="count" data-testid="console-count" aria-label=move || text::ConsoleWaiting { n: &n }.t(locale())>{n}</span>
                            })}
                        </A>
                    }).collect_view()}
                </nav>
                <div class="console-body">{children()}</div>
            </div>
        </section>
    }
}

/// `/admin`: the sections where something waits, with how much.
#[component]
pub fn ConsoleOverview() -> impl IntoView {
    let counts = use_context::<ConsoleCounts>().map(|c| c.0);
    let waiting = move || {
        let o = counts.and_then(|c| c.get()).and_then(Result::ok)?;
        Some(
            Section::ALL
                .into_iter()
                .filter_map(|s| s.waiting(&o).filter(|n| *n > 0).map(|n| (s, n)))
                .collect::<Vec<_>>(),
        )
    };
    view! {
        <div data-testid="console-overview">
            {move || waiting().map(|list| if list.is_empty() {
                view! { <p class="state">{tr(Msg::ConsoleAllClear)}</p> }.into_any()
            } else {
                view! {
                    <p class="muted">{tr(Msg::ConsoleOverviewIntro)}</p>
                    <ul class="cards console-cards">
                        {list.into_iter().map(|(s, n)| view! {
                            <li class="card">
                                <A href=s.path() attr:class="posting-title">{tr(s.msg())}</A>
                                <p class="figure">{n}</p>
                                <p class="muted small">{move || text::ConsoleWaiting { n: &n }.t(locale())}</p>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
        </div>
    }
}
