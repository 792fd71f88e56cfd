//! Members, roles and invitations of one organization.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use shared::Msg;
use shared::orgs::{Invitation, InviteRequest, Member, Org, OrgRole, UpdateMemberRequest};

use super::org_id;
use crate::api;
use crate::components::act::Act;
use crate::components::data::{ErrorView, resource_view};
use crate::components::form::{FormError, FormErrors, SelectField, TextField};
use crate::components::labels::{bilingual, date};
use crate::i18n::{locale, tr};
use crate::session::use_session;

#[component]
pub fn Members() -> impl IntoView {
    let id = org_id();
    let org = LocalResource::new(move || {
        let id = id.get();
        async move { api::org(id).await }
    });
    view! {
        <section class="page">
            {resource_view(org, |org: Org| view! { <MembersOf org=org/> })}
        </section>
    }
}

#[component]
fn MembersOf(org: Org) -> impl IntoView {
    let id = org.id;
    let is_owner = org.my_role == Some(OrgRole::Owner);
    let session = use_session();
    let me_id = move || session.me.with(|m| m.as_ref().map(|m| m.id));
    let members = LocalResource::new(move || api::members(id));
    let invitations =
        LocalResource::new(move || async move { if is_owner { api::invitations(id).await } else { Ok(vec![]) } });
    let action_error = RwSignal::new(None::<shared::ApiError>);
    let run = move |fut: std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), shared::ApiError>>>>| {
        spawn_local(async move {
            match fut.await {
                Ok(()) => {
                    action_error.set(None);
                    members.refetch();
                    invitations.refetch();
                }
                Err(e) => action_error.set(Some(e)),
            }
        });
    };
    let name = bilingual(&org.name_zh, org.name_en.as_deref(), locale());
    view! {
        <h1>{tr(Msg::OrgMembersTitle)}" · "<A href=format!("/orgs/{id}")>{name}</A></h1>
        {move || action_error.get().map(|e| view! { <ErrorView error=e/> })}
        {resource_view(members, move |list: Vec<Member>| view! {
            <table class="table">
                <thead><tr>
                    <th>{tr(Msg::FieldDisplayName)}</th><th>{tr(Msg::FieldEmail)}</th><th>{tr(Msg::OrgRole)}</th><th></th>
                </tr></thead>
                <tbody>
                    {list.into_iter().map(|m| {
                        let uid = m.user_id;
                        let other_role = if m.role == OrgRole::Owner { OrgRole::Member } else { OrgRole::Owner };
                        let is_me = move || me_id() == Some(uid);
                        view! {
                            <tr>
                                <td>{m.display_name.clone()}</td>
                                <td>{m.email.clone()}</td>
                                <td>{tr(m.role.msg())}</td>
                                <td class="row-actions">
                                    {is_owner.then(|| view! {
                                        <button class="btn btn-small btn-secondary" on:click=move |_| run(Box::pin(async move {
                                            api::change_role(id, uid, &UpdateMemberRequest { role: other_role }).await.map(|_| ())
                                        }))>{tr(other_role.msg())}</button>
                                    })}
                                    {move || (is_owner || is_me()).then(|| view! {
                                        <button class="btn btn-small btn-danger" on:click=move |_| run(Box::pin(api::remove_member(id, uid)))>
                                            {move || if is_me() { tr(Msg::OrgLeave)() } else { tr(Msg::Remove)() }}
                                        </button>
                                    })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        })}
        {is_owner.then(|| view! {
            <InviteForm id=id on_done=Callback::new(move |_| invitations.refetch())/>
            <div class="card">
                <h2>{tr(Msg::OrgPendingInvites)}</h2>
                {resource_view(invitations, move |list: Vec<Invitation>| view! {
                    <ul class="list">
                        {list.into_iter().map(|inv| {
                            let inv_id = inv.id;
                            view! {
                                <li>
                                    {inv.email.clone()}" · "{tr(inv.role.msg())}" · "{tr(Msg::OrgExpires)}" "{date(&inv.expires_at)}" "
                                    <button class="btn btn-small btn-secondary" on:click=move |_| run(Box::pin(api::revoke_invitation(id, inv_id)))>
                                        {tr(Msg::OrgRevoke)}
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                })}
            </div>
        })}
    }
}

#[component]
fn InviteForm(id: i64, on_done: Callback<()>) -> impl IntoView {
    let email = RwSignal::new(String::new());
    let role = RwSignal::new("member".to_owned());
    let errors = FormErrors::new();
    let link = RwSignal::new(None::<String>);
    let roles = Signal::derive(move || {
        [OrgRole::Member, OrgRole::Owner]
            .iter()
            .map(|r| (r.as_str().to_owned(), r.msg().t(locale()).to_owned()))
            .collect()
    });
    let send = Act::new(move |req: &InviteRequest| {
        let req = req.clone();
        async move { api::invite(id, &req).await }
    })
    .on_answer(move |answer| match answer {
        Ok(inv) => {
            let origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
            link.set(inv.token.map(|t| format!("{origin}/invitations/{t}")));
            email.set(String::new());
            on_done.run(());
        }
        Err(e) => errors.server(e),
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        link.set(None);
        let req = InviteRequest {
            email: email.get_untracked(),
            role: OrgRole::parse(&role.get_untracked()).unwrap_or(OrgRole::Member),
        };
        if errors.check(req.parse().map(|_| ())) {
            send.dispatch(req);
        }
    };
    view! {
        <form class="card form" on:submit=on_submit novalidate>
            <h2>{tr(Msg::OrgInvite)}</h2>
            <FormError errors=errors/>
            <TextField label=Msg::FieldEmail name="email" value=email errors=errors input_type="email" required=true/>
            <SelectField label=Msg::OrgRole name="role" value=role options=roles errors=errors/>
            <button type="submit" class="btn btn-primary">{tr(Msg::OrgInviteSubmit)}</button>
            {move || link.get().map(|l| view! {
                <div class="notice" role="status">
                    <p>{tr(Msg::OrgInviteCreated)}</p>
                    <code class="invite-link" data-testid="invite-link">{l}</code>
                </div>
            })}
        </form>
    }
}
