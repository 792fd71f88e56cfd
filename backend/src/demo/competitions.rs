//! Demo competitions: an expert pool of 44 (40 approved, 4 waiting for review; the lab demo account
//! is one of the approved), this year's competition in its first stage with teams and submissions
//! and a panel formed, and last year's, judged in two stages with its results published and final.

use crate::db::Conn;
use shared::Locale;
use shared::competitions::{CompetitionInput, ExtraField, ScoreInput, StageInput, StageStatus, TrackInput};
use shared::experts::{ExpertInput, ExpertKind, ExpertStatus};
use time::{Duration, OffsetDateTime};

use super::generate::Vocabulary;
use crate::accounts::NewUser;
use crate::common::rng::Rng;
use crate::competitions::{self, judging};
use crate::db::sql;

const SURNAMES: [&str; 20] = [
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马",
    "罗",
];
const GIVEN: [&str; 16] = [
    "建国", "晓明", "丽华", "志强", "海燕", "文博", "雪梅", "立新", "晨曦", "宇航", "思远", "静怡", "振华", "嘉树",
    "一鸣", "若愚",
];

struct Kind {
    kind: ExpertKind,
    affiliations: &'static [&'static str],
    titles: &'static [&'static str],
    bio: &'static str,
}

const KINDS: [Kind; 4] = [
    Kind {
        kind: ExpertKind::Scientist,
        affiliations: &[
            "浙江大学",
            "西湖大学",
            "之江实验室",
            "杭州电子科技大学",
            "浙江工业大学",
            "中国科学院杭州医学研究所",
        ],
        titles: &["教授", "研究员", "副教授"],
        bio: "长期从事{field}领域基础与应用研究，主持国家重点研发计划项目，担任多项省级科技奖评审专家。",
    },
    Kind {
        kind: ExpertKind::Entrepreneur,
        affiliations: &["杭州云栖智算科技有限公司", "萧山低空智联科技有限公司", "宇航智造科技", "钱塘生物科技"],
        titles: &["创始人", "首席技术官"],
        bio: "连续创业者，带领团队完成{field}产品从样机到量产，熟悉产业化路径与供应链。",
    },
    Kind {
        kind: ExpertKind::Investor,
        affiliations: &["杭州资本", "钱江源创投", "元璟资本", "华睿投资"],
        titles: &["合伙人", "投资总监"],
        bio: "专注{field}早期硬科技投资，已投项目二十余个，关注技术壁垒与商业化节奏。",
    },
    Kind {
        kind: ExpertKind::Other,
        affiliations: &["浙江省知识产权研究与服务中心", "杭州市科技信息研究院"],
        titles: &["高级工程师", "主任"],
        bio: "从事{field}方向科技成果转化与知识产权服务，参与多项产业政策研究。",
    },
];

const COMMENTS: [&str; 6] = [
    "技术路线清晰，产业化路径可行。",
    "市场分析较充分，建议补充竞品对比。",
    "团队结构合理，核心成员经验丰富。",
    "商业模式需进一步验证，建议先做标杆客户。",
    "社会效益显著，建议加强知识产权布局。",
    "技术指标先进，但量产成本测算偏乐观。",
];

fn field_name(domain: &str) -> &'static str {
    match domain {
        "gen_ai" => "通用人工智能",
        "low_altitude" => "低空经济",
        "humanoid_robots" => "人形机器人",
        "brain_inspired" => "类脑智能",
        "synthetic_bio" => "合成生物",
        "metaverse" => "元宇宙",
        "future_networks" => "未来网络",
        "quantum" => "量子科技",
        "advanced_energy" => "先进能源",
        _ => "前沿新材料",
    }
}

/// The expert pool; returns the approved experts' (user id, domains).
async fn experts(
    db: &mut Conn,
    vocab: &Vocabulary,
    hash: &str,
    lab_user: i64,
    host: i64,
    now: OffsetDateTime,
) -> anyhow::Result<Vec<(i64, Vec<String>)>> {
    let mut rng = Rng::new(77);
    let mut out = vec![];
    for n in 0..44usize {
        let k = &KINDS[if n < 18 { 0 } else { (n - 18) % 4 }];
        let user = if n == 0 {
            lab_user
        } else {
            let name = format!("{}{}", SURNAMES[n % SURNAMES.len()], GIVEN[(n * 7) % GIVEN.len()]);
            let email = format!("expert{n}@demo.futurematch.cn");
            crate::accounts::insert_user(db, &NewUser::verified(&email, hash, &name, Locale::ZhCn)).await?
        };
        let first = super::DOMAINS[n % super::DOMAINS.len()];
        let mut domains = vec![first.to_owned()];
        if rng.chance(40) {
            let second = *rng.pick(&super::DOMAINS);
            if second != first {
                domains.push(second.to_owned());
            }
        }
        let mut keywords: Vec<String> = vec![];
        for d in &domains {
            let terms = vocab.terms(d);
            if !terms.is_empty() {
                for _ in 0..2 {
                    let t = rng.pick(&terms).0.clone();
                    if !keywords.contains(&t) {
                        keywords.push(t);
                    }
                }
            }
        }
        let affiliation = if n == 0 { "之江实验室".to_owned() } else { rng.pick(k.affiliations).to_string() };
        let input = ExpertInput {
            kind: k.kind,
            domains: domains.clone(),
            keywords,
            affiliation: affiliation.clone(),
            title: rng.pick(k.titles).to_string(),
            bio: k.bio.replace("{field}", field_name(first)),
            conflict_orgs: vec![],
            // Declared by name: their own institution (matched against teams' organizations).
            conflict_names: vec![affiliation],
        };
        let id = crate::experts::upsert(db, user, &input, now - Duration::days(400 - n as i64)).await?;
        if n < 40 {
            crate::experts::review(db, id, ExpertStatus::Approved, None, host, now - Duration::days(399 - n as i64))
                .await?;
            out.push((user, domains));
        }
    }
    Ok(out)
}

struct Plan<'a> {
    title_zh: &'a str,
    title_en: &'a str,
    tracks: &'a [(&'a str, &'a str, &'a str)],
    /// (name, English name, days from now, advancing).
    stages: &'a [(&'a str, &'a str, i64, u32)],
    teams_per_track: usize,
}

async fn create(
    db: &mut Conn,
    org: i64,
    host: i64,
    p: &Plan<'_>,
    now: OffsetDateTime,
    created: OffsetDateTime,
) -> anyhow::Result<competitions::CompetitionRow> {
    let input = CompetitionInput {
        org_id: org,
        title_zh: p.title_zh.into(),
        title_en: Some(p.title_en.into()),
        description_zh: "围绕杭州“5+X”未来产业，面向在杭初创企业与科研团队征集项目。大赛设多个赛道，经初赛网评、复赛路演、决赛答辩，优胜项目可获得引导基金优先投资、应用场景优先开放和概念验证中心支持。".into(),
        description_en: Some("Start-ups and research teams in Hangzhou's 5+X future industries compete track by track: online review, roadshow, final defence. Winners get priority with the guidance fund, open application scenarios and proof-of-concept support.".into()),
        eligibility_zh: "在杭州注册或承诺落地杭州的企业及团队；项目处于种子期至A轮；同一团队限报一个赛道。".into(),
        eligibility_en: Some("Companies and teams registered in Hangzhou or committed to settle here; seed to Series A; one track per team.".into()),
        tracks: p
            .tracks
            .iter()
            .map(|(d, zh, en)| TrackInput { domain: (*d).into(), name_zh: (*zh).into(), name_en: Some((*en).into()) })
            .collect(),
        stages: p
            .stages
            .iter()
            .map(|(zh, en, days, advance)| StageInput {
                name_zh: (*zh).into(),
                name_en: Some((*en).into()),
                deadline: now + Duration::days(*days),
                advance: *advance,
                fields: if *days == p.stages[0].2 {
                    vec![
                        ExtraField { label_zh: "融资需求".into(), label_en: Some("Funding sought".into()), required: true },
                        ExtraField { label_zh: "知识产权情况".into(), label_en: Some("Intellectual property".into()), required: false },
                    ]
                } else {
                    vec![]
                },
            })
            .collect(),
        rubric: shared::competitions::example_rubric(),
        judges_per_entry: 3,
    };
    input.check(None).map_err(|e| anyhow::anyhow!("demo competition {}: {e:?}", p.title_zh))?;
    let id = competitions::insert(db, &input, host, created, true).await?;
    competitions::audit(db, id, Some(host), "created", &serde_json::json!({ "title": p.title_zh }), created).await?;
    competitions::competition(db, id).await?.ok_or_else(|| anyhow::anyhow!("competition {id} vanished"))
}

/// Teams for each track, led by `leaders` (user, email, organization) in turn; each submits to the
/// first stage. Returns the teams' ids.
async fn teams(
    db: &mut Conn,
    vocab: &Vocabulary,
    rng: &mut Rng,
    c: &competitions::CompetitionRow,
    leaders: &[(i64, String, i64)],
    per_track: usize,
    at: OffsetDateTime,
) -> anyhow::Result<Vec<i64>> {
    let tracks = competitions::tracks(db, c.id).await?;
    let stage = competitions::stages(db, c.id).await?.into_iter().next().ok_or_else(|| anyhow::anyhow!("no stage"))?;
    let mut out = vec![];
    let mut next = 0;
    for t in &tracks {
        let terms = vocab.terms(&t.domain);
        let mut used: Vec<usize> = vec![];
        for n in 0..per_track {
            let Some((user, email, org)) = leaders.get(next) else { break };
            next += 1;
            // Each team its own technology (and so its own name).
            let mut pick = (n * 3 + next) % terms.len().max(1);
            while used.contains(&pick) && used.len() < terms.len() {
                pick = (pick + 1) % terms.len();
            }
            used.push(pick);
            let term = &terms[pick];
            let name = format!("{}项目组", term.0);
            let member = format!("member{}@example.com", next);
            let team = competitions::NewTeam {
                competition: c.id,
                track: t.id,
                name: &name,
                org: Some(*org),
                leader: (*user, email),
                members: &[&member],
                members_status: shared::competitions::TeamMemberStatus::Joined,
            };
            let id = competitions::insert_team(db, &team, at).await?;
            let other = &terms[(n * 5 + 1) % terms.len().max(1)];
            for version in 0..(1 + usize::from(rng.chance(40))) {
                let s = shared::competitions::SubmissionInput {
                    summary: format!(
                        "项目聚焦{}，结合{}，已完成样机验证{}。计划在杭州开展场景试点，三年内实现规模化应用。",
                        term.0,
                        other.0,
                        if version > 0 { "并取得首批客户订单" } else { "" }
                    ),
                    video_url: rng.chance(60).then(|| format!("https://video.example.com/demo/{id}")),
                    extras: vec![format!("{}万元", rng.range(3, 30) * 100), "已申请发明专利3项".into()],
                };
                competitions::insert_submission(
                    db,
                    id,
                    stage.id,
                    &s,
                    None,
                    *user,
                    at + Duration::hours(version as i64 * 30),
                )
                .await?;
            }
            out.push(id);
        }
    }
    Ok(out)
}

/// Panel of the approved experts whose fields cover the competition's tracks (at most `n`).
async fn panel(
    db: &mut Conn,
    stage: i64,
    experts: &[(i64, Vec<String>)],
    domains: &[&str],
    n: usize,
) -> anyhow::Result<()> {
    let users: Vec<i64> = experts
        .iter()
        .filter(|(_, d)| d.iter().any(|x| domains.contains(&x.as_str())))
        .map(|(u, _)| *u)
        .take(n)
        .collect();
    competitions::set_panel(db, stage, &users, crate::db::now(), true).await?;
    Ok(())
}

/// Judges every released entry of the stage with a per-team quality and per-judge leniency.
async fn judge(db: &mut Conn, rng: &mut Rng, stage: i64, at: OffsetDateTime) -> anyhow::Result<()> {
    let pairs = competitions::assignments(db, stage).await?;
    let mut quality = std::collections::HashMap::new();
    let mut bias = std::collections::HashMap::new();
    for crate::competitions::Assigned { team_id: team, user_id: judge } in pairs {
        let q = *quality.entry(team).or_insert_with(|| rng.range(40, 95) as i32);
        let b = *bias.entry(judge).or_insert_with(|| rng.range(0, 26) as i32 - 15);
        let values: Vec<u32> = (0..5)
            .map(|_| {
                let v = q + b + rng.range(0, 21) as i32 - 10;
                u32::try_from((v.clamp(0, 100) + 5) / 10).unwrap_or(0)
            })
            .collect();
        let sheet = ScoreInput {
            values,
            comments: vec![rng.pick(&COMMENTS).to_string(), String::new(), String::new(), String::new(), String::new()],
            comment: rng.pick(&COMMENTS).to_string(),
        };
        competitions::put_sheet(db, stage, team, judge, &sheet, at).await?;
    }
    Ok(())
}

/// `organizer` is the demo organizer organization, `host` its owner, `lab_user` the lab demo account.
pub async fn seed(
    db: &mut Conn,
    hash: &str,
    organizer: i64,
    host: i64,
    lab_user: i64,
    enterprise: (i64, i64),
) -> anyhow::Result<()> {
    let now = crate::db::now();
    let vocab = Vocabulary::load()?;
    let experts = experts(db, &vocab, hash, lab_user, host, now).await?;
    // Team leaders: owners of enterprise organizations (the enterprise demo account first).
    let mut leaders: Vec<(i64, String, i64)> = sql::query_as(
        "SELECT u.id, u.email, MIN(m.org_id) FROM memberships m JOIN users u ON u.id = m.user_id
         JOIN organizations o ON o.id = m.org_id
         WHERE o.kind = 'enterprise' AND m.role = 'owner' AND u.id <> $1 GROUP BY u.id ORDER BY u.id LIMIT 40",
    )
    .bind(enterprise.0)
    .fetch_all(&mut *db)
    .await?;
    let (demo_email,): (String,) =
        sql::query_as("SELECT email FROM users WHERE id = $1").bind(enterprise.0).fetch_one(&mut *db).await?;
    leaders.insert(0, (enterprise.0, demo_email, enterprise.1));
    let mut rng = Rng::new(2026);

    // This year's: taking submissions for its first stage.
    let running = Plan {
        title_zh: "2026杭州未来产业创新创业大赛",
        title_en: "Hangzhou Future Industries Innovation and Entrepreneurship Competition 2026",
        tracks: &[
            ("gen_ai", "通用人工智能赛道", "General AI"),
            ("humanoid_robots", "人形机器人赛道", "Humanoid robots"),
            ("synthetic_bio", "合成生物赛道", "Synthetic biology"),
            ("advanced_energy", "先进能源赛道", "Advanced energy"),
        ],
        stages: &[("初赛", "Preliminary", 21, 5), ("复赛", "Semi-final", 49, 3), ("决赛", "Final", 77, 3)],
        teams_per_track: 4,
    };
    let c = create(db, organizer, host, &running, now, now - Duration::days(20)).await?;
    teams(db, &vocab, &mut rng, &c, &leaders, running.teams_per_track, now - Duration::days(10)).await?;
    let first = competitions::stages(db, c.id).await?.remove(0);
    panel(db, first.id, &experts, &["gen_ai", "humanoid_robots", "synthetic_bio", "advanced_energy"], 12).await?;

    // Last year's: two stages judged, results published and final.
    let finished = Plan {
        title_zh: "2025杭州未来产业创新创业大赛",
        title_en: "Hangzhou Future Industries Innovation and Entrepreneurship Competition 2025",
        tracks: &[
            ("gen_ai", "通用人工智能赛道", "General AI"),
            ("low_altitude", "低空经济赛道", "Low-altitude economy"),
        ],
        stages: &[("初赛", "Preliminary", -300, 3), ("决赛", "Final", -270, 3)],
        teams_per_track: 6,
    };
    let c = create(db, organizer, host, &finished, now, now - Duration::days(360)).await?;
    teams(db, &vocab, &mut rng, &c, &leaders[16..], finished.teams_per_track, now - Duration::days(320)).await?;
    for (i, s) in competitions::stages(db, c.id).await?.into_iter().enumerate() {
        if i > 0 {
            // The teams that advanced submit to the final.
            for t in competitions::teams(db, c.id, None).await?.into_iter().filter(|t| t.reached > i as i64) {
                let s2 = shared::competitions::SubmissionInput {
                    summary: format!("{}：决赛路演材料，补充了试点数据与融资计划。", t.name),
                    video_url: Some(format!("https://video.example.com/demo/final/{}", t.id)),
                    extras: vec![],
                };
                let leader = competitions::members(db, t.id).await?.into_iter().find_map(|m| m.user_id).unwrap_or(host);
                competitions::insert_submission(db, t.id, s.id, &s2, None, leader, s.deadline - Duration::days(3))
                    .await?;
            }
        }
        panel(db, s.id, &experts, &["gen_ai", "low_altitude"], 9).await?;
        judging::assign_in(db, &s, &c, host).await.map_err(|e| anyhow::anyhow!("demo assignment: {e}"))?;
        competitions::set_stage(db, s.id, StageStatus::Judging, true).await?;
        judge(db, &mut rng, s.id, s.deadline + Duration::days(5)).await?;
        let s = competitions::stage(db, s.id).await?.ok_or_else(|| anyhow::anyhow!("stage vanished"))?;
        judging::close_in(db, &s, &c, host).await.map_err(|e| anyhow::anyhow!("demo closing: {e}"))?;
    }
    let published = now - Duration::days(260);
    let notice = crate::opencall::insert_competition_notice(
        db,
        c.id,
        "经初赛网评与决赛路演两轮评审，按评委标准分排名，各赛道前三名获奖。",
        host,
        published,
        published + Duration::days(7),
    )
    .await?;
    crate::opencall::record(db, notice, "published", Some(host), None, published).await?;
    crate::opencall::set_notice_status(db, notice, shared::opencall::NoticeStatus::Final, None).await?;
    crate::opencall::record(db, notice, "final", None, None, published + Duration::days(7)).await?;
    competitions::audit(db, c.id, Some(host), "published", &serde_json::json!({ "notice": notice }), published).await?;
    Ok(())
}
