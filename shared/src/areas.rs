//! The page areas of the frontend: each is one module the browser fetches the first time a page
//! of the area is shown (`frontend/src/split.rs`, one `#[lazy]` function per area, named as
//! here). The server reads the same table to put the area's files into the page it serves for a
//! path, as preload hints, so they download with the shell instead of one round trip after it.
//! [`first_data`] names the API answers a page asks for first; the server puts them into the
//! page too.

use crate::market::{LIST_PER_PAGE, PostingKind, PostingQuery, SearchQuery};
use crate::routes;

/// The area whose module draws the page at `path`; `None` for the page in the shell itself (home)
/// and for unknown paths.
pub fn of(path: &str) -> Option<&'static str> {
    let mut parts = path.trim_start_matches('/').split('/');
    let first = parts.next().unwrap_or("");
    let second = parts.next().unwrap_or("");
    let third = parts.next().unwrap_or("");
    Some(match (first, second) {
        ("demands" | "capabilities" | "scenarios" | "investors", "") | ("search" | "feed", _) => "market_browse",
        ("demands" | "capabilities" | "scenarios" | "investors", "new") => "market_manage",
        ("demands" | "capabilities" | "scenarios" | "investors", _) if third.is_empty() => "posting",
        ("demands" | "capabilities" | "scenarios" | "investors", _) => "market_manage",
        ("my", "postings") | ("admin", "moderation") | ("import", "") => "market_manage",
        ("my", "orgs") | ("orgs" | "invitations", _) => "orgs",
        ("events", "") => "events_browse",
        ("events", "new") => "events_manage",
        ("events", _) if third.is_empty() => "event_page",
        ("events", _) => "events_manage",
        ("competitions" | "judging" | "certificates", _) => "contests",
        ("experts", _) => "expert_pool",
        ("dashboard", _) => "plan_dashboard",
        ("account", _) => "account",
        ("engagements" | "notifications", _) => "engage",
        ("notices", _) => "notices",
        ("admin", _) => "admin",
        ("login" | "register" | "verify-email", _) => "sign_in",
        _ => return None,
    })
}

/// The API paths the page at `path?query` asks for as it first draws, spelled as the frontend
/// spells them (`routes`): who is signed in, the reference lists, and the page's own data for
/// the pages people arrive at from outside (home, lists without filters, a posting with its
/// matches, events, an event, the dashboard, a search for words). The server answers them in the
/// page it sends; the frontend takes each answer once instead of asking. A page not named here
/// asks for its data as usual.
pub fn first_data(path: &str, query: &str) -> Vec<String> {
    let mut paths = vec![crate::paths::auth_session(), crate::paths::taxonomy()];
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let kind = |segment: &str| PostingKind::ALL.iter().copied().find(|k| k.page_path()[1..] == *segment);
    match segments.as_slice() {
        [""] => paths.push(crate::paths::home()),
        [list] if query.is_empty() && kind(list).is_some() => {
            let q = PostingQuery { per_page: Some(LIST_PER_PAGE), ..Default::default() };
            paths.extend(kind(list).map(|k| routes::postings(k, &q)));
        }
        [list, id] => {
            if let (Some(kind), Ok(id)) = (kind(list), id.parse::<i64>()) {
                paths.push(crate::paths::posting(kind, id));
                let target = crate::matching::targets(kind).first().copied();
                paths.push(routes::posting_matches(kind, id, target, None));
                if kind == PostingKind::Demand {
                    paths.push(crate::paths::demand_bundles(id));
                }
            } else if let ("events", Ok(id)) = (*list, id.parse::<i64>()) {
                paths.push(crate::paths::event(id));
                paths.push(crate::paths::event_sessions(id));
            }
        }
        ["events"] if query.is_empty() => paths.push(routes::events(false, None, 1)),
        ["dashboard"] => {
            paths.push(crate::paths::dashboard_targets());
            paths.push(routes::dashboard_activity(&Default::default()));
        }
        ["search"] => {
            // Only `?q=words`: other filters are read by the page in ways not repeated here.
            let words = query.strip_prefix("q=").filter(|w| !w.contains(['&', '+'])).and_then(routes::decode_component);
            if let Some(q) = words.filter(|w| !w.is_empty()) {
                paths.push(routes::search(&SearchQuery { q, ..Default::default() }));
            }
        }
        _ => {}
    }
    paths
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_asks_first_for_the_session_the_lists_and_its_own_data() {
        let first = |p: &str, q: &str| first_data(p, q)[2..].to_vec();
        assert_eq!(first_data("/nope", ""), vec!["/api/v1/auth/session", "/api/v1/taxonomy"]);
        assert_eq!(first("/", ""), vec!["/api/v1/home"]);
        assert_eq!(first("/demands", ""), vec!["/api/v1/demands?per_page=20"]);
        assert_eq!(first("/investors", ""), vec!["/api/v1/mandates?per_page=20"]);
        assert!(first("/demands", "domain=gen_ai").is_empty(), "filtered lists ask for themselves");
        assert_eq!(
            first("/demands/601", ""),
            vec!["/api/v1/demands/601", "/api/v1/demands/601/matches?kind=capability", "/api/v1/demands/601/bundles"]
        );
        assert_eq!(
            first("/capabilities/7", ""),
            vec!["/api/v1/capabilities/7", "/api/v1/capabilities/7/matches?kind=demand"]
        );
        assert!(first("/demands/new", "").is_empty());
        assert_eq!(first("/events", ""), vec!["/api/v1/events"]);
        assert_eq!(first("/events/3", ""), vec!["/api/v1/events/3", "/api/v1/events/3/sessions"]);
        assert!(first("/events/new", "").is_empty());
        assert_eq!(first("/dashboard", ""), vec!["/api/v1/dashboard/targets", "/api/v1/dashboard/activity"]);
        assert_eq!(
            first("/search", "q=%E5%9B%BA%E6%80%81%E7%94%B5%E6%B1%A0"),
            vec!["/api/v1/search?q=%E5%9B%BA%E6%80%81%E7%94%B5%E6%B1%A0"]
        );
        assert!(first("/search", "q=a+b").is_empty() && first("/search", "q=x&kind=demand").is_empty());
        assert!(first("/search", "q=%E5").is_empty());
    }

    #[test]
    fn every_page_path_names_the_area_that_draws_it() {
        assert_eq!(of("/demands"), Some("market_browse"));
        assert_eq!(of("/search"), Some("market_browse"));
        assert_eq!(of("/demands/601"), Some("posting"));
        assert_eq!(of("/demands/new"), Some("market_manage"));
        assert_eq!(of("/investors/3/edit"), Some("market_manage"));
        assert_eq!(of("/my/postings"), Some("market_manage"));
        assert_eq!(of("/admin/moderation"), Some("market_manage"));
        assert_eq!(of("/events"), Some("events_browse"));
        assert_eq!(of("/events/1"), Some("event_page"));
        assert_eq!(of("/events/new"), Some("events_manage"));
        assert_eq!(of("/admin"), Some("admin"));
        assert_eq!(of("/my/orgs"), Some("orgs"));
        assert_eq!(of("/invitations/abc"), Some("orgs"));
        assert_eq!(of("/events/1/checkin"), Some("events_manage"));
        assert_eq!(of("/judging/2/5"), Some("contests"));
        assert_eq!(of("/certificates/9"), Some("contests"));
        assert_eq!(of("/dashboard"), Some("plan_dashboard"));
        assert_eq!(of("/notifications"), Some("engage"));
        assert_eq!(of("/login"), Some("sign_in"));
        assert_eq!(of("/verify-email"), Some("sign_in"));
    }

    #[test]
    fn shell_pages_and_unknown_paths_have_no_area() {
        for path in ["/", "", "/nope", "/my"] {
            assert_eq!(of(path), None, "{path}");
        }
    }
}
