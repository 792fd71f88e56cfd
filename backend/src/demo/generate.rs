//! The demo platform, generated deterministically from the vocabularies in `data/` and the
//! reference data: organizations of every kind over all districts, postings of every kind over
//! all ten 5+X domains. Pure: no I/O, the same seed and day give the same output.

use serde::Deserialize;
use shared::market::{
    CapabilityKind, CapabilitySpec, CoopMode, DemandSpec, DemandType, IpStatus, MandateSpec, OpenCall, PostingInput,
    PostingSpec, ScenarioOffer, ScenarioSpec,
};
use shared::orgs::{OrgInput, OrgKind, OrgSize};
use shared::taxonomy::{Taxonomy, TermKind};
use time::{Date, Duration};

use super::rng::Rng;

type Pair = (String, String);

#[derive(Debug, Deserialize)]
pub struct Vocabulary {
    pub terms: std::collections::BTreeMap<String, Vec<Pair>>,
    pub brands: Vec<Pair>,
    pub enterprise_suffixes: Vec<Pair>,
    pub lab_patterns: std::collections::BTreeMap<String, Vec<Pair>>,
    pub investor_patterns: std::collections::BTreeMap<String, Vec<Pair>>,
    pub organizer_names: Vec<Pair>,
    /// Scenario categories where each domain's technology is plausibly piloted.
    pub scenario_categories: std::collections::BTreeMap<String, Vec<String>>,
}

impl Vocabulary {
    pub fn load() -> Result<Vocabulary, serde_json::Error> {
        serde_json::from_str(include_str!("data/vocabulary.json"))
    }
}

/// A generated organization and whether it is verified.
#[derive(Debug, Clone)]
pub struct GenOrg {
    pub input: OrgInput,
    pub verified: bool,
}

/// A generated posting and the index of its organization.
#[derive(Debug, Clone)]
pub struct GenPosting {
    pub org: usize,
    pub input: PostingInput,
}

struct Ctx<'a> {
    vocab: &'a Vocabulary,
    tax: &'a Taxonomy,
    rng: Rng,
    today: Date,
}

fn fill(pattern: &str, vars: &[(&str, &str)]) -> String {
    let mut s = pattern.to_owned();
    for (k, v) in vars {
        s = s.replace(&format!("{{{k}}}"), v);
    }
    s
}

impl Ctx<'_> {
    fn codes(&self, kind: TermKind) -> Vec<String> {
        self.tax.of(kind).map(|t| t.code.clone()).collect()
    }

    fn label(&self, kind: TermKind, code: &str) -> (String, String) {
        let t = self.tax.find(kind, code);
        (t.map_or(code.into(), |t| t.label_zh.clone()), t.map_or(code.into(), |t| t.label_en.clone()))
    }

    fn term(&mut self, domain: &str) -> Pair {
        let terms = &self.vocab.terms[domain];
        self.rng.pick(terms).clone()
    }

    fn days_ahead(&mut self, lo: u32, hi: u32) -> Date {
        self.today + Duration::days(i64::from(self.rng.range(lo, hi)))
    }

    /// Rounds to a tidy amount in 万元.
    fn amount(&mut self, lo: u32, hi: u32) -> u32 {
        let v = self.rng.range(lo, hi);
        if v >= 1000 { v / 100 * 100 } else { v / 10 * 10 }
    }
}

/// Organizations: every district gets enterprises; labs, investors and organizers of every sub-type.
pub fn organizations(vocab: &Vocabulary, tax: &Taxonomy, seed: u64, count: usize) -> Vec<GenOrg> {
    let mut c = Ctx { vocab, tax, rng: Rng::new(seed), today: Date::MIN };
    let districts = c.codes(TermKind::District);
    let domains: Vec<String> = vocab.terms.keys().cloned().collect();
    let tiers = c.codes(TermKind::EnterpriseTier);
    let lab_types = c.codes(TermKind::LabSubtype);
    let investor_types = c.codes(TermKind::InvestorType);
    let zones: Vec<(String, Option<String>)> =
        tax.of(TermKind::PilotZone).map(|z| (z.code.clone(), z.parent.clone())).collect();
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        // Half enterprises, a quarter labs, the rest investors and a few organizers.
        let kind = match i % 8 {
            0..=3 => OrgKind::Enterprise,
            4 | 5 => OrgKind::Lab,
            6 => OrgKind::Investor,
            _ if i % 16 == 7 => OrgKind::Organizer,
            _ => OrgKind::Enterprise,
        };
        let district = districts[i % districts.len()].clone();
        let (district_zh, district_en) = c.label(TermKind::District, &district);
        let district_short = district_zh.trim_end_matches(['区', '县', '市']).to_owned();
        let brand = c.rng.pick(&vocab.brands).clone();
        let domain = domains[(i * 7 + i / domains.len()) % domains.len()].clone();
        let (domain_zh, domain_en) = c.label(TermKind::Domain, &domain);
        let vars = [
            ("brand", brand.0.as_str()),
            ("brand_en", brand.1.as_str()),
            ("district", district_short.as_str()),
            ("district_en", district_en.as_str()),
            ("domain", domain_zh.as_str()),
            ("domain_en", domain_en.as_str()),
        ];
        let (subtype, (name_zh, name_en)) = match kind {
            OrgKind::Enterprise => {
                let suffix = c.rng.pick(&vocab.enterprise_suffixes).clone();
                (
                    None,
                    (
                        format!("杭州{}{}{}", brand.0, domain_zh, suffix.0),
                        format!("Hangzhou {} {} {}", brand.1, domain_en, suffix.1),
                    ),
                )
            }
            OrgKind::Lab => {
                let sub = lab_types[i % lab_types.len()].clone();
                let pattern = c.rng.pick(&vocab.lab_patterns[&sub]).clone();
                (Some(sub), (fill(&pattern.0, &vars), fill(&pattern.1, &vars)))
            }
            OrgKind::Investor => {
                let sub = investor_types[i % investor_types.len()].clone();
                let pattern = c.rng.pick(&vocab.investor_patterns[&sub]).clone();
                (Some(sub), (fill(&pattern.0, &vars), fill(&pattern.1, &vars)))
            }
            OrgKind::Organizer => {
                let pattern = c.rng.pick(&vocab.organizer_names).clone();
                (None, (fill(&pattern.0, &vars), fill(&pattern.1, &vars)))
            }
        };
        // Names are made unique with a branch suffix when a pattern repeats.
        let taken = out.iter().filter(|o: &&GenOrg| o.input.name_zh.starts_with(&name_zh)).count();
        let (name_zh, name_en) = if taken == 0 {
            (name_zh, name_en)
        } else {
            (format!("{name_zh}（{}）", taken + 1), format!("{name_en} ({})", taken + 1))
        };
        let mut org_domains = vec![domain.clone()];
        if c.rng.chance(50) {
            let other = c.rng.pick(&domains).clone();
            if other != domain {
                org_domains.push(other);
            }
        }
        let tier_list = if kind == OrgKind::Enterprise {
            let mut t = vec![c.rng.pick(&tiers).clone()];
            if c.rng.chance(40) {
                let more = c.rng.pick(&tiers).clone();
                if !t.contains(&more) {
                    t.push(more);
                }
            }
            t
        } else {
            vec![]
        };
        let pilot_zone =
            zones.iter().find(|(_, parent)| parent.as_deref() == Some(district.as_str())).map(|z| z.0.clone());
        let term = c.term(&domain);
        let description = match kind {
            OrgKind::Enterprise => format!(
                "扎根{district_zh}的{domain_zh}企业，主营{}相关产品与解决方案，正在寻找技术合作伙伴与应用场景。",
                term.0
            ),
            OrgKind::Lab => {
                format!("聚焦{domain_zh}前沿研究，在{}方向拥有稳定的研究团队、中试平台与成果转化经验。", term.0)
            }
            OrgKind::Investor => {
                format!("长期关注{domain_zh}赛道，重点布局{}等方向的早中期项目，可联动政府引导基金协同投资。", term.0)
            }
            OrgKind::Organizer => format!("面向{domain_zh}等未来产业举办供需对接会、论坛与创新创业大赛。"),
        };
        let size = *c.rng.pick(&OrgSize::ALL);
        out.push(GenOrg {
            verified: !c.rng.chance(12),
            input: OrgInput {
                name_zh,
                name_en: Some(name_en),
                kind,
                subtype,
                tiers: tier_list,
                domains: org_domains,
                district: Some(district),
                pilot_zone,
                description: Some(description),
                website: None,
                founded_year: Some(c.rng.range(1995, 2025) as i32),
                size: Some(size),
                contact_phone: Some(format!("0571-{}", c.rng.range(8000_0000, 8999_9999))),
                contact_email: Some(format!("contact{i}@demo.futurematch.cn")),
            },
        });
    }
    out
}

/// `count` postings spread over the four kinds and all ten domains, each by an organization of
/// the right kind (scenario openings by verified organizations of any kind).
pub fn postings(
    vocab: &Vocabulary,
    tax: &Taxonomy,
    orgs: &[GenOrg],
    seed: u64,
    today: Date,
    count: usize,
) -> Vec<GenPosting> {
    let mut c = Ctx { vocab, tax, rng: Rng::new(seed ^ 0x5EED), today };
    let domains: Vec<String> = vocab.terms.keys().cloned().collect();
    let by_kind = |k: OrgKind| -> Vec<usize> {
        orgs.iter().enumerate().filter(|(_, o)| o.verified && o.input.kind == k).map(|(i, _)| i).collect()
    };
    let (enterprises, labs, investors) =
        (by_kind(OrgKind::Enterprise), by_kind(OrgKind::Lab), by_kind(OrgKind::Investor));
    let anyone: Vec<usize> = orgs.iter().enumerate().filter(|(_, o)| o.verified).map(|(i, _)| i).collect();
    let categories = c.codes(TermKind::ScenarioCategory);
    let stages = c.codes(TermKind::InvestmentStage);
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        // The kind follows i % 10 and the domain shifts every ten postings, so every hundred postings
        // hold every kind in every domain.
        let domain = domains[(i + i / 10) % domains.len()].clone();
        let (domain_zh, domain_en) = c.label(TermKind::Domain, &domain);
        let term = c.term(&domain);
        let mut other = c.term(&domain);
        while other.0 == term.0 {
            other = c.term(&domain);
        }
        let keywords = vec![term.0.clone(), other.0.clone()];
        let (org, input) = match i % 10 {
            0..=2 => {
                let org = *c.rng.pick(&enterprises);
                (org, demand(&mut c, &domain, &domain_zh, &term, keywords))
            }
            3..=5 => {
                let org = *c.rng.pick(&labs);
                (org, capability(&mut c, &domain, &domain_zh, &term, &other, keywords))
            }
            6 | 7 => {
                let org = *c.rng.pick(&anyone);
                let fitting: Vec<String> = vocab.scenario_categories[&domain]
                    .iter()
                    .filter(|code| categories.contains(code))
                    .cloned()
                    .collect();
                let category = c.rng.pick(if fitting.is_empty() { &categories } else { &fitting }).clone();
                (org, scenario(&mut c, &domain, &category, &term, keywords))
            }
            _ => {
                let org = *c.rng.pick(&investors);
                (org, mandate(&mut c, &domain, (&domain_zh, &domain_en), &term, &other, &stages, keywords, &orgs[org]))
            }
        };
        let district = orgs[org].input.district.clone();
        let mut input = PostingInput { district, ..input };
        // One posting in four spans a second field, as cross-field work does.
        if c.rng.chance(25) {
            let second = c.rng.pick(&domains).clone();
            if second != domain {
                input.domains.push(second);
            }
        }
        out.push(GenPosting { org, input });
    }
    out
}

fn base(
    title: (String, String),
    summary: String,
    details: String,
    domain: &str,
    keywords: Vec<String>,
    deadline: Option<Date>,
    spec: PostingSpec,
) -> PostingInput {
    PostingInput {
        title_zh: title.0,
        title_en: Some(title.1),
        summary_zh: summary,
        summary_en: None,
        details_zh: Some(details),
        details_en: None,
        domains: vec![domain.to_owned()],
        keywords,
        district: None,
        pilot_zone: None,
        deadline,
        spec,
    }
}

fn demand(c: &mut Ctx, domain: &str, domain_zh: &str, term: &Pair, keywords: Vec<String>) -> PostingInput {
    let demand_type = *c.rng.pick(DemandType::ALL);
    let (suffix_zh, suffix_en) = match demand_type {
        DemandType::TechProblem => ("技术攻关", "technical challenge"),
        DemandType::JointRnd => ("联合研发", "joint R&D"),
        DemandType::TechAcquisition => ("成果引进", "technology acquisition"),
        DemandType::ExpertConsultation => ("专家咨询", "expert consultation"),
        DemandType::Funding => ("项目融资", "project funding"),
    };
    let trl = c.rng.range(3, 8) as u8;
    let budget_min = c.amount(50, 800);
    let budget_max = budget_min + c.amount(100, 1500);
    let months = c.rng.range(6, 24);
    let deadline = c.days_ahead(60, 400);
    let open_call = c
        .rng
        .chance(15)
        .then(|| OpenCall { reward: c.amount(100, 2000), application_deadline: c.today + Duration::days(30) });
    let summary = format!(
        "我司在{domain_zh}领域开展{}相关业务，现面向高校院所与科技企业征集{}解决方案，要求技术成熟度达到TRL{trl}，预计周期{months}个月。",
        term.0, term.0
    );
    let details = format!(
        "技术指标：{}核心性能较现有方案提升30%以上，具备中试或小批量验证条件；交付内容包括技术方案、样机或软件系统及测试报告。",
        term.0
    );
    base(
        (format!("{}{suffix_zh}", term.0), format!("{}: {suffix_en}", term.1)),
        summary,
        details,
        domain,
        keywords,
        Some(deadline),
        PostingSpec::Demand(DemandSpec {
            demand_type,
            trl,
            budget_min: Some(budget_min),
            budget_max: Some(budget_max),
            start: Some(c.today + Duration::days(30)),
            expected_outcome: Some(format!("形成可落地的{}方案并完成验证", term.0)),
            indicators: Some("关键指标达到合同约定值，并通过第三方检测".into()),
            open_call,
        }),
    )
}

fn capability(
    c: &mut Ctx,
    domain: &str,
    domain_zh: &str,
    term: &Pair,
    other: &Pair,
    keywords: Vec<String>,
) -> PostingInput {
    let capability_kind = *c.rng.pick(CapabilityKind::ALL);
    let (suffix_zh, suffix_en) = match capability_kind {
        CapabilityKind::Research => ("研发能力", "research capability"),
        CapabilityKind::Transferable => ("成果转化", "transferable result"),
        CapabilityKind::PocService => ("概念验证服务", "proof-of-concept service"),
        CapabilityKind::Facility => ("测试验证平台", "test facility"),
    };
    let ip_status = *c.rng.pick(IpStatus::ALL);
    let patents = if ip_status == IpStatus::NoIp {
        vec![]
    } else {
        (0..c.rng.range(1, 3))
            .map(|_| format!("ZL{}1{:07}.{}", c.rng.range(2019, 2025), c.rng.range(0, 9_999_999), c.rng.range(0, 9)))
            .collect()
    };
    let mut modes: Vec<CoopMode> = vec![*c.rng.pick(CoopMode::ALL)];
    let second = *c.rng.pick(CoopMode::ALL);
    if !modes.contains(&second) {
        modes.push(second);
    }
    let negotiable = c.rng.chance(35);
    let price_min = c.amount(20, 500);
    let price_max = price_min + c.amount(50, 1000);
    let trl = c.rng.range(3, 9) as u8;
    base(
        (format!("{}{suffix_zh}", term.0), format!("{}: {suffix_en}", term.1)),
        format!(
            "团队长期从事{domain_zh}方向的{}研究，兼顾{}，已完成实验室验证，技术成熟度TRL{trl}，可面向企业开展合作。",
            term.0, other.0
        ),
        format!("已服务多家{domain_zh}领域企业，具备从方案设计、样机研制到中试放大的完整能力。"),
        domain,
        keywords,
        None,
        PostingSpec::Capability(CapabilitySpec {
            capability_kind,
            trl,
            ip_status,
            patents,
            modes,
            team: Some("首席科学家领衔，博士8人、工程师15人".into()),
            cases: Some(format!("与{}相关的产业化项目3项", term.0)),
            price_min: (!negotiable).then_some(price_min),
            price_max: (!negotiable).then_some(price_max),
            negotiable,
        }),
    )
}

fn scenario(c: &mut Ctx, domain: &str, category: &str, term: &Pair, keywords: Vec<String>) -> PostingInput {
    let (cat_zh, cat_en) = c.label(TermKind::ScenarioCategory, category);
    let mut offers = vec![*c.rng.pick(ScenarioOffer::ALL)];
    let second = *c.rng.pick(ScenarioOffer::ALL);
    if !offers.contains(&second) {
        offers.push(second);
    }
    let start = c.days_ahead(60, 200);
    base(
        (format!("{cat_zh}{}应用场景开放", term.0), format!("{cat_en}: open scenario for {}", term.1)),
        format!("面向{cat_zh}开放真实应用场景，征集{}解决方案开展试点，验证成功后可在全市推广。", term.0),
        format!("提供试点场地与运行数据，试点周期约6个月，要求方案具备{}的工程化部署能力。", term.0),
        domain,
        keywords,
        Some(c.days_ahead(30, 180)),
        PostingSpec::Scenario(ScenarioSpec {
            category: category.to_owned(),
            site: format!("{cat_zh}示范点"),
            seeks: format!("{}相关技术与产品", term.0),
            offers,
            pilot_start: Some(start),
            pilot_end: Some(start + Duration::days(180)),
            slots: c.rng.range(1, 5),
        }),
    )
}

#[allow(clippy::too_many_arguments)]
fn mandate(
    c: &mut Ctx,
    domain: &str,
    (domain_zh, domain_en): (&str, &str),
    term: &Pair,
    other: &Pair,
    stages: &[String],
    keywords: Vec<String>,
    org: &GenOrg,
) -> PostingInput {
    let first = c.rng.range(0, stages.len() as u32 - 2) as usize;
    let chosen: Vec<String> = stages[first..first + 2].to_vec();
    let (stage_zh, _) = c.label(TermKind::InvestmentStage, &chosen[0]);
    let ticket_min = c.amount(200, 2000);
    let ticket_max = ticket_min + c.amount(500, 5000);
    base(
        (format!("{domain_zh}领域{stage_zh}投资"), format!("{domain_en}: early-stage investment")),
        format!(
            "重点关注{}、{}等方向，单笔投资{ticket_min}–{ticket_max}万元，可提供产业资源对接与后续轮次支持。",
            term.0, other.0
        ),
        "投资决策周期约2个月，优先支持已有样机或首批客户的团队。".into(),
        domain,
        keywords,
        None,
        PostingSpec::Mandate(MandateSpec {
            fund_type: org.input.subtype.clone().unwrap_or_else(|| "vc_pe".into()),
            stages: chosen,
            ticket_min: Some(ticket_min),
            ticket_max: Some(ticket_max),
            districts: org.input.district.clone().into_iter().collect(),
            fund_size: Some(c.amount(10_000, 500_000)),
            portfolio: Some(format!("已投资{domain_zh}领域企业{}家", c.rng.range(5, 40))),
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::taxonomy::Term;
    use time::macros::date;

    fn tax() -> Taxonomy {
        let mut terms = vec![];
        let mut add = |kind, code: &str, group: Option<&str>, parent: Option<&str>| {
            terms.push(Term {
                kind,
                code: code.into(),
                label_zh: format!("{code}中"),
                label_en: code.into(),
                group: group.map(Into::into),
                parent: parent.map(Into::into),
            })
        };
        for d in crate::demo::DOMAINS {
            add(TermKind::Domain, d, None, None);
        }
        for d in ["d1", "d2", "d3"] {
            add(TermKind::District, d, None, None);
        }
        add(TermKind::PilotZone, "z1", Some("city"), Some("d1"));
        add(TermKind::EnterpriseTier, "unicorn", None, None);
        for l in [
            "national_lab",
            "research_institute",
            "poc_center",
            "innovation_center",
            "innovation_consortium",
            "enterprise_tech_center",
        ] {
            add(TermKind::LabSubtype, l, None, None);
        }
        for i in ["guidance_fund", "industry_fund", "vc_pe", "angel", "corporate_vc"] {
            add(TermKind::InvestorType, i, None, None);
        }
        for s in ["seed", "angel", "series_a"] {
            add(TermKind::InvestmentStage, s, None, None);
        }
        for c in [
            "future_lab",
            "future_community",
            "future_factory",
            "future_hospital",
            "future_commerce",
            "future_agriculture",
            "healthcare",
            "smart_transport",
            "city_management",
            "manufacturing",
        ] {
            add(TermKind::ScenarioCategory, c, None, None);
        }
        Taxonomy { terms }
    }

    const TODAY: Date = date!(2026 - 11 - 29);

    #[test]
    fn generation_is_deterministic() {
        let v = Vocabulary::load().unwrap();
        let t = tax();
        let a = organizations(&v, &t, 42, 40);
        let b = organizations(&v, &t, 42, 40);
        assert_eq!(a.iter().map(|o| &o.input).collect::<Vec<_>>(), b.iter().map(|o| &o.input).collect::<Vec<_>>());
        let pa = postings(&v, &t, &a, 42, TODAY, 50);
        let pb = postings(&v, &t, &b, 42, TODAY, 50);
        assert_eq!(pa.iter().map(|p| &p.input).collect::<Vec<_>>(), pb.iter().map(|p| &p.input).collect::<Vec<_>>());
    }

    #[test]
    fn every_generated_organization_and_posting_passes_the_shared_rules() {
        let v = Vocabulary::load().unwrap();
        let t = tax();
        let orgs = organizations(&v, &t, 7, 80);
        for o in &orgs {
            o.input.parse(&t, 2026).unwrap_or_else(|e| panic!("{}: {e:?}", o.input.name_zh));
        }
        let names: std::collections::HashSet<&str> = orgs.iter().map(|o| o.input.name_zh.as_str()).collect();
        assert_eq!(names.len(), orgs.len(), "organization names are unique");
        for p in postings(&v, &t, &orgs, 7, TODAY, 600) {
            p.input.parse(&t, TODAY).unwrap_or_else(|e| panic!("{}: {e:?}", p.input.title_zh));
            let kind = orgs[p.org].input.kind;
            assert!(p.input.spec.kind().allowed_for(kind), "{:?} by {kind:?}", p.input.spec.kind());
        }
    }

    #[test]
    fn postings_cover_every_kind_in_every_domain() {
        let v = Vocabulary::load().unwrap();
        let t = tax();
        let orgs = organizations(&v, &t, 7, 80);
        let ps = postings(&v, &t, &orgs, 7, TODAY, 600);
        let pairs: std::collections::HashSet<_> =
            ps.iter().map(|p| (p.input.spec.kind(), p.input.domains[0].clone())).collect();
        assert_eq!(pairs.len(), 4 * 10, "each of the four kinds in each of the ten fields");
        let cross = ps.iter().filter(|p| p.input.domains.len() > 1).count();
        assert!((60..=240).contains(&cross), "some postings span two fields: {cross}");
    }
}
