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
use shared::routes::{self, query};
use shared::taxonomy::{NewTermRequest, Taxonomy, Term};
use shared::{ApiError, ErrorCode, Locale};

pub type ApiResult<T> = Result<T, ApiError>;

fn current_locale() -> Locale {
    leptos::prelude::use_context::<crate::i18n::I18n>()
        .map(|i| leptos::prelude::GetUntracked::get_untracked(&i.locale))
        .unwrap_or_default()
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
        if path != routes::AUTH_SESSION && path != routes::TAXONOMY {
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
    post(routes::AUTH_REGISTER, req).await
}
pub async fn login(req: &LoginRequest) -> ApiResult<Me> {
    post(routes::AUTH_LOGIN, req).await
}
pub async fn logout() -> ApiResult<()> {
    post(routes::AUTH_LOGOUT, &()).await
}
/// Who is browsing (`None` for a visitor, without an error status in the console).
pub async fn session_user() -> ApiResult<Option<Me>> {
    get::<shared::accounts::SessionState>(routes::AUTH_SESSION).await.map(|s| s.user)
}
pub async fn update_me(req: &UpdateMeRequest) -> ApiResult<Me> {
    put(routes::ME, req).await
}
pub async fn change_password(req: &ChangePasswordRequest) -> ApiResult<()> {
    post(routes::ME_PASSWORD, req).await
}
/// Follows an emailed verification link.
pub async fn verify_email(token: &str) -> ApiResult<()> {
    post(routes::AUTH_VERIFY_EMAIL, &shared::accounts::VerifyEmailRequest { token: token.to_owned() }).await
}
/// Sends the verification email again; its link returns to `next`.
pub async fn resend_verification(next: Option<String>) -> ApiResult<()> {
    post(routes::ME_VERIFICATION, &shared::accounts::ResendVerification { next }).await
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
    get(&format!("{}{qs}", routes::ORGS)).await
}
pub async fn org(id: i64) -> ApiResult<Org> {
    get(&routes::org(id)).await
}
pub async fn create_org(input: &OrgInput) -> ApiResult<Org> {
    post(routes::ORGS, input).await
}
pub async fn update_org(id: i64, input: &OrgInput) -> ApiResult<Org> {
    put(&routes::org(id), input).await
}
pub async fn members(id: i64) -> ApiResult<Vec<Member>> {
    get(&routes::org_members(id)).await
}
pub async fn invite(id: i64, req: &InviteRequest) -> ApiResult<Invitation> {
    post(&routes::org_members(id), req).await
}
pub async fn change_role(id: i64, user_id: i64, req: &UpdateMemberRequest) -> ApiResult<Vec<Member>> {
    put(&routes::org_member(id, user_id), req).await
}
pub async fn remove_member(id: i64, user_id: i64) -> ApiResult<()> {
    delete(&routes::org_member(id, user_id)).await
}
pub async fn invitations(id: i64) -> ApiResult<Vec<Invitation>> {
    get(&routes::org_invitations(id)).await
}
pub async fn revoke_invitation(id: i64, invitation_id: i64) -> ApiResult<()> {
    delete(&routes::org_invitation(id, invitation_id)).await
}
pub async fn preview_invitation(token: &str) -> ApiResult<InvitationPreview> {
    get(&routes::invitation(token)).await
}
pub async fn accept_invitation(token: &str) -> ApiResult<Org> {
    post(&routes::invitation_accept(token), &()).await
}
pub async fn set_verified(id: i64, verified: bool) -> ApiResult<Org> {
    if verified { post(&routes::admin_verify_org(id), &()).await } else { delete(&routes::admin_verify_org(id)).await }
}

// ---- reference data ----
pub async fn home() -> ApiResult<shared::home::FrontDoor> {
    get(routes::HOME).await
}
pub async fn taxonomy() -> ApiResult<Taxonomy> {
    get(routes::TAXONOMY).await
}
pub async fn add_term(req: &NewTermRequest) -> ApiResult<Term> {
    post(routes::ADMIN_TAXONOMY, req).await
}

// ---- marketplace ----
pub async fn postings(
    kind: PostingKind,
    q: &shared::market::PostingQuery,
) -> ApiResult<Page<shared::market::PostingSummary>> {
    get(&routes::postings(kind, q)).await
}
pub async fn posting(kind: PostingKind, id: i64) -> ApiResult<Posting> {
    get(&routes::posting(kind, id)).await
}
pub async fn search(q: &shared::market::SearchQuery) -> ApiResult<shared::market::SearchResults> {
    get(&routes::search(q)).await
}
pub async fn create_posting(kind: PostingKind, req: &NewPosting) -> ApiResult<Posting> {
    post(&format!("/api/v1/{}", kind.plural()), req).await
}
pub async fn update_posting(kind: PostingKind, id: i64, input: &PostingInput) -> ApiResult<Posting> {
    put(&format!("/api/v1/{}/{id}", kind.plural()), input).await
}
/// `submit` or `close`.
pub async fn posting_action(kind: PostingKind, id: i64, action: &str) -> ApiResult<Posting> {
    post(&format!("/api/v1/{}/{id}/{action}", kind.plural()), &()).await
}
pub async fn moderation_queue() -> ApiResult<Vec<Posting>> {
    get("/api/v1/admin/moderation").await
}
pub async fn moderate(req: &ModerationRequest) -> ApiResult<Vec<Posting>> {
    post("/api/v1/admin/moderation", req).await
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
    post(&format!("/api/v1/matches/{match_id}/{action}"), &()).await
}
pub async fn feed(kind: Option<PostingKind>, min_score: Option<u8>) -> ApiResult<Vec<shared::matching::FeedEntry>> {
    let qs = query(&[("kind", kind.map(|k| k.as_str().to_owned())), ("min_score", min_score.map(|m| m.to_string()))]);
    get(&format!("/api/v1/feed{qs}")).await
}
pub async fn bundles(id: i64) -> ApiResult<Vec<shared::matching::Bundle>> {
    get(&routes::bundles(id)).await
}

// ---- engagement ----
pub async fn create_engagement(req: &NewEngagement) -> ApiResult<EngagementSummary> {
    post("/api/v1/engagements", req).await
}
pub async fn request_bundle(req: &shared::engage::BundleRequest) -> ApiResult<shared::engage::BundleRequestResult> {
    post("/api/v1/engagements/bundle", req).await
}
pub async fn engagements(side: Option<Side>) -> ApiResult<Page<EngagementSummary>> {
    let qs = query(&[("side", side.map(|s| s.as_str().to_owned())), ("per_page", Some("100".into()))]);
    get(&format!("/api/v1/engagements{qs}")).await
}
pub async fn engagement(id: i64) -> ApiResult<Engagement> {
    get(&format!("/api/v1/engagements/{id}")).await
}
/// `accept` or `withdraw`.
pub async fn engagement_action(id: i64, action: &str) -> ApiResult<Engagement> {
    post(&format!("/api/v1/engagements/{id}/{action}"), &()).await
}
pub async fn decline_engagement(id: i64, req: &Decline) -> ApiResult<Engagement> {
    post(&format!("/api/v1/engagements/{id}/decline"), req).await
}
pub async fn set_stage(id: i64, req: &StageChange) -> ApiResult<Engagement> {
    post(&format!("/api/v1/engagements/{id}/stage"), req).await
}
pub async fn messages(id: i64) -> ApiResult<Vec<Message>> {
    get(&format!("/api/v1/engagements/{id}/messages")).await
}
/// Marks the conversation read up to the message shown last.
pub async fn read_messages(id: i64, up_to: i64) -> ApiResult<()> {
    post(&format!("/api/v1/engagements/{id}/read"), &shared::engage::ReadUpTo { up_to }).await
}
pub async fn send_message(id: i64, req: &NewMessage) -> ApiResult<Message> {
    post(&format!("/api/v1/engagements/{id}/messages"), req).await
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
    let path = format!("/api/v1/engagements/{id}/attachments{}", query(&[("name", Some(file.name()))]));
    send_file(Method::POST, &path, file).await
}

/// Previews the import of a spreadsheet, or with `confirm` imports it.
pub async fn import(file: web_sys::File, q: &shared::imports::ImportQuery) -> ApiResult<shared::imports::ImportReport> {
    let q = shared::imports::ImportQuery { name: Some(file.name()), ..q.clone() };
    send_file(Method::POST, &routes::import(&q), file).await
}

// ---- notifications ----
pub async fn notifications() -> ApiResult<Page<Notification>> {
    get("/api/v1/notifications?per_page=50").await
}
pub async fn unread_count() -> ApiResult<UnreadCount> {
    get("/api/v1/notifications/unread-count").await
}
/// One notification read, or (`None`) all of them.
pub async fn mark_read(id: Option<i64>) -> ApiResult<UnreadCount> {
    match id {
        Some(id) => post(&format!("/api/v1/notifications/{id}/read"), &()).await,
        None => post("/api/v1/notifications/read-all", &()).await,
    }
}
pub async fn preferences() -> ApiResult<Vec<Preference>> {
    get("/api/v1/notifications/preferences").await
}
pub async fn set_preferences(prefs: &[Preference]) -> ApiResult<Vec<Preference>> {
    put("/api/v1/notifications/preferences", &prefs).await
}
pub async fn saved_searches() -> ApiResult<Vec<SavedSearch>> {
    get("/api/v1/saved-searches").await
}
pub async fn save_search(req: &NewSavedSearch) -> ApiResult<SavedSearch> {
    post("/api/v1/saved-searches", req).await
}
pub async fn delete_saved_search(id: i64) -> ApiResult<()> {
    delete(&format!("/api/v1/saved-searches/{id}")).await
}

// ---- open calls and notices ----
pub async fn applications(demand: i64) -> ApiResult<Vec<Application>> {
    get(&format!("/api/v1/demands/{demand}/applications")).await
}
pub async fn apply(demand: i64, input: &ApplicationInput) -> ApiResult<Application> {
    post(&format!("/api/v1/demands/{demand}/applications"), input).await
}
pub async fn revise_application(demand: i64, id: i64, input: &ApplicationInput) -> ApiResult<Application> {
    put(&format!("/api/v1/demands/{demand}/applications/{id}"), input).await
}
pub async fn shortlist(demand: i64, id: i64) -> ApiResult<Application> {
    post(&format!("/api/v1/demands/{demand}/applications/{id}/shortlist"), &()).await
}
pub async fn ask_clarification(demand: i64, id: i64, text: &str) -> ApiResult<Application> {
    post(&format!("/api/v1/demands/{demand}/applications/{id}/clarifications"), &Text { text: text.into() }).await
}
pub async fn answer_clarification(demand: i64, id: i64, question: i64, text: &str) -> ApiResult<Application> {
    let path = format!("/api/v1/demands/{demand}/applications/{id}/clarifications/{question}/answer");
    post(&path, &Text { text: text.into() }).await
}
pub async fn select_winners(demand: i64, s: &Selection) -> ApiResult<Notice> {
    post(&format!("/api/v1/demands/{demand}/notice"), s).await
}
pub async fn notices() -> ApiResult<Page<Notice>> {
    get("/api/v1/notices?per_page=50").await
}
pub async fn notice(id: i64) -> ApiResult<Notice> {
    get(&format!("/api/v1/notices/{id}")).await
}
pub async fn object(id: i64, text: &str) -> ApiResult<Notice> {
    post(&format!("/api/v1/notices/{id}/objections"), &Text { text: text.into() }).await
}
pub async fn answer_objection(id: i64, objection: i64, text: &str) -> ApiResult<Notice> {
    post(&format!("/api/v1/notices/{id}/objections/{objection}/answer"), &Text { text: text.into() }).await
}
pub async fn decide_notice(id: i64, d: &NoticeDecision) -> ApiResult<Notice> {
    post(&format!("/api/v1/notices/{id}/decision"), d).await
}
pub async fn reports() -> ApiResult<Vec<shared::engage::Report>> {
    get("/api/v1/admin/reports").await
}
pub async fn admin_overview() -> ApiResult<shared::console::Overview> {
    get("/api/v1/admin/overview").await
}
pub async fn outbox() -> ApiResult<Vec<shared::notify::OutboxEmail>> {
    get("/api/v1/admin/outbox").await
}
pub async fn block(org: i64, other: i64) -> ApiResult<Vec<shared::engage::OrgRef>> {
    post(&format!("/api/v1/orgs/{org}/blocks"), &shared::engage::Block { org_id: other }).await
}
pub async fn report(req: &shared::engage::NewReport) -> ApiResult<()> {
    post("/api/v1/reports", req).await
}

// ---- events ----
pub async fn events(past: bool, q: Option<&str>, page: u32) -> ApiResult<Page<shared::events::Event>> {
    get(&routes::events(past, q, page)).await
}
pub async fn event(id: i64) -> ApiResult<shared::events::Event> {
    get(&routes::event(id)).await
}
pub async fn create_event(input: &shared::events::EventInput) -> ApiResult<shared::events::Event> {
    post("/api/v1/events", input).await
}
pub async fn update_event(id: i64, input: &shared::events::EventInput) -> ApiResult<shared::events::Event> {
    put(&format!("/api/v1/events/{id}"), input).await
}
pub async fn set_event_cover(id: i64, file: web_sys::File) -> ApiResult<shared::events::Event> {
    send_file(Method::PUT, &format!("/api/v1/events/{id}/cover"), file).await
}
pub async fn remove_event_cover(id: i64) -> ApiResult<shared::events::Event> {
    delete(&format!("/api/v1/events/{id}/cover")).await
}
pub async fn add_ticket_type(id: i64, t: &shared::events::TicketTypeInput) -> ApiResult<shared::events::TicketType> {
    post(&format!("/api/v1/events/{id}/ticket-types"), t).await
}
/// The caller's own registrations for the event (never someone else's, also for its organizers).
pub async fn my_event_registrations(id: i64) -> ApiResult<Vec<shared::events::Registration>> {
    get(&format!("/api/v1/events/{id}/registrations/mine")).await
}
/// Publishes a draft event.
pub async fn publish_event(id: i64) -> ApiResult<shared::events::Event> {
    post(&format!("/api/v1/events/{id}/publish"), &()).await
}
pub async fn register_for_event(
    id: i64,
    r: &shared::events::RegistrationInput,
) -> ApiResult<shared::events::Registration> {
    post(&format!("/api/v1/events/{id}/registrations"), r).await
}
/// `cancel`, `accept-offer`, `approve` or `reject`.
pub async fn registration_action(id: i64, action: &str) -> ApiResult<shared::events::Registration> {
    post(&format!("/api/v1/registrations/{id}/{action}"), &()).await
}
pub async fn tickets(registration: i64) -> ApiResult<Vec<shared::events::Ticket>> {
    get(&format!("/api/v1/registrations/{registration}/tickets")).await
}
pub async fn checkin(event: i64, scan: &shared::events::CheckinInput) -> ApiResult<shared::events::CheckinResult> {
    post(&format!("/api/v1/events/{event}/checkins"), scan).await
}
pub async fn checkin_counts(event: i64) -> ApiResult<shared::events::CheckinCounts> {
    get(&format!("/api/v1/events/{event}/checkins/counts")).await
}
pub async fn undo_checkin(id: i64) -> ApiResult<shared::events::CheckinCounts> {
    post(&format!("/api/v1/checkins/{id}/undo"), &()).await
}
pub async fn event_staff(event: i64) -> ApiResult<Vec<shared::events::Staff>> {
    get(&format!("/api/v1/events/{event}/staff")).await
}
pub async fn put_event_staff(event: i64, s: &shared::events::StaffInput) -> ApiResult<Vec<shared::events::Staff>> {
    post(&format!("/api/v1/events/{event}/staff"), s).await
}
pub async fn remove_event_staff(event: i64, user: i64) -> ApiResult<Vec<shared::events::Staff>> {
    delete(&format!("/api/v1/events/{event}/staff/{user}")).await
}
/// Withdraws an invitation to the staff not answered yet.
pub async fn withdraw_staff_invitation(event: i64, email: &str) -> ApiResult<Vec<shared::events::Staff>> {
    delete(&format!("/api/v1/events/{event}/staff-invitations{}", query(&[("email", Some(email.to_owned()))]))).await
}
/// Accepts (`true`) or declines the invitation to the event's staff.
pub async fn answer_staff(event: i64, accept: bool) -> ApiResult<shared::events::Event> {
    post(&format!("/api/v1/events/{event}/staff/{}", if accept { "accept" } else { "decline" }), &()).await
}
pub async fn event_report(event: i64) -> ApiResult<shared::events::EventReport> {
    get(&format!("/api/v1/events/{event}/report")).await
}
pub async fn event_questions(event: i64) -> ApiResult<Vec<shared::events::Question>> {
    get(&format!("/api/v1/events/{event}/questions")).await
}
pub async fn add_event_question(
    event: i64,
    q: &shared::events::QuestionInput,
) -> ApiResult<Vec<shared::events::Question>> {
    post(&format!("/api/v1/events/{event}/questions"), q).await
}
pub async fn delete_event_question(event: i64, question: i64) -> ApiResult<Vec<shared::events::Question>> {
    delete(&format!("/api/v1/events/{event}/questions/{question}")).await
}
pub async fn event_messages(event: i64) -> ApiResult<Vec<shared::events::EventMessage>> {
    get(&format!("/api/v1/events/{event}/messages")).await
}
pub async fn send_event_message(
    event: i64,
    m: &shared::events::EventMessageInput,
) -> ApiResult<shared::events::EventMessage> {
    post(&format!("/api/v1/events/{event}/messages"), m).await
}
pub async fn preview_event_message(
    event: i64,
    m: &shared::events::EventMessageInput,
) -> ApiResult<shared::events::MessagePreview> {
    post(&format!("/api/v1/events/{event}/messages/preview"), m).await
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
    get(&format!("/api/v1/events/{event}/registrants{qs}")).await
}
pub async fn bulk_registrations(
    event: i64,
    req: &shared::events::BulkRequest,
) -> ApiResult<Vec<shared::events::Registration>> {
    post(&format!("/api/v1/events/{event}/registrations/bulk"), req).await
}
pub async fn event_invitations(event: i64) -> ApiResult<Vec<shared::events::Invitation>> {
    get(&format!("/api/v1/events/{event}/invitations")).await
}
pub async fn add_event_invitation(
    event: i64,
    i: &shared::events::InvitationInput,
) -> ApiResult<Vec<shared::events::Invitation>> {
    post(&format!("/api/v1/events/{event}/invitations"), i).await
}
pub async fn event_badges(event: i64) -> ApiResult<Vec<shared::events::Badge>> {
    get(&format!("/api/v1/events/{event}/badges")).await
}
pub async fn sessions(event: i64) -> ApiResult<Vec<shared::agenda::Session>> {
    get(&routes::event_sessions(event)).await
}
pub async fn add_session(event: i64, s: &shared::agenda::SessionInput) -> ApiResult<Vec<shared::agenda::Session>> {
    post(&format!("/api/v1/events/{event}/sessions"), s).await
}
pub async fn delete_session(event: i64, session: i64) -> ApiResult<Vec<shared::agenda::Session>> {
    delete(&format!("/api/v1/events/{event}/sessions/{session}")).await
}
/// Accepts (`true`) or declines the invitation to speak in a session.
pub async fn answer_speaker(session: i64, accept: bool) -> ApiResult<Vec<shared::agenda::Session>> {
    post(&format!("/api/v1/sessions/{session}/speaker/{}", if accept { "accept" } else { "decline" }), &()).await
}
pub async fn join_session(session: i64) -> ApiResult<Vec<shared::agenda::Session>> {
    post(&format!("/api/v1/sessions/{session}/seat"), &()).await
}
pub async fn leave_session(session: i64) -> ApiResult<Vec<shared::agenda::Session>> {
    delete(&format!("/api/v1/sessions/{session}/seat")).await
}
pub async fn meetings(event: i64) -> ApiResult<shared::meetings::Overview> {
    get(&format!("/api/v1/events/{event}/meetings")).await
}
pub async fn meeting_setup(event: i64, s: &shared::meetings::SetupInput) -> ApiResult<shared::meetings::Overview> {
    put(&format!("/api/v1/events/{event}/meetings/setup"), s).await
}
pub async fn meeting_availability(event: i64, slots: Vec<i64>) -> ApiResult<shared::meetings::Overview> {
    put(&format!("/api/v1/events/{event}/meetings/availability"), &shared::meetings::AvailabilityInput { slots }).await
}
pub async fn meeting_attendees(event: i64) -> ApiResult<Vec<shared::meetings::Counterpart>> {
    get(&format!("/api/v1/events/{event}/meetings/attendees")).await
}
pub async fn meeting_request(
    event: i64,
    r: &shared::meetings::RequestInput,
) -> ApiResult<shared::meetings::MeetingRequest> {
    post(&format!("/api/v1/events/{event}/meetings/requests"), r).await
}
/// `accept`, `decline` or `cancel`.
pub async fn meeting_request_action(id: i64, action: &str) -> ApiResult<shared::meetings::MeetingRequest> {
    post(&format!("/api/v1/meeting-requests/{id}/{action}"), &()).await
}
pub async fn run_meeting_schedule(event: i64) -> ApiResult<shared::meetings::ScheduleReport> {
    post(&format!("/api/v1/events/{event}/meetings/schedule"), &()).await
}
pub async fn meeting_plan(event: i64) -> ApiResult<Vec<shared::meetings::PlannedMeeting>> {
    get(&format!("/api/v1/events/{event}/meetings/plan")).await
}
pub async fn my_expert() -> ApiResult<shared::experts::Expert> {
    get("/api/v1/experts/me").await
}
pub async fn put_my_expert(input: &shared::experts::ExpertInput) -> ApiResult<shared::experts::Expert> {
    put("/api/v1/experts/me", input).await
}
pub async fn experts(q: &shared::experts::ExpertQuery) -> ApiResult<Vec<shared::experts::PoolExpert>> {
    let path = format!(
        "/api/v1/experts{}",
        query(&[("q", q.q.clone()), ("domain", q.domain.clone()), ("kind", q.kind.map(|k| k.as_str().to_owned()))])
    );
    get(&path).await
}
pub async fn expert_queue() -> ApiResult<Vec<shared::experts::Expert>> {
    get("/api/v1/admin/experts").await
}
/// Approve (no reason) or reject (with the reason).
pub async fn review_expert(id: i64, reject: Option<String>) -> ApiResult<shared::experts::Expert> {
    match reject {
        None => post(&format!("/api/v1/admin/experts/{id}/approve"), &()).await,
        Some(reason) => {
            post(&format!("/api/v1/admin/experts/{id}/reject"), &shared::experts::RejectExpert { reason }).await
        }
    }
}

// ---- competitions and judging ----

pub async fn competitions(q: Option<&str>, page: u32) -> ApiResult<Page<comp::Competition>> {
    get(&routes::competitions(q, page)).await
}
pub async fn competition(id: i64) -> ApiResult<comp::Competition> {
    get(&format!("/api/v1/competitions/{id}")).await
}
pub async fn create_competition(input: &comp::CompetitionInput) -> ApiResult<comp::Competition> {
    post("/api/v1/competitions", input).await
}
pub async fn update_competition(id: i64, input: &comp::CompetitionInput) -> ApiResult<comp::Competition> {
    put(&format!("/api/v1/competitions/{id}"), input).await
}
/// Opens a draft competition to the public.
pub async fn open_competition(id: i64) -> ApiResult<comp::Competition> {
    post(&format!("/api/v1/competitions/{id}/open"), &()).await
}
/// Joins (`true`) or declines the team the caller was invited to.
pub async fn answer_team(team: i64, join: bool) -> ApiResult<comp::Team> {
    post(&format!("/api/v1/teams/{team}/{}", if join { "join" } else { "decline" }), &()).await
}
pub async fn leave_team(team: i64) -> ApiResult<()> {
    post(&format!("/api/v1/teams/{team}/leave"), &()).await
}
pub async fn hand_over_team(team: i64, email: String) -> ApiResult<comp::Team> {
    post(&format!("/api/v1/teams/{team}/leader"), &comp::TeamPerson { email }).await
}
pub async fn invite_team_member(team: i64, email: String) -> ApiResult<comp::Team> {
    post(&format!("/api/v1/teams/{team}/members"), &comp::TeamPerson { email }).await
}
/// The panels the caller was invited to judge.
pub async fn panel_invitations() -> ApiResult<Vec<comp::PanelInvitation>> {
    get("/api/v1/judging/invitations").await
}
/// Accepts (`true`) or declines the invitation to a stage's panel.
pub async fn answer_panel(stage: i64, accept: bool) -> ApiResult<Vec<comp::PanelInvitation>> {
    post(&format!("/api/v1/stages/{stage}/panel/{}", if accept { "accept" } else { "decline" }), &()).await
}
pub async fn teams(competition: i64) -> ApiResult<Vec<comp::Team>> {
    get(&format!("/api/v1/competitions/{competition}/teams")).await
}
pub async fn register_team(competition: i64, input: &comp::TeamInput) -> ApiResult<comp::Team> {
    post(&format!("/api/v1/competitions/{competition}/teams"), input).await
}
pub async fn submit_entry(team: i64, stage: i64, input: &comp::SubmissionInput) -> ApiResult<comp::Submission> {
    put(&format!("/api/v1/teams/{team}/stages/{stage}/submission"), input).await
}
pub async fn upload_plan(team: i64, stage: i64, file: web_sys::File) -> ApiResult<comp::Submission> {
    let path = format!("/api/v1/teams/{team}/stages/{stage}/plan{}", query(&[("name", Some(file.name()))]));
    send_file(Method::POST, &path, file).await
}
pub async fn submission_versions(team: i64, stage: i64) -> ApiResult<Vec<comp::Submission>> {
    get(&format!("/api/v1/teams/{team}/stages/{stage}/submissions")).await
}
pub async fn set_panel(stage: i64, experts: Vec<i64>) -> ApiResult<comp::StageAssignment> {
    put(&format!("/api/v1/stages/{stage}/panel"), &comp::PanelInput { experts }).await
}
pub async fn stage_assignment(stage: i64) -> ApiResult<comp::StageAssignment> {
    get(&format!("/api/v1/stages/{stage}/assignment")).await
}
pub async fn assign_judges(stage: i64) -> ApiResult<comp::StageAssignment> {
    post(&format!("/api/v1/stages/{stage}/assignment"), &()).await
}
pub async fn set_entry_judges(stage: i64, team: i64, judges: Vec<i64>) -> ApiResult<comp::StageAssignment> {
    put(&format!("/api/v1/stages/{stage}/assignment/{team}"), &comp::EntryJudges { judges }).await
}
pub async fn release_stage(stage: i64) -> ApiResult<comp::StageAssignment> {
    post(&format!("/api/v1/stages/{stage}/release"), &()).await
}
pub async fn stage_results(stage: i64) -> ApiResult<comp::StageResults> {
    get(&format!("/api/v1/stages/{stage}/results")).await
}
pub async fn close_stage(stage: i64) -> ApiResult<comp::StageResults> {
    post(&format!("/api/v1/stages/{stage}/close"), &()).await
}
pub async fn publish_results(competition: i64, rationale: String) -> ApiResult<Notice> {
    post(&format!("/api/v1/competitions/{competition}/publish"), &comp::PublishResults { rationale }).await
}
pub async fn competition_audit(competition: i64) -> ApiResult<Vec<comp::AuditEntry>> {
    get(&format!("/api/v1/competitions/{competition}/audit")).await
}
pub async fn judging() -> ApiResult<Vec<comp::JudgingEntry>> {
    get("/api/v1/judging").await
}
pub async fn judging_entry(stage: i64, team: i64) -> ApiResult<comp::JudgingEntry> {
    get(&format!("/api/v1/judging/{stage}/{team}")).await
}
pub async fn score_entry(stage: i64, team: i64, s: &comp::ScoreInput) -> ApiResult<comp::JudgingEntry> {
    put(&format!("/api/v1/judging/{stage}/{team}"), s).await
}
pub async fn certificate(team: i64) -> ApiResult<comp::Certificate> {
    get(&format!("/api/v1/teams/{team}/certificate")).await
}
pub async fn consultants(demand: i64) -> ApiResult<Vec<shared::experts::Consultant>> {
    get(&format!("/api/v1/demands/{demand}/experts")).await
}
pub async fn invite_consultant(demand: i64, expert: i64) -> ApiResult<()> {
    post(&format!("/api/v1/demands/{demand}/experts/{expert}/invite"), &()).await
}
pub async fn audit_log(page: u32, action: &str) -> ApiResult<Page<shared::audit::AuditRecord>> {
    let action = Some(action.to_owned()).filter(|a| !a.is_empty());
    get(&format!("/api/v1/admin/audit{}", query(&[("page", Some(page.to_string())), ("action", action)]))).await
}
pub async fn verify_audit() -> ApiResult<shared::audit::AuditVerification> {
    get("/api/v1/admin/audit/verify").await
}
pub async fn admin_users(q: &str, page: u32) -> ApiResult<Page<shared::accounts::UserAdminView>> {
    let q = Some(q.trim().to_owned()).filter(|q| !q.is_empty());
    get(&format!("/api/v1/admin/users{}", query(&[("q", q), ("page", Some(page.to_string()))]))).await
}
/// `action`: `disable`, `enable` or `sessions/reset`.
pub async fn admin_user_action(id: i64, action: &str) -> ApiResult<shared::accounts::UserAdminView> {
    post(&format!("/api/v1/admin/users/{id}/{action}"), &()).await
}
pub async fn dashboard_targets() -> ApiResult<Vec<shared::dashboard::TargetView>> {
    get(routes::DASHBOARD_TARGETS).await
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
    put(&format!("/api/v1/admin/targets/{code}"), input).await
}
pub async fn matching_weights() -> ApiResult<shared::matching::Weights> {
    get("/api/v1/admin/matching/weights").await
}
pub async fn set_matching_weights(w: &shared::matching::Weights) -> ApiResult<shared::matching::Weights> {
    put("/api/v1/admin/matching/weights", w).await
}
pub async fn notices_under_review() -> ApiResult<Page<Notice>> {
    get("/api/v1/notices?status=under_review&per_page=50").await
}
pub async fn delete_me(req: &shared::accounts::DeleteAccountRequest) -> ApiResult<()> {
    request(Method::DELETE, routes::ME, Some(req)).await
}
pub async fn retention() -> ApiResult<shared::privacy::Retention> {
    get("/api/v1/admin/retention").await
}
pub async fn set_retention(r: &shared::privacy::RetentionInput) -> ApiResult<shared::privacy::Retention> {
    put("/api/v1/admin/retention", r).await
}
pub async fn apply_retention() -> ApiResult<shared::privacy::RetentionReport> {
    post("/api/v1/admin/retention/apply", &()).await
}
