//! Open-call operations: apply and revise until the deadline, shortlist, clarify, select and publish
//! the notice, file and answer objections, close windows, decide disputed results.

use crate::db::{Conn, Row};
use shared::ErrorCode;
use shared::engage::{Attachment, OrgRef, clean_file_name};
use shared::market::{OpenCall, PostingKind, PostingSpec, PostingStatus};
use shared::notify::NotificationKind;
use shared::opencall::{
    Application, ApplicationInput, ApplicationStatus, Notice, NoticeDecision, NoticeQuery, NoticeRank, NoticeStatus,
    Selection, Text, add_working_days, after_window, open_for_applications,
};
use shared::page::{Page, PageQuery};
use shared::validate::{self, FieldError};

use super::store::{self, NoticeRow, Texts};
use crate::AppState;
use crate::accounts::SessionUser;
use crate::db::now;
use crate::error::{AppError, AppResult};
use crate::market::PostingRow;
use crate::notify::ops::{self as notify, Note};

/// The published demand `id` and its open call; 404 when it is not one.
async fn call_of(db: &mut Conn, id: i64) -> AppResult<(PostingRow, OpenCall)> {
    let row = crate::market::posting(db, id).await?.ok_or(AppError::NotFound)?;
    if row.kind() != Some(PostingKind::Demand) {
        return Err(AppError::NotFound);
    }
    let spec: PostingSpec = serde_json::from_str(&row.spec).map_err(|e| AppError::Internal(e.into()))?;
    let PostingSpec::Demand(d) = spec else { return Err(AppError::NotFound) };
    let call = d.open_call.ok_or(AppError::NotFound)?;
    Ok((row, call))
}

async fn orgs_of(db: &mut Conn, user: &SessionUser) -> AppResult<Vec<i64>> {
    Ok(crate::orgs::ids_of(db, user.id).await?)
}

/// The application `app` of demand `demand`, with whether the caller applies with it (a member of
/// its organization) or owns the call; 404 for anyone else (admins read).
async fn application_for(
    db: &mut Conn,
    user: &SessionUser,
    demand: &PostingRow,
    app: i64,
) -> AppResult<(Application, bool, bool)> {
    let a = store::application(db, app).await?.filter(|a| a.demand_id == demand.id).ok_or(AppError::NotFound)?;
    let orgs = orgs_of(db, user).await?;
    let (applicant, owner) = (orgs.contains(&a.org.id), orgs.contains(&demand.org_id));
    if !applicant && !owner && !user.is_admin {
        return Err(AppError::NotFound);
    }
    Ok((a, applicant, owner))
}

fn deadline_passed() -> AppError {
    AppError::field("application_deadline", FieldError::DateInPast)
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn apply(
    state: &AppState,
    user: &SessionUser,
    demand: i64,
    input: ApplicationInput,
) -> AppResult<Application> {
    user.require_verified()?;
    let (solution, team, timeline) = input.parse()?;
    let at = now();
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::Posting, &[demand]).await?;
    let (row, call) = call_of(&mut tx, demand).await?;
    if row.status() != PostingStatus::Published {
        return Err(AppError::NotFound);
    }
    let org = crate::orgs::get(&mut tx, input.org_id, false, None).await?.ok_or(AppError::NotFound)?;
    if crate::orgs::role_of(&mut tx, org.id, user.id).await?.is_none() {
        return Err(AppError::Forbidden);
    }
    if !org.verified {
        return Err(AppError::Refused(ErrorCode::NotVerified));
    }
    if org.id == row.org_id {
        return Err(AppError::Refused(ErrorCode::OwnPosting));
    }
    if !open_for_applications(call.application_deadline, at.date()) {
        return Err(deadline_passed());
    }
    let texts = Texts { solution: &solution, team: &team, budget: input.budget, timeline: &timeline };
    let id = match store::insert(&mut tx, demand, org.id, &texts, user.id, at).await {
        Err(e) if crate::db::is_unique_violation(&e) => return Err(AppError::Refused(ErrorCode::Conflict)),
        other => other?,
    };
    let out = store::application(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(out)
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn revise(
    state: &AppState,
    user: &SessionUser,
    demand: i64,
    app: i64,
    input: ApplicationInput,
) -> AppResult<Application> {
    let (solution, team, timeline) = input.parse()?;
    let at = now();
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::Posting, &[demand]).await?;
    let (row, call) = call_of(&mut tx, demand).await?;
    let (a, applicant, _) = application_for(&mut tx, user, &row, app).await?;
    if !applicant {
        return Err(AppError::Forbidden);
    }
    if !open_for_applications(call.application_deadline, at.date()) {
        return Err(deadline_passed());
    }
    if !matches!(a.status, ApplicationStatus::Submitted | ApplicationStatus::Shortlisted) {
        return Err(AppError::invalid_transition());
    }
    let texts = Texts { solution: &solution, team: &team, budget: input.budget, timeline: &timeline };
    store::revise(&mut tx, app, &texts, at).await?;
    let out = store::application(&mut tx, app).await?.ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(out)
}

/// The call's owner sees every application; an applicant its own; others none (empty list).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn list(state: &AppState, user: &SessionUser, demand: i64) -> AppResult<Vec<Application>> {
    let mut db = state.db.acquire().await?;
    let (row, _) = call_of(&mut db, demand).await?;
    let orgs = orgs_of(&mut db, user).await?;
    let scope = (!orgs.contains(&row.org_id) && !user.is_admin).then_some(orgs.as_slice());
    Ok(store::applications(&mut db, demand, scope).await?)
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn shortlist(state: &AppState, user: &SessionUser, demand: i64, app: i64) -> AppResult<Application> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::Posting, &[demand]).await?;
    let (row, _) = call_of(&mut tx, demand).await?;
    let (a, _, owner) = application_for(&mut tx, user, &row, app).await?;
    if !owner {
        return Err(AppError::Forbidden);
    }
    if a.status != ApplicationStatus::Submitted || store::notice_of(&mut tx, demand).await?.is_some() {
        return Err(AppError::invalid_transition());
    }
    store::set_status(&mut tx, app, ApplicationStatus::Shortlisted, now()).await?;
    let out = store::application(&mut tx, app).await?.ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(out)
}

fn text(t: &Text, field: &str) -> AppResult<String> {
    validate::required_text(&t.text, shared::engage::MESSAGE_MAX).map_err(|e| AppError::field(field, e))
}

/// The owner asks the applicant to clarify.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn ask(state: &AppState, user: &SessionUser, demand: i64, app: i64, q: Text) -> AppResult<Application> {
    let question = text(&q, "text")?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::Posting, &[demand]).await?;
    let (row, _) = call_of(&mut tx, demand).await?;
    let (_, _, owner) = application_for(&mut tx, user, &row, app).await?;
    if !owner {
        return Err(AppError::Forbidden);
    }
    store::ask(&mut tx, app, &question, user.id, now()).await?;
    let out = store::application(&mut tx, app).await?.ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(out)
}

/// The applicant answers a clarification.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn answer(
    state: &AppState,
    user: &SessionUser,
    demand: i64,
    app: i64,
    question: i64,
    a: Text,
) -> AppResult<Application> {
    let reply = text(&a, "text")?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::Posting, &[demand]).await?;
    let (row, _) = call_of(&mut tx, demand).await?;
    let (_, applicant, _) = application_for(&mut tx, user, &row, app).await?;
    if !applicant {
        return Err(AppError::Forbidden);
    }
    if !store::answer(&mut tx, app, question, &reply, user.id, now()).await? {
        return Err(AppError::NotFound);
    }
    let out = store::application(&mut tx, app).await?.ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(out)
}

/// The applicant attaches a PDF or image until the deadline.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn upload(
    state: &AppState,
    user: &SessionUser,
    demand: i64,
    app: i64,
    name: &str,
    bytes: &[u8],
) -> AppResult<Attachment> {
    {
        let mut db = state.db.acquire().await?;
        let (row, call) = call_of(&mut db, demand).await?;
        let (_, applicant, _) = application_for(&mut db, user, &row, app).await?;
        if !applicant {
            return Err(AppError::Forbidden);
        }
        if !open_for_applications(call.application_deadline, now().date()) {
            return Err(deadline_passed());
        }
    }
    let (mime, sha256) = crate::files::save(state, bytes).await?;
    let name = clean_file_name(name);
    let mut db = state.db.acquire().await?;
    let meta = store::FileMeta { name: &name, mime, size: bytes.len() as i64, sha256: &sha256 };
    let id = store::insert_file(&mut db, app, user.id, &meta, now()).await?;
    Ok(Attachment { id, name, mime: mime.into(), size: bytes.len() as u64, sha256 })
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn download(state: &AppState, user: &SessionUser, id: i64) -> AppResult<(Attachment, Vec<u8>)> {
    let mut db = state.db.acquire().await?;
    let (app, file) = store::file(&mut db, id).await?.ok_or(AppError::NotFound)?;
    let a = store::application(&mut db, app).await?.ok_or(AppError::NotFound)?;
    let (row, _) = call_of(&mut db, a.demand_id).await?;
    application_for(&mut db, user, &row, app).await?;
    drop(db);
    let bytes = crate::files::read(state, &file.sha256).await?;
    Ok((file, bytes))
}

/// The owner selects the winners after the deadline and publishes the result as a notice.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn select(state: &AppState, user: &SessionUser, demand: i64, s: Selection) -> AppResult<Notice> {
    let rationale = validate::required_text(&s.rationale, shared::engage::MESSAGE_MAX)
        .map_err(|e| AppError::field("rationale", e))?;
    if s.winners.is_empty() {
        return Err(AppError::field("winners", FieldError::Required));
    }
    let at = now();
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::Posting, &[demand]).await?;
    let (row, call) = call_of(&mut tx, demand).await?;
    if !orgs_of(&mut tx, user).await?.contains(&row.org_id) {
        return Err(AppError::Forbidden);
    }
    if open_for_applications(call.application_deadline, at.date()) || store::notice_of(&mut tx, demand).await?.is_some()
    {
        return Err(AppError::invalid_transition());
    }
    let all = store::applications(&mut tx, demand, None).await?;
    if !s.winners.iter().all(|w| all.iter().any(|a| a.id == *w)) {
        return Err(AppError::field("winners", FieldError::Invalid));
    }
    for a in &all {
        let status =
            if s.winners.contains(&a.id) { ApplicationStatus::Selected } else { ApplicationStatus::NotSelected };
        store::set_status(&mut tx, a.id, status, at).await?;
    }
    let ends = add_working_days(at, state.config.notice_working_days);
    let id = store::insert_notice(&mut tx, demand, &rationale, user.id, at, ends, &s.winners).await?;
    store::record(&mut tx, id, "published", Some(user.id), None, at).await?;
    let applicants = store::applicant_orgs(&mut tx, demand).await?;
    let note = Note::new(NotificationKind::OpenCallResult, format!("/notices/{id}")).name(
        "title",
        &row.title_zh,
        row.title_en.as_deref(),
    );
    notify::to_orgs(&mut tx, state, &applicants, Some(user.id), note).await?;
    let n = store::notice(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let out = assemble(&mut tx, n).await?;
    tx.commit().await?;
    Ok(out)
}

/// What a notice announces: its title, the organization behind it and the result.
struct Subject {
    title_zh: String,
    title_en: Option<String>,
    owner: i64,
    reward: Option<u32>,
    ranking: Vec<NoticeRank>,
}

async fn subject(db: &mut Conn, n: &NoticeRow) -> AppResult<Subject> {
    if let Some(demand) = n.demand_id {
        let (row, call) = call_of(db, demand).await?;
        return Ok(Subject {
            title_zh: row.title_zh,
            title_en: row.title_en,
            owner: row.org_id,
            reward: Some(call.reward),
            ranking: vec![],
        });
    }
    let id = n.competition_id.ok_or(AppError::NotFound)?;
    let c = crate::competitions::competition(db, id).await?.ok_or(AppError::NotFound)?;
    Ok(Subject {
        title_zh: c.title_zh,
        title_en: c.title_en,
        owner: c.org_id,
        reward: None,
        ranking: crate::competitions::final_ranking(db, id).await?,
    })
}

async fn assemble(db: &mut Conn, n: NoticeRow) -> AppResult<Notice> {
    let s = subject(db, &n).await?;
    let owner = crate::orgs::summary(db, s.owner).await?.ok_or(AppError::NotFound)?;
    Ok(Notice {
        id: n.id,
        demand_id: n.demand_id,
        competition_id: n.competition_id,
        title_zh: s.title_zh,
        title_en: s.title_en,
        owner: OrgRef { id: owner.id, name_zh: owner.name_zh, name_en: owner.name_en },
        winners: store::winners(db, n.id).await?,
        ranking: s.ranking,
        rationale: n.rationale.clone(),
        reward: s.reward,
        status: n.status(),
        published_at: n.published_at,
        window_ends: n.window_ends,
        objections: store::objections(db, n.id).await?,
        history: store::history(db, n.id).await?,
        decision_note: n.decision_note.clone(),
    })
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn notices(state: &AppState, q: NoticeQuery) -> AppResult<Page<Notice>> {
    let (page, per_page, offset) = PageQuery { page: q.page, per_page: q.per_page }.resolve();
    let mut db = state.db.acquire().await?;
    let (rows, total) = store::notices(&mut db, q.status, per_page, offset).await?;
    let mut items = vec![];
    for n in rows {
        items.push(assemble(&mut db, n).await?);
    }
    Ok(Page { items, total, page, per_page })
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn notice(state: &AppState, id: i64) -> AppResult<Notice> {
    let mut db = state.db.acquire().await?;
    let n = store::notice(&mut db, id).await?.ok_or(AppError::NotFound)?;
    assemble(&mut db, n).await
}

/// Any signed-in user may object while the window is open.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn object(state: &AppState, user: &SessionUser, id: i64, t: Text) -> AppResult<Notice> {
    let grounds = text(&t, "text")?;
    let at = now();
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::Notice, &[id]).await?;
    let n = store::notice(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    if n.status() != NoticeStatus::Open || at >= n.window_ends {
        return Err(AppError::field("window_ends", FieldError::DateInPast));
    }
    store::object(&mut tx, id, user.id, &grounds, at).await?;
    store::record(&mut tx, id, "objection", None, None, at).await?;
    let subject = subject(&mut tx, &n).await?;
    let note = Note::new(NotificationKind::Objection, format!("/notices/{id}")).name(
        "title",
        &subject.title_zh,
        subject.title_en.as_deref(),
    );
    notify::to_orgs(&mut tx, state, &[subject.owner], Some(user.id), note).await?;
    let out = assemble(&mut tx, n).await?;
    tx.commit().await?;
    Ok(out)
}

/// The call's owner or a site admin answers an objection, once.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn answer_objection(
    state: &AppState,
    user: &SessionUser,
    id: i64,
    objection: i64,
    t: Text,
) -> AppResult<Notice> {
    let reply = text(&t, "text")?;
    let at = now();
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::Notice, &[id]).await?;
    let n = store::notice(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let owner = subject(&mut tx, &n).await?.owner;
    if !user.is_admin && !orgs_of(&mut tx, user).await?.contains(&owner) {
        return Err(AppError::Forbidden);
    }
    if !store::answer_objection(&mut tx, id, objection, &reply, user.id, at).await? {
        return Err(AppError::NotFound);
    }
    store::record(&mut tx, id, "answered", Some(user.id), None, at).await?;
    let out = assemble(&mut tx, n).await?;
    tx.commit().await?;
    Ok(out)
}

/// Closes the windows that ended: final without unanswered objections, else under review.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn close_windows(state: &AppState) -> AppResult<Vec<(i64, NoticeStatus)>> {
    let at = now();
    let mut tx = crate::db::begin_write(&state.db).await?;
    let due: Vec<i64> = store::windows_closed(&mut tx, at).await?.into_iter().map(|w| w.id).collect();
    crate::db::lock(&mut tx, Row::Notice, &due).await?;
    let mut out = vec![];
    for store::WindowClosed { id, unanswered } in store::windows_closed(&mut tx, at).await? {
        let status = after_window(usize::try_from(unanswered).unwrap_or(usize::MAX));
        store::set_notice_status(&mut tx, id, status, None).await?;
        store::record(&mut tx, id, status.as_str(), None, None, at).await?;
        competition_decision(&mut tx, id, None, status, None).await?;
        out.push((id, status));
    }
    tx.commit().await?;
    Ok(out)
}

/// A site admin decides a result whose window closed with objections unanswered.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn decide(state: &AppState, admin: &SessionUser, id: i64, d: NoticeDecision) -> AppResult<Notice> {
    let note = validate::required_text(&d.note, shared::engage::MESSAGE_MAX).map_err(|e| AppError::field("note", e))?;
    let at = now();
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::Notice, &[id]).await?;
    let n = store::notice(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    if n.status() != NoticeStatus::UnderReview {
        return Err(AppError::invalid_transition());
    }
    let status = if d.uphold { NoticeStatus::Final } else { NoticeStatus::Overturned };
    store::set_notice_status(&mut tx, id, status, Some(&note)).await?;
    store::record(&mut tx, id, status.as_str(), Some(admin.id), Some(&note), at).await?;
    competition_decision(&mut tx, id, Some(admin.id), status, Some(&note)).await?;
    crate::audit::record(
        &mut tx,
        Some(admin),
        "notice.decide",
        &format!("notice:{id}"),
        serde_json::json!({ "status": NoticeStatus::UnderReview.as_str() }),
        serde_json::json!({ "status": status.as_str(), "note": note }),
    )
    .await?;
    let n = store::notice(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let out = assemble(&mut tx, n).await?;
    tx.commit().await?;
    Ok(out)
}

/// A competition's results notice that changes status goes into the competition's audit log too.
async fn competition_decision(
    db: &mut Conn,
    notice: i64,
    by: Option<i64>,
    status: NoticeStatus,
    note: Option<&str>,
) -> AppResult<()> {
    let n = store::notice(db, notice).await?.ok_or(AppError::NotFound)?;
    if let Some(competition) = n.competition_id {
        let detail = serde_json::json!({ "notice": notice, "status": status.as_str(), "note": note });
        crate::competitions::audit(db, competition, by, "notice", &detail, now()).await?;
    }
    Ok(())
}
