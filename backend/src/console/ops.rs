use shared::console::Overview;

use crate::AppState;
use crate::error::AppResult;

/// Counts what waits in each section, in one read.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn overview(state: &AppState) -> AppResult<Overview> {
    let mut db = state.db.acquire().await?;
    Ok(Overview {
        orgs_to_verify: crate::orgs::unverified_count(&mut db).await?,
        postings_to_moderate: crate::market::moderation_count(&mut db).await?,
        experts_to_review: crate::experts::pending_count(&mut db).await?,
        notices_to_decide: crate::opencall::under_review_count(&mut db).await?,
        reports_open: crate::engage::open_reports_count(&mut db).await?,
        emails_failed: crate::notify::failed_emails_count(&mut db).await?,
    })
}
