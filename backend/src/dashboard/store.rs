//! SQL of the dashboard: the activity log and its weekly roll-ups, where each countable thing is
//! found (the dashboard is the platform's report: it reads the tables of the capabilities it
//! counts, and writes only its own), and the plan targets.

use crate::db::Conn;
use crate::db::sql;
use shared::dashboard::{ManualFigure, TargetRule, TargetUpdate};

use super::counting::{Entry, Found, Source};
use time::{Date, OffsetDateTime};

/// One roll-up cell summed over the other dimensions: `(metric, key, n, value)`, where key is a
/// week, a 5+X field or a district.
pub type Cell = (String, String, i64, i64);

/// Which dimension to sum by.
#[derive(Debug, Clone, Copy)]
pub enum By {
    Week,
    Domain,
    District,
}

/// The period's counts summed by `by`, for one 5+X field or all. Each case reads the roll-up
/// whose key order is the grouping's, so SQLite aggregates as it scans, without sorting.
pub async fn rollup(db: &mut Conn, by: By, from: Date, to: Date, domain: Option<&str>) -> sqlx::Result<Vec<Cell>> {
    let sql = match (by, domain.is_some()) {
        (By::Week, false) => {
            "SELECT metric, week, CAST(SUM(n) AS BIGINT), CAST(SUM(value) AS BIGINT) FROM activity_domain_weekly
             WHERE week BETWEEN $1 AND $2 GROUP BY metric, week"
        }
        (By::Week, true) => {
            "SELECT metric, week, CAST(SUM(n) AS BIGINT), CAST(SUM(value) AS BIGINT) FROM activity_domain_weekly
             WHERE domain = $3 AND week BETWEEN $1 AND $2 GROUP BY metric, week"
        }
        (By::Domain, false) => {
            "SELECT metric, domain, CAST(SUM(n) AS BIGINT), CAST(SUM(value) AS BIGINT) FROM activity_domain_weekly
             WHERE week BETWEEN $1 AND $2 GROUP BY metric, domain"
        }
        (By::Domain, true) => {
            "SELECT metric, domain, CAST(SUM(n) AS BIGINT), CAST(SUM(value) AS BIGINT) FROM activity_domain_weekly
             WHERE domain = $3 AND week BETWEEN $1 AND $2 GROUP BY metric, domain"
        }
        (By::District, false) => {
            "SELECT metric, district, CAST(SUM(n) AS BIGINT), CAST(SUM(value) AS BIGINT) FROM activity_district_weekly
             WHERE week BETWEEN $1 AND $2 GROUP BY metric, district"
        }
        (By::District, true) => {
            "SELECT metric, district, CAST(SUM(n) AS BIGINT), CAST(SUM(value) AS BIGINT) FROM activity_weekly
             WHERE domain = $3 AND week BETWEEN $1 AND $2 GROUP BY metric, district"
        }
    };
    sql::query_as(sql).bind(day(from)).bind(day(to)).bind(domain).fetch_all(db).await
}

/// The first field of a posting, else ''.
const POSTING_DOMAIN: &str =
    "COALESCE((SELECT d.code FROM posting_domains d WHERE d.posting_id = p.id ORDER BY d.position LIMIT 1), '')";

/// The district a posting counts under: its own, else its organization's.
const POSTING_DISTRICT: &str = "COALESCE(p.district, o.district, '')";

/// Where each countable thing is, with its time, fields, district and value (the columns of
/// [`Found`]), and the column that names one.
fn source_sql(source: Source) -> (String, &'static str) {
    let about_posting = |metric: &str, at: &str, on: &str, value: &str, filter: &str| {
        format!(
            "SELECT '{metric}' AS metric, {at} AS at, {on} AS on_day, {POSTING_DOMAIN} AS domains,
                    {POSTING_DISTRICT} AS district, {value} AS value, e.id AS subject
             FROM engagements e JOIN postings p ON p.id = e.posting_id JOIN organizations o ON o.id = p.org_id
             WHERE {filter}"
        )
    };
    let no_day = "CAST(NULL AS DATE)";
    match source {
        Source::Postings => (
            format!(
                "SELECT 'posting.' || p.kind AS metric, p.published_at AS at, {no_day} AS on_day, {POSTING_DOMAIN} AS domains,
                        {POSTING_DISTRICT} AS district, CAST(0 AS BIGINT) AS value, p.id AS subject
                 FROM postings p JOIN organizations o ON o.id = p.org_id WHERE p.published_at IS NOT NULL"
            ),
            "p.id",
        ),
        Source::Requests => (about_posting("request", "e.created_at", no_day, "CAST(0 AS BIGINT)", "1 = 1"), "e.id"),
        Source::Accepted => (
            about_posting("accepted", "COALESCE(e.answered_at, e.updated_at)", no_day, "CAST(0 AS BIGINT)", "e.stage IS NOT NULL"),
            "e.id",
        ),
        Source::Signed => (
            about_posting(
                "signed",
                "e.updated_at",
                "e.signed_on",
                "COALESCE(e.contract_value, 0)",
                "e.stage IN ('signed', 'completed')",
            ),
            "e.id",
        ),
        Source::Events => (
            format!(
                "SELECT 'event' AS metric, ev.starts_at AS at, {no_day} AS on_day, ev.domains AS domains,
                        COALESCE(o.district, '') AS district, CAST(0 AS BIGINT) AS value, ev.id AS subject
                 FROM events ev JOIN organizations o ON o.id = ev.org_id WHERE 1 = 1"
            ),
            "ev.id",
        ),
        Source::Attendance => (
            format!(
                "SELECT 'attendance' AS metric, c.at AS at, {no_day} AS on_day, ev.domains AS domains,
                        COALESCE(o.district, '') AS district, CAST(0 AS BIGINT) AS value, c.id AS subject
                 FROM checkins c JOIN events ev ON ev.id = c.event_id JOIN organizations o ON o.id = ev.org_id
                 WHERE c.undone_at IS NULL"
            ),
            "c.id",
        ),
        Source::Competitions => (
            format!(
                "SELECT 'competition' AS metric, c.created_at AS at, {no_day} AS on_day, '' AS domains,
                        COALESCE(o.district, '') AS district, CAST(0 AS BIGINT) AS value, c.id AS subject
                 FROM competitions c JOIN organizations o ON o.id = c.org_id WHERE 1 = 1"
            ),
            "c.id",
        ),
        Source::Entries => (
            format!(
                "SELECT 'entry' AS metric, t.created_at AS at, {no_day} AS on_day, k.domain AS domains,
                        COALESCE((SELECT o.district FROM organizations o WHERE o.id = t.org_id), '') AS district,
                        CAST(0 AS BIGINT) AS value, t.id AS subject
                 FROM teams t JOIN competition_tracks k ON k.id = t.track_id WHERE 1 = 1"
            ),
            "t.id",
        ),
    }
}

/// The countable things of `source`: one (`subject`) or all, in the order they happened.
pub async fn found(db: &mut Conn, source: Source, subject: Option<i64>) -> sqlx::Result<Vec<Found>> {
    let (select, id) = source_sql(source);
    match subject {
        Some(subject) => sql::query_as(format!("{select} AND {id} = $1")).bind(subject).fetch_all(db).await,
        None => sql::query_as(format!("{select} ORDER BY {id}")).fetch_all(db).await,
    }
}

/// A row of the activity log as stored.
#[derive(sqlx::FromRow)]
struct Logged {
    metric: String,
    at: OffsetDateTime,
    week: String,
    domain: String,
    district: String,
    n: i64,
    value: i64,
    subject: i64,
}

/// The latest row that counted `subject` under `metric` (n > 0).
pub async fn last_counted(db: &mut Conn, metric: &str, subject: i64) -> sqlx::Result<Option<Entry>> {
    let row: Option<Logged> = sql::query_as(
        "SELECT metric, at, week, domain, district, n, value, subject FROM activity
         WHERE metric = $1 AND subject = $2 AND n > 0 ORDER BY id DESC LIMIT 1",
    )
    .bind(metric)
    .bind(subject)
    .fetch_optional(db)
    .await?;
    Ok(row.and_then(|r| {
        let week = shared::dashboard::parse_date(&r.week)?;
        Some(Entry {
            metric: r.metric,
            at: r.at,
            week,
            domain: r.domain,
            district: r.district,
            n: r.n,
            value: r.value,
            subject: r.subject,
        })
    }))
}

/// Rows per statement when writing many (eight values each, well under either database's limit).
const BATCH: usize = 500;

/// Appends rows to the activity log (the roll-ups left as they are).
pub async fn append(db: &mut Conn, rows: &[Entry]) -> sqlx::Result<()> {
    for chunk in rows.chunks(BATCH) {
        let mut b = sql::Builder::new("INSERT INTO activity (metric, at, week, domain, district, n, value, subject) ");
        b.push_values(chunk, |mut t, e| {
            t.push_bind(e.metric.as_str())
                .push_bind(e.at)
                .push_bind(day(e.week))
                .push_bind(e.domain.as_str())
                .push_bind(e.district.as_str())
                .push_bind(e.n)
                .push_bind(e.value)
                .push_bind(e.subject);
        });
        b.build().execute(&mut *db).await?;
    }
    Ok(())
}

/// The three roll-ups, each keyed in the order it is read.
const ROLLUPS: [(&str, &str); 3] = [
    ("activity_weekly", "domain, metric, district, week"),
    ("activity_domain_weekly", "metric, week, domain"),
    ("activity_district_weekly", "metric, district, week"),
];

/// Appends rows to the activity log and adds them to the roll-ups, in the same transaction.
pub async fn record(db: &mut Conn, rows: &[Entry]) -> sqlx::Result<()> {
    use std::collections::BTreeMap;
    append(db, rows).await?;
    for (table, key) in ROLLUPS {
        // One upsert per cell: a statement may not touch the same row twice (PostgreSQL).
        let mut cells: BTreeMap<Vec<String>, (i64, i64)> = BTreeMap::new();
        for e in rows {
            let cell = key.split(", ").map(|k| e.key(k)).collect();
            let sum = cells.entry(cell).or_default();
            sum.0 += e.n;
            sum.1 += e.value;
        }
        let cells: Vec<_> = cells.into_iter().collect();
        for chunk in cells.chunks(BATCH) {
            let mut b = sql::Builder::new(format!("INSERT INTO {table} ({key}, n, value) "));
            b.push_values(chunk, |mut t, (cell, (n, value))| {
                for k in cell {
                    t.push_bind(k.as_str());
                }
                t.push_bind(*n).push_bind(*value);
            });
            b.push(format!(
                " ON CONFLICT ({key}) DO UPDATE SET n = {table}.n + excluded.n, value = {table}.value + excluded.value"
            ));
            b.build().execute(&mut *db).await?;
        }
    }
    Ok(())
}

/// Forgets every counted row but the matched postings', and the roll-ups (before a recount).
pub async fn forget_counted(db: &mut Conn) -> sqlx::Result<()> {
    sql::query("DELETE FROM activity WHERE metric <> 'match'").execute(&mut *db).await?;
    for (table, _) in ROLLUPS {
        sql::query(format!("DELETE FROM {table}")).execute(&mut *db).await?;
    }
    Ok(())
}

/// Sums the whole activity log into the roll-ups again.
pub async fn roll_up(db: &mut Conn) -> sqlx::Result<()> {
    for (table, key) in ROLLUPS {
        sql::query(format!("DELETE FROM {table}")).execute(&mut *db).await?;
        sql::query(format!(
            "INSERT INTO {table} ({key}, n, value)
             SELECT {key}, CAST(SUM(n) AS BIGINT), CAST(SUM(value) AS BIGINT) FROM activity GROUP BY {key}"
        ))
        .execute(&mut *db)
        .await?;
    }
    Ok(())
}

fn day(d: Date) -> String {
    shared::dashboard::format_date(d)
}

/// Every published posting with its publication time, oldest first.
pub async fn published(db: &mut Conn) -> sqlx::Result<Vec<(i64, OffsetDateTime)>> {
    sql::query_as("SELECT id, published_at FROM postings WHERE published_at IS NOT NULL ORDER BY published_at, id")
        .fetch_all(db)
        .await
}

#[derive(sqlx::FromRow)]
pub struct TargetRow {
    pub code: String,
    pub label_zh: String,
    pub label_en: String,
    pub goal: i64,
    pub rule: String,
    pub manual_value: Option<i64>,
    pub manual_source: Option<String>,
    pub manual_as_of: Option<String>,
}

impl TargetRow {
    /// The stored rule; a row edited by hand into something unreadable counts as manual.
    pub fn rule(&self) -> TargetRule {
        serde_json::from_str(&self.rule).unwrap_or(TargetRule::Manual)
    }

    pub fn manual(&self) -> Option<ManualFigure> {
        let as_of = self.manual_as_of.as_deref().and_then(shared::dashboard::parse_date)?;
        Some(ManualFigure { value: self.manual_value?, source: self.manual_source.clone()?, as_of })
    }
}

const TARGET: &str =
    "SELECT code, label_zh, label_en, goal, rule, manual_value, manual_source, manual_as_of FROM plan_targets";

pub async fn targets(db: &mut Conn) -> sqlx::Result<Vec<TargetRow>> {
    sql::query_as(format!("{TARGET} ORDER BY sort_order, code")).fetch_all(db).await
}

pub async fn target(db: &mut Conn, code: &str) -> sqlx::Result<Option<TargetRow>> {
    sql::query_as(format!("{TARGET} WHERE code = $1")).bind(code).fetch_optional(db).await
}

pub async fn update_target(
    db: &mut Conn,
    code: &str,
    u: &TargetUpdate,
    user: i64,
    at: OffsetDateTime,
) -> sqlx::Result<()> {
    let rule = serde_json::to_string(&u.rule).unwrap_or_else(|_| r#"{"kind":"manual"}"#.into());
    sql::query(
        "UPDATE plan_targets SET goal = $2, rule = $3, manual_value = $4, manual_source = $5, manual_as_of = $6,
                updated_by = $7, updated_at = $8 WHERE code = $1",
    )
    .bind(code)
    .bind(u.goal)
    .bind(rule)
    .bind(u.manual.as_ref().map(|m| m.value))
    .bind(u.manual.as_ref().map(|m| m.source.clone()))
    .bind(u.manual.as_ref().map(|m| day(m.as_of)))
    .bind(user)
    .bind(at)
    .execute(db)
    .await?;
    Ok(())
}

/// The current value of a data rule; `None` for a manual one.
pub async fn count(db: &mut Conn, rule: &TargetRule) -> sqlx::Result<Option<i64>> {
    let n: (i64,) = match rule {
        TargetRule::Manual => return Ok(None),
        TargetRule::Orgs { subtype, tier } => {
            sql::query_as(
                "SELECT COUNT(*) FROM organizations o WHERE o.verified_at IS NOT NULL
                   AND ($1 IS NULL OR o.subtype = $1)
                   AND ($2 IS NULL OR EXISTS (SELECT 1 FROM org_tiers t WHERE t.org_id = o.id AND t.code = $2))",
            )
            .bind(subtype)
            .bind(tier)
            .fetch_one(db)
            .await?
        }
        TargetRule::OpenCallsWon => {
            sql::query_as("SELECT COUNT(*) FROM notices WHERE status = 'final' AND demand_id IS NOT NULL")
                .fetch_one(db)
                .await?
        }
        TargetRule::ScenariosPiloted => {
            // From the signed deals (indexed, fewer than the scenarios) to the postings they are
            // about or came from; CROSS JOIN keeps that order.
            sql::query_as(
                "SELECT COUNT(*) FROM (SELECT posting_id AS id FROM engagements WHERE stage IN ('signed', 'completed')
                                       UNION SELECT source_id FROM engagements WHERE stage IN ('signed', 'completed')) d
                 CROSS JOIN postings p
                 WHERE p.id = d.id AND p.kind = 'scenario' AND p.published_at IS NOT NULL",
            )
            .fetch_one(db)
            .await?
        }
        TargetRule::PilotZones { level } => {
            sql::query_as("SELECT COUNT(*) FROM taxonomy_terms WHERE kind = 'pilot_zone' AND ($1 IS NULL OR grp = $1)")
                .bind(level)
                .fetch_one(db)
                .await?
        }
    };
    Ok(Some(n.0))
}
