//! API route paths. The backend mounts them, the frontend calls them; one spelling.

pub const HEALTHZ: &str = "/healthz";
pub const OPENAPI_JSON: &str = "/api/openapi.json";
pub const API_DOCS: &str = "/api/docs";

pub const AUTH_REGISTER: &str = "/api/auth/register";
pub const AUTH_LOGIN: &str = "/api/auth/login";
pub const AUTH_LOGOUT: &str = "/api/auth/logout";
pub const ME: &str = "/api/me";
pub const ME_PASSWORD: &str = "/api/me/password";

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
