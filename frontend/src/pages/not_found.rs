use leptos::prelude::*;
use leptos_router::components::A;
use shared::Msg;

use crate::i18n::tr;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="page narrow center">
            <p class="big-number" aria-hidden="true">"404"</p>
            <h1>{tr(Msg::NotFoundTitle)}</h1>
            <p>{tr(Msg::NotFoundBody)}</p>
            <A href="/" attr:class="btn btn-primary">{tr(Msg::NotFoundHome)}</A>
        </section>
    }
}
