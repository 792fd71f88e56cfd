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
//! free. Then single chunks move to the file where they cost least, and files merge, while that
//! lowers what pages download ([`improve`]). Pages count by how often a visit starts on them: a
//! posting opened from a search engine or a shared link most, the admin console least.

use std::collections::BTreeSet;

/// No page area waits for more shared files than this: with its own module and the shell's six
/// files, a page's code is thirteen requests; its first data comes in the page (`shared::areas::
/// first_data`), which keeps a page opened from outside within the budget of fifteen
/// (`lighthouse::MOST_REQUESTS`). Six rather than four: fewer merges, less code fetched for nothing.
pub const MOST_CHUNKS_PER_PAGE: usize = 6;

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
    improve(chunks, &mut out);
    out
}

/// The chunks' areas as bits, with each bit's weight.
struct Areas {
    masks: Vec<u64>,
    weights: Vec<f64>,
}

impl Areas {
    fn of(chunks: &[Chunk]) -> Option<Areas> {
        let mut names: Vec<&str> = chunks.iter().flat_map(|c| c.needed_by.iter().map(|n| area(n))).collect();
        names.sort();
        names.dedup();
        if names.len() > 64 {
            return None;
        }
        let masks = chunks
            .iter()
            .map(|c| {
                c.needed_by.iter().map(|n| 1u64 << names.binary_search(&area(n)).unwrap_or(0)).fold(0, |a, b| a | b)
            })
            .collect();
        Some(Areas { masks, weights: names.iter().map(|n| weight(n)).collect() })
    }

    /// What pages download of a file of `bytes` that the areas in `mask` need.
    fn cost(&self, bytes: f64, mask: u64) -> f64 {
        (0..self.weights.len()).filter(|i| mask & (1 << i) != 0).map(|i| self.weights[i] * bytes).sum::<f64>()
    }
}

/// Improves a grouping: moves single chunks to another file (or one of their own) and merges
/// files while that lowers what pages download (weighted), keeping every area within
/// [`MOST_CHUNKS_PER_PAGE`] files. The greedy merge above is quick but can leave a chunk in a file
/// whose other areas then fetch it for nothing; a small change of the code can change its choices.
fn improve(chunks: &[Chunk], groups: &mut [usize]) {
    let Some(areas) = Areas::of(chunks) else { return };
    let n_groups = groups.iter().max().map_or(0, |g| g + 1);
    let mut members: Vec<Vec<usize>> = vec![vec![]; n_groups];
    for (c, &g) in groups.iter().enumerate() {
        members[g].push(c);
    }
    let mask = |m: &[usize], without: Option<usize>| {
        m.iter().filter(|&&c| Some(c) != without).fold(0u64, |acc, &c| acc | areas.masks[c])
    };
    let bytes = |m: &[usize]| m.iter().map(|&c| chunks[c].bytes as f64).sum::<f64>();
    let files_per_area = |members: &[Vec<usize>]| {
        let mut count = vec![0usize; areas.weights.len()];
        for m in members.iter().filter(|m| !m.is_empty()) {
            let bits = mask(m, None);
            for (i, n) in count.iter_mut().enumerate() {
                *n += usize::from(bits & (1 << i) != 0);
            }
        }
        count
    };
    for _ in 0..100 {
        let mut improved = false;
        // Merges that save, or cost nothing (a file less can only help the cap).
        for a in 0..members.len() {
            for b in a + 1..members.len() {
                if members[a].is_empty() || members[b].is_empty() {
                    continue;
                }
                let apart = areas.cost(bytes(&members[a]), mask(&members[a], None))
                    + areas.cost(bytes(&members[b]), mask(&members[b], None));
                let together = areas
                    .cost(bytes(&members[a]) + bytes(&members[b]), mask(&members[a], None) | mask(&members[b], None));
                // Files needed by the same areas become one for free.
                let same_areas = mask(&members[a], None) == mask(&members[b], None);
                if together < apart - 1.0 || (same_areas && together <= apart) {
                    let moved = std::mem::take(&mut members[b]);
                    members[a].extend(moved);
                    improved = true;
                }
            }
        }
        // Single chunks to where they cost least.
        for (c, chunk) in chunks.iter().enumerate() {
            let from = members.iter().position(|m| m.contains(&c)).expect("every chunk is in a file");
            let b = chunk.bytes as f64;
            let from_bytes = bytes(&members[from]);
            let from_now = areas.cost(from_bytes, mask(&members[from], None));
            let from_after = areas.cost(from_bytes - b, mask(&members[from], Some(c)));
            let mut best: Option<(usize, f64)> = None;
            for to in 0..=members.len() {
                if to == from || (to < members.len() && members[to].is_empty()) {
                    continue;
                }
                let (to_bytes, to_mask) =
                    if to < members.len() { (bytes(&members[to]), mask(&members[to], None)) } else { (0.0, 0) };
                let delta = from_after + areas.cost(to_bytes + b, to_mask | areas.masks[c])
                    - from_now
                    - areas.cost(to_bytes, to_mask);
                if delta < -1.0 && best.is_none_or(|(_, d)| delta < d) {
                    let mut trial = members.clone();
                    trial[from].retain(|&x| x != c);
                    if to < trial.len() {
                        trial[to].push(c);
                    } else {
                        trial.push(vec![c]);
                    }
                    if files_per_area(&trial).iter().all(|&n| n <= MOST_CHUNKS_PER_PAGE) {
                        best = Some((to, delta));
                    }
                }
            }
            if let Some((to, _)) = best {
                members[from].retain(|&x| x != c);
                if to < members.len() {
                    members[to].push(c);
                } else {
                    members.push(vec![c]);
                }
                improved = true;
            }
        }
        if !improved {
            break;
        }
    }
    for (g, m) in members.iter().filter(|m| !m.is_empty()).enumerate() {
        for &c in m {
            groups[c] = g;
        }
    }
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

/// How often an area's pages are opened as the first page of a visit, relative to the rest: a
/// posting or an event is what links from outside (search engines, shared links, notification
/// emails) open; tools are reached from inside the app, with much of the shared code already
/// loaded; the admin console is one person's page.
fn weight(area: &str) -> f64 {
    match area {
        "posting" => 3.0,
        "event_page" | "market_browse" => 2.0,
        "events_browse" | "plan_dashboard" | "contests" => 1.5,
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

/// For the report, per area: the shared files its pages fetch, the shared code they need and the
/// shared code those files hold (bytes before wasm-opt).
pub fn files_per_area(chunks: &[Chunk], groups: &[usize]) -> Vec<AreaFiles> {
    let mut group_bytes = vec![0; groups.iter().max().map_or(0, |g| g + 1)];
    for (chunk, &g) in chunks.iter().zip(groups) {
        group_bytes[g] += chunk.bytes;
    }
    let mut areas: Vec<(String, BTreeSet<usize>, usize)> = vec![];
    for (chunk, &g) in chunks.iter().zip(groups) {
        for module in chunk.needed_by {
            let name = area(module);
            match areas.iter_mut().find(|(a, _, _)| a == name) {
                Some((_, set, needed)) => {
                    set.insert(g);
                    *needed += chunk.bytes;
                }
                None => areas.push((name.to_owned(), BTreeSet::from([g]), chunk.bytes)),
            }
        }
    }
    areas.sort();
    areas
        .into_iter()
        .map(|(area, set, needed)| AreaFiles {
            area,
            files: set.len(),
            needed,
            fetched: set.iter().map(|&g| group_bytes[g]).sum(),
        })
        .collect()
}

/// One area's line of the report.
#[derive(Debug, PartialEq)]
pub struct AreaFiles {
    pub area: String,
    pub files: usize,
    pub needed: usize,
    pub fetched: usize,
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
        // market needs one file more than allowed; merging the two small ones it shares with
        // events wastes least.
        let mut sets = vec![set(&["market", "events"]), set(&["market", "events", "orgs"])];
        let others = ["admin", "contests", "orgs", "dashboard", "engage", "notices", "account", "experts"];
        sets.extend(others[..MOST_CHUNKS_PER_PAGE - 1].iter().map(|o| set(&["market", o])));
        let chunks: Vec<Chunk> = sets
            .iter()
            .enumerate()
            .map(|(i, s)| Chunk { needed_by: s, bytes: if i < 2 { 1_000 } else { 300_000 } })
            .collect();
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
    fn the_report_counts_the_code_an_area_fetches_for_nothing() {
        let (a, b) = (set(&["market", "events"]), set(&["market", "orgs"]));
        let chunks = [Chunk { needed_by: &a, bytes: 1_000 }, Chunk { needed_by: &b, bytes: 2_000 }];
        let line = |area: &str, files, needed, fetched| AreaFiles { area: area.into(), files, needed, fetched };
        assert_eq!(
            files_per_area(&chunks, &[0, 0]),
            vec![line("events", 1, 1_000, 3_000), line("market", 1, 3_000, 3_000), line("orgs", 1, 2_000, 3_000)]
        );
        assert_eq!(files_per_area(&chunks, &[0, 1])[1], line("market", 2, 3_000, 3_000));
    }

    #[test]
    fn a_chunk_that_makes_a_page_fetch_a_big_file_for_nothing_moves_to_a_file_of_its_areas() {
        // Grouped as given, orgs fetches the 100 KB market+events file for 1 KB it needs.
        let (a, b) = (set(&["market", "events"]), set(&["market", "orgs"]));
        let chunks = [
            Chunk { needed_by: &a, bytes: 100_000 },
            Chunk { needed_by: &b, bytes: 1_000 },
            Chunk { needed_by: &b, bytes: 50_000 },
        ];
        let mut groups = vec![0, 0, 1];
        improve(&chunks, &mut groups);
        assert_eq!(groups[1], groups[2], "{groups:?}");
        assert_ne!(groups[0], groups[1]);
        let orgs = files_per_area(&chunks, &groups).into_iter().find(|l| l.area == "orgs").unwrap();
        assert_eq!(orgs.fetched, orgs.needed);
    }

    #[test]
    fn improving_never_breaks_the_cap_nor_costs_more() {
        let areas = ["market", "events", "contests", "orgs", "admin", "dashboard", "engage", "notices"];
        let mut sets = vec![];
        for (i, a) in areas.iter().enumerate() {
            for (j, b) in areas[i + 1..].iter().enumerate() {
                sets.push(set(&[a, b]));
                if j % 2 == 0 {
                    sets.push(set(&[a, b, areas[(i + j + 3) % areas.len()]]));
                }
            }
        }
        let chunks: Vec<Chunk> =
            sets.iter().enumerate().map(|(i, s)| Chunk { needed_by: s, bytes: 1_000 + (i * 7_919) % 90_000 }).collect();
        let cost = |groups: &[usize]| -> usize {
            files_per_area(&chunks, groups).iter().map(|l| (weight(&l.area) * l.fetched as f64) as usize).sum()
        };
        let improved = group(&chunks);
        for line in files_per_area(&chunks, &improved) {
            assert!(line.files <= MOST_CHUNKS_PER_PAGE, "{line:?}");
        }
        let mut again = improved.clone();
        improve(&chunks, &mut again);
        assert!(cost(&again) <= cost(&improved), "a second pass finds nothing better");
    }

    #[test]
    fn area_names_drop_the_splitters_hash_only() {
        assert_eq!(area("plan_dashboard_15119616369705256115"), "plan_dashboard");
        assert_eq!(area("expert_pool"), "expert_pool");
    }
}
