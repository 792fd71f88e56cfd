//! Every API path, spelled once: the router mounts the templates (`template::EVENT_REGISTRATIONS`,
//! relative to [`PREFIX`]), the client calls the functions (`event_registrations(id)`), and a test
//! holds the list equal to the operations the OpenAPI document describes.

/// Where the API is mounted (the first part of every path the functions below build).
pub const PREFIX: &str = "/api/v1";

/// The response header holding the platform's current time in Unix milliseconds: pages judge
/// deadlines by it rather than by the device's clock.
pub const SERVER_TIME_HEADER: &str = "x-server-time";

macro_rules! api_paths {
    ($($konst:ident $func:ident($($arg:ident: $ty:ty),*) = $template:literal;)*) => {
        /// The templates, relative to [`PREFIX`], as the router mounts them.
        pub mod template {
            $(pub const $konst: &str = $template;)*
        }

        /// Every template, for the test that holds them equal to the router's operations.
        pub const ALL: &[&str] = &[$(template::$konst),*];

        $(
            #[doc = concat!("`", "/api/v1", $template, "`")]
            pub fn $func($($arg: $ty),*) -> String {
                format!(concat!("/api/v1", $template) $(, $arg = $arg)*)
            }
        )*
    };
}

api_paths! {
    ADMIN_AUDIT admin_audit() = "/admin/audit";
    ADMIN_AUDIT_VERIFY admin_audit_verify() = "/admin/audit/verify";
    ADMIN_EXPERTS admin_experts() = "/admin/experts";
    ADMIN_EXPERT_APPROVE admin_expert_approve(id: i64) = "/admin/experts/{id}/approve";
    ADMIN_EXPERT_REJECT admin_expert_reject(id: i64) = "/admin/experts/{id}/reject";
    ADMIN_MATCHING_WEIGHTS admin_matching_weights() = "/admin/matching/weights";
    ADMIN_MODERATION admin_moderation() = "/admin/moderation";
    ADMIN_ORG_VERIFY admin_org_verify(id: i64) = "/admin/orgs/{id}/verify";
    ADMIN_OUTBOX admin_outbox() = "/admin/outbox";
    ADMIN_OVERVIEW admin_overview() = "/admin/overview";
    ADMIN_REPORTS admin_reports() = "/admin/reports";
    ADMIN_RETENTION admin_retention() = "/admin/retention";
    ADMIN_RETENTION_APPLY admin_retention_apply() = "/admin/retention/apply";
    ADMIN_TARGET admin_target(code: &str) = "/admin/targets/{code}";
    ADMIN_TAXONOMY admin_taxonomy() = "/admin/taxonomy";
    ADMIN_USERS admin_users() = "/admin/users";
    ADMIN_USER_DISABLE admin_user_disable(id: i64) = "/admin/users/{id}/disable";
    ADMIN_USER_ENABLE admin_user_enable(id: i64) = "/admin/users/{id}/enable";
    ADMIN_USER_SESSIONS_RESET admin_user_sessions_reset(id: i64) = "/admin/users/{id}/sessions/reset";
    APPLICATION_FILE application_file(id: i64) = "/application-files/{id}";
    ATTACHMENT attachment(id: i64) = "/attachments/{id}";
    AUTH_LOGIN auth_login() = "/auth/login";
    AUTH_LOGOUT auth_logout() = "/auth/logout";
    AUTH_REGISTER auth_register() = "/auth/register";
    AUTH_SESSION auth_session() = "/auth/session";
    AUTH_VERIFY_EMAIL auth_verify_email() = "/auth/verify-email";
    CAPABILITIES capabilities() = "/capabilities";
    CAPABILITIES_EXPORT_CSV capabilities_export_csv() = "/capabilities/export.csv";
    CAPABILITIES_EXPORT_XLSX capabilities_export_xlsx() = "/capabilities/export.xlsx";
    CAPABILITY capability(id: i64) = "/capabilities/{id}";
    CAPABILITY_CLOSE capability_close(id: i64) = "/capabilities/{id}/close";
    CAPABILITY_MATCHES capability_matches(id: i64) = "/capabilities/{id}/matches";
    CAPABILITY_SUBMIT capability_submit(id: i64) = "/capabilities/{id}/submit";
    CHECKIN_UNDO checkin_undo(id: i64) = "/checkins/{id}/undo";
    COMPETITIONS competitions() = "/competitions";
    COMPETITION competition(id: i64) = "/competitions/{id}";
    COMPETITION_AUDIT competition_audit(id: i64) = "/competitions/{id}/audit";
    COMPETITION_OPEN competition_open(id: i64) = "/competitions/{id}/open";
    COMPETITION_PUBLISH competition_publish(id: i64) = "/competitions/{id}/publish";
    COMPETITION_TEAMS competition_teams(id: i64) = "/competitions/{id}/teams";
    DASHBOARD_ACTIVITY dashboard_activity() = "/dashboard/activity";
    DASHBOARD_EXPORT_XLSX dashboard_export_xlsx() = "/dashboard/export.xlsx";
    DASHBOARD_TARGETS dashboard_targets() = "/dashboard/targets";
    DEMANDS demands() = "/demands";
    DEMANDS_EXPORT_CSV demands_export_csv() = "/demands/export.csv";
    DEMANDS_EXPORT_XLSX demands_export_xlsx() = "/demands/export.xlsx";
    DEMAND demand(id: i64) = "/demands/{id}";
    DEMAND_APPLICATIONS demand_applications(id: i64) = "/demands/{id}/applications";
    DEMAND_APPLICATION demand_application(id: i64, app: i64) = "/demands/{id}/applications/{app}";
    DEMAND_APPLICATION_ATTACHMENTS demand_application_attachments(id: i64, app: i64) = "/demands/{id}/applications/{app}/attachments";
    DEMAND_APPLICATION_CLARIFICATIONS demand_application_clarifications(id: i64, app: i64) = "/demands/{id}/applications/{app}/clarifications";
    DEMAND_APPLICATION_CLARIFICATION_ANSWER demand_application_clarification_answer(id: i64, app: i64, question: i64) = "/demands/{id}/applications/{app}/clarifications/{question}/answer";
    DEMAND_APPLICATION_SHORTLIST demand_application_shortlist(id: i64, app: i64) = "/demands/{id}/applications/{app}/shortlist";
    DEMAND_BUNDLES demand_bundles(id: i64) = "/demands/{id}/bundles";
    DEMAND_CLOSE demand_close(id: i64) = "/demands/{id}/close";
    DEMAND_EXPERTS demand_experts(id: i64) = "/demands/{id}/experts";
    DEMAND_EXPERT_INVITE demand_expert_invite(id: i64, expert: i64) = "/demands/{id}/experts/{expert}/invite";
    DEMAND_MATCHES demand_matches(id: i64) = "/demands/{id}/matches";
    DEMAND_NOTICE demand_notice(id: i64) = "/demands/{id}/notice";
    DEMAND_SUBMIT demand_submit(id: i64) = "/demands/{id}/submit";
    ENGAGEMENTS engagements() = "/engagements";
    ENGAGEMENTS_BUNDLE engagements_bundle() = "/engagements/bundle";
    ENGAGEMENTS_EXPORT_CSV engagements_export_csv() = "/engagements/export.csv";
    ENGAGEMENTS_EXPORT_XLSX engagements_export_xlsx() = "/engagements/export.xlsx";
    ENGAGEMENT engagement(id: i64) = "/engagements/{id}";
    ENGAGEMENT_ACCEPT engagement_accept(id: i64) = "/engagements/{id}/accept";
    ENGAGEMENT_ATTACHMENTS engagement_attachments(id: i64) = "/engagements/{id}/attachments";
    ENGAGEMENT_DECLINE engagement_decline(id: i64) = "/engagements/{id}/decline";
    ENGAGEMENT_MESSAGES engagement_messages(id: i64) = "/engagements/{id}/messages";
    ENGAGEMENT_READ engagement_read(id: i64) = "/engagements/{id}/read";
    ENGAGEMENT_STAGE engagement_stage(id: i64) = "/engagements/{id}/stage";
    ENGAGEMENT_WITHDRAW engagement_withdraw(id: i64) = "/engagements/{id}/withdraw";
    EVENTS events() = "/events";
    EVENT event(id: i64) = "/events/{id}";
    EVENT_BADGES event_badges(id: i64) = "/events/{id}/badges";
    EVENT_CALENDAR_ICS event_calendar_ics(id: i64) = "/events/{id}/calendar.ics";
    EVENT_CHECKINS event_checkins(id: i64) = "/events/{id}/checkins";
    EVENT_CHECKINS_COUNTS event_checkins_counts(id: i64) = "/events/{id}/checkins/counts";
    EVENT_COVER event_cover(id: i64) = "/events/{id}/cover";
    EVENT_INVITATIONS event_invitations(id: i64) = "/events/{id}/invitations";
    EVENT_MEETINGS event_meetings(id: i64) = "/events/{id}/meetings";
    EVENT_MEETINGS_AGENDA_ICS event_meetings_agenda_ics(id: i64) = "/events/{id}/meetings/agenda.ics";
    EVENT_MEETINGS_ATTENDEES event_meetings_attendees(id: i64) = "/events/{id}/meetings/attendees";
    EVENT_MEETINGS_AVAILABILITY event_meetings_availability(id: i64) = "/events/{id}/meetings/availability";
    EVENT_MEETINGS_PLAN event_meetings_plan(id: i64) = "/events/{id}/meetings/plan";
    EVENT_MEETINGS_PLAN_XLSX event_meetings_plan_xlsx(id: i64) = "/events/{id}/meetings/plan.xlsx";
    EVENT_MEETINGS_REQUESTS event_meetings_requests(id: i64) = "/events/{id}/meetings/requests";
    EVENT_MEETINGS_SCHEDULE event_meetings_schedule(id: i64) = "/events/{id}/meetings/schedule";
    EVENT_MEETINGS_SETUP event_meetings_setup(id: i64) = "/events/{id}/meetings/setup";
    EVENT_MESSAGES event_messages(id: i64) = "/events/{id}/messages";
    EVENT_MESSAGES_PREVIEW event_messages_preview(id: i64) = "/events/{id}/messages/preview";
    EVENT_PUBLISH event_publish(id: i64) = "/events/{id}/publish";
    EVENT_QUESTIONS event_questions(id: i64) = "/events/{id}/questions";
    EVENT_QUESTION event_question(id: i64, question: i64) = "/events/{id}/questions/{question}";
    EVENT_REGISTRANTS event_registrants(id: i64) = "/events/{id}/registrants";
    EVENT_REGISTRATIONS event_registrations(id: i64) = "/events/{id}/registrations";
    EVENT_REGISTRATIONS_CSV event_registrations_csv(id: i64) = "/events/{id}/registrations.csv";
    EVENT_REGISTRATIONS_XLSX event_registrations_xlsx(id: i64) = "/events/{id}/registrations.xlsx";
    EVENT_REGISTRATIONS_BULK event_registrations_bulk(id: i64) = "/events/{id}/registrations/bulk";
    EVENT_REGISTRATIONS_MINE event_registrations_mine(id: i64) = "/events/{id}/registrations/mine";
    EVENT_REPORT event_report(id: i64) = "/events/{id}/report";
    EVENT_SESSIONS event_sessions(id: i64) = "/events/{id}/sessions";
    EVENT_SESSION event_session(id: i64, session: i64) = "/events/{id}/sessions/{session}";
    EVENT_STAFF event_staff(id: i64) = "/events/{id}/staff";
    EVENT_STAFF_INVITATIONS event_staff_invitations(id: i64) = "/events/{id}/staff-invitations";
    EVENT_STAFF_ACCEPT event_staff_accept(id: i64) = "/events/{id}/staff/accept";
    EVENT_STAFF_DECLINE event_staff_decline(id: i64) = "/events/{id}/staff/decline";
    EVENT_STAFF_USER event_staff_user(id: i64, user_id: i64) = "/events/{id}/staff/{user_id}";
    EVENT_TICKET_TYPES event_ticket_types(id: i64) = "/events/{id}/ticket-types";
    EXPERTS experts() = "/experts";
    EXPERTS_ME experts_me() = "/experts/me";
    FEED feed() = "/feed";
    HOME home() = "/home";
    IMPORTS imports() = "/imports";
    IMPORTS_TEMPLATE_XLSX imports_template_xlsx() = "/imports/template.xlsx";
    INVITATION invitation(token: &str) = "/invitations/{token}";
    INVITATION_ACCEPT invitation_accept(token: &str) = "/invitations/{token}/accept";
    JUDGING judging() = "/judging";
    JUDGING_INVITATIONS judging_invitations() = "/judging/invitations";
    JUDGING_TEAM judging_team(stage: i64, team: i64) = "/judging/{stage}/{team}";
    MANDATES mandates() = "/mandates";
    MANDATES_EXPORT_CSV mandates_export_csv() = "/mandates/export.csv";
    MANDATES_EXPORT_XLSX mandates_export_xlsx() = "/mandates/export.xlsx";
    MANDATE mandate(id: i64) = "/mandates/{id}";
    MANDATE_CLOSE mandate_close(id: i64) = "/mandates/{id}/close";
    MANDATE_MATCHES mandate_matches(id: i64) = "/mandates/{id}/matches";
    MANDATE_SUBMIT mandate_submit(id: i64) = "/mandates/{id}/submit";
    MATCH_DISMISS match_dismiss(id: &str) = "/matches/{id}/dismiss";
    MATCH_SAVE match_save(id: &str) = "/matches/{id}/save";
    ME me() = "/me";
    ME_EXPORT me_export() = "/me/export";
    ME_PASSWORD me_password() = "/me/password";
    ME_VERIFICATION me_verification() = "/me/verification";
    MEETING_REQUEST_ACCEPT meeting_request_accept(id: i64) = "/meeting-requests/{id}/accept";
    MEETING_REQUEST_CANCEL meeting_request_cancel(id: i64) = "/meeting-requests/{id}/cancel";
    MEETING_REQUEST_DECLINE meeting_request_decline(id: i64) = "/meeting-requests/{id}/decline";
    NOTICES notices() = "/notices";
    NOTICE notice(id: i64) = "/notices/{id}";
    NOTICE_DECISION notice_decision(id: i64) = "/notices/{id}/decision";
    NOTICE_OBJECTIONS notice_objections(id: i64) = "/notices/{id}/objections";
    NOTICE_OBJECTION_ANSWER notice_objection_answer(id: i64, objection: i64) = "/notices/{id}/objections/{objection}/answer";
    NOTIFICATIONS notifications() = "/notifications";
    NOTIFICATIONS_PREFERENCES notifications_preferences() = "/notifications/preferences";
    NOTIFICATIONS_READ_ALL notifications_read_all() = "/notifications/read-all";
    NOTIFICATIONS_UNREAD_COUNT notifications_unread_count() = "/notifications/unread-count";
    NOTIFICATION_READ notification_read(id: i64) = "/notifications/{id}/read";
    ORGS orgs() = "/orgs";
    ORG org(id: i64) = "/orgs/{id}";
    ORG_BLOCKS org_blocks(id: i64) = "/orgs/{id}/blocks";
    ORG_BLOCK org_block(id: i64, blocked: i64) = "/orgs/{id}/blocks/{blocked}";
    ORG_INVITATIONS org_invitations(id: i64) = "/orgs/{id}/invitations";
    ORG_INVITATION org_invitation(id: i64, invitation_id: i64) = "/orgs/{id}/invitations/{invitation_id}";
    ORG_MEMBERS org_members(id: i64) = "/orgs/{id}/members";
    ORG_MEMBER org_member(id: i64, user_id: i64) = "/orgs/{id}/members/{user_id}";
    REGISTRATION_ACCEPT_OFFER registration_accept_offer(id: i64) = "/registrations/{id}/accept-offer";
    REGISTRATION_APPROVE registration_approve(id: i64) = "/registrations/{id}/approve";
    REGISTRATION_CANCEL registration_cancel(id: i64) = "/registrations/{id}/cancel";
    REGISTRATION_PROMOTE registration_promote(id: i64) = "/registrations/{id}/promote";
    REGISTRATION_REJECT registration_reject(id: i64) = "/registrations/{id}/reject";
    REGISTRATION_TICKETS registration_tickets(id: i64) = "/registrations/{id}/tickets";
    REGISTRATION_UNDO_CANCEL registration_undo_cancel(id: i64) = "/registrations/{id}/undo-cancel";
    REPORTS reports() = "/reports";
    SAVED_SEARCHES saved_searches() = "/saved-searches";
    SAVED_SEARCH saved_search(id: i64) = "/saved-searches/{id}";
    SCENARIOS scenarios() = "/scenarios";
    SCENARIOS_EXPORT_CSV scenarios_export_csv() = "/scenarios/export.csv";
    SCENARIOS_EXPORT_XLSX scenarios_export_xlsx() = "/scenarios/export.xlsx";
    SCENARIO scenario(id: i64) = "/scenarios/{id}";
    SCENARIO_CLOSE scenario_close(id: i64) = "/scenarios/{id}/close";
    SCENARIO_MATCHES scenario_matches(id: i64) = "/scenarios/{id}/matches";
    SCENARIO_SUBMIT scenario_submit(id: i64) = "/scenarios/{id}/submit";
    SEARCH search() = "/search";
    SESSION_CALENDAR_ICS session_calendar_ics(id: i64) = "/sessions/{id}/calendar.ics";
    SESSION_SEAT session_seat(id: i64) = "/sessions/{id}/seat";
    SESSION_SPEAKER_ACCEPT session_speaker_accept(id: i64) = "/sessions/{id}/speaker/accept";
    SESSION_SPEAKER_DECLINE session_speaker_decline(id: i64) = "/sessions/{id}/speaker/decline";
    STAGE_ASSIGNMENT stage_assignment(id: i64) = "/stages/{id}/assignment";
    STAGE_ASSIGNMENT_TEAM stage_assignment_team(id: i64, team: i64) = "/stages/{id}/assignment/{team}";
    STAGE_CLOSE stage_close(id: i64) = "/stages/{id}/close";
    STAGE_PANEL stage_panel(id: i64) = "/stages/{id}/panel";
    STAGE_PANEL_ACCEPT stage_panel_accept(id: i64) = "/stages/{id}/panel/accept";
    STAGE_PANEL_DECLINE stage_panel_decline(id: i64) = "/stages/{id}/panel/decline";
    STAGE_RELEASE stage_release(id: i64) = "/stages/{id}/release";
    STAGE_RESULTS stage_results(id: i64) = "/stages/{id}/results";
    STAGE_SCORES_XLSX stage_scores_xlsx(id: i64) = "/stages/{id}/scores.xlsx";
    SUBMISSION_PLAN submission_plan(id: i64) = "/submissions/{id}/plan";
    TAXONOMY taxonomy() = "/taxonomy";
    TEAM team(id: i64) = "/teams/{id}";
    TEAM_CERTIFICATE team_certificate(id: i64) = "/teams/{id}/certificate";
    TEAM_DECLINE team_decline(id: i64) = "/teams/{id}/decline";
    TEAM_JOIN team_join(id: i64) = "/teams/{id}/join";
    TEAM_LEADER team_leader(id: i64) = "/teams/{id}/leader";
    TEAM_LEAVE team_leave(id: i64) = "/teams/{id}/leave";
    TEAM_MEMBERS team_members(id: i64) = "/teams/{id}/members";
    TEAM_STAGE_PLAN team_stage_plan(id: i64, stage: i64) = "/teams/{id}/stages/{stage}/plan";
    TEAM_STAGE_SUBMISSION team_stage_submission(id: i64, stage: i64) = "/teams/{id}/stages/{stage}/submission";
    TEAM_STAGE_SUBMISSIONS team_stage_submissions(id: i64, stage: i64) = "/teams/{id}/stages/{stage}/submissions";
    TICKET_QR_SVG ticket_qr_svg(code: &str) = "/tickets/{code}/qr.svg";
}

/// The one of four that belongs to `kind`.
fn of_kind<T>(kind: crate::market::PostingKind, demand: T, capability: T, scenario: T, mandate: T) -> T {
    use crate::market::PostingKind::*;
    match kind {
        Demand => demand,
        Capability => capability,
        Scenario => scenario,
        Mandate => mandate,
    }
}

type One = fn(i64) -> String;
type All = fn() -> String;

/// A kind's postings (`/api/v1/demands`, `/api/v1/capabilities`, ...).
pub fn postings(kind: crate::market::PostingKind) -> String {
    of_kind::<All>(kind, demands, capabilities, scenarios, mandates)()
}

/// One posting of a kind.
pub fn posting(kind: crate::market::PostingKind, id: i64) -> String {
    of_kind::<One>(kind, demand, capability, scenario, mandate)(id)
}

/// Submitting a posting of a kind for review.
pub fn posting_submit(kind: crate::market::PostingKind, id: i64) -> String {
    of_kind::<One>(kind, demand_submit, capability_submit, scenario_submit, mandate_submit)(id)
}

/// Closing a posting of a kind.
pub fn posting_close(kind: crate::market::PostingKind, id: i64) -> String {
    of_kind::<One>(kind, demand_close, capability_close, scenario_close, mandate_close)(id)
}

/// A posting's matches.
pub fn posting_matches(kind: crate::market::PostingKind, id: i64) -> String {
    of_kind::<One>(kind, demand_matches, capability_matches, scenario_matches, mandate_matches)(id)
}

/// A kind's published postings as a CSV file.
pub fn postings_export_csv(kind: crate::market::PostingKind) -> String {
    of_kind::<All>(kind, demands_export_csv, capabilities_export_csv, scenarios_export_csv, mandates_export_csv)()
}

/// A kind's published postings as an Excel workbook.
pub fn postings_export_xlsx(kind: crate::market::PostingKind) -> String {
    of_kind::<All>(kind, demands_export_xlsx, capabilities_export_xlsx, scenarios_export_xlsx, mandates_export_xlsx)()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_path_puts_its_arguments_in_place_and_under_the_prefix() {
        assert_eq!(super::event_registrations(42), "/api/v1/events/42/registrations");
        assert_eq!(super::judging_team(3, 9), "/api/v1/judging/3/9");
        assert_eq!(super::invitation("ab-c"), "/api/v1/invitations/ab-c");
        assert!(super::ALL.iter().all(|t| t.starts_with('/') && !t.starts_with(super::PREFIX)));
        assert_eq!(super::posting_close(crate::market::PostingKind::Scenario, 5), "/api/v1/scenarios/5/close");
    }
}
