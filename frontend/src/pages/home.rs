//! The front door: live figures, the newest demands, open calls closing soon, upcoming events
//! and competitions — each a link — and, signed in, what needs the person and the action that
//! fits their organizations. One request (`GET /api/v1/home`); the lists keep their height while
//! it loads, so nothing moves when it arrives.

use std::collections::BTreeSet;

use leptos::prelude::*;
use leptos_router::components::A;
use shared::accounts::Me;
use shared::home::{FrontDoor, HOME_LIST_LEN, HappeningCard, ToDo};
use shared::market::PostingKind;
use shared::orgs::OrgKind;
use shared::taxonomy::TermKind;
use shared::{Locale, Msg};

use crate::api;
use crate::components::labels::{bilingual, date, day, use_taxonomy};
use crate::i18n::{locale, storage, text, tr};
use crate::session::use_session;

#[component]
pub fn Home() -> impl IntoView {
    let session = use_session();
    // Who is asking, once the session is known (`None` before): asked again only when someone
    // signs in or out, since the to-do part is theirs.
    let who = Memo::new(move |_| session.loaded.get().then(|| session.me.with(|m| m.as_ref().map(|m| m.id))));
    let data = LocalResource::new(move || {
        let known = who.get().is_some();
        async move { if known { api::home().await.map(Some) } else { Ok(None) } }
    });
    let door = move || data.get().and_then(Result::ok).flatten();
    view! {
        <Show
            when=move || session.me.with(Option::is_some)
            fallback=|| view! { <Hero/> }
        >
            <Desk me=session.me todo=Signal::derive(move || door().and_then(|d| d.todo))/>
        </Show>
        <Figures door=Signal::derive(door)/>
        <div class="grid-2 home-lists">
            <HomeList title=Msg::HomeNewestDemands all="/demands" items=Signal::derive(move || door().map(|d| newest(&d)))/>
            <HomeList title=Msg::HomeOpenCalls all="/demands" items=Signal::derive(move || door().map(|d| calls(&d)))/>
            <HomeList title=Msg::HomeUpcomingEvents all="/events" items=Signal::derive(move || door().map(|d| {
                happenings(&d.events, "/events", None)
            }))/>
            <HomeList title=Msg::HomeCompetitions all="/competitions" items=Signal::derive(move || door().map(|d| {
                happenings(&d.competitions, "/competitions", Some(|date, l| text::HomeStageDeadline { date }.t(l)))
            }))/>
        </div>
        <Fields/>
    }
}

/// For visitors: what the platform is, and the way in.
#[component]
fn Hero() -> impl IntoView {
    view! {
        <section class="hero">
            <h1>{tr(Msg::HomeHeroTitle)}</h1>
            <p class="lead">{tr(Msg::HomeHeroBody)}</p>
            <div class="actions">
                <A href="/register" attr:class="btn btn-primary btn-lg">{tr(Msg::HomeCtaRegister)}</A>
                <A href="/orgs" attr:class="btn btn-secondary btn-lg">{tr(Msg::HomeCtaBrowse)}</A>
            </div>
        </section>
    }
}

/// For a signed-in person: what needs them and what they can start.
#[component]
fn Desk(me: RwSignal<Option<Me>>, todo: Signal<Option<ToDo>>) -> impl IntoView {
    let name = move || me.with(|m| m.as_ref().map(|m| m.display_name.clone()).unwrap_or_default());
    let kinds = move || -> BTreeSet<&'static str> {
        me.with(|m| m.iter().flat_map(|m| &m.memberships).map(|o| o.org_kind.as_str()).collect())
    };
    let actions = move || {
        let kinds = kinds();
        let mut out: Vec<(Msg, String)> = vec![];
        for (kind, msg) in [
            (PostingKind::Demand, Msg::PostDemand),
            (PostingKind::Capability, Msg::PostCapability),
            (PostingKind::Scenario, Msg::PostScenario),
            (PostingKind::Mandate, Msg::PostMandate),
        ] {
            if OrgKind::ALL.iter().any(|o| kinds.contains(o.as_str()) && kind.allowed_for(*o)) {
                out.push((msg, format!("{}/new", kind.page_path())));
            }
        }
        if kinds.contains(OrgKind::Organizer.as_str()) {
            out.push((Msg::EventsNew, "/events/new".into()));
            out.push((Msg::CompNew, "/competitions/new".into()));
        }
        out
    };
    view! {
        <section class="desk card" aria-labelledby="desk-title">
            <h1 id="desk-title">{move || text::HomeWelcome { name: &name() }.t(locale())}</h1>
            <div class="grid-2">
                <div>
                    <h2>{tr(Msg::HomeTodoTitle)}</h2>
                    <ToDoList todo/>
                </div>
                <div>
                    <h2>{tr(Msg::HomeActionsTitle)}</h2>
                    <Show
                        when=move || !kinds().is_empty()
                        fallback=|| view! {
                            <p>{tr(Msg::HomeNoOrg)}</p>
                            <p class="actions">
                                <A href="/orgs/new" attr:class="btn btn-primary">{tr(Msg::OrgCreateTitle)}</A>
                            </p>
                            <p class="muted">{tr(Msg::HomeNoOrgJoin)}</p>
                        }
                    >
                        <p class="actions">
                            {move || actions().into_iter().map(|(msg, href)| view! {
                                <A href=href attr:class="btn btn-secondary">{tr(msg)}</A>
                            }).collect_view()}
                        </p>
                    </Show>
                </div>
            </div>
        </section>
    }
}

const SEEN_MATCHES: &str = "fm.home.strong_matches";

/// The strong matches not among those shown at the last visit; remembers these for the next.
fn new_strong_matches(ids: &[String]) -> usize {
    let store = storage();
    let seen: BTreeSet<String> = store
        .as_ref()
        .and_then(|s| s.get_item(SEEN_MATCHES).ok().flatten())
        .and_then(|j| serde_json::from_str(&j).ok())
        .unwrap_or_default();
    if let (Some(s), Ok(json)) = (store, serde_json::to_string(ids)) {
        let _ = s.set_item(SEEN_MATCHES, &json);
    }
    ids.iter().filter(|id| !seen.contains(*id)).count()
}

/// A to-do's text, given how many.
type Counted = fn(usize, Locale) -> String;

#[component]
fn ToDoList(todo: Signal<Option<ToDo>>) -> impl IntoView {
    // Counted once per answer: reading it marks the matches as seen.
    let new_matches = Memo::new(move |_| todo.with(|t| t.as_ref().map(|t| new_strong_matches(&t.strong_matches))));
    let rows = move || {
        let t = todo.get()?;
        let all: [(Counted, usize, &'static str); 6] = [
            (|n, l| text::HomeTodoRequests { n }.t(l), t.requests_waiting as usize, "/engagements"),
            (|n, l| text::HomeTodoMessages { n }.t(l), t.unread_messages as usize, "/engagements"),
            (|n, l| text::HomeTodoNotifications { n }.t(l), t.unread_notifications as usize, "/notifications"),
            (|n, l| text::HomeTodoMatches { n }.t(l), new_matches.get().unwrap_or(0), "/feed"),
            (|n, l| text::HomeTodoJudging { n }.t(l), t.judging_due as usize, "/judging"),
            (|n, l| text::HomeTodoEvents { n }.t(l), t.events_running as usize, "/events"),
        ];
        let rows: Vec<(Counted, usize, &'static str)> = all.into_iter().filter(|(_, n, _)| *n > 0).collect();
        Some(rows)
    };
    view! {
        <ul class="todo" aria-busy=move || todo.with(Option::is_none).to_string()>
            {move || match rows() {
                None => (0..3).map(|_| view! { <li class="skeleton" aria-hidden="true"></li> }).collect_view().into_any(),
                Some(rows) if rows.is_empty() => view! { <li class="muted">{tr(Msg::HomeTodoNone)}</li> }.into_any(),
                Some(rows) => rows.into_iter().map(|(says, n, href)| view! {
                    <li><A href=href>{move || says(n, locale())}</A></li>
                }).collect_view().into_any(),
            }}
        </ul>
    }
}

#[component]
fn Figures(door: Signal<Option<FrontDoor>>) -> impl IntoView {
    let figure = move |pick: fn(&FrontDoor) -> u64| {
        move || door.with(|d| d.as_ref().map(|d| pick(d).to_string()).unwrap_or_else(|| "—".into()))
    };
    view! {
        <section class="section" aria-labelledby="figures-title">
            <h2 id="figures-title">{tr(Msg::HomeFiguresTitle)}</h2>
            <ul class="figures">
                <li><A href="/demands" attr:class="figure"><strong>{figure(|d| d.figures.demands)}</strong><span>{tr(Msg::NavDemands)}</span></A></li>
                <li><A href="/capabilities" attr:class="figure"><strong>{figure(|d| d.figures.capabilities)}</strong><span>{tr(Msg::NavCapabilities)}</span></A></li>
                <li><A href="/scenarios" attr:class="figure"><strong>{figure(|d| d.figures.scenarios)}</strong><span>{tr(Msg::NavScenarios)}</span></A></li>
                <li><A href="/investors" attr:class="figure"><strong>{figure(|d| d.figures.funds)}</strong><span>{tr(Msg::NavInvestors)}</span></A></li>
                <li><A href="/dashboard" attr:class="figure"><strong>{figure(|d| d.figures.deals_this_year)}</strong><span>{tr(Msg::HomeFigDeals)}</span></A></li>
            </ul>
        </section>
    }
}

#[derive(Clone, PartialEq)]
struct Item {
    href: String,
    title: String,
    detail: String,
}

impl Item {
    /// A link to `href` named in the reader's language, with two facts under it.
    fn new(href: String, zh: &str, en: Option<&str>, facts: [String; 2]) -> Item {
        Item { href, title: bilingual(zh, en, locale()), detail: facts.join(" · ") }
    }
}

fn newest(d: &FrontDoor) -> Vec<Item> {
    let l = locale();
    d.newest_demands
        .iter()
        .map(|p| {
            Item::new(
                format!("/demands/{}", p.id),
                &p.title_zh,
                p.title_en.as_deref(),
                [
                    bilingual(&p.org_name_zh, p.org_name_en.as_deref(), l),
                    p.published_at.as_ref().map(date).unwrap_or_default(),
                ],
            )
        })
        .collect()
}

fn calls(d: &FrontDoor) -> Vec<Item> {
    let l = locale();
    d.open_calls
        .iter()
        .map(|c| {
            let reward = crate::pages::market::amount(Some(c.reward), Some(c.reward), l).unwrap_or_default();
            Item::new(
                format!("/demands/{}", c.id),
                &c.title_zh,
                c.title_en.as_deref(),
                [
                    text::HomeCallReward { amount: &reward }.t(l),
                    text::HomeCallCloses { date: &day(&c.application_deadline) }.t(l),
                ],
            )
        })
        .collect()
}

/// A card's date as a sentence (a competition's next deadline).
type Dated = fn(&str, Locale) -> String;

fn happenings(cards: &[HappeningCard], area: &str, when: Option<Dated>) -> Vec<Item> {
    let l = locale();
    cards
        .iter()
        .map(|c| {
            let at = c.at.as_ref().map(date).unwrap_or_default();
            let at = match when {
                Some(says) => says(&at, l),
                None => at,
            };
            Item::new(
                format!("{area}/{}", c.id),
                &c.title_zh,
                c.title_en.as_deref(),
                [bilingual(&c.org_name_zh, c.org_name_en.as_deref(), l), at],
            )
        })
        .collect()
}

/// A titled list of links; while loading, as many placeholder rows as it will show.
#[component]
fn HomeList(title: Msg, all: &'static str, items: Signal<Option<Vec<Item>>>) -> impl IntoView {
    view! {
        <section class="card home-list">
            <h2>{tr(title)}</h2>
            <ul aria-busy=move || items.with(Option::is_none).to_string()>
                {move || match items.get() {
                    None => (0..HOME_LIST_LEN).map(|_| view! { <li class="skeleton" aria-hidden="true"></li> }).collect_view().into_any(),
                    Some(items) if items.is_empty() => view! { <li class="muted">{tr(Msg::HomeNothingYet)}</li> }.into_any(),
                    Some(items) => items.into_iter().map(|i| view! {
                        <li><A href=i.href>{i.title}</A><span class="muted">{i.detail}</span></li>
                    }).collect_view().into_any(),
                }}
            </ul>
            <p class="more"><A href=all>{tr(Msg::HomeSeeAll)}</A></p>
        </section>
    }
}

/// The 5+X fields and who uses the platform.
#[component]
fn Fields() -> impl IntoView {
    let tax = use_taxonomy();
    let domains = move |group: &'static str| {
        let l = locale();
        tax.get()
            .of(TermKind::Domain)
            .filter(|t| t.group.as_deref() == Some(group))
            .map(|t| view! { <li class="chip">{t.label(l).to_owned()}</li> })
            .collect_view()
    };
    view! {
        <section class="section">
            <h2>{tr(Msg::HomeSectionIndustries)}</h2>
            <div class="grid-2">
                <div class="card">
                    <h3>{tr(Msg::HomeHot)}</h3>
                    <ul class="chips">{move || domains("hot")}</ul>
                </div>
                <div class="card">
                    <h3>{tr(Msg::HomeFrontier)}</h3>
                    <ul class="chips">{move || domains("frontier")}</ul>
                </div>
            </div>
        </section>
        <section class="section">
            <h2>{tr(Msg::HomeSectionRoles)}</h2>
            <div class="grid-4">
                <div class="card role"><p>{tr(Msg::HomeRoleEnterprise)}</p></div>
                <div class="card role"><p>{tr(Msg::HomeRoleLab)}</p></div>
                <div class="card role"><p>{tr(Msg::HomeRoleScenario)}</p></div>
                <div class="card role"><p>{tr(Msg::HomeRoleInvestor)}</p></div>
            </div>
        </section>
    }
}
