//! One organization's profile.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::Msg;
use shared::orgs::{Org, OrgRole};
use shared::taxonomy::TermKind;

use super::org_id;
use crate::api;
use crate::components::data::resource_view;
use crate::components::labels::{bilingual, date, use_taxonomy};
use crate::i18n::{locale, text, tr};

#[component]
pub fn OrgDetail() -> impl IntoView {
    let id = org_id();
    let data = LocalResource::new(move || {
        let id = id.get();
        async move { api::org(id).await }
    });
    view! { <section class="page">{resource_view(data, |org: Org| view! { <Profile org=org/> })}</section> }
}

#[component]
fn Profile(org: Org) -> impl IntoView {
    let tax = use_taxonomy();
    let o = org.clone();
    let name = move || bilingual(&o.name_zh, o.name_en.as_deref(), locale());
    let (zh, en) = (org.name_zh.clone(), org.name_en.clone());
    // The name in the other language, under the main one.
    let other_name = move || match (&en, locale()) {
        (Some(_), shared::Locale::En) => zh.clone(),
        (Some(en), shared::Locale::ZhCn) => en.clone(),
        (None, _) => String::new(),
    };
    let is_owner = org.my_role == Some(OrgRole::Owner);
    let is_member = org.my_role.is_some();
    let id = org.id;
    let kind = org.kind;
    let subtype = org.subtype.clone();
    let district = org.district.clone();
    let zone = org.pilot_zone.clone();
    let tiers = org.tiers.clone();
    let domains = org.domains.clone();
    let row = |label: Msg, value: Box<dyn Fn() -> String + Send + Sync>| {
        view! { <div class="kv"><dt>{tr(label)}</dt><dd>{value}</dd></div> }
    };
    let not_set = move || Msg::NotSet.t(locale()).to_owned();
    let subtype_text = {
        let subtype = subtype.clone();
        move || match (kind.subtype_list(), &subtype) {
            (Some(list), Some(c)) => tax.label(list, c, locale()),
            _ => Msg::None_.t(locale()).to_owned(),
        }
    };
    let district_text = move || district.as_ref().map_or_else(not_set, |d| tax.label(TermKind::District, d, locale()));
    let zone_text = move || zone.as_ref().map_or_else(not_set, |z| tax.label(TermKind::PilotZone, z, locale()));
    let founded = org.founded_year.map(|y| y.to_string());
    let founded_text = move || founded.clone().unwrap_or_else(not_set);
    let size = org.size;
    let size_text = move || size.map_or_else(not_set, |s| s.msg().t(locale()).to_owned());
    let website = org.website.clone();
    let description = org.description.clone();
    let contact = org.contact.clone();
    view! {
        <div class="profile-head">
            <div>
                <h1 data-testid="org-name">{name}</h1>
                <p class="muted">{other_name}</p>
                <p>
                    <span class="badge">{tr(kind.msg())}</span>" "
                    {if org.verified {
                        view! { <span class="badge badge-ok">{tr(Msg::OrgVerified)}</span> }.into_any()
                    } else {
                        view! { <span class="badge badge-muted">{tr(Msg::OrgUnverified)}</span> }.into_any()
                    }}
                    " "<span class="muted">{move || text::OrgMembersCount { n: &org.member_count }.t(locale())}</span>
                </p>
            </div>
            <div class="actions">
                {is_owner.then(|| view! { <A href=format!("/orgs/{id}/edit") attr:class="btn btn-primary">{tr(Msg::Edit)}</A> })}
                {is_member.then(|| view! { <A href=format!("/orgs/{id}/members") attr:class="btn btn-secondary">{tr(Msg::OrgMembersTitle)}</A> })}
            </div>
        </div>
        <div class="grid-2">
            <div class="card">
                <h2>{tr(Msg::OrgDescription)}</h2>
                <p class="prose">{match description {
                    Some(d) => d.into_any(),
                    None => view! { <span class="muted">{not_set}</span> }.into_any(),
                }}</p>
                <h3>{tr(Msg::OrgDomains)}</h3>
                <ul class="chips">
                    {move || domains.iter().map(|d| view! { <li class="chip">{tax.label(TermKind::Domain, d, locale())}</li> }).collect_view()}
                </ul>
                {(!tiers.is_empty()).then(|| {
                    let tiers = tiers.clone();
                    view! {
                        <h3>{tr(Msg::OrgTiers)}</h3>
                        <ul class="chips">
                            {move || tiers.iter().map(|t| view! { <li class="chip chip-tier">{tax.label(TermKind::EnterpriseTier, t, locale())}</li> }).collect_view()}
                        </ul>
                    }
                })}
            </div>
            <dl class="card kvs">
                {row(Msg::OrgSubtype, Box::new(subtype_text))}
                {row(Msg::OrgDistrict, Box::new(district_text))}
                {row(Msg::OrgPilotZone, Box::new(zone_text))}
                {row(Msg::OrgFounded, Box::new(founded_text))}
                {row(Msg::OrgSize, Box::new(size_text))}
                <div class="kv"><dt>{tr(Msg::OrgWebsite)}</dt><dd>{match website {
                    Some(w) => view! { <a href=w.clone() rel="noopener noreferrer nofollow" target="_blank">{w.clone()}</a> }.into_any(),
                    None => view! { <span>{not_set}</span> }.into_any(),
                }}</dd></div>
                <div class="kv"><dt>{tr(Msg::OrgContactPhone)}" / "{tr(Msg::OrgContactEmail)}</dt><dd>{match contact {
                    Some(c) if c.phone.is_some() || c.email.is_some() => view! {
                        <span data-testid="org-contact">{c.phone.unwrap_or_default()}" "{c.email.unwrap_or_default()}</span>
                    }.into_any(),
                    Some(_) => view! { <span class="muted">{not_set}</span> }.into_any(),
                    None => view! { <span class="muted">{tr(Msg::OrgContactPrivate)}</span> }.into_any(),
                }}</dd></div>
                <div class="kv"><dt>{tr(Msg::OrgJoined)}</dt><dd>{date(&org.created_at)}</dd></div>
            </dl>
        </div>
    }
}
