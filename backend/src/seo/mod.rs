//! What search engines read: `/robots.txt` (what to crawl, where the sitemap is) and
//! `/sitemap.xml` (the public pages: the lists, and every published posting, public event and
//! published competition, with the day it last changed).

pub mod routes;
pub mod sitemap;
mod store;

use axum::Router;
use axum::routing::get;

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/robots.txt", get(routes::robots)).route("/sitemap.xml", get(routes::sitemap))
}
