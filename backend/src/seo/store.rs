//! The public pages with the moment they last changed: published postings, public events and
//! published competitions.

use time::OffsetDateTime;

use crate::db::{Db, sql};

/// `(kind, id, updated_at)`: kind is a posting kind, `event` or `competition`; newest first.
/// A public page: a posting's kind (or `event`, `competition`), its id, and when it last changed.
#[derive(sqlx::FromRow)]
pub struct PublicPage {
    pub kind: String,
    pub id: i64,
    pub updated_at: OffsetDateTime,
}

pub async fn public_pages(db: &Db, limit: i64) -> sqlx::Result<Vec<PublicPage>> {
    sql::query_as(
        "SELECT kind, id, updated_at FROM (
           SELECT kind, id, updated_at FROM postings WHERE status = 'published'
           UNION ALL
           SELECT 'event', id, updated_at FROM events WHERE published_at IS NOT NULL AND NOT invitation_only
           UNION ALL
           SELECT 'competition', id, updated_at FROM competitions WHERE published_at IS NOT NULL
         ) AS pages ORDER BY updated_at DESC, id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(db)
    .await
}
