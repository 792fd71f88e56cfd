//! API route paths. The backend mounts them, the frontend calls them; one spelling.

pub const HEALTHZ: &str = "/healthz";
pub const OPENAPI_JSON: &str = "/api/openapi.json";
pub const API_DOCS: &str = "/api/docs";

pub const AUTH_REGISTER: &str = "/api/auth/register";
pub const AUTH_LOGIN: &str = "/api/auth/login";
pub const AUTH_LOGOUT: &str = "/api/auth/logout";
pub const ME: &str = "/api/me";
pub const AUTH_SESSION: &str = "/api/auth/session";
pub const HOME: &str = "/api/home";
pub const ME_PASSWORD: &str = "/api/me/password";
pub const AUTH_VERIFY_EMAIL: &str = "/api/auth/verify-email";
pub const ME_VERIFICATION: &str = "/api/me/verification";

pub const ORGS: &str = "/api/orgs";
pub const TAXONOMY: &str = "/api/taxonomy";
pub const ADMIN_TAXONOMY: &str = "/api/admin/taxonomy";

pub fn org(id: i64) -> String {
    format!("/api/orgs/{id}")
}
pub fn org_members(id: i64) -> String {
    format!("/api/orgs/{id}/members")
}
pub fn org_member(id: i64, user_id: i64) -> String {
    format!("/api/orgs/{id}/members/{user_id}")
}
pub fn org_invitations(id: i64) -> String {
    format!("/api/orgs/{id}/invitations")
}
pub fn org_invitation(id: i64, invitation_id: i64) -> String {
    format!("/api/orgs/{id}/invitations/{invitation_id}")
}
pub fn invitation(token: &str) -> String {
    format!("/api/invitations/{token}")
}
pub fn invitation_accept(token: &str) -> String {
    format!("/api/invitations/{token}/accept")
}
pub fn admin_verify_org(id: i64) -> String {
    format!("/api/admin/orgs/{id}/verify")
}

/// The name of the session cookie.
pub const SESSION_COOKIE: &str = "fm_session";

/// Where to send someone back to after signing in (`?next=`): `raw` when it is a path on this site,
/// else `None` (go home). Browsers read `\` as `/`, drop tabs and line breaks and resolve `..`, so
/// `/\evil.example`, `/%09/evil.example` or `/..//evil.example` would each become the other site
/// `//evil.example`: anything that is not plainly one path of this site is refused, not repaired.
pub fn return_path(raw: &str) -> Option<&str> {
    let path = raw.split(['?', '#']).next().unwrap_or("");
    let plain = raw.starts_with('/')
        && raw.len() <= 2048
        && !raw.chars().any(|c| c.is_control() || c == '\\')
        && !path.chars().any(char::is_whitespace)
        && raw.trim_end() == raw
        && !path.contains("//")
        && !path.split('/').any(|seg| {
            let seg = seg.to_ascii_lowercase().replace("%2e", ".");
            seg == "." || seg == ".."
        })
        && !path.to_ascii_lowercase().contains("%2f%2f")
        && !path.to_ascii_lowercase().contains("%5c");
    plain.then_some(raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_paths_of_this_site_are_return_addresses() {
        for ok in
            ["/", "/demands/601", "/events/3?code=A1B2#register", "/search?q=人形机器人 灵巧手", "/login?next=//x"]
        {
            assert_eq!(return_path(ok), Some(ok), "{ok}");
        }
        for bad in [
            "/\\evil.example",
            "/\\\\evil.example/",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r/evil.example",
            "//evil.example",
            "///evil.example",
            "/..//evil.example",
            "/%2e%2e//evil.example",
            "/./",
            "/a/../../evil",
            "/%2F%2Fevil.example",
            "/%5Cevil.example",
            " /events/3",
            "/events/3 ",
            "https://evil.example/",
            "http:/evil.example",
            "javascript:alert(1)",
            "evil.example",
            "",
            "/\u{0}evil",
            "/\u{3000}/evil.example",
            &format!("/{}", "a".repeat(3000)),
        ] {
            assert_eq!(return_path(bad), None, "{bad:?}");
        }
    }
}
