//! Choosing bundles that each add something: from every scored (capability, scenario, fund)
//! combination, greedily the best one after a penalty for each part — posting or organization —
//! already shown in a chosen bundle (maximal marginal relevance); a combination adding nothing new
//! is never shown. Pure.

/// One scored combination: its score and the three parts as (posting, organization).
#[derive(Debug, Clone, PartialEq)]
pub struct Combo<R> {
    pub score: u8,
    pub parts: [(i64, i64); 3],
    pub reasons: R,
}

/// Points a combination loses for each part shown before (the same posting, or another posting of
/// the same organization).
pub const REPEAT_PENALTY: f32 = 12.0;

/// Up to `limit` combinations, best first after the repeat penalty; ties by score, then by ids.
pub fn choose<R>(mut combos: Vec<Combo<R>>, limit: usize) -> Vec<Combo<R>> {
    combos.sort_by(|a, b| b.score.cmp(&a.score).then(a.parts.cmp(&b.parts)));
    let mut shown_postings: Vec<i64> = vec![];
    let mut shown_orgs: Vec<i64> = vec![];
    let mut out = vec![];
    while out.len() < limit && !combos.is_empty() {
        let repeats =
            |c: &Combo<R>| c.parts.iter().filter(|(p, o)| shown_postings.contains(p) || shown_orgs.contains(o)).count();
        let best = combos
            .iter()
            .enumerate()
            .filter(|(_, c)| repeats(c) < 3)
            .map(|(i, c)| (i, f32::from(c.score) - REPEAT_PENALTY * repeats(c) as f32))
            // The first of equal values: the list is sorted by score, then ids.
            .fold(None::<(usize, f32)>, |acc, (i, v)| match acc {
                Some((_, best)) if best >= v => acc,
                _ => Some((i, v)),
            });
        let Some((i, _)) = best else { break };
        let chosen = combos.swap_remove(i);
        combos.sort_by(|a, b| b.score.cmp(&a.score).then(a.parts.cmp(&b.parts)));
        for (p, o) in chosen.parts {
            shown_postings.push(p);
            shown_orgs.push(o);
        }
        out.push(chosen);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn combo(score: u8, cap: i64, scen: i64, fund: i64) -> Combo<()> {
        // Each posting its own organization (ten times its id).
        Combo { score, parts: [(cap, cap * 10), (scen, scen * 10), (fund, fund * 10)], reasons: () }
    }

    fn ids(list: &[Combo<()>]) -> Vec<[i64; 3]> {
        list.iter().map(|c| c.parts.map(|(p, _)| p)).collect()
    }

    #[test]
    fn the_best_bundle_comes_first_and_the_next_ones_bring_new_parties() {
        // The same scenario and fund score best with every capability; other ones a little lower.
        let all = vec![
            combo(90, 1, 100, 200),
            combo(89, 2, 100, 200),
            combo(88, 3, 100, 200),
            combo(84, 2, 101, 201),
            combo(80, 3, 102, 202),
        ];
        let chosen = choose(all, 3);
        assert_eq!(ids(&chosen), vec![[1, 100, 200], [2, 101, 201], [3, 102, 202]]);
    }

    #[test]
    fn a_bundle_adding_nothing_new_is_never_shown() {
        let all = vec![combo(90, 1, 100, 200), combo(85, 1, 100, 200), combo(20, 1, 100, 200)];
        assert_eq!(ids(&choose(all, 5)), vec![[1, 100, 200]]);
    }

    #[test]
    fn another_posting_of_an_organization_already_shown_counts_as_a_repeat() {
        let mut same_lab = combo(88, 2, 101, 201);
        same_lab.parts[0].1 = 10; // posting 2 belongs to posting 1's organization
        let all = vec![combo(90, 1, 100, 200), same_lab, combo(80, 3, 102, 202)];
        assert_eq!(ids(&choose(all, 2)), vec![[1, 100, 200], [3, 102, 202]]);
    }

    #[test]
    fn a_strong_bundle_may_repeat_one_part_when_the_alternatives_are_weak() {
        let all = vec![combo(90, 1, 100, 200), combo(88, 2, 101, 200), combo(60, 3, 102, 202)];
        assert_eq!(ids(&choose(all, 2)), vec![[1, 100, 200], [2, 101, 200]]);
    }
}
