//! `/invitations/:token`: what the invitation offers, and accepting it.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use shared::Msg;
use shared::orgs::InvitationPreview;

use crate::api;
use crate::components::act::Act;
use crate::components::data::{ErrorView, resource_view};
use crate::components::labels::bilingual;
use crate::i18n::{locale, tr, use_i18n};
use crate::session::use_session;

#[component]
pub fn Invitation() -> impl IntoView {
    let params = use_params_map();
    let token = Memo::new(move |_| params.with(|p| p.get("token")).unwrap_or_default());
    let preview = LocalResource::new(move || {
        let t = token.get();
        async move { api::preview_invitation(&t).await }
    });
    view! {
        <section class="page narrow">
            <h1>{tr(Msg::InviteTitle)}</h1>
            {resource_view(preview, move |p: InvitationPreview| view! { <Offer preview=p token=token.get_untracked()/> })}
        </section>
    }
}

#[component]
fn Offer(preview: InvitationPreview, token: String) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let navigate = use_navigate();
    let error = RwSignal::new(None::<shared::ApiError>);
    let t = token.clone();
    let accept = Act::new(move |_: &()| {
        let t = t.clone();
        async move { api::accept_invitation(&t).await }
    })
    .on_answer(move |answer| match answer {
        Ok(org) => {
            session.refresh(i18n);
            navigate(&format!("/orgs/{}", org.id), Default::default());
        }
        Err(e) => error.set(Some(e)),
    });
    let org = preview.org.clone();
    let next = format!("/invitations/{token}");
    let login_href = format!("/login?next={}", js_sys::encode_uri_component(&next));
    view! {
        <div class="card">
            <p>{tr(Msg::InviteBody)}</p>
            <h2>{move || bilingual(&org.name_zh, org.name_en.as_deref(), locale())}</h2>
            <p class="muted">{preview.email.clone()}" · "{tr(preview.role.msg())}" · "{preview.invited_by.clone()}</p>
            {move || error.get().map(|e| view! { <ErrorView error=e/> })}
            {
                let login_href = login_href.clone();
                move || if session.me.with(Option::is_some) {
                    view! {
                        <button class="btn btn-primary" disabled=move || accept.pending().get() on:click=move |_| { accept.dispatch(()); }>
                            {tr(Msg::InviteAccept)}
                        </button>
                    }.into_any()
                } else {
                    view! {
                        <p>{tr(Msg::InviteLoginFirst)}</p>
                        <A href=login_href.clone() attr:class="btn btn-primary">{tr(Msg::NavLogin)}</A>
                    }.into_any()
                }
            }
        </div>
    }
}
