//! How well two published postings fit: one value in 0–1 per factor, combined with the admin's
//! weights into a 0–100 score, with the reasons that speak for the match and the one that held it
//! back. Pure: no I/O, every rule unit-tested.
//!
//! This file is long because its unit tests (303 lines) sit beside the factors they check, one per
//! rule.

use std::collections::HashMap;

use shared::market::PostingKind;
use shared::matching::{Factor, FactorScore, Reason, Weights};
use time::Date;

/// A code or keyword shared by many profiles: 400,000 profiles hold a few thousand distinct ones, so
/// they are interned (see [`Interner`]) instead of each profile owning copies.
pub type Code = std::sync::Arc<str>;

/// Hands out one shared copy of each distinct string.
#[derive(Debug, Default)]
pub struct Interner(std::collections::HashSet<Code>);

impl Interner {
    pub fn get(&mut self, s: &str) -> Code {
        if let Some(c) = self.0.get(s) {
            return c.clone();
        }
        let c: Code = Code::from(s);
        self.0.insert(c.clone());
        c
    }

    pub fn all<S: AsRef<str>>(&mut self, list: &[S]) -> Vec<Code> {
        list.iter().map(|s| self.get(s.as_ref())).collect()
    }
}

/// What matching needs to know of one published posting.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    pub id: i64,
    pub kind: PostingKind,
    pub org_id: i64,
    /// The owning organization's tier codes (enterprises) — its standing.
    pub org_tiers: Vec<Code>,
    pub domains: Vec<Code>,
    pub keywords: Vec<Code>,
    pub district: Option<Code>,
    pub pilot_zone: Option<Code>,
    /// Demand type, capability kind, scenario category or fund type.
    pub type_code: Code,
    pub trl: Option<u8>,
    /// Budget, price or ticket range in 万元.
    pub amount_min: Option<u32>,
    pub amount_max: Option<u32>,
    pub negotiable: bool,
    /// Mandates: the stages they invest in; a funding demand: the round it raises (empty when it
    /// does not say). Mandates: the districts they invest in (none: anywhere).
    pub stages: Vec<Code>,
    pub invest_districts: Vec<Code>,
    pub deadline: Option<Date>,
    /// When it was published: among equal scores the fresher posting comes first.
    pub published: Option<Date>,
}

impl Profile {
    /// How many of the optional facts a poster gave (keywords, district, TRL, money, deadline,
    /// stages): among equal scores and equal freshness the fuller posting comes first.
    pub fn completeness(&self) -> u8 {
        [
            !self.keywords.is_empty(),
            self.district.is_some() || !self.invest_districts.is_empty(),
            self.trl.is_some(),
            self.amount_min.is_some() || self.amount_max.is_some() || self.negotiable,
            self.deadline.is_some(),
            !self.stages.is_empty(),
        ]
        .into_iter()
        .map(u8::from)
        .sum()
    }
}

impl Profile {
    /// The profile of a posting given as input (benchmarks, evaluation, tests).
    pub fn from_input(
        id: i64,
        org_id: i64,
        org_tiers: &[String],
        p: &shared::market::PostingInput,
        codes: &mut Interner,
    ) -> Profile {
        use shared::market::PostingSpec;
        let (type_code, trl, amount_min, amount_max) = p.spec.facets();
        let (negotiable, stages, invest_districts) = match &p.spec {
            PostingSpec::Capability(c) => (c.negotiable, vec![], vec![]),
            PostingSpec::Mandate(m) => (false, codes.all(&m.stages), codes.all(&m.districts)),
            PostingSpec::Demand(d) => (false, d.round.iter().map(|r| codes.get(r)).collect(), vec![]),
            PostingSpec::Scenario(_) => (false, vec![], vec![]),
        };
        Profile {
            id,
            kind: p.spec.kind(),
            org_id,
            org_tiers: codes.all(org_tiers),
            domains: codes.all(&p.domains),
            keywords: codes.all(&p.keywords),
            district: p.district.as_deref().map(|d| codes.get(d)),
            pilot_zone: p.pilot_zone.as_deref().map(|z| codes.get(z)),
            type_code: codes.get(&type_code),
            trl,
            amount_min,
            amount_max,
            negotiable,
            stages,
            invest_districts,
            deadline: p.deadline,
            published: None,
        }
    }
}

/// The default weights. Field and text carry half the score between them because they decide
/// whether two postings are about the same thing at all; TRL and money decide whether a deal is
/// feasible (a lab below the needed readiness or a budget far off the price rarely closes);
/// location, timing and standing break ties among feasible partners; feedback nudges by what
/// the organization itself kept.
pub const DEFAULT_WEIGHTS: Weights = Weights {
    domain: 25.0,
    text: 25.0,
    trl: 12.0,
    budget: 10.0,
    stage: 10.0,
    geography: 6.0,
    timing: 4.0,
    standing: 3.0,
    feedback: 5.0,
};

/// Related-field credit, read from `data/related_fields.txt`.
#[derive(Debug, Clone, Default)]
pub struct Related(HashMap<(String, String), f32>);

impl Related {
    pub fn parse(text: &str) -> Related {
        let mut map = HashMap::new();
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            let parts: Vec<&str> = line.split_whitespace().collect();
            if let [a, b, credit] = parts[..]
                && let Ok(c) = credit.parse::<f32>()
            {
                let c = c.clamp(0.0, 1.0);
                map.insert((a.to_owned(), b.to_owned()), c);
                map.insert((b.to_owned(), a.to_owned()), c);
            }
        }
        Related(map)
    }

    pub fn builtin() -> &'static Related {
        static RELATED: std::sync::OnceLock<Related> = std::sync::OnceLock::new();
        RELATED.get_or_init(|| Related::parse(include_str!("data/related_fields.txt")))
    }

    fn credit(&self, a: &str, b: &str) -> f32 {
        self.0.get(&(a.to_owned(), b.to_owned())).copied().unwrap_or(0.0)
    }
}

/// Everything around a pair that is not in the two profiles.
pub struct Context<'a> {
    pub today: Date,
    pub related: &'a Related,
    /// 0–1 similarity of the two texts, from the index (BM25 both ways).
    pub text: f32,
    /// How many matches with the candidate's organization the viewer's organization saved.
    pub saved_with_org: u32,
    /// Deal outcomes between the two organizations: signed and completed deals count up, deals
    /// that failed as "not relevant" count down.
    pub deals_with_org: i32,
}

/// A pair's verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    pub score: u8,
    pub factors: Vec<FactorScore>,
    pub reasons: Vec<Reason>,
    pub held_back: Option<Reason>,
}

/// One factor's verdict: its value, what speaks for it, what held it back.
struct Part {
    factor: Factor,
    value: f32,
    reasons: Vec<Reason>,
    holdback: Option<Reason>,
}

impl Part {
    /// Records a reason, built only when the score is being explained.
    fn say(&mut self, explain: bool, reason: impl FnOnce() -> Reason) {
        if explain {
            self.reasons.push(reason());
        }
    }

    fn hold(&mut self, explain: bool, reason: impl FnOnce() -> Reason) {
        if explain {
            self.holdback = Some(reason());
        }
    }
}

fn part(factor: Factor, value: f32) -> Part {
    Part { factor, value: value.clamp(0.0, 1.0), reasons: vec![], holdback: None }
}

/// A fund naming many fields is a generalist: a shared field says less than with a focused one.
fn breadth(domains: usize) -> f32 {
    match domains {
        0..=3 => 1.0,
        4..=6 => 0.9,
        _ => 0.8,
    }
}

fn domain(a: &Profile, b: &Profile, related: &Related, explain: bool) -> Part {
    if let Some(f) = a.domains.iter().find(|d| b.domains.contains(d)) {
        let mut p = part(Factor::Domain, breadth(b.domains.len()));
        p.say(explain, || Reason::SameField { field: f.to_string() });
        return p;
    }
    let best = a
        .domains
        .iter()
        .flat_map(|x| b.domains.iter().map(move |y| (x, y)))
        .map(|(x, y)| (related.credit(x, y), x, y))
        .max_by(|l, r| l.0.total_cmp(&r.0));
    match best {
        Some((c, x, y)) if c > 0.0 => {
            let mut p = part(Factor::Domain, c);
            p.say(explain, || Reason::RelatedField { field: x.to_string(), other: y.to_string() });
            p
        }
        _ => part(Factor::Domain, 0.0),
    }
}

/// Whether two keywords name the same thing: equal ignoring ASCII case, or one inside the other.
fn same_keyword(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
        || (a.chars().nth(1).is_some() && b.chars().nth(1).is_some() && (a.contains(b) || b.contains(a)))
}

/// Keywords both postings name.
pub fn shared_keywords(a: &Profile, b: &Profile) -> Vec<String> {
    let mut out: Vec<String> = vec![];
    for k in &a.keywords {
        if b.keywords.iter().any(|o| same_keyword(k, o)) && !out.iter().any(|o| **o == **k) {
            out.push(k.to_string());
        }
    }
    out
}

fn count_shared(a: &Profile, b: &Profile) -> usize {
    a.keywords.iter().filter(|k| b.keywords.iter().any(|o| same_keyword(k, o))).count()
}

fn text(a: &Profile, b: &Profile, similarity: f32, explain: bool) -> Part {
    let shared = count_shared(a, b);
    // Each shared keyword is strong evidence on its own: keywords are what posters chose to be found by.
    let value = (similarity + 0.25 * shared as f32).min(1.0);
    let mut p = part(Factor::Text, value);
    if shared > 0 {
        p.say(explain, || Reason::SharedKeywords { words: shared_keywords(a, b).into_iter().take(3).collect() });
    } else if similarity >= 0.5 {
        p.say(explain, || Reason::SimilarText);
    }
    p
}

/// A capability's readiness against a demand's need: meeting it is full marks, each level short
/// costs a quarter.
fn trl(need: u8, have: u8, explain: bool) -> Part {
    if have >= need {
        let mut p = part(Factor::Trl, 1.0);
        p.say(explain, || Reason::TrlMeets { have, need });
        p
    } else {
        let mut p = part(Factor::Trl, 1.0 - 0.25 * f32::from(need - have));
        p.hold(explain, || Reason::TrlBelow { have, need });
        p
    }
}

/// A budget against a price (`affordable_above`: a budget above the price is fine) or a ticket range
/// (a need above the largest ticket is only partly fundable). Apart costs the ratio of the gap.
fn amount(
    need: (Option<u32>, Option<u32>),
    offer: (Option<u32>, Option<u32>),
    affordable_above: bool,
    explain: bool,
) -> Option<Part> {
    let (a, b) = need;
    let (c, d) = offer;
    if (a.is_none() && b.is_none()) || (c.is_none() && d.is_none()) {
        return None;
    }
    let need_lo = a.or(b).unwrap_or(0) as f32;
    let need_hi = b.or(a).unwrap_or(0) as f32;
    let offer_lo = c.or(d).unwrap_or(0) as f32;
    let offer_hi = d.or(c).unwrap_or(u32::MAX) as f32;
    let (fits, value) = if need_hi < offer_lo {
        (false, if offer_lo > 0.0 { need_hi / offer_lo } else { 0.0 })
    } else if need_lo > offer_hi {
        if affordable_above { (true, 1.0) } else { (false, if need_lo > 0.0 { offer_hi / need_lo } else { 0.0 }) }
    } else {
        (true, 1.0)
    };
    let mut p = part(Factor::Budget, value);
    let facts = (a, b, c, d);
    if fits {
        p.say(explain, || Reason::AmountFits {
            amount_min: facts.0,
            amount_max: facts.1,
            range_min: facts.2,
            range_max: facts.3,
        });
    } else {
        p.hold(explain, || Reason::AmountApart {
            amount_min: facts.0,
            amount_max: facts.1,
            range_min: facts.2,
            range_max: facts.3,
        });
    }
    Some(p)
}

/// The one round an enterprise most plausibly raises: from its tiers when it has any (the latest
/// they suggest), else from the readiness of what it asks for.
pub fn inferred_round(tiers: &[Code], trl: Option<u8>) -> Option<&'static str> {
    let from_tiers = tiers
        .iter()
        .filter_map(|t| match &**t {
            "kunpeng" | "chain_leader" | "single_champion" | "unicorn" => Some("series_c_plus"),
            "little_giant" | "tech_little_giant" | "tech_leader" | "high_growth" | "high_tech" => Some("series_b"),
            "tech_sme" => Some("series_a"),
            _ => None,
        })
        .max_by_key(|r| ROUNDS.iter().position(|x| x == r));
    from_tiers.or(match trl {
        Some(1..=3) => Some("seed"),
        Some(4 | 5) => Some("angel"),
        Some(6) => Some("series_a"),
        Some(7) => Some("series_b"),
        Some(_) => Some("series_c_plus"),
        None => None,
    })
}

/// Financing rounds in order: a fund one round off may still follow on or lead early.
const ROUNDS: [&str; 6] = ["seed", "angel", "series_a", "series_b", "series_c_plus", "pre_ipo"];

/// Where the stage a fund would see comes from.
#[derive(Clone, Copy, PartialEq)]
enum StageSource {
    /// The funding demand names its round.
    Stated,
    /// A funding demand without a round: inferred from tiers or TRL.
    Inferred,
    /// Not a funding demand: what a fund would fund is the company at its stage.
    Company,
}

fn stage(demand: &Profile, mandate: &Profile, explain: bool) -> Option<Part> {
    let funding = &*demand.type_code == "funding";
    let (wanted, source) = match demand.stages.first() {
        Some(r) if funding => (Some(&**r), StageSource::Stated),
        _ => (
            inferred_round(&demand.org_tiers, demand.trl),
            if funding { StageSource::Inferred } else { StageSource::Company },
        ),
    };
    let wanted = wanted?;
    if mandate.stages.is_empty() {
        return None;
    }
    let position = |s: &str| ROUNDS.iter().position(|r| *r == s);
    let gap =
        position(wanted).and_then(|w| mandate.stages.iter().filter_map(|s| position(s)).map(|m| w.abs_diff(m)).min());
    // The reason names the round looked at, the same for every fund.
    let stage = wanted.to_owned();
    let mut p = match gap {
        Some(0) => part(Factor::Stage, 1.0),
        // One round off: a fund may lead a little early or follow on.
        Some(1) => part(Factor::Stage, 0.6),
        _ => part(Factor::Stage, 0.2),
    };
    if gap == Some(0) {
        p.say(explain, move || match source {
            StageSource::Stated => Reason::StageFits { stage },
            StageSource::Inferred => Reason::RoundInferred { stage },
            StageSource::Company => Reason::FundsCompanyStage { stage },
        });
    } else {
        p.hold(explain, || Reason::StageOff);
    }
    Some(p)
}

fn geography(a: &Profile, b: &Profile, explain: bool) -> Part {
    if b.kind == PostingKind::Mandate || a.kind == PostingKind::Mandate {
        let (other, mandate) = if b.kind == PostingKind::Mandate { (a, b) } else { (b, a) };
        return match &other.district {
            Some(d) if mandate.invest_districts.contains(d) => {
                let mut p = part(Factor::Geography, 1.0);
                p.say(explain, || Reason::InvestsInDistrict { district: d.to_string() });
                p
            }
            _ if mandate.invest_districts.is_empty() => part(Factor::Geography, 0.7),
            _ => part(Factor::Geography, 0.3),
        };
    }
    if let (Some(x), Some(y)) = (&a.pilot_zone, &b.pilot_zone)
        && x == y
    {
        let mut p = part(Factor::Geography, 1.0);
        p.say(explain, || Reason::SamePilotZone { zone: x.to_string() });
        return p;
    }
    match (&a.district, &b.district) {
        (Some(x), Some(y)) if x == y => {
            let mut p = part(Factor::Geography, 1.0);
            p.say(explain, || Reason::SameDistrict { district: x.to_string() });
            p
        }
        (Some(_), Some(_)) => part(Factor::Geography, 0.4),
        _ => part(Factor::Geography, 0.5),
    }
}

/// Time left on the nearer deadline: a month or more is full marks.
fn timing(a: &Profile, b: &Profile, today: Date, explain: bool) -> Option<Part> {
    let deadline = [a.deadline, b.deadline].into_iter().flatten().min()?;
    let days = (deadline - today).whole_days().max(0) as u32;
    let mut p = part(Factor::Timing, if days >= 30 { 1.0 } else { 0.4 + 0.6 * days as f32 / 30.0 });
    if days < 30 {
        p.say(explain, || Reason::DeadlineSoon { days });
    }
    Some(p)
}

fn standing(a: &Profile, b: &Profile, explain: bool) -> Part {
    // Every published posting comes from a verified organization: that is the base; the recognised
    // tiers of either side (专精特新, 独角兽…) add to it.
    let tiers = a.org_tiers.len() + b.org_tiers.len();
    let value = 0.5 + 0.2 * tiers.min(3) as f32 / 1.2;
    let mut p = part(Factor::Standing, value);
    if tiers > 0 {
        p.say(explain, || Reason::StrongStanding);
    }
    p
}

fn feedback(saved_with_org: u32, deals_with_org: i32, explain: bool) -> Part {
    // Neutral without signals; each save or deal with the same organization closes half the gap
    // to 1, each failure as "not relevant" halves the distance to 0.
    let n = (saved_with_org.min(8) as i32 + deals_with_org).clamp(-8, 8);
    let value = if n >= 0 { 0.5 + 0.5 * (1.0 - 0.5f32.powi(n)) } else { 0.5 * 0.5f32.powi(-n) };
    let mut p = part(Factor::Feedback, value);
    if deals_with_org > 0 {
        p.say(explain, || Reason::PastDeal);
    } else if saved_with_org > 0 {
        p.say(explain, || Reason::SavedSimilar);
    }
    if n < 0 {
        p.hold(explain, || Reason::PastFailure);
    }
    p
}

/// Scores `candidate` for `source` (either order of kinds; one of them is a demand), with the
/// reasons and the factor breakdown.
pub fn score(source: &Profile, candidate: &Profile, w: &Weights, ctx: &Context<'_>) -> Scored {
    evaluate(source, candidate, w, ctx, true)
}

/// The score alone (the same number [`score`] gives), without building reasons: for ranking
/// hundreds of candidates before explaining the few shown.
pub fn quick(source: &Profile, candidate: &Profile, w: &Weights, ctx: &Context<'_>) -> u8 {
    evaluate(source, candidate, w, ctx, false).score
}

fn evaluate(source: &Profile, candidate: &Profile, w: &Weights, ctx: &Context<'_>, explain: bool) -> Scored {
    let (demand, other) = if source.kind == PostingKind::Demand { (source, candidate) } else { (candidate, source) };
    // Always from the demand's side: one score and one set of reasons whichever side asks.
    let mut parts = vec![domain(demand, other, ctx.related, explain), text(demand, other, ctx.text, explain)];
    match other.kind {
        PostingKind::Capability => {
            if let (Some(need), Some(have)) = (demand.trl, other.trl) {
                parts.push(trl(need, have, explain));
            }
            if &*demand.type_code == "funding" {
                // Money raised is not a price to pay: a funding demand is not compared with prices.
            } else if other.negotiable {
                let mut p = part(Factor::Budget, 0.8);
                p.say(explain, || Reason::PriceNegotiable);
                parts.push(p);
            } else {
                parts.extend(amount(
                    (demand.amount_min, demand.amount_max),
                    (other.amount_min, other.amount_max),
                    true,
                    explain,
                ));
            }
        }
        PostingKind::Mandate => {
            // A ticket is compared with what a funding demand raises; a service budget is no
            // investment, so other demands are ranked on the company's stage and field alone.
            if &*demand.type_code == "funding" {
                parts.extend(amount(
                    (demand.amount_min, demand.amount_max),
                    (other.amount_min, other.amount_max),
                    false,
                    explain,
                ));
            }
            parts.extend(stage(demand, other, explain));
        }
        PostingKind::Scenario | PostingKind::Demand => {}
    }
    parts.push(geography(demand, other, explain));
    parts.extend(timing(demand, other, ctx.today, explain));
    parts.push(standing(demand, other, explain));
    parts.push(feedback(ctx.saved_with_org, ctx.deals_with_org, explain));

    // For a company raising money, a fund's round and ticket are what decide: they count double.
    // A fund's thesis is the most specific thing it says (its field is one of ten): its text
    // counts half as much again.
    let raising = other.kind == PostingKind::Mandate && &*demand.type_code == "funding";
    let fund = other.kind == PostingKind::Mandate;
    let weight = |f: Factor| {
        w.get(f)
            * if raising && matches!(f, Factor::Stage | Factor::Budget) { 2.0 } else { 1.0 }
            * if fund && f == Factor::Text { FUND_TEXT } else { 1.0 }
    };
    let total_weight: f32 = parts.iter().map(|p| weight(p.factor)).sum();
    let earned: f32 = parts.iter().map(|p| weight(p.factor) * p.value).sum();
    let mut score = if total_weight > 0.0 { 100.0 * earned / total_weight } else { 0.0 };
    // Investors matter most to demands for funding and to high-growth enterprises; elsewhere a
    // mandate is a secondary suggestion.
    if other.kind == PostingKind::Mandate
        && &*demand.type_code != "funding"
        && !demand.org_tiers.iter().any(|t| &**t == "high_growth")
    {
        score *= 0.85;
    }
    let held_back = parts
        .iter()
        .filter(|p| p.holdback.is_some())
        .max_by(|a, b| (weight(a.factor) * (1.0 - a.value)).total_cmp(&(weight(b.factor) * (1.0 - b.value))))
        .and_then(|p| p.holdback.clone());
    let mut ranked: Vec<&Part> = parts.iter().filter(|p| !p.reasons.is_empty()).collect();
    ranked.sort_by(|a, b| (weight(b.factor) * b.value).total_cmp(&(weight(a.factor) * a.value)));
    Scored {
        score: score.round().clamp(0.0, 100.0) as u8,
        factors: parts
            .iter()
            .map(|p| FactorScore { factor: p.factor, value: p.value, weight: weight(p.factor) })
            .collect(),
        reasons: ranked.into_iter().flat_map(|p| p.reasons.clone()).collect(),
        held_back,
    }
}

/// How much more a fund's text counts than the admin's text weight (see [`score`]).
pub const FUND_TEXT: f32 = 1.5;

/// TRL from which a capability is ready to be piloted in a real setting.
pub const PILOT_TRL: u8 = 6;

/// How well a capability, a scenario and a mandate fit each other (0–1) and why: a shared field
/// (or related ones), the capability's readiness for a pilot, the fund investing where the pilot is.
pub fn coherence(cap: &Profile, scen: &Profile, fund: &Profile, related: &Related) -> (f32, Vec<Reason>) {
    let mut reasons = vec![];
    let pair = |a: &Profile, b: &Profile| -> f32 {
        if a.domains.iter().any(|d| b.domains.contains(d)) {
            1.0
        } else {
            a.domains.iter().flat_map(|x| b.domains.iter().map(move |y| related.credit(x, y))).fold(0.0, f32::max)
        }
    };
    let field = (pair(cap, scen) + pair(cap, fund) + pair(scen, fund)) / 3.0;
    if let Some(d) = cap.domains.iter().find(|d| scen.domains.contains(d) && fund.domains.contains(d)) {
        reasons.push(Reason::AllInField { field: d.to_string() });
    }
    let ready = match cap.trl {
        Some(t) if t >= PILOT_TRL => {
            reasons.push(Reason::PilotReady { trl: t });
            1.0
        }
        Some(t) => f32::from(t) / f32::from(PILOT_TRL),
        None => 0.5,
    };
    let region = match &scen.district {
        Some(d) if fund.invest_districts.contains(d) => {
            reasons.push(Reason::FundsPilotDistrict { district: d.to_string() });
            1.0
        }
        _ if fund.invest_districts.is_empty() => 0.7,
        _ => 0.3,
    };
    ((field + ready + region) / 3.0, reasons)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 11 - 29);

    fn profile(id: i64, kind: PostingKind) -> Profile {
        Profile {
            id,
            kind,
            org_id: id * 10,
            org_tiers: vec![],
            domains: vec!["synthetic_bio".into()],
            keywords: vec!["酶定向进化".into(), "发酵放大".into()],
            district: Some("yuhang".into()),
            pilot_zone: None,
            type_code: "tech_problem".into(),
            trl: Some(6),
            amount_min: Some(300),
            amount_max: Some(300),
            negotiable: false,
            stages: vec![],
            invest_districts: vec![],
            deadline: Some(date!(2027 - 06 - 30)),
            published: None,
        }
    }

    fn ctx(text: f32) -> Context<'static> {
        Context { today: TODAY, related: Related::builtin(), text, saved_with_org: 0, deals_with_org: 0 }
    }

    fn capability(trl: u8) -> Profile {
        Profile {
            kind: PostingKind::Capability,
            trl: Some(trl),
            amount_min: Some(100),
            amount_max: Some(250),
            deadline: None,
            ..profile(2, PostingKind::Capability)
        }
    }

    #[test]
    fn a_close_fit_scores_high_with_the_reasons_named() {
        let s = score(&profile(1, PostingKind::Demand), &capability(7), &DEFAULT_WEIGHTS, &ctx(0.6));
        assert!(s.score >= 85, "{s:?}");
        assert!(s.reasons.contains(&Reason::SameField { field: "synthetic_bio".into() }));
        assert!(
            s.reasons
                .contains(&Reason::SharedKeywords { words: vec!["酶定向进化".into(), "发酵放大".into()] })
        );
        assert!(s.reasons.contains(&Reason::SameDistrict { district: "yuhang".into() }));
        assert_eq!(s.held_back, None);
    }

    #[test]
    fn raising_trl_to_meet_the_need_never_lowers_the_score() {
        let demand = profile(1, PostingKind::Demand);
        let scores: Vec<u8> =
            (1..=9).map(|t| score(&demand, &capability(t), &DEFAULT_WEIGHTS, &ctx(0.3)).score).collect();
        assert!(scores.windows(2).all(|w| w[0] <= w[1]), "{scores:?}");
        assert!(scores[0] < scores[8]);
        let low = score(&demand, &capability(4), &DEFAULT_WEIGHTS, &ctx(0.3));
        assert_eq!(low.held_back, Some(Reason::TrlBelow { have: 4, need: 6 }));
    }

    #[test]
    fn unrelated_fields_score_below_related_below_the_same() {
        let demand = profile(1, PostingKind::Demand);
        let mut related = capability(7);
        related.domains = vec!["new_materials".into()];
        let mut unrelated = capability(7);
        unrelated.domains = vec!["quantum".into()];
        let s = |c: &Profile| score(&demand, c, &DEFAULT_WEIGHTS, &ctx(0.2)).score;
        assert!(s(&capability(7)) > s(&related) && s(&related) > s(&unrelated));
        let r = score(&demand, &related, &DEFAULT_WEIGHTS, &ctx(0.2));
        assert!(
            r.reasons.contains(&Reason::RelatedField { field: "synthetic_bio".into(), other: "new_materials".into() })
        );
    }

    #[test]
    fn a_budget_inside_the_ticket_range_fits_and_far_below_it_holds_back() {
        let demand = Profile { type_code: "funding".into(), ..profile(1, PostingKind::Demand) };
        let mandate = |lo, hi| Profile {
            kind: PostingKind::Mandate,
            amount_min: Some(lo),
            amount_max: Some(hi),
            stages: vec!["angel".into(), "series_a".into()],
            trl: None,
            ..profile(3, PostingKind::Mandate)
        };
        let fits = score(&demand, &mandate(200, 2000), &DEFAULT_WEIGHTS, &ctx(0.2));
        assert!(fits.reasons.contains(&Reason::AmountFits {
            amount_min: Some(300),
            amount_max: Some(300),
            range_min: Some(200),
            range_max: Some(2000)
        }));
        assert!(fits.reasons.contains(&Reason::RoundInferred { stage: "series_a".into() }));
        let far = score(&demand, &mandate(5000, 20000), &DEFAULT_WEIGHTS, &ctx(0.2));
        assert!(matches!(far.held_back, Some(Reason::AmountApart { .. })));
        assert!(far.score < fits.score);
    }

    fn fund(stages: &[&str], ticket: (u32, u32)) -> Profile {
        Profile {
            kind: PostingKind::Mandate,
            stages: stages.iter().map(|s| Code::from(*s)).collect(),
            amount_min: Some(ticket.0),
            amount_max: Some(ticket.1),
            trl: None,
            ..profile(3, PostingKind::Mandate)
        }
    }

    fn raising(round: Option<&str>, amount: u32, trl: u8) -> Profile {
        Profile {
            type_code: "funding".into(),
            stages: round.iter().map(|r| Code::from(*r)).collect(),
            amount_min: Some(amount),
            amount_max: Some(amount),
            trl: Some(trl),
            ..profile(1, PostingKind::Demand)
        }
    }

    #[test]
    fn a_stated_round_outranks_what_the_trl_would_suggest_and_one_round_off_is_partly_right() {
        // TRL 8 suggests late rounds, but the company says it raises its Series A.
        let demand = raising(Some("series_a"), 3000, 8);
        let s = |f: &Profile| score(&demand, f, &DEFAULT_WEIGHTS, &ctx(0.3));
        let exact = s(&fund(&["series_a"], (1000, 5000)));
        let next = s(&fund(&["series_b"], (1000, 5000)));
        let late = s(&fund(&["pre_ipo"], (1000, 5000)));
        assert!(exact.reasons.contains(&Reason::StageFits { stage: "series_a".into() }));
        assert!(exact.score > next.score && next.score > late.score, "{} {} {}", exact.score, next.score, late.score);
        assert_eq!(late.held_back, Some(Reason::StageOff));
    }

    #[test]
    fn for_a_raise_the_round_and_the_ticket_count_double_a_funds_text_half_again_and_the_breakdown_says_so() {
        let s =
            score(&raising(Some("series_a"), 3000, 6), &fund(&["series_a"], (1000, 5000)), &DEFAULT_WEIGHTS, &ctx(0.3));
        let weight = |f: Factor| s.factors.iter().find(|x| x.factor == f).map(|x| x.weight);
        assert_eq!(weight(Factor::Stage), Some(2.0 * DEFAULT_WEIGHTS.stage));
        assert_eq!(weight(Factor::Budget), Some(2.0 * DEFAULT_WEIGHTS.budget));
        assert_eq!(weight(Factor::Domain), Some(DEFAULT_WEIGHTS.domain));
        assert_eq!(weight(Factor::Text), Some(FUND_TEXT * DEFAULT_WEIGHTS.text));
        let lab =
            score(&profile(1, PostingKind::Demand), &profile(2, PostingKind::Capability), &DEFAULT_WEIGHTS, &ctx(0.3));
        assert_eq!(lab.factors.iter().find(|x| x.factor == Factor::Text).map(|x| x.weight), Some(DEFAULT_WEIGHTS.text));
        let other =
            score(&profile(1, PostingKind::Demand), &fund(&["series_a"], (1000, 5000)), &DEFAULT_WEIGHTS, &ctx(0.3));
        assert_eq!(
            other.factors.iter().find(|x| x.factor == Factor::Stage).map(|x| x.weight),
            Some(DEFAULT_WEIGHTS.stage)
        );
    }

    #[test]
    fn a_round_left_unsaid_is_inferred_from_readiness_and_the_reason_says_so() {
        let s = score(&raising(None, 300, 2), &fund(&["seed", "angel"], (100, 500)), &DEFAULT_WEIGHTS, &ctx(0.3));
        assert!(s.reasons.contains(&Reason::RoundInferred { stage: "seed".into() }), "{:?}", s.reasons);
    }

    #[test]
    fn the_ticket_is_compared_with_the_amount_raised() {
        let demand = raising(Some("series_a"), 5000, 6);
        let s = |f: &Profile| score(&demand, f, &DEFAULT_WEIGHTS, &ctx(0.3));
        let fits = s(&fund(&["series_a"], (2000, 8000)));
        let small = s(&fund(&["series_a"], (50, 300)));
        assert!(fits.score > small.score);
        assert!(matches!(small.held_back, Some(Reason::AmountApart { .. })));
    }

    #[test]
    fn a_demand_not_raising_money_meets_funds_on_the_companys_stage_without_its_budget() {
        let demand = Profile { org_tiers: vec!["tech_sme".into()], ..profile(1, PostingKind::Demand) };
        let s = score(&demand, &fund(&["series_a"], (5000, 9000)), &DEFAULT_WEIGHTS, &ctx(0.3));
        assert!(s.reasons.contains(&Reason::FundsCompanyStage { stage: "series_a".into() }), "{:?}", s.reasons);
        assert!(!s.factors.iter().any(|f| f.factor == Factor::Budget), "a service budget is no investment");
    }

    #[test]
    fn a_fund_naming_every_field_fits_less_squarely_than_a_focused_one() {
        let demand = raising(Some("series_a"), 3000, 6);
        let focused = fund(&["series_a"], (1000, 5000));
        let mut everywhere = focused.clone();
        everywhere.domains =
            ["synthetic_bio", "gen_ai", "quantum", "metaverse", "low_altitude", "new_materials", "advanced_energy"]
                .map(Code::from)
                .to_vec();
        let s = |f: &Profile| score(&demand, f, &DEFAULT_WEIGHTS, &ctx(0.3)).score;
        assert!(s(&focused) > s(&everywhere));
    }

    #[test]
    fn mandates_count_more_for_funding_demands() {
        let mandate =
            Profile { kind: PostingKind::Mandate, stages: vec!["series_a".into()], ..profile(3, PostingKind::Mandate) };
        let funding = Profile { type_code: "funding".into(), ..profile(1, PostingKind::Demand) };
        let problem = profile(1, PostingKind::Demand);
        let s = |d: &Profile| score(d, &mandate, &DEFAULT_WEIGHTS, &ctx(0.3)).score;
        assert!(s(&funding) > s(&problem));
    }

    #[test]
    fn saved_matches_with_an_organization_raise_its_other_postings() {
        let demand = profile(1, PostingKind::Demand);
        let before = score(&demand, &capability(6), &DEFAULT_WEIGHTS, &ctx(0.3));
        let after = score(&demand, &capability(6), &DEFAULT_WEIGHTS, &Context { saved_with_org: 1, ..ctx(0.3) });
        assert!(after.score > before.score);
        assert!(after.reasons.contains(&Reason::SavedSimilar));
    }

    #[test]
    fn every_factor_is_shown_with_its_weight_and_the_score_stays_in_range() {
        let s = score(&profile(1, PostingKind::Demand), &capability(2), &DEFAULT_WEIGHTS, &ctx(0.0));
        for f in &s.factors {
            assert!((0.0..=1.0).contains(&f.value) && f.weight == DEFAULT_WEIGHTS.get(f.factor));
        }
        assert!(s.factors.iter().any(|f| f.factor == Factor::Trl));
        assert!(s.score <= 100);
    }

    #[test]
    fn the_quick_score_is_the_explained_score() {
        let demand = profile(1, PostingKind::Demand);
        for t in 1..=9 {
            let c = capability(t);
            assert_eq!(
                quick(&demand, &c, &DEFAULT_WEIGHTS, &ctx(0.4)),
                score(&demand, &c, &DEFAULT_WEIGHTS, &ctx(0.4)).score
            );
        }
    }

    #[test]
    fn an_enterprises_round_comes_from_its_tiers_else_from_readiness() {
        assert_eq!(inferred_round(&["tech_sme".into(), "unicorn".into()], Some(3)), Some("series_c_plus"));
        assert_eq!(inferred_round(&[], Some(2)), Some("seed"));
        assert_eq!(inferred_round(&[], Some(6)), Some("series_a"));
        assert_eq!(inferred_round(&[], None), None);
    }

    #[test]
    fn an_inferred_round_is_the_same_for_every_fund() {
        let demand = raising(None, 3000, 6);
        let named = |stages: &[&str]| {
            score(&demand, &fund(stages, (1000, 5000)), &DEFAULT_WEIGHTS, &ctx(0.3)).reasons.into_iter().find_map(|r| {
                match r {
                    Reason::RoundInferred { stage } => Some(stage),
                    _ => None,
                }
            })
        };
        assert_eq!(named(&["series_a", "series_b"]), Some("series_a".into()));
        assert_eq!(named(&["angel", "series_a"]), Some("series_a".into()));
        assert_eq!(named(&["series_c_plus"]), None, "two rounds off: no fit to name");
    }

    #[test]
    fn a_raise_is_never_compared_with_a_labs_price() {
        let s = score(&raising(Some("series_a"), 5000, 6), &capability(7), &DEFAULT_WEIGHTS, &ctx(0.3));
        assert!(!s.factors.iter().any(|f| f.factor == Factor::Budget), "{s:?}");
    }

    #[test]
    fn a_coherent_bundle_shares_a_field_is_pilot_ready_and_funded_where_the_pilot_is() {
        let cap = capability(7);
        let scen = Profile { kind: PostingKind::Scenario, trl: None, ..profile(3, PostingKind::Scenario) };
        let fund = Profile {
            kind: PostingKind::Mandate,
            invest_districts: vec!["yuhang".into()],
            ..profile(4, PostingKind::Mandate)
        };
        let (good, reasons) = coherence(&cap, &scen, &fund, Related::builtin());
        assert!((good - 1.0).abs() < 1e-6, "{good}");
        assert_eq!(
            reasons,
            vec![
                Reason::AllInField { field: "synthetic_bio".into() },
                Reason::PilotReady { trl: 7 },
                Reason::FundsPilotDistrict { district: "yuhang".into() }
            ]
        );
        let elsewhere = Profile { invest_districts: vec!["jiande".into()], domains: vec!["quantum".into()], ..fund };
        let (worse, _) = coherence(&capability(3), &scen, &elsewhere, Related::builtin());
        assert!(worse < 0.6, "{worse}");
    }

    #[test]
    fn related_fields_are_symmetric_data() {
        let r = Related::parse("# comment\na b 0.5\nbad line\nc d 2\n");
        assert_eq!(
            (r.credit("a", "b"), r.credit("b", "a"), r.credit("d", "c"), r.credit("a", "c")),
            (0.5, 0.5, 1.0, 0.0)
        );
    }
}
