//! Judge assignment: every entry gets `k` judges from the stage's panel, never one with a conflict
//! of interest (same organization, a declared conflict, a team member), loads balanced, expertise
//! fitting the entry's track — solved as a min-cost flow. [`greedy`] (each entry in turn takes the
//! best-fitting judges still free) is the baseline it is compared with. Pure: no I/O.

use std::collections::VecDeque;

/// A judge of the panel.
#[derive(Debug, Clone, PartialEq)]
pub struct Judge {
    pub user: i64,
    /// Fields (5+X codes) of expertise.
    pub domains: Vec<String>,
    pub keywords: Vec<String>,
    /// Organizations they may not judge: their affiliation, past employers, declared conflicts.
    pub conflicts: Vec<i64>,
}

/// An entry to be judged.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The track's field.
    pub domain: String,
    pub keywords: Vec<String>,
    /// The team's organizations and members (users).
    pub orgs: Vec<i64>,
    pub members: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub judges: Vec<Judge>,
    pub entries: Vec<Entry>,
    /// Judges per entry.
    pub k: usize,
}

/// Why no assignment exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AssignError {
    /// Entry `entry` has only `available` judges without a conflict, fewer than `k`.
    TooFewJudges { entry: usize, available: usize },
}

/// Per entry, the indices of its judges.
pub type Assignment = Vec<Vec<usize>>;

/// Whether `j` may not judge `e`.
pub fn conflicted(j: &Judge, e: &Entry) -> bool {
    e.members.contains(&j.user) || j.conflicts.iter().any(|o| e.orgs.contains(o))
}

/// How well `j`'s expertise fits `e`, 0–100: the track's field (60), shared keywords (10 each, up
/// to 40).
pub fn fit(j: &Judge, e: &Entry) -> u32 {
    let field = if j.domains.contains(&e.domain) { 60 } else { 0 };
    let shared = e.keywords.iter().filter(|k| j.keywords.contains(k)).count().min(4) as u32;
    field + 10 * shared
}

/// The most entries any judge gets when loads are as even as they can be.
pub fn balanced_load(p: &Problem) -> usize {
    if p.judges.is_empty() { 0 } else { (p.entries.len() * p.k).div_ceil(p.judges.len()) }
}

/// The sum of the fits of all assigned pairs.
pub fn total_fit(p: &Problem, a: &Assignment) -> u64 {
    a.iter().enumerate().flat_map(|(e, js)| js.iter().map(move |j| u64::from(fit(&p.judges[*j], &p.entries[e])))).sum()
}

/// Every entry has at least `k` judges without a conflict, or the first one that has not.
fn check_panel(p: &Problem) -> Result<(), AssignError> {
    for (i, e) in p.entries.iter().enumerate() {
        let available = p.judges.iter().filter(|j| !conflicted(j, e)).count();
        if available < p.k {
            return Err(AssignError::TooFewJudges { entry: i, available });
        }
    }
    Ok(())
}

/// The assignment with the most expertise fit among those with balanced loads (no judge above
/// [`balanced_load`], raised only as far as conflicts force it).
pub fn assign(p: &Problem) -> Result<Assignment, AssignError> {
    check_panel(p)?;
    let need = p.entries.len() * p.k;
    let mut cap = balanced_load(p);
    loop {
        if let Some(a) = flow(p, cap)
            && a.iter().map(Vec::len).sum::<usize>() == need
        {
            return Ok(a);
        }
        // Conflicts concentrate the work on fewer judges: allow one more entry each.
        cap += 1;
        if cap > p.entries.len() {
            // Cannot happen after `check_panel`, but never loop forever.
            return Err(AssignError::TooFewJudges { entry: 0, available: 0 });
        }
    }
}

/// The baseline: entries in order, each taking the `k` best-fitting judges without a conflict that
/// are below the balanced load (above it only when none is left).
pub fn greedy(p: &Problem) -> Result<Assignment, AssignError> {
    check_panel(p)?;
    let cap = balanced_load(p);
    let mut load = vec![0usize; p.judges.len()];
    let mut out = Vec::with_capacity(p.entries.len());
    for e in &p.entries {
        let mut candidates: Vec<usize> = (0..p.judges.len()).filter(|j| !conflicted(&p.judges[*j], e)).collect();
        candidates.sort_by_key(|j| (load[*j] >= cap, std::cmp::Reverse(fit(&p.judges[*j], e)), load[*j], *j));
        let chosen: Vec<usize> = candidates.into_iter().take(p.k).collect();
        for j in &chosen {
            load[*j] += 1;
        }
        out.push(chosen);
    }
    Ok(out)
}

/// One residual edge.
struct Edge {
    to: usize,
    cap: i32,
    cost: i64,
}

/// A flow network with successive shortest paths (Bellman–Ford queue: the residual costs go negative).
struct Network {
    edges: Vec<Edge>,
    out: Vec<Vec<usize>>,
}

impl Network {
    fn new(nodes: usize) -> Self {
        Network { edges: vec![], out: vec![vec![]; nodes] }
    }

    fn add(&mut self, from: usize, to: usize, cap: i32, cost: i64) -> usize {
        let id = self.edges.len();
        self.edges.push(Edge { to, cap, cost });
        self.out[from].push(id);
        self.edges.push(Edge { to: from, cap: 0, cost: -cost });
        self.out[to].push(id + 1);
        id
    }

    /// Pushes one unit at a time along the cheapest path from `s` to `t` until none is left.
    fn min_cost_max_flow(&mut self, s: usize, t: usize) {
        let n = self.out.len();
        loop {
            let mut dist = vec![i64::MAX; n];
            let mut via = vec![usize::MAX; n];
            let mut queued = vec![false; n];
            let mut queue = VecDeque::from([s]);
            dist[s] = 0;
            while let Some(u) = queue.pop_front() {
                queued[u] = false;
                for &id in &self.out[u] {
                    let e = &self.edges[id];
                    if e.cap > 0 && dist[u] + e.cost < dist[e.to] {
                        dist[e.to] = dist[u] + e.cost;
                        via[e.to] = id;
                        if !queued[e.to] {
                            queued[e.to] = true;
                            queue.push_back(e.to);
                        }
                    }
                }
            }
            if dist[t] == i64::MAX {
                return;
            }
            let mut v = t;
            while v != s {
                let id = via[v];
                self.edges[id].cap -= 1;
                self.edges[id ^ 1].cap += 1;
                v = self.edges[id ^ 1].to;
            }
        }
    }
}

/// The min-cost flow with judges' loads capped at `cap`: source → entry (k) → judge (1, cost by
/// fit; no edge for a conflict) → sink (one unit edge per load step, each a little dearer, so equal
/// fits go to the less loaded judge).
fn flow(p: &Problem, cap: usize) -> Option<Assignment> {
    let (ne, nj) = (p.entries.len(), p.judges.len());
    let (s, t) = (ne + nj, ne + nj + 1);
    let mut net = Network::new(ne + nj + 2);
    let mut pairs = vec![];
    for (i, e) in p.entries.iter().enumerate() {
        net.add(s, i, i32::try_from(p.k).ok()?, 0);
        for (j, judge) in p.judges.iter().enumerate() {
            if !conflicted(judge, e) {
                let cost = i64::from(100 - fit(judge, e).min(100)) * 1000;
                pairs.push((i, j, net.add(i, ne + j, 1, cost)));
            }
        }
    }
    for j in 0..nj {
        for step in 0..cap {
            net.add(ne + j, t, 1, step as i64);
        }
    }
    net.min_cost_max_flow(s, t);
    let mut out = vec![vec![]; ne];
    for (i, j, id) in pairs {
        if net.edges[id].cap == 0 {
            out[i].push(j);
        }
    }
    Some(out)
}

/// A generated instance (tests, the comparison): `entries` teams over ten fields, `judges` experts
/// each in one or two fields; about one judge in six works for some team's organization.
/// Compiled for tests and for benchmarks (feature `generators`), not the server.
#[cfg(any(test, feature = "generators"))]
pub fn generate(entries: usize, judges: usize, k: usize, seed: u64) -> Problem {
    let mut rng = crate::common::rng::Rng::new(seed);
    let words = |rng: &mut crate::common::rng::Rng, field: &str, n: u32| -> Vec<String> {
        (0..n).map(|_| format!("{field}-{}", rng.range(0, 5))).collect()
    };
    let entries: Vec<Entry> = (0..entries)
        .map(|i| {
            let domain = (*rng.pick(&crate::demo::DOMAINS)).to_owned();
            let keywords = words(&mut rng, &domain, 3);
            let members = (0..rng.range(2, 4)).map(|m| 100_000 + (i * 10 + m as usize) as i64).collect();
            Entry { domain, keywords, orgs: vec![1000 + i as i64], members }
        })
        .collect();
    let judges = (0..judges)
        .map(|j| {
            let fields: Vec<String> =
                (0..rng.range(1, 2)).map(|_| (*rng.pick(&crate::demo::DOMAINS)).to_owned()).collect();
            let keywords = fields.iter().flat_map(|f| words(&mut rng, f, 4)).collect();
            let mut conflicts = vec![5000 + j as i64];
            if rng.chance(17) && !entries.is_empty() {
                conflicts.push(1000 + rng.range(0, entries.len() as u32 - 1) as i64);
            }
            Judge { user: j as i64 + 1, domains: fields, keywords, conflicts }
        })
        .collect();
    Problem { judges, entries, k }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judge(user: i64, domain: &str, conflicts: &[i64]) -> Judge {
        Judge { user, domains: vec![domain.into()], keywords: vec![], conflicts: conflicts.to_vec() }
    }

    fn entry(domain: &str, org: i64, members: &[i64]) -> Entry {
        Entry { domain: domain.into(), keywords: vec![], orgs: vec![org], members: members.to_vec() }
    }

    /// Every entry has exactly k distinct judges, none in conflict.
    fn valid(p: &Problem, a: &Assignment) -> Result<(), String> {
        for (i, js) in a.iter().enumerate() {
            let mut distinct = js.clone();
            distinct.sort_unstable();
            distinct.dedup();
            if distinct.len() != p.k || js.len() != p.k {
                return Err(format!("entry {i} has judges {js:?}"));
            }
            if let Some(j) = js.iter().find(|j| conflicted(&p.judges[**j], &p.entries[i])) {
                return Err(format!("entry {i} got conflicted judge {j}"));
            }
        }
        Ok(())
    }

    #[test]
    fn conflicts_are_never_assigned_and_every_entry_gets_exactly_k_judges_on_random_instances() {
        for seed in 0..40 {
            let p = generate(20 + seed as usize, 9 + (seed % 7) as usize, 3, seed);
            for (name, a) in [("flow", assign(&p)), ("greedy", greedy(&p))] {
                let a = a.unwrap_or_else(|e| panic!("seed {seed} {name}: {e:?}"));
                valid(&p, &a).unwrap_or_else(|e| panic!("seed {seed} {name}: {e}"));
            }
        }
    }

    #[test]
    fn loads_stay_balanced_when_conflicts_allow() {
        for seed in 0..20 {
            let p = generate(60, 20, 3, seed);
            let a = assign(&p).unwrap();
            let mut load = vec![0; p.judges.len()];
            for j in a.iter().flatten() {
                load[*j] += 1;
            }
            assert!(load.iter().all(|l| *l <= balanced_load(&p) + 1), "seed {seed}: {load:?}");
        }
    }

    #[test]
    fn the_flow_never_fits_worse_than_greedy() {
        for seed in 0..30 {
            let p = generate(40, 12, 3, seed);
            let (f, g) = (assign(&p).unwrap(), greedy(&p).unwrap());
            assert!(total_fit(&p, &f) >= total_fit(&p, &g), "seed {seed}");
        }
    }

    #[test]
    fn an_entry_whose_panel_is_all_conflicted_is_a_clear_error() {
        // Judges 1 and 2 work for the team's organization 7; judge 3 is a team member.
        let p = Problem {
            judges: vec![
                judge(1, "quantum", &[7]),
                judge(2, "quantum", &[7]),
                judge(3, "quantum", &[]),
                judge(4, "quantum", &[]),
            ],
            entries: vec![entry("quantum", 8, &[]), entry("quantum", 7, &[3])],
            k: 2,
        };
        assert_eq!(assign(&p), Err(AssignError::TooFewJudges { entry: 1, available: 1 }));
        assert_eq!(greedy(&p), Err(AssignError::TooFewJudges { entry: 1, available: 1 }));
    }

    #[test]
    fn the_flow_gives_the_only_expert_to_the_entry_that_needs_them() {
        // Judge 0 knows quantum and AI, judge 1 only AI; entry 0 is AI, entry 1 quantum. Greedy gives
        // entry 0 its first best fit (judge 0) and leaves entry 1 a judge outside its field; the flow
        // swaps them.
        let p = Problem {
            judges: vec![
                Judge {
                    user: 1,
                    domains: vec!["gen_ai".into(), "quantum".into()],
                    keywords: vec![],
                    conflicts: vec![],
                },
                judge(2, "gen_ai", &[]),
            ],
            entries: vec![entry("gen_ai", 10, &[]), entry("quantum", 11, &[])],
            k: 1,
        };
        let (f, g) = (assign(&p).unwrap(), greedy(&p).unwrap());
        assert_eq!(f, vec![vec![1], vec![0]]);
        assert_eq!(g, vec![vec![0], vec![1]]);
        assert_eq!((total_fit(&p, &f), total_fit(&p, &g)), (120, 60));
    }
}
