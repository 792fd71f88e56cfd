//! Personal data (个人信息保护法): a signed-in user downloads everything the platform holds about
//! them as one JSON document (`GET /api/me/export`). The password hash and session tokens are never
//! part of it (they are secrets, not information about the person).

use crate::db::Conn;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use shared::ApiError;

use super::session::CurrentUser;
use crate::AppState;
use crate::db::sql;
use crate::error::AppResult;

/// One section of the document: its name and the SQL that returns it as JSON (`$1` is the user's
/// id, `$2` their email), in SQLite's JSON functions ([`crate::db::Dialect::json`] renames them).
const SECTIONS: &[(&str, &str)] = &[
    (
        "account",
        "SELECT json_object('id', id, 'email', email, 'display_name', display_name, 'locale', locale,
                'is_admin', CASE WHEN is_admin THEN json('true') ELSE json('false') END, 'created_at', created_at,
                'updated_at', updated_at, 'email_verified_at', email_verified_at) FROM users WHERE id = $1",
    ),
    (
        "sessions",
        "SELECT json_group_array(json_object('created_at', created_at, 'last_seen_at', last_seen_at,
                'expires_at', expires_at)) FROM sessions WHERE user_id = $1",
    ),
    (
        "failed_logins",
        "SELECT json_group_array(json_object('at', failed_at, 'from', client)) FROM login_failures WHERE email = $2",
    ),
    (
        "memberships",
        "SELECT json_group_array(json_object('org_id', o.id, 'organization', o.name_zh, 'role', m.role,
                'since', m.created_at)) FROM memberships m JOIN organizations o ON o.id = m.org_id WHERE m.user_id = $1",
    ),
    (
        "postings_written",
        "SELECT json_group_array(json_object('id', id, 'kind', kind, 'status', status, 'title', title_zh,
                'created_at', created_at)) FROM postings WHERE created_by = $1",
    ),
    (
        "requests_sent",
        "SELECT json_group_array(json_object('id', id, 'posting_id', posting_id, 'proposal', proposal,
                'message', message, 'status', status, 'created_at', created_at)) FROM engagements WHERE created_by = $1",
    ),
    (
        "messages",
        "SELECT json_group_array(json_object('engagement_id', engagement_id, 'body', body, 'at', at))
         FROM messages WHERE user_id = $1",
    ),
    (
        "event_registrations",
        "SELECT json_group_array(json_object('id', r.id, 'event_id', r.event_id, 'event', e.title_zh,
                'people', r.people, 'status', r.status, 'created_at', r.created_at,
                'answers', (SELECT json_group_array(json_object('question_id', a.question_id, 'value', a.value))
                            FROM registration_answers a WHERE a.registration_id = r.id)))
         FROM registrations r JOIN events e ON e.id = r.event_id WHERE r.user_id = $1",
    ),
    (
        "expert_profile",
        "SELECT json_group_array(json_object('kind', kind, 'domains', domains, 'keywords', keywords,
                'affiliation', affiliation, 'title', title, 'bio', bio, 'conflict_names', conflict_names,
                'status', status, 'created_at', created_at)) FROM experts WHERE user_id = $1",
    ),
    (
        "competition_teams",
        "SELECT json_group_array(json_object('team_id', t.id, 'team', t.name, 'competition_id', t.competition_id,
                'leader', CASE WHEN m.leader THEN json('true') ELSE json('false') END, 'registered_at', t.created_at))
         FROM team_members m JOIN teams t ON t.id = m.team_id WHERE m.email = $2",
    ),
    (
        "saved_searches",
        "SELECT json_group_array(json_object('q', q, 'kind', kind, 'domain', domain, 'created_at', created_at))
         FROM saved_searches WHERE user_id = $1",
    ),
    (
        "notifications",
        "SELECT json_group_array(json_object('kind', kind, 'link', link, 'params', json(params),
                'created_at', created_at, 'read_at', read_at)) FROM notifications WHERE user_id = $1",
    ),
    (
        "actions_in_the_audit_log",
        "SELECT json_group_array(json_object('at', at, 'action', action, 'target', target))
         FROM audit_log WHERE actor_id = $1",
    ),
];

/// Every section for `user`, as one JSON object.
pub async fn collect(db: &mut Conn, user: i64, email: &str) -> sqlx::Result<serde_json::Value> {
    let mut out = serde_json::Map::new();
    out.insert("generated_at".into(), serde_json::Value::String(crate::db::now().to_string()));
    let dialect = db.dialect();
    for (name, section) in SECTIONS {
        let query = format!("SELECT CAST(({}) AS TEXT)", dialect.json(section));
        let (text,): (Option<String>,) = sql::query_as(query).bind(user).bind(email).fetch_one(&mut *db).await?;
        let value = text.and_then(|t| serde_json::from_str(&t).ok()).unwrap_or(serde_json::Value::Null);
        out.insert((*name).into(), value);
    }
    Ok(serde_json::Value::Object(out))
}

/// Everything the platform holds about you, as a JSON download.
#[utoipa::path(get, path = "/me/export", tag = "accounts",
    responses((status = 200, description = "The caller's personal data", content_type = "application/json"),
              (status = 401, body = ApiError)))]
pub async fn export(State(state): State<AppState>, current: CurrentUser) -> AppResult<Response> {
    let mut db = state.db.acquire().await?;
    let data = collect(&mut db, current.user.id, &current.user.email).await?;
    let mut response = axum::Json(data).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"futurematch-my-data.json\""),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    Ok(response)
}
