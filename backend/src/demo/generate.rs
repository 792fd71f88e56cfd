//! The demo platform, generated deterministically from the vocabularies in `data/` and the
//! reference data: organizations of every kind over all districts, postings of every kind over
//! all ten 5+X domains. Pure: no I/O, the same seed and day give the same output.
//!
//! This file is long because its unit tests (161 lines) sit beside the generator, whose output must
//! stay deterministic.

use serde::Deserialize;
use shared::market::{
    CapabilityKind, CapabilitySpec, CoopMode, DemandSpec, DemandType, IpStatus, MandateSpec, OpenCall, PostingInput,
    PostingSpec, ScenarioOffer, ScenarioSpec,
};
use shared::orgs::{OrgInput, OrgKind, OrgSize};
use shared::taxonomy::{Taxonomy, TermKind};
use time::{Date, Duration};

use crate::common::rng::Rng;

type Pair = (String, String);

/// One specific technology of a field: what postings about it are written from.
#[derive(Debug, Clone, Deserialize)]
pub struct Topic {
    pub zh: String,
    pub en: String,
    pub keywords: Vec<String>,
    /// A target or achieved figure (室温离子电导率达到10mS/cm).
    pub spec: String,
    /// Where it is applied (高镍固态电池).
    #[serde(rename = "use")]
    pub used_in: String,
}

#[derive(Debug, Deserialize)]
pub struct PersonNames {
    pub surnames: Vec<String>,
    pub given: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct Vocabulary {
    pub topics: std::collections::BTreeMap<String, Vec<Topic>>,
    pub brands: Vec<Pair>,
    /// Per field, the word an enterprise of it puts in its name (量子, 新能源…).
    pub enterprise_stems: std::collections::BTreeMap<String, Vec<Pair>>,
    pub enterprise_suffixes: Vec<Pair>,
    pub lab_patterns: std::collections::BTreeMap<String, Vec<Pair>>,
    pub investor_patterns: std::collections::BTreeMap<String, Vec<Pair>>,
    pub organizer_names: Vec<Pair>,
    /// Scenario categories where each domain's technology is plausibly piloted.
    pub scenario_categories: std::collections::BTreeMap<String, Vec<String>>,
    /// Per scenario category, the sites that open scenarios (with `{district}`).
    pub scenario_sites: std::collections::BTreeMap<String, Vec<String>>,
    pub person_names: PersonNames,
}

impl Vocabulary {
    pub fn load() -> Result<Vocabulary, serde_json::Error> {
        serde_json::from_str(include_str!("data/vocabulary.json"))
    }

    /// The names (Chinese, English) of a field's technologies.
    pub fn terms(&self, domain: &str) -> Vec<Pair> {
        self.topics.get(domain).map_or_else(Vec::new, |t| t.iter().map(|t| (t.zh.clone(), t.en.clone())).collect())
    }

    /// A person's name: a surname and a given name from the lists.
    pub fn person_name(&self, rng: &mut Rng) -> String {
        format!("{}{}", rng.pick(&self.person_names.surnames), rng.pick(&self.person_names.given))
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

    fn topic(&mut self, domain: &str) -> Topic {
        self.rng.pick(&self.vocab.topics[domain]).clone()
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

/// Each word with a capital first letter (AI and other all-capital words kept).
fn title_case(text: &str) -> String {
    text.split(' ')
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or(String::new(), |first| first.to_uppercase().chain(chars).collect())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Organizations: every district gets enterprises; labs, investors and organizers of every sub-type.
pub fn organizations(vocab: &Vocabulary, tax: &Taxonomy, seed: u64, count: usize) -> Vec<GenOrg> {
    let mut c = Ctx { vocab, tax, rng: Rng::new(seed), today: Date::MIN };
    let districts = c.codes(TermKind::District);
    let domains: Vec<String> = vocab.topics.keys().cloned().collect();
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
        let domain = domains[(i * 7 + i / domains.len()) % domains.len()].clone();
        let (domain_zh, domain_en) = c.label(TermKind::Domain, &domain);
        // In a name every word is capitalised: "Advanced Energy Industry Fund", not "Advanced energy".
        let domain_en = title_case(&domain_en);
        let subtype = match kind {
            OrgKind::Lab => Some(lab_types[i % lab_types.len()].clone()),
            OrgKind::Investor => Some(investor_types[(i / 8) % investor_types.len()].clone()),
            _ => None,
        };
        // A name nobody else has: another brand (then another pattern) until it is free.
        let taken = |name: &str| out.iter().any(|o: &GenOrg| o.input.name_zh == name);
        let mut attempt = 0;
        let (name_zh, name_en) = loop {
            let brand = c.rng.pick(&vocab.brands).clone();
            let vars = [
                ("brand", brand.0.as_str()),
                ("brand_en", brand.1.as_str()),
                ("district", district_short.as_str()),
                ("district_en", district_en.as_str()),
                ("domain", domain_zh.as_str()),
                ("domain_en", domain_en.as_str()),
            ];
            let name = match kind {
                OrgKind::Enterprise => {
                    let stem = c.rng.pick(&vocab.enterprise_stems[&domain]).clone();
                    // 脑科技 takes 有限公司 rather than 科技有限公司: no word twice in a row.
                    let fitting: Vec<&Pair> = vocab
                        .enterprise_suffixes
                        .iter()
                        .filter(|s| !stem.0.ends_with(&s.0.chars().take(2).collect::<String>()))
                        .collect();
                    let suffix = if fitting.is_empty() {
                        ("有限公司".to_owned(), "Co., Ltd.".to_owned())
                    } else {
                        (*c.rng.pick(&fitting)).clone()
                    };
                    (
                        format!("杭州{}{}{}", brand.0, stem.0, suffix.0),
                        format!("Hangzhou {} {} {}", brand.1, stem.1, suffix.1),
                    )
                }
                OrgKind::Lab | OrgKind::Investor => {
                    let patterns = match kind {
                        OrgKind::Lab => &vocab.lab_patterns,
                        _ => &vocab.investor_patterns,
                    };
                    let pattern = c.rng.pick(&patterns[subtype.as_deref().unwrap_or_default()]).clone();
                    (fill(&pattern.0, &vars), fill(&pattern.1, &vars))
                }
                OrgKind::Organizer => {
                    let pattern = c.rng.pick(&vocab.organizer_names).clone();
                    (fill(&pattern.0, &vars), fill(&pattern.1, &vars))
                }
            };
            attempt += 1;
            if !taken(&name.0) {
                break name;
            }
            if attempt > 50 {
                // Patterns without a brand can run out (a district has one guidance fund): a branch
                // named after a brand, as real ones are; at benchmark scale, a number at last.
                let branch = if attempt > 100 {
                    (format!("{}（{}）", name.0, attempt - 99), format!("{} ({})", name.1, attempt - 99))
                } else {
                    (format!("{}{}分部", name.0, brand.0), format!("{} {} Branch", name.1, brand.1))
                };
                if !taken(&branch.0) {
                    break branch;
                }
            }
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
        let topic = c.topic(&domain);
        let years = c.rng.range(3, 15);
        let description = match kind {
            OrgKind::Enterprise => format!(
                "扎根{district_zh}，主营{}相关产品，客户覆盖{}等领域；已有{years}年研发积累，正在寻找技术合作伙伴与试点场景。",
                topic.zh, topic.used_in
            ),
            OrgKind::Lab => format!(
                "研究团队在{}方向深耕{years}年，已实现{}，拥有中试平台并承担多项省部级项目。",
                topic.zh, topic.spec
            ),
            OrgKind::Investor => format!(
                "长期关注{domain_zh}赛道，已投资{}等方向的企业{}家，可联动政府引导基金协同投资。",
                topic.zh,
                c.rng.range(6, 40)
            ),
            OrgKind::Organizer => format!(
                "面向{domain_zh}等未来产业举办供需对接会、论坛与创新创业大赛，年均活动{}场。",
                c.rng.range(12, 60)
            ),
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
                credit_code: None,
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
    let domains: Vec<String> = vocab.topics.keys().cloned().collect();
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
        let (_, domain_en) = c.label(TermKind::Domain, &domain);
        let topic = c.topic(&domain);
        let mut other = c.topic(&domain);
        while other.zh == topic.zh {
            other = c.topic(&domain);
        }
        let (org, input) = match i % 10 {
            0..=2 => {
                let org = *c.rng.pick(&enterprises);
                (org, demand(&mut c, &domain, &topic))
            }
            3..=5 => {
                let org = *c.rng.pick(&labs);
                (org, capability(&mut c, &domain, &topic, &other))
            }
            6 | 7 => {
                let org = *c.rng.pick(&anyone);
                let fitting: Vec<String> = vocab.scenario_categories[&domain]
                    .iter()
                    .filter(|code| categories.contains(code))
                    .cloned()
                    .collect();
                let category = c.rng.pick(if fitting.is_empty() { &categories } else { &fitting }).clone();
                let district = orgs[org].input.district.clone().unwrap_or_default();
                (org, scenario(&mut c, &domain, &category, &district, &topic))
            }
            _ => {
                let org = *c.rng.pick(&investors);
                (org, mandate(&mut c, &domain, &domain_en, (&topic, &other), &stages, &orgs[org]))
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

/// Problems a demand states, in the owner's words.
const PAINS: [&str; 6] = [
    "目前依赖进口，供货周期长达半年",
    "现有方案良率不到80%，成本居高不下",
    "小试结果不错，但放大后性能波动明显",
    "现有工艺能耗偏高，难以满足新的能效要求",
    "缺少第三方验证数据，客户导入迟迟推进不了",
    "内部团队人手有限，关键算法和工艺没有突破",
];

fn demand(c: &mut Ctx, domain: &str, t: &Topic) -> PostingInput {
    let demand_type = *c.rng.pick(DemandType::ALL);
    let trl = c.rng.range(3, 8) as u8;
    let budget_min = c.amount(50, 800);
    let budget_max = budget_min + c.amount(100, 1500);
    let months = c.rng.range(6, 24);
    let deadline = c.days_ahead(60, 400);
    let open_call = c
        .rng
        .chance(15)
        .then(|| OpenCall { reward: c.amount(100, 2000), application_deadline: c.today + Duration::days(30) });
    let pain = *c.rng.pick(&PAINS);
    let (title, title_en) = match demand_type {
        DemandType::TechProblem => (
            format!("{}{}", t.zh, c.rng.pick(&["关键技术攻关", "性能瓶颈攻关", "可靠性提升"])),
            format!("{}: technical challenge", t.en),
        ),
        DemandType::JointRnd => (format!("联合开发{}", t.zh), format!("Joint development of {}", t.en.to_lowercase())),
        DemandType::TechAcquisition => {
            (format!("引进成熟的{}技术", t.zh), format!("Seeking a proven {} technology", t.en.to_lowercase()))
        }
        DemandType::ExpertConsultation => {
            (format!("{}方案论证咨询", t.zh), format!("Expert review: {}", t.en.to_lowercase()))
        }
        DemandType::Funding => (format!("{}项目寻求融资", t.zh), format!("{}: raising funds", t.en)),
    };
    // A funding demand says what it raises; one in four leaves the round for investors to judge.
    let funding = demand_type == DemandType::Funding;
    let known = c.codes(TermKind::InvestmentStage);
    let rounds: Vec<&str> = match trl {
        1..=4 => vec!["seed", "angel"],
        5..=6 => vec!["angel", "series_a"],
        _ => vec!["series_a", "series_b", "series_c_plus"],
    }
    .into_iter()
    .filter(|r| known.iter().any(|k| k == r))
    .collect();
    let round = (funding && !rounds.is_empty()).then(|| (*c.rng.pick(&rounds)).to_owned());
    let round = round.filter(|_| c.rng.chance(75));
    // What a round of that stage raises in Hangzhou (万元): a seed round is hundreds, a C round tens of 千万.
    let amount_sought = funding.then(|| {
        let stage = round.as_deref().unwrap_or(match trl {
            1..=4 => "angel",
            5..=6 => "series_a",
            _ => "series_b",
        });
        match stage {
            "seed" => c.amount(100, 800),
            "angel" => c.amount(300, 2000),
            "series_a" => c.amount(1000, 8000),
            "series_b" => c.amount(3000, 20000),
            _ => c.amount(10000, 50000),
        }
    });
    let (title, title_en) = match (&round, amount_sought) {
        (Some(r), Some(amount)) => {
            let (r_zh, r_en) = c.label(TermKind::InvestmentStage, r);
            (format!("{}项目{r_zh}融资{amount}万元", t.zh), format!("{}: {r_en} round of {amount} wan yuan", t.en))
        }
        _ => (title, title_en),
    };
    let summary = match c.rng.range(0, 3) {
        0 => format!(
            "我们的{}业务需要{}，{pain}。希望与高校院所或企业合作，{months}个月内做到{}。",
            t.used_in, t.zh, t.spec
        ),
        1 => format!("公司正在推进{}，{pain}。目标是{}，预算可按里程碑支付。", t.used_in, t.spec),
        _ => format!("围绕{}寻找合作方：{pain}，需要在{months}个月内实现{}，并完成小批量验证。", t.zh, t.spec),
    };
    let details = format!(
        "验收指标：{}；交付技术方案、样机或软件及第三方测试报告。现场可提供测试条件，技术成熟度要求TRL{trl}以上。",
        t.spec
    );
    base(
        (title, title_en),
        summary,
        details,
        domain,
        t.keywords.clone(),
        Some(deadline),
        PostingSpec::Demand(DemandSpec {
            demand_type,
            trl,
            budget_min: Some(budget_min),
            budget_max: Some(budget_max),
            start: Some(c.today + Duration::days(30)),
            expected_outcome: Some(format!("在{}中完成验证：{}", t.used_in, t.spec)),
            indicators: Some(t.spec.clone()),
            open_call,
            amount_sought,
            round,
        }),
    )
}

fn capability(c: &mut Ctx, domain: &str, t: &Topic, other: &Topic) -> PostingInput {
    let capability_kind = *c.rng.pick(CapabilityKind::ALL);
    let (title, title_en) = match capability_kind {
        CapabilityKind::Research => (t.zh.clone(), t.en.clone()),
        CapabilityKind::Transferable => (format!("{}成果许可转让", t.zh), format!("{}: licensable result", t.en)),
        CapabilityKind::PocService => {
            (format!("{}概念验证与样机试制", t.zh), format!("{}: proof of concept and prototyping", t.en))
        }
        CapabilityKind::Facility => (format!("{}测试验证平台", t.zh), format!("{}: test facility", t.en)),
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
    let years = c.rng.range(3, 15);
    let summary = match c.rng.range(0, 3) {
        0 => format!("已实现{}，可用于{}。团队在该方向积累{years}年，技术成熟度TRL{trl}。", t.spec, t.used_in),
        1 => format!("面向{}提供{}方案：{}，并可结合{}做联合开发。", t.used_in, t.zh, t.spec, other.zh),
        _ => format!("实验室{years}年来专注{}，关键指标：{}；欢迎{}方向的企业来访测试。", t.zh, t.spec, t.used_in),
    };
    base(
        (title, title_en),
        summary,
        format!("可提供从方案设计、样机研制到中试放大的服务，已与{}领域企业完成多个合作项目。", t.used_in),
        domain,
        t.keywords.clone(),
        None,
        PostingSpec::Capability(CapabilitySpec {
            capability_kind,
            trl,
            ip_status,
            patents,
            modes,
            team: Some(format!("首席科学家领衔，博士{}人、工程师{}人", c.rng.range(3, 12), c.rng.range(5, 30))),
            cases: Some(format!("{}相关产业化项目{}项", t.used_in, c.rng.range(1, 6))),
            price_min: (!negotiable).then_some(price_min),
            price_max: (!negotiable).then_some(price_max),
            negotiable,
        }),
    )
}

fn scenario(c: &mut Ctx, domain: &str, category: &str, district: &str, t: &Topic) -> PostingInput {
    let (_, cat_en) = c.label(TermKind::ScenarioCategory, category);
    let (district_zh, _) = c.label(TermKind::District, district);
    let pattern = c.rng.pick(&c.vocab.scenario_sites[category]).clone();
    let site = fill(&pattern, &[("district", &district_zh)]);
    let mut offers = vec![*c.rng.pick(ScenarioOffer::ALL)];
    let second = *c.rng.pick(ScenarioOffer::ALL);
    if !offers.contains(&second) {
        offers.push(second);
    }
    let start = c.days_ahead(60, 200);
    let slots = c.rng.range(1, 5);
    let summary = match c.rng.range(0, 2) {
        0 => format!("{site}开放真实环境试点{}，要求{}；试点期约6个月，表现好的方案可在全区推广。", t.zh, t.spec),
        _ => format!("我们计划在{site}引入{}，希望合作方能做到{}，试点成功后优先采购。", t.zh, t.spec),
    };
    base(
        (format!("{site}{}试点", t.zh), format!("{cat_en} pilot: {}", t.en.to_lowercase())),
        summary,
        format!("提供试点场地、运行数据与对接人员，可同时接纳{slots}家单位试点。"),
        domain,
        t.keywords.clone(),
        Some(c.days_ahead(30, 180)),
        PostingSpec::Scenario(ScenarioSpec {
            category: category.to_owned(),
            site,
            seeks: format!("{}，{}", t.zh, t.spec),
            offers,
            pilot_start: Some(start),
            pilot_end: Some(start + Duration::days(180)),
            slots,
        }),
    )
}

fn mandate(
    c: &mut Ctx,
    domain: &str,
    domain_en: &str,
    (t, other): (&Topic, &Topic),
    stages: &[String],
    org: &GenOrg,
) -> PostingInput {
    // Angels and VCs fund the early rounds, PE funds the late ones; the others anywhere.
    let fund_type = org.input.subtype.clone().unwrap_or_else(|| "vc".into());
    let fitting: Vec<String> = {
        let allowed: &[&str] = match fund_type.as_str() {
            "angel" => &["seed", "angel", "series_a"],
            "vc" => &["seed", "angel", "series_a", "series_b"],
            "pe" => &["series_b", "series_c_plus", "pre_ipo"],
            _ => &[],
        };
        let own: Vec<String> = stages.iter().filter(|s| allowed.contains(&s.as_str())).cloned().collect();
        if own.len() >= 2 { own } else { stages.to_vec() }
    };
    let first = c.rng.range(0, fitting.len() as u32 - 2) as usize;
    let chosen: Vec<String> = fitting[first..first + 2].to_vec();
    let (stage_zh, _) = c.label(TermKind::InvestmentStage, &chosen[0]);
    let (stage2_zh, _) = c.label(TermKind::InvestmentStage, &chosen[1]);
    // Tickets as such funds write them (万元): angels hundreds, VCs a few 千万, PE funds up to 亿s.
    let ((lo, hi), (more_lo, more_hi)) = match fund_type.as_str() {
        "angel" => ((50, 500), (100, 1000)),
        "vc" => ((300, 2000), (1000, 6000)),
        "pe" => ((2000, 10000), (5000, 40000)),
        _ => ((500, 3000), (2000, 15000)),
    };
    let ticket_min = c.amount(lo, hi);
    let ticket_max = ticket_min + c.amount(more_lo, more_hi);
    let title = match c.rng.range(0, 3) {
        0 => format!("寻找{}与{}方向的{stage_zh}项目", t.zh, other.zh),
        1 => format!("{}、{}早中期投资", t.zh, other.zh),
        _ => format!("关注{}：{}等方向投资", t.used_in, t.zh),
    };
    let summary = format!(
        "重点看{}（{}）与{}，偏好{stage_zh}至{stage2_zh}、已有样机或首批客户的团队，单笔{ticket_min}–{ticket_max}万元，可对接{}等应用方。",
        t.zh, t.spec, other.zh, t.used_in
    );
    base(
        (title, format!("{domain_en}: investing in {} and {}", t.en.to_lowercase(), other.en.to_lowercase())),
        summary,
        "投资决策周期约2个月，投后可提供产业资源对接与后续轮次支持。".into(),
        domain,
        vec![t.keywords[0].clone(), other.keywords[0].clone()],
        None,
        PostingSpec::Mandate(MandateSpec {
            fund_type,
            stages: chosen,
            ticket_min: Some(ticket_min),
            ticket_max: Some(ticket_max),
            districts: org.input.district.clone().into_iter().collect(),
            // Funds are many times their largest ticket.
            fund_size: Some(c.amount(10_000, 500_000).max(ticket_max * 10)),
            portfolio: Some(format!("已投{}、{}相关企业{}家", t.zh, other.zh, c.rng.range(5, 40))),
        }),
    )
}

#[cfg(test)]
mod tests_support {
    use super::*;
    use shared::taxonomy::Term;
    use time::macros::date;

    pub fn tax() -> Taxonomy {
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
        for i in ["guidance_fund", "industry_fund", "vc", "pe", "angel", "corporate_vc"] {
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

    pub const TODAY: Date = date!(2026 - 11 - 29);
}

#[cfg(test)]
mod tests {
    use super::tests_support::*;
    use super::*;

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

#[cfg(test)]
mod reads_like_real {
    use super::tests_support::*;
    use super::*;

    #[test]
    fn generated_names_and_postings_read_like_real_ones() {
        let v = Vocabulary::load().unwrap();
        let t = tax();
        let orgs = organizations(&v, &t, 2026, 80);
        for o in &orgs {
            let name: Vec<char> = o.input.name_zh.chars().collect();
            let doubled = name.windows(4).any(|w| w[0] == w[2] && w[1] == w[3]);
            assert!(!doubled, "a word twice in a row: {}", o.input.name_zh);
            let numbered = name.windows(2).any(|w| w[0] == '（' && w[1].is_ascii_digit());
            assert!(!numbered, "a number instead of a name: {}", o.input.name_zh);
            let en = o.input.name_en.as_deref().unwrap_or_default();
            let lower = en
                .split(' ')
                .filter(|w| !["of", "and", "for", "&"].contains(w) && !w.contains(|c: char| c.is_ascii_digit()))
                .find(|w| w.starts_with(|c: char| c.is_ascii_lowercase()));
            assert_eq!(lower, None, "every word of an English name capitalised: {en}");
        }
        let ps = postings(&v, &t, &orgs, 2026, TODAY, 600);
        let distinct =
            |f: &dyn Fn(&GenPosting) -> &str| ps.iter().map(f).collect::<std::collections::HashSet<_>>().len();
        assert!(distinct(&|p| &p.input.title_zh) >= 450, "titles vary: {}", distinct(&|p| &p.input.title_zh));
        assert!(distinct(&|p| &p.input.summary_zh) >= 550, "summaries vary: {}", distinct(&|p| &p.input.summary_zh));
        for p in &ps {
            assert!(
                !p.input.title_zh.contains("领域"),
                "a title names a technology, not a field: {}",
                p.input.title_zh
            );
        }
    }
}

#[cfg(test)]
mod at_scale {
    use super::tests_support::*;
    use super::*;

    #[test]
    fn thousands_of_organizations_get_unique_names_in_finite_time() {
        let v = Vocabulary::load().unwrap();
        let orgs = organizations(&v, &tax(), 7, 2000);
        let names: std::collections::HashSet<&str> = orgs.iter().map(|o| o.input.name_zh.as_str()).collect();
        assert_eq!(names.len(), 2000);
    }
}
