//! Search quality on the hand-written queries in `tests/search-eval/` (see its README): nDCG@10,
//! recall@20 and the share of queries that find nothing, for the engine and three baselines run on
//! the same corpus — the query parser search used before, SQLite FTS5 with its `trigram` tokenizer,
//! and FTS5 over jieba-segmented text. The corpus is the judged postings plus the demo's postings as
//! distractors, loaded the way the platform loads them (a fresh database, migrations, demo data).
//! `cargo xtask eval-search` prints the report; a test checks the engine wins.

use std::collections::HashMap;
use std::path::Path;
use std::str::FromStr;

use shared::market::PostingKind;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use sqlx::{Row, SqlitePool};
use tantivy::tokenizer::TextAnalyzer;

use super::index::analyzers;
use super::{IndexDoc, SearchIndex};
use crate::config::Config;
use crate::matching::eval::{Quality, measure};

/// Ids of the judged postings: `c012` → 1 000 012, `d05` → 1 100 005, `e07` → 1 200 007. They
/// come after the demo's (which keep theirs), as postings loaded into a running platform would: no
/// method gains from breaking ties by id.
fn numeric_id(code: &str) -> Option<i64> {
    let n: i64 = code.get(1..)?.parse().ok()?;
    let base = match code.as_bytes().first()? {
        b'c' => 1_000_000,
        b'd' => 1_100_000,
        b'e' => 1_200_000,
        _ => return None,
    };
    Some(base + n)
}

fn read(path: &Path) -> Result<Vec<Vec<String>>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(text
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::to_owned).collect())
        .collect())
}

/// The judged postings: the matching set's candidates and demands as they were when the queries
/// were judged (Chinese only; a copy, so that the matching set may grow and change its wording
/// without touching these judgements) and this set's own postings (Chinese and English).
fn judged_postings(search_dir: &Path) -> Result<Vec<IndexDoc>, String> {
    let mut out = vec![];
    for (file, demands) in [("matching-candidates.tsv", false), ("matching-demands.tsv", true)] {
        for c in read(&search_dir.join(file))? {
            let (kind, keywords, title, summary) = if demands {
                (Some(PostingKind::Demand), &c[7], &c[8], &c[9])
            } else {
                (PostingKind::parse(&c[1]), &c[8], &c[9], &c[10])
            };
            out.push(IndexDoc {
                id: numeric_id(&c[0]).ok_or(format!("{file}: id {}", c[0]))?,
                kind,
                keywords: keywords.replace(',', " "),
                title_zh: title.clone(),
                summary_zh: summary.clone(),
                ..IndexDoc::default()
            });
        }
    }
    for c in read(&search_dir.join("postings.tsv"))? {
        if c.len() != 7 {
            return Err(format!("postings.tsv: {} columns in {}", c.len(), c[0]));
        }
        out.push(IndexDoc {
            id: numeric_id(&c[0]).ok_or(format!("postings.tsv: id {}", c[0]))?,
            kind: PostingKind::parse(&c[1]),
            keywords: c[2].replace(',', " "),
            title_zh: c[3].clone(),
            title_en: c[4].clone(),
            summary_zh: c[5].clone(),
            summary_en: c[6].clone(),
            ..IndexDoc::default()
        });
    }
    Ok(out)
}

/// The published postings of a fresh installation with the demo data.
async fn demo_postings(data_dir: &Path) -> anyhow::Result<Vec<IndexDoc>> {
    let config = Config::with_data_dir(data_dir);
    let db = crate::db::connect(&config).await?;
    crate::db::migrate(&db).await?;
    crate::demo::seed_if_first_start(&db).await?;
    let docs = super::documents(&db, None).await?;
    db.close().await;
    Ok(docs)
}

struct Query {
    text: String,
    judged: HashMap<i64, u8>,
}

fn queries(dir: &Path, known: &[i64]) -> Result<Vec<Query>, String> {
    let mut out = vec![];
    for c in read(&dir.join("queries.tsv"))? {
        let mut judged = HashMap::new();
        for j in c.get(1).map_or("", String::as_str).split_whitespace() {
            let (code, grade) = j.split_once(':').ok_or(format!("queries.tsv: {j} in {}", c[0]))?;
            let id = numeric_id(code).filter(|id| known.contains(id)).ok_or(format!("queries.tsv: unknown {code}"))?;
            judged.insert(id, grade.parse().map_err(|_| format!("queries.tsv: grade {j}"))?);
        }
        if judged.is_empty() {
            return Err(format!("queries.tsv: {} judges nothing", c[0]));
        }
        out.push(Query { text: c[0].clone(), judged });
    }
    Ok(out)
}

/// Adds the pooled judgements of demo postings (`demo-judgements.tsv`) to the queries.
fn add_demo_judgements(path: &Path, queries: &mut [Query], demo: &[IndexDoc]) -> Result<usize, String> {
    let titles: HashMap<i64, &str> = demo.iter().map(|d| (d.id, d.title_zh.as_str())).collect();
    let pooled = crate::matching::eval::pooled_judgements(path, &titles)?;
    for p in &pooled {
        let q =
            queries.iter_mut().find(|q| q.text == p.key).ok_or_else(|| format!("{}: unknown query {}", p.at, p.key))?;
        if q.judged.insert(p.posting, p.grade).is_some() {
            return Err(format!("{}: {} judges {} twice", p.at, p.key, p.posting));
        }
    }
    Ok(pooled.len())
}

/// The way a query is typed, for the report's breakdown.
fn class(q: &str) -> &'static str {
    let latin = q.chars().filter(|c| c.is_ascii_alphabetic()).count();
    let cjk = q.chars().filter(|c| !c.is_ascii()).count();
    if cjk == 0 {
        "English"
    } else if latin > 0 {
        "mixed"
    } else if cjk > 14 || q.contains(['，', '、', '？']) {
        "sentence"
    } else {
        "Chinese words"
    }
}

/// The engine's fields and weights: title (zh, en), keywords, summary (zh, en), organization (zh, en).
const FIELD_WEIGHTS: [f64; 7] = [3.0, 3.0, 2.0, 1.0, 1.0, 0.5, 0.5];

/// An FTS5 baseline: the fields as columns of one table (FTS5's bm25 then normalises by the whole
/// row's length) or a table per field (each field normalised by its own length, as the engine
/// does); queries OR-ed over their tokens, ranked by BM25 with the engine's field weights.
struct Fts {
    pool: SqlitePool,
    jieba: Option<TextAnalyzer>,
    per_field: bool,
}

const COLUMNS: [&str; 7] = ["title_zh", "title_en", "keywords", "summary_zh", "summary_en", "org_zh", "org_en"];

impl Fts {
    async fn new(docs: &[IndexDoc], jieba: Option<TextAnalyzer>, per_field: bool) -> anyhow::Result<Fts> {
        let options = SqliteConnectOptions::from_str("sqlite::memory:")?;
        let pool = SqlitePoolOptions::new().max_connections(1).connect_with(options).await?;
        let tokenize = if jieba.is_some() { "unicode61" } else { "trigram" };
        let tables: Vec<String> = if per_field {
            (0..COLUMNS.len()).map(|i| format!("p{i} USING fts5(t")).collect()
        } else {
            vec![format!("p USING fts5({}", COLUMNS.join(", "))]
        };
        for t in &tables {
            sqlx::query(&format!("CREATE VIRTUAL TABLE {t}, tokenize='{tokenize}')")).execute(&pool).await?;
        }
        let mut fts = Fts { pool, jieba, per_field };
        let row = format!("INSERT INTO p (rowid, {}) VALUES (?{})", COLUMNS.join(", "), ", ?".repeat(COLUMNS.len()));
        for d in docs {
            let fields =
                [&d.title_zh, &d.title_en, &d.keywords, &d.summary_zh, &d.summary_en, &d.org_name_zh, &d.org_name_en];
            let cut: Vec<String> = fields.into_iter().map(|t| fts.cut(t)).collect();
            if per_field {
                for (i, text) in cut.into_iter().enumerate().filter(|(_, t)| !t.is_empty()) {
                    let insert = format!("INSERT INTO p{i} (rowid, t) VALUES (?, ?)");
                    sqlx::query(&insert).bind(d.id).bind(text).execute(&fts.pool).await?;
                }
            } else {
                let mut q = sqlx::query(&row).bind(d.id);
                for text in cut {
                    q = q.bind(text);
                }
                q.execute(&fts.pool).await?;
            }
        }
        Ok(fts)
    }

    /// Text as this table indexes it: as written (trigram) or jieba's words separated by spaces.
    fn cut(&mut self, text: &str) -> String {
        let Some(jieba) = &mut self.jieba else { return text.to_owned() };
        let mut words = vec![];
        let mut stream = jieba.token_stream(text);
        while stream.advance() {
            words.push(stream.token().text.clone());
        }
        words.join(" ")
    }

    async fn search(&mut self, text: &str) -> Vec<i64> {
        let terms: Vec<String> = self
            .cut(text)
            .split_whitespace()
            .filter(|t| t.chars().any(char::is_alphanumeric))
            .filter(|t| self.jieba.is_some() || t.chars().count() >= 3)
            .map(|t| format!("\"{}\"", t.replace('"', "")))
            .collect();
        if terms.is_empty() {
            return vec![];
        }
        let weights = FIELD_WEIGHTS.map(|w| w.to_string());
        let sql = if self.per_field {
            let parts: Vec<String> = weights
                .iter()
                .enumerate()
                .map(|(i, w)| format!("SELECT rowid AS id, {w} * bm25(p{i}) AS s FROM p{i} WHERE p{i} MATCH ?1"))
                .collect();
            format!("SELECT id FROM ({}) GROUP BY id ORDER BY SUM(s), id LIMIT 100", parts.join(" UNION ALL "))
        } else {
            format!("SELECT rowid FROM p WHERE p MATCH ?1 ORDER BY bm25(p, {}), rowid LIMIT 100", weights.join(", "))
        };
        match sqlx::query(&sql).bind(terms.join(" OR ")).fetch_all(&self.pool).await {
            Ok(rows) => rows.iter().map(|r| r.get::<i64, _>(0)).collect(),
            Err(_) => vec![],
        }
    }
}

/// One method's figures: overall and per way of typing.
#[derive(Debug, Clone)]
pub struct Figures {
    pub all: Quality,
    /// Queries with a relevant posting that found nothing, as a share of all queries.
    pub empty: f64,
    pub by_class: Vec<(&'static str, Quality)>,
}

#[derive(Debug, Clone)]
pub struct Report {
    pub queries: usize,
    pub judged: usize,
    pub postings: usize,
    /// Demo postings judged for a query (the pool of every method's top ranks; see the README).
    pub pooled: usize,
    pub classes: Vec<(&'static str, usize)>,
    /// Each method's figures, the engine first, in the order of [`METHODS`].
    pub methods: Vec<Figures>,
    /// Each method's figures over the judged postings alone: its ranking with the demo postings
    /// taken out (the demo covers the same technologies; unjudged, its relevant postings count as
    /// misses above).
    pub judged_alone: Vec<Quality>,
    /// Each query's nDCG@10 per method.
    pub per_query: Vec<(String, Vec<f64>)>,
}

/// The budget with distractors: nDCG@10 at least this, and no query left without an answer.
pub const BUDGET: f64 = 0.85;

pub const METHODS: [&str; 5] =
    ["engine", "query parser (before)", "FTS5 trigram", "FTS5 jieba, one row", "FTS5 jieba, per field"];

impl Report {
    /// The engine ahead of every baseline on nDCG@10 and recall@20, among the distractors and on
    /// the judged postings alone, and no query left empty.
    pub fn engine_wins(&self) -> bool {
        let e = &self.methods[0];
        let alone = &self.judged_alone[0];
        e.empty == 0.0
            && self.methods[1..].iter().all(|b| e.all.ndcg10 > b.all.ndcg10 && e.all.recall20 >= b.all.recall20)
            && self.judged_alone[1..].iter().all(|b| alone.ndcg10 > b.ndcg10 && alone.recall20 >= b.recall20)
    }
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "{} queries, {} judged postings among {} (the rest: demo postings as distractors, {} query–posting pairs of them judged from the methods' pooled top ranks)",
            self.queries, self.judged, self.postings, self.pooled
        )?;
        writeln!(f, "{:<24} {:>8} {:>10} {:>8}", "", "nDCG@10", "recall@20", "empty")?;
        for (label, m) in METHODS.iter().zip(&self.methods) {
            writeln!(f, "{label:<24} {:>8.3} {:>10.3} {:>7.1}%", m.all.ndcg10, m.all.recall20, m.empty * 100.0)?;
        }
        writeln!(f, "\nnDCG@10 by way of typing")?;
        write!(f, "{:<24}", "")?;
        for (class, n) in &self.classes {
            write!(f, " {:>16}", format!("{class} ({n})"))?;
        }
        writeln!(f)?;
        for (label, m) in METHODS.iter().zip(&self.methods) {
            write!(f, "{label:<24}")?;
            for (_, q) in &m.by_class {
                write!(f, " {:>16.3}", q.ndcg10)?;
            }
            writeln!(f)?;
        }
        writeln!(f, "\nthe judged postings alone (each ranking with the demo postings taken out)")?;
        writeln!(f, "{:<24} {:>8} {:>10}", "", "nDCG@10", "recall@20")?;
        for (label, q) in METHODS.iter().zip(&self.judged_alone) {
            writeln!(f, "{label:<24} {:>8.3} {:>10.3}", q.ndcg10, q.recall20)?;
        }
        let e = &self.methods[0];
        writeln!(
            f,
            "\nbudget with distractors (nDCG@10 ≥ {BUDGET}, no query without an answer): {}",
            if e.all.ndcg10 >= BUDGET && e.empty == 0.0 { "met" } else { "NOT met" }
        )
    }
}

fn figures(results: &[(Vec<i64>, &Query)], classes: &[(&'static str, usize)]) -> Figures {
    let mut sum = HashMap::<&str, (f64, f64)>::new();
    let mut empty = 0;
    for (ranked, q) in results {
        let (n, r) = measure(ranked, &q.judged);
        for key in ["all", class(&q.text)] {
            let s = sum.entry(key).or_default();
            s.0 += n;
            s.1 += r;
        }
        empty += usize::from(ranked.is_empty());
    }
    let avg = |key: &str, count: usize| {
        let (n, r) = sum.get(key).copied().unwrap_or_default();
        Quality { ndcg10: n / count.max(1) as f64, recall20: r / count.max(1) as f64 }
    };
    Figures {
        all: avg("all", results.len()),
        empty: empty as f64 / results.len().max(1) as f64,
        by_class: classes.iter().map(|(c, n)| (*c, avg(c, *n))).collect(),
    }
}

/// Writes to `file` the unjudged postings some method put high for a query (the engine's top 15,
/// each baseline's top 10): the pool an outside judge grades (see the README).
fn pool_out(file: &std::ffi::OsStr, queries: &[Query], runs: &[Vec<Vec<i64>>]) {
    let mut out = String::new();
    for (i, q) in queries.iter().enumerate() {
        let mut seen = std::collections::BTreeSet::<i64>::new();
        for (m, run) in runs.iter().enumerate() {
            let depth = if m == 0 { 15 } else { 10 };
            seen.extend(run[i].iter().take(depth).filter(|id| **id < 1_000_000 && !q.judged.contains_key(id)));
        }
        for id in seen {
            out.push_str(&format!("{}\t{id}\n", q.text));
        }
    }
    let _ = std::fs::write(file, out);
}

/// Evaluates the engine and the baselines on the queries in `search_dir` over the postings of
/// `search_dir` plus the demo's (loaded into a fresh database in `scratch`).
pub async fn evaluate(search_dir: &Path, scratch: &Path) -> Result<Report, String> {
    let judged = judged_postings(search_dir)?;
    let known: Vec<i64> = judged.iter().map(|d| d.id).collect();
    let mut queries = queries(search_dir, &known)?;
    let demo = demo_postings(scratch).await.map_err(|e| format!("demo data: {e:#}"))?;
    let pooled = add_demo_judgements(&search_dir.join("demo-judgements.tsv"), &mut queries, &demo)?;
    // Every posting has an organization: the judged ones get a demo organization of their kind, so
    // that no method gains from their texts being shorter.
    let judged: Vec<IndexDoc> = judged
        .into_iter()
        .enumerate()
        .map(|(n, mut d)| {
            let same: Vec<&IndexDoc> = demo.iter().filter(|x| x.kind == d.kind).collect();
            if let Some(owner) = same.get(n * 7 % same.len().max(1)) {
                d.org_name_zh.clone_from(&owner.org_name_zh);
                d.org_name_en.clone_from(&owner.org_name_en);
            }
            d
        })
        .collect();
    let corpus: Vec<IndexDoc> = demo.into_iter().chain(judged).collect();
    let index = SearchIndex::open(None).map_err(|e| e.to_string())?;
    index.rebuild(corpus.iter().cloned()).map_err(|e| e.to_string())?;
    let mut one_row =
        Fts::new(&corpus, Some(analyzers().search), false).await.map_err(|e| format!("FTS5 jieba: {e:#}"))?;
    if let Ok(q) = std::env::var("EVAL_QUERY") {
        // Debugging one query (or several, `|`-separated): the engine's and the best baseline's top ten.
        for q in q.split('|') {
            let judged = queries.iter().find(|x| x.text == q).map(|x| x.judged.clone()).unwrap_or_default();
            let line = |id: &i64| {
                let d = corpus.iter().find(|d| d.id == *id);
                let grade = judged.get(id).map_or("-".into(), |g| g.to_string());
                format!("{grade} {id:>7} {}", d.map_or("?".into(), |d| d.title_zh.clone()))
            };
            let (hits, total, _) = index.search(q, None, 10, 0).map_err(|e| e.to_string())?;
            eprintln!("\n{q} — engine ({total}):");
            hits.iter().for_each(|h| eprintln!("  {:.2} {}", h.score, line(&h.id)));
            eprintln!("FTS5 jieba, one row:");
            one_row.search(q).await.iter().take(10).for_each(|id| eprintln!("       {}", line(id)));
            let missed: Vec<String> = judged.keys().filter(|id| !hits.iter().any(|h| h.id == **id)).map(line).collect();
            eprintln!("judged, not in the engine's ten: {missed:?}");
        }
        return Err("EVAL_QUERY: no figures".into());
    }
    let mut trigram = Fts::new(&corpus, None, false).await.map_err(|e| format!("FTS5 trigram: {e:#}"))?;
    let mut per_field =
        Fts::new(&corpus, Some(analyzers().search), true).await.map_err(|e| format!("FTS5 jieba: {e:#}"))?;
    let mut runs: Vec<Vec<Vec<i64>>> = vec![vec![]; METHODS.len()];
    for q in &queries {
        // A hundred each: enough to rank the judged postings alone once the demo's are taken out.
        let engine = index.search(&q.text, None, 100, 0).map_err(|e| format!("{}: {e}", q.text))?;
        runs[0].push(engine.0.iter().map(|h| h.id).collect());
        runs[1].push(index.parser_baseline(&q.text, 100));
        runs[2].push(trigram.search(&q.text).await);
        runs[3].push(one_row.search(&q.text).await);
        runs[4].push(per_field.search(&q.text).await);
    }
    if let Some(file) = std::env::var_os("EVAL_POOL") {
        pool_out(&file, &queries, &runs);
    }
    let mut classes: Vec<(&'static str, usize)> = vec![];
    for q in &queries {
        match classes.iter_mut().find(|(c, _)| *c == class(&q.text)) {
            Some(c) => c.1 += 1,
            None => classes.push((class(&q.text), 1)),
        }
    }
    let per_query = queries
        .iter()
        .enumerate()
        .map(|(i, q)| (q.text.clone(), runs.iter().map(|r| measure(&r[i], &q.judged).0).collect()))
        .collect();
    let methods = runs
        .iter()
        .map(|r| figures(&r.iter().zip(&queries).map(|(ids, q)| (ids.clone(), q)).collect::<Vec<_>>(), &classes))
        .collect();
    let judged_ids: std::collections::HashSet<i64> = known.iter().copied().collect();
    // The judged postings alone: their own judgements, without the demo's pooled ones.
    let alone: Vec<Query> = queries
        .iter()
        .map(|q| Query {
            text: q.text.clone(),
            judged: q.judged.iter().filter(|(id, _)| judged_ids.contains(id)).map(|(k, v)| (*k, *v)).collect(),
        })
        .collect();
    let judged_alone = runs
        .iter()
        .map(|r| {
            let only: Vec<(Vec<i64>, &Query)> = r
                .iter()
                .zip(&alone)
                .map(|(ids, q)| (ids.iter().copied().filter(|id| judged_ids.contains(id)).collect(), q))
                .collect();
            figures(&only, &classes).all
        })
        .collect();
    Ok(Report {
        queries: queries.len(),
        judged: known.len(),
        postings: corpus.len(),
        pooled,
        classes,
        methods,
        judged_alone,
        per_query,
    })
}
