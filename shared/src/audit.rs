//! The platform audit log as site admins read it.

use serde::{Deserialize, Serialize};

use crate::Msg;

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
    /// The actor's display name now (empty once the account is erased; none for the system).
    #[serde(default)]
    pub actor_name: Option<String>,
    /// What `target` names, as a reader knows it (a person's or organization's name, a title).
    #[serde(default)]
    pub target_name: Option<String>,
    /// The page of what `target` names, when it has one.
    #[serde(default)]
    pub target_path: Option<String>,
}

/// The catalogue entry naming an action, when the catalogue knows it.
pub fn action_msg(action: &str) -> Option<Msg> {
    Some(match action {
        "org.verify" => Msg::AuditOrgVerify,
        "org.unverify" => Msg::AuditOrgUnverify,
        "posting.moderate" => Msg::AuditPostingModerate,
        "posting.import" => Msg::AuditPostingImport,
        "expert.review" => Msg::AuditExpertReview,
        "notice.decide" => Msg::AuditNoticeDecide,
        "taxonomy.add" => Msg::AuditTaxonomyAdd,
        "target.edit" => Msg::AuditTargetEdit,
        "matching.weights" => Msg::AuditMatchingWeights,
        "retention.edit" => Msg::AuditRetentionEdit,
        "retention.apply" => Msg::AuditRetentionApply,
        "admin.create" => Msg::AuditAdminCreate,
        "admin.promote" => Msg::AuditAdminPromote,
        "account.password" => Msg::AuditAccountPassword,
        "account.login_failed" => Msg::AuditLoginFailed,
        "account.email_verified" => Msg::AuditEmailVerified,
        "account.delete" => Msg::AuditAccountDelete,
        "user.disable" => Msg::AuditUserDisable,
        "user.enable" => Msg::AuditUserEnable,
        "user.sessions_reset" => Msg::AuditSessionsReset,
        _ => return None,
    })
}

/// One field an entry changed: its name, and its value before and after (as text; none when
/// absent on that side).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// The fields that differ between an entry's `before` and `after` JSON, in the order they appear
/// (fields of `before` first); a value that is not an object counts as one field named `value`.
/// Texts are shown bare, everything else as compact JSON.
pub fn changes(before: &str, after: &str) -> Vec<FieldChange> {
    use serde_json::Value;
    let fields = |text: &str| -> Vec<(String, Value)> {
        match serde_json::from_str::<Value>(text).unwrap_or(Value::Null) {
            Value::Null => vec![],
            Value::Object(map) => map.into_iter().collect(),
            other => vec![("value".to_owned(), other)],
        }
    };
    let shown = |v: &Value| match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    };
    let (b, a) = (fields(before), fields(after));
    let mut names: Vec<&String> = b.iter().map(|(k, _)| k).collect();
    names.extend(a.iter().map(|(k, _)| k).filter(|k| !b.iter().any(|(x, _)| x == *k)));
    names
        .into_iter()
        .filter_map(|name| {
            let old = b.iter().find(|(k, _)| k == name).and_then(|(_, v)| shown(v));
            let new = a.iter().find(|(k, _)| k == name).and_then(|(_, v)| shown(v));
            (old != new).then(|| FieldChange { field: name.clone(), before: old, after: new })
        })
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_reads_as_the_fields_it_changed_from_before_to_after() {
        let c = changes(r#"{"disabled": false, "sessions": 2}"#, r#"{"disabled": true, "sessions": 2}"#);
        assert_eq!(
            c,
            vec![FieldChange { field: "disabled".into(), before: Some("false".into()), after: Some("true".into()) }]
        );
        // Only after: every field is new; texts bare.
        let c = changes("null", r#"{"decision": "reject", "reason": "预算不明"}"#);
        assert_eq!(c.len(), 2);
        assert_eq!(
            (c[1].field.as_str(), c[1].before.as_deref(), c[1].after.as_deref()),
            ("reason", None, Some("预算不明"))
        );
        // Not JSON, or not an object, still reads.
        assert_eq!(changes("garbage", "3")[0].after.as_deref(), Some("3"));
        assert!(changes("{}", "{}").is_empty());
    }

    #[test]
    fn known_actions_have_names_and_unknown_ones_none() {
        assert_eq!(action_msg("posting.moderate"), Some(Msg::AuditPostingModerate));
        assert_eq!(action_msg("something.new"), None);
    }
}
