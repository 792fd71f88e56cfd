//! Sessions and matchmaking meetings at an event.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn attendees_reserve_a_session_and_meet_at_a_matchmaking_event_the_organizer_schedules() {
    let server = Server::start().await;
    let host = server.user("host@example.com", false).await;
    server.verified_org(host, shared::orgs::OrgKind::Organizer, "杭州市未来产业促进中心").await;
    let ent = server.user("ent@example.com", false).await;
    let ent_org = server.verified_org(ent, shared::orgs::OrgKind::Enterprise, "钱塘储能科技有限公司").await;
    let lab = server.user("lab@example.com", false).await;
    let lab_org = server.verified_org(lab, shared::orgs::OrgKind::Lab, "之江电化学实验室").await;
    publish(&server, ent_org, serde_json::json!({
        "kind": "demand", "title_zh": "固态电池电解质界面稳定性攻关", "summary_zh": "寻求固态电池电解质界面改性方案",
        "domains": ["advanced_energy"], "keywords": ["固态电池", "电解质"], "district": "qiantang",
        "deadline": "2099-01-01", "demand_type": "tech_problem", "trl": 6, "budget_min": 200, "budget_max": 500
    }))
    .await;
    publish(
        &server,
        lab_org,
        serde_json::json!({
            "kind": "capability", "title_zh": "固态电解质界面改性中试平台", "summary_zh": "固态电池界面改性与中试验证",
            "domains": ["advanced_energy"], "keywords": ["固态电池"], "district": "qiantang",
            "capability_kind": "poc_service", "trl": 6, "ip_status": "granted", "modes": ["service"], "negotiable": true
        }),
    )
    .await;

    // The organizer creates the matchmaking event, gives it an English title and a cover image,
    // adds a session with one seat, and three meeting slots.
    let host_b = Browser::start(1280, 1600).await;
    let page = create_event(&host_b, &server, "固态电池供需对接会", 10, "matchmaking").await;
    host_b.click("[data-testid=edit-event]").await;
    host_b.path_matches(|p| p.ends_with("/edit")).await;
    host_b.fill("#f-title_en", "Solid-state battery matchmaking").await;
    host_b.click("[data-testid=create-event]").await;
    host_b.path_matches(|p| p == page).await;
    let cover = std::env::temp_dir().join(format!("fm-cover-{}.png", std::process::id()));
    std::fs::write(&cover, PNG_1X1).unwrap();
    host_b.el("#f-cover").await.send_keys(cover.to_str().unwrap()).await.unwrap();
    host_b.el("[data-testid=event-cover]").await;
    let (title_en,): (Option<String>,) =
        sql::query_as("SELECT title_en FROM events WHERE title_zh = '固态电池供需对接会'")
            .fetch_one(&server.state.db)
            .await
            .unwrap();
    assert_eq!(title_en.as_deref(), Some("Solid-state battery matchmaking"));
    host_b.fill("#f-title_zh", "闭门研讨：固态电池中试").await;
    host_b.fill("#f-room", "A1 会议室").await;
    host_b.fill("#f-speakers", "ent@example.com\n王研究员").await;
    host_b.fill("#f-capacity", "1").await;
    host_b.click("[data-testid=add-session-submit]").await;
    host_b.text_contains("[data-testid=session]", "闭门研讨：固态电池中试").await;
    host_b.text_contains("[data-testid=session-speakers]", "王研究员").await;
    // The speaker typed as an email is invited, shown to the organizers by that address.
    host_b.text_contains("[data-testid=speaker-invited]", "ent@example.com").await;
    host_b.look_at("event-agenda").await;
    host_b.click("[data-testid=open-meetings]").await;
    host_b.path_matches(|p| p.ends_with("/meetings")).await;
    host_b.fill("#f-tables", "2").await;
    host_b.set_value("#f-slots", "2099-05-01T13:00").await;
    host_b.fill("#f-count", "3").await;
    host_b.click("[data-testid=save-setup]").await;
    host_b.text_contains("[data-testid=meeting-setup]", "13:50–14:10").await;

    // Both register; the enterprise takes the session's one seat.
    let e = Browser::start(1280, 1600).await;
    log_in(&e, &server, "ent@example.com", &page).await;
    e.select("#f-org_id", &ent_org.to_string()).await;
    e.click("[data-testid=register-submit]").await;
    e.text_contains("[data-testid=registration-status]", "已确认").await;
    e.click("[data-testid=session-join]").await;
    e.text_contains("[data-testid=session-joined]", "已预约").await;
    // Invited to speak, the enterprise's representative accepts, and is named from then on.
    e.text_contains("[data-testid=speaker-invitation]", "您受邀在此环节演讲").await;
    e.click("[data-testid=speaker-accept]").await;
    e.text_contains("[data-testid=session-speakers]", "ent").await;
    assert!(e.client.find(fantoccini::Locator::Css("[data-testid=speaker-invitation]")).await.is_err());
    e.text_contains("[data-testid=session-seats]", "剩余 0 / 1 座").await;
    let l = Browser::start(1280, 1600).await;
    log_in(&l, &server, "lab@example.com", &page).await;
    l.select("#f-org_id", &lab_org.to_string()).await;
    l.click("[data-testid=register-submit]").await;
    l.text_contains("[data-testid=registration-status]", "已确认").await;
    l.text_contains("[data-testid=session]", "已满").await;

    // The enterprise marks its free slots and asks the best-matched attendee, the lab, to meet.
    e.click("[data-testid=open-meetings]").await;
    e.text_contains("[data-testid=counterpart]", "之江电化学实验室").await;
    e.text_contains("[data-testid=counterpart] .reasons", "固态电池").await;
    let score: u32 = e.el("[data-testid=counterpart-score]").await.text().await.unwrap().trim().parse().unwrap();
    assert!(score > 0);
    e.click("[data-testid=slot-choice]").await;
    e.click("[data-testid=meeting-availability] .slot-choice:nth-child(2) input").await;
    e.click("[data-testid=save-availability]").await;
    e.el("[data-testid=availability-saved]").await;
    e.fill("#f-message", "想就固态电池中试合作交流").await;
    e.click("[data-testid=request-meeting]").await;
    e.text_contains("[data-testid=counterpart-status]", "待回复").await;

    // The lab, free in the second and third slots, accepts.
    l.click("[data-testid=open-meetings]").await;
    l.click("[data-testid=meeting-availability] .slot-choice:nth-child(2) input").await;
    l.click("[data-testid=meeting-availability] .slot-choice:nth-child(3) input").await;
    l.click("[data-testid=save-availability]").await;
    l.el("[data-testid=availability-saved]").await;
    l.text_contains("[data-testid=meeting-request]", "想就固态电池中试合作交流").await;
    l.click("[data-testid=request-accept]").await;
    l.text_contains("[data-testid=request-status]", "已接受").await;

    // The organizer schedules: the one slot both are free in, table 1.
    host_b.click("[data-testid=run-schedule]").await;
    host_b.text_contains("[data-testid=schedule-report]", "已排定 1 / 1 场").await;
    // The run reads as an average score and a duration a person understands, never "0 毫秒".
    let report = host_b.text_contains("[data-testid=schedule-report]", "平均匹配分").await;
    assert!(report.contains("用时") && !report.contains("用时 0 毫秒"), "{report}");
    host_b.text_contains("[data-testid=plan-row]", "13:25–13:45").await;
    e.client.refresh().await.unwrap();
    e.text_contains("[data-testid=agenda-meeting]", "之江电化学实验室").await;
    e.text_contains("[data-testid=agenda-meeting]", "13:25–13:45").await;
    e.text_contains("[data-testid=agenda-table]", "1").await;
    e.el("[data-testid=agenda-ics]").await;
    e.look_at("meeting-area").await;

    // The badge sheet: one badge per confirmed attendee.
    host_b.client.goto(&server.url(&page)).await.unwrap();
    host_b.click("[data-testid=open-badges]").await;
    host_b.text_contains("[data-testid=badge-page]", "钱塘储能科技有限公司").await;
    let badges = host_b.client.find_all(fantoccini::Locator::Css("[data-testid=badge]")).await.unwrap();
    assert_eq!(badges.len(), 2);
    host_b.look_at("badge-sheet").await;
    for b in [host_b, e, l] {
        b.close().await;
    }
}
