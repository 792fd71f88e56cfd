//! The meeting scheduler: places accepted meeting requests at a time slot and a table so that no
//! one is in two meetings at once, everyone meets only in slots they are available in, and no slot
//! holds more meetings than there are tables — placing as many meetings as it can, then preferring
//! the better-matched ones. Pure: no I/O, unit-tested and benchmarked on its own.
//!
//! The method: best-scored first, each into the feasible slot with the most free tables; then every
//! meeting left out is tried again with an ejection chain (the meetings in its way move to other
//! slots, two moves deep); then a meeting left out replaces a lower-scored one it collides with
//! when that one cannot be moved. The same improvements also run from the first-come placement and
//! the better of the two is kept. [`greedy`] is the first-come baseline it is compared with.

/// An accepted request between persons `a` and `b` (indices into [`Problem::available`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Request {
    pub a: u32,
    pub b: u32,
    /// The match score, 0–100.
    pub score: u8,
}

/// What the scheduler is given. Requests in the order they were accepted.
#[derive(Debug, Clone)]
pub struct Problem {
    pub slots: usize,
    pub tables: u32,
    /// Per person, the slots they are available in as a bit set (bit `s` for slot `s`).
    pub available: Vec<u64>,
    pub requests: Vec<Request>,
}

/// Request `request` (an index into [`Problem::requests`]) meets at `slot`, table `table` (from 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    pub request: usize,
    pub slot: usize,
    pub table: u32,
}

const NONE: u32 = u32::MAX;
/// How many moves an ejection chain may make to free a place.
const CHAIN_DEPTH: u32 = 2;

/// The board being filled: who sits where, and an undo journal for trial moves.
struct Board<'a> {
    p: &'a Problem,
    /// `occ[person * slots + slot]`: the request the person meets in that slot, or `NONE`.
    occ: Vec<u32>,
    /// Meetings per slot.
    used: Vec<u32>,
    /// Per request, its slot (or `NONE`).
    at: Vec<u32>,
    /// Per slot, the requests meeting in it.
    inside: Vec<Vec<u32>>,
    journal: Vec<(usize, u32)>,
}

impl<'a> Board<'a> {
    fn new(p: &'a Problem) -> Self {
        Board {
            p,
            occ: vec![NONE; p.available.len() * p.slots],
            used: vec![0; p.slots],
            at: vec![NONE; p.requests.len()],
            inside: vec![vec![]; p.slots],
            journal: vec![],
        }
    }

    fn cell(&self, person: u32, slot: usize) -> usize {
        person as usize * self.p.slots + slot
    }

    /// Slots both are available in (whether or not they are free).
    fn common(&self, r: usize) -> u64 {
        let q = self.p.requests[r];
        self.p.available[q.a as usize] & self.p.available[q.b as usize] & mask(self.p.slots)
    }

    fn fits(&self, r: usize, s: usize) -> bool {
        let q = self.p.requests[r];
        self.common(r) & (1 << s) != 0
            && self.used[s] < self.p.tables
            && self.occ[self.cell(q.a, s)] == NONE
            && self.occ[self.cell(q.b, s)] == NONE
    }

    /// The slots `r` fits in now, most free tables first, then earliest.
    fn free_slots(&self, r: usize) -> Vec<usize> {
        let mut out: Vec<usize> = bits(self.common(r)).filter(|s| self.fits(r, *s)).collect();
        out.sort_by_key(|s| (self.used[*s], *s));
        out
    }

    fn place(&mut self, r: usize, s: usize) {
        let q = self.p.requests[r];
        let (ca, cb) = (self.cell(q.a, s), self.cell(q.b, s));
        self.occ[ca] = r as u32;
        self.occ[cb] = r as u32;
        self.used[s] += 1;
        self.at[r] = s as u32;
        self.inside[s].push(r as u32);
        self.journal.push((r, NONE));
    }

    fn remove(&mut self, r: usize) {
        let s = self.at[r] as usize;
        let q = self.p.requests[r];
        let (ca, cb) = (self.cell(q.a, s), self.cell(q.b, s));
        self.occ[ca] = NONE;
        self.occ[cb] = NONE;
        self.used[s] -= 1;
        self.at[r] = NONE;
        if let Some(i) = self.inside[s].iter().position(|m| *m == r as u32) {
            self.inside[s].swap_remove(i);
        }
        self.journal.push((r, s as u32));
    }

    fn mark(&self) -> usize {
        self.journal.len()
    }

    /// Undoes every move made since `mark`.
    fn rollback(&mut self, mark: usize) {
        while self.journal.len() > mark {
            let Some((r, was)) = self.journal.pop() else { break };
            let len = self.journal.len();
            if was == NONE {
                self.remove(r);
            } else {
                self.place(r, was as usize);
            }
            self.journal.truncate(len);
        }
    }

    /// The meetings in the way of `r` at slot `s`: the two persons' meetings there.
    fn blockers(&self, r: usize, s: usize) -> Vec<usize> {
        let q = self.p.requests[r];
        let mut out = vec![];
        for person in [q.a, q.b] {
            let m = self.occ[self.cell(person, s)];
            if m != NONE && !out.contains(&(m as usize)) {
                out.push(m as usize);
            }
        }
        out
    }

    /// Tries to put the (unplaced) request `r` into slot `s`, moving what is in the way elsewhere
    /// with at most `depth` further moves each. Leaves the board changed only on success.
    fn insert_at(&mut self, r: usize, s: usize, depth: u32) -> bool {
        if self.common(r) & (1 << s) == 0 {
            return false;
        }
        let mark = self.mark();
        let blockers = self.blockers(r, s);
        for m in &blockers {
            self.remove(*m);
        }
        if self.used[s] >= self.p.tables {
            // The slot is full with others' meetings: move one of them out, if any slot has room.
            let room = self.used.iter().any(|u| *u < self.p.tables);
            if depth == 0 || !room || !self.free_a_table(s, r, depth - 1) {
                self.rollback(mark);
                return false;
            }
        }
        // Making room may have moved some other meeting into this slot's freed table or into one
        // of the two persons' time: check again.
        if !self.fits(r, s) {
            self.rollback(mark);
            return false;
        }
        self.place(r, s);
        for m in blockers {
            if !self.relocate(m, s, depth) {
                self.rollback(mark);
                return false;
            }
        }
        true
    }

    /// Moves one meeting out of the full slot `s` (not `keep`) to another slot.
    fn free_a_table(&mut self, s: usize, keep: usize, depth: u32) -> bool {
        let inside: Vec<usize> = self.inside[s].iter().map(|m| *m as usize).filter(|m| *m != keep).collect();
        for m in inside {
            let mark = self.mark();
            self.remove(m);
            if self.relocate(m, s, depth) {
                return true;
            }
            self.rollback(mark);
        }
        false
    }

    /// Places the (unplaced) meeting `m` in some slot other than `not`, directly or, with depth
    /// left, by an ejection chain.
    fn relocate(&mut self, m: usize, not: usize, depth: u32) -> bool {
        if let Some(t) = self.free_slots(m).into_iter().find(|t| *t != not) {
            self.place(m, t);
            return true;
        }
        if depth == 0 {
            return false;
        }
        for t in bits(self.common(m)).filter(|t| *t != not) {
            if self.insert_at(m, t, depth - 1) {
                return true;
            }
        }
        false
    }

    /// Numbers the tables in each slot: the best-scored meeting at table 1.
    fn placements(&self) -> Vec<Placement> {
        let mut placed: Vec<usize> = (0..self.at.len()).filter(|r| self.at[*r] != NONE).collect();
        placed.sort_by_key(|r| (self.at[*r], std::cmp::Reverse(self.p.requests[*r].score), *r));
        let mut out = Vec::with_capacity(placed.len());
        let mut table = 0;
        let mut last = NONE;
        for r in placed {
            if self.at[r] != last {
                last = self.at[r];
                table = 0;
            }
            table += 1;
            out.push(Placement { request: r, slot: self.at[r] as usize, table });
        }
        out
    }
}

fn mask(slots: usize) -> u64 {
    if slots >= 64 { u64::MAX } else { (1u64 << slots) - 1 }
}

fn bits(set: u64) -> impl Iterator<Item = usize> {
    (0..64).filter(move |s| set & (1u64 << s) != 0)
}

/// The baseline: requests in the order they were accepted, each at the earliest slot and the lowest
/// table where it fits.
pub fn greedy(p: &Problem) -> Vec<Placement> {
    let mut board = Board::new(p);
    first_come(&mut board);
    board.placements()
}

/// The schedule: as many meetings as it can find places for, then the better-scored ones.
pub fn schedule(p: &Problem) -> Vec<Placement> {
    schedule_with(p, CHAIN_DEPTH)
}

/// [`schedule`] with ejection chains of up to `depth` moves (deeper chains found no more places on
/// the benchmark instances and cost six times the time at depth 3).
fn schedule_with(p: &Problem, depth: u32) -> Vec<Placement> {
    if p.slots == 0 || p.tables == 0 || p.slots > 64 {
        return vec![];
    }
    // Best-scored first; among equals, the one with fewest possible slots.
    let mut by_score = Board::new(p);
    let mut order: Vec<usize> = (0..p.requests.len()).filter(|r| by_score.common(*r) != 0).collect();
    order.sort_by_key(|r| (std::cmp::Reverse(p.requests[*r].score), by_score.common(*r).count_ones(), *r));
    for &r in &order {
        if let Some(s) = by_score.free_slots(r).first() {
            by_score.place(r, *s);
        }
    }
    // The same improvements also start from first come, first placed, and the better result wins:
    // so the schedule never places fewer meetings than the baseline.
    let mut by_arrival = Board::new(p);
    first_come(&mut by_arrival);
    let a = improve(by_score, &order, depth);
    let b = improve(by_arrival, &order, depth);
    let rank = |x: &[Placement]| (x.len(), total_score(p, x));
    if rank(&b) > rank(&a) { b } else { a }
}

/// Places every request in arrival order at the earliest slot where it fits.
fn first_come(board: &mut Board<'_>) {
    for r in 0..board.p.requests.len() {
        if let Some(s) = bits(board.common(r)).find(|s| board.fits(r, *s)) {
            board.place(r, s);
        }
    }
}

/// More meetings (each one left out, with the others moved out of its way), then better ones (one
/// left out takes the place of a single lower-scored one in its way), visiting requests in `order`.
fn improve(mut board: Board<'_>, order: &[usize], depth: u32) -> Vec<Placement> {
    let p = board.p;
    for &r in order {
        if board.at[r] == NONE {
            for s in bits(board.common(r)).collect::<Vec<_>>() {
                if board.insert_at(r, s, depth) {
                    break;
                }
            }
        }
        board.journal.clear();
    }
    for &r in order {
        if board.at[r] != NONE {
            continue;
        }
        let score = p.requests[r].score;
        for s in bits(board.common(r)).collect::<Vec<_>>() {
            let mut out = board.blockers(r, s);
            if out.is_empty() && board.used[s] >= p.tables {
                let weakest = board.inside[s].iter().map(|m| *m as usize).min_by_key(|m| (p.requests[*m].score, *m));
                out.extend(weakest);
            }
            if out.len() != 1 || p.requests[out[0]].score >= score {
                continue;
            }
            let m = out[0];
            board.remove(m);
            board.place(r, s);
            // The displaced one may still find another place.
            if let Some(t) = board.free_slots(m).first() {
                board.place(m, *t);
            }
            break;
        }
        board.journal.clear();
    }
    board.placements()
}

/// Checks a schedule against the rules; the reason it breaks one.
pub fn verify(p: &Problem, placements: &[Placement]) -> Result<(), String> {
    let mut seen_person = std::collections::HashSet::new();
    let mut seen_table = std::collections::HashSet::new();
    let mut seen_request = std::collections::HashSet::new();
    for pl in placements {
        let q = p.requests.get(pl.request).ok_or("no such request")?;
        if !seen_request.insert(pl.request) {
            return Err(format!("request {} placed twice", pl.request));
        }
        if pl.slot >= p.slots || pl.table == 0 || pl.table > p.tables {
            return Err(format!("request {} at slot {} table {} outside the room", pl.request, pl.slot, pl.table));
        }
        for person in [q.a, q.b] {
            if p.available[person as usize] & (1 << pl.slot) == 0 {
                return Err(format!("person {person} is not available in slot {}", pl.slot));
            }
            if !seen_person.insert((person, pl.slot)) {
                return Err(format!("person {person} is double-booked in slot {}", pl.slot));
            }
        }
        if !seen_table.insert((pl.slot, pl.table)) {
            return Err(format!("table {} is double-booked in slot {}", pl.table, pl.slot));
        }
    }
    Ok(())
}

/// The sum of the placed meetings' scores.
pub fn total_score(p: &Problem, placements: &[Placement]) -> u64 {
    placements.iter().map(|pl| u64::from(p.requests[pl.request].score)).sum()
}

/// A generated instance (benchmarks, tests): `people` attendees each available in a slot with
/// probability `availability` percent, `requests` accepted requests between distinct random pairs
/// with scores 20–95. Compiled for tests and for benchmarks (feature `generators`), not the server.
#[cfg(any(test, feature = "generators"))]
pub fn generate(people: u32, requests: usize, slots: usize, tables: u32, availability: u32, seed: u64) -> Problem {
    let mut rng = crate::common::rng::Rng::new(seed);
    let available = (0..people)
        .map(|_| (0..slots).filter(|_| rng.chance(availability)).fold(0u64, |set, s| set | (1 << s)))
        .collect();
    let mut pairs = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(requests);
    while out.len() < requests && pairs.len() < (people as usize * (people as usize - 1)) / 2 {
        let (a, b) = (rng.range(0, people - 1), rng.range(0, people - 1));
        if a != b && pairs.insert((a.min(b), a.max(b))) {
            out.push(Request { a, b, score: rng.range(20, 95) as u8 });
        }
    }
    Problem { slots, tables, available, requests: out }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(a: u32, b: u32, score: u8) -> Request {
        Request { a, b, score }
    }

    #[test]
    fn no_one_is_double_booked_and_availability_and_tables_hold_on_random_instances() {
        for seed in 0..30 {
            let p = generate(40 + seed as u32, 200, 6, 3 + (seed % 5) as u32, 70, seed);
            for placements in [schedule(&p), greedy(&p)] {
                verify(&p, &placements).unwrap_or_else(|e| panic!("seed {seed}: {e}"));
            }
        }
    }

    #[test]
    fn deep_ejection_chains_on_crowded_instances_never_overfill_a_slot_or_double_book() {
        // Chains that free a table can have another meeting move into it; the move must then fail.
        for seed in 0..6 {
            let p = generate(150, 1200, 8, 12, 75, seed);
            for depth in [2, 3] {
                verify(&p, &schedule_with(&p, depth)).unwrap_or_else(|e| panic!("seed {seed}, depth {depth}: {e}"));
            }
        }
    }

    #[test]
    fn the_scheduler_never_places_fewer_than_first_come_greedy() {
        for seed in 0..30 {
            let p = generate(60, 300, 8, 12, 60, seed);
            let (ours, base) = (schedule(&p), greedy(&p));
            assert!(ours.len() >= base.len(), "seed {seed}: {} < {}", ours.len(), base.len());
        }
    }

    #[test]
    fn moving_a_meeting_makes_room_that_first_come_greedy_misses() {
        // Person 1 is free only in slot 0. First come, 0–3 takes slot 0 and blocks 0–1; the
        // scheduler moves 0–3 to slot 1.
        let p = Problem {
            slots: 2,
            tables: 5,
            available: vec![0b11, 0b01, 0b11, 0b11],
            requests: vec![req(0, 3, 50), req(0, 1, 50)],
        };
        assert_eq!(greedy(&p).len(), 1);
        let ours = schedule(&p);
        verify(&p, &ours).unwrap();
        assert_eq!(ours.len(), 2);
        let slot_of = |r: usize| ours.iter().find(|pl| pl.request == r).map(|pl| pl.slot);
        assert_eq!((slot_of(0), slot_of(1)), (Some(1), Some(0)));
    }

    #[test]
    fn with_one_table_left_the_better_matched_meeting_gets_it() {
        // One slot, one table, two requests among different people: the score decides.
        let p =
            Problem { slots: 1, tables: 1, available: vec![1, 1, 1, 1], requests: vec![req(0, 1, 30), req(2, 3, 90)] };
        let ours = schedule(&p);
        assert_eq!(ours, vec![Placement { request: 1, slot: 0, table: 1 }]);
        assert_eq!(greedy(&p), vec![Placement { request: 0, slot: 0, table: 1 }]);
    }

    #[test]
    fn a_request_without_a_common_slot_is_left_out() {
        let p = Problem { slots: 2, tables: 4, available: vec![0b01, 0b10], requests: vec![req(0, 1, 99)] };
        assert!(schedule(&p).is_empty());
    }

    #[test]
    fn tables_are_numbered_from_one_in_each_slot_best_score_first() {
        let p = Problem {
            slots: 1,
            tables: 3,
            available: vec![1; 6],
            requests: vec![req(0, 1, 40), req(2, 3, 80), req(4, 5, 60)],
        };
        let ours = schedule(&p);
        let table_of = |r: usize| ours.iter().find(|pl| pl.request == r).map(|pl| pl.table);
        assert_eq!((table_of(1), table_of(2), table_of(0)), (Some(1), Some(2), Some(3)));
    }
}
