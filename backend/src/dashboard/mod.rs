//! The plan dashboard (看板): progress against the plan's 2026 targets — from platform data by an
//! admin-editable rule, or from figures entered by hand with their source and date — and the
//! platform's activity by week, 5+X field and district, read from weekly roll-ups kept in the same
//! transaction as each change by the subscriber of the facts that count ([`counting`]).

mod counting;
pub mod figures;
pub mod routes;
mod store;

pub(crate) use counting::on_fact;
/// What other capabilities (and the demo, tests and benchmarks) may use of this one's store.
pub use counting::{recount, roll_up};
pub use store::{count as count_rule, targets as target_rules, update_target as record_target_update};

use crate::db::Conn;
use shared::dashboard::{Activity, Period, TargetUpdate, TargetView};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::accounts::SessionUser;
use crate::error::{AppError, AppResult};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(routes::targets))
        .routes(routes!(routes::activity))
        .routes(routes!(routes::export))
        .routes(routes!(routes::update_target))
}

/// Today in Hangzhou (UTC+8), the calendar the weeks follow.
pub fn today() -> time::Date {
    crate::common::china::today()
}

fn view(row: &store::TargetRow, current: Option<i64>) -> TargetView {
    let rule = row.rule();
    let manual = row.manual();
    let (current, as_of) = match (&rule, &manual) {
        (shared::dashboard::TargetRule::Manual, Some(m)) => (Some(m.value), Some(m.as_of)),
        (shared::dashboard::TargetRule::Manual, None) => (None, None),
        _ => (current, Some(today())),
    };
    TargetView {
        code: row.code.clone(),
        label_zh: row.label_zh.clone(),
        label_en: row.label_en.clone(),
        goal: row.goal,
        rule,
        current,
        manual,
        as_of,
    }
}

/// Every target with its current value.
pub async fn targets(db: &mut Conn) -> AppResult<Vec<TargetView>> {
    let rows = store::targets(db).await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in &rows {
        let current = store::count(db, &row.rule()).await?;
        out.push(view(row, current));
    }
    Ok(out)
}

/// Sets a target's goal, rule and manual figure, recorded in the audit log.
pub async fn update_target(state: &AppState, user: &SessionUser, code: &str, u: TargetUpdate) -> AppResult<TargetView> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock_key(&mut tx, crate::db::Key::Settings).await?;
    let before = store::target(&mut tx, code).await?.ok_or(AppError::NotFound)?;
    store::update_target(&mut tx, code, &u, user.id, crate::db::now()).await?;
    let after = store::target(&mut tx, code).await?.ok_or(AppError::NotFound)?;
    let current = store::count(&mut tx, &after.rule()).await?;
    let json = |r: &store::TargetRow| serde_json::json!({ "goal": r.goal, "rule": r.rule(), "manual": r.manual() });
    crate::audit::record(&mut tx, Some(user), "target.edit", &format!("target:{code}"), json(&before), json(&after))
        .await?;
    tx.commit().await?;
    Ok(view(&after, current))
}

/// The period's activity.
pub async fn activity(db: &mut Conn, period: &Period, tax: &shared::taxonomy::Taxonomy) -> AppResult<Activity> {
    use store::By;
    let d = period.domain.as_deref();
    let by_week = store::rollup(db, By::Week, period.from, period.to, d).await?;
    let by_domain = store::rollup(db, By::Domain, period.from, period.to, d).await?;
    let by_district = store::rollup(db, By::District, period.from, period.to, d).await?;
    Ok(figures::activity(period, tax, &by_week, &by_domain, &by_district))
}

/// Counts the postings written straight to the database (the demo data on first start) that found
/// a high-score match, as if each had been published in turn: among those published before it.
pub async fn count_matches_of_published(state: &AppState) -> AppResult<i64> {
    use crate::matching::ops::{HIGH_SCORE, strong_matches};
    let mut tx = crate::db::begin_write(&state.db).await?;
    let published = store::published(&mut tx).await?;
    let when: std::collections::HashMap<i64, time::OffsetDateTime> = published.iter().copied().collect();
    let mut total = 0;
    for (id, at) in &published {
        let earlier = |c: &i64| when.get(c).is_some_and(|t| (t, c) < (at, id));
        if strong_matches(state, *id, HIGH_SCORE).iter().any(|(c, _)| earlier(c)) {
            counting::record_matched(&mut tx, *id, *at).await?;
            total += 1;
        }
    }
    tx.commit().await?;
    Ok(total)
}

/// Subscriber (after commit) of [`crate::facts::Fact::PostingPublished`]: a new posting with a
/// strong match counts toward the plan's "matched" figure.
pub(crate) async fn on_posting_published(state: &crate::AppState, id: i64) -> crate::error::AppResult<()> {
    if crate::matching::ops::strong_matches(state, id, crate::matching::ops::HIGH_SCORE).is_empty() {
        return Ok(());
    }
    let mut tx = crate::db::begin_write(&state.db).await?;
    counting::record_matched(&mut tx, id, crate::db::now()).await?;
    tx.commit().await?;
    Ok(())
}
