//! Gathers the home page from the capabilities' own functions.

use shared::engage::{EngagementQuery, EngagementStatus, Side};
use shared::home::{FrontDoor, HOME_LIST_LEN, HappeningCard, OpenCallCard, STRONG_MATCH, ToDo};
use shared::market::{PostingKind, PostingQuery, PostingSort, PostingSummary};
use shared::matching::FeedQuery;
use shared::page::Page;
use time::{Date, Month, Time};

use crate::AppState;
use crate::accounts::SessionUser;
use crate::error::{AppError, AppResult};

#[tracing::instrument(level = "debug", skip_all)]
pub async fn front_door(state: &AppState, user: Option<&SessionUser>) -> AppResult<FrontDoor> {
    let today = crate::dashboard::today();
    let mut figures = shared::home::Figures::default();
    {
        let facets = state.published.facets();
        let all = PostingQuery::default();
        let count = |kind| facets.page(kind, &all, None, 0, 0).1;
        figures.demands = count(PostingKind::Demand);
        figures.capabilities = count(PostingKind::Capability);
        figures.scenarios = count(PostingKind::Scenario);
        figures.funds = count(PostingKind::Mandate);
    }
    let newest =
        PostingQuery { sort: Some(PostingSort::Newest), per_page: Some(HOME_LIST_LEN as u32), ..Default::default() };
    let newest_demands: Page<PostingSummary> =
        serde_json::from_str(&crate::market::ops::list(state, None, PostingKind::Demand, newest).await?)
            .map_err(|e| AppError::Internal(e.into()))?;

    let mut db = state.db.acquire().await?;
    let year_start =
        Date::from_calendar_date(today.year(), Month::January, 1).map_err(|e| AppError::Internal(e.into()))?;
    let year_start_instant = year_start.with_time(Time::MIDNIGHT).assume_offset(shared::CHINA);
    figures.deals_this_year =
        crate::engage::deals_signed_since(&mut db, year_start, year_start_instant).await?.max(0) as u64;
    drop(db);
    let open_calls = closing_soon(state.published.open_calls().into_iter(), today);

    let upcoming = crate::events::ops::list(state, user, false, None).await?;
    let now = crate::db::now();
    // Asked once: the to-do list counts the caller's own among the same upcoming events.
    let events_running = upcoming.iter().filter(|e| e.mine && e.ends_at > now).count() as u32;
    let events: Vec<HappeningCard> = upcoming
        .into_iter()
        .filter(|e| e.published && !e.invitation_only)
        .take(HOME_LIST_LEN)
        .map(|e| HappeningCard {
            id: e.id,
            title_zh: e.title_zh,
            title_en: e.title_en,
            org_name_zh: e.org_name_zh,
            org_name_en: e.org_name_en,
            at: Some(e.starts_at),
        })
        .collect();
    let competitions: Vec<HappeningCard> = crate::competitions::ops::list(state, user, None)
        .await?
        .into_iter()
        .filter(|c| c.published)
        .filter_map(|c| {
            let stage = c.current_stage()?.deadline;
            Some(HappeningCard {
                id: c.id,
                title_zh: c.title_zh,
                title_en: c.title_en,
                org_name_zh: c.org.name_zh,
                org_name_en: c.org.name_en,
                at: Some(stage),
            })
        })
        .take(HOME_LIST_LEN)
        .collect();
    let todo = match user {
        Some(u) => Some(todo(state, u, events_running).await?),
        None => None,
    };
    Ok(FrontDoor { figures, newest_demands: newest_demands.items, open_calls, events, competitions, todo })
}

/// The calls still open on `today`, the soonest deadline first, at most [`HOME_LIST_LEN`].
pub fn closing_soon(calls: impl Iterator<Item = OpenCallCard>, today: Date) -> Vec<OpenCallCard> {
    let mut open: Vec<OpenCallCard> = calls.filter(|c| c.application_deadline >= today).collect();
    open.sort_by(|a, b| a.application_deadline.cmp(&b.application_deadline).then(a.id.cmp(&b.id)));
    open.truncate(HOME_LIST_LEN);
    open
}

/// What needs the caller; `events_running` is counted from the event list the page already has.
async fn todo(state: &AppState, user: &SessionUser, events_running: u32) -> AppResult<ToDo> {
    let waiting = crate::engage::ops::list(
        state,
        user,
        EngagementQuery {
            side: Some(Side::Received),
            status: Some(EngagementStatus::Pending),
            per_page: Some(1),
            ..Default::default()
        },
    )
    .await?;
    let conversations =
        crate::engage::ops::list(state, user, EngagementQuery { per_page: Some(100), ..Default::default() }).await?;
    let unread_notifications = crate::notify::ops::unread(state, user).await?.unread;
    let strong = crate::matching::ops::feed(
        state,
        user,
        FeedQuery { kind: None, min_score: Some(STRONG_MATCH), limit: Some(100) },
    )
    .await?;
    let judging_due = crate::competitions::judging::my_entries(state, user)
        .await?
        .iter()
        .filter(|e| e.stage_status == shared::competitions::StageStatus::Judging && e.score.is_none())
        .count();
    Ok(ToDo {
        requests_waiting: waiting.total as u32,
        unread_messages: conversations.items.iter().map(|c| c.unread).sum(),
        unread_notifications,
        strong_matches: strong.into_iter().map(|f| f.m.id).collect(),
        judging_due: judging_due as u32,
        events_running,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn call(id: i64, deadline: Date) -> OpenCallCard {
        OpenCallCard {
            id,
            title_zh: format!("揭榜{id}"),
            title_en: None,
            org_name_zh: "某企业".into(),
            org_name_en: None,
            reward: 100,
            application_deadline: deadline,
        }
    }

    #[test]
    fn open_calls_closing_soonest_come_first_and_closed_ones_are_left_out() {
        let today = date!(2026 - 12 - 05);
        let calls = vec![
            call(1, date!(2027 - 03 - 01)),
            call(2, date!(2026 - 12 - 04)),
            call(3, date!(2026 - 12 - 05)),
            call(4, date!(2027 - 01 - 10)),
            call(5, date!(2027 - 06 - 30)),
            call(6, date!(2027 - 02 - 01)),
        ];
        let ids: Vec<i64> = closing_soon(calls.into_iter(), today).iter().map(|c| c.id).collect();
        assert_eq!(ids, vec![3, 4, 6, 1]);
    }
}
