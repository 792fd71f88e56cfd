//! `GET /robots.txt` and `GET /sitemap.xml`.

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use shared::market::PostingKind;

use super::sitemap::{self, Page};
use super::store;
use crate::AppState;
use crate::error::AppResult;

pub async fn robots(State(state): State<AppState>) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], sitemap::robots(&state.config.site_url()))
}

pub async fn sitemap(State(state): State<AppState>) -> AppResult<impl IntoResponse> {
    let rows = store::public_pages(&state.db, (sitemap::MAX_URLS - sitemap::LISTS.len()) as i64).await?;
    let pages: Vec<Page> = rows
        .into_iter()
        .filter_map(|store::PublicPage { kind, id, updated_at: changed }| {
            let area = match kind.as_str() {
                "event" => "/events",
                "competition" => "/competitions",
                k => PostingKind::parse(k)?.page_path(),
            };
            Some(Page { path: format!("{area}/{id}"), changed: Some(changed.date()) })
        })
        .collect();
    Ok(([(header::CONTENT_TYPE, "application/xml; charset=utf-8")], sitemap::sitemap(&state.config.site_url(), &pages)))
}
