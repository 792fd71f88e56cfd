//! SQL of the dashboard: the weekly activity roll-up (kept by triggers, see the migration) and the
//! plan targets.

use crate::db::Conn;
use crate::db::sql;
use shared::dashboard::{ManualFigure, TargetRule, TargetUpdate};
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

fn day(d: Date) -> String {
    shared::dashboard::format_date(d)
}

/// `posting` found at least one high-score match when it was published: counted once, under its
/// first 5+X field and its district (or its organization's).
pub async fn record_matched(db: &mut Conn, posting: i64, at: OffsetDateTime) -> sqlx::Result<()> {
    sql::query(
        "INSERT INTO activity (metric, at, week, domain, district, subject)
         SELECT 'match', $2, $3,
                COALESCE((SELECT d.code FROM posting_domains d WHERE d.posting_id = p.id ORDER BY d.position LIMIT 1), ''),
                COALESCE(p.district, o.district, ''), p.id
         FROM postings p JOIN organizations o ON o.id = p.org_id WHERE p.id = $1",
    )
    .bind(posting)
    .bind(at)
    .bind(day(shared::dashboard::week_of(crate::common::china::day(at))))
    .execute(db)
    .await?;
    Ok(())
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
