//! Ranking quality on the hand-written set in `tests/matching-eval/` (see its README): nDCG@10 and
//! recall@20 of the engine against BM25 text alone and field overlap alone, per demand and
//! candidate kind. `cargo xtask eval-matching` prints the report; a test checks the engine wins.

use std::collections::HashMap;
use std::path::Path;

use super::index::{Ask, Bag, MatchIndex};
use super::score::{DEFAULT_WEIGHTS, Profile, Related};
use super::text::bag;
use shared::market::PostingKind;

struct Item {
    profile: Profile,
    terms: HashMap<String, f32>,
    judgements: HashMap<i64, u8>,
}

fn numeric_id(code: &str) -> i64 {
    let n: i64 = code[1..].parse().unwrap_or(0);
    if code.starts_with('d') { 100_000 + n } else { n }
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
        if c.len() != 11 {
            return Err(format!("{}:{}: {} columns, expected 11", path.display(), n + 1, c.len()));
        }
        let id = numeric_id(c[0]);
        let (kind, domains, district, type_code, trl, amin, amax, stages, keywords, title, summary, judged);
        if demands {
            kind = PostingKind::Demand;
            (domains, district, type_code, trl, amin, amax) =
                (list(c[1]), c[2], c[3].to_owned(), num(c[4]), num(c[5]), num(c[6]));
            (stages, keywords, title, summary, judged) = (vec![], list(c[7]), c[8], c[9], c[10]);
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
        out.push(Item { terms: bag(title, "", &keywords, summary, "", ""), profile, judgements });
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
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quality {
    pub ndcg10: f64,
    pub recall20: f64,
}

#[derive(Debug, Clone)]
pub struct Report {
    pub demands: usize,
    pub candidates: usize,
    pub lists: usize,
    pub engine: Quality,
    pub bm25: Quality,
    pub fields: Quality,
}

impl Report {
    pub fn engine_wins(&self) -> bool {
        let (e, b, f) = (self.engine, self.bm25, self.fields);
        e.ndcg10 > b.ndcg10 && e.ndcg10 > f.ndcg10 && e.recall20 >= b.recall20 && e.recall20 >= f.recall20
    }
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "{} demands, {} candidates, {} judged lists (demand × kind)",
            self.demands, self.candidates, self.lists
        )?;
        writeln!(f, "{:<28} {:>9} {:>10}", "", "nDCG@10", "recall@20")?;
        for (label, q) in
            [("engine", self.engine), ("BM25 text alone", self.bm25), ("field overlap alone", self.fields)]
        {
            writeln!(f, "{label:<28} {:>9.3} {:>10.3}", q.ndcg10, q.recall20)?;
        }
        Ok(())
    }
}

/// Evaluates the engine and both baselines on the set in `dir`.
pub fn evaluate(dir: &Path) -> Result<Report, String> {
    let candidates = read(&dir.join("candidates.tsv"), false)?;
    let demands = read(&dir.join("demands.tsv"), true)?;
    let mut index = MatchIndex::new();
    index.apply(
        candidates.iter().chain(&demands).map(|i| (i.profile.clone(), Bag::Fresh(i.terms.clone()))).collect(),
        &[],
    );
    let no = |_: i64| false;
    let ask = Ask {
        weights: &DEFAULT_WEIGHTS,
        related: Related::builtin(),
        today: time::macros::date!(2026 - 11 - 29),
        dismissed: &no,
        between: &|_, _| (0, 0),
    };
    let kind_of: HashMap<i64, PostingKind> = candidates.iter().map(|c| (c.profile.id, c.profile.kind)).collect();
    let mut totals = [(0.0, 0.0); 3];
    let mut lists = 0;
    for d in &demands {
        for kind in [PostingKind::Capability, PostingKind::Scenario, PostingKind::Mandate] {
            let judged: HashMap<i64, u8> =
                d.judgements.iter().filter(|(id, _)| kind_of.get(id) == Some(&kind)).map(|(k, v)| (*k, *v)).collect();
            if judged.is_empty() {
                continue;
            }
            lists += 1;
            let pool: Vec<&Item> = candidates.iter().filter(|c| c.profile.kind == kind).collect();
            let engine: Vec<i64> = index.top(d.profile.id, kind, 20, &ask).into_iter().map(|(id, _)| id).collect();
            for (i, ranked) in [engine, bm25(&d.terms, &pool), fields(&d.profile, &pool)].iter().enumerate() {
                let (n, r) = measure(ranked, &judged);
                totals[i].0 += n;
                totals[i].1 += r;
            }
        }
    }
    let avg = |t: (f64, f64)| Quality { ndcg10: t.0 / lists.max(1) as f64, recall20: t.1 / lists.max(1) as f64 };
    Ok(Report {
        demands: demands.len(),
        candidates: candidates.len(),
        lists,
        engine: avg(totals[0]),
        bm25: avg(totals[1]),
        fields: avg(totals[2]),
    })
}
