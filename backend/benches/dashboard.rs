//! The dashboard's figures at 100,000 postings and 1,000,000 recorded activity events, read from a
//! real SQLite file with the migrations applied: the requests recorded as the dashboard counts them,
//! the rest of the million written to the activity log, all rolled up. Then, once, the time the
//! dashboard's recount takes on that database.
//! Run: `cargo bench -p backend --bench dashboard`. The budget is a median ≤ 50 ms per endpoint.

use std::hint::black_box;

use backend::Config;
use backend::db::sql;
use backend::demo::{DISTRICTS, DOMAINS};
use criterion::{Criterion, criterion_group, criterion_main};
use shared::dashboard::ActivityQuery;

const METRICS: [&str; 12] = [
    "posting.demand",
    "posting.capability",
    "posting.scenario",
    "posting.mandate",
    "match",
    "request",
    "accepted",
    "signed",
    "event",
    "attendance",
    "competition",
    "entry",
];
const SUBTYPES: [&str; 6] = [
    "national_lab",
    "research_institute",
    "poc_center",
    "innovation_center",
    "innovation_consortium",
    "enterprise_tech_center",
];

/// `CASE <expr> WHEN 0 THEN 'a' … END` over `values`.
fn pick(expr: &str, values: &[&str]) -> String {
    let arms: Vec<String> = values.iter().enumerate().map(|(k, v)| format!("WHEN {k} THEN '{v}'")).collect();
    format!("CASE ({expr}) % {} {} END", values.len(), arms.join(" "))
}

fn numbers(n: u32) -> String {
    format!("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {n})")
}

/// 2,000 organizations, 100,000 published postings over three years, 20,000 requests (a third of
/// them signed), then recorded events up to 1,000,000.
async fn seed(db: &backend::db::Db) {
    let mut tx = backend::db::begin_write(db).await.unwrap();
    let day = |expr: &str| {
        format!(
            "strftime('%Y-%m-%dT%H:%M:%SZ', '2024-01-01', '+' || ({expr}) || ' days', '+' || (i % 86400) || ' seconds')"
        )
    };
    let statements = [
        format!(
            "{} INSERT INTO organizations (name_zh, kind, subtype, district, verified_at, created_at, updated_at)
             SELECT '组织' || i, {}, CASE WHEN i % 4 = 1 THEN {} END, {}, CASE WHEN i % 3 <> 0 THEN '2025-01-01T00:00:00Z' END,
                    '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z' FROM n",
            numbers(2000),
            pick("i", &["enterprise", "lab", "investor", "organizer"]),
            pick("i / 4", &SUBTYPES),
            pick("i", &DISTRICTS)
        ),
        "INSERT INTO org_tiers (org_id, code, position) SELECT id, 'high_tech', 0 FROM organizations WHERE kind = 'enterprise' AND id % 2 = 0".into(),
        "INSERT INTO org_tiers (org_id, code, position) SELECT id, 'kunpeng', 1 FROM organizations WHERE kind = 'enterprise' AND id % 60 = 0".into(),
        format!(
            "{} INSERT INTO postings (kind, org_id, status, title_zh, summary_zh, district, type_code, spec, created_at, updated_at, published_at)
             SELECT {}, 1 + i % 2000, 'published', '发布 ' || i, '摘要', {}, 'tech_problem', '{{}}', {d}, {d}, {d} FROM n",
            numbers(100_000),
            pick("i", &["demand", "capability", "scenario", "mandate"]),
            pick("i * 7", &DISTRICTS),
            d = day("i % 1060")
        ),
        format!("INSERT INTO posting_domains (posting_id, code, position) SELECT id, {}, 0 FROM postings", pick("id", &DOMAINS)),
        format!(
            "{} INSERT INTO engagements (from_org, to_org, posting_id, proposal, message, status, stage, contract_value,
                                         created_at, expires_at, updated_at)
             SELECT 1 + (p.org_id % 2000), p.org_id, p.id, 'joint_development', '洽谈', 'accepted',
                    CASE WHEN i % 3 = 0 THEN 'signed' ELSE 'negotiating' END, 100 + i % 900, {d}, {d}, {d}
             FROM n JOIN postings p ON p.id = i * 5",
            numbers(20_000),
            d = day("i % 1060")
        ),
    ];
    for sql in &statements {
        sql::query(sql).execute(&mut tx).await.unwrap();
    }
    // The requests, as counted when sent (the same rows before and after the counting moved from
    // triggers to Rust, so the figures read the same roll-ups).
    sql::query(
        "INSERT INTO activity (metric, at, week, domain, district, subject)
         SELECT 'request', e.created_at, date(e.created_at, '+8 hours', '-6 days', 'weekday 1'),
                COALESCE((SELECT d.code FROM posting_domains d WHERE d.posting_id = e.posting_id ORDER BY d.position LIMIT 1), ''),
                COALESCE(p.district, o.district, ''), e.id
         FROM engagements e JOIN postings p ON p.id = e.posting_id JOIN organizations o ON o.id = p.org_id ORDER BY e.id",
    )
    .execute(&mut tx)
    .await
    .unwrap();
    let (have,): (i64,) = sql::query_as("SELECT COUNT(*) FROM activity").fetch_one(&mut tx).await.unwrap();
    let rest = 1_000_000 - have as u32;
    let events = format!(
        "{} INSERT INTO activity (metric, at, week, domain, district, value)
         SELECT {m}, {d}, date({d}, '+8 hours', '-6 days', 'weekday 1'), {dom}, {dis}, CASE WHEN i % 12 = 7 THEN 300 ELSE 0 END FROM n",
        numbers(rest),
        m = pick("i", &METRICS),
        d = day("(i * 7919) % 1060"),
        dom = pick("i * 13", &[DOMAINS.as_slice(), &[""]].concat()),
        dis = pick("i * 17", &[DISTRICTS.as_slice(), &[""]].concat()),
    );
    sql::query(&events).execute(&mut tx).await.unwrap();
    backend::dashboard::roll_up(&mut tx).await.unwrap();
    tx.commit().await.unwrap();
    sql::query("ANALYZE").execute(db).await.unwrap();
}

fn dashboard(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let config = Config::with_data_dir(dir.path().join("data"));
    let db = rt.block_on(async {
        let db = backend::db::connect(&config).await.unwrap();
        backend::db::migrate(&db).await.unwrap();
        let started = std::time::Instant::now();
        seed(&db).await;
        let count = |sql: &'static str| {
            let db = db.clone();
            async move { sql::query_as::<(i64,)>(sql).fetch_one(&db).await.unwrap().0 }
        };
        eprintln!(
            "seeded {} postings, {} activity events ({} rows in the finest roll-up) in {:.1} s",
            count("SELECT COUNT(*) FROM postings").await,
            count("SELECT COUNT(*) FROM activity").await,
            count("SELECT COUNT(*) FROM activity_weekly").await,
            started.elapsed().as_secs_f64()
        );
        db
    });
    let tax = rt.block_on(async {
        let mut conn = db.acquire().await.unwrap();
        backend::taxonomy::load(&mut conn).await.unwrap()
    });
    rt.block_on(async {
        // Each target's rule on its own (median of 15), to see where the time goes.
        let mut conn = db.acquire().await.unwrap();
        for row in backend::dashboard::target_rules(&mut conn).await.unwrap() {
            let mut times: Vec<f64> = Vec::new();
            for _ in 0..15 {
                let t = std::time::Instant::now();
                black_box(backend::dashboard::count_rule(&mut conn, &row.rule()).await.unwrap());
                times.push(t.elapsed().as_secs_f64() * 1000.0);
            }
            times.sort_by(f64::total_cmp);
            eprintln!("target {:<24} {:>7.2} ms", row.code, times[7]);
        }
    });
    let today = time::macros::date!(2026 - 11 - 30);
    let mut g = c.benchmark_group("dashboard at 100,000 postings and 1,000,000 events");
    g.sample_size(30);
    let cases = [
        ("activity: last 26 weeks, all fields", ActivityQuery::default()),
        (
            "activity: 2026, one field",
            ActivityQuery { from: Some("2026-01-01".into()), domain: Some("quantum".into()), ..Default::default() },
        ),
        ("activity: three years, all fields", ActivityQuery { from: Some("2024-01-01".into()), ..Default::default() }),
    ];
    for (name, q) in cases {
        let period = q.parse(&tax, today).unwrap();
        g.bench_function(name, |b| {
            b.iter(|| {
                rt.block_on(async {
                    let mut conn = db.acquire().await.unwrap();
                    black_box(backend::dashboard::activity(&mut conn, &period, &tax).await.unwrap())
                })
            })
        });
    }
    g.bench_function("targets: the eight plan targets", |b| {
        b.iter(|| {
            rt.block_on(async {
                let mut conn = db.acquire().await.unwrap();
                black_box(backend::dashboard::target_rules(&mut conn).await.unwrap())
            })
        })
    });
    g.finish();
    rt.block_on(async {
        // Once: deriving the whole log again from the tables (what the demo and seeds use).
        let mut tx = backend::db::begin_write(&db).await.unwrap();
        let t = std::time::Instant::now();
        let n = backend::dashboard::recount(&mut tx).await.unwrap();
        tx.commit().await.unwrap();
        eprintln!("recount: {n} rows counted and rolled up in {:.2} s", t.elapsed().as_secs_f64());
    });
}

criterion_group!(benches, dashboard);
criterion_main!(benches);
