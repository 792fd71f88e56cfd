use leptos::prelude::*;
use leptos_router::components::A;
use shared::Msg;
use shared::taxonomy::TermKind;

use crate::components::labels::use_taxonomy;
use crate::i18n::{locale, tr};

#[component]
pub fn Home() -> impl IntoView {
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
        <section class="hero">
            <h1>{tr(Msg::HomeHeroTitle)}</h1>
            <p class="lead">{tr(Msg::HomeHeroBody)}</p>
            <div class="actions">
                <A href="/register" attr:class="btn btn-primary btn-lg">{tr(Msg::HomeCtaRegister)}</A>
                <A href="/orgs" attr:class="btn btn-secondary btn-lg">{tr(Msg::HomeCtaBrowse)}</A>
            </div>
        </section>
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
