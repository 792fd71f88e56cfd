//! The published postings' filterable columns, held in memory so public lists filter, count and
//! page without touching SQLite: at 100,000 postings a filtered `COUNT(*)` plus a sorted page costs
//! SQLite 15–20 ms, a scan of one kind's compact entries well under one. Pure data structure; the
//! database stays the source of truth: it is loaded from the database at start and updated by
//! [`super::on_postings_changed`] after every commit that changes what is published.

use std::collections::HashMap;

use shared::market::{PostingKind, PostingQuery, PostingSort};
use time::{Date, OffsetDateTime};

/// The columns a public list filters and sorts by, for one published posting.
#[derive(Debug, Clone, PartialEq)]
pub struct FacetRow {
    pub id: i64,
    pub kind: PostingKind,
    pub org_id: i64,
    pub type_code: String,
    pub district: Option<String>,
    pub pilot_zone: Option<String>,
    pub domains: Vec<String>,
    pub trl: Option<u8>,
    pub amount_min: Option<u32>,
    pub amount_max: Option<u32>,
    pub deadline: Option<Date>,
    pub published_at: OffsetDateTime,
}

/// The facts a search hit shows of a posting.
#[derive(Debug, Clone, PartialEq)]
pub struct Facts {
    pub type_code: String,
    pub district: Option<String>,
    pub domains: Vec<String>,
    pub trl: Option<u8>,
    pub amount_min: Option<u32>,
    pub amount_max: Option<u32>,
    pub deadline: Option<Date>,
}

/// A code interned as a small number; 0 means "none".
type Code = u16;

#[derive(Debug, Clone)]
struct Entry {
    id: i64,
    org_id: i64,
    type_code: Code,
    district: Code,
    pilot_zone: Code,
    domains: [Code; 3],
    trl: Option<u8>,
    amount_min: Option<u32>,
    amount_max: Option<u32>,
    deadline: Option<Date>,
    published_at: OffsetDateTime,
}

impl Entry {
    /// Newest first: the order of a public list sorted by newest.
    fn newest_key(&self) -> (std::cmp::Reverse<OffsetDateTime>, std::cmp::Reverse<i64>) {
        (std::cmp::Reverse(self.published_at), std::cmp::Reverse(self.id))
    }
}

/// A query's filters with codes interned; `None` when a code is unknown (nothing can match).
struct Filter {
    domain: Option<Code>,
    type_code: Option<Code>,
    district: Option<Code>,
    pilot_zone: Option<Code>,
    trl_min: Option<u8>,
    trl_max: Option<u8>,
    amount_min: Option<u32>,
    amount_max: Option<u32>,
    org_id: Option<i64>,
    deadline_from: Option<Date>,
    deadline_to: Option<Date>,
}

impl Filter {
    fn is_empty(&self) -> bool {
        self.domain.is_none()
            && self.type_code.is_none()
            && self.district.is_none()
            && self.pilot_zone.is_none()
            && self.trl_min.is_none()
            && self.trl_max.is_none()
            && self.amount_min.is_none()
            && self.amount_max.is_none()
            && self.org_id.is_none()
            && self.deadline_from.is_none()
            && self.deadline_to.is_none()
    }

    /// The same rules as the SQL filters in `list`: an unset TRL or deadline fails a bound on it,
    /// an open end of an amount range overlaps everything.
    fn matches(&self, e: &Entry) -> bool {
        self.domain.is_none_or(|d| e.domains.contains(&d))
            && self.type_code.is_none_or(|t| e.type_code == t)
            && self.district.is_none_or(|d| e.district == d)
            && self.pilot_zone.is_none_or(|z| e.pilot_zone == z)
            && self.trl_min.is_none_or(|t| e.trl.is_some_and(|v| v >= t))
            && self.trl_max.is_none_or(|t| e.trl.is_some_and(|v| v <= t))
            && self.amount_min.is_none_or(|a| e.amount_max.is_none_or(|m| m >= a))
            && self.amount_max.is_none_or(|b| e.amount_min.is_none_or(|m| m <= b))
            && self.org_id.is_none_or(|o| e.org_id == o)
            && self.deadline_from.is_none_or(|d| e.deadline.is_some_and(|v| v >= d))
            && self.deadline_to.is_none_or(|d| e.deadline.is_some_and(|v| v <= d))
    }
}

/// Every published posting's facets, per kind in newest-first order.
#[derive(Debug, Default)]
pub struct Facets {
    codes: HashMap<String, Code>,
    /// The codes by number (`names[c - 1]` is code `c`).
    names: Vec<String>,
    kinds: [Vec<Entry>; 4],
    kind_of: HashMap<i64, PostingKind>,
}

fn slot(kind: PostingKind) -> usize {
    match kind {
        PostingKind::Demand => 0,
        PostingKind::Capability => 1,
        PostingKind::Scenario => 2,
        PostingKind::Mandate => 3,
    }
}

impl Facets {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.kind_of.len()
    }

    pub fn is_empty(&self) -> bool {
        self.kind_of.is_empty()
    }

    fn intern(&mut self, code: &str) -> Code {
        if let Some(c) = self.codes.get(code) {
            return *c;
        }
        // Reference codes number in the hundreds; u16 leaves room for tens of thousands.
        let next = Code::try_from(self.codes.len() + 1).unwrap_or(Code::MAX);
        self.codes.insert(code.to_owned(), next);
        self.names.push(code.to_owned());
        next
    }

    fn lookup(&self, code: &Option<String>) -> Result<Option<Code>, ()> {
        match code.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
            None => Ok(None),
            Some(c) => self.codes.get(c).map(|c| Some(*c)).ok_or(()),
        }
    }

    fn name(&self, c: Code) -> Option<String> {
        (c > 0).then(|| self.names.get(usize::from(c) - 1).cloned()).flatten()
    }

    /// What a search hit shows of published posting `id`.
    pub fn facts(&self, id: i64) -> Option<Facts> {
        let kind = self.kind_of.get(&id)?;
        let e = self.kinds[slot(*kind)].iter().find(|e| e.id == id)?;
        Some(Facts {
            type_code: self.name(e.type_code).unwrap_or_default(),
            district: self.name(e.district),
            domains: e.domains.iter().filter_map(|d| self.name(*d)).collect(),
            trl: e.trl,
            amount_min: e.amount_min,
            amount_max: e.amount_max,
            deadline: e.deadline,
        })
    }

    /// The published postings of every kind in `domain` and `district`; `None` when neither is
    /// asked for (no restriction), empty when a code is unknown.
    pub fn ids_in(&self, domain: &Option<String>, district: &Option<String>) -> Option<Vec<i64>> {
        let (Ok(domain), Ok(district)) = (self.lookup(domain), self.lookup(district)) else {
            return Some(vec![]);
        };
        if domain.is_none() && district.is_none() {
            return None;
        }
        let fits =
            |e: &&Entry| domain.is_none_or(|d| e.domains.contains(&d)) && district.is_none_or(|d| e.district == d);
        Some(self.kinds.iter().flatten().filter(fits).map(|e| e.id).collect())
    }

    /// Removes `removals` and inserts or replaces `upserts`.
    pub fn apply(&mut self, upserts: Vec<FacetRow>, removals: &[i64]) {
        for id in removals.iter().chain(upserts.iter().map(|r| &r.id)) {
            if let Some(kind) = self.kind_of.remove(id) {
                self.kinds[slot(kind)].retain(|e| e.id != *id);
            }
        }
        let bulk = upserts.len() > 64;
        for r in upserts {
            let mut domains = [0; 3];
            for (i, d) in r.domains.iter().take(3).enumerate() {
                domains[i] = self.intern(d);
            }
            let opt = |s: &mut Self, v: &Option<String>| v.as_deref().map_or(0, |v| s.intern(v));
            let entry = Entry {
                id: r.id,
                org_id: r.org_id,
                type_code: self.intern(&r.type_code),
                district: opt(self, &r.district),
                pilot_zone: opt(self, &r.pilot_zone),
                domains,
                trl: r.trl,
                amount_min: r.amount_min,
                amount_max: r.amount_max,
                deadline: r.deadline,
                published_at: r.published_at,
            };
            self.kind_of.insert(r.id, r.kind);
            let list = &mut self.kinds[slot(r.kind)];
            if bulk {
                list.push(entry);
            } else {
                let at = list.partition_point(|e| e.newest_key() < entry.newest_key());
                list.insert(at, entry);
            }
        }
        if bulk {
            for list in &mut self.kinds {
                list.sort_by_key(Entry::newest_key);
            }
        }
    }

    /// The ids of one page of published postings of `kind` matching `q`, in its sort order, and the total.
    /// `among`: only these postings (those a keyword found, most relevant first), by default in that order.
    pub fn page(
        &self,
        kind: PostingKind,
        q: &PostingQuery,
        among: Option<&[i64]>,
        limit: usize,
        offset: usize,
    ) -> (Vec<i64>, u64) {
        let (Ok(domain), Ok(type_code), Ok(district), Ok(pilot_zone)) =
            (self.lookup(&q.domain), self.lookup(&q.type_code), self.lookup(&q.district), self.lookup(&q.pilot_zone))
        else {
            return (vec![], 0);
        };
        let f = Filter {
            domain,
            type_code,
            district,
            pilot_zone,
            trl_min: q.trl_min,
            trl_max: q.trl_max,
            amount_min: q.amount_min,
            amount_max: q.amount_max,
            org_id: q.org_id,
            deadline_from: q.deadline_from,
            deadline_to: q.deadline_to,
        };
        let all = &self.kinds[slot(kind)];
        let sort = match (q.sort, among) {
            (Some(PostingSort::Relevance) | None, Some(_)) => PostingSort::Relevance,
            (Some(PostingSort::Relevance) | None, None) => PostingSort::Newest,
            (Some(s), _) => s,
        };
        let rank: Option<HashMap<i64, usize>> =
            among.map(|ids| ids.iter().enumerate().map(|(i, id)| (*id, i)).collect());
        if f.is_empty() && sort == PostingSort::Newest && rank.is_none() {
            let ids = all.iter().skip(offset).take(limit).map(|e| e.id).collect();
            return (ids, all.len() as u64);
        }
        let matching = all.iter().filter(|e| f.matches(e) && rank.as_ref().is_none_or(|r| r.contains_key(&e.id)));
        match sort {
            PostingSort::Relevance => {
                let mut found: Vec<(usize, i64)> = matching
                    .map(|e| (rank.as_ref().and_then(|r| r.get(&e.id)).copied().unwrap_or(usize::MAX), e.id))
                    .collect();
                found.sort_unstable();
                let total = found.len() as u64;
                (found.into_iter().skip(offset).take(limit).map(|(_, id)| id).collect(), total)
            }
            PostingSort::Newest => {
                let mut total = 0u64;
                let mut ids = Vec::with_capacity(limit);
                for e in matching {
                    if total as usize >= offset && ids.len() < limit {
                        ids.push(e.id);
                    }
                    total += 1;
                }
                (ids, total)
            }
            PostingSort::Deadline => {
                let mut all: Vec<&Entry> = matching.collect();
                all.sort_by_key(|e| (e.deadline.is_none(), e.deadline, e.id));
                let total = all.len() as u64;
                (all.into_iter().skip(offset).take(limit).map(|e| e.id).collect(), total)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    fn row(id: i64, kind: PostingKind, minute: u8) -> FacetRow {
        FacetRow {
            id,
            kind,
            org_id: 1,
            type_code: "tech_problem".into(),
            district: Some("binjiang".into()),
            pilot_zone: None,
            domains: vec!["gen_ai".into()],
            trl: Some(5),
            amount_min: Some(100),
            amount_max: Some(300),
            deadline: Some(date!(2027 - 01 - 01)),
            published_at: datetime!(2026-11-29 10:00 UTC) + time::Duration::minutes(minute.into()),
        }
    }

    fn q() -> PostingQuery {
        PostingQuery::default()
    }

    #[test]
    fn pages_are_newest_first_with_the_total_of_all_matches() {
        let mut f = Facets::new();
        f.apply((1..=5).map(|i| row(i, PostingKind::Demand, i as u8)).collect(), &[]);
        f.apply(vec![row(9, PostingKind::Capability, 9)], &[]);
        assert_eq!(f.page(PostingKind::Demand, &q(), None, 2, 0), (vec![5, 4], 5));
        assert_eq!(f.page(PostingKind::Demand, &q(), None, 2, 4), (vec![1], 5));
        assert_eq!(f.page(PostingKind::Capability, &q(), None, 20, 0), (vec![9], 1));
    }

    #[test]
    fn an_update_replaces_and_a_removal_drops_the_entry() {
        let mut f = Facets::new();
        f.apply(vec![row(1, PostingKind::Demand, 1), row(2, PostingKind::Demand, 2)], &[]);
        let mut edited = row(1, PostingKind::Demand, 1);
        edited.type_code = "joint_rnd".into();
        f.apply(vec![edited], &[2]);
        assert_eq!(f.len(), 1);
        let joint = PostingQuery { type_code: Some("joint_rnd".into()), ..q() };
        assert_eq!(f.page(PostingKind::Demand, &joint, None, 20, 0), (vec![1], 1));
        let problem = PostingQuery { type_code: Some("tech_problem".into()), ..q() };
        assert_eq!(f.page(PostingKind::Demand, &problem, None, 20, 0), (vec![], 0));
    }

    #[test]
    fn filters_follow_the_sql_rules_for_missing_values_and_ranges() {
        let mut f = Facets::new();
        let mut open = row(2, PostingKind::Demand, 2);
        open.trl = None;
        open.amount_max = None;
        open.deadline = None;
        f.apply(vec![row(1, PostingKind::Demand, 1), open], &[]);
        let page = |query: PostingQuery| f.page(PostingKind::Demand, &query, None, 20, 0).0;
        assert_eq!(page(PostingQuery { trl_min: Some(5), ..q() }), vec![1], "no TRL fails a TRL bound");
        assert_eq!(page(PostingQuery { amount_min: Some(1000), ..q() }), vec![2], "an open top overlaps");
        assert_eq!(page(PostingQuery { amount_max: Some(50), ..q() }), Vec::<i64>::new(), "both start at 100");
        assert_eq!(page(PostingQuery { deadline_to: Some(date!(2027 - 06 - 01)), ..q() }), vec![1]);
        assert_eq!(page(PostingQuery { domain: Some("gen_ai".into()), ..q() }), vec![2, 1]);
        assert_eq!(page(PostingQuery { domain: Some("quantum".into()), ..q() }), Vec::<i64>::new(), "unknown code");
        assert_eq!(page(PostingQuery { district: Some("binjiang".into()), org_id: Some(2), ..q() }), Vec::<i64>::new());
    }

    #[test]
    fn deadline_order_puts_open_ended_postings_last() {
        let mut f = Facets::new();
        let mut later = row(1, PostingKind::Demand, 1);
        later.deadline = Some(date!(2027 - 05 - 01));
        let mut none = row(2, PostingKind::Demand, 2);
        none.deadline = None;
        f.apply(vec![later, none, row(3, PostingKind::Demand, 3)], &[]);
        let by_deadline = PostingQuery { sort: Some(PostingSort::Deadline), ..q() };
        assert_eq!(f.page(PostingKind::Demand, &by_deadline, None, 20, 0), (vec![3, 1, 2], 3));
    }

    #[test]
    fn a_bulk_load_and_single_inserts_give_the_same_order() {
        let rows: Vec<FacetRow> = (1..=100).map(|i| row(i, PostingKind::Demand, (i * 37 % 100) as u8)).collect();
        let mut bulk = Facets::new();
        bulk.apply(rows.clone(), &[]);
        let mut single = Facets::new();
        for r in rows {
            single.apply(vec![r], &[]);
        }
        assert_eq!(
            bulk.page(PostingKind::Demand, &q(), None, 100, 0),
            single.page(PostingKind::Demand, &q(), None, 100, 0)
        );
    }

    #[test]
    fn a_keyword_keeps_its_postings_in_relevance_order_and_combines_with_filters() {
        let mut f = Facets::new();
        f.apply((1..=5).map(|i| row(i, PostingKind::Demand, i as u8)).collect(), &[]);
        let found = [4, 2, 9, 5];
        assert_eq!(f.page(PostingKind::Demand, &q(), Some(&found), 20, 0), (vec![4, 2, 5], 3), "9 is not a demand");
        let newest = PostingQuery { sort: Some(PostingSort::Newest), ..q() };
        assert_eq!(f.page(PostingKind::Demand, &newest, Some(&found), 20, 0), (vec![5, 4, 2], 3));
        let elsewhere = PostingQuery { district: Some("xihu".into()), ..q() };
        assert_eq!(f.page(PostingKind::Demand, &elsewhere, Some(&found), 20, 0), (vec![], 0));
        assert_eq!(f.page(PostingKind::Demand, &q(), Some(&[]), 20, 0), (vec![], 0), "nothing found, nothing listed");
    }

    #[test]
    fn facts_and_the_postings_of_a_field_or_district_answer_from_memory() {
        let mut f = Facets::new();
        f.apply((1..=3).map(|i| row(i, PostingKind::Demand, i as u8)).collect(), &[]);
        let facts = f.facts(2).expect("published");
        assert_eq!((facts.type_code.as_str(), facts.district.as_deref()), ("tech_problem", Some("binjiang")));
        assert_eq!(f.facts(99), None);
        assert_eq!(f.ids_in(&None, &None), None, "no restriction");
        let mut ids = f.ids_in(&None, &Some("binjiang".into())).unwrap();
        ids.sort_unstable();
        assert_eq!(ids, [1, 2, 3]);
        assert_eq!(f.ids_in(&Some("no_such_field".into()), &None), Some(vec![]));
    }
}
