//! The page areas of the frontend: each is one module the browser fetches the first time a page
//! of the area is shown (`frontend/src/split.rs`, one `#[lazy]` function per area, named as
//! here). The server reads the same table to put the area's files into the page it serves for a
//! path, as preload hints, so they download with the shell instead of one round trip after it.

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
        ("my", "postings") | ("admin", "moderation") => "market_manage",
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

#[cfg(test)]
mod tests {
    use super::*;

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
