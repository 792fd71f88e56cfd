//! Demo cooperation: an open call of 杭州云栖智算 with applications, requests between the named
//! organizations in each state of the pipeline with a conversation, and a published notice, so every
//! demo account finds something on `/engagements`, `/notices` and its notifications.

use crate::db::Conn;
use shared::engage::{DealStage, EngagementStatus, ParsedStage, Proposal};
use shared::market::{PostingAction, PostingInput, PostingStatus};
use shared::taxonomy::Taxonomy;
use time::Duration;

use crate::db::sql;

/// How many postings the demo's cooperation adds (three demands of named organizations).
pub const POSTINGS: usize = 3;

/// A published demand of `org` from JSON (the same shape the API takes).
async fn demand(db: &mut Conn, tax: &Taxonomy, org: i64, user: i64, json: serde_json::Value) -> anyhow::Result<i64> {
    let input: PostingInput = serde_json::from_value(json)?;
    let draft = input.parse(tax, crate::db::now().date()).map_err(|e| anyhow::anyhow!("demo demand: {e:?}"))?;
    let id = crate::market::insert(db, org, user, &draft).await?;
    let row = crate::market::posting(db, id).await?.ok_or_else(|| anyhow::anyhow!("demo demand vanished"))?;
    crate::market::set_status(db, &row, PostingAction::Approve, PostingStatus::Published, None, None).await?;
    Ok(id)
}

/// `orgs` are the named organizations' ids in `ORGS` order; `users` the demo users' ids.
pub async fn seed(db: &mut Conn, tax: &Taxonomy, orgs: &[i64], users: &[i64]) -> anyhow::Result<()> {
    let now = crate::db::now();
    let (yunqi, zhijiang, synbio, fund) = (orgs[0], orgs[3], orgs[4], orgs[6]);
    let (zhang, li, wang) = (users[0], users[1], users[2]);
    let deadline = (now + Duration::days(45)).date();
    let call = demand(db, tax, yunqi, zhang, serde_json::json!({
        "kind": "demand", "title_zh": "揭榜挂帅：千亿参数大模型推理能效提升30%",
        "title_en": "Open call: 30% better energy efficiency for 100B-parameter model inference",
        "summary_zh": "面向国产推理芯片，征集量化、算子融合与调度优化的整体方案，在云栖小镇算力中心验证。",
        "summary_en": "Seeking quantization, kernel fusion and scheduling for domestic inference chips, validated in the Yunqi computing centre.",
        "domains": ["gen_ai"], "keywords": ["大模型推理", "量化", "算子融合"], "district": "xihu",
        "pilot_zone": "xihu_yunqi_town", "deadline": deadline.to_string(), "demand_type": "tech_problem", "trl": 6,
        "budget_min": 300, "budget_max": 800,
        "open_call": {"reward": 500, "application_deadline": deadline.to_string()}
    }))
    .await?;
    let texts = crate::opencall::Texts {
        solution: "基于混合精度量化与图级算子融合，在自研调度器上实测能效提升34%，附测试报告。",
        team: "之江实验室智能计算研究中心，18人，含5名研究员",
        budget: 650,
        timeline: "第1–3月适配，第4–6月中试，第7–9月在算力中心验证",
    };
    crate::opencall::insert(db, call, zhijiang, &texts, li, now).await?;

    // Requests in each state.
    let new = |from: i64, to: i64, posting: i64, proposal: Proposal, message: &'static str, user: i64| {
        crate::engage::NewRow {
            from_org: from,
            to_org: to,
            posting_id: posting,
            source_id: None,
            proposal,
            message,
            user,
            now,
            expires_at: now + Duration::days(14),
        }
    };
    let pending = crate::engage::insert(
        db,
        &new(
            zhijiang,
            yunqi,
            call,
            Proposal::JointDevelopment,
            "我们在推理能效上有成熟方案，希望与贵司联合开发并在云栖算力中心验证。",
            li,
        ),
    )
    .await?;
    crate::engage::record(db, pending, "requested", Some(zhijiang), Some(li), None, now).await?;

    let second = demand(db, tax, yunqi, zhang, serde_json::json!({
        "kind": "demand", "title_zh": "多模态内容审核数据集共建", "title_en": "Co-building a multimodal content moderation dataset",
        "summary_zh": "寻求合作方共建覆盖文旅与政务场景的多模态审核数据集，并开展联合标注。",
        "domains": ["gen_ai"], "keywords": ["多模态", "数据集"], "district": "xihu",
        "deadline": (now + Duration::days(90)).date().to_string(), "demand_type": "joint_rnd", "trl": 5,
        "budget_min": 100, "budget_max": 300
    }))
    .await?;
    let deal = crate::engage::insert(
        db,
        &new(
            synbio,
            yunqi,
            second,
            Proposal::ContractResearch,
            "中心可提供数据治理与合规评估服务，愿意承担数据集的标注质控。",
            li,
        ),
    )
    .await?;
    crate::engage::record(db, deal, "requested", Some(synbio), Some(li), None, now).await?;
    crate::engage::set_status(db, deal, EngagementStatus::Accepted, None, now).await?;
    crate::engage::record(db, deal, "accepted", Some(yunqi), Some(zhang), None, now).await?;
    crate::engage::insert_message(db, deal, yunqi, zhang, "欢迎！下周二上午来云栖小镇面谈，方便吗？", now).await?;
    crate::engage::insert_message(db, deal, synbio, li, "可以，我们带上质控流程和报价。", now).await?;
    let signed = ParsedStage {
        stage: DealStage::Signed,
        contract_value: Some(180),
        signed_on: Some(now.date()),
        failure: None,
        note: None,
    };
    crate::engage::set_stage(db, deal, &signed, now).await?;
    crate::engage::record(db, deal, "signed", Some(yunqi), Some(zhang), None, now).await?;

    let funding = crate::engage::insert(
        db,
        &new(fund, yunqi, second, Proposal::Investment, "引导基金关注多模态数据基础设施，希望了解贵司融资计划。", wang),
    )
    .await?;
    crate::engage::record(db, funding, "requested", Some(fund), Some(wang), None, now).await?;
    crate::engage::set_status(db, funding, EngagementStatus::Accepted, None, now).await?;
    crate::engage::record(db, funding, "accepted", Some(yunqi), Some(zhang), None, now).await?;

    // A closed open call whose result is in its objection window.
    let closed = demand(db, tax, orgs[1], zhang, serde_json::json!({
        "kind": "demand", "title_zh": "揭榜挂帅：城市低空物流航线自主避障", "title_en": "Open call: autonomous obstacle avoidance for urban drone delivery",
        "summary_zh": "征集适用于萧山城区低空物流航线的自主避障与冗余导航方案。",
        "domains": ["low_altitude"], "keywords": ["低空物流", "避障"], "district": "xiaoshan",
        "deadline": (now + Duration::days(60)).date().to_string(), "demand_type": "tech_problem", "trl": 6,
        "budget_min": 200, "budget_max": 600,
        "open_call": {"reward": 300, "application_deadline": (now + Duration::days(1)).date().to_string()}
    }))
    .await?;
    let texts = crate::opencall::Texts {
        solution: "视觉与毫米波雷达融合的避障方案，已在园区完成2000架次试飞。",
        team: "之江实验室无人系统团队，12人",
        budget: 420,
        timeline: "6个月完成城区航线验证",
    };
    let winner = crate::opencall::insert(db, closed, zhijiang, &texts, li, now).await?;
    crate::opencall::set_status(db, winner, shared::opencall::ApplicationStatus::Selected, now).await?;
    let set_deadline = db.dialect().pick(
        "UPDATE postings SET spec = json_set(spec, '$.open_call.application_deadline', $2) WHERE id = $1",
        "UPDATE postings SET spec = jsonb_set(spec::jsonb, '{open_call,application_deadline}', to_jsonb($2::text))::text
         WHERE id = $1",
    );
    sql::query(set_deadline).bind(closed).bind((now - Duration::days(1)).date().to_string()).execute(&mut *db).await?;
    let ends = shared::opencall::add_working_days(now, shared::opencall::NOTICE_WORKING_DAYS);
    let notice = crate::opencall::insert_notice(
        db,
        closed,
        "方案经园区2000架次验证，指标满足揭榜要求。",
        zhang,
        now,
        ends,
        &[winner],
    )
    .await?;
    crate::opencall::record(db, notice, "published", Some(zhang), None, now).await?;
    Ok(())
}
