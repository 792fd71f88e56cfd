//! The interface language: a signal in context, remembered in localStorage and, for signed-in
//! users, in their account. Every string comes from the shared catalogue.

use leptos::prelude::*;
use shared::{Locale, Msg};

/// The catalogue's texts that take arguments (`text::X { n }.t(locale())`).
pub use shared::i18n::text;

const STORAGE_KEY: &str = "fm_locale";

#[derive(Clone, Copy)]
pub struct I18n {
    pub locale: RwSignal<Locale>,
}

impl I18n {
    pub fn t(self, msg: Msg) -> &'static str {
        msg.t(self.locale.get())
    }
}

/// The browser's local storage, when it allows it.
pub fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The remembered choice, else the browser's language, else zh-CN.
pub fn initial_locale() -> Locale {
    let stored = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten()).and_then(|t| Locale::from_tag(&t));
    let browser = || web_sys::window().and_then(|w| w.navigator().language()).and_then(|t| Locale::from_tag(&t));
    stored.or_else(browser).unwrap_or_default()
}

/// Switches the language for this browser (the caller also saves it to the account).
pub fn set_locale(i18n: I18n, locale: Locale) {
    i18n.locale.set(locale);
    if let Some(s) = storage() {
        let _ = s.set_item(STORAGE_KEY, locale.tag());
    }
    if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = el.set_attribute("lang", locale.tag());
    }
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// A reactive text for `msg`.
pub fn tr(msg: Msg) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || i18n.t(msg)
}

/// The current locale, reactive.
pub fn locale() -> Locale {
    use_i18n().locale.get()
}
