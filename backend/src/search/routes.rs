use axum::extract::State;
use shared::ApiError;
use shared::market::{SearchQuery, SearchResults};
use shared::page::PageQuery;

use crate::AppState;
use crate::error::{AppError, AppResult};
use crate::http::extract::{Json, Query};

/// Full-text search across published postings of every kind: Chinese segmentation, English
/// stemming, synonyms for common abbreviations, BM25 ranking, highlighted matches.
#[utoipa::path(get, path = "/search", tag = "search", params(SearchQuery),
    responses((status = 200, body = SearchResults), (status = 400, body = ApiError)))]
pub async fn search(State(state): State<AppState>, Query(q): Query<SearchQuery>) -> AppResult<Json<SearchResults>> {
    let (page, per_page, offset) = PageQuery { page: q.page, per_page: q.per_page }.resolve();
    let text: String = q.q.chars().take(200).collect();
    if text.trim().is_empty() {
        return Ok(Json(SearchResults { hits: vec![], total: 0, page, per_page, by_kind: vec![] }));
    }
    let index = state.search.clone();
    let kind = q.kind;
    let (hits, total, by_kind) =
        tokio::task::spawn_blocking(move || index.search(&text, kind, per_page as usize, offset.min(10_000) as usize))
            .await
            .map_err(|e| AppError::Internal(e.into()))?
            .map_err(AppError::Internal)?;
    Ok(Json(SearchResults { hits, total, page, per_page, by_kind }))
}
