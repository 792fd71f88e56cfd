//! A button for what cannot be taken back: the first press says what will happen and asks; only
//! "yes" acts, "go back" leaves everything as it was.

use leptos::html;
use leptos::prelude::*;
use shared::Msg;

use crate::i18n::tr;

#[component]
pub fn ConfirmButton(
    /// The button's label.
    label: Msg,
    /// What will happen, asked as a question.
    question: Msg,
    /// `data-testid` of the button; the answer buttons add `-yes` and `-no`.
    testid: &'static str,
    on_confirm: Callback<()>,
    #[prop(default = "btn btn-ghost")] class: &'static str,
    #[prop(into, optional)] disabled: Signal<bool>,
) -> impl IntoView {
    let asking = RwSignal::new(false);
    let yes = NodeRef::<html::Button>::new();
    // The question takes the focus, so a keyboard or screen-reader user hears it at once.
    Effect::new(move |_| {
        if asking.get()
            && let Some(b) = yes.get()
        {
            let _ = b.focus();
        }
    });
    view! {
        <Show when=move || asking.get() fallback=move || view! {
            <button type="button" class=class data-testid=testid disabled=move || disabled.get()
                on:click=move |_| asking.set(true)>{tr(label)}</button>
        }>
            <span class="confirm-box" role="group" data-testid=format!("{testid}-ask")>
                <span class="confirm-question">{tr(question)}</span>
                <button type="button" class="btn btn-small btn-danger" node_ref=yes data-testid=format!("{testid}-yes")
                    on:click=move |_| { asking.set(false); on_confirm.run(()); }>{tr(Msg::ConfirmYes)}</button>
                <button type="button" class="btn btn-small btn-ghost" data-testid=format!("{testid}-no")
                    on:click=move |_| asking.set(false)>{tr(Msg::ConfirmNo)}</button>
            </span>
        </Show>
    }
}
