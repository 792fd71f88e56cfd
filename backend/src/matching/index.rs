//! The in-memory match index: every published posting's profile and term bag, an inverted index
//! per kind for BM25, and the top-k search that scores candidates with [`super::score`].
//! Updated one posting at a time (no full recompute); the database is the source of truth.
//!
//! This file is long because its unit tests (240 lines) sit beside the index they check.

use std::collections::HashMap;

/// Hash maps keyed by our own numbers and by terms: foldhash is several times faster than the
/// default SipHash on these small keys and still randomly seeded.
type FastMap<K, V> = foldhash::HashMap<K, V>;

use shared::market::PostingKind;
use shared::matching::Weights;
use time::Date;

use super::score::{self, Context, Profile, Related, Scored};

const K1: f32 = 1.2;
const B: f32 = 0.75;
const K3: f32 = 1.5;
/// Candidates kept for full scoring, chosen by field and text (the factors that decide whether two
/// postings are about the same thing); the others cannot outweigh them with the default weights.
const SHORTLIST: usize = 400;

/// Largest term or slot number a packed entry holds (24 bits).
const MAX_NUMBER: u32 = (1 << 24) - 1;

/// A term or slot number (24 bits) packed with a weighted frequency (8 bits): four bytes per entry
/// keeps the lists of 400,000 postings in memory budget. Weighted frequencies are small integers
/// (title 3, keyword 2, summary 1 per occurrence).
fn pack(n: u32, tf: f32) -> u32 {
    (n << 8) | tf.round().clamp(1.0, 255.0) as u32
}

fn number(p: u32) -> u32 {
    p >> 8
}

fn weight(p: u32) -> f32 {
    (p & 0xff) as f32
}

#[derive(Debug, Clone)]
struct Doc {
    profile: Profile,
    /// Packed (term id, weighted frequency), sorted by term id.
    terms: Box<[u32]>,
    len: f32,
}

impl Doc {
    fn tf(&self, term: u32) -> f32 {
        self.terms.binary_search_by_key(&term, |p| number(*p)).map_or(0.0, |i| weight(self.terms[i]))
    }
}

/// One kind's inverted index. Removed postings leave their slot empty; their list entries are
/// skipped and dropped when the slot count doubles the live count.
#[derive(Debug, Default)]
struct Shard {
    slots: Vec<Option<i64>>,
    lens: Vec<f32>,
    /// Term id → packed (slot, weighted frequency).
    postings: FastMap<u32, Vec<u32>>,
    df: FastMap<u32, u32>,
    by_domain: FastMap<super::score::Code, Vec<u32>>,
    /// The fields seen (a few dozen at most), how many live postings each has, and per (term,
    /// field) how many of them hold the term: see [`Shard::idf_within`].
    fields: Vec<super::score::Code>,
    field_live: Vec<u32>,
    field_df: FastMap<u64, u32>,
    live: usize,
    total_len: f64,
}

impl Shard {
    fn avgdl(&self) -> f32 {
        if self.live == 0 { 1.0 } else { (self.total_len / self.live as f64) as f32 }
    }

    fn idf(&self, term: u32) -> f32 {
        let df = self.df.get(&term).copied().unwrap_or(0) as f32;
        let n = self.live as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    fn field(&self, code: &str) -> Option<usize> {
        self.fields.iter().position(|f| &**f == code)
    }

    fn field_or_add(&mut self, code: &super::score::Code) -> usize {
        self.field(code).unwrap_or_else(|| {
            self.fields.push(code.clone());
            self.field_live.push(0);
            self.fields.len() - 1
        })
    }

    /// How telling `term` is for a pair sharing the fields `shared`: the lower of its weight over
    /// the whole kind and its weight among the postings of the shared field where it is rarest. A
    /// word nearly every posting of the field uses (无人机 among low-altitude funds) says the field
    /// again, which the field factor already counted; the specific technology is what tells two
    /// postings of one field apart.
    fn idf_within(&self, term: u32, shared: &[usize]) -> f32 {
        let whole = self.idf(term);
        let within = shared
            .iter()
            .map(|f| {
                let n = self.field_live[*f] as f32;
                let df = self.field_df.get(&field_key(term, *f)).copied().unwrap_or(0) as f32;
                (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
            })
            .reduce(f32::max);
        within.map_or(whole, |w| whole.min(w))
    }

    fn tf_part(&self, tf: f32, len: f32) -> f32 {
        tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len / self.avgdl()))
    }
}

fn slot_of(kind: PostingKind) -> usize {
    match kind {
        PostingKind::Demand => 0,
        PostingKind::Capability => 1,
        PostingKind::Scenario => 2,
        PostingKind::Mandate => 3,
    }
}

/// A BM25 sum against the best it could be, as 0–1.
fn saturate(score: f32, ideal: f32) -> f32 {
    if ideal <= 0.0 { 0.0 } else { 1.0 - (-2.5 * score / ideal).exp() }
}

/// A (term, field) pair as one key.
fn field_key(term: u32, field: usize) -> u64 {
    (u64::from(term) << 32) | field as u64
}

/// How much a word of the asking posting weighs, saturating in its weighted frequency (BM25's
/// k3): a word in the title, the keywords and the summary counts more than once, not six times.
fn qw(qtf: f32) -> f32 {
    qtf * (K3 + 1.0) / (qtf + K3)
}

/// A posting's weighted terms: just segmented, or as stored (`term<TAB>weight` lines).
#[derive(Debug, Clone)]
pub enum Bag {
    Fresh(HashMap<String, f32>),
    Stored(String),
}

impl Bag {
    fn for_each(&self, mut f: impl FnMut(&str, f32)) {
        match self {
            Bag::Fresh(map) => map.iter().for_each(|(t, w)| f(t, *w)),
            Bag::Stored(text) => {
                for (t, w) in text.lines().filter_map(|l| l.split_once('\t')) {
                    if let Ok(w) = w.parse() {
                        f(t, w);
                    }
                }
            }
        }
    }
}

#[derive(Debug, Default)]
pub struct MatchIndex {
    vocabulary: FastMap<String, u32>,
    shards: [Shard; 4],
    docs: FastMap<i64, (usize, u32)>,
    store: Vec<Option<Doc>>,
}

/// Who is asking and what to leave out.
pub struct Ask<'a> {
    pub weights: &'a Weights,
    pub related: &'a Related,
    pub today: Date,
    /// Candidates the asking organization dismissed (hidden from it; scores are not affected).
    pub dismissed: &'a dyn Fn(i64) -> bool,
    /// What two organizations did about each other: matches either saved of the other's postings,
    /// and what their deals taught. Symmetric, so that a pair scores the same whichever side asks.
    pub between: &'a dyn Fn(i64, i64) -> (u32, i32),
}

impl MatchIndex {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    pub fn profile(&self, id: i64) -> Option<&Profile> {
        self.doc(id).map(|d| &d.profile)
    }

    fn doc(&self, id: i64) -> Option<&Doc> {
        let (_, store) = self.docs.get(&id)?;
        self.store.get(*store as usize)?.as_ref()
    }

    fn term_id(&mut self, t: &str) -> u32 {
        if let Some(id) = self.vocabulary.get(t) {
            return *id;
        }
        let next = self.vocabulary.len() as u32;
        self.vocabulary.insert(t.to_owned(), next);
        next
    }

    fn remove(&mut self, id: i64) {
        let Some((kind_slot, store)) = self.docs.remove(&id) else { return };
        let Some(doc) = self.store.get_mut(store as usize).and_then(Option::take) else { return };
        let shard = &mut self.shards[kind_slot];
        if let Some(pos) = shard.slots.iter().rposition(|s| *s == Some(id)) {
            shard.slots[pos] = None;
        }
        for t in doc.terms.iter().map(|p| number(*p)) {
            if let Some(df) = shard.df.get_mut(&t) {
                *df = df.saturating_sub(1);
            }
            for d in &doc.profile.domains {
                if let Some(df) = shard.field(d).and_then(|f| shard.field_df.get_mut(&field_key(t, f))) {
                    *df = df.saturating_sub(1);
                }
            }
        }
        for d in &doc.profile.domains {
            if let Some(f) = shard.field(d) {
                shard.field_live[f] = shard.field_live[f].saturating_sub(1);
            }
        }
        shard.live -= 1;
        shard.total_len -= f64::from(doc.len);
        if shard.slots.len() > 2 * shard.live + 1024 {
            self.compact(kind_slot);
        }
    }

    /// Drops the entries of removed postings from one kind's lists.
    fn compact(&mut self, kind_slot: usize) {
        let shard = &mut self.shards[kind_slot];
        let mut renumber = vec![u32::MAX; shard.slots.len()];
        let mut slots = vec![];
        let mut lens = vec![];
        for (old, id) in shard.slots.iter().enumerate() {
            if id.is_some() {
                renumber[old] = slots.len() as u32;
                slots.push(*id);
                lens.push(shard.lens[old]);
            }
        }
        for list in shard.postings.values_mut() {
            list.retain_mut(|p| {
                let to = renumber[number(*p) as usize];
                *p = (to << 8) | (*p & 0xff);
                to != u32::MAX
            });
        }
        shard.postings.retain(|_, l| !l.is_empty());
        for list in shard.by_domain.values_mut() {
            list.retain_mut(|s| {
                *s = renumber[*s as usize];
                *s != u32::MAX
            });
        }
        shard.slots = slots;
        shard.lens = lens;
    }

    /// Removes `removals` and inserts or replaces `upserts` (profile and weighted terms).
    pub fn apply(&mut self, upserts: Vec<(Profile, Bag)>, removals: &[i64]) {
        for id in removals.iter().chain(upserts.iter().map(|(p, _)| &p.id)) {
            self.remove(*id);
        }
        for (profile, bag) in upserts {
            let mut terms: Vec<u32> = vec![];
            bag.for_each(|t, w| {
                let id = self.term_id(t);
                if id <= MAX_NUMBER {
                    terms.push(pack(id, w));
                }
            });
            terms.sort_unstable();
            let terms = terms.into_boxed_slice();
            let len: f32 = terms.iter().map(|p| weight(*p)).sum();
            let kind_slot = slot_of(profile.kind);
            let shard = &mut self.shards[kind_slot];
            if shard.slots.len() as u32 >= MAX_NUMBER {
                self.compact(kind_slot);
            }
            let shard = &mut self.shards[kind_slot];
            let slot = shard.slots.len() as u32;
            shard.slots.push(Some(profile.id));
            shard.lens.push(len);
            for p in terms.iter() {
                shard.postings.entry(number(*p)).or_default().push(pack(slot, weight(*p)));
                *shard.df.entry(number(*p)).or_insert(0) += 1;
            }
            for d in &profile.domains {
                let f = shard.field_or_add(d);
                shard.field_live[f] += 1;
                for p in terms.iter() {
                    *shard.field_df.entry(field_key(number(*p), f)).or_insert(0) += 1;
                }
                shard.by_domain.entry(d.clone()).or_default().push(slot);
            }
            shard.live += 1;
            shard.total_len += f64::from(len);
            let store = self.store.len() as u32;
            self.docs.insert(profile.id, (kind_slot, store));
            self.store.push(Some(Doc { profile, terms, len }));
        }
    }

    /// BM25 of `query` against `doc` in `shard`'s statistics, and the best it could be, as 0–1.
    fn similarity(shard: &Shard, query: &Doc, doc: &Doc) -> f32 {
        let (mut s, mut ideal) = (0.0, 0.0);
        let shared: Vec<usize> = query
            .profile
            .domains
            .iter()
            .filter(|d| doc.profile.domains.contains(d))
            .filter_map(|d| shard.field(d))
            .collect();
        for (t, qtf) in query.terms.iter().map(|p| (number(*p), qw(weight(*p)))) {
            let idf = shard.idf_within(t, &shared);
            ideal += idf * qtf;
            let tf = doc.tf(t);
            if tf > 0.0 {
                s += idf * qtf * shard.tf_part(tf, doc.len);
            }
        }
        saturate(s, ideal)
    }

    /// The explained score of posting `candidate` for posting `source` (a demand and what answers
    /// it), as [`MatchIndex::top`] would rank it; `None` when either is not in the index or both
    /// belong to one organization.
    pub fn pair(&self, source: i64, candidate: i64, ask: &Ask<'_>) -> Option<Scored> {
        let (s, c) = (self.doc(source)?, self.doc(candidate)?);
        if s.profile.org_id == c.profile.org_id {
            return None;
        }
        Some(score::score(&s.profile, &c.profile, ask.weights, &self.context(s, c, ask)))
    }

    /// What scores a pair besides the profiles: their texts compared both ways, each in its own
    /// kind's statistics, and what their organizations did about each other — the same whichever of
    /// the two is `source`.
    fn context<'a>(&self, source: &Doc, candidate: &Doc, ask: &Ask<'a>) -> Context<'a> {
        let forward = Self::similarity(&self.shards[slot_of(candidate.profile.kind)], source, candidate);
        let backward = Self::similarity(&self.shards[slot_of(source.profile.kind)], candidate, source);
        let (saved, deals) = (ask.between)(source.profile.org_id, candidate.profile.org_id);
        Context {
            today: ask.today,
            related: ask.related,
            text: 0.5 * (forward + backward),
            saved_with_org: saved,
            deals_with_org: deals,
        }
    }

    /// The best `limit` postings of `target` kind for posting `source_id`, best first. Each one's
    /// score is [`MatchIndex::pair`]'s: the accumulated text score only picks the shortlist.
    pub fn top(&self, source_id: i64, target: PostingKind, limit: usize, ask: &Ask<'_>) -> Vec<(i64, Scored)> {
        let Some(source) = self.doc(source_id) else { return vec![] };
        let shard = &self.shards[slot_of(target)];
        // Text: accumulate BM25 over the query terms' lists.
        let mut acc = vec![0.0f32; shard.slots.len()];
        let mut touched: Vec<u32> = vec![];
        let mut ideal = 0.0;
        for (t, qtf) in source.terms.iter().map(|p| (number(*p), qw(weight(*p)))) {
            let Some(list) = shard.postings.get(&t) else { continue };
            // A term in more than half the postings hardly tells them apart, and walking its list
            // would cost more than all the others together.
            if list.len() > shard.live / 2 && shard.live > 1000 {
                continue;
            }
            let idf = shard.idf(t);
            ideal += idf * qtf;
            for (slot, tf) in list.iter().map(|p| (number(*p), weight(*p))) {
                let i = slot as usize;
                if shard.slots[i].is_none() {
                    continue;
                }
                if acc[i] == 0.0 {
                    touched.push(slot);
                }
                acc[i] += idf * qtf * shard.tf_part(tf, shard.lens[i]);
            }
        }
        // Field: every posting sharing one.
        let mut same_field = vec![false; shard.slots.len()];
        for d in &source.profile.domains {
            for slot in shard.by_domain.get(d).map(Vec::as_slice).unwrap_or(&[]) {
                let i = *slot as usize;
                if shard.slots[i].is_some() && !same_field[i] {
                    same_field[i] = true;
                    if acc[i] == 0.0 {
                        touched.push(*slot);
                    }
                }
            }
        }
        if touched.len() > SHORTLIST {
            // Each key once, with a cheap curve of the same shape as `saturate`: it only picks the shortlist.
            let (wt, wd) = (ask.weights.text, ask.weights.domain);
            let half = 0.4 * ideal.max(f32::MIN_POSITIVE);
            let mut keyed: Vec<(f32, u32)> = touched
                .iter()
                .map(|slot| {
                    let i = *slot as usize;
                    (wt * acc[i] / (acc[i] + half) + wd * f32::from(u8::from(same_field[i])), *slot)
                })
                .collect();
            keyed.select_nth_unstable_by(SHORTLIST, |a, b| b.0.total_cmp(&a.0));
            touched = keyed[..SHORTLIST].iter().map(|(_, slot)| *slot).collect();
        }
        // Rank the shortlist by the score alone, then explain only the ones returned.
        let mut ranked: Vec<(u8, i64, &Doc, Context<'_>)> = touched
            .into_iter()
            .filter_map(|slot| {
                let id = shard.slots[slot as usize]?;
                let doc = self.doc(id)?;
                let c = &doc.profile;
                let closed = c.deadline.is_some_and(|d| d < ask.today);
                if id == source_id || c.org_id == source.profile.org_id || closed || (ask.dismissed)(id) {
                    return None;
                }
                let ctx = self.context(source, doc, ask);
                Some((score::quick(&source.profile, c, ask.weights, &ctx), id, doc, ctx))
            })
            .collect();
        // Equal scores: the fresher posting first, then the fuller one (the id only keeps it stable).
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| tie(&a.2.profile, &b.2.profile)));
        ranked.truncate(limit);
        ranked
            .into_iter()
            .map(|(_, id, doc, ctx)| (id, score::score(&source.profile, &doc.profile, ask.weights, &ctx)))
            .collect()
    }
}

/// The order of two candidates of equal score: newer publication, then more facts given, then id.
fn tie(a: &Profile, b: &Profile) -> std::cmp::Ordering {
    b.published.cmp(&a.published).then(b.completeness().cmp(&a.completeness())).then(a.id.cmp(&b.id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::score::DEFAULT_WEIGHTS;
    use crate::matching::text::bag;
    use time::macros::date;

    fn profile(id: i64, kind: PostingKind, org: i64, domain: &str) -> Profile {
        Profile {
            id,
            kind,
            org_id: org,
            org_tiers: vec![],
            domains: vec![domain.into()],
            keywords: vec![],
            district: None,
            pilot_zone: None,
            type_code: "tech_problem".into(),
            trl: Some(5),
            amount_min: None,
            amount_max: None,
            negotiable: true,
            stages: vec![],
            invest_districts: vec![],
            published: None,
            deadline: None,
        }
    }

    fn entry(id: i64, kind: PostingKind, org: i64, domain: &str, title: &str) -> (Profile, Bag) {
        (profile(id, kind, org, domain), Bag::Fresh(bag(title, "", &[] as &[&str], "", "", "")))
    }

    fn index() -> MatchIndex {
        let mut ix = MatchIndex::new();
        ix.apply(
            vec![
                entry(1, PostingKind::Demand, 10, "advanced_energy", "固态电池电解质界面稳定性攻关"),
                entry(2, PostingKind::Capability, 20, "advanced_energy", "固态电池电解质材料研发平台"),
                entry(3, PostingKind::Capability, 30, "quantum", "量子密钥分发城域网络"),
                entry(4, PostingKind::Capability, 10, "advanced_energy", "固态电池中试线"),
                entry(5, PostingKind::Capability, 40, "new_materials", "钙钛矿叠层电池封装材料"),
            ],
            &[],
        );
        ix
    }

    fn ask<'a>(dismissed: &'a dyn Fn(i64) -> bool) -> Ask<'a> {
        Ask {
            weights: &DEFAULT_WEIGHTS,
            related: Related::builtin(),
            today: date!(2026 - 11 - 29),
            dismissed,
            between: &|_, _| (0, 0),
        }
    }

    #[test]
    fn a_word_every_posting_of_the_shared_field_uses_says_little_the_specific_technology_much() {
        let mut ix = MatchIndex::new();
        let mut all = vec![entry(1, PostingKind::Demand, 1, "low_altitude", "无人机通感一体探测")];
        for (i, what) in ["物流", "巡检", "植保", "测绘", "整机", "应急"].iter().enumerate() {
            all.push(entry(
                10 + i as i64,
                PostingKind::Mandate,
                10 + i as i64,
                "low_altitude",
                &format!("无人机{what}投资"),
            ));
        }
        for (i, what) in ["量子计算", "量子通信", "量子测量", "光量子芯片", "超导比特", "量子软件"].iter().enumerate()
        {
            all.push(entry(30 + i as i64, PostingKind::Mandate, 30 + i as i64, "quantum", &format!("{what}投资")));
        }
        all.push(entry(20, PostingKind::Mandate, 20, "low_altitude", "通感一体监视投资"));
        for (i, what) in ["电池续航", "避障算法", "集群调度", "航线规划"].iter().enumerate() {
            all.push(entry(
                40 + i as i64,
                PostingKind::Demand,
                40 + i as i64,
                "low_altitude",
                &format!("无人机{what}"),
            ));
            all.push(entry(50 + i as i64, PostingKind::Demand, 50 + i as i64, "quantum", &format!("量子{what}")));
        }
        ix.apply(all, &[]);
        let no = |_: i64| false;
        let text = |id: i64| {
            let s = ix.pair(1, id, &ask(&no)).expect("scored");
            s.factors.iter().find(|f| f.factor == shared::matching::Factor::Text).map(|f| f.value).unwrap_or(0.0)
        };
        // Across all postings 无人机 is rare (6 of 13 funds, 5 of 9 demands); among low-altitude ones
        // nearly all use it.
        assert!(text(10) < 0.3, "the field's own word: {}", text(10));
        assert!(text(20) > 2.0 * text(10), "{} vs {}", text(20), text(10));
    }

    #[test]
    fn the_fitting_capability_ranks_first_and_the_own_organization_never_appears() {
        let ix = index();
        let top = ix.top(1, PostingKind::Capability, 10, &ask(&|_| false));
        let ids: Vec<i64> = top.iter().map(|(id, _)| *id).collect();
        assert_eq!(ids.first(), Some(&2), "{top:?}");
        assert!(!ids.contains(&4), "posting 4 belongs to the demand's own organization");
        assert!(!ids.contains(&1), "never itself");
    }

    #[test]
    fn equal_scores_put_the_fresher_then_the_fuller_posting_first() {
        let mut ix = index();
        let twin = |id: i64, org: i64, published: Option<Date>, keywords: &[&str]| {
            let mut p = profile(id, PostingKind::Capability, org, "quantum");
            p.published = published;
            p.keywords = keywords.iter().map(|k| (*k).into()).collect();
            // The keywords differ in facts given, not in text: the bags are the same.
            (p, Bag::Fresh(bag("光量子芯片封装", "", &[] as &[&str], "", "", "")))
        };
        ix.apply(
            vec![
                entry(7, PostingKind::Demand, 70, "quantum", "光量子芯片封装"),
                twin(8, 80, Some(date!(2026 - 10 - 01)), &["封装"]),
                twin(9, 90, Some(date!(2026 - 11 - 20)), &[]),
                twin(10, 100, Some(date!(2026 - 11 - 20)), &["封装"]),
            ],
            &[],
        );
        let top = ix.top(7, PostingKind::Capability, 10, &ask(&|_| false));
        let scores: Vec<u8> = top.iter().take(3).map(|(_, s)| s.score).collect();
        assert!(scores.windows(2).all(|w| w[0] == w[1]), "the twins score the same: {top:?}");
        let ids: Vec<i64> = top.iter().take(3).map(|(id, _)| *id).collect();
        assert_eq!(ids, vec![10, 9, 8], "newest first; of the two newest, the one with keywords");
    }

    #[test]
    fn a_dismissed_candidate_is_gone() {
        let ix = index();
        let top = ix.top(1, PostingKind::Capability, 10, &ask(&|id| id == 2));
        assert!(top.iter().all(|(id, _)| *id != 2));
    }

    #[test]
    fn an_unpublished_posting_leaves_the_index_and_a_new_one_is_found_at_once() {
        let mut ix = index();
        ix.apply(vec![], &[2]);
        assert!(ix.top(1, PostingKind::Capability, 10, &ask(&|_| false)).iter().all(|(id, _)| *id != 2));
        assert!(ix.top(2, PostingKind::Demand, 10, &ask(&|_| false)).is_empty(), "a removed source has no matches");
        ix.apply(vec![entry(6, PostingKind::Capability, 50, "advanced_energy", "固态电池电解质界面改性服务")], &[]);
        let top = ix.top(1, PostingKind::Capability, 10, &ask(&|_| false));
        assert_eq!(top.first().map(|(id, _)| *id), Some(6));
    }

    #[test]
    fn the_reverse_direction_finds_the_demand_for_a_capability() {
        let ix = index();
        let top = ix.top(2, PostingKind::Demand, 10, &ask(&|_| false));
        assert_eq!(top.first().map(|(id, _)| *id), Some(1));
    }

    #[test]
    fn an_edit_replaces_the_old_text() {
        let mut ix = index();
        ix.apply(vec![entry(2, PostingKind::Capability, 20, "quantum", "量子计算云平台")], &[]);
        let top = ix.top(1, PostingKind::Capability, 10, &ask(&|_| false));
        let two = top.iter().find(|(id, _)| *id == 2).map(|(_, s)| s.score).unwrap_or(0);
        let five = top.iter().find(|(id, _)| *id == 5).map(|(_, s)| s.score).unwrap_or(0);
        assert!(two < five, "after the edit 2 is about quantum computing: {top:?}");
        assert_eq!(ix.len(), 5);
    }

    #[test]
    fn packed_entries_keep_the_number_and_the_weight() {
        let p = pack(MAX_NUMBER, 3.0);
        assert_eq!((number(p), weight(p)), (MAX_NUMBER, 3.0));
        assert_eq!(weight(pack(7, 900.0)), 255.0, "weights saturate");
    }

    #[test]
    fn compaction_keeps_answers_the_same() {
        let mut ix = index();
        let before: Vec<i64> = ix.top(1, PostingKind::Capability, 10, &ask(&|_| false)).iter().map(|x| x.0).collect();
        for _ in 0..1500 {
            let again = entry(3, PostingKind::Capability, 30, "quantum", "量子密钥分发城域网络");
            ix.apply(vec![again], &[]);
        }
        let after: Vec<i64> = ix.top(1, PostingKind::Capability, 10, &ask(&|_| false)).iter().map(|x| x.0).collect();
        assert_eq!(before, after);
        assert!(ix.shards[1].slots.len() < 1100, "old slots were dropped: {}", ix.shards[1].slots.len());
    }

    #[test]
    fn a_pair_scores_the_same_whichever_side_asks() {
        // A fixed-seed sweep: random postings of every kind over a shared vocabulary, random
        // organizations, fields and feedback; every pair's score and reasons from both sides.
        let words = [
            "固态电池",
            "电解质",
            "界面",
            "钙钛矿",
            "无人机",
            "物流",
            "量子",
            "密钥",
            "大模型",
            "推理",
            "中试",
            "检测",
        ];
        let domains = ["advanced_energy", "low_altitude", "quantum", "gen_ai"];
        let kinds = [PostingKind::Demand, PostingKind::Capability, PostingKind::Scenario, PostingKind::Mandate];
        let mut rng = crate::common::rng::Rng::new(0x9e37_79b9_7f4a_7c15);
        let mut next = |n: usize| rng.below(n);
        let mut ix = MatchIndex::new();
        let mut entries = vec![];
        for id in 1..=60 {
            let kind = kinds[if id % 3 == 0 { 0 } else { next(4) }];
            let title: String = (0..1 + next(4)).map(|_| words[next(words.len())]).collect();
            let mut p = profile(id, kind, 100 + next(12) as i64, domains[next(domains.len())]);
            p.trl = Some(2 + next(7) as u8);
            entries.push((p, Bag::Fresh(bag(&title, "", &[words[next(words.len())]], &title, "", ""))));
        }
        ix.apply(entries, &[]);
        let between = |a: i64, b: i64| (((a * b) % 3) as u32, ((a + b) % 5) as i32 - 2);
        let ask = Ask { between: &between, ..ask(&|_| false) };
        let mut compared = 0;
        for demand in (1..=60).filter(|id| ix.profile(*id).is_some_and(|p| p.kind == PostingKind::Demand)) {
            for kind in [PostingKind::Capability, PostingKind::Scenario, PostingKind::Mandate] {
                for (candidate, from_demand) in ix.top(demand, kind, 100, &ask) {
                    let from_candidate = ix.top(candidate, PostingKind::Demand, 100, &ask);
                    let (_, back) = from_candidate.iter().find(|(id, _)| *id == demand).expect("found both ways");
                    assert_eq!(from_demand.score, back.score, "{demand} ↔ {candidate}");
                    assert_eq!(from_demand.reasons, back.reasons, "{demand} ↔ {candidate}");
                    assert_eq!(ix.pair(demand, candidate, &ask).map(|s| s.score), Some(from_demand.score));
                    compared += 1;
                }
            }
        }
        assert!(compared > 100, "{compared} pairs compared");
    }
}
