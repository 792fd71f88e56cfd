//! Stage results: weighted totals, per-judge normalisation and the ranking with its tie rule. Pure.
//!
//! Normalisation removes lenient and harsh judges' bias: each judge's totals become z-scores
//! against that judge's own mean and (population) standard deviation, then are rescaled to the
//! mean and standard deviation of all totals of the stage, so normalised figures read on the same
//! 0–100 scale as raw ones. A judge whose totals are all equal (or who scored one entry) says
//! nothing about the entries' order: their z-scores are 0, i.e. the stage mean.
//!
//! Tie rule, stated to entrants: within a track, entries are ordered by normalised score; equal
//! normalised scores go to the higher raw score, then to the higher mean on the criterion with the
//! largest weight, then to the team that registered first.

use std::cmp::Ordering;
use std::collections::HashMap;

/// One judge's weighted total for one entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub judge: i64,
    pub entry: usize,
    pub total: f64,
}

fn mean_sd(xs: &[f64]) -> (f64, f64) {
    if xs.is_empty() {
        return (0.0, 0.0);
    }
    let n = xs.len() as f64;
    let mean = xs.iter().sum::<f64>() / n;
    let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n;
    (mean, var.sqrt())
}

/// The normalised value of each sheet, in the order given.
pub fn normalise(sheets: &[Sheet]) -> Vec<f64> {
    let all: Vec<f64> = sheets.iter().map(|s| s.total).collect();
    let (mean, sd) = mean_sd(&all);
    let mut by_judge: HashMap<i64, Vec<f64>> = HashMap::new();
    for s in sheets {
        by_judge.entry(s.judge).or_default().push(s.total);
    }
    let stats: HashMap<i64, (f64, f64)> = by_judge.into_iter().map(|(j, xs)| (j, mean_sd(&xs))).collect();
    sheets
        .iter()
        .map(|s| {
            let (m, d) = stats[&s.judge];
            let z = if d > 1e-9 { (s.total - m) / d } else { 0.0 };
            (mean + sd * z).clamp(0.0, 100.0)
        })
        .collect()
}

/// An entry's figures for ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    pub track: i64,
    pub raw: f64,
    pub normalised: f64,
    /// Mean share (0–1) on the criterion with the largest weight.
    pub key_criterion: f64,
    /// Registration order (the team id).
    pub registered: i64,
}

/// Per entry (by index): raw and normalised means over its sheets; entries without sheets get 0.
pub fn standings(entries: usize, sheets: &[Sheet]) -> Vec<(f64, f64)> {
    let normalised = normalise(sheets);
    let mut sums = vec![(0.0, 0.0, 0usize); entries];
    for (s, n) in sheets.iter().zip(&normalised) {
        if let Some(e) = sums.get_mut(s.entry) {
            e.0 += s.total;
            e.1 += n;
            e.2 += 1;
        }
    }
    sums.into_iter().map(|(r, n, c)| if c == 0 { (0.0, 0.0) } else { (r / c as f64, n / c as f64) }).collect()
}

fn desc(a: f64, b: f64) -> Ordering {
    if (a - b).abs() < 1e-9 { Ordering::Equal } else { b.partial_cmp(&a).unwrap_or(Ordering::Equal) }
}

/// The tie rule: normalised, raw, key criterion (all higher first), then registered first.
pub fn better(a: &Standing, b: &Standing) -> Ordering {
    desc(a.normalised, b.normalised)
        .then(desc(a.raw, b.raw))
        .then(desc(a.key_criterion, b.key_criterion))
        .then(a.registered.cmp(&b.registered))
}

/// Each entry's rank within its track (1 first), by [`better`].
pub fn rank(entries: &[Standing]) -> Vec<u32> {
    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_by(|&a, &b| entries[a].track.cmp(&entries[b].track).then(better(&entries[a], &entries[b])));
    let mut ranks = vec![0; entries.len()];
    let mut last_track = None;
    let mut r = 0;
    for i in order {
        if last_track != Some(entries[i].track) {
            last_track = Some(entries[i].track);
            r = 0;
        }
        r += 1;
        ranks[i] = r;
    }
    ranks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-3
    }

    /// The hand-worked example (also in the API test): judge 1 is lenient and scores X 95, Y 85;
    /// judge 2 is harsh and scores Z 60, W 40. Stage mean 70, standard deviation √462.5 = 21.506.
    /// Judge 1: mean 90, sd 5 → X +1, Y −1; judge 2: mean 50, sd 10 → Z +1, W −1. Normalised:
    /// X = Z = 70 + 21.506 = 91.506, Y = W = 48.494. Ties: X before Z and Y before W on raw score.
    /// Raw order X, Y, Z, W becomes X, Z, Y, W.
    #[test]
    fn normalisation_removes_a_lenient_judges_bias_on_the_hand_worked_example() {
        let sheets = vec![
            Sheet { judge: 1, entry: 0, total: 95.0 },
            Sheet { judge: 1, entry: 1, total: 85.0 },
            Sheet { judge: 2, entry: 2, total: 60.0 },
            Sheet { judge: 2, entry: 3, total: 40.0 },
        ];
        let n = normalise(&sheets);
        assert!(close(n[0], 91.506) && close(n[2], 91.506), "{n:?}");
        assert!(close(n[1], 48.494) && close(n[3], 48.494), "{n:?}");
        let st = standings(4, &sheets);
        let entries: Vec<Standing> = st
            .iter()
            .enumerate()
            .map(|(i, (raw, norm))| Standing {
                track: 1,
                raw: *raw,
                normalised: *norm,
                key_criterion: 0.0,
                registered: i as i64,
            })
            .collect();
        assert_eq!(rank(&entries), vec![1, 3, 2, 4]);
    }

    #[test]
    fn a_judge_who_gives_everyone_the_same_total_moves_them_to_the_stage_mean() {
        let sheets = vec![
            Sheet { judge: 1, entry: 0, total: 80.0 },
            Sheet { judge: 1, entry: 1, total: 80.0 },
            Sheet { judge: 2, entry: 0, total: 40.0 },
            Sheet { judge: 2, entry: 1, total: 60.0 },
        ];
        let n = normalise(&sheets);
        assert!(close(n[0], 65.0) && close(n[1], 65.0));
        assert!(n[3] > n[2]);
    }

    #[test]
    fn ties_go_to_raw_then_key_criterion_then_registration() {
        let s = |raw, key, registered| Standing { track: 7, raw, normalised: 50.0, key_criterion: key, registered };
        assert_eq!(rank(&[s(60.0, 0.5, 3), s(70.0, 0.1, 4)]), vec![2, 1]);
        assert_eq!(rank(&[s(60.0, 0.5, 3), s(60.0, 0.9, 4)]), vec![2, 1]);
        assert_eq!(rank(&[s(60.0, 0.5, 3), s(60.0, 0.5, 2)]), vec![2, 1]);
    }

    #[test]
    fn ranks_restart_in_each_track() {
        let s = |track, normalised| Standing { track, raw: 0.0, normalised, key_criterion: 0.0, registered: 0 };
        assert_eq!(rank(&[s(1, 10.0), s(2, 20.0), s(1, 30.0), s(2, 5.0)]), vec![2, 1, 1, 2]);
    }
}
