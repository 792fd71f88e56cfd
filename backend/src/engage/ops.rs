//! Engagement operations: send, answer and withdraw requests, move deals on, converse, attach files,
//! block and report — each in one transaction, permissions from [`super::policy`].
//!
//! This file is long because every engagement transition shares one opening (load, party, lock);
//! split into requests, deals and the conversation when it next grows.

use crate::db::{Conn, Row};
use shared::ErrorCode;
use shared::engage::{
    self, Attachment, Decline, Engagement, EngagementQuery, EngagementStatus, EngagementSummary, Message,
    NewEngagement, NewMessage, NewReport, OrgRef, ReadUpTo, Report, StageChange,
};
use shared::market::PostingStatus;
use shared::page::{Page, PageQuery};
use shared::validate::{self, FieldError};
use time::Duration;

use super::policy::{self, Party};
use super::store;
use crate::AppState;
use crate::accounts::SessionUser;
use crate::db::now;
use crate::error::{AppError, AppResult};
use crate::facts::{Fact, Write};
use crate::notify::ops::{self as notify, Note};
use shared::notify::NotificationKind;

/// Tells the members of one side of engagement `id` what happened: the receiving organization when
/// `to_receiver`, else the sender; the notification names the other side and the posting.
async fn tell(
    db: &mut Conn,
    state: &AppState,
    id: i64,
    to_receiver: bool,
    skip: Option<i64>,
    note: impl FnOnce(Note) -> Note,
    kind: NotificationKind,
) -> AppResult<()> {
    let Some((fzh, fen, tzh, ten, title, title_en)) = store::names(db, id).await? else { return Ok(()) };
    let row = store::row(db, id).await?.ok_or(AppError::NotFound)?;
    let (org, (other_zh, other_en)) = if to_receiver { (row.to_org, (fzh, fen)) } else { (row.from_org, (tzh, ten)) };
    let base = Note::new(kind, format!("/engagements/{id}")).name("org", &other_zh, other_en.as_deref()).name(
        "title",
        &title,
        title_en.as_deref(),
    );
    notify::to_orgs(db, state, &[org], skip, note(base)).await?;
    Ok(())
}

/// The engagement and the caller's relation to it; 404 for whoever may not see it.
async fn load(db: &mut Conn, id: i64, user: &SessionUser) -> AppResult<(store::Row, Party, Vec<i64>)> {
    let row = store::row(db, id).await?.ok_or(AppError::NotFound)?;
    let orgs = crate::orgs::ids_of(db, user.id).await?;
    let party =
        Party { sender: orgs.contains(&row.from_org), receiver: orgs.contains(&row.to_org), admin: user.is_admin };
    if !party.may_see() {
        return Err(AppError::NotFound);
    }
    Ok((row, party, orgs))
}

/// The caller's organization on its side of the engagement.
fn own_org(row: &store::Row, party: Party) -> i64 {
    if party.sender { row.from_org } else { row.to_org }
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn create(state: &AppState, user: &SessionUser, req: NewEngagement) -> AppResult<EngagementSummary> {
    user.require_verified()?;
    let message = req.parse()?;
    let at = now();
    let mut tx = Write::begin(state).await?;
    // The daily request limit counts what the sending organization sent.
    crate::db::lock(&mut tx, Row::Organization, &[req.from_org]).await?;
    let one = Outgoing {
        from_org: req.from_org,
        posting_id: req.posting_id,
        source_id: req.source_id,
        proposal: req.proposal,
    };
    let id = send(&mut tx, state, user, &one, &message, at).await?;
    let summary = store::summary_of(&mut tx, id, user.id, &[req.from_org]).await?.ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(summary)
}

/// One request to send.
struct Outgoing {
    from_org: i64,
    posting_id: i64,
    source_id: Option<i64>,
    proposal: engage::Proposal,
}

/// Sends one request inside `tx` (the sending organization locked): every rule — a published
/// posting, a verified member of the sender, not its own, not blocked, under the daily limit, not
/// already open — then the record and the receivers' notification.
async fn send(
    tx: &mut Write<'_>,
    state: &AppState,
    user: &SessionUser,
    req: &Outgoing,
    message: &str,
    at: time::OffsetDateTime,
) -> AppResult<i64> {
    let posting = crate::market::posting(tx, req.posting_id).await?.ok_or(AppError::NotFound)?;
    if posting.status() != PostingStatus::Published {
        return Err(AppError::NotFound);
    }
    let org = crate::orgs::get(tx, req.from_org, false, None).await?.ok_or(AppError::NotFound)?;
    if crate::orgs::role_of(tx, org.id, user.id).await?.is_none() {
        return Err(AppError::Forbidden);
    }
    if !org.verified {
        return Err(AppError::Refused(ErrorCode::NotVerified));
    }
    if posting.org_id == org.id {
        return Err(AppError::Refused(ErrorCode::OwnPosting));
    }
    if let Some(source) = req.source_id {
        let own = crate::market::posting(tx, source).await?;
        if own.is_none_or(|p| p.org_id != org.id) {
            return Err(AppError::field("source_id", FieldError::Invalid));
        }
    }
    if store::is_blocked(tx, posting.org_id, org.id).await? {
        return Err(AppError::Refused(ErrorCode::Blocked));
    }
    let limit = i64::from(state.config.daily_request_limit);
    if store::sent_since(tx, org.id, at - Duration::days(1)).await? >= limit {
        return Err(AppError::Refused(ErrorCode::RequestLimit));
    }
    // Checked before inserting: a unique violation would end a PostgreSQL transaction, and a
    // bundle's other requests go on in it.
    if store::open_exists(tx, org.id, posting.id).await? {
        return Err(AppError::Refused(ErrorCode::AlreadyRequested));
    }
    let new = store::NewRow {
        from_org: org.id,
        to_org: posting.org_id,
        posting_id: posting.id,
        source_id: req.source_id,
        proposal: req.proposal,
        message,
        user: user.id,
        now: at,
        expires_at: at + Duration::days(i64::from(state.config.request_expiry_days)),
    };
    let id = match store::insert(tx, &new).await {
        Err(e) if crate::db::is_unique_violation(&e) => return Err(AppError::Refused(ErrorCode::AlreadyRequested)),
        other => other?,
    };
    store::record(tx, id, "requested", Some(org.id), Some(user.id), None, at).await?;
    tell(tx, state, id, true, Some(user.id), |n| n, NotificationKind::RequestReceived).await?;
    tx.raise(Fact::EngagementRequested(id)).await?;
    Ok(id)
}

/// The demand's owner asks the three parties of a bundle at once, all in one transaction: each
/// part must be of its kind; a party already asked (an open request exists) is left as it is and
/// reported; any other refusal sends nothing.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn request_bundle(
    state: &AppState,
    user: &SessionUser,
    req: engage::BundleRequest,
) -> AppResult<engage::BundleRequestResult> {
    use shared::market::PostingKind;
    user.require_verified()?;
    let message = req.parse()?;
    let at = now();
    let mut db = state.db.acquire().await?;
    let demand = crate::market::posting(&mut db, req.demand_id).await?;
    // Bundles are proposed for published demands only.
    let demand = demand
        .filter(|d| d.kind() == Some(PostingKind::Demand) && d.status() == PostingStatus::Published)
        .ok_or(AppError::NotFound)?;
    drop(db);
    let mut tx = Write::begin(state).await?;
    crate::db::lock(&mut tx, Row::Organization, &[demand.org_id]).await?;
    if crate::orgs::role_of(&mut tx, demand.org_id, user.id).await?.is_none() {
        return Err(AppError::Forbidden);
    }
    let kinds = [PostingKind::Capability, PostingKind::Scenario, PostingKind::Mandate];
    let mut wrong = shared::error::FieldErrors::new();
    for ((field, id, _), kind) in req.parts().into_iter().zip(kinds) {
        let row = crate::market::posting(&mut tx, id).await?;
        if row.is_none_or(|r| r.kind() != Some(kind)) {
            wrong.add(field, FieldError::Invalid);
        }
    }
    wrong.into_result()?;
    let (mut sent, mut already) = (vec![], vec![]);
    for (_, posting_id, proposal) in req.parts() {
        let one = Outgoing { from_org: demand.org_id, posting_id, source_id: Some(demand.id), proposal };
        // `send` finds an open request before inserting, so the transaction goes on.
        match send(&mut tx, state, user, &one, &message, at).await {
            Err(AppError::Refused(ErrorCode::AlreadyRequested)) => already.push(posting_id),
            other => sent.push(other?),
        }
    }
    let mut summaries = vec![];
    for id in sent {
        summaries.push(store::summary_of(&mut tx, id, user.id, &[demand.org_id]).await?.ok_or(AppError::NotFound)?);
    }
    tx.commit().await?;
    Ok(engage::BundleRequestResult { sent: summaries, already })
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn get(state: &AppState, user: &SessionUser, id: i64) -> AppResult<Engagement> {
    let mut db = state.db.acquire().await?;
    let (row, _, orgs) = load(&mut db, id, user).await?;
    view(&mut db, &row, user, &orgs).await
}

async fn view(db: &mut Conn, row: &store::Row, user: &SessionUser, orgs: &[i64]) -> AppResult<Engagement> {
    let summary = store::summary_of(db, row.id, user.id, orgs).await?.ok_or(AppError::NotFound)?;
    let contacts = if policy::open(row.status()) { store::contacts(db, row).await? } else { vec![] };
    Ok(Engagement {
        summary,
        message: row.message.clone(),
        decline_reason: row.decline_reason.clone(),
        contract_value: row.contract_value.and_then(|v| u32::try_from(v).ok()),
        signed_on: row.signed_on,
        failure: row.failure.as_deref().and_then(engage::FailureReason::parse),
        failure_note: row.failure_note.clone(),
        contacts,
        history: store::events(db, row.id).await?,
    })
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn list(state: &AppState, user: &SessionUser, q: EngagementQuery) -> AppResult<Page<EngagementSummary>> {
    let (page, per_page, offset) = PageQuery { page: q.page, per_page: q.per_page }.resolve();
    let mut db = state.db.acquire().await?;
    let mine = crate::orgs::ids_of(&mut db, user.id).await?;
    let orgs = match q.org {
        Some(o) if mine.contains(&o) => vec![o],
        Some(_) => return Err(AppError::Forbidden),
        None => mine,
    };
    let filter = store::Filter { orgs: &orgs, side: q.side, status: q.status, stage: q.stage, user: user.id };
    let (items, total) = store::list(&mut db, &filter, per_page, offset).await?;
    Ok(Page { items, total, page, per_page })
}

/// Accept or decline (`decline` with its reason) a pending request, as the receiver.
async fn answer(state: &AppState, user: &SessionUser, id: i64, decline: Option<String>) -> AppResult<Engagement> {
    let at = now();
    let mut tx = Write::begin(state).await?;
    crate::db::lock(&mut tx, Row::Engagement, &[id]).await?;
    let (row, party, orgs) = load(&mut tx, id, user).await?;
    if !party.may_answer() {
        return Err(AppError::Forbidden);
    }
    if row.status() != EngagementStatus::Pending {
        return Err(AppError::invalid_transition());
    }
    if row.expires_at <= at {
        store::set_status(&mut tx, id, EngagementStatus::Expired, None, at).await?;
        store::record(&mut tx, id, "expired", None, None, None, at).await?;
        tx.commit().await?;
        return Err(AppError::Refused(ErrorCode::RequestExpired));
    }
    let (status, action) = match decline {
        None => (EngagementStatus::Accepted, "accepted"),
        Some(_) => (EngagementStatus::Declined, "declined"),
    };
    store::set_status(&mut tx, id, status, decline.as_deref(), at).await?;
    store::record(&mut tx, id, action, Some(row.to_org), Some(user.id), decline.as_deref(), at).await?;
    let kind = if decline.is_some() { NotificationKind::RequestDeclined } else { NotificationKind::RequestAccepted };
    tell(&mut tx, state, id, false, Some(user.id), |n| n, kind).await?;
    if status == EngagementStatus::Accepted {
        tx.raise(Fact::EngagementAccepted(id)).await?;
    }
    let row = store::row(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let out = view(&mut tx, &row, user, &orgs).await?;
    tx.commit().await?;
    Ok(out)
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn accept(state: &AppState, user: &SessionUser, id: i64) -> AppResult<Engagement> {
    answer(state, user, id, None).await
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn decline(state: &AppState, user: &SessionUser, id: i64, d: Decline) -> AppResult<Engagement> {
    let reason = validate::required_text(&d.reason, engage::MESSAGE_MAX).map_err(|e| AppError::field("reason", e))?;
    answer(state, user, id, Some(reason)).await
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn withdraw(state: &AppState, user: &SessionUser, id: i64) -> AppResult<Engagement> {
    let at = now();
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::Engagement, &[id]).await?;
    let (row, party, orgs) = load(&mut tx, id, user).await?;
    if !party.may_withdraw() {
        return Err(AppError::Forbidden);
    }
    if row.status() != EngagementStatus::Pending {
        return Err(AppError::invalid_transition());
    }
    store::set_status(&mut tx, id, EngagementStatus::Withdrawn, None, at).await?;
    store::record(&mut tx, id, "withdrawn", Some(row.from_org), Some(user.id), None, at).await?;
    let row = store::row(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let out = view(&mut tx, &row, user, &orgs).await?;
    tx.commit().await?;
    Ok(out)
}

/// Moves an accepted engagement's deal on; signed, completed and failed deals teach the matching engine.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn stage(state: &AppState, user: &SessionUser, id: i64, change: StageChange) -> AppResult<Engagement> {
    let at = now();
    let parsed = change.parse(at.date())?;
    let mut tx = Write::begin(state).await?;
    crate::db::lock(&mut tx, Row::Engagement, &[id]).await?;
    let (row, party, orgs) = load(&mut tx, id, user).await?;
    if !party.may_act() {
        return Err(AppError::Forbidden);
    }
    let Some(from) = row.stage().filter(|_| row.status() == EngagementStatus::Accepted) else {
        return Err(AppError::invalid_transition());
    };
    if !engage::stage_allowed(from, parsed.stage) {
        return Err(AppError::invalid_transition());
    }
    store::set_stage(&mut tx, id, &parsed, at).await?;
    let signed = |s: shared::engage::DealStage| {
        matches!(s, shared::engage::DealStage::Signed | shared::engage::DealStage::Completed)
    };
    if signed(parsed.stage) && !signed(from) {
        tx.raise(Fact::DealSigned(id)).await?;
    }
    let note = match (parsed.failure, parsed.note.as_deref()) {
        (Some(f), Some(n)) => Some(format!("{}: {n}", f.as_str())),
        (Some(f), None) => Some(f.as_str().to_owned()),
        (None, n) => n.map(str::to_owned),
    };
    store::record(&mut tx, id, parsed.stage.as_str(), Some(own_org(&row, party)), Some(user.id), note.as_deref(), at)
        .await?;
    let stage_code = parsed.stage.as_str();
    tell(
        &mut tx,
        state,
        id,
        party.sender,
        Some(user.id),
        |n| n.param("stage", stage_code),
        NotificationKind::StageChanged,
    )
    .await?;
    let updated = store::row(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let out = view(&mut tx, &updated, user, &orgs).await?;
    tx.raise(Fact::DealStage {
        from_org: row.from_org,
        to_org: row.to_org,
        stage: parsed.stage,
        failure: parsed.failure,
    })
    .await?;
    tx.commit().await?;
    Ok(out)
}

/// The conversation, for the two sides once accepted (and admins). Reading changes nothing: the
/// reader marks what they saw with [`read_up_to`].
#[tracing::instrument(level = "debug", skip_all)]
pub async fn messages(state: &AppState, user: &SessionUser, id: i64) -> AppResult<Vec<Message>> {
    let mut db = state.db.acquire().await?;
    let (row, _, _) = load(&mut db, id, user).await?;
    if !policy::open(row.status()) {
        return Err(AppError::invalid_transition());
    }
    Ok(store::messages(&mut db, id).await?)
}

/// Marks the conversation read up to message `up_to` (one of its own) for the caller.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn read_up_to(state: &AppState, user: &SessionUser, id: i64, read: ReadUpTo) -> AppResult<()> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    let (row, _, _) = load(&mut tx, id, user).await?;
    if !policy::open(row.status()) {
        return Err(AppError::invalid_transition());
    }
    if !store::messages(&mut tx, id).await?.iter().any(|m| m.id == read.up_to) {
        return Err(AppError::field("up_to", FieldError::Invalid));
    }
    store::mark_read(&mut tx, id, user.id, read.up_to).await?;
    tx.commit().await?;
    Ok(())
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn post_message(state: &AppState, user: &SessionUser, id: i64, m: NewMessage) -> AppResult<Message> {
    let body = m.parse()?;
    let at = now();
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::Engagement, &[id]).await?;
    let (row, party, _) = load(&mut tx, id, user).await?;
    if !party.may_act() {
        return Err(AppError::Forbidden);
    }
    if !policy::open(row.status()) {
        return Err(AppError::invalid_transition());
    }
    let message = store::insert_message(&mut tx, id, own_org(&row, party), user.id, &body, at).await?;
    let linked = store::attach(&mut tx, id, user.id, message, &m.attachments).await?;
    if linked != m.attachments.len() as u64 {
        return Err(AppError::field("attachments", FieldError::Invalid));
    }
    store::mark_read(&mut tx, id, user.id, message).await?;
    tell(&mut tx, state, id, party.sender, Some(user.id), |n| n, NotificationKind::NewMessage).await?;
    let sent = store::messages(&mut tx, id).await?.into_iter().find(|x| x.id == message).ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(sent)
}

/// Stores an upload for a later message: type checked by content, named by its checksum.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn upload(state: &AppState, user: &SessionUser, id: i64, name: &str, bytes: &[u8]) -> AppResult<Attachment> {
    {
        let mut db = state.db.acquire().await?;
        let (row, party, _) = load(&mut db, id, user).await?;
        if !party.may_act() {
            return Err(AppError::Forbidden);
        }
        if !policy::open(row.status()) {
            return Err(AppError::invalid_transition());
        }
    }
    let (mime, sha256) = crate::files::save(state, bytes).await?;
    let name = engage::clean_file_name(name);
    let mut db = state.db.acquire().await?;
    let file = store::NewFile {
        engagement: id,
        user: user.id,
        name: &name,
        mime,
        size: bytes.len() as i64,
        sha256: &sha256,
        now: now(),
    };
    let aid = store::insert_attachment(&mut db, &file).await?;
    Ok(Attachment { id: aid, name, mime: mime.into(), size: bytes.len() as u64, sha256 })
}

/// An attachment's bytes, for the two sides and admins; checked against its checksum.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn download(state: &AppState, user: &SessionUser, id: i64) -> AppResult<(Attachment, Vec<u8>)> {
    let mut db = state.db.acquire().await?;
    let store::StoredAttachment { engagement, uploaded_by: by, file } =
        store::attachment(&mut db, id).await?.ok_or(AppError::NotFound)?;
    let (_, party, _) = load(&mut db, engagement, user).await?;
    // Not sent yet: only its uploader sees it.
    let sent = store::messages(&mut db, engagement).await?.iter().any(|m| m.attachments.iter().any(|a| a.id == id));
    if !sent && by != Some(user.id) && !party.admin {
        return Err(AppError::NotFound);
    }
    drop(db);
    let bytes = crate::files::read(state, &file.sha256).await?;
    Ok((file, bytes))
}

/// The caller must be an owner or member of `org`.
async fn member_of(db: &mut Conn, org: i64, user: &SessionUser) -> AppResult<()> {
    if !crate::orgs::exists(db, org).await? {
        return Err(AppError::NotFound);
    }
    match crate::orgs::role_of(db, org, user.id).await? {
        Some(_) => Ok(()),
        None => Err(AppError::Forbidden),
    }
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn block(state: &AppState, user: &SessionUser, org: i64, blocked: i64) -> AppResult<Vec<OrgRef>> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    member_of(&mut tx, org, user).await?;
    if blocked == org {
        return Err(AppError::field("org_id", FieldError::Invalid));
    }
    if !crate::orgs::exists(&mut tx, blocked).await? {
        return Err(AppError::field("org_id", FieldError::Invalid));
    }
    store::block(&mut tx, org, blocked, user.id, now()).await?;
    let list = store::blocks(&mut tx, org).await?;
    tx.commit().await?;
    Ok(list)
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn unblock(state: &AppState, user: &SessionUser, org: i64, blocked: i64) -> AppResult<()> {
    let mut db = state.db.acquire().await?;
    member_of(&mut db, org, user).await?;
    if !store::unblock(&mut db, org, blocked).await? {
        return Err(AppError::NotFound);
    }
    Ok(())
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn blocks(state: &AppState, user: &SessionUser, org: i64) -> AppResult<Vec<OrgRef>> {
    let mut db = state.db.acquire().await?;
    member_of(&mut db, org, user).await?;
    Ok(store::blocks(&mut db, org).await?)
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn report(state: &AppState, user: &SessionUser, r: NewReport) -> AppResult<i64> {
    let reason = validate::required_text(&r.reason, engage::MESSAGE_MAX).map_err(|e| AppError::field("reason", e))?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    member_of(&mut tx, r.org_id, user).await?;
    if r.target_org == r.org_id || !crate::orgs::exists(&mut tx, r.target_org).await? {
        return Err(AppError::field("target_org", FieldError::Invalid));
    }
    if let Some(e) = r.engagement_id {
        let row = store::row(&mut tx, e).await?;
        let involves = row.is_some_and(|x| {
            [x.from_org, x.to_org].contains(&r.org_id) && [x.from_org, x.to_org].contains(&r.target_org)
        });
        if !involves {
            return Err(AppError::field("engagement_id", FieldError::Invalid));
        }
    }
    let new = store::NewReportRow {
        reporter: r.org_id,
        target: r.target_org,
        engagement: r.engagement_id,
        user: user.id,
        reason: &reason,
        now: now(),
    };
    let id = store::insert_report(&mut tx, &new).await?;
    tx.commit().await?;
    Ok(id)
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn reports(state: &AppState) -> AppResult<Vec<Report>> {
    let mut db = state.db.acquire().await?;
    Ok(store::reports(&mut db).await?)
}

/// Expires unanswered requests; returns (expired, reminded) ids. Run at start and every ten minutes.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn expire_due(state: &AppState) -> AppResult<(Vec<i64>, Vec<i64>)> {
    let at = now();
    let half = Duration::days(i64::from(state.config.request_expiry_days)) / 2;
    let mut tx = crate::db::begin_write(&state.db).await?;
    let expired = store::expire_due(&mut tx, at).await?;
    for id in &expired {
        store::record(&mut tx, *id, "expired", None, None, None, at).await?;
        tell(&mut tx, state, *id, false, None, |n| n, NotificationKind::RequestExpired).await?;
    }
    let reminded = store::remind_due(&mut tx, at + half, at).await?;
    for id in &reminded {
        store::record(&mut tx, *id, "reminded", None, None, None, at).await?;
        tell(&mut tx, state, *id, true, None, |n| n, NotificationKind::RequestReminder).await?;
    }
    tx.commit().await?;
    Ok((expired, reminded))
}
