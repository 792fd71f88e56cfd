//! The signed-in user, in context. Loaded from `/api/v1/me` at start, so a reload keeps the session
//! (the cookie is HttpOnly; the app never sees the token).

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::accounts::Me;

use crate::api;
use crate::i18n::{I18n, set_locale};

#[derive(Clone, Copy)]
pub struct Session {
    pub me: RwSignal<Option<Me>>,
    /// False until the first `/api/v1/me` answer arrives.
    pub loaded: RwSignal<bool>,
}

impl Session {
    pub fn new() -> Self {
        Session { me: RwSignal::new(None), loaded: RwSignal::new(false) }
    }

    /// Re-reads the current user from the server (at start, from the page the server sent).
    pub fn refresh(self, i18n: I18n) {
        spawn_local(async move {
            let me = api::session_user().await.ok().flatten();
            self.signed_in(me, i18n);
            self.loaded.set(true);
        });
    }

    /// The signed-in user's organizations that `keep` accepts, as (id, name) options for a select,
    /// following the session and the language.
    pub fn org_options(
        self,
        keep: impl Fn(&shared::accounts::Membership) -> bool + Send + Sync + 'static,
    ) -> Signal<Vec<(String, String)>> {
        Signal::derive(move || {
            self.me.with(|m| {
                m.iter()
                    .flat_map(|m| &m.memberships)
                    .filter(|o| keep(o))
                    .map(|o| {
                        let name = crate::components::labels::bilingual(
                            &o.org_name_zh,
                            o.org_name_en.as_deref(),
                            crate::i18n::locale(),
                        );
                        (o.org_id.to_string(), name)
                    })
                    .collect()
            })
        })
    }

    /// Records who is signed in; their saved language wins over the browser's.
    pub fn signed_in(self, me: Option<Me>, i18n: I18n) {
        if let Some(m) = &me
            && i18n.locale.get_untracked() != m.locale
        {
            set_locale(i18n, m.locale);
        }
        self.me.set(me);
    }
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// The address of `page` (`/login` or `/register`) that brings the person back here afterwards:
/// `?next=` this page's path and query. On the sign-in pages themselves their own `?next=` is kept.
pub fn returning_to_here(page: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let location = leptos_router::hooks::use_location();
    move || {
        let (path, search) = (location.pathname.get(), location.search.get());
        if matches!(path.as_str(), "/login" | "/register") {
            let search = if search.is_empty() || search.starts_with('?') { search } else { format!("?{search}") };
            return format!("{page}{search}");
        }
        let here = if search.is_empty() {
            path
        } else if search.starts_with('?') {
            format!("{path}{search}")
        } else {
            format!("{path}?{search}")
        };
        format!("{page}?next={}", js_sys::encode_uri_component(&here))
    }
}
