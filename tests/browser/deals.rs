//! Deals: matches and their reasons, bundles, cooperation requests and their messages, open calls.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_founder_posts_what_the_company_raises_and_asks_the_three_parties_of_a_bundle_in_one_step() {
    let server = Server::start().await;
    let ent = server.user("ent@example.com", false).await;
    server.verified_org(ent, shared::orgs::OrgKind::Enterprise, "钱塘储能科技有限公司").await;
    let lab = server.user("lab@example.com", false).await;
    let lab_org = server.verified_org(lab, shared::orgs::OrgKind::Lab, "之江电化学实验室").await;
    let park = server.user("park@example.com", false).await;
    let park_org = server.verified_org(park, shared::orgs::OrgKind::Enterprise, "临平储能产业园").await;
    let vc = server.user("vc@example.com", false).await;
    let vc_org = server.verified_org(vc, shared::orgs::OrgKind::Investor, "湖畔新能源创投").await;
    publish(
        &server,
        lab_org,
        serde_json::json!({
            "kind": "capability", "title_zh": "固态电解质界面改性中试平台", "summary_zh": "固态电池界面改性与中试验证",
            "domains": ["advanced_energy"], "keywords": ["固态电池"], "district": "qiantang",
            "capability_kind": "poc_service", "trl": 7, "ip_status": "granted", "modes": ["service"], "negotiable": true
        }),
    )
    .await;
    publish(&server, park_org, serde_json::json!({
        "kind": "scenario", "title_zh": "园区储能站固态电池示范", "summary_zh": "开放园区储能站试点固态电池模组",
        "domains": ["advanced_energy"], "keywords": ["固态电池"], "district": "qiantang", "deadline": "2099-01-01",
        "category": "future_factory", "site": "临平园区储能站", "seeks": "固态电池模组", "offers": ["site"], "slots": 1
    }))
    .await;
    publish(
        &server,
        vc_org,
        serde_json::json!({
            "kind": "mandate", "title_zh": "固态电池与储能早期投资", "summary_zh": "投资固态电池材料与储能系统",
            "domains": ["advanced_energy"], "keywords": ["固态电池"], "fund_type": "vc", "stages": ["series_a"],
            "ticket_min": 1000, "ticket_max": 5000, "districts": ["qiantang"]
        }),
    )
    .await;
    let b = Browser::start(1280, 1400).await;

    // A funding demand asks for the amount raised; the round may be left to matching.
    log_in(&b, &server, "ent@example.com", "/demands/new").await;
    b.fill("#f-title_zh", "固态电池模组A轮融资").await;
    b.fill("#f-summary_zh", "固态电池模组已通过车规测试，A轮融资用于建设中试线").await;
    b.select("#f-demand_type", "funding").await;
    b.click("input[name=domains][value=advanced_energy]").await;
    b.fill("#f-keywords", "固态电池").await;
    b.select("#f-district", "qiantang").await;
    b.fill("#f-trl", "6").await;
    b.click("[data-testid=save-and-submit]").await;
    b.text_contains("#f-amount_sought-error", "").await;
    b.fill("#f-amount_sought", "3000").await;
    b.select("#f-round", "series_a").await;
    b.click("[data-testid=save-and-submit]").await;
    let path = b.path_matches(|p| p.starts_with("/demands/") && p[9..].parse::<i64>().is_ok()).await;
    let demand: i64 = path[9..].parse().unwrap();
    let (amount, spec): (Option<i64>, String) = sql::query_as("SELECT amount_min, spec FROM postings WHERE id = $1")
        .bind(demand)
        .fetch_one(&server.state.db)
        .await
        .unwrap();
    assert_eq!(amount, Some(3000), "the amount raised is the demand's money");
    assert!(spec.contains("\"round\":\"series_a\""), "{spec}");
    {
        let mut conn = server.state.db.acquire().await.unwrap();
        let row = backend::market::posting(&mut conn, demand).await.unwrap().unwrap();
        let (action, status) = (shared::market::PostingAction::Approve, shared::market::PostingStatus::Published);
        backend::market::set_status(&mut conn, &row, action, status, None, None).await.unwrap();
    }
    backend::facts::remember_postings(&server.state, &[demand]).await.unwrap();

    // Its page shows the raise, and a bundle naming each party's organization.
    b.client.goto(&server.url(&path)).await.unwrap();
    b.text_contains("[data-testid=posting-facts]", "A轮").await;
    b.text_contains("[data-testid=bundle]", "之江电化学实验室").await;
    b.text_contains("[data-testid=bundle]", "临平储能产业园").await;
    b.text_contains("[data-testid=bundle]", "湖畔新能源创投").await;

    // One step to ask all three: the lab's cooperation mode is chosen, not assumed.
    b.click("[data-testid=bundle-request]").await;
    b.fill(
        "[data-testid=bundle-request-form] #f-message",
        "我们的固态电池模组需要中试、试点和A轮资金，想与三方一起推进",
    )
    .await;
    b.click("[data-testid=send-bundle-request]").await;
    b.text_contains("#f-capability_proposal-error", "").await;
    b.select("#f-capability_proposal", "joint_development").await;
    b.click("[data-testid=send-bundle-request]").await;
    b.text_contains("[data-testid=bundle-request-done]", "已向3方发送对接请求").await;
    b.look_at("bundle-request").await;
    let sent: Vec<(i64, String, Option<i64>)> =
        sql::query_as("SELECT to_org, proposal, source_id FROM engagements ORDER BY to_org")
            .fetch_all(&server.state.db)
            .await
            .unwrap();
    let mut expected = vec![
        (lab_org, "joint_development".to_owned(), Some(demand)),
        (park_org, "pilot".to_owned(), Some(demand)),
        (vc_org, "investment".to_owned(), Some(demand)),
    ];
    expected.sort();
    assert_eq!(sent, expected);
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_demand_shows_its_matches_with_reasons_and_its_owner_saves_one() {
    let server = Server::start().await;
    let (demand, capability) = demand_and_fitting_capability(&server).await;
    let b = Browser::start(1280, 1400).await;

    // Anyone sees the matches of a published demand, with the reasons and what held it back.
    b.client.goto(&server.url(&format!("/demands/{demand}"))).await.unwrap();
    b.text_contains("[data-testid=match]", "固态电解质界面改性中试平台").await;
    b.text_contains("[data-testid=match-reasons]", "领域一致：先进能源").await;
    b.text_contains("[data-testid=match-reasons]", "共同关键词：固态电池").await;
    b.text_contains("[data-testid=match-reasons]", "同属钱塘区").await;
    b.text_contains("[data-testid=match] .held-back", "成熟度TRL4低于需求TRL6").await;
    let score: u32 = b.el("[data-testid=match-score]").await.text().await.unwrap().trim().parse().unwrap();
    assert!((1..=100).contains(&score));
    // The breakdown reads as points that add up to the score, with a legend and each factor in words.
    b.click("[data-testid=match-factors] summary").await;
    let breakdown = b.text_contains("[data-testid=match-factors]", "相加即为匹配度").await;
    let points: u32 =
        breakdown.lines().filter_map(|l| l.split(" / ").next()?.split_whitespace().last()?.parse::<u32>().ok()).sum();
    assert_eq!(points, score, "the factors' points add up to the score shown: {breakdown}");
    assert!(breakdown.contains("完全符合") && !breakdown.contains('×'), "{breakdown}");
    assert!(
        b.client.find(fantoccini::Locator::Css("[data-testid=match-save]")).await.is_err(),
        "no feedback for visitors"
    );
    b.look_at("demand-matches").await;

    // The demand's owner saves it.
    log_in(&b, &server, "ent@example.com", &format!("/demands/{demand}")).await;
    b.click("[data-testid=match-save]").await;
    b.text_contains("[data-testid=match-save]", "已收藏").await;
    let (action,): (String,) =
        sql::query_as("SELECT action FROM match_feedback WHERE source_id = $1 AND candidate_id = $2")
            .bind(demand)
            .bind(capability)
            .fetch_one(&server.state.db)
            .await
            .unwrap();
    assert_eq!(action, "save");

    // The owner's feed offers it too, for the demand it fits.
    b.click("[data-testid=user-name]").await;
    b.click("[data-testid=nav-feed]").await;
    b.text_contains("[data-testid=feed]", "固态电解质界面改性中试平台").await;
    b.text_contains("[data-testid=feed]", "固态电池电解质界面稳定性攻关").await;
    b.client.goto(&server.url(&format!("/demands/{demand}"))).await.unwrap();

    // In English the reasons follow.
    b.click("[data-testid=lang-switch]").await;
    b.text_contains("[data-testid=match-reasons]", "Same field: Advanced energy").await;

    // The path to contact: from the match straight to the request form, sent for the demand.
    b.click("[data-testid=match-request]").await;
    b.path_matches(|p| p == format!("/capabilities/{capability}")).await;
    b.fill("#f-message", "Our demand fits your platform; can we talk?").await;
    // No mode is chosen for the person: sending without one names the field and sends nothing.
    b.click("[data-testid=send-request]").await;
    b.text_contains("#f-proposal-error", "required").await;
    b.select("#f-proposal", "license").await;
    b.click("[data-testid=send-request]").await;
    b.path_matches(|p| p.starts_with("/engagements/")).await;
    let (source,): (Option<i64>,) = sql::query_as("SELECT source_id FROM engagements WHERE posting_id = $1")
        .bind(capability)
        .fetch_one(&server.state.db)
        .await
        .unwrap();
    assert_eq!(source, Some(demand), "the request remembers the demand it came from");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lab_requests_cooperation_the_enterprise_accepts_and_they_exchange_messages() {
    let server = Server::start().await;
    let ent = server.user("ent@example.com", false).await;
    let ent_org = server.verified_org(ent, shared::orgs::OrgKind::Enterprise, "钱塘储能科技有限公司").await;
    sql::query("UPDATE organizations SET contact_phone = '0571-8888 6666' WHERE id = $1")
        .bind(ent_org)
        .execute(&server.state.db)
        .await
        .unwrap();
    let lab = server.user("lab@example.com", false).await;
    server.verified_org(lab, shared::orgs::OrgKind::Lab, "之江电化学实验室").await;
    let demand = publish(&server, ent_org, serde_json::json!({
        "kind": "demand", "title_zh": "固态电池电解质界面稳定性攻关", "summary_zh": "寻求固态电池电解质界面改性方案",
        "domains": ["advanced_energy"], "keywords": ["固态电池"], "district": "qiantang",
        "deadline": "2099-01-01", "demand_type": "tech_problem", "trl": 6, "budget_min": 200, "budget_max": 500
    }))
    .await;

    // The lab asks, from the demand's page.
    let lab_b = Browser::start(1280, 1200).await;
    log_in(&lab_b, &server, "lab@example.com", &format!("/demands/{demand}")).await;
    lab_b.click("[data-testid=open-request]").await;
    lab_b.select("#f-proposal", "joint_development").await;
    lab_b.fill("#f-message", "我们的界面改性平台可提升循环寿命，希望联合开发。").await;
    lab_b.click("[data-testid=send-request]").await;
    let path = lab_b.path_matches(|p| p.starts_with("/engagements/")).await;
    lab_b.text_contains("[data-testid=engagement-state]", "待回复").await;
    lab_b.text_contains("[data-testid=contacts]", "对方接受申请后").await;
    lab_b.text_contains("[data-testid=expires]", "如未回复，这条申请将于").await;

    // The enterprise, in its own browser, finds it on its board and accepts.
    let ent_b = Browser::start(1280, 1200).await;
    log_in(&ent_b, &server, "ent@example.com", "/engagements").await;
    ent_b.text_contains("[data-testid=board]", "之江电化学实验室").await;
    // The bell says so too, and its notification leads to the request.
    ent_b.text_contains("[data-testid=bell-count]", "1").await;
    ent_b.click("[data-testid=bell]").await;
    ent_b
        .text_contains("[data-testid=notification]", "之江电化学实验室申请就「固态电池电解质界面稳定性攻关」与你对接")
        .await;
    ent_b.click("[data-testid=notification] a").await;
    assert_eq!(ent_b.path_matches(|p| p.starts_with("/engagements/")).await, path);
    ent_b.text_contains("[data-testid=request-message]", "希望联合开发").await;
    ent_b.click("[data-testid=accept]").await;
    ent_b.text_contains("[data-testid=engagement-state]", "洽谈中").await;
    ent_b.text_contains("[data-testid=contacts]", "lab@example.com").await;
    ent_b.fill("#f-body", "收到，欢迎下周来访。").await;
    ent_b.click("[data-testid=send-message]").await;
    ent_b.text_contains("[data-testid=conversation]", "欢迎下周来访").await;
    // The conversation comes before the deal controls; each message says when, to the minute;
    // the header's link says where it leads.
    let first: bool = ent_b
        .js("return !!(document.querySelector('[data-testid=conversation]').compareDocumentPosition(\
             document.querySelector('[data-testid=stage-panel]')) & Node.DOCUMENT_POSITION_FOLLOWING)")
        .await;
    assert!(first, "the conversation comes first");
    let when = ent_b.text_contains("[data-testid=message] time", ":").await;
    assert!(when.len() >= "2026-12-05 10:00".len(), "date and time of day: {when}");
    ent_b.text_contains("[data-testid=engagement-posting]", "查看所涉发布").await;

    // The lab sees the contacts and the reply, and answers with a PDF.
    lab_b.client.goto(&server.url(&path)).await.unwrap();
    lab_b.text_contains("[data-testid=contacts]", "0571-8888 6666").await;
    lab_b.text_contains("[data-testid=conversation]", "欢迎下周来访").await;
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("测试报告.pdf");
    std::fs::write(&pdf, b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n").unwrap();
    lab_b.fill("#f-body", "附上测试报告。").await;
    lab_b.el("#attachment").await.send_keys(&pdf.display().to_string()).await.unwrap();
    lab_b.click("[data-testid=send-message]").await;
    lab_b.text_contains("[data-testid=attachment]", "测试报告.pdf").await;
    lab_b.look_at("engagement-conversation").await;

    // Unread for the enterprise until it opens the conversation.
    ent_b.client.goto(&server.url("/engagements")).await.unwrap();
    ent_b.text_contains("[data-testid=unread]", "1").await;
    ent_b.click("[data-testid=engagement-card] a").await;
    ent_b.text_contains("[data-testid=conversation]", "附上测试报告").await;
    ent_b.text_contains("[data-testid=attachment]", "测试报告.pdf").await;

    // Either side can report the other to the site admins.
    ent_b.click("[data-testid=safety] summary").await;
    ent_b.fill("#f-report_reason", "测试举报").await;
    ent_b.click("[data-testid=report]").await;
    ent_b.text_contains("[data-testid=safety]", "已提交举报").await;
    let (reason,): (String,) =
        sql::query_as("SELECT reason FROM abuse_reports").fetch_one(&server.state.db).await.unwrap();
    assert_eq!(reason, "测试举报");
    lab_b.close().await;
    ent_b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lab_applies_to_an_open_call_the_owner_selects_it_and_an_objection_is_answered_in_public() {
    let server = Server::start().await;
    let ent = server.user("ent@example.com", false).await;
    let ent_org = server.verified_org(ent, shared::orgs::OrgKind::Enterprise, "钱塘储能科技有限公司").await;
    let lab = server.user("lab@example.com", false).await;
    server.verified_org(lab, shared::orgs::OrgKind::Lab, "之江电化学实验室").await;
    // Applications close a week from today.
    let closes = (backend::db::now() + time::Duration::days(7)).date().to_string();
    let demand = publish(
        &server,
        ent_org,
        serde_json::json!({
            "kind": "demand", "title_zh": "固态电池界面揭榜挂帅", "summary_zh": "面向全国揭榜固态电池界面稳定性难题",
            "domains": ["advanced_energy"], "keywords": ["固态电池"], "district": "qiantang",
            "deadline": "2099-01-01", "demand_type": "tech_problem", "trl": 6, "budget_min": 200, "budget_max": 500,
            "open_call": {"reward": 500, "application_deadline": closes}
        }),
    )
    .await;

    // The lab applies from the call's page.
    let lab_b = Browser::start(1280, 1400).await;
    log_in(&lab_b, &server, "lab@example.com", &format!("/demands/{demand}")).await;
    lab_b.fill("#f-solution", "原位聚合界面改性，循环1200次容量保持92%").await;
    lab_b.fill("#f-team", "15人，含4名教授").await;
    lab_b.fill("#f-budget", "450").await;
    lab_b.fill("#f-timeline", "12个月完成中试").await;
    lab_b.click("[data-testid=submit-application]").await;
    lab_b.text_contains("[data-testid=application-status]", "已提交").await;

    // Eight days on, after the deadline, the owner selects it and publishes the result.
    server.state.clock.advance(time::Duration::days(8));
    let ent_b = Browser::start(1280, 1400).await;
    log_in(&ent_b, &server, "ent@example.com", &format!("/demands/{demand}")).await;
    ent_b.text_contains("[data-testid=application]", "原位聚合界面改性").await;
    ent_b.click("[data-testid=choose-winner]").await;
    ent_b.fill("#f-rationale", "指标领先，团队具备中试经验").await;
    ent_b.click("[data-testid=select-winners]").await;
    let notice = ent_b.path_matches(|p| p.starts_with("/notices/")).await;
    ent_b.text_contains("[data-testid=notice-winners]", "之江电化学实验室").await;
    ent_b.text_contains("[data-testid=notice-status]", "公示中").await;

    // Anyone signed in may object during the notice period; the owner answers in public.
    lab_b.client.goto(&server.url(&notice)).await.unwrap();
    lab_b.fill("#f-grounds", "请公开评审专家名单").await;
    lab_b.click("[data-testid=file-objection]").await;
    lab_b.text_contains("[data-testid=objections]", "请公开评审专家名单").await;
    ent_b.client.goto(&server.url(&notice)).await.unwrap();
    ent_b.fill("#f-objection_answer", "专家名单将随结果一并公布").await;
    ent_b.click("[data-testid=answer-objection]").await;
    ent_b.text_contains("[data-testid=objections]", "专家名单将随结果一并公布").await;
    ent_b.look_at("notice").await;
    // The public list shows it to visitors too.
    let visitor = Browser::start(1280, 900).await;
    visitor.client.goto(&server.url("/notices")).await.unwrap();
    visitor.text_contains("[data-testid=notices]", "固态电池界面揭榜挂帅").await;
    visitor.close().await;
    lab_b.close().await;
    ent_b.close().await;
}
