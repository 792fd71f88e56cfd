use axum::extract::State;
use shared::ApiError;
use shared::market::{SearchQuery, SearchResults};
use shared::page::PageQuery;

use crate::AppState;
use crate::error::{AppError, AppResult};
use crate::http::extract::{Json, Query};

/// Full-text search across published postings of every kind: Chinese segmentation, English
/// stemming, synonyms, BM25 ranking, highlighted matches, each hit's key facts; narrowed to a field
/// or district on request. When nothing is found it suggests words and says what dropping the
/// filters would find.
#[utoipa::path(get, path = shared::paths::template::SEARCH, tag = "search", params(SearchQuery),
    responses((status = 200, body = SearchResults), (status = 400, body = ApiError)))]
pub async fn search(State(state): State<AppState>, Query(q): Query<SearchQuery>) -> AppResult<Json<SearchResults>> {
    let (page, per_page, offset) = PageQuery { page: q.page, per_page: q.per_page }.resolve();
    let text: String = q.q.chars().take(200).collect();
    let empty = SearchResults {
        items: vec![],
        total: 0,
        page,
        per_page,
        by_kind: vec![],
        suggestions: vec![],
        without_filters: None,
    };
    if text.trim().is_empty() {
        return Ok(Json(empty));
    }
    let among = state.published.facets().ids_in(&q.domain, &q.district);
    let index = state.search.clone();
    let kind = q.kind;
    let found = tokio::task::spawn_blocking(move || -> anyhow::Result<SearchResults> {
        let offset = offset.min(10_000) as usize;
        let (hits, total, by_kind) = index.search_among(&text, kind, among.as_deref(), per_page as usize, offset)?;
        let mut results = SearchResults { items: hits, total, by_kind, ..empty };
        if total == 0 {
            if among.is_some() {
                results.without_filters = Some(index.search(&text, kind, 1, 0)?.1);
            }
            // Other words only when the words themselves found nothing (not a filter).
            if results.without_filters.is_none_or(|n| n == 0) {
                results.suggestions = index.suggest(&text, 5);
            }
        }
        Ok(results)
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))?
    .map_err(AppError::Internal)?;
    let facets = state.published.facets();
    let mut results = found;
    for hit in &mut results.items {
        if let Some(f) = facets.facts(hit.id) {
            hit.type_code = f.type_code;
            hit.domains = f.domains;
            hit.district = f.district;
            hit.trl = f.trl;
            hit.amount_min = f.amount_min;
            hit.amount_max = f.amount_max;
            hit.deadline = f.deadline;
        }
    }
    Ok(Json(results))
}
