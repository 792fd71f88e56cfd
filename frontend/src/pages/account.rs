//! My account: display name, language, password, memberships.

use leptos::prelude::*;
use leptos_router::components::{A, Redirect};
use shared::accounts::{ChangePasswordRequest, DeleteAccountRequest, Me, UpdateMeRequest};
use shared::{Locale, Msg};

use crate::api;
use crate::components::act::Act;
use crate::components::data::Loading;
use crate::components::form::{FormError, FormErrors, SelectField, TextField};
use crate::components::labels::bilingual;
use crate::i18n::{locale, set_locale, tr, use_i18n};
use crate::session::use_session;

#[component]
pub fn Account() -> impl IntoView {
    let session = use_session();
    move || match (session.loaded.get(), session.me.get()) {
        (false, _) => view! { <Loading/> }.into_any(),
        (true, None) => view! { <Redirect path="/login?next=/account"/> }.into_any(),
        (true, Some(me)) => view! { <AccountForms me=me/> }.into_any(),
    }
}

#[component]
fn AccountForms(me: Me) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let name = RwSignal::new(me.display_name.clone());
    let lang = RwSignal::new(me.locale.tag().to_owned());
    let profile_errors = FormErrors::new();
    let saved = RwSignal::new(false);
    let save_profile = Act::new(move |req: &UpdateMeRequest| {
        let req = req.clone();
        async move { api::update_me(&req).await }
    })
    .on_answer(move |answer| match answer {
        Ok(me) => {
            set_locale(i18n, me.locale);
            session.me.set(Some(me));
            saved.set(true);
        }
        Err(e) => profile_errors.server(e),
    });
    let on_profile = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let req = UpdateMeRequest {
            display_name: Some(name.get_untracked()),
            locale: Locale::from_tag(&lang.get_untracked()),
        };
        if profile_errors.check(req.parse().map(|_| ())) {
            save_profile.dispatch(req);
        }
    };
    let languages =
        Signal::derive(|| Locale::ALL.iter().map(|l| (l.tag().to_owned(), l.native_name().to_owned())).collect());

    let current = RwSignal::new(String::new());
    let new_pw = RwSignal::new(String::new());
    let pw_errors = FormErrors::new();
    let pw_done = RwSignal::new(false);
    let change = Act::new(move |req: &ChangePasswordRequest| {
        let req = req.clone();
        async move { api::change_password(&req).await }
    })
    .on_answer(move |answer| match answer {
        Ok(()) => {
            pw_done.set(true);
            current.set(String::new());
            new_pw.set(String::new());
        }
        Err(e) => pw_errors.server(e),
    });
    let on_password = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        pw_done.set(false);
        let req =
            ChangePasswordRequest { current_password: current.get_untracked(), new_password: new_pw.get_untracked() };
        if pw_errors.check(req.parse().map(|_| ())) {
            change.dispatch(req);
        }
    };
    let memberships = me.memberships.clone();
    view! {
        <section class="page narrow">
            <h1>{tr(Msg::AccountTitle)}</h1>
            <p class="muted">{me.email.clone()}{me.is_admin.then(|| view! { " · " <span class="badge">{tr(Msg::SiteAdminBadge)}</span> })}</p>
            <form class="card form" on:submit=on_profile novalidate>
                <h2>{tr(Msg::AccountProfile)}</h2>
                <FormError errors=profile_errors/>
                <TextField label=Msg::FieldDisplayName name="display_name" value=name errors=profile_errors required=true/>
                <SelectField label=Msg::FieldLocale name="locale" value=lang options=languages errors=profile_errors/>
                <button type="submit" class="btn btn-primary">{tr(Msg::Save)}</button>
                {move || saved.get().then(|| view! { <p class="ok" role="status">{tr(Msg::Saved)}</p> })}
            </form>
            <form class="card form" on:submit=on_password novalidate>
                <h2>{tr(Msg::AccountChangePassword)}</h2>
                <FormError errors=pw_errors/>
                <TextField label=Msg::FieldCurrentPassword name="current_password" value=current errors=pw_errors input_type="password" autocomplete="current-password"/>
                <TextField label=Msg::FieldNewPassword name="new_password" value=new_pw errors=pw_errors input_type="password" hint=Msg::FieldPasswordHint autocomplete="new-password"/>
                <button type="submit" class="btn btn-primary">{tr(Msg::Save)}</button>
                {move || pw_done.get().then(|| view! { <p class="ok" role="status">{tr(Msg::PasswordChanged)}</p> })}
            </form>
            <div class="card">
                <h2>{tr(Msg::AccountMemberships)}</h2>
                <ul class="list">
                    {memberships.into_iter().map(|m| {
                        let href = format!("/orgs/{}", m.org_id);
                        view! {
                            <li>
                                <A href=href>{move || bilingual(&m.org_name_zh, m.org_name_en.as_deref(), locale())}</A>
                                " · "{tr(m.role.msg())}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </div>
            <div class="card">
                <h2>{tr(Msg::AccountMyData)}</h2>
                <p class="muted">{tr(Msg::AccountMyDataIntro)}</p>
                <a class="btn btn-secondary" href=shared::paths::me_export() download="" data-testid="my-data">{tr(Msg::AccountMyDataDownload)}</a>
            </div>
            <DeleteAccount/>
        </section>
    }
}

/// Deleting one's account, confirmed with the password; goes home signed out when done.
#[component]
fn DeleteAccount() -> impl IntoView {
    let password = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let delete = Act::new(move |req: &DeleteAccountRequest| {
        let req = req.clone();
        async move { api::delete_me(&req).await }
    })
    .on_answer(move |answer| match answer {
        // A full load of the home page: nothing of the account stays in this tab's memory (and the
        // account page's "sign in first" redirect never races the navigation).
        Ok(()) => {
            let _ = web_sys::window().map(|w| w.location().set_href("/"));
        }
        Err(e) => errors.server(e),
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let req = DeleteAccountRequest { password: password.get_untracked() };
        if errors.check(req.parse()) {
            delete.dispatch(req);
        }
    };
    view! {
        <form class="card form" on:submit=on_submit novalidate data-testid="delete-account">
            <h2>{tr(Msg::AccountDelete)}</h2>
            <p class="muted">{tr(Msg::AccountDeleteIntro)}</p>
            <FormError errors=errors/>
            <TextField label=Msg::FieldPassword name="password" value=password errors=errors input_type="password" autocomplete="current-password"/>
            <button type="submit" class="btn btn-danger" data-testid="delete-account-confirm">{tr(Msg::AccountDeleteConfirm)}</button>
        </form>
    }
}
