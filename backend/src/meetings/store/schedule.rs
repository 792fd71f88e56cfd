//! SQL for the schedule: the placed meetings, the runs that placed them.

use super::*;

/// Replaces the event's schedule: `(request, slot, table, score)`.
pub async fn replace_meetings(db: &mut Conn, event: i64, rows: &[(i64, i64, u32, u8)]) -> sqlx::Result<()> {
    sql::query("DELETE FROM meetings WHERE event_id = $1").bind(event).execute(&mut *db).await?;
    for (request, slot, table, score) in rows {
        sql::query("INSERT INTO meetings (request_id, event_id, slot_id, table_no, score) VALUES ($1, $2, $3, $4, $5)")
            .bind(request)
            .bind(event)
            .bind(slot)
            .bind(i64::from(*table))
            .bind(i64::from(*score))
            .execute(&mut *db)
            .await?;
    }
    Ok(())
}

pub async fn save_run(db: &mut Conn, event: i64, by: i64, r: &ScheduleReport) -> sqlx::Result<()> {
    sql::query(
        "INSERT INTO meeting_runs (event_id, run_at, run_by, accepted, placed, score, greedy_placed, greedy_score, millis)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (event_id) DO UPDATE SET run_at = excluded.run_at, run_by = excluded.run_by,
             accepted = excluded.accepted, placed = excluded.placed, score = excluded.score,
             greedy_placed = excluded.greedy_placed, greedy_score = excluded.greedy_score, millis = excluded.millis",
    )
    .bind(event)
    .bind(r.run_at)
    .bind(by)
    .bind(i64::from(r.accepted))
    .bind(i64::from(r.placed))
    .bind(r.score as i64)
    .bind(i64::from(r.greedy_placed))
    .bind(r.greedy_score as i64)
    .bind(r.millis as i64)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn last_run(db: &mut Conn, event: i64) -> sqlx::Result<Option<ScheduleReport>> {
    let row: Option<(OffsetDateTime, i64, i64, i64, i64, i64, i64)> = sql::query_as(
        "SELECT run_at, accepted, placed, score, greedy_placed, greedy_score, millis FROM meeting_runs WHERE event_id = $1",
    )
    .bind(event)
    .fetch_optional(db)
    .await?;
    let n = |v: i64| u32::try_from(v).unwrap_or(0);
    Ok(row.map(|(run_at, accepted, placed, score, gp, gs, millis)| ScheduleReport {
        accepted: n(accepted),
        placed: n(placed),
        score: score.max(0) as u64,
        greedy_placed: n(gp),
        greedy_score: gs.max(0) as u64,
        millis: millis.max(0) as u64,
        run_at,
    }))
}

#[derive(sqlx::FromRow)]
struct PlanRow {
    request_id: i64,
    slot_id: i64,
    starts_at: OffsetDateTime,
    ends_at: OffsetDateTime,
    table_no: i64,
    from_user: i64,
    to_user: i64,
    score: i64,
}

/// The placed meetings of the event, by slot and table, between `people` (everyone
/// [`involved`]).
pub async fn plan(db: &mut Conn, event: i64, people: &[Person]) -> sqlx::Result<Vec<PlannedMeeting>> {
    let rows: Vec<PlanRow> = sql::query_as(
        "SELECT m.request_id, s.id AS slot_id, s.starts_at, s.ends_at, m.table_no, q.from_user, q.to_user, m.score
         FROM meetings m JOIN meeting_slots s ON s.id = m.slot_id JOIN meeting_requests q ON q.id = m.request_id
         WHERE m.event_id = $1 ORDER BY s.starts_at, m.table_no",
    )
    .bind(event)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| PlannedMeeting {
            request_id: r.request_id,
            slot: Slot { id: r.slot_id, starts_at: r.starts_at, ends_at: r.ends_at },
            table: u32::try_from(r.table_no).unwrap_or(0),
            a: person_in(people, r.from_user),
            b: person_in(people, r.to_user),
            score: u8::try_from(r.score).unwrap_or(0),
        })
        .collect())
}

/// The user's placed meetings, by time, with `people` as in [`plan`].
pub async fn agenda(db: &mut Conn, event: i64, user: i64, people: &[Person]) -> sqlx::Result<Vec<Meeting>> {
    Ok(plan(db, event, people)
        .await?
        .into_iter()
        .filter_map(|m| {
            let with = if m.a.user_id == user {
                m.b
            } else if m.b.user_id == user {
                m.a
            } else {
                return None;
            };
            Some(Meeting { request_id: m.request_id, slot: m.slot, table: m.table, with })
        })
        .collect())
}
