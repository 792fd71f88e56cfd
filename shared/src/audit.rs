//! The platform audit log as site admins read it.

use serde::{Deserialize, Serialize};

/// One entry: who did what to what, when, the state before and after, and its place in the chain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditRecord {
    pub id: i64,
    /// RFC 3339.
    pub at: String,
    pub actor_id: Option<i64>,
    /// The actor's email at the time, or `system`.
    pub actor: String,
    /// `org.verify`, `posting.moderate`, `expert.review`, `notice.decide`, `taxonomy.add`,
    /// `admin.create`, `account.password`, `account.login_failed`, …
    pub action: String,
    /// What it was done to, as `kind:id`.
    pub target: String,
    /// JSON.
    pub before: String,
    pub after: String,
    pub hash: String,
}

/// `GET /api/v1/admin/audit`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct AuditQuery {
    /// Actions starting with this (e.g. `org.`).
    #[serde(default)]
    pub action: Option<String>,
    #[serde(default)]
    pub page: Option<u32>,
    #[serde(default)]
    pub per_page: Option<u32>,
}

/// `GET /api/v1/admin/audit/verify`: whether the chain holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditVerification {
    pub ok: bool,
    /// Entries checked (all of them when `ok`).
    pub entries: u64,
    /// The first entry where the chain breaks.
    pub broken_at: Option<i64>,
}
