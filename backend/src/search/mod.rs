//! Full-text search across all four kinds of posting. The database is the source of truth: the
//! index is rebuilt from it at start when they disagree, and every write that changes what is
//! published calls [`sync`] before answering, so a published posting is searchable at once.

pub mod eval;
pub mod highlight;
pub mod index;
pub mod keyword;
pub mod query;
pub mod routes;
pub mod synonyms;

use std::sync::Arc;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub use index::{IndexDoc, SearchIndex};

use crate::AppState;
use crate::db::Db;
use crate::db::sql;
use crate::error::{AppError, AppResult};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(routes::search))
}

/// The index documents of the published postings among `only` (all published when `None`).
async fn documents(db: &Db, only: Option<&[i64]>) -> sqlx::Result<Vec<IndexDoc>> {
    let mut conn = db.acquire().await?;
    let (rows, mut keywords) = crate::market::published_for_index(&mut conn, only).await?;
    Ok(rows
        .into_iter()
        .map(|r| IndexDoc {
            kind: shared::market::PostingKind::parse(&r.kind),
            keywords: keywords.remove(&r.id).unwrap_or_default().join(" "),
            id: r.id,
            org_name_zh: r.org_name_zh,
            org_name_en: r.org_name_en.unwrap_or_default(),
            title_zh: r.title_zh,
            title_en: r.title_en.unwrap_or_default(),
            summary_zh: r.summary_zh,
            summary_en: r.summary_en.unwrap_or_default(),
        })
        .collect())
}

/// Subscriber (after commit) of [`crate::facts::Fact::PostingsChanged`]: brings the index in line
/// with the database for these postings (published ones are (re)indexed, every other one removed).
pub(crate) async fn on_postings_changed(state: &crate::AppState, ids: &[i64]) -> AppResult<()> {
    let upserts = documents(&state.db, Some(ids)).await?;
    let removals: Vec<i64> = ids.iter().copied().filter(|id| !upserts.iter().any(|d| d.id == *id)).collect();
    let search = state.search.clone();
    tokio::task::spawn_blocking(move || search.apply(&upserts, &removals))
        .await
        .map_err(|e| AppError::Internal(e.into()))?
        .map_err(AppError::Internal)
}

/// Rebuilds the index from the database when their published counts disagree. Returns the number
/// of documents indexed, or `None` when nothing had to be done.
pub async fn rebuild_if_needed(db: &Db, search: &Arc<SearchIndex>) -> anyhow::Result<Option<usize>> {
    let (published,): (i64,) =
        sql::query_as("SELECT COUNT(*) FROM postings WHERE status = 'published'").fetch_one(db).await?;
    if search.num_docs() == published as u64 {
        return Ok(None);
    }
    let docs = documents(db, None).await?;
    let search = search.clone();
    let n = tokio::task::spawn_blocking(move || search.rebuild(docs.into_iter())).await??;
    Ok(Some(n))
}
