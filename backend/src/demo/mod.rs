//! Demo data, loaded on first start and by `futurematch seed-demo`: demo accounts for each kind of
//! user, named organizations, a generated platform (see `generate`) of 80 more organizations and
//! 600 published postings, events, an expert pool and competitions. `seed-demo --scale N` adds N
//! generated postings for benchmarks.

pub mod competitions;
pub mod engagement;
pub mod events;
pub mod generate;

use shared::Locale;
use shared::orgs::{OrgInput, OrgKind, OrgSize};
use shared::validate::{Email, Password};

use crate::accounts::NewUser;
use crate::accounts::{self, password};
use crate::db::Db;
use crate::db::sql;

/// The password of every demo account (documented in the README; demo data only).
pub const DEMO_PASSWORD: &str = "FutureMatch-demo-2026";

/// The ten 5+X field codes the built-in taxonomy starts with (generated data, tests, benchmarks).
pub const DOMAINS: [&str; 10] = [
    "gen_ai",
    "low_altitude",
    "humanoid_robots",
    "brain_inspired",
    "synthetic_bio",
    "metaverse",
    "future_networks",
    "quantum",
    "advanced_energy",
    "new_materials",
];

/// Hangzhou's thirteen districts and counties, as the built-in taxonomy codes them (benchmarks).
pub const DISTRICTS: [&str; 13] = [
    "shangcheng",
    "gongshu",
    "xihu",
    "binjiang",
    "xiaoshan",
    "yuhang",
    "linping",
    "qiantang",
    "fuyang",
    "linan",
    "tonglu",
    "chunan",
    "jiande",
];

struct DemoUser {
    email: &'static str,
    name: &'static str,
    locale: Locale,
}

const USERS: [DemoUser; 5] = [
    DemoUser { email: "enterprise@demo.futurematch.cn", name: "张明", locale: Locale::ZhCn },
    DemoUser { email: "lab@demo.futurematch.cn", name: "李华", locale: Locale::ZhCn },
    DemoUser { email: "investor@demo.futurematch.cn", name: "王芳", locale: Locale::ZhCn },
    DemoUser { email: "organizer@demo.futurematch.cn", name: "陈静", locale: Locale::ZhCn },
    DemoUser { email: "guest@demo.futurematch.cn", name: "Alex Morgan", locale: Locale::En },
];

struct DemoOrg {
    owner: usize,
    verified: bool,
    name_zh: &'static str,
    name_en: &'static str,
    kind: OrgKind,
    subtype: Option<&'static str>,
    tiers: &'static [&'static str],
    domains: &'static [&'static str],
    district: &'static str,
    pilot_zone: Option<&'static str>,
    founded: i32,
    size: OrgSize,
    description: &'static str,
}

/// The position in [`ORGS`] of the organizer organization that runs the demo events.
const ORGANIZER: usize = 8;

const ORGS: &[DemoOrg] = &[
    DemoOrg {
        owner: 0,
        verified: true,
        name_zh: "杭州云栖智算科技有限公司",
        name_en: "Hangzhou Yunqi Intelligent Computing Co., Ltd.",
        kind: OrgKind::Enterprise,
        subtype: None,
        tiers: &["unicorn", "high_tech"],
        domains: &["gen_ai", "metaverse"],
        district: "xihu",
        pilot_zone: Some("xihu_yunqi_town"),
        founded: 2019,
        size: OrgSize::Medium,
        description: "专注大模型推理加速与多模态内容生成，服务制造、文旅与政务场景，正在寻求推理芯片适配与行业数据合作伙伴。",
    },
    DemoOrg {
        owner: 0,
        verified: true,
        name_zh: "萧山低空智联科技有限公司",
        name_en: "Xiaoshan Low-Altitude Connect Technology Co., Ltd.",
        kind: OrgKind::Enterprise,
        subtype: None,
        tiers: &["little_giant", "high_growth"],
        domains: &["low_altitude", "future_networks"],
        district: "xiaoshan",
        pilot_zone: Some("xiaoshan_low_altitude"),
        founded: 2021,
        size: OrgSize::Small,
        description: "无人机物流航线规划与低空通信保障解决方案提供商，正推进eVTOL适航认证配套与城市低空物流试点。",
    },
    DemoOrg {
        owner: 0,
        verified: false,
        name_zh: "杭州灵犀人形机器人有限公司",
        name_en: "Hangzhou Lingxi Humanoid Robotics Co., Ltd.",
        kind: OrgKind::Enterprise,
        subtype: None,
        tiers: &["tech_sme"],
        domains: &["humanoid_robots"],
        district: "fuyang",
        pilot_zone: Some("fuyang_robotics"),
        founded: 2023,
        size: OrgSize::Micro,
        description: "研发人形机器人关节模组与灵巧手触觉传感，寻求精密减速器与力控算法方面的联合研发。",
    },
    DemoOrg {
        owner: 1,
        verified: true,
        name_zh: "之江实验室",
        name_en: "Zhejiang Lab",
        kind: OrgKind::Lab,
        subtype: Some("national_lab"),
        tiers: &[],
        domains: &["gen_ai", "brain_inspired"],
        district: "yuhang",
        pilot_zone: Some("yuhang_future_sci_city"),
        founded: 2017,
        size: OrgSize::Huge,
        description: "聚焦智能计算与类脑智能的新型研发机构，具备大规模算力平台、脉冲神经网络芯片与脑机接口信号解码研究能力。",
    },
    DemoOrg {
        owner: 1,
        verified: true,
        name_zh: "钱塘合成生物概念验证中心",
        name_en: "Qiantang Synthetic Biology Proof-of-Concept Center",
        kind: OrgKind::Lab,
        subtype: Some("poc_center"),
        tiers: &[],
        domains: &["synthetic_bio"],
        district: "qiantang",
        pilot_zone: Some("qiantang_medical_port"),
        founded: 2022,
        size: OrgSize::Small,
        description: "市级合成生物概念验证中心，提供酶定向进化、细胞工厂发酵放大与中试验证服务。",
    },
    DemoOrg {
        owner: 1,
        verified: false,
        name_zh: "杭州量子信息研究院",
        name_en: "Hangzhou Institute of Quantum Information",
        kind: OrgKind::Lab,
        subtype: Some("research_institute"),
        tiers: &[],
        domains: &["quantum", "future_networks"],
        district: "linan",
        pilot_zone: Some("linan_quantum"),
        founded: 2020,
        size: OrgSize::Medium,
        description: "开展量子密钥分发、量子精密测量与6G太赫兹通信前沿研究，开放测试平台。",
    },
    DemoOrg {
        owner: 2,
        verified: true,
        name_zh: "杭州未来产业引导基金",
        name_en: "Hangzhou Future Industry Guidance Fund",
        kind: OrgKind::Investor,
        subtype: Some("guidance_fund"),
        tiers: &[],
        domains: &["gen_ai", "low_altitude", "humanoid_robots", "brain_inspired", "synthetic_bio"],
        district: "shangcheng",
        pilot_zone: None,
        founded: 2023,
        size: OrgSize::Micro,
        description: "“3+N”杭州产业基金集群成员，以政府引导基金撬动社会资本投向五大风口潜力产业。",
    },
    DemoOrg {
        owner: 2,
        verified: true,
        name_zh: "钱江源创投",
        name_en: "Qianjiang Source Ventures",
        kind: OrgKind::Investor,
        subtype: Some("vc"),
        tiers: &[],
        domains: &["advanced_energy", "new_materials"],
        district: "binjiang",
        pilot_zone: None,
        founded: 2015,
        size: OrgSize::Micro,
        description: "关注固态电池电解质、钙钛矿叠层电池与碳纤维复合材料等硬科技早期项目。",
    },
    DemoOrg {
        owner: 3,
        verified: true,
        name_zh: "杭州市未来产业促进中心",
        name_en: "Hangzhou Future Industry Promotion Center",
        kind: OrgKind::Organizer,
        subtype: None,
        tiers: &[],
        domains: &[],
        district: "gongshu",
        pilot_zone: None,
        founded: 2024,
        size: OrgSize::Small,
        description: "承办国际未来产业论坛、供需对接会与创新创业大赛，运营未来产业合作交流平台。",
    },
];

/// How much the first start generates.
pub const GENERATED_ORGS: usize = 80;
pub const GENERATED_POSTINGS: usize = 600;

/// Writes generated organizations (each with an owner account sharing the demo password) and
/// published postings. Deterministic for a given seed and day.
async fn generated(
    db: &mut crate::db::Conn,
    password_hash: &str,
    tax: &shared::taxonomy::Taxonomy,
    org_count: usize,
    posting_count: usize,
    seed: u64,
) -> anyhow::Result<()> {
    use shared::market::PostingStatus;
    let vocab = generate::Vocabulary::load()?;
    let today = crate::db::now().date();
    let orgs = generate::organizations(&vocab, tax, seed, org_count);
    let mut owners = Vec::with_capacity(orgs.len());
    let mut org_ids = Vec::with_capacity(orgs.len());
    let (first,): (i64,) = sql::query_as("SELECT COALESCE(MAX(id), 0) + 1 FROM users").fetch_one(&mut *db).await?;
    let mut names = crate::common::rng::Rng::new(seed ^ 0x4E41_4D45);
    for (i, o) in orgs.iter().enumerate() {
        let email = format!("org{}@demo.futurematch.cn", first + i as i64);
        let name = vocab.person_name(&mut names);
        let user = accounts::insert_user(db, &NewUser::verified(&email, password_hash, &name, Locale::ZhCn)).await?;
        let profile =
            o.input.parse(tax, today.year()).map_err(|e| anyhow::anyhow!("demo org {}: {e:?}", o.input.name_zh))?;
        let id = crate::orgs::insert(db, &profile, user).await?;
        if o.verified {
            crate::orgs::set_verified(db, id, Some(user)).await?;
        }
        owners.push(user);
        org_ids.push(id);
    }
    for p in generate::postings(&vocab, tax, &orgs, seed, today, posting_count) {
        let draft =
            p.input.parse(tax, today).map_err(|e| anyhow::anyhow!("demo posting {}: {e:?}", p.input.title_zh))?;
        let id = crate::market::insert(db, org_ids[p.org], owners[p.org], &draft).await?;
        let row = crate::market::posting(db, id).await?.ok_or_else(|| anyhow::anyhow!("posting {id} vanished"))?;
        crate::market::set_status(
            db,
            &row,
            shared::market::PostingAction::Approve,
            PostingStatus::Published,
            None,
            None,
        )
        .await?;
    }
    Ok(())
}

/// `seed-demo --scale N`: N more generated postings (with organizations to own them), for benchmarks.
pub async fn seed_scale(db: &Db, postings: usize) -> anyhow::Result<()> {
    let mut tx = crate::db::begin_write(db).await?;
    let tax = crate::taxonomy::load(&mut tx).await?;
    let password = Password::parse(DEMO_PASSWORD).map_err(|e| anyhow::anyhow!("demo password: {e:?}"))?;
    let hash = password::hash(password.expose().to_owned()).await?;
    let orgs = (postings / 50).clamp(GENERATED_ORGS, 5000);
    let (n,): (i64,) = sql::query_as("SELECT COUNT(*) FROM postings").fetch_one(&mut tx).await?;
    generated(&mut tx, &hash, &tax, orgs, postings, 1000 + n as u64).await?;
    // Written straight to the tables: the dashboard counts them all again.
    crate::dashboard::recount(&mut tx).await?;
    tx.commit().await?;
    Ok(())
}

/// What a request to load the demo did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seeding {
    Loaded,
    /// The demo was loaded before (the `demo_seeded` mark).
    AlreadyLoaded,
    /// On start-up only: the installation is in use (organizations, or users besides site admins).
    InUse,
    /// It cannot load without clashing with what is there; nothing was written. Says why.
    Refused(String),
}

/// Loads the demo data on a first start: unless it was loaded before or the installation is in
/// use (site admins created before the first start do not count). Returns true when it loaded.
pub async fn seed_if_first_start(db: &Db) -> anyhow::Result<bool> {
    Ok(seed(db, true).await? == Seeding::Loaded)
}

/// Loads the demo data unless it is there; `first_start_only` also leaves an installation in use
/// alone. All or nothing: one transaction.
pub async fn seed(db: &Db, first_start_only: bool) -> anyhow::Result<Seeding> {
    let mut tx = crate::db::begin_write(db).await?;
    // Instances starting at once on an empty database: one loads, the others then find it loaded.
    crate::db::lock_key(&mut tx, crate::db::Key::Seed).await?;
    let seeded: Option<(String,)> =
        sql::query_as("SELECT value FROM app_meta WHERE key = 'demo_seeded'").fetch_optional(&mut tx).await?;
    if seeded.is_some() {
        return Ok(Seeding::AlreadyLoaded);
    }
    let (in_use,): (i64,) = sql::query_as(
        "SELECT (SELECT COUNT(*) FROM organizations) + (SELECT COUNT(*) FROM users WHERE is_admin = FALSE)",
    )
    .fetch_one(&mut tx)
    .await?;
    if first_start_only && in_use > 0 {
        return Ok(Seeding::InUse);
    }
    for u in &USERS {
        let taken: Option<(i64,)> =
            sql::query_as("SELECT id FROM users WHERE email = $1").bind(u.email).fetch_optional(&mut tx).await?;
        if taken.is_some() {
            return Ok(Seeding::Refused(format!(
                "an account with the demo's address {} exists already; the demo needs its own accounts",
                u.email
            )));
        }
    }
    let password = Password::parse(DEMO_PASSWORD).map_err(|e| anyhow::anyhow!("demo password: {e:?}"))?;
    let hash = password::hash(password.expose().to_owned()).await?;
    let mut ids = Vec::with_capacity(USERS.len());
    for u in &USERS {
        let email = Email::parse(u.email).map_err(|e| anyhow::anyhow!("demo email {}: {e:?}", u.email))?;
        ids.push(accounts::insert_user(&mut tx, &NewUser::verified(email.as_str(), &hash, u.name, u.locale)).await?);
    }
    let tax = crate::taxonomy::load(&mut tx).await?;
    let mut org_ids = Vec::with_capacity(ORGS.len());
    for (i, o) in ORGS.iter().enumerate() {
        let input = OrgInput {
            name_zh: o.name_zh.into(),
            name_en: Some(o.name_en.into()),
            kind: o.kind,
            subtype: o.subtype.map(Into::into),
            tiers: o.tiers.iter().map(|s| s.to_string()).collect(),
            domains: o.domains.iter().map(|s| s.to_string()).collect(),
            district: Some(o.district.into()),
            pilot_zone: o.pilot_zone.map(Into::into),
            description: Some(o.description.into()),
            website: None,
            founded_year: Some(o.founded),
            size: Some(o.size),
            contact_phone: Some("0571-8000 0000".into()),
            contact_email: Some(USERS[o.owner].email.into()),
            credit_code: Some(demo_credit_code(i)),
        };
        let profile = input.parse(&tax, 2026).map_err(|e| anyhow::anyhow!("demo org {}: {e:?}", o.name_zh))?;
        let id = crate::orgs::insert(&mut tx, &profile, ids[o.owner]).await?;
        if o.verified {
            crate::orgs::set_verified(&mut tx, id, Some(ids[o.owner])).await?;
        }
        org_ids.push(id);
    }
    generated(&mut tx, &hash, &tax, GENERATED_ORGS, GENERATED_POSTINGS, 2026).await?;
    // The platform has been running for half a year: spread the publications over it, so the
    // dashboard's weeks show them coming in.
    let spread = tx.dialect().pick(
        "UPDATE postings SET published_at = strftime('%Y-%m-%dT%H:%M:%SZ', published_at, '-' || ((id * 7919) % 180) || ' days'),
                created_at = strftime('%Y-%m-%dT%H:%M:%SZ', published_at, '-' || ((id * 7919) % 180) || ' days')
         WHERE published_at IS NOT NULL",
        "UPDATE postings SET published_at = published_at - ((id * 7919) % 180) * INTERVAL '1 day',
                created_at = published_at - ((id * 7919) % 180) * INTERVAL '1 day'
         WHERE published_at IS NOT NULL",
    );
    sql::query(spread).execute(&mut tx).await?;
    // A figure the platform does not hold, as an admin would enter it.
    let sample = shared::dashboard::TargetUpdate {
        goal: 10,
        rule: shared::dashboard::TargetRule::Manual,
        manual: Some(shared::dashboard::ManualFigure {
            value: 4,
            source: "市未来产业工作专班季度统计（演示数据）".into(),
            as_of: time::macros::date!(2026 - 09 - 30),
        }),
    };
    crate::dashboard::record_target_update(&mut tx, "demonstration_samples", &sample, ids[3], crate::db::now()).await?;
    engagement::seed(&mut tx, &tax, &org_ids, &ids).await?;
    events::seed(&mut tx, org_ids[ORGANIZER], ids[ORGS[ORGANIZER].owner]).await?;
    // The lab demo account is an expert; the enterprise demo account leads a team with its first organization.
    competitions::seed(&mut tx, &hash, org_ids[ORGANIZER], ids[ORGS[ORGANIZER].owner], ids[1], (ids[0], org_ids[0]))
        .await?;
    // Written straight to the tables, and moved in time: the dashboard counts it all again.
    crate::dashboard::recount(&mut tx).await?;
    sql::query("INSERT INTO app_meta (key, value) VALUES ('demo_seeded', $1)")
        .bind(crate::db::now().to_string())
        .execute(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(Seeding::Loaded)
}

/// A valid-looking 统一社会信用代码 for the `n`th demo organization (9133 = Zhejiang legal persons,
/// 0100 = Hangzhou, then a made-up organization number and its check character).
pub fn demo_credit_code(n: usize) -> String {
    let first17 = format!("91330100MA{:07}", 2_800_000 + n % 1_000_000);
    let check = shared::validate::credit_check_char(&first17).unwrap_or('0');
    format!("{first17}{check}")
}
