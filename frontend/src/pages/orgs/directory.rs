//! The organization directory, with its filters in the URL (shareable; back works).

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::Msg;
use shared::orgs::{OrgKind, OrgListQuery, OrgSummary};
use shared::taxonomy::TermKind;

use crate::api;
use crate::components::data::paged_cards;
use crate::components::labels::{bilingual, use_taxonomy};
use crate::i18n::{locale, tr};

#[component]
pub fn Directory() -> impl IntoView {
    let query = use_query_map();
    let navigate = StoredValue::new(use_navigate());
    let filter = Memo::new(move |_| {
        query.with(|q| OrgListQuery {
            kind: q.get("kind").as_deref().and_then(OrgKind::parse),
            q: q.get("q"),
            verified: q.get("verified").and_then(|v| v.parse().ok()),
            domain: q.get("domain"),
            district: q.get("district"),
            page: q.get("page").and_then(|p| p.parse().ok()),
            per_page: Some(20),
        })
    });
    let data = LocalResource::new(move || {
        let f = filter.get();
        async move { api::orgs(&f).await }
    });
    // Every filter change is a navigation, so the URL is the state.
    let go = move |f: OrgListQuery| navigate.with_value(|n| n(&url_for(&f), Default::default()));
    let set = move |change: &dyn Fn(&mut OrgListQuery)| {
        let mut f = filter.get_untracked();
        change(&mut f);
        f.page = None;
        go(f);
    };
    let search = RwSignal::new(filter.get_untracked().q.unwrap_or_default());

    view! {
        <section class="page">
            <h1>{tr(Msg::OrgsTitle)}</h1>
            <p class="muted">{tr(Msg::OrgsIntro)}</p>
            <form class="filters" role="search" on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                let text = search.get_untracked();
                set(&|f| f.q = Some(text.clone()));
            }>
                <label class="sr-only" for="org-search">{tr(Msg::OrgSearch)}</label>
                <input id="org-search" type="search" placeholder=tr(Msg::OrgSearch)
                    prop:value=move || search.get() on:input=move |ev| search.set(event_target_value(&ev))/>
                <label class="sr-only" for="org-kind">{tr(Msg::OrgKind)}</label>
                <select id="org-kind" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    set(&|f| f.kind = OrgKind::parse(&v));
                }>
                    <option value="" selected=move || filter.with(|f| f.kind.is_none())>{tr(Msg::OrgKindAll)}</option>
                    {OrgKind::ALL.into_iter().map(|k| view! {
                        <option value=k.as_str() selected=move || filter.with(|f| f.kind == Some(k))>{tr(k.msg())}</option>
                    }).collect_view()}
                </select>
                <TermFilter id="org-domain" label=Msg::OrgDomains kind=TermKind::Domain
                    selected=Signal::derive(move || filter.with(|f| f.domain.clone()))
                    on_change=Callback::new(move |v: String| set(&|f| f.domain = Some(v.clone())))/>
                <TermFilter id="org-district" label=Msg::OrgDistrict kind=TermKind::District
                    selected=Signal::derive(move || filter.with(|f| f.district.clone()))
                    on_change=Callback::new(move |v: String| set(&|f| f.district = Some(v.clone())))/>
                <button type="submit" class="btn btn-primary">{tr(Msg::OrgSearch)}</button>
            </form>
            {paged_cards(data, Msg::OrgEmpty, |o| view! { <OrgCard org=o/> }, Callback::new(move |p: u32| {
                let mut f = filter.get_untracked();
                f.page = Some(p);
                go(f);
            }))}
        </section>
    }
}

/// A filter over one reference list; the empty choice means "any".
#[component]
fn TermFilter(
    id: &'static str,
    label: Msg,
    kind: TermKind,
    selected: Signal<Option<String>>,
    on_change: Callback<String>,
) -> impl IntoView {
    let tax = use_taxonomy();
    view! {
        <label class="sr-only" for=id>{tr(label)}</label>
        <select id=id on:change=move |ev| on_change.run(event_target_value(&ev))>
            <option value="">{tr(label)}</option>
            {move || {
                let l = locale();
                let current = selected.get();
                tax.get()
                    .of(kind)
                    .map(|t| {
                        let sel = current.as_deref() == Some(t.code.as_str());
                        view! { <option value=t.code.clone() selected=sel>{t.label(l).to_owned()}</option> }
                    })
                    .collect_view()
            }}
        </select>
    }
}

fn url_for(f: &OrgListQuery) -> String {
    let pairs = [
        ("kind", f.kind.map(|k| k.as_str().to_owned())),
        ("q", f.q.clone()),
        ("domain", f.domain.clone()),
        ("district", f.district.clone()),
        ("verified", f.verified.map(|v| v.to_string())),
        ("page", f.page.filter(|p| *p > 1).map(|p| p.to_string())),
    ];
    let parts: Vec<String> = pairs
        .into_iter()
        .filter_map(|(k, v)| v.filter(|v| !v.is_empty()).map(|v| format!("{k}={}", js_sys::encode_uri_component(&v))))
        .collect();
    if parts.is_empty() { "/orgs".to_owned() } else { format!("/orgs?{}", parts.join("&")) }
}

#[component]
pub fn OrgCard(org: OrgSummary) -> impl IntoView {
    let tax = use_taxonomy();
    let href = format!("/orgs/{}", org.id);
    let o = org.clone();
    let name = move || bilingual(&o.name_zh, o.name_en.as_deref(), locale());
    let subtype = org.subtype.clone();
    let kind = org.kind;
    let meta = move || {
        let l = locale();
        let mut parts = vec![kind.msg().t(l).to_owned()];
        if let (Some(list), Some(code)) = (kind.subtype_list(), &subtype) {
            parts.push(tax.label(list, code, l));
        }
        if let Some(d) = &org.district {
            parts.push(tax.label(TermKind::District, d, l));
        }
        parts.join(" · ")
    };
    let domains = org.domains.clone();
    view! {
        <li class="card org-card">
            <div class="org-card-head">
                <A href=href attr:class="org-name">{name}</A>
                {if org.verified {
                    view! { <span class="badge badge-ok">{tr(Msg::OrgVerified)}</span> }.into_any()
                } else {
                    view! { <span class="badge badge-muted">{tr(Msg::OrgUnverified)}</span> }.into_any()
                }}
            </div>
            <p class="muted">{meta}</p>
            <ul class="chips">
                {move || domains.iter().map(|d| view! { <li class="chip">{tax.label(TermKind::Domain, d, locale())}</li> }).collect_view()}
            </ul>
        </li>
    }
}
