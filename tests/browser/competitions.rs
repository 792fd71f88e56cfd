//! The expert pool and competitions: teams, submissions, judging and results.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expert_applies_an_admin_approves_and_an_organizer_finds_them_in_the_pool() {
    let server = Server::start().await;
    server.user("prof@example.com", false).await;
    server.user("admin@example.com", true).await;
    let host = server.user("host@example.com", false).await;
    server.verified_org(host, shared::orgs::OrgKind::Organizer, "杭州市未来产业促进中心").await;

    // The expert applies; an empty field is named before anything is sent.
    let b = Browser::start(1280, 1400).await;
    log_in(&b, &server, "prof@example.com", "/experts").await;
    b.click("[data-testid=expert-submit]").await;
    b.text_contains(".field-error", "必填").await;
    b.click("input[name=domains][value=quantum]").await;
    b.fill("#f-keywords", "量子通信、量子计算").await;
    b.fill("#f-affiliation", "浙江大学").await;
    b.fill("#f-title", "教授").await;
    b.fill("#f-bio", "从事量子信息研究二十年。").await;
    b.fill("#f-conflict_names", "之江实验室").await;
    b.click("[data-testid=expert-submit]").await;
    b.text_contains("[data-testid=expert-status]", "待审核").await;
    assert!(
        b.client.find(fantoccini::Locator::Css("[data-testid=expert-search]")).await.is_err(),
        "only organizers search the pool"
    );

    // A site admin approves it from the console.
    let a = Browser::start(1280, 1400).await;
    log_in(&a, &server, "admin@example.com", "/admin/experts").await;
    a.text_contains("[data-testid=expert-review]", "浙江大学").await;
    a.click("[data-testid=expert-approve]").await;
    a.text_contains("[data-testid=expert-review]", "暂无待审核的申请").await;
    // The decision is in the audit log, whose hash chain holds.
    a.client.goto(&server.url("/admin/audit")).await.unwrap();
    a.text_contains("[data-testid=audit-entry]", "审核专家入库").await;
    a.text_contains("[data-testid=audit-intact]", "哈希链完整").await;
    a.client.goto(&server.url("/admin/users")).await.unwrap();

    // The organizer searches the pool by field.
    let o = Browser::start(1280, 1400).await;
    log_in(&o, &server, "host@example.com", "/experts").await;
    o.select("#f-domain", "quantum").await;
    o.click("[data-testid=expert-search-submit]").await;
    o.text_contains("[data-testid=expert]", "浙江大学").await;
    o.text_contains("[data-testid=expert]", "量子通信").await;
    o.look_at("expert-pool").await;
    b.client.refresh().await.unwrap();
    b.text_contains("[data-testid=expert-status]", "已入库").await;
    // The admin disables the account from the console: its session ends at once.
    a.fill("#f-user_q", "prof@example.com").await;
    a.click("[data-testid=user-search]").await;
    a.text_contains("[data-testid=admin-user]", "prof@example.com").await;
    a.click("[data-testid=user-disable]").await;
    a.text_contains("[data-testid=admin-user]", "已停用").await;
    b.client.refresh().await.unwrap();
    b.text_contains(".state", "登录后可申请加入专家库").await;
    for x in [b, a, o] {
        x.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_team_registers_and_submits_an_expert_judges_it_and_the_organizer_publishes_the_results() {
    let server = Server::start().await;
    let host = server.user("host@example.com", false).await;
    server.verified_org(host, shared::orgs::OrgKind::Organizer, "杭州市未来产业促进中心").await;
    server.user("lead@example.com", false).await;
    server.user("partner@example.com", false).await;
    let judge = server.user("judge@example.com", false).await;
    {
        let mut conn = server.state.db.acquire().await.unwrap();
        let input = shared::experts::ExpertInput {
            kind: shared::experts::ExpertKind::Investor,
            domains: vec!["gen_ai".into()],
            keywords: vec!["大模型".into()],
            affiliation: "西湖创投".into(),
            title: "合伙人".into(),
            bio: "专注人工智能早期投资。".into(),
            conflict_orgs: vec![],
            conflict_names: vec![],
        };
        let id = backend::experts::upsert(&mut conn, judge, &input, backend::db::now()).await.unwrap();
        let approved = shared::experts::ExpertStatus::Approved;
        backend::experts::review(&mut conn, id, approved, None, host, backend::db::now()).await.unwrap();
    }

    // The organizer sets the competition up: one track, one stage, the default rubric, one judge each.
    let o = Browser::start(1280, 1800).await;
    log_in(&o, &server, "host@example.com", "/competitions/new").await;
    o.fill("#f-title_zh", "未来产业创新创业大赛").await;
    o.fill("#f-description_zh", "面向5+X领域的创新创业项目。").await;
    o.fill("#f-eligibility_zh", "在杭注册的初创企业或团队。").await;
    o.select("[data-testid=tracks] select", "gen_ai").await;
    o.fill("[data-testid=tracks] input[type=text]", "人工智能赛道").await;
    o.click("[data-testid=stages] .row-fields:last-of-type button").await;
    // Submissions close in a week (Hangzhou time, as the form reads it).
    let closes = (backend::db::now() + time::Duration::days(7) + time::Duration::hours(8)).date();
    o.set_value("#stage-0-deadline", &format!("{closes}T17:00")).await;
    o.fill("#f-judges_per_entry", "1").await;
    o.text_contains("[data-testid=weight-sum]", "100").await;
    o.click("[data-testid=save-competition]").await;
    let page = o.path_matches(|p| p.starts_with("/competitions/") && !p.ends_with("/new")).await;
    o.text_contains("[data-testid=rubric-table]", "技术创新性").await;
    // Its organizer gets the organizer's view, not the entry form.
    o.text_contains("[data-testid=organizer-view]", "主办方").await;
    let form: bool = o.js("return !!document.querySelector('[data-testid=register-team]')").await;
    assert!(!form, "no entry form for the competition's own organizer");

    // A team registers and submits its summary and business plan; the sign-in button brings the
    // leader back to the competition.
    let t = Browser::start(1280, 1600).await;
    t.client.goto(&server.url(&page)).await.unwrap();
    t.click("[data-testid=login-to-compete]").await;
    t.path_matches(|p| p == "/login").await;
    log_in(&t, &server, "lead@example.com", &page).await;
    t.fill("#f-team_name", "西溪智能").await;
    t.fill("#f-members", "partner@example.com").await;
    t.click("[data-testid=register-team-submit]").await;
    t.text_contains("[data-testid=my-team]", "西溪智能").await;
    t.fill("#f-summary", "基于大模型的工业质检平台，已在三家工厂试点。").await;
    t.click("[data-testid=save-submission]").await;
    t.text_contains("[data-testid=submission]", "工业质检").await;
    let pdf = std::env::temp_dir().join(format!("fm-plan-{}.pdf", std::process::id()));
    std::fs::write(&pdf, b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n").unwrap();
    t.el("[data-testid=plan-file]").await.send_keys(pdf.to_str().unwrap()).await.unwrap();
    t.text_contains("[data-testid=plan-link]", "fm-plan").await;
    t.look_at("competition-team").await;
    // The partner listed on the team is asked, joins, and is on it from then on.
    let p = Browser::start(390, 1200).await;
    log_in(&p, &server, "partner@example.com", &page).await;
    p.text_contains("[data-testid=team-invitation]", "西溪智能").await;
    p.look_at("competition-team-invitation-phone").await;
    p.click("[data-testid=team-accept]").await;
    p.text_contains("[data-testid=my-team]", "西溪智能").await;
    p.text_contains("[data-testid=team-members]", "已加入").await;
    p.close().await;

    // Submissions close; the organizer forms the panel, assigns and releases.
    server.state.clock.advance(time::Duration::days(9));
    o.client.refresh().await.unwrap();
    o.click("[data-testid=panel-picker] summary").await;
    o.click("[data-testid=panel-expert]").await;
    o.click("[data-testid=save-panel]").await;
    o.text_contains("[data-testid=panel-picker] summary", "(1)").await;
    o.text_contains("[data-testid=panel-status]", "待回复").await;

    // The expert is asked, not put on the panel: they accept from their judging page.
    let j = Browser::start(1280, 1600).await;
    log_in(&j, &server, "judge@example.com", "/judging").await;
    j.text_contains("[data-testid=panel-invitation]", "未来产业创新创业大赛").await;
    j.click("[data-testid=panel-accept]").await;
    j.text_contains("[data-testid=panel-invitation]", "已接受").await;
    o.client.refresh().await.unwrap();
    o.click("[data-testid=assign-judges]").await;
    o.text_contains("[data-testid=assignment]", "西溪智能").await;
    // The fit reads as a percentage per judge and entry; the team's stage by its name.
    o.text_contains("[data-testid=assignment-fit]", "平均专业匹配度").await;
    o.text_contains("[data-testid=assignment] td:last-child", "%").await;
    o.text_contains("[data-testid=team-table]", "初赛").await;
    o.click("[data-testid=release-stage]").await;
    o.text_contains("[data-testid=assignment-fit]", "已下发").await;

    // The expert judges it.
    j.client.refresh().await.unwrap();
    j.click("[data-testid=judge-entry]").await;
    j.text_contains("[data-testid=submission]", "工业质检").await;
    for (i, v) in ["8", "9", "7", "8", "6"].iter().enumerate() {
        j.fill(&format!("#f-score-{i}"), v).await;
    }
    j.click("[data-testid=save-score]").await;
    j.text_contains("[data-testid=score-saved]", "评分已保存").await;
    // 30·0.8 + 25·0.9 + 20·0.7 + 15·0.8 + 10·0.6 = 78.5
    j.text_contains("[data-testid=score-total]", "78.50").await;
    j.look_at("competition-score-sheet").await;

    // The organizer closes the stage and publishes the results; the certificate follows the notice.
    o.client.refresh().await.unwrap();
    o.text_contains("[data-testid=results]", "78.50").await;
    o.click("[data-testid=close-stage]").await;
    o.fill("#f-rationale", "经专家评审，按标准分排名。").await;
    o.click("[data-testid=publish-submit]").await;
    o.click("[data-testid=results-notice]").await;
    o.text_contains("[data-testid=notice-ranking]", "西溪智能").await;
    o.look_at("competition-notice").await;
    // Ten days on the objection window has closed.
    server.state.clock.advance(time::Duration::days(10));
    server.state.clock.scope(backend::opencall::ops::close_windows(&server.state)).await.unwrap();
    t.client.goto(o.client.current_url().await.unwrap().as_ref()).await.unwrap();
    t.click("[data-testid=certificate-link]").await;
    t.text_contains("[data-testid=certificate-body]", "西溪智能").await;
    t.look_at("competition-certificate").await;
    for x in [o, t, j] {
        x.close().await;
    }
}
