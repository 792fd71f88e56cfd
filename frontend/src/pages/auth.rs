//! Login and registration.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::Msg;
use shared::accounts::{LoginRequest, Me, RegisterRequest};

use crate::api::{self, ApiResult};
use crate::components::act::Act;
use crate::components::form::{FormError, FormErrors, TextField};
use crate::i18n::{locale, text, tr, use_i18n};
use crate::session::use_session;

/// Where to go after signing in: the `?next=` address when it is a page of this site, else
/// `fallback`.
fn next_path(fallback: &'static str) -> impl Fn() -> String {
    let query = use_query_map();
    move || query.with_untracked(|q| q.get("next")).and_then(|n| same_site(&n)).unwrap_or_else(|| fallback.to_owned())
}

/// Where the verification link leads: confirms the address, then offers the way back to where the
/// user was when they registered (`?next=`).
#[component]
pub fn VerifyEmail() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let query = use_query_map();
    let token = query.with_untracked(|q| q.get("token")).unwrap_or_default();
    let next = query.with_untracked(|q| q.get("next")).and_then(|n| same_site(&n)).unwrap_or_else(|| "/".to_owned());
    // Confirmed by the person's click, never on load: mail scanners open links too.
    let confirm = Act::new(move |_: &()| {
        let token = token.clone();
        async move { api::verify_email(&token).await }
    })
    .on_answer(move |answer| {
        if answer.is_ok() {
            session.refresh(i18n);
        }
    });
    view! {
        <section class="page narrow" data-testid="verify-email">
            <h1>{tr(Msg::VerifyTitle)}</h1>
            {move || match confirm.value().get() {
                None => view! {
                    <p>{tr(Msg::VerifyAsk)}</p>
                    <p><button class="btn btn-primary" data-testid="verify-confirm" disabled=move || confirm.pending().get()
                        on:click=move |_| { confirm.dispatch(()); }>{tr(Msg::VerifyConfirm)}</button></p>
                }.into_any(),
                Some(Ok(())) => {
                    let next = next.clone();
                    view! {
                        <p class="notice" role="status" data-testid="verify-done">{tr(Msg::VerifyDone)}</p>
                        <p><A href=next attr:class="btn btn-primary" attr:data-testid="verify-continue">{tr(Msg::VerifyContinue)}</A></p>
                    }.into_any()
                }
                Some(Err(e)) => view! {
                    <crate::components::data::ErrorView error=e/>
                    {move || session.me.with(|m| m.as_ref().is_some_and(|m| !m.email_verified)).then(|| view! { <ResendVerification/> })}
                }.into_any(),
            }}
        </section>
    }
}

/// For a signed-in account whose email is not verified yet: what to do, and a button to send the
/// link again (returning to this page).
#[component]
pub fn VerifyBanner() -> impl IntoView {
    let session = use_session();
    let unverified = move || session.me.with(|m| m.as_ref().filter(|m| !m.email_verified).map(|m| m.email.clone()));
    let on_verify_page = move || leptos_router::hooks::use_location().pathname.get() == "/verify-email";
    move || {
        let email = unverified().filter(|_| !on_verify_page())?;
        Some(view! {
            <div class="banner" role="status" data-testid="verify-banner">
                <div class="container">
                    <p>{move || text::VerifyBanner { email: &email }.t(locale())}</p>
                    <ResendVerification/>
                </div>
            </div>
        })
    }
}

/// "Send it again", with the outcome (sent, or how long to wait).
#[component]
fn ResendVerification() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let send = Action::new_local(move |next: &Option<String>| {
        let next = next.clone();
        async move { api::resend_verification(next).await }
    });
    let resend = move |_| {
        let here = format!("{}{}", location.pathname.get_untracked(), location.search.get_untracked());
        send.dispatch(Some(here).filter(|p| p != "/verify-email" && !p.starts_with("/verify-email?")));
    };
    view! {
        <p class="actions">
            <button class="btn btn-secondary btn-small" data-testid="verify-resend" disabled=move || send.pending().get()
                on:click=resend>{tr(Msg::VerifyResend)}</button>
            {move || match send.value().get() {
                Some(Ok(())) => view! { <span class="muted small" data-testid="verify-resent">{tr(Msg::VerifyResent)}</span> }.into_any(),
                Some(Err(e)) => view! { <span class="field-error" role="alert">{e.error.message}</span> }.into_any(),
                None => ().into_any(),
            }}
        </p>
    }
}

/// `next` as a path of this site: it must pass the shared rule, and resolved against this page's
/// origin as the browser would resolve it, it must stay on that origin.
fn same_site(next: &str) -> Option<String> {
    let next = shared::routes::return_path(next)?;
    let origin = web_sys::window()?.location().origin().ok()?;
    let url = web_sys::Url::new_with_base(next, &origin).ok()?;
    (url.origin() == origin).then(|| format!("{}{}{}", url.pathname(), url.search(), url.hash()))
}

/// What a sign-in form does with the answer: records the signed-in user and goes on to `?next=`
/// (else `fallback`), or shows the server's refusal on the form.
fn sign_in_when_done(errors: FormErrors, fallback: &'static str) -> impl Fn(ApiResult<Me>) + 'static {
    let session = use_session();
    let i18n = use_i18n();
    let navigate = use_navigate();
    let next = next_path(fallback);
    move |answer| match answer {
        Ok(me) => {
            session.signed_in(Some(me), i18n);
            navigate(&next(), Default::default());
        }
        Err(e) => errors.server(e),
    }
}

#[component]
pub fn Login() -> impl IntoView {
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let submit = Act::new(move |req: &LoginRequest| {
        let req = req.clone();
        async move { api::login(&req).await }
    })
    .on_answer(sign_in_when_done(errors, "/"));
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
    let submit = Act::new(move |req: &RegisterRequest| {
        let req = req.clone();
        async move { api::register(&req).await }
    })
    .on_answer(sign_in_when_done(errors, "/my/orgs"));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let req = RegisterRequest {
            email: email.get_untracked(),
            password: password.get_untracked(),
            display_name: name.get_untracked(),
            locale: Some(i18n.locale.get_untracked()),
            next: use_query_map().with_untracked(|q| q.get("next")),
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
                <p class="muted">{tr(Msg::HaveAccount)}" "<A href=crate::session::returning_to_here("/login")>{tr(Msg::NavLogin)}</A></p>
            </form>
        </section>
    }
}
