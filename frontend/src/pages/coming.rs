//! Capabilities delivered by later issues: each page says plainly what will be there.

use leptos::prelude::*;
use shared::Msg;

use crate::i18n::tr;

#[component]
pub fn Coming(title: Msg, body: Msg) -> impl IntoView {
    view! {
        <section class="page narrow">
            <h1>{tr(title)}</h1>
            <div class="card coming">
                <span class="badge badge-muted">{tr(Msg::ComingTitle)}</span>
                <p>{tr(body)}</p>
            </div>
        </section>
    }
}
