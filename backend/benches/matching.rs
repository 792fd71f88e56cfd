//! Matching at scale: the demo generator writes `FM_BENCH_PER_KIND` (default 100,000) postings of
//! each kind; the bench builds the index and measures top-20 matches for demands, bundles' three
//! lists, one incremental update, and — side by side — the same top-20 text query with SQLite FTS5
//! `bm25()` over the same segmented texts. Run: `cargo bench -p backend --bench matching`.

use std::hint::black_box;
use std::time::Instant;

use backend::demo::generate::{Vocabulary, organizations, postings};
use backend::matching::index::{Ask, Bag, MatchIndex};
use backend::matching::score::{DEFAULT_WEIGHTS, Interner, Profile, Related};
use backend::matching::text::{bag, rest_of};
use criterion::{Criterion, criterion_group, criterion_main};
use shared::market::{PostingInput, PostingKind};
use time::macros::date;

/// Counts the bytes allocated and not yet freed, to report what the index holds.
struct Counting;

static LIVE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

// SAFETY: forwards to the system allocator unchanged; only counts.
unsafe impl std::alloc::GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), std::sync::atomic::Ordering::Relaxed);
        // SAFETY: the caller's contract is passed on as is.
        unsafe { std::alloc::System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        LIVE.fetch_sub(layout.size(), std::sync::atomic::Ordering::Relaxed);
        // SAFETY: the caller's contract is passed on as is.
        unsafe { std::alloc::System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(new_size, std::sync::atomic::Ordering::Relaxed);
        LIVE.fetch_sub(layout.size(), std::sync::atomic::Ordering::Relaxed);
        // SAFETY: the caller's contract is passed on as is.
        unsafe { std::alloc::System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn live_mb() -> f64 {
    LIVE.load(std::sync::atomic::Ordering::Relaxed) as f64 / 1e6
}

fn per_kind() -> usize {
    std::env::var("FM_BENCH_PER_KIND").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000)
}

struct Corpus {
    index: MatchIndex,
    inputs: Vec<(i64, PostingInput)>,
    demands: Vec<i64>,
    fts: sqlx::SqlitePool,
    rt: tokio::runtime::Runtime,
}

fn corpus() -> Corpus {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let tax = rt.block_on(async {
        let pool = sqlx::SqlitePool::connect("sqlite::memory:").await.unwrap();
        sqlx::migrate!("./migrations/sqlite").run(&pool).await.unwrap();
        let mut conn = backend::db::Db::Sqlite(pool).acquire().await.unwrap();
        backend::taxonomy::load(&mut conn).await.unwrap()
    });
    let vocab = Vocabulary::load().unwrap();
    let orgs = organizations(&vocab, &tax, 7, 2000);
    let want = per_kind();
    let today = date!(2026 - 11 - 29);
    // The generator writes 30 % demands, 30 % capabilities, 20 % scenarios, 20 % mandates.
    let generated = postings(&vocab, &tax, &orgs, 7, today, want * 5);
    let mut counts = [0usize; 4];
    let mut inputs = vec![];
    for (i, p) in generated.into_iter().enumerate() {
        let k = match p.input.spec.kind() {
            PostingKind::Demand => 0,
            PostingKind::Capability => 1,
            PostingKind::Scenario => 2,
            PostingKind::Mandate => 3,
        };
        if counts[k] < want {
            counts[k] += 1;
            inputs.push((i as i64 + 1, p.org as i64, orgs[p.org].input.tiers.clone(), p.input));
        }
    }
    eprintln!("generated {counts:?} postings per kind");
    let started = Instant::now();
    let mut codes = Interner::default();
    let entries: Vec<(Profile, Bag)> = inputs
        .iter()
        .map(|(id, org, tiers, p)| {
            let b = bag(
                &p.title_zh,
                p.title_en.as_deref().unwrap_or(""),
                &p.keywords,
                &p.summary_zh,
                p.summary_en.as_deref().unwrap_or(""),
                &rest_of(p),
            );
            (Profile::from_input(*id, *org, tiers, p, &mut codes), Bag::Fresh(b))
        })
        .collect();
    eprintln!("segmented {} postings in {:.1} s", entries.len(), started.elapsed().as_secs_f64());
    let stored: Vec<(Profile, Bag)> = entries
        .iter()
        .map(|(p, b)| match b {
            Bag::Fresh(m) => (p.clone(), Bag::Stored(backend::matching::encode(m))),
            Bag::Stored(s) => (p.clone(), Bag::Stored(s.clone())),
        })
        .collect();
    let started = Instant::now();
    let before = live_mb();
    let mut index = MatchIndex::new();
    for chunk in stored.chunks(4096) {
        index.apply(chunk.to_vec(), &[]);
    }
    eprintln!("full index build from stored terms: {:.2} s", started.elapsed().as_secs_f64());
    eprintln!("memory held by the index: {:.0} MB", live_mb() - before);
    let fts = rt.block_on(async {
        let pool = sqlx::sqlite::SqlitePoolOptions::new().max_connections(1).connect("sqlite::memory:").await.unwrap();
        sqlx::query("CREATE VIRTUAL TABLE fts USING fts5(kind UNINDEXED, body)").execute(&pool).await.unwrap();
        let mut tx = pool.begin().await.unwrap();
        for (p, b) in &entries {
            let Bag::Fresh(m) = b else { continue };
            let body: Vec<&str> = m.iter().flat_map(|(t, w)| std::iter::repeat_n(t.as_str(), *w as usize)).collect();
            sqlx::query("INSERT INTO fts (rowid, kind, body) VALUES ($1, $2, $3)")
                .bind(p.id)
                .bind(p.kind.as_str())
                .bind(body.join(" "))
                .execute(&mut *tx)
                .await
                .unwrap();
        }
        tx.commit().await.unwrap();
        pool
    });
    let demands: Vec<i64> = inputs
        .iter()
        .filter(|(_, _, _, p)| p.spec.kind() == PostingKind::Demand)
        .map(|(id, ..)| *id)
        .step_by(487)
        .take(200)
        .collect();
    let inputs = inputs.into_iter().map(|(id, _, _, p)| (id, p)).collect();
    Corpus { index, inputs, demands, fts, rt }
}

fn matching(c: &mut Criterion) {
    let corpus = corpus();
    let no = |_: i64| false;
    let ask = Ask {
        weights: &DEFAULT_WEIGHTS,
        related: Related::builtin(),
        today: date!(2026 - 11 - 29),
        dismissed: &no,
        between: &|_, _| (0, 0),
    };
    let mut g = c.benchmark_group(format!("{} postings of each kind", per_kind()));
    let mut n = 0;
    g.bench_function("top-20 capabilities for a demand", |b| {
        b.iter(|| {
            n = (n + 1) % corpus.demands.len();
            black_box(corpus.index.top(corpus.demands[n], PostingKind::Capability, 20, &ask))
        })
    });
    g.bench_function("bundle inputs: top-10 of each of three kinds", |b| {
        b.iter(|| {
            n = (n + 1) % corpus.demands.len();
            for k in [PostingKind::Capability, PostingKind::Scenario, PostingKind::Mandate] {
                black_box(corpus.index.top(corpus.demands[n], k, 10, &ask));
            }
        })
    });
    // The same text query through SQLite FTS5 bm25(): the demand's terms, OR-ed.
    let queries: Vec<String> = corpus
        .demands
        .iter()
        .map(|id| {
            let p = &corpus.inputs.iter().find(|(i, _)| i == id).unwrap().1;
            let b = bag(&p.title_zh, p.title_en.as_deref().unwrap_or(""), &p.keywords, &p.summary_zh, "", &rest_of(p));
            b.keys().map(|t| format!("\"{}\"", t.replace('"', ""))).collect::<Vec<_>>().join(" OR ")
        })
        .collect();
    g.bench_function("FTS5 bm25 top-20 capabilities, same query", |b| {
        b.iter(|| {
            n = (n + 1) % queries.len();
            corpus.rt.block_on(async {
                let rows: Vec<(i64, f64)> = sqlx::query_as(
                    "SELECT rowid, bm25(fts) FROM fts WHERE fts MATCH $1 AND kind = 'capability' ORDER BY bm25(fts) LIMIT 20",
                )
                .bind(&queries[n])
                .fetch_all(&corpus.fts)
                .await
                .unwrap();
                black_box(rows)
            })
        })
    });
    g.finish();

    // Percentiles over many different demands (criterion reports means).
    let mut times = vec![];
    for _ in 0..10 {
        for d in &corpus.demands {
            let t = Instant::now();
            black_box(corpus.index.top(*d, PostingKind::Capability, 20, &ask));
            times.push(t.elapsed());
        }
    }
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q) as usize];
    eprintln!("top-20 capabilities over {} demand queries: p50 {:?}, p99 {:?}", times.len(), at(0.5), at(0.99));

    let mut index = corpus.index;
    let (id, input) = corpus.inputs[corpus.inputs.len() / 2].clone();
    let entry = (
        Profile::from_input(id, 1, &[], &input, &mut Interner::default()),
        Bag::Fresh(bag(&input.title_zh, "", &input.keywords, &input.summary_zh, "", &rest_of(&input))),
    );
    c.bench_function("incremental update of one posting", |b| b.iter(|| index.apply(vec![entry.clone()], &[])));
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = matching
}
criterion_main!(benches);
