//! The notification centre: the bell in the header, `/notifications` with the list, the
//! per-kind settings and the saved searches.

use leptos::prelude::*;
use leptos_router::components::{A, Redirect};
use leptos_router::hooks::{use_location, use_navigate};
use shared::Msg;
use shared::notify::{Notification, Preference, SavedSearch, render};
use shared::page::Page;

use crate::api;
use crate::components::act::Act;
use crate::components::data::{ErrorView, Loading, resource_view};
use crate::components::labels::date;
use crate::i18n::{locale, tr};
use crate::session::use_session;

/// The bell with the unread count; refreshed on every navigation and every 30 seconds.
#[component]
pub fn Bell() -> impl IntoView {
    let location = use_location();
    let tick = RwSignal::new(0u32);
    let count = LocalResource::new(move || {
        location.pathname.track();
        tick.track();
        async move { api::unread_count().await.map(|c| c.unread).unwrap_or(0) }
    });
    if let Ok(handle) = set_interval_with_handle(move || tick.update(|t| *t += 1), std::time::Duration::from_secs(30)) {
        on_cleanup(move || handle.clear());
    }
    view! {
        <A href="/notifications" attr:class="nav-link bell" attr:data-testid="bell" attr:title=tr(Msg::NotificationsTitle)>
            <svg class="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
                <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1z"/>
            </svg>
            {move || count.get().filter(|n| *n > 0).map(|n| view! { <span class="badge badge-alert" data-testid="bell-count">{n}</span> })}
        </A>
    }
}

#[component]
pub fn Notifications() -> impl IntoView {
    let session = use_session();
    move || match (session.loaded.get(), session.me.with(Option::is_some)) {
        (false, _) => view! { <Loading/> }.into_any(),
        (true, false) => view! { <Redirect path="/login?next=/notifications"/> }.into_any(),
        (true, true) => view! { <Centre/> }.into_any(),
    }
}

#[component]
fn Centre() -> impl IntoView {
    let data = LocalResource::new(|| async { api::notifications().await });
    let read_all = Act::new(|_: &()| async { api::mark_read(None).await }).on_answer(move |_| {
        data.refetch();
    });
    view! {
        <section class="page">
            <h1>{tr(Msg::NotificationsTitle)}</h1>
            <div class="actions">
                <button class="btn btn-secondary" data-testid="read-all" on:click=move |_| { read_all.dispatch(()); }>
                    {tr(Msg::NotificationsMarkAll)}
                </button>
            </div>
            {resource_view(data, move |page: Page<Notification>| {
                if page.items.is_empty() {
                    return view! { <p class="state">{tr(Msg::NotificationsEmpty)}</p> }.into_any();
                }
                view! {
                    <ul class="notifications" data-testid="notifications">
                        {page.items.into_iter().map(|n| view! { <Item n=n/> }).collect_view()}
                    </ul>
                }
                .into_any()
            })}
            <Settings/>
            <SavedSearches/>
        </section>
    }
}

#[component]
fn Item(n: Notification) -> impl IntoView {
    let navigate = use_navigate();
    let (id, link, read) = (n.id, n.link.clone(), n.read);
    let text = move || render(n.kind, &n.params, locale());
    // Opening a notification marks it read, then follows its link.
    let open = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        let (navigate, link) = (navigate.clone(), link.clone());
        leptos::task::spawn_local(async move {
            let _ = api::mark_read(Some(id)).await;
            navigate(&link, Default::default());
        });
    };
    view! {
        <li class="card notification" class:unread=!read data-testid="notification">
            <span class="badge">{tr(n.kind.msg())}</span>" "
            <a href=n.link.clone() on:click=open>{text}</a>
            <p class="small muted"><time>{date(&n.created_at)}</time></p>
        </li>
    }
}

#[component]
fn Settings() -> impl IntoView {
    let data = LocalResource::new(|| async { api::preferences().await });
    let saved = RwSignal::new(false);
    let error = RwSignal::new(None::<shared::ApiError>);
    let save = Act::new(|prefs: &Vec<Preference>| {
        let prefs = prefs.clone();
        async move { api::set_preferences(&prefs).await }
    })
    .on_answer(move |answer| match answer {
        Ok(_) => saved.set(true),
        Err(e) => error.set(Some(e)),
    });
    view! {
        <details class="card" data-testid="notification-settings">
            <summary>{tr(Msg::NotificationsPrefs)}</summary>
            {move || error.get().map(|e| view! { <ErrorView error=e/> })}
            {resource_view(data, move |prefs: Vec<Preference>| {
                let rows: Vec<(Preference, RwSignal<bool>, RwSignal<bool>)> =
                    prefs.into_iter().map(|p| (p, RwSignal::new(p.in_app), RwSignal::new(p.email))).collect();
                let collect = {
                    let rows = rows.clone();
                    move || rows.iter().map(|(p, a, e)| Preference { kind: p.kind, in_app: a.get_untracked(), email: e.get_untracked() }).collect::<Vec<_>>()
                };
                view! {
                    <table class="prefs">
                        <thead><tr><th></th><th>{tr(Msg::NotificationsInApp)}</th><th>{tr(Msg::NotificationsEmail)}</th></tr></thead>
                        <tbody>
                            {rows.into_iter().map(|(p, in_app, email)| view! {
                                <tr>
                                    <td>{tr(p.kind.msg())}</td>
                                    <td><input type="checkbox" data-testid=format!("pref-app-{}", p.kind.as_str()) prop:checked=move || in_app.get()
                                        on:change=move |ev| in_app.set(event_target_checked(&ev))/></td>
                                    <td><input type="checkbox" data-testid=format!("pref-email-{}", p.kind.as_str()) prop:checked=move || email.get()
                                        on:change=move |ev| email.set(event_target_checked(&ev))/></td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    <button class="btn btn-primary" data-testid="save-prefs" on:click=move |_| { saved.set(false); save.dispatch(collect()); }>
                        {tr(Msg::Save)}
                    </button>
                    {move || saved.get().then(|| view! { <span class="muted">" "{tr(Msg::NotificationsSaved)}</span> })}
                }
            })}
        </details>
    }
}

#[component]
fn SavedSearches() -> impl IntoView {
    let data = LocalResource::new(|| async { api::saved_searches().await });
    let remove = Act::new(|id: &i64| {
        let id = *id;
        async move { api::delete_saved_search(id).await }
    })
    .on_answer(move |_| {
        data.refetch();
    });
    view! {
        <section class="card" data-testid="saved-searches">
            <h2>{tr(Msg::SavedSearches)}</h2>
            {resource_view(data, move |list: Vec<SavedSearch>| {
                if list.is_empty() {
                    return view! { <p class="muted">{tr(Msg::SavedSearchesEmpty)}</p> }.into_any();
                }
                view! {
                    <ul>
                        {list.into_iter().map(|s| {
                            let href = format!("/search?q={}", js_sys::encode_uri_component(&s.q));
                            view! {
                                <li>
                                    <A href=href>{s.q.clone()}</A>
                                    {s.kind.map(|k| view! { " · "{tr(k.msg())} })}" "
                                    <button class="btn btn-ghost" on:click=move |_| { remove.dispatch(s.id); }>{tr(Msg::Remove)}</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            })}
        </section>
    }
}
