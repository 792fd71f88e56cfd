//! Login and registration.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::Msg;
use shared::accounts::{LoginRequest, Me, RegisterRequest};

use crate::api::{self, ApiResult};
use crate::components::form::{FormError, FormErrors, TextField};
use crate::i18n::{tr, use_i18n};
use crate::session::use_session;

/// Where to go after signing in: a local `?next=` path, else `fallback`.
fn next_path(fallback: &'static str) -> impl Fn() -> String {
    let query = use_query_map();
    move || {
        query
            .with_untracked(|q| q.get("next"))
            .filter(|n| n.starts_with('/') && !n.starts_with("//"))
            .unwrap_or_else(|| fallback.to_owned())
    }
}

/// When `submit` answers, records the signed-in user and goes on to `?next=` (else `fallback`),
/// or shows the server's refusal on the form.
fn sign_in_when_done<I: 'static>(submit: Action<I, ApiResult<Me>>, errors: FormErrors, fallback: &'static str) {
    let session = use_session();
    let i18n = use_i18n();
    let navigate = use_navigate();
    let next = next_path(fallback);
    Effect::new(move |_| match submit.value().get() {
        Some(Ok(me)) => {
            session.signed_in(Some(me), i18n);
            navigate(&next(), Default::default());
        }
        Some(Err(e)) => errors.server(e),
        None => {}
    });
}

#[component]
pub fn Login() -> impl IntoView {
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let submit = Action::new_local(move |req: &LoginRequest| {
        let req = req.clone();
        async move { api::login(&req).await }
    });
    sign_in_when_done(submit, errors, "/");
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let req = LoginRequest { email: email.get_untracked(), password: password.get_untracked() };
        if errors.check(req.parse().map(|_| ())) {
            submit.dispatch(req);
        }
    };
    let register_href = move || {
        let q = use_query_map().with_untracked(|q| q.get("next"));
        q.map_or("/register".to_owned(), |n| format!("/register?next={}", js_sys::encode_uri_component(&n)))
    };
    view! {
        <section class="page narrow">
            <h1>{tr(Msg::LoginTitle)}</h1>
            <form class="card form" on:submit=on_submit novalidate>
                <FormError errors=errors/>
                <TextField label=Msg::FieldEmail name="email" value=email errors=errors input_type="email" required=true autocomplete="username"/>
                <TextField label=Msg::FieldPassword name="password" value=password errors=errors input_type="password" required=true autocomplete="current-password"/>
                <button type="submit" class="btn btn-primary" disabled=move || submit.pending().get()>{tr(Msg::LoginSubmit)}</button>
                <p class="muted">{tr(Msg::NoAccountYet)}" "<A href=register_href()>{tr(Msg::NavRegister)}</A></p>
            </form>
        </section>
    }
}

#[component]
pub fn Register() -> impl IntoView {
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let i18n = use_i18n();
    let submit = Action::new_local(move |req: &RegisterRequest| {
        let req = req.clone();
        async move { api::register(&req).await }
    });
    sign_in_when_done(submit, errors, "/my/orgs");
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let req = RegisterRequest {
            email: email.get_untracked(),
            password: password.get_untracked(),
            display_name: name.get_untracked(),
            locale: Some(i18n.locale.get_untracked()),
        };
        if errors.check(req.parse().map(|_| ())) {
            submit.dispatch(req);
        }
    };
    view! {
        <section class="page narrow">
            <h1>{tr(Msg::RegisterTitle)}</h1>
            <form class="card form" on:submit=on_submit novalidate>
                <FormError errors=errors/>
                <TextField label=Msg::FieldDisplayName name="display_name" value=name errors=errors required=true autocomplete="name"/>
                <TextField label=Msg::FieldEmail name="email" value=email errors=errors input_type="email" required=true autocomplete="email"/>
                <TextField label=Msg::FieldPassword name="password" value=password errors=errors input_type="password" required=true hint=Msg::FieldPasswordHint autocomplete="new-password"/>
                <button type="submit" class="btn btn-primary" disabled=move || submit.pending().get()>{tr(Msg::RegisterSubmit)}</button>
                <p class="muted">{tr(Msg::HaveAccount)}" "<A href="/login">{tr(Msg::NavLogin)}</A></p>
            </form>
        </section>
    }
}
