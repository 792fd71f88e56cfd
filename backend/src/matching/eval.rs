//! Ranking quality on the hand-written set in `tests/matching-eval/` (see its README): nDCG@10 and
//! recall@20 of the engine against BM25 text alone and field overlap alone, per candidate kind,
//! twice: on the judged candidates alone and with the demo's postings mixed in as distractors
//! (loaded into a fresh database the way the platform loads them; unjudged counts as not relevant).
//! `cargo xtask eval-matching` prints the report; a test checks the engine wins on both corpora.

use std::collections::HashMap;
use std::path::Path;

use super::index::{Ask, Bag, MatchIndex};
use super::score::{DEFAULT_WEIGHTS, Profile, Related};
use super::text::bag;
use shared::market::PostingKind;

/// The kinds a demand is matched with, in the report's order.
pub const KINDS: [PostingKind; 3] = [PostingKind::Capability, PostingKind::Scenario, PostingKind::Mandate];

struct Item {
    profile: Profile,
    /// The Chinese title (demo postings: checked against the pooled judgements).
    title: String,
    terms: HashMap<String, f32>,
    judgements: HashMap<i64, u8>,
}

/// Judged ids sit far above the demo's: c012 → 1,000,012, d07 → 1,100,007.
fn numeric_id(code: &str) -> i64 {
    let n: i64 = code[1..].parse().unwrap_or(0);
    if code.starts_with('d') { 1_100_000 + n } else { 1_000_000 + n }
}

fn list(cell: &str) -> Vec<String> {
    cell.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

fn codes(list: &[String]) -> Vec<super::score::Code> {
    list.iter().map(|s| s.as_str().into()).collect()
}

fn num<T: std::str::FromStr>(cell: &str) -> Option<T> {
    cell.trim().parse().ok()
}

/// Reads one TSV file: header, then rows (demands carry one more column, the judgements).
fn read(path: &Path, demands: bool) -> Result<Vec<Item>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = vec![];
    for (n, line) in text.lines().enumerate().skip(1).filter(|(_, l)| !l.trim().is_empty()) {
        let c: Vec<&str> = line.split('\t').collect();
        // Demands may end with their round (funding demands).
        if c.len() != 11 && !(demands && c.len() == 12) {
            return Err(format!("{}:{}: {} columns, expected 11", path.display(), n + 1, c.len()));
        }
        let id = numeric_id(c[0]);
        let (kind, domains, district, type_code, trl, amin, amax, stages, keywords, title, summary, judged);
        if demands {
            kind = PostingKind::Demand;
            (domains, district, type_code, trl, amin, amax) =
                (list(c[1]), c[2], c[3].to_owned(), num(c[4]), num(c[5]), num(c[6]));
            (stages, keywords, title, summary, judged) =
                (c.get(11).map(|r| list(r)).unwrap_or_default(), list(c[7]), c[8], c[9], c[10]);
        } else {
            kind = PostingKind::parse(c[1]).ok_or_else(|| format!("{}:{}: kind {}", path.display(), n + 1, c[1]))?;
            (domains, district, type_code, trl, amin, amax) =
                (list(c[2]), c[3], String::new(), num(c[4]), num(c[5]), num(c[6]));
            (stages, keywords, title, summary, judged) = (list(c[7]), list(c[8]), c[9], c[10], "");
        }
        let mandate = kind == PostingKind::Mandate;
        let profile = Profile {
            id,
            kind,
            org_id: id,
            org_tiers: vec![],
            domains: codes(&domains),
            keywords: codes(&keywords),
            district: (!mandate && !district.is_empty()).then(|| district.into()),
            pilot_zone: None,
            type_code: type_code.into(),
            trl,
            amount_min: amin,
            amount_max: amax,
            negotiable: false,
            stages: codes(&stages),
            invest_districts: if mandate { codes(&list(district)) } else { vec![] },
            deadline: None,
            published: None,
        };
        let judgements = judged
            .split_whitespace()
            .filter_map(|j| {
                let (c, g) = j.split_once(':')?;
                Some((numeric_id(c), g.parse().ok()?))
            })
            .collect();
        out.push(Item {
            terms: bag(title, "", &keywords, summary, "", ""),
            title: title.to_owned(),
            profile,
            judgements,
        });
    }
    Ok(out)
}

/// nDCG@10 (gain 2^grade − 1) and recall@20 of grade ≥ 2, for one ranked list.
pub fn measure(ranked: &[i64], judged: &HashMap<i64, u8>) -> (f64, f64) {
    let gain = |g: u8| f64::from((1u32 << g) - 1);
    let dcg: f64 = ranked
        .iter()
        .take(10)
        .enumerate()
        .map(|(i, id)| gain(*judged.get(id).unwrap_or(&0)) / (i as f64 + 2.0).log2())
        .sum();
    let mut ideal: Vec<u8> = judged.values().copied().collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let idcg: f64 = ideal.iter().take(10).enumerate().map(|(i, g)| gain(*g) / (i as f64 + 2.0).log2()).sum();
    let relevant: Vec<i64> = judged.iter().filter(|(_, g)| **g >= 2).map(|(id, _)| *id).collect();
    let found = ranked.iter().take(20).filter(|id| relevant.contains(id)).count();
    let recall = if relevant.is_empty() { 1.0 } else { found as f64 / relevant.len() as f64 };
    (if idcg > 0.0 { dcg / idcg } else { 0.0 }, recall)
}

/// Plain BM25 of the demand's terms over the pool of one kind.
fn bm25(query: &HashMap<String, f32>, pool: &[&Item]) -> Vec<i64> {
    let n = pool.len() as f32;
    let avgdl = pool.iter().map(|d| d.terms.values().sum::<f32>()).sum::<f32>() / n.max(1.0);
    let df = |t: &str| pool.iter().filter(|d| d.terms.contains_key(t)).count() as f32;
    let mut scored: Vec<(f32, i64)> = pool
        .iter()
        .map(|d| {
            let len: f32 = d.terms.values().sum();
            let s: f32 = query
                .iter()
                .filter_map(|(t, q)| {
                    let tf = *d.terms.get(t)?;
                    let idf = (1.0 + (n - df(t) + 0.5) / (df(t) + 0.5)).ln();
                    Some(idf * q * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * len / avgdl)))
                })
                .sum();
            (s, d.profile.id)
        })
        .filter(|(s, _)| *s > 0.0)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, id)| id).collect()
}

/// Field overlap (Jaccard) alone.
fn fields(demand: &Profile, pool: &[&Item]) -> Vec<i64> {
    let mut scored: Vec<(f32, i64)> = pool
        .iter()
        .map(|d| {
            let shared = demand.domains.iter().filter(|x| d.profile.domains.contains(x)).count() as f32;
            let union = (demand.domains.len() + d.profile.domains.len()) as f32 - shared;
            (shared / union.max(1.0), d.profile.id)
        })
        .filter(|(s, _)| *s > 0.0)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, id)| id).collect()
}

/// nDCG@10 and recall@20 of one ranking method, averaged over the judged lists.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Quality {
    pub ndcg10: f64,
    pub recall20: f64,
}

/// The three methods in the report's order.
pub const METHODS: [&str; 3] = ["engine", "BM25 text alone", "field overlap alone"];

/// One corpus's figures: per candidate kind and over all lists, for each of [`METHODS`].
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub lists: usize,
    pub all: [Quality; 3],
    pub by_kind: Vec<(PostingKind, usize, [Quality; 3])>,
    /// The mandate lists of funding demands.
    pub funding: (usize, [Quality; 3]),
}

impl Table {
    /// The engine ahead of both baselines on nDCG@10 and not behind on recall@20, overall and for
    /// every kind.
    pub fn engine_wins(&self) -> bool {
        let wins =
            |q: &[Quality; 3]| (1..3).all(|b| q[0].ndcg10 > q[b].ndcg10 && q[0].recall20 >= q[b].recall20 - 1e-9);
        wins(&self.all) && self.by_kind.iter().all(|(_, _, q)| wins(q))
    }
}

#[derive(Debug, Clone)]
pub struct Report {
    pub demands: usize,
    pub funding_demands: usize,
    pub candidates: usize,
    pub distractors: usize,
    /// Demo postings judged for a demand (the pool of every method's top ranks; see the README).
    pub pooled: usize,
    /// Demands whose best (grade 3) candidates share at most one word of the demand's title and
    /// keywords: matched on meaning rather than on the words typed.
    pub different_words: usize,
    pub judged: Table,
    pub mixed: Table,
}

/// The budget with distractors: nDCG@10 ≥ 0.85 over all lists and ≥ 0.80 for every kind.
pub const BUDGET_ALL: f64 = 0.85;
pub const BUDGET_KIND: f64 = 0.80;

impl Report {
    pub fn engine_wins(&self) -> bool {
        self.judged.engine_wins() && self.mixed.engine_wins()
    }

    pub fn within_budget(&self) -> bool {
        self.mixed.all[0].ndcg10 >= BUDGET_ALL && self.mixed.by_kind.iter().all(|(_, _, q)| q[0].ndcg10 >= BUDGET_KIND)
    }
}

fn table(f: &mut std::fmt::Formatter<'_>, title: &str, t: &Table) -> std::fmt::Result {
    writeln!(f, "\n{title} — {} judged lists (demand × kind)", t.lists)?;
    write!(f, "{:<22}", "nDCG@10 / recall@20")?;
    let mut columns: Vec<String> = vec!["all".into()];
    columns.extend(t.by_kind.iter().map(|(k, n, _)| format!("{} ({n})", k.as_str())));
    columns.push(format!("funding→mandate ({})", t.funding.0));
    for c in &columns {
        write!(f, " {c:>24}")?;
    }
    writeln!(f)?;
    for (m, label) in METHODS.iter().enumerate() {
        write!(f, "{label:<22}")?;
        let mut cells = vec![t.all[m]];
        cells.extend(t.by_kind.iter().map(|(_, _, q)| q[m]));
        cells.push(t.funding.1[m]);
        for q in cells {
            write!(f, " {:>24}", format!("{:.3} / {:.3}", q.ndcg10, q.recall20))?;
        }
        writeln!(f)?;
    }
    Ok(())
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "{} demands ({} funding; {} whose best matches use different words), {} judged candidates, {} demo postings as distractors ({} demand–posting pairs of them judged from the methods' pooled top ranks)",
            self.demands, self.funding_demands, self.different_words, self.candidates, self.distractors, self.pooled
        )?;
        table(f, "judged candidates alone", &self.judged)?;
        table(f, "with the demo postings mixed in (pooled judgements; unjudged = not relevant)", &self.mixed)?;
        writeln!(
            f,
            "\nbudget with distractors (nDCG@10 ≥ {BUDGET_ALL} overall, ≥ {BUDGET_KIND} per kind): {}",
            if self.within_budget() { "met" } else { "NOT met" }
        )
    }
}

/// The published postings of a fresh installation with the demo data, as the matching index takes them.
async fn demo_items(data_dir: &Path) -> anyhow::Result<Vec<Item>> {
    let config = crate::config::Config::with_data_dir(data_dir);
    let db = crate::db::connect(&config).await?;
    crate::db::migrate(&db).await?;
    crate::demo::seed_if_first_start(&db).await?;
    let rows = super::store::published(&db, None, true).await?;
    db.close().await;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let title = r.texts[0].clone();
            match r.into_entry(true).0 {
                (profile, Bag::Fresh(terms)) => Some(Item { profile, title, terms, judgements: HashMap::new() }),
                (_, Bag::Stored(_)) => None,
            }
        })
        .collect())
}

/// One judgement of a pooled demo posting: where it was read (`file:line`), what it judges for (a
/// demand or a query), the posting, the grade.
pub struct Pooled {
    pub at: String,
    pub key: String,
    pub posting: i64,
    pub grade: u8,
}

/// Reads a pooled-judgements file (`key posting grade title` after a header line; see the
/// READMEs of the two sets). A posting whose title in `titles` is not the one judged is an error:
/// the demo generator changed and the pool must be judged again.
pub fn pooled_judgements(path: &Path, titles: &HashMap<i64, &str>) -> Result<Vec<Pooled>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = vec![];
    for (line, row) in text.lines().enumerate().skip(1).filter(|(_, l)| !l.trim().is_empty()) {
        let at = format!("{}:{}", path.display(), line + 1);
        let c: Vec<&str> = row.split('\t').collect();
        let [key, posting, grade, title] = c[..] else {
            return Err(format!("{at}: {} columns, expected 4", c.len()));
        };
        let posting: i64 = posting.parse().map_err(|_| format!("{at}: posting {posting}"))?;
        let grade: u8 = grade.parse().ok().filter(|g| *g <= 3).ok_or_else(|| format!("{at}: grade {grade}"))?;
        if titles.get(&posting) != Some(&title) {
            return Err(format!(
                "{at}: demo posting {posting} is now {:?}, judged as {title:?}: the demo changed, judge its pool again (see the README)",
                titles.get(&posting)
            ));
        }
        out.push(Pooled { at, key: key.to_owned(), posting, grade });
    }
    Ok(out)
}

/// Adds the pooled judgements of demo postings (`demo-judgements.tsv`) to the demands.
fn add_demo_judgements(path: &Path, demands: &mut [Item], demo: &[Item]) -> Result<usize, String> {
    let titles: HashMap<i64, &str> = demo.iter().map(|d| (d.profile.id, d.title.as_str())).collect();
    let pooled = pooled_judgements(path, &titles)?;
    for p in &pooled {
        let d = demands
            .iter_mut()
            .find(|d| d.profile.id == numeric_id(&p.key))
            .ok_or_else(|| format!("{}: unknown demand {}", p.at, p.key))?;
        if d.judgements.insert(p.posting, p.grade).is_some() {
            return Err(format!("{}: {} judges {} twice", p.at, p.key, p.posting));
        }
    }
    Ok(pooled.len())
}

/// The demand's title and keyword terms shared with its best candidates, at most.
fn overlap(d: &Item, best: &[&Item]) -> usize {
    let heavy = |i: &Item| -> Vec<String> {
        i.terms.iter().filter(|(_, w)| **w >= super::text::KEYWORD_WEIGHT).map(|(t, _)| t.clone()).collect()
    };
    let mine = heavy(d);
    best.iter().map(|c| heavy(c).iter().filter(|t| mine.contains(t)).count()).max().unwrap_or(0)
}

/// Ranks every judged list in one corpus (`pool`, with `others` in the index besides) with the
/// three methods.
fn measure_corpus(demands: &[Item], pool: &[&Item], others: &[&Item]) -> Table {
    let mut index = MatchIndex::new();
    let everything = pool.iter().copied().chain(demands).chain(others.iter().copied());
    index.apply(everything.map(|i| (i.profile.clone(), Bag::Fresh(i.terms.clone()))).collect(), &[]);
    let no = |_: i64| false;
    let ask = Ask {
        weights: &DEFAULT_WEIGHTS,
        related: Related::builtin(),
        today: time::macros::date!(2026 - 11 - 29),
        dismissed: &no,
        between: &|_, _| (0, 0),
    };
    let kind_of: HashMap<i64, PostingKind> = pool.iter().map(|c| (c.profile.id, c.profile.kind)).collect();
    let mut sums: HashMap<(usize, bool), (usize, [Quality; 3])> = HashMap::new();
    let mut add = |key: (usize, bool), i: usize, (n, r): (f64, f64)| {
        let e = sums.entry(key).or_default();
        e.1[i].ndcg10 += n;
        e.1[i].recall20 += r;
    };
    let mut counts: HashMap<(usize, bool), usize> = HashMap::new();
    for d in demands {
        let funding = &*d.profile.type_code == "funding";
        for (k, kind) in KINDS.iter().enumerate() {
            let judged: HashMap<i64, u8> =
                d.judgements.iter().filter(|(id, _)| kind_of.get(id) == Some(kind)).map(|(k, v)| (*k, *v)).collect();
            if judged.is_empty() {
                continue;
            }
            let of_kind: Vec<&Item> = pool.iter().filter(|c| c.profile.kind == *kind).copied().collect();
            let engine: Vec<i64> = index.top(d.profile.id, *kind, 20, &ask).into_iter().map(|(id, _)| id).collect();
            let funding_list = funding && *kind == PostingKind::Mandate;
            *counts.entry((k, false)).or_default() += 1;
            if funding_list {
                *counts.entry((k, true)).or_default() += 1;
            }
            if std::env::var_os("EVAL_VERBOSE").is_some() && !others.is_empty() {
                let shown: Vec<String> = engine
                    .iter()
                    .take(10)
                    .map(|id| match judged.get(id) {
                        Some(g) => format!("{}:{g}", id % 100_000),
                        None if *id >= 1_000_000 => format!("{}:0", id % 100_000),
                        None => format!("demo{id}"),
                    })
                    .collect();
                let (n, _) = measure(&engine, &judged);
                eprintln!("{n:.2} d{} {} → {}", d.profile.id % 100_000, kind.as_str(), shown.join(" "));
            }
            if let Ok(want) = std::env::var("EVAL_EXPLAIN")
                && want == format!("d{:02}:{}", d.profile.id % 100_000, kind.as_str())
                && !others.is_empty()
            {
                let mut show: Vec<i64> = engine.iter().take(10).copied().collect();
                let more: Vec<i64> =
                    judged.iter().filter(|(id, g)| **g >= 2 && !show.contains(id)).map(|(id, _)| *id).collect();
                show.extend(more);
                for id in show {
                    if let Some(s) = index.pair(d.profile.id, id, &ask) {
                        let parts: Vec<String> =
                            s.factors.iter().map(|f| format!("{:?}={:.2}×{}", f.factor, f.value, f.weight)).collect();
                        eprintln!(
                            "{:>3} {:>7} g{} {}",
                            s.score,
                            id % 100_000,
                            judged.get(&id).unwrap_or(&0),
                            parts.join(" ")
                        );
                    }
                }
            }
            let rankings = [engine, bm25(&d.terms, &of_kind), fields(&d.profile, &of_kind)];
            if let Some(pool_file) = std::env::var_os("EVAL_POOL").filter(|_| !others.is_empty()) {
                pool_out(&pool_file, d.profile.id, *kind, &rankings, &judged);
            }
            for (i, ranked) in rankings.iter().enumerate() {
                let q = measure(ranked, &judged);
                add((k, false), i, q);
                if funding_list {
                    add((k, true), i, q);
                }
            }
        }
    }
    let avg = |key: (usize, bool)| -> (usize, [Quality; 3]) {
        let n = counts.get(&key).copied().unwrap_or(0);
        let s = sums.get(&key).map(|e| e.1).unwrap_or_default();
        (n, s.map(|q| Quality { ndcg10: q.ndcg10 / n.max(1) as f64, recall20: q.recall20 / n.max(1) as f64 }))
    };
    let by_kind: Vec<(PostingKind, usize, [Quality; 3])> =
        KINDS.iter().enumerate().map(|(k, kind)| (*kind, avg((k, false)).0, avg((k, false)).1)).collect();
    let lists: usize = by_kind.iter().map(|(_, n, _)| n).sum();
    let mut all = [Quality::default(); 3];
    for (_, n, q) in &by_kind {
        for m in 0..3 {
            all[m].ndcg10 += q[m].ndcg10 * *n as f64 / lists.max(1) as f64;
            all[m].recall20 += q[m].recall20 * *n as f64 / lists.max(1) as f64;
        }
    }
    Table { lists, all, by_kind, funding: avg((2, true)) }
}

/// Appends to `file` the unjudged postings a method put high in one list (engine top 20, BM25 top
/// 10, field overlap top 5): the pool an outside judge grades (see the README).
fn pool_out(
    file: &std::ffi::OsStr,
    demand: i64,
    kind: PostingKind,
    rankings: &[Vec<i64>; 3],
    judged: &HashMap<i64, u8>,
) {
    use std::io::Write;
    let mut seen = std::collections::BTreeSet::<i64>::new();
    for (ranked, depth) in rankings.iter().zip([20, 10, 5]) {
        seen.extend(ranked.iter().take(depth).filter(|id| **id < 1_000_000 && !judged.contains_key(id)));
    }
    if let Ok(mut f) = std::fs::OpenOptions::new().create(true).append(true).open(file) {
        for id in seen {
            let _ = writeln!(f, "d{:02}\t{}\t{id}", demand % 100_000, kind.as_str());
        }
    }
}

/// Evaluates the engine and both baselines on the set in `dir`, alone and among the demo's
/// postings (loaded into a fresh database in `scratch`).
pub async fn evaluate(dir: &Path, scratch: &Path) -> Result<Report, String> {
    let candidates = read(&dir.join("candidates.tsv"), false)?;
    let mut demands = read(&dir.join("demands.tsv"), true)?;
    let demo = demo_items(scratch).await.map_err(|e| format!("demo data: {e:#}"))?;
    let pooled = add_demo_judgements(&dir.join("demo-judgements.tsv"), &mut demands, &demo)?;
    let judged_pool: Vec<&Item> = candidates.iter().collect();
    let (demo_demands, demo_rest): (Vec<&Item>, Vec<&Item>) =
        demo.iter().partition(|d| d.profile.kind == PostingKind::Demand);
    let mixed_pool: Vec<&Item> = candidates.iter().chain(demo_rest).collect();
    let by_id: HashMap<i64, &Item> = candidates.iter().map(|c| (c.profile.id, c)).collect();
    let different_words = demands
        .iter()
        .filter(|d| {
            let best: Vec<&Item> =
                d.judgements.iter().filter(|(_, g)| **g == 3).filter_map(|(id, _)| by_id.get(id).copied()).collect();
            !best.is_empty() && overlap(d, &best) <= 1
        })
        .count();
    Ok(Report {
        demands: demands.len(),
        funding_demands: demands.iter().filter(|d| &*d.profile.type_code == "funding").count(),
        candidates: candidates.len(),
        distractors: demo.len(),
        pooled,
        different_words,
        judged: measure_corpus(&demands, &judged_pool, &[]),
        // The demo's demands stay in the index: they shape its statistics as on the platform.
        mixed: measure_corpus(&demands, &mixed_pool, &demo_demands),
    })
}
