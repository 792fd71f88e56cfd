//! The document's title and description, per page: search engines, tabs, bookmarks and screen
//! readers tell pages apart by them. The section's name is set on every navigation; a page about
//! one thing (a posting, an event) names it once it is loaded.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use shared::Msg;

use shared::Locale;

use crate::i18n::use_i18n;

/// The section a path belongs to (its title) and how to describe it.
pub fn section(path: &str) -> (Option<Msg>, Msg) {
    let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
    match first {
        "" => (None, Msg::AppTagline),
        "demands" => (Some(Msg::NavDemands), Msg::IntroDemands),
        "capabilities" => (Some(Msg::NavCapabilities), Msg::IntroCapabilities),
        "scenarios" => (Some(Msg::NavScenarios), Msg::IntroScenarios),
        "investors" => (Some(Msg::NavInvestors), Msg::IntroMandates),
        "search" => (Some(Msg::SearchTitle), Msg::AppTagline),
        "events" => (Some(Msg::EventsTitle), Msg::AppTagline),
        "competitions" => (Some(Msg::CompTitle), Msg::AppTagline),
        "judging" => (Some(Msg::NavJudging), Msg::AppTagline),
        "experts" => (Some(Msg::ExpertsTitle), Msg::AppTagline),
        "dashboard" => (Some(Msg::DashTitle), Msg::AppTagline),
        "orgs" => (Some(Msg::OrgsTitle), Msg::AppTagline),
        "notices" => (Some(Msg::NoticesTitle), Msg::AppTagline),
        "feed" => (Some(Msg::FeedTitle), Msg::AppTagline),
        "engagements" => (Some(Msg::EngTitle), Msg::AppTagline),
        "notifications" => (Some(Msg::NotificationsTitle), Msg::AppTagline),
        "login" => (Some(Msg::LoginTitle), Msg::AppTagline),
        "register" => (Some(Msg::RegisterTitle), Msg::AppTagline),
        "verify-email" => (Some(Msg::VerifyTitle), Msg::AppTagline),
        "account" => (Some(Msg::AccountTitle), Msg::AppTagline),
        "my" => (Some(Msg::NavMyOrgs), Msg::AppTagline),
        "admin" => (Some(Msg::AdminTitle), Msg::AppTagline),
        "certificates" => (Some(Msg::CertTitle), Msg::AppTagline),
        "invitations" => (Some(Msg::InviteTitle), Msg::AppTagline),
        _ => (Some(Msg::NotFoundTitle), Msg::AppTagline),
    }
}

fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}

/// Sets the tab title to `what · 未来产业对接平台` (the site's name alone on the home page).
pub fn set_title(what: Option<&str>, locale: Locale) {
    let site = Msg::AppName.t(locale);
    if let Some(d) = document() {
        d.set_title(&match what {
            Some(w) if !w.trim().is_empty() => format!("{} · {site}", w.trim()),
            _ => site.to_owned(),
        });
    }
}

/// Sets the page's meta description (at most 160 characters, whole characters).
pub fn set_description(description: &str) {
    let short: String = description.chars().take(160).collect();
    if let Some(meta) = document().and_then(|d| d.query_selector("meta[name=description]").ok().flatten()) {
        let _ = meta.set_attribute("content", &short);
    }
}

/// What a page about one thing is called and how it is summed up, in both languages.
#[derive(Debug, Clone, PartialEq)]
struct Named {
    path: String,
    title: (String, Option<String>),
    summary: (String, Option<String>),
}

#[derive(Clone, Copy)]
struct PageName(RwSignal<Option<Named>>);

/// Follows navigation and the language: each page gets its section's title and description, or
/// the name and summary of the thing it shows (see [`name_page`]).
pub fn follow_route() {
    let location = use_location();
    let i18n = use_i18n();
    let named = PageName(RwSignal::new(None));
    provide_context(named);
    Effect::new(move |_| {
        let path = location.pathname.get();
        let locale = i18n.locale.get();
        let pick = |(zh, en): &(String, Option<String>)| match (locale, en) {
            (Locale::En, Some(en)) if !en.trim().is_empty() => en.clone(),
            _ => zh.clone(),
        };
        match named.0.get().filter(|n| n.path == path) {
            Some(n) => {
                set_title(Some(&pick(&n.title)), locale);
                set_description(&pick(&n.summary));
            }
            None => {
                let (title, description) = section(&path);
                set_title(title.map(|t| t.t(locale)), locale);
                set_description(description.t(locale));
            }
        }
    });
}

/// Names the page shown now after the thing it shows (a posting, an event, a competition).
pub fn name_page(title: (&str, Option<&str>), summary: (&str, Option<&str>)) {
    let Some(named) = use_context::<PageName>() else { return };
    let path = use_location().pathname.get_untracked();
    let own = |(zh, en): (&str, Option<&str>)| (zh.to_owned(), en.map(str::to_owned));
    named.0.set(Some(Named { path, title: own(title), summary: own(summary) }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_area_has_its_own_title_and_unknown_paths_are_not_found() {
        assert_eq!(section("/").0, None);
        assert_eq!(section("/demands/12").0, Some(Msg::NavDemands));
        assert_eq!(section("/investors").1, Msg::IntroMandates);
        assert_eq!(section("/events/3/checkin").0, Some(Msg::EventsTitle));
        assert_eq!(section("/nowhere").0, Some(Msg::NotFoundTitle));
    }
}
