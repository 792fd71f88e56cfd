//! "My organizations": the signed-in user's memberships, and a way to create one.

use leptos::prelude::*;
use leptos_router::components::{A, Redirect};
use shared::Msg;

use crate::components::data::Loading;
use crate::components::labels::bilingual;
use crate::i18n::{locale, tr};
use crate::session::use_session;

#[component]
pub fn MyOrgs() -> impl IntoView {
    let session = use_session();
    move || match (session.loaded.get(), session.me.get()) {
        (false, _) => view! { <Loading/> }.into_any(),
        (true, None) => view! { <Redirect path="/login?next=/my/orgs"/> }.into_any(),
        (true, Some(me)) => {
            let empty = me.memberships.is_empty();
            view! {
                <section class="page narrow">
                    <div class="profile-head">
                        <h1>{tr(Msg::MyOrgsTitle)}</h1>
                        <A href="/orgs/new" attr:class="btn btn-primary">{tr(Msg::OrgCreateTitle)}</A>
                    </div>
                    {empty.then(|| view! { <p class="state">{tr(Msg::MyOrgsEmpty)}</p> })}
                    <ul class="cards">
                        {me.memberships.into_iter().map(|m| {
                            let id = m.org_id;
                            view! {
                                <li class="card org-card">
                                    <div class="org-card-head">
                                        <A href=format!("/orgs/{id}") attr:class="org-name">
                                            {move || bilingual(&m.org_name_zh, m.org_name_en.as_deref(), locale())}
                                        </A>
                                        {if m.verified {
                                            view! { <span class="badge badge-ok">{tr(Msg::OrgVerified)}</span> }.into_any()
                                        } else {
                                            view! { <span class="badge badge-muted">{tr(Msg::OrgUnverified)}</span> }.into_any()
                                        }}
                                    </div>
                                    <p class="muted">{tr(m.org_kind.msg())}" · "{tr(m.role.msg())}</p>
                                    <p class="actions">
                                        <A href=format!("/orgs/{id}/members") attr:class="btn btn-small btn-secondary">{tr(Msg::OrgMembersTitle)}</A>
                                    </p>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            }
            .into_any()
        }
    }
}
