//! The marketplace operations, written once for all four kinds: permission checks around the
//! shared lifecycle rules, store calls inside transactions.

use crate::db::{Conn, Row};
use crate::facts::{Fact, Write};
use crate::notify::ops::Note;
use shared::ErrorCode;
use shared::home::OpenCallCard;
use shared::market::{
    NewPosting, Posting, PostingAction, PostingInput, PostingKind, PostingQuery, PostingSpec, PostingStatus,
    Transition, next_status,
};
use shared::notify::NotificationKind;
use shared::orgs::OrgRole;
use shared::page::{Page, PageQuery};

use super::{list, store};
use crate::AppState;
use crate::accounts::SessionUser;
use crate::error::{AppError, AppResult};
use crate::taxonomy;

pub fn today() -> time::Date {
    crate::db::now().date()
}

/// The posting's row when it exists and is of `kind`.
async fn row_of(db: &mut Conn, kind: PostingKind, id: i64) -> AppResult<store::PostingRow> {
    match store::row(db, id).await? {
        Some(r) if r.kind() == Some(kind) => Ok(r),
        _ => Err(AppError::NotFound),
    }
}

/// The caller's role in the posting's organization.
async fn role(db: &mut Conn, org_id: i64, user: Option<&SessionUser>) -> AppResult<Option<OrgRole>> {
    Ok(match user {
        Some(u) => crate::orgs::role_of(db, org_id, u.id).await?,
        None => None,
    })
}

/// Whether the viewer may read details: members of any verified organization, the owners, admins.
async fn sees_details(db: &mut Conn, user: Option<&SessionUser>, mine: bool) -> AppResult<bool> {
    let Some(u) = user else { return Ok(false) };
    if mine || u.is_admin {
        return Ok(true);
    }
    Ok(crate::orgs::memberships(db, u.id).await?.iter().any(|m| m.verified))
}

/// The full posting as `user` may see it; 404 for unpublished postings of others.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn view(db: &mut Conn, kind: PostingKind, id: i64, user: Option<&SessionUser>) -> AppResult<Posting> {
    let row = row_of(db, kind, id).await?;
    let mine = role(db, row.org_id, user).await?.is_some();
    let admin = user.is_some_and(|u| u.is_admin);
    if row.status() != PostingStatus::Published && !mine && !admin {
        return Err(AppError::NotFound);
    }
    let details = sees_details(db, user, mine).await?;
    assemble(db, row, mine, admin, details).await
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn assemble(
    db: &mut Conn,
    row: store::PostingRow,
    mine: bool,
    admin: bool,
    details: bool,
) -> AppResult<Posting> {
    let org = crate::orgs::summary(db, row.org_id).await?.ok_or(AppError::NotFound)?;
    let (domains, keywords) = store::tags(db, row.id).await?;
    let spec = row.spec().map_err(|e| AppError::Internal(e.into()))?;
    let private = mine || admin;
    let pending = match (&row.pending, private) {
        (Some(json), true) => {
            Some(Box::new(serde_json::from_str::<PostingInput>(json).map_err(|e| AppError::Internal(e.into()))?))
        }
        _ => None,
    };
    let status = row.status();
    let history = if private { store::events(db, row.id).await? } else { vec![] };
    Ok(Posting {
        id: row.id,
        org,
        status,
        title_zh: row.title_zh,
        title_en: row.title_en,
        summary_zh: row.summary_zh,
        summary_en: row.summary_en,
        details_zh: if details { row.details_zh } else { None },
        details_en: if details { row.details_en } else { None },
        details_hidden: !details,
        domains,
        keywords,
        district: row.district,
        pilot_zone: row.pilot_zone,
        deadline: row.deadline,
        spec,
        reject_reason: if private { row.reject_reason } else { None },
        pending_revision: pending,
        mine,
        history,
        created_at: row.created_at,
        published_at: row.published_at,
    })
}

/// Creates a draft for one of the caller's organizations, if that kind of organization posts this kind.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn create(state: &AppState, user: &SessionUser, kind: PostingKind, req: NewPosting) -> AppResult<Posting> {
    if req.posting.spec.kind() != kind {
        return Err(AppError::field("kind", shared::validate::FieldError::Invalid));
    }
    let mut tx = crate::db::begin_write(&state.db).await?;
    let tax = taxonomy::load(&mut tx).await?;
    let draft = req.posting.parse(&tax, today())?;
    let org = crate::orgs::get(&mut tx, req.org_id, false, None).await?.ok_or(AppError::NotFound)?;
    if crate::orgs::role_of(&mut tx, org.id, user.id).await?.is_none() {
        return Err(AppError::Forbidden);
    }
    if !kind.allowed_for(org.kind) {
        return Err(AppError::Refused(ErrorCode::WrongOrgKind));
    }
    let id = store::insert(&mut tx, org.id, user.id, &draft).await?;
    tx.commit().await?;
    let mut db = state.db.acquire().await?;
    view(&mut db, kind, id, Some(user)).await
}

/// Writes an imported posting for `org_id` as a draft or, with `submit`, submitted for review
/// (the import checked the organization and the rows; the caller holds the transaction).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn insert_imported(
    db: &mut Conn,
    org_id: i64,
    actor: i64,
    draft: &shared::market::PostingDraft,
    submit: bool,
) -> AppResult<i64> {
    let id = store::insert(db, org_id, actor, draft).await?;
    if submit {
        let row = store::row(db, id).await?.ok_or(AppError::NotFound)?;
        store::set_status(db, &row, PostingAction::Submit, PostingStatus::Submitted, Some(actor), None).await?;
    }
    Ok(id)
}

/// Edits in place before publication; after it, keeps the edit for review and leaves the live version up.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn update(
    state: &AppState,
    user: &SessionUser,
    kind: PostingKind,
    id: i64,
    input: PostingInput,
) -> AppResult<Posting> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::Posting, &[id]).await?;
    let row = row_of(&mut tx, kind, id).await?;
    if role(&mut tx, row.org_id, Some(user)).await?.is_none() {
        return Err(AppError::Forbidden);
    }
    if input.spec.kind() != kind {
        return Err(AppError::field("kind", shared::validate::FieldError::Invalid));
    }
    let tax = taxonomy::load(&mut tx).await?;
    let draft = input.parse(&tax, today())?;
    match row.status() {
        PostingStatus::Draft | PostingStatus::Rejected | PostingStatus::Submitted => {
            store::overwrite(&mut tx, id, &draft).await?;
            store::record(&mut tx, id, PostingAction::Edit, Some(row.status()), row.status(), Some(user.id), None)
                .await?;
        }
        PostingStatus::Published => {
            store::set_pending(&mut tx, id, Some(&draft)).await?;
            store::record(&mut tx, id, PostingAction::Edit, Some(row.status()), row.status(), Some(user.id), None)
                .await?;
        }
        PostingStatus::Closed | PostingStatus::Expired => return Err(AppError::invalid_transition()),
    }
    tx.commit().await?;
    let mut db = state.db.acquire().await?;
    view(&mut db, kind, id, Some(user)).await
}

/// Submit for review (verified organizations only) or close (any member).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn owner_transition(
    state: &AppState,
    user: &SessionUser,
    kind: PostingKind,
    id: i64,
    transition: Transition,
) -> AppResult<Posting> {
    let mut tx = Write::begin(state).await?;
    crate::db::lock(&mut tx, Row::Posting, &[id]).await?;
    let row = row_of(&mut tx, kind, id).await?;
    if role(&mut tx, row.org_id, Some(user)).await?.is_none() {
        return Err(AppError::Forbidden);
    }
    if transition == Transition::Submit {
        let org = crate::orgs::summary(&mut tx, row.org_id).await?.ok_or(AppError::NotFound)?;
        if !org.verified {
            return Err(AppError::Refused(ErrorCode::NotVerified));
        }
    }
    let to = next_status(row.status(), transition).ok_or_else(AppError::invalid_transition)?;
    let action = if transition == Transition::Submit { PostingAction::Submit } else { PostingAction::Close };
    store::set_status(&mut tx, &row, action, to, Some(user.id), None).await?;
    if to == PostingStatus::Closed {
        store::set_pending(&mut tx, id, None).await?;
    }
    tx.raise(Fact::PostingsChanged(vec![id])).await?;
    tx.commit().await?;
    let mut db = state.db.acquire().await?;
    view(&mut db, kind, id, Some(user)).await
}

/// Brings the public lists and the home page this instance keeps in memory in line with the
/// database for these postings (published ones are (re)listed, others dropped).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn remember(state: &AppState, ids: &[i64]) -> AppResult<()> {
    let rows = store::published_facets(&state.db, Some(ids)).await?;
    let removals: Vec<i64> = ids.iter().copied().filter(|id| !rows.iter().any(|r| r.id == *id)).collect();
    let calls = open_calls(store::published_open_calls(&state.db, Some(ids)).await?);
    state.published.update(rows, &removals, ids, calls);
    Ok(())
}

/// What the public lists and the home page keep in memory, read from the database (at start): the
/// facets of every published posting and the published open calls.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn load_published(db: &crate::db::Db) -> sqlx::Result<super::memory::Published> {
    let mut facets = super::facets::Facets::new();
    facets.apply(store::published_facets(db, None).await?, &[]);
    let calls = open_calls(store::published_open_calls(db, None).await?);
    Ok(super::memory::Published::new(facets, calls))
}

/// The open calls of these rows: demands whose spec carries a call's terms.
fn open_calls(rows: Vec<store::OpenCallRow>) -> Vec<OpenCallCard> {
    rows.into_iter()
        .filter_map(|store::OpenCallRow(id, title_zh, title_en, org_name_zh, org_name_en, spec)| {
            let PostingSpec::Demand(d) = serde_json::from_str(&spec).ok()? else { return None };
            let call = d.open_call?;
            Some(OpenCallCard {
                id,
                title_zh,
                title_en,
                org_name_zh,
                org_name_en,
                reward: call.reward,
                application_deadline: call.application_deadline,
            })
        })
        .collect()
}

/// The most postings a list's keyword box narrows to (the list's filters then apply to them).
const KEYWORD_CAP: usize = 5_000;

/// One page of postings of `kind` as `user` may see them, serialized as a `Page<PostingSummary>`.
/// Public pages are chosen by the facets and assembled from rendered summaries; only the summaries
/// not rendered yet are read from the database.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn list(
    state: &AppState,
    user: Option<&SessionUser>,
    kind: PostingKind,
    q: PostingQuery,
) -> AppResult<String> {
    let (page, per_page, offset) = PageQuery { page: q.page, per_page: q.per_page }.resolve();
    let mut db = state.db.acquire().await?;
    let scope = list::Scope::for_viewer(&mut db, user, &q).await?;
    if scope != list::Scope::Public {
        let (items, total) = list::page(&mut db, kind, &q, &scope, per_page, offset).await?;
        return serde_json::to_string(&Page { items, total, page, per_page }).map_err(|e| AppError::Internal(e.into()));
    }
    let words =
        q.q.as_deref().map(str::trim).filter(|w| !w.is_empty()).map(|w| w.chars().take(200).collect::<String>());
    let found = match words {
        None => None,
        Some(text) => {
            let index = state.search.clone();
            let found = tokio::task::spawn_blocking(move || index.ranked(&text, kind, KEYWORD_CAP))
                .await
                .map_err(|e| AppError::Internal(e.into()))?
                .map_err(AppError::Internal)?;
            Some(found)
        }
    };
    let (ids, total) = state.published.facets().page(kind, &q, found.as_deref(), per_page as usize, offset as usize);
    let mut items: Vec<Option<std::sync::Arc<str>>> = {
        let rendered = state.published.rendered();
        ids.iter().map(|id| rendered.get(*id)).collect()
    };
    let missing: Vec<i64> = ids.iter().zip(&items).filter(|(_, j)| j.is_none()).map(|(id, _)| *id).collect();
    if !missing.is_empty() {
        let fetched = list::published_by_ids(&mut db, kind, &missing).await?;
        let mut rendered = state.published.rendered();
        for summary in fetched {
            let json: std::sync::Arc<str> =
                serde_json::to_string(&summary).map_err(|e| AppError::Internal(e.into()))?.into();
            rendered.insert(summary.id, json.clone());
            if let Some(at) = ids.iter().position(|id| *id == summary.id) {
                items[at] = Some(json);
            }
        }
    }
    let mut body = String::with_capacity(64 + items.iter().flatten().map(|j| j.len() + 1).sum::<usize>());
    body.push_str("{\"items\":[");
    for (i, json) in items.iter().flatten().enumerate() {
        if i > 0 {
            body.push(',');
        }
        body.push_str(json);
    }
    body.push_str(&format!("],\"total\":{total},\"page\":{page},\"per_page\":{per_page}}}"));
    Ok(body)
}

/// Marks every published posting whose deadline has passed as expired. Returns how many.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn expire_due(state: &AppState) -> AppResult<usize> {
    let mut tx = Write::begin(state).await?;
    let due = store::due_for_expiry(&mut tx, today()).await?;
    crate::db::lock(&mut tx, Row::Posting, &due).await?;
    let ids = store::due_for_expiry(&mut tx, today()).await?;
    for id in &ids {
        if let Some(row) = store::row(&mut tx, *id).await? {
            store::set_status(&mut tx, &row, PostingAction::Expire, PostingStatus::Expired, None, None).await?;
        }
    }
    tx.raise(Fact::PostingsChanged(ids.clone())).await?;
    tx.commit().await?;
    Ok(ids.len())
}

/// The moderation queue: submitted postings and published ones with an edit awaiting review.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn queue(state: &AppState) -> AppResult<Vec<Posting>> {
    let mut db = state.db.acquire().await?;
    let mut out = vec![];
    for id in store::moderation_queue(&mut db).await? {
        if let Some(row) = store::row(&mut db, id).await? {
            out.push(assemble(&mut db, row, false, true, true).await?);
        }
    }
    Ok(out)
}

/// Applies one decision to every posting in `req`, all or nothing.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn decide(
    state: &AppState,
    admin: &SessionUser,
    req: shared::market::ModerationRequest,
) -> AppResult<Vec<Posting>> {
    use shared::market::Decision;
    let reason = req.parse()?;
    let mut tx = Write::begin(state).await?;
    crate::db::lock(&mut tx, Row::Posting, &req.ids).await?;
    let mut first_publications = vec![];
    for id in &req.ids {
        let row = store::row(&mut tx, *id).await?.ok_or(AppError::NotFound)?;
        if row.status() == PostingStatus::Submitted {
            first_publications.push(*id);
        }
        match (row.status(), &row.pending, req.decision) {
            (PostingStatus::Submitted, _, decision) => {
                let (transition, action) = match decision {
                    Decision::Approve => (Transition::Approve, PostingAction::Approve),
                    Decision::Reject => (Transition::Reject, PostingAction::Reject),
                };
                let to = next_status(row.status(), transition).ok_or_else(AppError::invalid_transition)?;
                store::set_status(&mut tx, &row, action, to, Some(admin.id), reason.as_deref()).await?;
            }
            (PostingStatus::Published, Some(json), Decision::Approve) => {
                let edit: PostingInput = serde_json::from_str(json).map_err(|e| AppError::Internal(e.into()))?;
                store::overwrite(&mut tx, row.id, &edit).await?;
                store::set_pending(&mut tx, row.id, None).await?;
                store::record(
                    &mut tx,
                    row.id,
                    PostingAction::ApproveEdit,
                    Some(row.status()),
                    row.status(),
                    Some(admin.id),
                    None,
                )
                .await?;
            }
            (PostingStatus::Published, Some(_), Decision::Reject) => {
                store::set_pending(&mut tx, row.id, None).await?;
                store::set_reject_reason(&mut tx, row.id, reason.as_deref()).await?;
                store::record(
                    &mut tx,
                    row.id,
                    PostingAction::RejectEdit,
                    Some(row.status()),
                    row.status(),
                    Some(admin.id),
                    reason.as_deref(),
                )
                .await?;
            }
            _ => return Err(AppError::invalid_transition()),
        }
    }
    for id in &req.ids {
        let Some(row) = store::row(&mut tx, *id).await? else { continue };
        crate::audit::record(
            &mut tx,
            Some(admin),
            "posting.moderate",
            &format!("posting:{id}"),
            serde_json::json!({ "first_publication": first_publications.contains(id) }),
            serde_json::json!({ "decision": format!("{:?}", req.decision).to_lowercase(), "status": row.status().as_str(),
                                "reason": reason }),
        )
        .await?;
        let kind = match req.decision {
            shared::market::Decision::Approve => NotificationKind::PostingApproved,
            shared::market::Decision::Reject => NotificationKind::PostingRejected,
        };
        let link = row.kind().map(|k| format!("{}/{id}", k.page_path())).unwrap_or_default();
        let note = Note::new(kind, link)
            .name("title", &row.title_zh, row.title_en.as_deref())
            .param("reason", reason.clone().unwrap_or_default());
        crate::notify::ops::to_orgs(&mut tx, state, &[row.org_id], Some(admin.id), note).await?;
    }
    tx.raise(Fact::PostingsChanged(req.ids.clone())).await?;
    // First publications alert saved searches and the owners of strong matches, once committed.
    if req.decision == shared::market::Decision::Approve {
        for id in &first_publications {
            tx.raise(Fact::PostingPublished(*id)).await?;
        }
    }
    tx.commit().await?;
    let mut db = state.db.acquire().await?;
    let mut out = vec![];
    for id in &req.ids {
        if let Some(row) = store::row(&mut db, *id).await? {
            out.push(assemble(&mut db, row, false, true, true).await?);
        }
    }
    Ok(out)
}
