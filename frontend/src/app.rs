//! The app: contexts (language, session, reference data), the layout and the routes.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::hooks::use_navigate;
use leptos_router::path;
use shared::accounts::UpdateMeRequest;
use shared::market::PostingKind;
use shared::{Locale, Msg};

use crate::api;
use crate::components::labels::TaxonomyCtx;
use crate::i18n::{I18n, initial_locale, set_locale, tr, use_i18n};
use crate::pages::{auth, home, not_found, notifications};
use crate::session::{Session, returning_to_here, use_session};
use crate::split::{
    Auth, Contests, Engage, Events, Market, Notices, Orgs, account, admin, contests, engage, events, expert_pool,
    market, notices, orgs, page, plan_dashboard, sign_in,
};

#[component]
pub fn App() -> impl IntoView {
    let i18n = I18n { locale: RwSignal::new(initial_locale()) };
    set_locale(i18n, i18n.locale.get_untracked());
    provide_context(i18n);
    let session = Session::new();
    provide_context(session);
    session.refresh(i18n);
    provide_context(TaxonomyCtx(LocalResource::new(api::taxonomy)));

    view! {
        <Router>
            <RouteHead/>
            <a class="skip-link" href="#main">{tr(Msg::AppName)}</a>
            <Header/>
            <auth::VerifyBanner/>
            <main id="main" class="container">
                <Routes fallback=|| view! { <not_found::NotFound/> }>
                    <Route path=path!("/") view=home::Home/>
                    <Route path=path!("/demands") view=|| page(market(Market::List(PostingKind::Demand, Msg::NavDemands, Msg::IntroDemands)))/>
                    <Route path=path!("/demands/new") view=|| page(market(Market::New(PostingKind::Demand)))/>
                    <Route path=path!("/demands/:id") view=|| page(market(Market::Detail(PostingKind::Demand)))/>
                    <Route path=path!("/demands/:id/edit") view=|| page(market(Market::Edit(PostingKind::Demand)))/>
                    <Route path=path!("/capabilities") view=|| page(market(Market::List(PostingKind::Capability, Msg::NavCapabilities, Msg::IntroCapabilities)))/>
                    <Route path=path!("/capabilities/new") view=|| page(market(Market::New(PostingKind::Capability)))/>
                    <Route path=path!("/capabilities/:id") view=|| page(market(Market::Detail(PostingKind::Capability)))/>
                    <Route path=path!("/capabilities/:id/edit") view=|| page(market(Market::Edit(PostingKind::Capability)))/>
                    <Route path=path!("/scenarios") view=|| page(market(Market::List(PostingKind::Scenario, Msg::NavScenarios, Msg::IntroScenarios)))/>
                    <Route path=path!("/scenarios/new") view=|| page(market(Market::New(PostingKind::Scenario)))/>
                    <Route path=path!("/scenarios/:id") view=|| page(market(Market::Detail(PostingKind::Scenario)))/>
                    <Route path=path!("/scenarios/:id/edit") view=|| page(market(Market::Edit(PostingKind::Scenario)))/>
                    <Route path=path!("/investors") view=|| page(market(Market::List(PostingKind::Mandate, Msg::NavInvestors, Msg::IntroMandates)))/>
                    <Route path=path!("/investors/new") view=|| page(market(Market::New(PostingKind::Mandate)))/>
                    <Route path=path!("/investors/:id") view=|| page(market(Market::Detail(PostingKind::Mandate)))/>
                    <Route path=path!("/investors/:id/edit") view=|| page(market(Market::Edit(PostingKind::Mandate)))/>
                    <Route path=path!("/search") view=|| page(market(Market::Search))/>
                    <Route path=path!("/events") view=|| page(events(Events::List))/>
                    <Route path=path!("/experts") view=|| page(expert_pool())/>
                    <Route path=path!("/competitions") view=|| page(contests(Contests::List))/>
                    <Route path=path!("/competitions/new") view=|| page(contests(Contests::New))/>
                    <Route path=path!("/competitions/:id") view=|| page(contests(Contests::Detail))/>
                    <Route path=path!("/competitions/:id/edit") view=|| page(contests(Contests::Edit))/>
                    <Route path=path!("/judging") view=|| page(contests(Contests::Judging))/>
                    <Route path=path!("/judging/:stage/:team") view=|| page(contests(Contests::Score))/>
                    <Route path=path!("/certificates/:team") view=|| page(contests(Contests::Certificate))/>
                    <Route path=path!("/events/new") view=|| page(events(Events::New))/>
                    <Route path=path!("/events/:id") view=|| page(events(Events::Event))/>
                    <Route path=path!("/events/:id/checkin") view=|| page(events(Events::Checkin))/>
                    <Route path=path!("/events/:id/tickets/:registration") view=|| page(events(Events::Tickets))/>
                    <Route path=path!("/events/:id/badges") view=|| page(events(Events::Badges))/>
                    <Route path=path!("/events/:id/edit") view=|| page(events(Events::Edit))/>
                    <Route path=path!("/events/:id/meetings") view=|| page(events(Events::Meetings))/>
                    <Route path=path!("/dashboard") view=|| page(plan_dashboard())/>
                    <Route path=path!("/login") view=|| page(sign_in(Auth::Login))/>
                    <Route path=path!("/register") view=|| page(sign_in(Auth::Register))/>
                    <Route path=path!("/verify-email") view=|| page(sign_in(Auth::VerifyEmail))/>
                    <Route path=path!("/account") view=|| page(account())/>
                    <Route path=path!("/orgs") view=|| page(orgs(Orgs::Directory))/>
                    <Route path=path!("/orgs/new") view=|| page(orgs(Orgs::Create))/>
                    <Route path=path!("/orgs/:id") view=|| page(orgs(Orgs::Detail))/>
                    <Route path=path!("/orgs/:id/edit") view=|| page(orgs(Orgs::Edit))/>
                    <Route path=path!("/orgs/:id/members") view=|| page(orgs(Orgs::Members))/>
                    <Route path=path!("/my/orgs") view=|| page(orgs(Orgs::Mine))/>
                    <Route path=path!("/invitations/:token") view=|| page(orgs(Orgs::Invitation))/>
                    <Route path=path!("/my/postings") view=|| page(market(Market::Mine))/>
                    <Route path=path!("/import") view=|| page(market(Market::Import))/>
                    <Route path=path!("/feed") view=|| page(market(Market::Feed))/>
                    <Route path=path!("/engagements") view=|| page(engage(Engage::Board))/>
                    <Route path=path!("/notifications") view=|| page(engage(Engage::Notifications))/>
                    <Route path=path!("/notices") view=|| page(notices(Notices::List))/>
                    <Route path=path!("/notices/:id") view=|| page(notices(Notices::Notice))/>
                    <Route path=path!("/engagements/:id") view=|| page(engage(Engage::Thread))/>
                    <Route path=path!("/admin") view=|| page(admin())/>
                    <Route path=path!("/admin/moderation") view=|| page(market(Market::Moderation))/>
                    <Route path=path!("/admin/:section") view=|| page(admin())/>
                </Routes>
            </main>
            <Footer/>
        </Router>
    }
}

/// Keeps the document's title and description in step with the page (inside the router).
#[component]
fn RouteHead() -> impl IntoView {
    crate::head::follow_route();
}

#[component]
fn Header() -> impl IntoView {
    let session = use_session();
    let menu_open = RwSignal::new(false);
    let close = move |_| menu_open.set(false);
    // On a phone the search box is in the menu: the search button opens it there.
    let open_search = move |_| {
        menu_open.set(true);
        request_animation_frame(|| {
            if let Some(input) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id("global-search"))
                .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
            {
                let _ = input.focus();
            }
        });
    };
    view! {
        <header class="site-header" class:menu-open=move || menu_open.get()>
            <div class="container header-row">
                <A href="/" attr:class="brand">
                    <span class="brand-mark" aria-hidden="true">"未"</span>
                    <span class="brand-name">{tr(Msg::AppName)}</span>
                </A>
                <nav id="site-nav" class="site-nav" aria-label=tr(Msg::NavMenu)>
                    <A href="/demands" on:click=close>{tr(Msg::NavDemands)}</A>
                    <A href="/capabilities" on:click=close>{tr(Msg::NavCapabilities)}</A>
                    <A href="/scenarios" on:click=close>{tr(Msg::NavScenarios)}</A>
                    <A href="/investors" on:click=close>{tr(Msg::NavInvestors)}</A>
                    <A href="/events" on:click=close>{tr(Msg::NavEvents)}</A>
                    <A href="/competitions" on:click=close>{tr(Msg::NavCompetitions)}</A>
                    <Dropdown label=Signal::derive(move || tr(Msg::NavMore)().to_owned()) id="more-links" testid="nav-more"
                        on_pick=Callback::new(move |_| menu_open.set(false))>
                        <A href="/dashboard" attr:class="nav-link">{tr(Msg::NavDashboard)}</A>
                        <A href="/notices" attr:class="nav-link">{tr(Msg::NoticesTitle)}</A>
                        <A href="/experts" attr:class="nav-link">{tr(Msg::NavExperts)}</A>
                        <A href="/orgs" attr:class="nav-link">{tr(Msg::NavOrganizations)}</A>
                    </Dropdown>
                </nav>
                <div id="header-tools" class="header-tools">
                    <SearchBox on_search=Callback::new(move |_| menu_open.set(false))/>
                    <LanguageSwitch/>
                    {move || match session.me.get() {
                        Some(me) => view! {
                            <UserMenu name=me.display_name is_admin=me.is_admin on_pick=Callback::new(move |_| menu_open.set(false))/>
                        }.into_any(),
                        None if session.loaded.get() => view! {
                            <A href=returning_to_here("/login") attr:class="btn btn-ghost" attr:data-testid="nav-login">{tr(Msg::NavLogin)}</A>
                            <A href=returning_to_here("/register") attr:class="btn btn-primary">{tr(Msg::NavRegister)}</A>
                        }.into_any(),
                        None => ().into_any(),
                    }}
                </div>
                <div class="header-quick">
                    {move || session.me.with(Option::is_some).then(|| view! { <notifications::Bell/> })}
                    <button class="btn btn-ghost icon-btn search-toggle" aria-controls="header-tools" on:click=open_search>
                        <svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
                            <path fill="currentColor" d="M10 3a7 7 0 0 1 5.6 11.2l5.1 5.1-1.4 1.4-5.1-5.1A7 7 0 1 1 10 3zm0 2a5 5 0 1 0 0 10 5 5 0 0 0 0-10z"/>
                        </svg>
                        <span class="sr-only">{tr(Msg::NavSearch)}</span>
                    </button>
                    <button
                        class="btn btn-ghost icon-btn menu-toggle"
                        aria-expanded=move || menu_open.get().to_string()
                        aria-controls="site-nav header-tools"
                        on:click=move |_| menu_open.update(|o| *o = !*o)
                    >
                        <svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
                            <path fill="currentColor" d="M3 6h18v2H3zm0 5h18v2H3zm0 5h18v2H3z"/>
                        </svg>
                        <span class="sr-only">{tr(Msg::NavMenu)}</span>
                    </button>
                </div>
            </div>
        </header>
    }
}

/// The signed-in person's places and sign-out, under their name.
#[component]
fn UserMenu(name: String, is_admin: bool, on_pick: Callback<()>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let navigate = use_navigate();
    let logout = move |_| {
        let navigate = navigate.clone();
        spawn_local(async move {
            let _ = api::logout().await;
            session.signed_in(None, i18n);
            navigate("/", Default::default());
        });
    };
    view! {
        <Dropdown label=Signal::stored(name) id="account-links" testid="user-name" on_pick>
            <A href="/feed" attr:class="nav-link" attr:data-testid="nav-feed">{tr(Msg::FeedTitle)}</A>
            <A href="/engagements" attr:class="nav-link" attr:data-testid="nav-engagements">{tr(Msg::NavEngagements)}</A>
            <A href="/my/postings" attr:class="nav-link" attr:data-testid="my-postings">{tr(Msg::MyPostings)}</A>
            <A href="/import" attr:class="nav-link" attr:data-testid="nav-import">{tr(Msg::ImportNav)}</A>
            <A href="/my/orgs" attr:class="nav-link">{tr(Msg::NavMyOrgs)}</A>
            <A href="/judging" attr:class="nav-link" attr:data-testid="nav-judging">{tr(Msg::NavJudging)}</A>
            {is_admin.then(|| view! {
                <A href="/admin/moderation" attr:class="nav-link" attr:data-testid="nav-moderation">{tr(Msg::ModerationTitle)}</A>
                <A href="/admin" attr:class="nav-link">{tr(Msg::NavAdmin)}</A>
            })}
            <A href="/account" attr:class="nav-link">{tr(Msg::AccountTitle)}</A>
            <button class="btn btn-ghost" data-testid="logout" on:click=logout>{tr(Msg::NavLogout)}</button>
        </Dropdown>
    }
}

/// A button that opens a list of links below it on a desktop; on narrower screens (inside the
/// menu) the links show at once and the button is hidden. Choosing a link, Escape, or focus
/// leaving it (a click elsewhere, Tab past the end) closes it.
#[component]
fn Dropdown(
    label: Signal<String>,
    id: &'static str,
    testid: &'static str,
    on_pick: Callback<()>,
    children: Children,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let picked = move |_| {
        open.set(false);
        on_pick.run(());
    };
    let focus_out = move |ev: leptos::ev::FocusEvent| {
        let node =
            |t: Option<web_sys::EventTarget>| t.and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Node>(t).ok());
        let inside = match (node(ev.current_target()), node(ev.related_target())) {
            (Some(container), Some(target)) => container.contains(Some(&target)),
            _ => false,
        };
        if !inside {
            open.set(false);
        }
    };
    let escape = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            open.set(false);
        }
    };
    view! {
        <div class="dropdown" class:open=move || open.get() on:focusout=focus_out on:keydown=escape>
            <button
                class="btn btn-ghost dropdown-toggle"
                data-testid=testid
                aria-expanded=move || open.get().to_string()
                aria-controls=id
                on:click=move |_| open.update(|o| *o = !*o)
            >
                <span class="dropdown-label">{label}</span>
                <svg class="icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
                    <path fill="currentColor" d="M7 10l5 5 5-5z"/>
                </svg>
            </button>
            <div id=id class="dropdown-links" on:click=picked>{children()}</div>
        </div>
    }
}

/// The global search box: goes to `/search?q=`.
#[component]
fn SearchBox(on_search: Callback<()>) -> impl IntoView {
    let navigate = use_navigate();
    let text = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let q = text.get_untracked();
        if !q.trim().is_empty() {
            on_search.run(());
            navigate(&format!("/search?q={}", js_sys::encode_uri_component(q.trim())), Default::default());
        }
    };
    view! {
        <form class="search-box" role="search" on:submit=submit>
            <label class="sr-only" for="global-search">{tr(Msg::SearchPlaceholder)}</label>
            <input id="global-search" type="search" data-testid="global-search" placeholder=tr(Msg::SearchPlaceholder)
                prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))/>
        </form>
    }
}

/// zh-CN ⇄ en; remembered in the browser and, when signed in, in the account.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let switch = move |_| {
        let next = match i18n.locale.get_untracked() {
            Locale::ZhCn => Locale::En,
            Locale::En => Locale::ZhCn,
        };
        set_locale(i18n, next);
        if session.me.with_untracked(Option::is_some) {
            spawn_local(async move {
                if let Ok(me) = api::update_me(&UpdateMeRequest { display_name: None, locale: Some(next) }).await {
                    session.me.set(Some(me));
                }
            });
        }
    };
    view! {
        <button class="btn btn-ghost lang-switch" data-testid="lang-switch" title=tr(Msg::LanguageSwitch) on:click=switch>
            {move || match i18n.locale.get() {
                Locale::ZhCn => Locale::En.native_name(),
                Locale::En => Locale::ZhCn.native_name(),
            }}
        </button>
    }
}

#[component]
fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <div class="container footer-row">
                <p>{tr(Msg::FooterText)}</p>
                <a href=shared::routes::API_DOCS rel="external">{tr(Msg::ApiDocsLink)}</a>
            </div>
        </footer>
    }
}
