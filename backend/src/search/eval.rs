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

/// The judged postings: the matching set's candidates and demands (Chinese only) and this set's own
/// postings (Chinese and English).
fn judged_postings(search_dir: &Path, matching_dir: &Path) -> Result<Vec<IndexDoc>, String> {
    let mut out = vec![];
    for (file, demands) in [("candidates.tsv", false), ("demands.tsv", true)] {
        for c in read(&matching_dir.join(file))? {
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

/// An FTS5 baseline: one virtual table, queries OR-ed over their tokens, ranked by BM25.
struct Fts {
    pool: SqlitePool,
    jieba: Option<TextAnalyzer>,
}

impl Fts {
    async fn new(docs: &[IndexDoc], jieba: Option<TextAnalyzer>) -> anyhow::Result<Fts> {
        let options = SqliteConnectOptions::from_str("sqlite::memory:")?;
        let pool = SqlitePoolOptions::new().max_connections(1).connect_with(options).await?;
        let tokenize = if jieba.is_some() { "unicode61" } else { "trigram" };
        sqlx::query(&format!(
            "CREATE VIRTUAL TABLE p USING fts5(title, keywords, summary, org, tokenize='{tokenize}')"
        ))
        .execute(&pool)
        .await?;
        let mut fts = Fts { pool, jieba };
        for d in docs {
            let title = fts.cut(&format!("{} {}", d.title_zh, d.title_en));
            let summary = fts.cut(&format!("{} {}", d.summary_zh, d.summary_en));
            let org = fts.cut(&format!("{} {}", d.org_name_zh, d.org_name_en));
            sqlx::query("INSERT INTO p (rowid, title, keywords, summary, org) VALUES (?, ?, ?, ?, ?)")
                .bind(d.id)
                .bind(title)
                .bind(fts.cut(&d.keywords))
                .bind(summary)
                .bind(org)
                .execute(&fts.pool)
                .await?;
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
        let sql = "SELECT rowid FROM p WHERE p MATCH ? ORDER BY bm25(p, 3.0, 2.0, 1.0, 0.5) LIMIT 20";
        match sqlx::query(sql).bind(terms.join(" OR ")).fetch_all(&self.pool).await {
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
    pub classes: Vec<(&'static str, usize)>,
    pub engine: Figures,
    pub parser: Figures,
    pub trigram: Figures,
    pub jieba: Figures,
    /// Each query's nDCG@10 per method, in the order of [`METHODS`].
    pub per_query: Vec<(String, [f64; 4])>,
}

pub const METHODS: [&str; 4] = ["engine", "query parser (before)", "FTS5 trigram", "FTS5 over jieba words"];

impl Report {
    fn methods(&self) -> [&Figures; 4] {
        [&self.engine, &self.parser, &self.trigram, &self.jieba]
    }

    /// The engine ahead of every baseline on nDCG@10 and recall@20, and no query left empty.
    pub fn engine_wins(&self) -> bool {
        let e = &self.engine;
        e.empty == 0.0
            && self.methods()[1..].iter().all(|b| e.all.ndcg10 > b.all.ndcg10 && e.all.recall20 >= b.all.recall20)
    }
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "{} queries, {} judged postings among {} (the rest: demo postings as distractors)",
            self.queries, self.judged, self.postings
        )?;
        writeln!(f, "{:<24} {:>8} {:>10} {:>8}", "", "nDCG@10", "recall@20", "empty")?;
        for (label, m) in METHODS.iter().zip(self.methods()) {
            writeln!(f, "{label:<24} {:>8.3} {:>10.3} {:>7.1}%", m.all.ndcg10, m.all.recall20, m.empty * 100.0)?;
        }
        writeln!(f, "\nnDCG@10 by way of typing")?;
        write!(f, "{:<24}", "")?;
        for (class, n) in &self.classes {
            write!(f, " {:>16}", format!("{class} ({n})"))?;
        }
        writeln!(f)?;
        for (label, m) in METHODS.iter().zip(self.methods()) {
            write!(f, "{label:<24}")?;
            for (_, q) in &m.by_class {
                write!(f, " {:>16.3}", q.ndcg10)?;
            }
            writeln!(f)?;
        }
        Ok(())
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

/// Evaluates the engine and the baselines on the queries in `search_dir` over the postings of
/// `search_dir` and `matching_dir` plus the demo's (loaded into a fresh database in `scratch`).
pub async fn evaluate(search_dir: &Path, matching_dir: &Path, scratch: &Path) -> Result<Report, String> {
    let judged = judged_postings(search_dir, matching_dir)?;
    let known: Vec<i64> = judged.iter().map(|d| d.id).collect();
    let queries = queries(search_dir, &known)?;
    let demo = demo_postings(scratch).await.map_err(|e| format!("demo data: {e:#}"))?;
    let corpus: Vec<IndexDoc> = demo.into_iter().chain(judged).collect();
    let index = SearchIndex::open(None).map_err(|e| e.to_string())?;
    index.rebuild(corpus.iter().cloned()).map_err(|e| e.to_string())?;
    let mut trigram = Fts::new(&corpus, None).await.map_err(|e| format!("FTS5 trigram: {e:#}"))?;
    let mut jieba = Fts::new(&corpus, Some(analyzers().search)).await.map_err(|e| format!("FTS5 jieba: {e:#}"))?;
    if let Ok(q) = std::env::var("EVAL_QUERY") {
        let title = |id: &i64| corpus.iter().find(|d| d.id == *id).map_or("?".into(), |d| d.title_zh.clone());
        let (hits, total, _) = index.search(&q, None, 10, 0).map_err(|e| e.to_string())?;
        eprintln!("engine ({total}):");
        hits.iter().for_each(|h| eprintln!("  {:>7} {:.2} {}", h.id, h.score, title(&h.id)));
        eprintln!("jieba FTS5:");
        jieba.search(&q).await.iter().take(10).for_each(|id| eprintln!("  {id:>7} {}", title(id)));
    }
    let mut runs: [Vec<(Vec<i64>, &Query)>; 4] = Default::default();
    for q in &queries {
        let engine = index.search(&q.text, None, 20, 0).map_err(|e| format!("{}: {e}", q.text))?;
        runs[0].push((engine.0.iter().map(|h| h.id).collect(), q));
        runs[1].push((index.parser_baseline(&q.text, 20), q));
        runs[2].push((trigram.search(&q.text).await, q));
        runs[3].push((jieba.search(&q.text).await, q));
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
        .map(|(i, q)| (q.text.clone(), [0, 1, 2, 3].map(|m| measure(&runs[m][i].0, &q.judged).0)))
        .collect();
    let [engine, parser, tri, jb] = runs.map(|r| figures(&r, &classes));
    Ok(Report {
        queries: queries.len(),
        judged: known.len(),
        postings: corpus.len(),
        classes,
        engine,
        parser,
        trigram: tri,
        jieba: jb,
        per_query,
    })
}
