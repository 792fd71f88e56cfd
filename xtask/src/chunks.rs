//! How the code shared between page areas is grouped into files.
//!
//! The splitter puts each piece of code shared by several page areas into a chunk named by the
//! set of areas that need it: ten areas gave 185 chunks, and a page of the market fetched 128
//! files. On a phone each file costs a request (six at a time over HTTP/1.1), so fewer, larger
//! files are faster even when a page then downloads some code it does not run.
//!
//! The grouping is greedy: start with every chunk on its own; while some page area needs more
//! than [`MOST_CHUNKS_PER_PAGE`] files, merge the two groups that cost least for what they save —
//! the cost is the code a page needing only one of them then downloads for nothing, the saving a
//! file less for each crowded area that needs both. Groups needed by the same areas merge for
//! free. Pages count by how often people open them: the admin console is one person's page.

use std::collections::BTreeSet;

/// No page area waits for more shared files than this: with its own module and the shell's seven
/// files, a page's code is twelve requests, which leaves three for its data within the budget of
/// fifteen (`lighthouse::MOST_REQUESTS`).
pub const MOST_CHUNKS_PER_PAGE: usize = 4;

/// One chunk as the splitter offers it: the areas that need it (split module names, which end in
/// `_<hash>`) and its size.
pub struct Chunk<'a> {
    pub needed_by: &'a BTreeSet<String>,
    pub bytes: usize,
}

/// A group number per chunk, in the chunks' order.
pub fn group(chunks: &[Chunk]) -> Vec<usize> {
    let mut groups: Vec<Group> = chunks
        .iter()
        .enumerate()
        .map(|(i, c)| Group {
            members: vec![i],
            areas: c.needed_by.iter().map(|n| area(n).to_owned()).collect(),
            bytes: c.bytes as f64,
        })
        .collect();
    while let Some((a, b)) = next_merge(&groups) {
        let merged = groups.swap_remove(b.max(a));
        let into = &mut groups[a.min(b)];
        into.members.extend(merged.members);
        into.areas.extend(merged.areas);
        into.bytes += merged.bytes;
    }
    let mut out = vec![0; chunks.len()];
    for (g, group) in groups.iter().enumerate() {
        for &m in &group.members {
            out[m] = g;
        }
    }
    out
}

struct Group {
    members: Vec<usize>,
    areas: BTreeSet<String>,
    bytes: f64,
}

/// The area of a split module: `market_5314414223184994105` → `market`.
pub fn area(module: &str) -> &str {
    match module.rsplit_once('_') {
        Some((name, hash)) if !hash.is_empty() && hash.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => module,
    }
}

/// How often an area's pages are opened, relative to the market's.
fn weight(area: &str) -> f64 {
    match area {
        "admin" => 0.2,
        "account" | "market_manage" | "events_manage" => 0.5,
        _ => 1.0,
    }
}

/// The code downloaded for nothing if `a` and `b` become one file, weighted by page.
fn waste(a: &Group, b: &Group) -> f64 {
    a.areas.difference(&b.areas).map(|x| weight(x) * b.bytes).sum::<f64>()
        + b.areas.difference(&a.areas).map(|x| weight(x) * a.bytes).sum::<f64>()
}

/// The pair to merge next: a free one (same areas), else the cheapest per crowded area relieved.
fn next_merge(groups: &[Group]) -> Option<(usize, usize)> {
    let mut files: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for g in groups {
        for a in &g.areas {
            *files.entry(a.as_str()).or_default() += 1;
        }
    }
    let mut best: Option<(usize, usize, f64)> = None;
    for a in 0..groups.len() {
        for b in a + 1..groups.len() {
            let (ga, gb) = (&groups[a], &groups[b]);
            let cost = waste(ga, gb);
            let relieved: f64 = ga
                .areas
                .intersection(&gb.areas)
                .filter(|x| files[x.as_str()] > MOST_CHUNKS_PER_PAGE)
                .map(|x| weight(x))
                .sum();
            let ratio = if cost == 0.0 && ga.areas == gb.areas {
                0.0
            } else if relieved > 0.0 {
                cost / relieved
            } else {
                continue;
            };
            if best.is_none_or(|(_, _, r)| ratio < r) {
                best = Some((a, b, ratio));
            }
        }
    }
    best.map(|(a, b, _)| (a, b))
}

/// Files each area's pages need, for the report.
pub fn files_per_area(chunks: &[Chunk], groups: &[usize]) -> Vec<(String, usize)> {
    let mut areas: Vec<(String, BTreeSet<usize>)> = vec![];
    for (chunk, &g) in chunks.iter().zip(groups) {
        for module in chunk.needed_by {
            let name = area(module);
            match areas.iter_mut().find(|(a, _)| a == name) {
                Some((_, set)) => {
                    set.insert(g);
                }
                None => areas.push((name.to_owned(), BTreeSet::from([g]))),
            }
        }
    }
    areas.sort();
    areas.into_iter().map(|(a, set)| (a, set.len())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(names: &[&str]) -> BTreeSet<String> {
        names.iter().map(|n| format!("{n}_123")).collect()
    }

    fn groups_needed_by(area_name: &str, sets: &[BTreeSet<String>], groups: &[usize]) -> usize {
        let mut needed: Vec<usize> =
            sets.iter().zip(groups).filter(|(s, _)| s.iter().any(|n| area(n) == area_name)).map(|(_, &g)| g).collect();
        needed.sort();
        needed.dedup();
        needed.len()
    }

    #[test]
    fn chunks_needed_by_the_same_pages_become_one_file() {
        // The splitter names areas with a hash; the same area under two hashes is one area.
        let a: BTreeSet<String> = ["market_1", "events_2"].map(String::from).into();
        let b: BTreeSet<String> = ["market_3", "events_4"].map(String::from).into();
        let c = set(&["market", "contests"]);
        let chunks = [
            Chunk { needed_by: &a, bytes: 2_000 },
            Chunk { needed_by: &b, bytes: 9_000 },
            Chunk { needed_by: &c, bytes: 2_000 },
        ];
        let groups = group(&chunks);
        assert_eq!(groups[0], groups[1]);
        assert_ne!(groups[0], groups[2], "no page is crowded: nothing else merges");
    }

    #[test]
    fn a_crowded_page_merges_its_cheapest_files_first() {
        // market needs six files; merging the two small ones it shares with events wastes least.
        let sets = [
            set(&["market", "events"]),
            set(&["market", "events", "orgs"]),
            set(&["market", "admin"]),
            set(&["market", "contests"]),
            set(&["market", "orgs"]),
            set(&["market", "dashboard"]),
        ];
        let bytes = [1_000, 1_000, 400_000, 300_000, 300_000, 300_000];
        let chunks: Vec<Chunk> = sets.iter().zip(bytes).map(|(s, bytes)| Chunk { needed_by: s, bytes }).collect();
        let groups = group(&chunks);
        assert_eq!(groups[0], groups[1]);
        let mut distinct = groups.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), MOST_CHUNKS_PER_PAGE, "one merge was enough");
    }

    #[test]
    fn no_page_needs_more_than_the_most_shared_files() {
        let areas = ["market", "events", "contests", "orgs", "admin", "dashboard", "engage", "notices"];
        let mut sets = vec![];
        for (i, a) in areas.iter().enumerate() {
            for b in &areas[i + 1..] {
                sets.push(set(&[a, b]));
            }
        }
        // Large enough that merging never pays for itself: only the cap merges them.
        let chunks: Vec<Chunk> = sets.iter().map(|s| Chunk { needed_by: s, bytes: 500_000 }).collect();
        let groups = group(&chunks);
        for a in areas {
            let n = groups_needed_by(a, &sets, &groups);
            assert!(n <= MOST_CHUNKS_PER_PAGE, "{a} needs {n} files");
        }
        assert_eq!(files_per_area(&chunks, &groups).len(), areas.len());
    }

    #[test]
    fn area_names_drop_the_splitters_hash_only() {
        assert_eq!(area("plan_dashboard_15119616369705256115"), "plan_dashboard");
        assert_eq!(area("expert_pool"), "expert_pool");
    }
}
