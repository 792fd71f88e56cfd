//! The one typed API client over gloo-net. Every call returns shared types or the shared error.
//!
//! This file is long because it is the one typed client, one short function per API operation
//! (about 130).

use gloo_net::http::{Method, RequestBuilder};
use serde::Serialize;
use serde::de::DeserializeOwned;
use shared::accounts::{ChangePasswordRequest, LoginRequest, Me, RegisterRequest, UpdateMeRequest};
use shared::competitions as comp;
use shared::engage::{
    Attachment, Decline, Engagement, EngagementSummary, Message, NewEngagement, NewMessage, Side, StageChange,
};
use shared::market::{ModerationRequest, NewPosting, Posting, PostingInput, PostingKind};
use shared::notify::{NewSavedSearch, Notification, Preference, SavedSearch, UnreadCount};
use shared::opencall::{Application, ApplicationInput, Notice, NoticeDecision, Selection, Text};
use shared::orgs::{
    Invitation, InvitationPreview, InviteRequest, Member, Org, OrgInput, OrgListQuery, OrgSummary, UpdateMemberRequest,
};
use shared::page::Page;
use shared::paths;
use shared::routes::{self, query};
use shared::taxonomy::{NewTermRequest, Taxonomy, Term};
use shared::{ApiError, ErrorCode, Locale};

pub type ApiResult<T> = Result<T, ApiError>;

fn current_locale() -> Locale {
    leptos::prelude::use_context::<crate::i18n::I18n>()
        .map(|i| leptos::prelude::GetUntracked::get_untracked(&i.locale))
        .unwrap_or_default()
}

thread_local! {
    /// How far the platform's clock is ahead of the device's (ms), as of the last answer.
    static SKEW: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
}

/// Now on the platform's clock, in Unix milliseconds (see `labels::now`).
pub fn platform_millis() -> f64 {
    js_sys::Date::now() + SKEW.get()
}

/// Sends one request; the status and body text of any answer, or a network error. Not generic, so
/// the code exists once however many response types there are.
async fn send(method: Method, path: &str, body: Option<String>) -> ApiResult<(u16, String)> {
    // The page came with the answer (the server asked for it as this person): taken once, in a
    // task of its own as a fetched answer would be, so the page draws in several short tasks
    // rather than one long one that blocks input. Taken after the wait: a request dropped
    // meanwhile (its page redrawn) leaves it for the one that replaces it. Who is signed in and
    // the reference lists are taken at once: the first frame draws the header with them.
    if method == Method::GET && body.is_none() && crate::boot::has_answer(path) {
        if path != paths::auth_session() && path != paths::taxonomy() {
            crate::boot::next_task().await;
        }
        if let Some(answer) = crate::boot::take_answer(path) {
            return Ok((200, answer));
        }
    }
    let locale = current_locale();
    let network = |_| ApiError::localized(ErrorCode::Network, locale);
    let builder = RequestBuilder::new(path).method(method).header("Accept-Language", locale.tag());
    let request = match body {
        Some(b) => builder.header("Content-Type", "application/json").body(b).map_err(network)?,
        None => builder.build().map_err(network)?,
    };
    let response = request.send().await.map_err(network)?;
    if let Some(server) = response.headers().get(paths::SERVER_TIME_HEADER).and_then(|v| v.parse::<f64>().ok()) {
        SKEW.set(server - js_sys::Date::now());
    }
    let text = response.text().await.map_err(network)?;
    Ok((response.status(), text))
}

/// A 2xx body as `T` (an empty 204 as `null`), else the shared error.
fn decode<T: DeserializeOwned>(status: u16, text: &str) -> ApiResult<T> {
    let internal = || ApiError::localized(ErrorCode::Internal, current_locale());
    if (200..300).contains(&status) {
        let json = if text.is_empty() { "null" } else { text };
        return serde_json::from_str(json).map_err(|_| internal());
    }
    Err(serde_json::from_str::<ApiError>(text).unwrap_or_else(|_| internal()))
}

async fn request<B: Serialize, T: DeserializeOwned>(method: Method, path: &str, body: Option<&B>) -> ApiResult<T> {
    let body = match body {
        Some(b) => {
            Some(serde_json::to_string(b).map_err(|_| ApiError::localized(ErrorCode::Internal, current_locale()))?)
        }
        None => None,
    };
    let (status, text) = send(method, path, body).await?;
    decode(status, &text)
}

async fn get<T: DeserializeOwned>(path: &str) -> ApiResult<T> {
    request::<(), T>(Method::GET, path, None).await
}

async fn post<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> ApiResult<T> {
    request(Method::POST, path, Some(body)).await
}

async fn put<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> ApiResult<T> {
    request(Method::PUT, path, Some(body)).await
}

async fn delete<T: DeserializeOwned>(path: &str) -> ApiResult<T> {
    request::<(), T>(Method::DELETE, path, None).await
}

// ---- accounts ----
pub async fn register(req: &RegisterRequest) -> ApiResult<Me> {
    post(&paths::auth_register(), req).await
}
pub async fn login(req: &LoginRequest) -> ApiResult<Me> {
    post(&paths::auth_login(), req).await
}
pub async fn logout() -> ApiResult<()> {
    post(&paths::auth_logout(), &()).await
}
/// Who is browsing (`None` for a visitor, without an error status in the console).
pub async fn session_user() -> ApiResult<Option<Me>> {
    get::<shared::accounts::SessionState>(&paths::auth_session()).await.map(|s| s.user)
}
pub async fn update_me(req: &UpdateMeRequest) -> ApiResult<Me> {
    put(&paths::me(), req).await
}
pub async fn change_password(req: &ChangePasswordRequest) -> ApiResult<()> {
    post(&paths::me_password(), req).await
}
/// Follows an emailed verification link.
pub async fn verify_email(token: &str) -> ApiResult<()> {
    post(&paths::auth_verify_email(), &shared::accounts::VerifyEmailRequest { token: token.to_owned() }).await
}
/// Sends the verification email again; its link returns to `next`.
pub async fn resend_verification(next: Option<String>) -> ApiResult<()> {
    post(&paths::me_verification(), &shared::accounts::ResendVerification { next }).await
}

// ---- organizations ----
pub async fn orgs(q: &OrgListQuery) -> ApiResult<Page<OrgSummary>> {
    let qs = query(&[
        ("kind", q.kind.map(|k| k.as_str().to_owned())),
        ("q", q.q.clone()),
        ("verified", q.verified.map(|v| v.to_string())),
        ("domain", q.domain.clone()),
        ("district", q.district.clone()),
        ("page", q.page.map(|p| p.to_string())),
        ("per_page", q.per_page.map(|p| p.to_string())),
    ]);
    get(&format!("{}{qs}", paths::orgs())).await
}
pub async fn org(id: i64) -> ApiResult<Org> {
    get(&paths::org(id)).await
}
pub async fn create_org(input: &OrgInput) -> ApiResult<Org> {
    post(&paths::orgs(), input).await
}
pub async fn update_org(id: i64, input: &OrgInput) -> ApiResult<Org> {
    put(&paths::org(id), input).await
}
pub async fn members(id: i64) -> ApiResult<Vec<Member>> {
    get(&paths::org_members(id)).await
}
pub async fn invite(id: i64, req: &InviteRequest) -> ApiResult<Invitation> {
    post(&paths::org_members(id), req).await
}
pub async fn change_role(id: i64, user_id: i64, req: &UpdateMemberRequest) -> ApiResult<Vec<Member>> {
    put(&paths::org_member(id, user_id), req).await
}
pub async fn remove_member(id: i64, user_id: i64) -> ApiResult<()> {
    delete(&paths::org_member(id, user_id)).await
}
pub async fn invitations(id: i64) -> ApiResult<Vec<Invitation>> {
    get(&paths::org_invitations(id)).await
}
pub async fn revoke_invitation(id: i64, invitation_id: i64) -> ApiResult<()> {
    delete(&paths::org_invitation(id, invitation_id)).await
}
pub async fn preview_invitation(token: &str) -> ApiResult<InvitationPreview> {
    get(&paths::invitation(token)).await
}
pub async fn accept_invitation(token: &str) -> ApiResult<Org> {
    post(&paths::invitation_accept(token), &()).await
}
pub async fn set_verified(id: i64, verified: bool) -> ApiResult<Org> {
    if verified { post(&paths::admin_org_verify(id), &()).await } else { delete(&paths::admin_org_verify(id)).await }
}

// ---- reference data ----
pub async fn home() -> ApiResult<shared::home::FrontDoor> {
    get(&paths::home()).await
}
pub async fn taxonomy() -> ApiResult<Taxonomy> {
    get(&paths::taxonomy()).await
}
pub async fn add_term(req: &NewTermRequest) -> ApiResult<Term> {
    post(&paths::admin_taxonomy(), req).await
}

// ---- marketplace ----
pub async fn postings(
    kind: PostingKind,
    q: &shared::market::PostingQuery,
) -> ApiResult<Page<shared::market::PostingSummary>> {
    get(&routes::postings(kind, q)).await
}
pub async fn posting(kind: PostingKind, id: i64) -> ApiResult<Posting> {
    get(&paths::posting(kind, id)).await
}
pub async fn search(q: &shared::market::SearchQuery) -> ApiResult<shared::market::SearchResults> {
    get(&routes::search(q)).await
}
pub async fn create_posting(kind: PostingKind, req: &NewPosting) -> ApiResult<Posting> {
    post(&paths::postings(kind), req).await
}
pub async fn update_posting(kind: PostingKind, id: i64, input: &PostingInput) -> ApiResult<Posting> {
    put(&paths::posting(kind, id), input).await
}
/// `submit` or `close`.
pub async fn posting_action(kind: PostingKind, id: i64, action: &str) -> ApiResult<Posting> {
    let path = match action {
        "submit" => paths::posting_submit(kind, id),
        "close" => paths::posting_close(kind, id),
        _ => return Err(unknown_action()),
    };
    post(&path, &()).await
}
pub async fn moderation_queue() -> ApiResult<Vec<Posting>> {
    get(&paths::admin_moderation()).await
}
pub async fn moderate(req: &ModerationRequest) -> ApiResult<Vec<Posting>> {
    post(&paths::admin_moderation(), req).await
}

// ---- matching ----
pub async fn matches(
    kind: PostingKind,
    id: i64,
    target: Option<PostingKind>,
    min_score: Option<u8>,
) -> ApiResult<Vec<shared::matching::Match>> {
    get(&routes::posting_matches(kind, id, target, min_score)).await
}
/// `save` or `dismiss`.
pub async fn match_feedback(match_id: &str, action: &str) -> ApiResult<()> {
    let path = match action {
        "save" => paths::match_save(match_id),
        "dismiss" => paths::match_dismiss(match_id),
        _ => return Err(unknown_action()),
    };
    post(&path, &()).await
}
pub async fn feed(kind: Option<PostingKind>, min_score: Option<u8>) -> ApiResult<Vec<shared::matching::FeedEntry>> {
    let qs = query(&[("kind", kind.map(|k| k.as_str().to_owned())), ("min_score", min_score.map(|m| m.to_string()))]);
    get(&format!("{}{qs}", paths::feed())).await
}
pub async fn bundles(id: i64) -> ApiResult<Vec<shared::matching::Bundle>> {
    get(&paths::demand_bundles(id)).await
}

// ---- engagement ----
pub async fn create_engagement(req: &NewEngagement) -> ApiResult<EngagementSummary> {
    post(&paths::engagements(), req).await
}
pub async fn request_bundle(req: &shared::engage::BundleRequest) -> ApiResult<shared::engage::BundleRequestResult> {
    post(&paths::engagements_bundle(), req).await
}
pub async fn engagements(side: Option<Side>) -> ApiResult<Page<EngagementSummary>> {
    let qs = query(&[("side", side.map(|s| s.as_str().to_owned())), ("per_page", Some("100".into()))]);
    get(&format!("{}{qs}", paths::engagements())).await
}
pub async fn engagement(id: i64) -> ApiResult<Engagement> {
    get(&paths::engagement(id)).await
}
/// `accept` or `withdraw`.
pub async fn engagement_action(id: i64, action: &str) -> ApiResult<Engagement> {
    let path = match action {
        "accept" => paths::engagement_accept(id),
        "withdraw" => paths::engagement_withdraw(id),
        _ => return Err(unknown_action()),
    };
    post(&path, &()).await
}
pub async fn decline_engagement(id: i64, req: &Decline) -> ApiResult<Engagement> {
    post(&paths::engagement_decline(id), req).await
}
pub async fn set_stage(id: i64, req: &StageChange) -> ApiResult<Engagement> {
    post(&paths::engagement_stage(id), req).await
}
pub async fn messages(id: i64) -> ApiResult<Vec<Message>> {
    get(&paths::engagement_messages(id)).await
}
/// Marks the conversation read up to the message shown last.
pub async fn read_messages(id: i64, up_to: i64) -> ApiResult<()> {
    post(&paths::engagement_read(id), &shared::engage::ReadUpTo { up_to }).await
}
pub async fn send_message(id: i64, req: &NewMessage) -> ApiResult<Message> {
    post(&paths::engagement_messages(id), req).await
}
/// Sends a file chosen in the browser as the raw body.
async fn send_file<T: DeserializeOwned>(method: Method, path: &str, file: web_sys::File) -> ApiResult<T> {
    let locale = current_locale();
    let network = |_| ApiError::localized(ErrorCode::Network, locale);
    let request = RequestBuilder::new(path)
        .method(method)
        .header("Accept-Language", locale.tag())
        .header("Content-Type", "application/octet-stream")
        .body(file)
        .map_err(network)?;
    let response = request.send().await.map_err(network)?;
    let status = response.status();
    let text = response.text().await.map_err(network)?;
    decode(status, &text)
}

/// Uploads an attachment to an engagement.
pub async fn upload(id: i64, file: web_sys::File) -> ApiResult<Attachment> {
    let path = format!("{}{}", paths::engagement_attachments(id), query(&[("name", Some(file.name()))]));
    send_file(Method::POST, &path, file).await
}

/// Previews the import of a spreadsheet, or with `confirm` imports it.
pub async fn import(file: web_sys::File, q: &shared::imports::ImportQuery) -> ApiResult<shared::imports::ImportReport> {
    let q = shared::imports::ImportQuery { name: Some(file.name()), ..q.clone() };
    send_file(Method::POST, &routes::import(&q), file).await
}

// ---- notifications ----
pub async fn notifications() -> ApiResult<Page<Notification>> {
    get(&format!("{}?per_page=50", paths::notifications())).await
}
pub async fn unread_count() -> ApiResult<UnreadCount> {
    get(&paths::notifications_unread_count()).await
}
/// One notification read, or (`None`) all of them.
pub async fn mark_read(id: Option<i64>) -> ApiResult<UnreadCount> {
    match id {
        Some(id) => post(&paths::notification_read(id), &()).await,
        None => post(&paths::notifications_read_all(), &()).await,
    }
}
pub async fn preferences() -> ApiResult<Vec<Preference>> {
    get(&paths::notifications_preferences()).await
}
pub async fn set_preferences(prefs: &[Preference]) -> ApiResult<Vec<Preference>> {
    put(&paths::notifications_preferences(), &prefs).await
}
pub async fn saved_searches() -> ApiResult<Vec<SavedSearch>> {
    get(&paths::saved_searches()).await
}
pub async fn save_search(req: &NewSavedSearch) -> ApiResult<SavedSearch> {
    post(&paths::saved_searches(), req).await
}
pub async fn delete_saved_search(id: i64) -> ApiResult<()> {
    delete(&paths::saved_search(id)).await
}

// ---- open calls and notices ----
pub async fn applications(demand: i64) -> ApiResult<Vec<Application>> {
    get(&paths::demand_applications(demand)).await
}
pub async fn apply(demand: i64, input: &ApplicationInput) -> ApiResult<Application> {
    post(&paths::demand_applications(demand), input).await
}
pub async fn revise_application(demand: i64, id: i64, input: &ApplicationInput) -> ApiResult<Application> {
    put(&paths::demand_application(demand, id), input).await
}
pub async fn shortlist(demand: i64, id: i64) -> ApiResult<Application> {
    post(&paths::demand_application_shortlist(demand, id), &()).await
}
pub async fn ask_clarification(demand: i64, id: i64, text: &str) -> ApiResult<Application> {
    post(&paths::demand_application_clarifications(demand, id), &Text { text: text.into() }).await
}
pub async fn answer_clarification(demand: i64, id: i64, question: i64, text: &str) -> ApiResult<Application> {
    let path = paths::demand_application_clarification_answer(demand, id, question);
    post(&path, &Text { text: text.into() }).await
}
pub async fn select_winners(demand: i64, s: &Selection) -> ApiResult<Notice> {
    post(&paths::demand_notice(demand), s).await
}
pub async fn notices() -> ApiResult<Page<Notice>> {
    get(&format!("{}?per_page=50", paths::notices())).await
}
pub async fn notice(id: i64) -> ApiResult<Notice> {
    get(&paths::notice(id)).await
}
pub async fn object(id: i64, text: &str) -> ApiResult<Notice> {
    post(&paths::notice_objections(id), &Text { text: text.into() }).await
}
pub async fn answer_objection(id: i64, objection: i64, text: &str) -> ApiResult<Notice> {
    post(&paths::notice_objection_answer(id, objection), &Text { text: text.into() }).await
}
pub async fn decide_notice(id: i64, d: &NoticeDecision) -> ApiResult<Notice> {
    post(&paths::notice_decision(id), d).await
}
pub async fn reports() -> ApiResult<Vec<shared::engage::Report>> {
    get(&paths::admin_reports()).await
}
pub async fn admin_overview() -> ApiResult<shared::console::Overview> {
    get(&paths::admin_overview()).await
}
pub async fn outbox() -> ApiResult<Vec<shared::notify::OutboxEmail>> {
    get(&paths::admin_outbox()).await
}
pub async fn block(org: i64, other: i64) -> ApiResult<Vec<shared::engage::OrgRef>> {
    post(&paths::org_blocks(org), &shared::engage::Block { org_id: other }).await
}
pub async fn report(req: &shared::engage::NewReport) -> ApiResult<()> {
    post(&paths::reports(), req).await
}

// ---- events ----
pub async fn events(past: bool, q: Option<&str>, page: u32) -> ApiResult<Page<shared::events::Event>> {
    get(&routes::events(past, q, page)).await
}
pub async fn event(id: i64) -> ApiResult<shared::events::Event> {
    get(&paths::event(id)).await
}
pub async fn create_event(input: &shared::events::EventInput) -> ApiResult<shared::events::Event> {
    post(&paths::events(), input).await
}
pub async fn update_event(id: i64, input: &shared::events::EventInput) -> ApiResult<shared::events::Event> {
    put(&paths::event(id), input).await
}
pub async fn set_event_cover(id: i64, file: web_sys::File) -> ApiResult<shared::events::Event> {
    send_file(Method::PUT, &paths::event_cover(id), file).await
}
pub async fn remove_event_cover(id: i64) -> ApiResult<shared::events::Event> {
    delete(&paths::event_cover(id)).await
}
pub async fn add_ticket_type(id: i64, t: &shared::events::TicketTypeInput) -> ApiResult<shared::events::TicketType> {
    post(&paths::event_ticket_types(id), t).await
}
/// The caller's own registrations for the event (never someone else's, also for its organizers).
pub async fn my_event_registrations(id: i64) -> ApiResult<Vec<shared::events::Registration>> {
    get(&paths::event_registrations_mine(id)).await
}
/// Publishes a draft event.
pub async fn publish_event(id: i64) -> ApiResult<shared::events::Event> {
    post(&paths::event_publish(id), &()).await
}
pub async fn register_for_event(
    id: i64,
    r: &shared::events::RegistrationInput,
) -> ApiResult<shared::events::Registration> {
    post(&paths::event_registrations(id), r).await
}
/// `cancel`, `accept-offer`, `approve` or `reject`.
pub async fn registration_action(id: i64, action: &str) -> ApiResult<shared::events::Registration> {
    let path = match action {
        "cancel" => paths::registration_cancel(id),
        "undo-cancel" => paths::registration_undo_cancel(id),
        "accept-offer" => paths::registration_accept_offer(id),
        "approve" => paths::registration_approve(id),
        "reject" => paths::registration_reject(id),
        "promote" => paths::registration_promote(id),
        _ => return Err(unknown_action()),
    };
    post(&path, &()).await
}
pub async fn tickets(registration: i64) -> ApiResult<Vec<shared::events::Ticket>> {
    get(&paths::registration_tickets(registration)).await
}
pub async fn checkin(event: i64, scan: &shared::events::CheckinInput) -> ApiResult<shared::events::CheckinResult> {
    post(&paths::event_checkins(event), scan).await
}
pub async fn checkin_counts(event: i64) -> ApiResult<shared::events::CheckinCounts> {
    get(&paths::event_checkins_counts(event)).await
}
pub async fn undo_checkin(id: i64) -> ApiResult<shared::events::CheckinCounts> {
    post(&paths::checkin_undo(id), &()).await
}
pub async fn event_staff(event: i64) -> ApiResult<Vec<shared::events::Staff>> {
    get(&paths::event_staff(event)).await
}
pub async fn put_event_staff(event: i64, s: &shared::events::StaffInput) -> ApiResult<Vec<shared::events::Staff>> {
    post(&paths::event_staff(event), s).await
}
pub async fn remove_event_staff(event: i64, user: i64) -> ApiResult<Vec<shared::events::Staff>> {
    delete(&paths::event_staff_user(event, user)).await
}
/// Withdraws an invitation to the staff not answered yet.
pub async fn withdraw_staff_invitation(event: i64, email: &str) -> ApiResult<Vec<shared::events::Staff>> {
    delete(&format!("{}{}", paths::event_staff_invitations(event), query(&[("email", Some(email.to_owned()))]))).await
}
/// Accepts (`true`) or declines the invitation to the event's staff.
pub async fn answer_staff(event: i64, accept: bool) -> ApiResult<shared::events::Event> {
    post(&if accept { paths::event_staff_accept(event) } else { paths::event_staff_decline(event) }, &()).await
}
pub async fn event_report(event: i64) -> ApiResult<shared::events::EventReport> {
    get(&paths::event_report(event)).await
}
pub async fn event_questions(event: i64) -> ApiResult<Vec<shared::events::Question>> {
    get(&paths::event_questions(event)).await
}
pub async fn add_event_question(
    event: i64,
    q: &shared::events::QuestionInput,
) -> ApiResult<Vec<shared::events::Question>> {
    post(&paths::event_questions(event), q).await
}
pub async fn delete_event_question(event: i64, question: i64) -> ApiResult<Vec<shared::events::Question>> {
    delete(&paths::event_question(event, question)).await
}
pub async fn event_messages(event: i64) -> ApiResult<Vec<shared::events::EventMessage>> {
    get(&paths::event_messages(event)).await
}
pub async fn send_event_message(
    event: i64,
    m: &shared::events::EventMessageInput,
) -> ApiResult<shared::events::EventMessage> {
    post(&paths::event_messages(event), m).await
}
pub async fn preview_event_message(
    event: i64,
    m: &shared::events::EventMessageInput,
) -> ApiResult<shared::events::MessagePreview> {
    post(&paths::event_messages_preview(event), m).await
}
pub async fn event_registrants(
    event: i64,
    q: &shared::events::RegistrantQuery,
) -> ApiResult<Page<shared::events::Registrant>> {
    let qs = query(&[
        ("q", q.q.clone()),
        ("status", q.status.map(|s| s.as_str().to_owned())),
        ("ticket_type", q.ticket_type.map(|t| t.to_string())),
        ("sort", q.sort.map(|s| s.as_str().to_owned())),
        ("page", q.page.map(|p| p.to_string())),
        ("per_page", q.per_page.map(|p| p.to_string())),
    ]);
    get(&format!("{}{qs}", paths::event_registrants(event))).await
}
pub async fn bulk_registrations(
    event: i64,
    req: &shared::events::BulkRequest,
) -> ApiResult<Vec<shared::events::Registration>> {
    post(&paths::event_registrations_bulk(event), req).await
}
pub async fn event_invitations(event: i64) -> ApiResult<Vec<shared::events::Invitation>> {
    get(&paths::event_invitations(event)).await
}
pub async fn add_event_invitation(
    event: i64,
    i: &shared::events::InvitationInput,
) -> ApiResult<Vec<shared::events::Invitation>> {
    post(&paths::event_invitations(event), i).await
}
pub async fn event_badges(event: i64) -> ApiResult<Vec<shared::events::Badge>> {
    get(&paths::event_badges(event)).await
}
pub async fn sessions(event: i64) -> ApiResult<Vec<shared::agenda::Session>> {
    get(&paths::event_sessions(event)).await
}
pub async fn add_session(event: i64, s: &shared::agenda::SessionInput) -> ApiResult<Vec<shared::agenda::Session>> {
    post(&paths::event_sessions(event), s).await
}
pub async fn delete_session(event: i64, session: i64) -> ApiResult<Vec<shared::agenda::Session>> {
    delete(&paths::event_session(event, session)).await
}
/// Accepts (`true`) or declines the invitation to speak in a session.
pub async fn answer_speaker(session: i64, accept: bool) -> ApiResult<Vec<shared::agenda::Session>> {
    post(&if accept { paths::session_speaker_accept(session) } else { paths::session_speaker_decline(session) }, &())
        .await
}
pub async fn join_session(session: i64) -> ApiResult<Vec<shared::agenda::Session>> {
    post(&paths::session_seat(session), &()).await
}
pub async fn leave_session(session: i64) -> ApiResult<Vec<shared::agenda::Session>> {
    delete(&paths::session_seat(session)).await
}
pub async fn meetings(event: i64) -> ApiResult<shared::meetings::Overview> {
    get(&paths::event_meetings(event)).await
}
pub async fn meeting_setup(event: i64, s: &shared::meetings::SetupInput) -> ApiResult<shared::meetings::Overview> {
    put(&paths::event_meetings_setup(event), s).await
}
pub async fn meeting_availability(event: i64, slots: Vec<i64>) -> ApiResult<shared::meetings::Overview> {
    put(&paths::event_meetings_availability(event), &shared::meetings::AvailabilityInput { slots }).await
}
pub async fn meeting_attendees(event: i64) -> ApiResult<Vec<shared::meetings::Counterpart>> {
    get(&paths::event_meetings_attendees(event)).await
}
pub async fn meeting_request(
    event: i64,
    r: &shared::meetings::RequestInput,
) -> ApiResult<shared::meetings::MeetingRequest> {
    post(&paths::event_meetings_requests(event), r).await
}
/// `accept`, `decline` or `cancel`.
pub async fn meeting_request_action(id: i64, action: &str) -> ApiResult<shared::meetings::MeetingRequest> {
    let path = match action {
        "accept" => paths::meeting_request_accept(id),
        "decline" => paths::meeting_request_decline(id),
        "cancel" => paths::meeting_request_cancel(id),
        _ => return Err(unknown_action()),
    };
    post(&path, &()).await
}
pub async fn run_meeting_schedule(event: i64) -> ApiResult<shared::meetings::ScheduleReport> {
    post(&paths::event_meetings_schedule(event), &()).await
}
pub async fn meeting_plan(event: i64) -> ApiResult<Vec<shared::meetings::PlannedMeeting>> {
    get(&paths::event_meetings_plan(event)).await
}
pub async fn my_expert() -> ApiResult<shared::experts::Expert> {
    get(&paths::experts_me()).await
}
pub async fn put_my_expert(input: &shared::experts::ExpertInput) -> ApiResult<shared::experts::Expert> {
    put(&paths::experts_me(), input).await
}
pub async fn experts(q: &shared::experts::ExpertQuery) -> ApiResult<Vec<shared::experts::PoolExpert>> {
    let path = format!(
        "{}{}",
        paths::experts(),
        query(&[("q", q.q.clone()), ("domain", q.domain.clone()), ("kind", q.kind.map(|k| k.as_str().to_owned()))])
    );
    get(&path).await
}
pub async fn expert_queue() -> ApiResult<Vec<shared::experts::Expert>> {
    get(&paths::admin_experts()).await
}
/// Approve (no reason) or reject (with the reason).
pub async fn review_expert(id: i64, reject: Option<String>) -> ApiResult<shared::experts::Expert> {
    match reject {
        None => post(&paths::admin_expert_approve(id), &()).await,
        Some(reason) => post(&paths::admin_expert_reject(id), &shared::experts::RejectExpert { reason }).await,
    }
}

// ---- competitions and judging ----

pub async fn competitions(q: Option<&str>, page: u32) -> ApiResult<Page<comp::Competition>> {
    get(&routes::competitions(q, page)).await
}
pub async fn competition(id: i64) -> ApiResult<comp::Competition> {
    get(&paths::competition(id)).await
}
pub async fn create_competition(input: &comp::CompetitionInput) -> ApiResult<comp::Competition> {
    post(&paths::competitions(), input).await
}
pub async fn update_competition(id: i64, input: &comp::CompetitionInput) -> ApiResult<comp::Competition> {
    put(&paths::competition(id), input).await
}
/// Opens a draft competition to the public.
pub async fn open_competition(id: i64) -> ApiResult<comp::Competition> {
    post(&paths::competition_open(id), &()).await
}
/// Joins (`true`) or declines the team the caller was invited to.
pub async fn answer_team(team: i64, join: bool) -> ApiResult<comp::Team> {
    post(&if join { paths::team_join(team) } else { paths::team_decline(team) }, &()).await
}
pub async fn leave_team(team: i64) -> ApiResult<()> {
    post(&paths::team_leave(team), &()).await
}
pub async fn hand_over_team(team: i64, email: String) -> ApiResult<comp::Team> {
    post(&paths::team_leader(team), &comp::TeamPerson { email }).await
}
pub async fn invite_team_member(team: i64, email: String) -> ApiResult<comp::Team> {
    post(&paths::team_members(team), &comp::TeamPerson { email }).await
}
/// The panels the caller was invited to judge.
pub async fn panel_invitations() -> ApiResult<Vec<comp::PanelInvitation>> {
    get(&paths::judging_invitations()).await
}
/// Accepts (`true`) or declines the invitation to a stage's panel.
pub async fn answer_panel(stage: i64, accept: bool) -> ApiResult<Vec<comp::PanelInvitation>> {
    post(&if accept { paths::stage_panel_accept(stage) } else { paths::stage_panel_decline(stage) }, &()).await
}
pub async fn teams(competition: i64) -> ApiResult<Vec<comp::Team>> {
    get(&paths::competition_teams(competition)).await
}
pub async fn register_team(competition: i64, input: &comp::TeamInput) -> ApiResult<comp::Team> {
    post(&paths::competition_teams(competition), input).await
}
pub async fn submit_entry(team: i64, stage: i64, input: &comp::SubmissionInput) -> ApiResult<comp::Submission> {
    put(&paths::team_stage_submission(team, stage), input).await
}
pub async fn upload_plan(team: i64, stage: i64, file: web_sys::File) -> ApiResult<comp::Submission> {
    let path = format!("{}{}", paths::team_stage_plan(team, stage), query(&[("name", Some(file.name()))]));
    send_file(Method::POST, &path, file).await
}
pub async fn submission_versions(team: i64, stage: i64) -> ApiResult<Vec<comp::Submission>> {
    get(&paths::team_stage_submissions(team, stage)).await
}
pub async fn set_panel(stage: i64, experts: Vec<i64>) -> ApiResult<comp::StageAssignment> {
    put(&paths::stage_panel(stage), &comp::PanelInput { experts }).await
}
pub async fn stage_assignment(stage: i64) -> ApiResult<comp::StageAssignment> {
    get(&paths::stage_assignment(stage)).await
}
pub async fn assign_judges(stage: i64) -> ApiResult<comp::StageAssignment> {
    post(&paths::stage_assignment(stage), &()).await
}
pub async fn set_entry_judges(stage: i64, team: i64, judges: Vec<i64>) -> ApiResult<comp::StageAssignment> {
    put(&paths::stage_assignment_team(stage, team), &comp::EntryJudges { judges }).await
}
pub async fn release_stage(stage: i64) -> ApiResult<comp::StageAssignment> {
    post(&paths::stage_release(stage), &()).await
}
pub async fn stage_results(stage: i64) -> ApiResult<comp::StageResults> {
    get(&paths::stage_results(stage)).await
}
pub async fn close_stage(stage: i64) -> ApiResult<comp::StageResults> {
    post(&paths::stage_close(stage), &()).await
}
pub async fn publish_results(competition: i64, rationale: String) -> ApiResult<Notice> {
    post(&paths::competition_publish(competition), &comp::PublishResults { rationale }).await
}
pub async fn competition_audit(competition: i64) -> ApiResult<Vec<comp::AuditEntry>> {
    get(&paths::competition_audit(competition)).await
}
pub async fn judging() -> ApiResult<Vec<comp::JudgingEntry>> {
    get(&paths::judging()).await
}
pub async fn judging_entry(stage: i64, team: i64) -> ApiResult<comp::JudgingEntry> {
    get(&paths::judging_team(stage, team)).await
}
pub async fn score_entry(stage: i64, team: i64, s: &comp::ScoreInput) -> ApiResult<comp::JudgingEntry> {
    put(&paths::judging_team(stage, team), s).await
}
pub async fn certificate(team: i64) -> ApiResult<comp::Certificate> {
    get(&paths::team_certificate(team)).await
}
pub async fn consultants(demand: i64) -> ApiResult<Vec<shared::experts::Consultant>> {
    get(&paths::demand_experts(demand)).await
}
pub async fn invite_consultant(demand: i64, expert: i64) -> ApiResult<()> {
    post(&paths::demand_expert_invite(demand, expert), &()).await
}
pub async fn audit_log(page: u32, action: &str) -> ApiResult<Page<shared::audit::AuditRecord>> {
    let action = Some(action.to_owned()).filter(|a| !a.is_empty());
    get(&format!("{}{}", paths::admin_audit(), query(&[("page", Some(page.to_string())), ("action", action)]))).await
}
pub async fn verify_audit() -> ApiResult<shared::audit::AuditVerification> {
    get(&paths::admin_audit_verify()).await
}
pub async fn admin_users(q: &str, page: u32) -> ApiResult<Page<shared::accounts::UserAdminView>> {
    let q = Some(q.trim().to_owned()).filter(|q| !q.is_empty());
    get(&format!("{}{}", paths::admin_users(), query(&[("q", q), ("page", Some(page.to_string()))]))).await
}
/// `action`: `disable`, `enable` or `sessions/reset`.
pub async fn admin_user_action(id: i64, action: &str) -> ApiResult<shared::accounts::UserAdminView> {
    let path = match action {
        "disable" => paths::admin_user_disable(id),
        "enable" => paths::admin_user_enable(id),
        "sessions/reset" => paths::admin_user_sessions_reset(id),
        _ => return Err(unknown_action()),
    };
    post(&path, &()).await
}
pub async fn dashboard_targets() -> ApiResult<Vec<shared::dashboard::TargetView>> {
    get(&paths::dashboard_targets()).await
}
pub async fn dashboard_activity(q: &shared::dashboard::ActivityQuery) -> ApiResult<shared::dashboard::Activity> {
    get(&routes::dashboard_activity(q)).await
}
/// Where the dashboard's Excel export of this period downloads from.
pub fn dashboard_export_url(q: &shared::dashboard::ActivityQuery) -> String {
    routes::dashboard_export(q)
}
pub async fn update_target(
    code: &str,
    input: &shared::dashboard::TargetInput,
) -> ApiResult<shared::dashboard::TargetView> {
    put(&paths::admin_target(code), input).await
}
pub async fn matching_weights() -> ApiResult<shared::matching::Weights> {
    get(&paths::admin_matching_weights()).await
}
pub async fn set_matching_weights(w: &shared::matching::Weights) -> ApiResult<shared::matching::Weights> {
    put(&paths::admin_matching_weights(), w).await
}
pub async fn notices_under_review() -> ApiResult<Page<Notice>> {
    get(&format!("{}?status=under_review&per_page=50", paths::notices())).await
}
pub async fn delete_me(req: &shared::accounts::DeleteAccountRequest) -> ApiResult<()> {
    request(Method::DELETE, &paths::me(), Some(req)).await
}
pub async fn retention() -> ApiResult<shared::privacy::Retention> {
    get(&paths::admin_retention()).await
}
pub async fn set_retention(r: &shared::privacy::RetentionInput) -> ApiResult<shared::privacy::Retention> {
    put(&paths::admin_retention(), r).await
}
pub async fn apply_retention() -> ApiResult<shared::privacy::RetentionReport> {
    post(&paths::admin_retention_apply(), &()).await
}

/// An action the client does not know how to ask for: a programming error, answered like the
/// server's own refusal of an unknown route rather than by calling a path the router lacks.
fn unknown_action() -> ApiError {
    ApiError::localized(ErrorCode::RouteNotFound, current_locale())
}
