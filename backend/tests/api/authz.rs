//! The authorization matrix: every operation of the OpenAPI document has an access rule here, and
//! each role — visitor, signed-in outsider, member and owner of the organization concerned, site
//! admin — gets what the rule says. A route added without a rule fails this suite.

use reqwest::{Client, StatusCode};
use serde_json::json;

use crate::helpers::{TestApp, body, spawn_app};

/// Who may call an operation.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Rule {
    /// Anyone, visitors included (the answer may still be 404 or 422 for the fixture used).
    Public,
    /// Signed-in users; visitors get 401. What they may touch inside is each capability's rule,
    /// tested with its own fixtures (owners, organizers, judges, the two sides of a request).
    Signed,
    /// Members of the organization in the path; visitors 401, outsiders 403 or 404.
    Member,
    /// Owners of the organization in the path; members 403.
    Owner,
    /// Site admins; visitors 401, everyone else 403.
    Admin,
}

use Rule::*;

/// (method, path, rule, a valid body where the rule is about the organization's roles).
const RULES: &[(&str, &str, Rule, Option<&str>)] = &[
    ("GET", "/api/v1/admin/audit", Admin, None),
    ("GET", "/api/v1/admin/audit/verify", Admin, None),
    ("GET", "/api/v1/admin/experts", Admin, None),
    ("POST", "/api/v1/admin/experts/{id}/approve", Admin, None),
    ("POST", "/api/v1/admin/experts/{id}/reject", Admin, None),
    ("GET", "/api/v1/admin/matching/weights", Admin, None),
    ("PUT", "/api/v1/admin/matching/weights", Admin, None),
    ("GET", "/api/v1/admin/moderation", Admin, None),
    ("POST", "/api/v1/admin/moderation", Admin, None),
    ("POST", "/api/v1/admin/orgs/{id}/verify", Admin, None),
    ("DELETE", "/api/v1/admin/orgs/{id}/verify", Admin, None),
    ("GET", "/api/v1/admin/outbox", Admin, None),
    ("GET", "/api/v1/admin/overview", Admin, None),
    ("GET", "/api/v1/admin/reports", Admin, None),
    ("GET", "/api/v1/admin/retention", Admin, None),
    ("PUT", "/api/v1/admin/retention", Admin, None),
    ("POST", "/api/v1/admin/retention/apply", Admin, None),
    ("PUT", "/api/v1/admin/targets/{code}", Admin, None),
    ("POST", "/api/v1/admin/taxonomy", Admin, None),
    ("GET", "/api/v1/admin/users", Admin, None),
    ("POST", "/api/v1/admin/users/{id}/disable", Admin, None),
    ("POST", "/api/v1/admin/users/{id}/enable", Admin, None),
    ("POST", "/api/v1/admin/users/{id}/sessions/reset", Admin, None),
    ("GET", "/api/v1/application-files/{id}", Signed, None),
    ("GET", "/api/v1/attachments/{id}", Signed, None),
    ("POST", "/api/v1/auth/login", Public, None),
    ("POST", "/api/v1/auth/logout", Public, None),
    ("POST", "/api/v1/auth/register", Public, None),
    ("GET", "/api/v1/auth/session", Public, None),
    ("POST", "/api/v1/auth/verify-email", Public, None),
    ("GET", "/api/v1/capabilities", Public, None),
    ("GET", "/api/v1/capabilities/export.csv", Public, None),
    ("GET", "/api/v1/capabilities/export.xlsx", Public, None),
    ("POST", "/api/v1/capabilities", Signed, None),
    ("GET", "/api/v1/capabilities/{id}", Public, None),
    ("PUT", "/api/v1/capabilities/{id}", Signed, None),
    ("POST", "/api/v1/capabilities/{id}/close", Signed, None),
    ("GET", "/api/v1/capabilities/{id}/matches", Public, None),
    ("POST", "/api/v1/capabilities/{id}/submit", Signed, None),
    ("POST", "/api/v1/checkins/{id}/undo", Signed, None),
    ("GET", "/api/v1/competitions", Public, None),
    ("POST", "/api/v1/competitions", Signed, None),
    ("GET", "/api/v1/competitions/{id}", Public, None),
    ("PUT", "/api/v1/competitions/{id}", Signed, None),
    ("POST", "/api/v1/competitions/{id}/open", Signed, None),
    ("GET", "/api/v1/competitions/{id}/audit", Signed, None),
    ("POST", "/api/v1/competitions/{id}/publish", Signed, None),
    ("GET", "/api/v1/competitions/{id}/teams", Signed, None),
    ("POST", "/api/v1/competitions/{id}/teams", Signed, None),
    ("GET", "/api/v1/dashboard/activity", Public, None),
    ("GET", "/api/v1/dashboard/export.xlsx", Public, None),
    ("GET", "/api/v1/dashboard/targets", Public, None),
    ("GET", "/api/v1/demands", Public, None),
    ("GET", "/api/v1/demands/export.csv", Public, None),
    ("GET", "/api/v1/demands/export.xlsx", Public, None),
    ("POST", "/api/v1/demands", Signed, None),
    ("GET", "/api/v1/demands/{id}", Public, None),
    ("PUT", "/api/v1/demands/{id}", Signed, None),
    ("GET", "/api/v1/demands/{id}/applications", Signed, None),
    ("POST", "/api/v1/demands/{id}/applications", Signed, None),
    ("PUT", "/api/v1/demands/{id}/applications/{app}", Signed, None),
    ("POST", "/api/v1/demands/{id}/applications/{app}/attachments", Signed, None),
    ("POST", "/api/v1/demands/{id}/applications/{app}/clarifications", Signed, None),
    ("POST", "/api/v1/demands/{id}/applications/{app}/clarifications/{question}/answer", Signed, None),
    ("POST", "/api/v1/demands/{id}/applications/{app}/shortlist", Signed, None),
    ("GET", "/api/v1/demands/{id}/bundles", Public, None),
    ("POST", "/api/v1/demands/{id}/close", Signed, None),
    ("GET", "/api/v1/demands/{id}/experts", Signed, None),
    ("POST", "/api/v1/demands/{id}/experts/{expert}/invite", Signed, None),
    ("GET", "/api/v1/demands/{id}/matches", Public, None),
    ("POST", "/api/v1/demands/{id}/notice", Signed, None),
    ("POST", "/api/v1/demands/{id}/submit", Signed, None),
    ("GET", "/api/v1/docs", Public, None),
    ("GET", "/api/v1/engagements", Signed, None),
    ("POST", "/api/v1/engagements", Signed, None),
    ("POST", "/api/v1/engagements/bundle", Signed, None),
    ("GET", "/api/v1/engagements/export.csv", Signed, None),
    ("GET", "/api/v1/engagements/export.xlsx", Signed, None),
    ("GET", "/api/v1/engagements/{id}", Signed, None),
    ("POST", "/api/v1/engagements/{id}/accept", Signed, None),
    ("POST", "/api/v1/engagements/{id}/attachments", Signed, None),
    ("POST", "/api/v1/engagements/{id}/decline", Signed, None),
    ("GET", "/api/v1/engagements/{id}/messages", Signed, None),
    ("POST", "/api/v1/engagements/{id}/messages", Signed, None),
    ("POST", "/api/v1/engagements/{id}/read", Signed, None),
    ("POST", "/api/v1/engagements/{id}/stage", Signed, None),
    ("POST", "/api/v1/engagements/{id}/withdraw", Signed, None),
    ("GET", "/api/v1/events", Public, None),
    ("POST", "/api/v1/events", Signed, None),
    ("GET", "/api/v1/events/{id}", Public, None),
    ("POST", "/api/v1/events/{id}/publish", Signed, None),
    ("PUT", "/api/v1/events/{id}", Signed, None),
    ("GET", "/api/v1/events/{id}/badges", Signed, None),
    ("GET", "/api/v1/events/{id}/calendar.ics", Public, None),
    ("POST", "/api/v1/events/{id}/checkins", Signed, None),
    ("GET", "/api/v1/events/{id}/checkins/counts", Signed, None),
    ("GET", "/api/v1/events/{id}/cover", Public, None),
    ("PUT", "/api/v1/events/{id}/cover", Signed, None),
    ("DELETE", "/api/v1/events/{id}/cover", Signed, None),
    ("GET", "/api/v1/events/{id}/invitations", Signed, None),
    ("POST", "/api/v1/events/{id}/invitations", Signed, None),
    ("GET", "/api/v1/events/{id}/meetings", Signed, None),
    ("GET", "/api/v1/events/{id}/meetings/agenda.ics", Signed, None),
    ("GET", "/api/v1/events/{id}/meetings/attendees", Signed, None),
    ("PUT", "/api/v1/events/{id}/meetings/availability", Signed, None),
    ("GET", "/api/v1/events/{id}/meetings/plan", Signed, None),
    ("GET", "/api/v1/events/{id}/meetings/plan.xlsx", Signed, None),
    ("POST", "/api/v1/events/{id}/meetings/requests", Signed, None),
    ("POST", "/api/v1/events/{id}/meetings/schedule", Signed, None),
    ("PUT", "/api/v1/events/{id}/meetings/setup", Signed, None),
    ("GET", "/api/v1/events/{id}/messages", Signed, None),
    ("POST", "/api/v1/events/{id}/messages", Signed, None),
    ("GET", "/api/v1/events/{id}/questions", Public, None),
    ("POST", "/api/v1/events/{id}/questions", Signed, None),
    ("DELETE", "/api/v1/events/{id}/questions/{question}", Signed, None),
    ("GET", "/api/v1/events/{id}/registrations", Signed, None),
    ("POST", "/api/v1/events/{id}/registrations", Signed, None),
    ("GET", "/api/v1/events/{id}/registrations/mine", Signed, None),
    ("GET", "/api/v1/events/{id}/registrations.csv", Signed, None),
    ("GET", "/api/v1/events/{id}/registrations.xlsx", Signed, None),
    ("GET", "/api/v1/events/{id}/report", Signed, None),
    ("GET", "/api/v1/events/{id}/sessions", Public, None),
    ("POST", "/api/v1/events/{id}/sessions", Signed, None),
    ("DELETE", "/api/v1/events/{id}/sessions/{session}", Signed, None),
    ("GET", "/api/v1/events/{id}/staff", Signed, None),
    ("POST", "/api/v1/events/{id}/staff", Signed, None),
    ("DELETE", "/api/v1/events/{id}/staff/{user_id}", Signed, None),
    ("POST", "/api/v1/events/{id}/staff/accept", Signed, None),
    ("POST", "/api/v1/events/{id}/staff/decline", Signed, None),
    ("DELETE", "/api/v1/events/{id}/staff-invitations", Signed, None),
    ("POST", "/api/v1/events/{id}/ticket-types", Signed, None),
    // The expert pool: organizers and site admins (an outsider gets 403).
    ("GET", "/api/v1/experts", Signed, None),
    ("GET", "/api/v1/experts/me", Signed, None),
    ("PUT", "/api/v1/experts/me", Signed, None),
    ("GET", "/api/v1/feed", Signed, None),
    ("GET", "/api/v1/invitations/{token}", Public, None),
    ("POST", "/api/v1/invitations/{token}/accept", Signed, None),
    ("POST", "/api/v1/imports", Signed, None),
    ("GET", "/api/v1/imports/template.xlsx", Public, None),
    ("GET", "/api/v1/judging", Signed, None),
    ("GET", "/api/v1/judging/invitations", Signed, None),
    ("GET", "/api/v1/judging/{stage}/{team}", Signed, None),
    ("PUT", "/api/v1/judging/{stage}/{team}", Signed, None),
    ("GET", "/api/v1/mandates", Public, None),
    ("GET", "/api/v1/mandates/export.csv", Public, None),
    ("GET", "/api/v1/mandates/export.xlsx", Public, None),
    ("POST", "/api/v1/mandates", Signed, None),
    ("GET", "/api/v1/mandates/{id}", Public, None),
    ("PUT", "/api/v1/mandates/{id}", Signed, None),
    ("POST", "/api/v1/mandates/{id}/close", Signed, None),
    ("GET", "/api/v1/mandates/{id}/matches", Public, None),
    ("POST", "/api/v1/mandates/{id}/submit", Signed, None),
    ("POST", "/api/v1/matches/{id}/dismiss", Signed, None),
    ("POST", "/api/v1/matches/{id}/save", Signed, None),
    ("POST", "/api/v1/me/verification", Signed, None),
    ("GET", "/api/v1/me", Signed, None),
    ("PUT", "/api/v1/me", Signed, None),
    ("DELETE", "/api/v1/me", Signed, None),
    ("GET", "/api/v1/me/export", Signed, None),
    ("POST", "/api/v1/me/password", Signed, None),
    ("POST", "/api/v1/meeting-requests/{id}/accept", Signed, None),
    ("POST", "/api/v1/meeting-requests/{id}/cancel", Signed, None),
    ("POST", "/api/v1/meeting-requests/{id}/decline", Signed, None),
    ("GET", "/api/v1/notices", Public, None),
    ("GET", "/api/v1/notices/{id}", Public, None),
    ("POST", "/api/v1/notices/{id}/decision", Admin, None),
    ("POST", "/api/v1/notices/{id}/objections", Signed, None),
    ("POST", "/api/v1/notices/{id}/objections/{objection}/answer", Signed, None),
    ("GET", "/api/v1/notifications", Signed, None),
    ("GET", "/api/v1/notifications/preferences", Signed, None),
    ("PUT", "/api/v1/notifications/preferences", Signed, None),
    ("POST", "/api/v1/notifications/read-all", Signed, None),
    ("GET", "/api/v1/notifications/unread-count", Signed, None),
    ("POST", "/api/v1/notifications/{id}/read", Signed, None),
    ("GET", "/api/v1/openapi.json", Public, None),
    ("GET", "/api/v1/orgs", Public, None),
    ("POST", "/api/v1/orgs", Signed, None),
    ("GET", "/api/v1/orgs/{id}", Public, None),
    ("PUT", "/api/v1/orgs/{id}", Owner, Some(r#"{"name_zh": "权限测试组织", "kind": "enterprise"}"#)),
    ("GET", "/api/v1/orgs/{id}/blocks", Member, None),
    ("POST", "/api/v1/orgs/{id}/blocks", Member, Some(r#"{"org_id": 999999}"#)),
    ("DELETE", "/api/v1/orgs/{id}/blocks/{blocked}", Member, None),
    ("GET", "/api/v1/orgs/{id}/invitations", Owner, None),
    ("DELETE", "/api/v1/orgs/{id}/invitations/{invitation_id}", Owner, None),
    ("GET", "/api/v1/orgs/{id}/members", Member, None),
    ("POST", "/api/v1/orgs/{id}/members", Owner, Some(r#"{"email": "new@example.com"}"#)),
    ("PUT", "/api/v1/orgs/{id}/members/{user_id}", Owner, Some(r#"{"role": "member"}"#)),
    ("DELETE", "/api/v1/orgs/{id}/members/{user_id}", Owner, None),
    ("POST", "/api/v1/registrations/{id}/accept-offer", Signed, None),
    ("POST", "/api/v1/registrations/{id}/approve", Signed, None),
    ("POST", "/api/v1/registrations/{id}/cancel", Signed, None),
    ("POST", "/api/v1/registrations/{id}/promote", Signed, None),
    ("POST", "/api/v1/registrations/{id}/reject", Signed, None),
    ("POST", "/api/v1/registrations/{id}/undo-cancel", Signed, None),
    ("GET", "/api/v1/events/{id}/registrants", Signed, None),
    ("POST", "/api/v1/events/{id}/registrations/bulk", Signed, None),
    ("POST", "/api/v1/events/{id}/messages/preview", Signed, None),
    ("GET", "/api/v1/registrations/{id}/tickets", Signed, None),
    ("POST", "/api/v1/reports", Signed, None),
    ("GET", "/api/v1/saved-searches", Signed, None),
    ("POST", "/api/v1/saved-searches", Signed, None),
    ("DELETE", "/api/v1/saved-searches/{id}", Signed, None),
    ("GET", "/api/v1/scenarios", Public, None),
    ("GET", "/api/v1/scenarios/export.csv", Public, None),
    ("GET", "/api/v1/scenarios/export.xlsx", Public, None),
    ("POST", "/api/v1/scenarios", Signed, None),
    ("GET", "/api/v1/scenarios/{id}", Public, None),
    ("PUT", "/api/v1/scenarios/{id}", Signed, None),
    ("POST", "/api/v1/scenarios/{id}/close", Signed, None),
    ("GET", "/api/v1/scenarios/{id}/matches", Public, None),
    ("POST", "/api/v1/scenarios/{id}/submit", Signed, None),
    ("GET", "/api/v1/search", Public, None),
    ("GET", "/api/v1/sessions/{id}/calendar.ics", Public, None),
    ("POST", "/api/v1/sessions/{id}/seat", Signed, None),
    ("DELETE", "/api/v1/sessions/{id}/seat", Signed, None),
    ("POST", "/api/v1/sessions/{id}/speaker/accept", Signed, None),
    ("POST", "/api/v1/sessions/{id}/speaker/decline", Signed, None),
    ("GET", "/api/v1/stages/{id}/assignment", Signed, None),
    ("POST", "/api/v1/stages/{id}/assignment", Signed, None),
    ("PUT", "/api/v1/stages/{id}/assignment/{team}", Signed, None),
    ("POST", "/api/v1/stages/{id}/close", Signed, None),
    ("PUT", "/api/v1/stages/{id}/panel", Signed, None),
    ("POST", "/api/v1/stages/{id}/panel/accept", Signed, None),
    ("POST", "/api/v1/stages/{id}/panel/decline", Signed, None),
    ("POST", "/api/v1/stages/{id}/release", Signed, None),
    ("GET", "/api/v1/stages/{id}/results", Signed, None),
    ("GET", "/api/v1/stages/{id}/scores.xlsx", Signed, None),
    ("GET", "/api/v1/submissions/{id}/plan", Signed, None),
    ("GET", "/api/v1/taxonomy", Public, None),
    ("GET", "/api/v1/home", Public, None),
    ("GET", "/api/v1/teams/{id}", Signed, None),
    ("POST", "/api/v1/teams/{id}/decline", Signed, None),
    ("POST", "/api/v1/teams/{id}/join", Signed, None),
    ("POST", "/api/v1/teams/{id}/leader", Signed, None),
    ("POST", "/api/v1/teams/{id}/leave", Signed, None),
    ("POST", "/api/v1/teams/{id}/members", Signed, None),
    ("GET", "/api/v1/teams/{id}/certificate", Public, None),
    ("POST", "/api/v1/teams/{id}/stages/{stage}/plan", Signed, None),
    ("PUT", "/api/v1/teams/{id}/stages/{stage}/submission", Signed, None),
    ("GET", "/api/v1/teams/{id}/stages/{stage}/submissions", Signed, None),
    ("GET", "/api/v1/tickets/{code}/qr.svg", Public, None),
    ("GET", "/healthz", Public, None),
];

struct Roles {
    app: TestApp,
    visitor: Client,
    outsider: Client,
    member: Client,
    owner: Client,
    admin: Client,
    org: i64,
    owner_id: i64,
}

async fn roles() -> Roles {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let owner = app.user("owner@example.com", "所有者").await;
    let org = app.org(&owner, "权限测试组织").await;
    let member = app.member(&owner, org, "member@example.com", "成员").await;
    let outsider = app.user("outsider@example.com", "局外人").await;
    let owner_id = body(owner.get(app.url("/api/v1/me")).send().await.unwrap()).await["id"].as_i64().unwrap();
    Roles { visitor: app.client(), app, outsider, member, owner, admin, org, owner_id }
}

impl Roles {
    /// The path with its parameters filled: the organization's own id under `/api/v1/orgs/{id}`, its
    /// owner for `{user_id}` (never the member: a member may leave, which would change the fixture),
    /// elsewhere ids that do not exist.
    fn concrete(&self, path: &str) -> String {
        let org_route = path.starts_with("/api/v1/orgs/{id}");
        path.split('/')
            .map(|segment| match segment {
                "{id}" if org_route => self.org.to_string(),
                "{user_id}" => self.owner_id.to_string(),
                "{code}" => "innovation_consortia".into(),
                "{token}" => "no-such-token".into(),
                s if s.starts_with('{') => "999999".into(),
                s => s.to_owned(),
            })
            .collect::<Vec<_>>()
            .join("/")
    }

    async fn status(&self, client: &Client, method: &str, path: &str, payload: Option<&str>) -> StatusCode {
        let mut req = client.request(method.parse().unwrap(), self.app.url(&self.concrete(path)));
        if let Some(p) = payload {
            req = req.header("content-type", "application/json").body(p.to_owned());
        } else if method != "GET" && method != "DELETE" {
            req = req.json(&json!({}));
        }
        req.send().await.unwrap().status()
    }
}

#[tokio::test]
async fn every_route_has_an_access_rule_and_each_role_gets_what_it_says() {
    let r = roles().await;
    let ops = crate::conventions::operations(&serde_json::to_value(backend::app::openapi()).unwrap());
    let missing: Vec<_> = ops.iter().filter(|(m, p)| !RULES.iter().any(|(rm, rp, ..)| rm == m && rp == p)).collect();
    assert!(missing.is_empty(), "operations without an access rule in tests/api/v1/authz.rs: {missing:?}");
    let stale: Vec<_> = RULES.iter().filter(|(m, p, ..)| !ops.iter().any(|(om, op)| om == m && op == p)).collect();
    assert!(stale.is_empty(), "rules for operations that no longer exist: {stale:?}");

    let denied = |s: StatusCode| s == StatusCode::UNAUTHORIZED || s == StatusCode::FORBIDDEN;
    let hidden = |s: StatusCode| s == StatusCode::FORBIDDEN || s == StatusCode::NOT_FOUND;
    let mut failures = vec![];
    for (m, p, rule, payload) in RULES {
        let visitor = r.status(&r.visitor, m, p, *payload).await;
        let mut expect = |who: &str, got: StatusCode, ok: bool| {
            if !ok {
                failures.push(format!("{m} {p} ({rule:?}): {who} got {got}"));
            }
        };
        match rule {
            // Only the visitor calls these: a signed-in client could be signed out by one of them.
            Public => expect("visitor", visitor, !denied(visitor)),
            Signed => {
                expect("visitor", visitor, visitor == StatusCode::UNAUTHORIZED);
                let outsider = r.status(&r.outsider, m, p, *payload).await;
                expect("outsider", outsider, outsider != StatusCode::UNAUTHORIZED);
            }
            Member | Owner => {
                expect("visitor", visitor, visitor == StatusCode::UNAUTHORIZED);
                let outsider = r.status(&r.outsider, m, p, *payload).await;
                expect("outsider", outsider, hidden(outsider));
                let member = r.status(&r.member, m, p, *payload).await;
                let member_ok = if *rule == Owner { member == StatusCode::FORBIDDEN } else { !denied(member) };
                expect("member", member, member_ok);
                let owner = r.status(&r.owner, m, p, *payload).await;
                expect("owner", owner, !denied(owner));
            }
            Admin => {
                expect("visitor", visitor, visitor == StatusCode::UNAUTHORIZED);
                for (who, c) in [("outsider", &r.outsider), ("member", &r.member), ("owner", &r.owner)] {
                    let got = r.status(c, m, p, *payload).await;
                    expect(who, got, got == StatusCode::FORBIDDEN);
                }
                let admin = r.status(&r.admin, m, p, *payload).await;
                expect("admin", admin, !denied(admin));
            }
        }
    }
    assert!(failures.is_empty(), "{} of {} rules broken:\n{}", failures.len(), RULES.len(), failures.join("\n"));
    assert!(RULES.len() > 200, "every operation is covered");
}
