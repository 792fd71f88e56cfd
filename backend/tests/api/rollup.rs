//! The dashboard's activity, counted in Rust by the subscriber of the facts that count (and by its
//! recount for data written straight to the tables), gives the figures the database triggers it
//! replaced gave. The old triggers — migration 26 for SQLite, the schema's functions for
//! PostgreSQL, read from the migration files themselves — are installed beside it on shadow tables
//! (`old_activity…`), the same writes run, and the roll-ups are compared cell by cell.

use backend::db::{Db, sql};
use serde_json::json;

use crate::helpers::*;

const SQLITE_OLD: &str = include_str!("../../migrations/sqlite/20261129000026_dashboard.sql");
const POSTGRES_OLD: &str = include_str!("../../migrations/postgres/20261130000001_schema.sql");

/// `sql` with every identifier that starts with `activity` renamed `old_activity…`.
fn shadowed(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 1024);
    let mut prev: Option<char> = None;
    for (i, c) in sql.char_indices() {
        let starts_word = prev.is_none_or(|p| !(p.is_ascii_alphanumeric() || p == '_'));
        if starts_word && sql[i..].starts_with("activity") {
            out.push_str("old_");
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

/// The text of `whole` from the line starting with `from` up to (not including) `to`.
fn between<'a>(whole: &'a str, from: &str, to: &str) -> &'a str {
    let a = whole.find(from).unwrap_or_else(|| panic!("{from:?} is in the old migration"));
    let b = a + whole[a..].find(to).unwrap_or_else(|| panic!("{to:?} follows {from:?}"));
    &whole[a..b]
}

async fn run(db: &Db, script: &str) {
    match db {
        Db::Sqlite(pool) => sqlx::raw_sql(script).execute(pool).await.map(|_| ()),
        Db::Postgres(pool) => sqlx::raw_sql(script).execute(pool).await.map(|_| ()),
    }
    .unwrap_or_else(|e| panic!("installing the old triggers: {e}"));
}

/// Installs the old triggers on shadow tables, which start from what the log holds now (so the
/// two compare from here on).
pub(crate) async fn beside_the_old_triggers(db: &Db) {
    let script = match db {
        Db::Sqlite(_) => {
            let tables_and_rollup =
                between(SQLITE_OLD, "CREATE TABLE activity (", "-- What is already in the database");
            let triggers = between(SQLITE_OLD, "-- From now on", "-- Signed deals");
            shadowed(&format!("{tables_and_rollup}\n{triggers}"))
        }
        Db::Postgres(_) => {
            let tables = ["activity", "activity_weekly", "activity_domain_weekly", "activity_district_weekly"]
                .map(|t| format!("CREATE TABLE old_{t} (LIKE {t} INCLUDING ALL);"))
                .join("\n");
            let end = "FOR EACH ROW EXECUTE FUNCTION fm_entry();";
            let functions = between(POSTGRES_OLD, "-- The Monday of a moment's week", end);
            format!("{tables}\n{}{end}", shadowed(functions))
        }
    };
    run(db, &script).await;
    sql::query(
        "INSERT INTO old_activity (metric, at, week, domain, district, n, value, subject)
         SELECT metric, at, week, domain, district, n, value, subject FROM activity WHERE metric <> 'match' ORDER BY id",
    )
    .execute(db)
    .await
    .unwrap();
}

/// The roll-ups' non-zero cells (`key|…`, n, value), the matched postings aside (counted by the
/// same code before and after, outside the triggers).
async fn cells(db: &Db, prefix: &str) -> Vec<(String, i64, i64)> {
    let mut out = vec![];
    for (table, key) in [
        ("activity_weekly", "domain || '|' || metric || '|' || district || '|' || week"),
        ("activity_domain_weekly", "metric || '|' || week || '|' || domain"),
        ("activity_district_weekly", "metric || '|' || district || '|' || week"),
    ] {
        let rows: Vec<(String, i64, i64)> = sql::query_as(format!(
            "SELECT '{table}|' || {key}, n, value FROM {prefix}{table}
             WHERE metric <> 'match' AND (n <> 0 OR value <> 0) ORDER BY 1"
        ))
        .fetch_all(db)
        .await
        .unwrap();
        out.extend(rows);
    }
    out
}

/// Asserts the roll-ups hold what the old triggers counted; returns the number of cells compared.
pub(crate) async fn assert_counted_as_the_old_triggers_did(db: &Db) -> usize {
    let new = cells(db, "").await;
    let old = cells(db, "old_").await;
    let differ: Vec<_> =
        new.iter().filter(|c| !old.contains(c)).chain(old.iter().filter(|c| !new.contains(c))).collect();
    assert!(
        differ.is_empty(),
        "{} of {} cells differ, e.g. {:?}",
        differ.len(),
        new.len(),
        &differ[..differ.len().min(6)]
    );
    assert_eq!(new.len(), old.len());
    new.len()
}

/// Each metric's total in the finest roll-up.
async fn totals(db: &Db) -> std::collections::BTreeMap<String, i64> {
    let rows: Vec<(String, i64)> =
        sql::query_as("SELECT metric, CAST(SUM(n) AS BIGINT) FROM activity_weekly GROUP BY metric")
            .fetch_all(db)
            .await
            .unwrap();
    rows.into_iter().collect()
}

/// A database of its own (SQLite file, or PostgreSQL with `FUTUREMATCH_TEST_POSTGRES`), migrated,
/// the old triggers beside.
async fn database() -> (Db, tempfile::TempDir, Option<String>) {
    let dir = tempfile::tempdir().unwrap();
    let mut config = backend::Config::with_data_dir(dir.path().join("data"));
    config.database_url = fresh_postgres().await;
    let db = backend::db::connect(&config).await.unwrap();
    backend::db::migrate(&db).await.unwrap();
    beside_the_old_triggers(&db).await;
    (db, dir, config.database_url)
}

#[tokio::test]
async fn the_demo_data_counts_on_the_dashboard_as_the_old_triggers_counted_it() {
    let (db, _dir, postgres) = database().await;
    assert_eq!(backend::demo::seed(&db, true).await.unwrap(), backend::demo::Seeding::Loaded);
    let compared = assert_counted_as_the_old_triggers_did(&db).await;
    let totals = totals(&db).await;
    for metric in [
        "posting.demand",
        "posting.capability",
        "request",
        "accepted",
        "signed",
        "event",
        "attendance",
        "competition",
        "entry",
    ] {
        assert!(totals.get(metric).is_some_and(|n| *n > 0), "the demo has some {metric}: {totals:?}");
    }
    assert!(compared > 200, "{compared} cells");
    db.close().await;
    if let Some(url) = postgres {
        drop_postgres(&url).await;
    }
}

#[tokio::test]
async fn a_hundred_thousand_postings_count_on_the_dashboard_as_the_old_triggers_counted_them() {
    let (db, _dir, postgres) = database().await;
    let dialect = db.dialect();
    let numbers = |n: u32| format!("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {n})");
    // A moment in the three years from 2024, spread by `expr` (days) and over the day by the row.
    let moment = |expr: &str| {
        dialect.pick(
            format!("strftime('%Y-%m-%dT%H:%M:%SZ', '2024-01-01', '+' || ({expr}) || ' days', '+' || ((i * 7919) % 86400) || ' seconds')"),
            format!("TIMESTAMPTZ '2024-01-01 00:00:00+00' + ({expr}) * INTERVAL '1 day' + ((i * 7919) % 86400) * INTERVAL '1 second'"),
        )
    };
    let districts = ["shangcheng", "xihu", "binjiang", "yuhang", "xiaoshan", "qiantang"];
    let domains = backend::demo::DOMAINS;
    let pick = |expr: &str, values: &[&str]| {
        let arms: Vec<String> = values.iter().enumerate().map(|(k, v)| format!("WHEN {k} THEN '{v}'")).collect();
        format!("CASE ({expr}) % {} {} END", values.len(), arms.join(" "))
    };
    let mut tx = backend::db::begin_write(&db).await.unwrap();
    let statements = [
        format!(
            "{} INSERT INTO organizations (name_zh, kind, district, created_at, updated_at)
             SELECT '组织' || i, 'enterprise', {}, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z' FROM n",
            numbers(2000),
            pick("i", &[&districts[..], &[""]].concat()).replace("THEN ''", "THEN NULL"),
        ),
        // Unpublished first: the old trigger counts a publication, not an insert.
        format!(
            "{} INSERT INTO postings (kind, org_id, status, title_zh, summary_zh, district, type_code, spec, created_at, updated_at)
             SELECT {}, 1 + i % 2000, 'draft', '发布 ' || i, '摘要', CASE WHEN i % 3 = 0 THEN {} END, 'tech_problem', '{{}}', {d}, {d} FROM n",
            numbers(100_000),
            pick("i", &["demand", "capability", "scenario", "mandate"]),
            pick("i * 7", &districts),
            d = moment("i % 1060"),
        ),
        format!(
            "INSERT INTO posting_domains (posting_id, code, position) SELECT id, {}, 0 FROM postings WHERE id % 10 <> 0",
            pick("id", &domains)
        ),
        "UPDATE postings SET status = 'published', published_at = created_at WHERE id % 20 <> 0".into(),
        format!(
            "{} INSERT INTO engagements (from_org, to_org, posting_id, proposal, message, status, created_at, expires_at, updated_at)
             SELECT 1 + (p.org_id % 2000), p.org_id, p.id, 'joint_development', '洽谈', 'pending', {d}, {d}, {d}
             FROM n JOIN postings p ON p.id = i * 5 + 1",
            numbers(19_000),
            d = moment("i % 1060"),
        ),
        "UPDATE engagements SET status = 'accepted', stage = 'negotiating', answered_at = updated_at WHERE id % 2 = 0".into(),
        dialect
            .pick(
                "UPDATE engagements SET stage = 'signed', contract_value = 100 + id % 900,
                        signed_on = CASE WHEN id % 3 = 0 THEN date(updated_at) END WHERE id % 6 = 0",
                "UPDATE engagements SET stage = 'signed', contract_value = 100 + id % 900,
                        signed_on = CASE WHEN id % 3 = 0 THEN CAST(updated_at AS DATE) END WHERE id % 6 = 0",
            )
            .into(),
    ];
    for statement in &statements {
        sql::query(statement.as_str()).execute(&mut tx).await.unwrap_or_else(|e| panic!("{e}: {statement}"));
    }
    let counted = backend::dashboard::recount(&mut tx).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(counted, 95_000 + 19_000 + 9_500 + 3_166, "published, requested, accepted, signed");
    let compared = assert_counted_as_the_old_triggers_did(&db).await;
    assert!(compared > 10_000, "{compared} cells");
    let totals = totals(&db).await;
    assert_eq!(totals.get("signed"), Some(&3_166));
    db.close().await;
    if let Some(url) = postgres {
        drop_postgres(&url).await;
    }
}

#[tokio::test]
async fn events_moved_and_check_ins_undone_count_on_the_dashboard_as_the_old_triggers_counted_them() {
    let s = crate::events::setup().await;
    beside_the_old_triggers(&s.app.state.db).await;
    let input = |starts: &str, domains: &[&str]| {
        json!({"org_id": s.org, "title_zh": "未来产业路演", "description_zh": "路演", "event_type": "forum",
               "venue": "杭州", "starts_at": starts, "ends_at": "2099-06-01T09:00:00Z", "domains": domains, "capacity": 10})
    };
    let r = s
        .organizer
        .post(s.app.url("/api/v1/events"))
        .json(&input("2099-05-01T01:00:00Z", &["gen_ai"]))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), reqwest::StatusCode::CREATED);
    let id = body(r).await["id"].as_i64().unwrap();
    let put = |v: serde_json::Value| s.organizer.put(s.app.url(&format!("/api/v1/events/{id}"))).json(&v).send();
    // Moved to another week, then to another field, then edited without either: counted once, where it now is.
    assert_eq!(put(input("2099-05-20T01:00:00Z", &["gen_ai"])).await.unwrap().status(), reqwest::StatusCode::OK);
    assert_eq!(
        put(input("2099-05-20T01:00:00Z", &["quantum", "gen_ai"])).await.unwrap().status(),
        reqwest::StatusCode::OK
    );
    let mut same = input("2099-05-20T01:00:00Z", &["quantum", "gen_ai"]);
    same["venue"] = json!("杭州国际博览中心");
    assert_eq!(put(same).await.unwrap().status(), reqwest::StatusCode::OK);
    assert_counted_as_the_old_triggers_did(&s.app.state.db).await;
    let week: Vec<(String, String, i64)> = sql::query_as(
        "SELECT week, domain, CAST(SUM(n) AS BIGINT) FROM activity_weekly WHERE metric = 'event' GROUP BY week, domain HAVING SUM(n) <> 0 ORDER BY 1",
    )
    .fetch_all(&s.app.state.db)
    .await
    .unwrap();
    assert_eq!(week, vec![("2099-05-18".into(), "quantum".into(), 1)]);
}
