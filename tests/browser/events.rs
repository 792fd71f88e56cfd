//! Events: registering and the waiting list, drafts, check-in at the door, invitations, the registrant table.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organizer_opens_an_event_one_seat_fills_and_the_waiting_attendee_takes_the_freed_seat() {
    let server = Server::start().await;
    let host = server.user("host@example.com", false).await;
    server.verified_org(host, shared::orgs::OrgKind::Organizer, "杭州市未来产业促进中心").await;
    server.user("a@example.com", false).await;
    server.user("b@example.com", false).await;

    // The organizer creates the event and a ticket type with one seat.
    let host_b = Browser::start(1280, 1400).await;
    let page = create_event(&host_b, &server, "未来产业对接会（小范围）", 1, "forum").await;

    // The first attendee gets the seat, the second waits.
    let a = Browser::start(1280, 1200).await;
    log_in(&a, &server, "a@example.com", &page).await;
    a.click("[data-testid=register-submit]").await;
    a.text_contains("[data-testid=registration-status]", "已确认").await;
    // Cancelled by mistake while nobody waits: undone, the seat is theirs again.
    a.click("[data-testid=cancel-registration]").await;
    a.click("[data-testid=cancel-registration-yes]").await;
    a.text_contains("[data-testid=cancelled-undo]", "可撤销").await;
    a.click("[data-testid=undo-cancel]").await;
    a.text_contains("[data-testid=registration-status]", "已确认").await;
    let b = Browser::start(1280, 1200).await;
    log_in(&b, &server, "b@example.com", &page).await;
    b.click("[data-testid=register-submit]").await;
    b.text_contains("[data-testid=registration-status]", "候补中").await;

    // The first cancels, after being told the seat goes to the waiting list (going back changes
    // nothing); the seat is offered to the second, who takes it.
    a.click("[data-testid=cancel-registration]").await;
    a.text_contains("[data-testid=cancel-registration-ask]", "让给下一位").await;
    a.click("[data-testid=cancel-registration-no]").await;
    a.text_contains("[data-testid=registration-status]", "已确认").await;
    a.click("[data-testid=cancel-registration]").await;
    a.click("[data-testid=cancel-registration-yes]").await;
    a.el("[data-testid=register-submit]").await;
    // Somebody was waiting: the seat was offered at once, so there is nothing to undo.
    let undo_shown: bool = a.js("return !!document.querySelector('[data-testid=undo-cancel]')").await;
    assert!(!undo_shown, "no undo once the seat is offered on");
    b.client.goto(&server.url(&page)).await.unwrap();
    b.text_contains("[data-testid=registration-status]", "候补转正待确认").await;
    b.click("[data-testid=accept-offer]").await;
    b.text_contains("[data-testid=registration-status]", "已确认").await;
    host_b.client.goto(&server.url(&page)).await.unwrap();
    host_b.text_contains("[data-testid=registrations]", "已确认").await;
    host_b.look_at("event").await;
    // In Chinese the punctuation is full-width; in English the description and the venue, typed
    // only in Chinese, are marked as Chinese.
    let free = host_b.text_contains("[data-testid=ticket-types]", "剩余名额：").await;
    assert!(!free.contains("剩余名额:"), "{free}");
    host_b.click("[data-testid=lang-switch]").await;
    host_b.text_contains("[data-testid=event-description] [data-testid=in-chinese]", "中文").await;
    host_b.text_contains("[data-testid=event-venue] [data-testid=in-chinese]", "中文").await;
    host_b.text_contains("[data-testid=ticket-types]", "Seats left: ").await;
    host_b.click("[data-testid=lang-switch]").await;
    for browser in [a, b, host_b] {
        browser.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_my_registration_panel_shows_each_viewer_only_their_own_registration() {
    use reqwest::{Method, StatusCode};
    let server = Server::start().await;
    let host = server.user("host@example.com", false).await;
    let org = server.verified_org(host, shared::orgs::OrgKind::Organizer, "杭州市未来产业促进中心").await;
    let attendee = server.user("zhangming@example.com", false).await;
    let door = server.user("door@example.com", false).await;
    server.user("admin@example.com", true).await;
    let host_cookie = server.session_cookie(host).await;
    let event = serde_json::json!({"org_id": org, "title_zh": "2027杭州未来产业国际论坛", "description_zh": "聚焦5+X未来产业",
        "event_type": "forum", "venue": "杭州国际博览中心", "starts_at": "2099-04-01T01:00:00Z",
        "ends_at": "2099-04-01T09:00:00Z", "domains": ["gen_ai"], "capacity": 50});
    let (status, e) = server.api(&host_cookie, Method::POST, "/api/v1/events", Some(event)).await;
    assert_eq!(status, StatusCode::CREATED, "{e}");
    let id = e["id"].as_i64().unwrap();
    let ticket = serde_json::json!({"name_zh": "普通", "quota": 50, "approval": false});
    let (_, t) =
        server.api(&host_cookie, Method::POST, &format!("/api/v1/events/{id}/ticket-types"), Some(ticket)).await;
    let staff = serde_json::json!({"email": "door@example.com", "role": "checkin"});
    let (status, _) = server.api(&host_cookie, Method::POST, &format!("/api/v1/events/{id}/staff"), Some(staff)).await;
    assert_eq!(status, StatusCode::OK);
    let door_cookie = server.session_cookie(door).await;
    let (status, _) = server.api(&door_cookie, Method::POST, &format!("/api/v1/events/{id}/staff/accept"), None).await;
    assert_eq!(status, StatusCode::OK);
    let reg = serde_json::json!({"ticket_type": t["id"], "people": ["张明"]});
    let attendee_cookie = server.session_cookie(attendee).await;
    let (status, _) =
        server.api(&attendee_cookie, Method::POST, &format!("/api/v1/events/{id}/registrations"), Some(reg)).await;
    assert_eq!(status, StatusCode::CREATED);
    let page = format!("/events/{id}");

    let b = Browser::start(1280, 1200).await;
    // A visitor sees the event, and nobody's registration.
    b.client.goto(&server.url(&page)).await.unwrap();
    b.text_contains("h1", "2027杭州未来产业国际论坛").await;
    assert!(b.client.find(fantoccini::Locator::Css("[data-testid=registration-status]")).await.is_err());
    // The attendee sees their own ticket.
    log_in(&b, &server, "zhangming@example.com", &page).await;
    b.text_contains("[data-testid=register]", "张明").await;
    b.text_contains("[data-testid=registration-status]", "已确认").await;
    // The organizer, the door volunteer and a site admin each see a registration form of their own,
    // never 张明's ticket (the organizer finds 张明 in the list of registrations instead).
    for email in ["host@example.com", "door@example.com", "admin@example.com"] {
        b.client.delete_all_cookies().await.unwrap();
        log_in(&b, &server, email, &page).await;
        b.el("[data-testid=register-submit]").await;
        let panel = b.el("[data-testid=register]").await.text().await.unwrap();
        assert!(
            !panel.contains("张明") && !panel.contains("已确认"),
            "{email} sees someone else's registration: {panel}"
        );
        assert!(b.client.find(fantoccini::Locator::Css("[data-testid=cancel-registration]")).await.is_err(), "{email}");
        if email == "host@example.com" {
            b.text_contains("[data-testid=registrations]", "已确认").await;
            b.look_at("event-organizer-own-registration").await;
        }
    }
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unverified_organizer_keeps_an_event_as_a_draft_until_verified_then_publishes_it() {
    let server = Server::start().await;
    let host = server.user("host@example.com", false).await;
    let org = server.verified_org(host, shared::orgs::OrgKind::Organizer, "新成立的论坛主办方").await;
    let mut conn = server.state.db.acquire().await.unwrap();
    backend::orgs::set_verified(&mut conn, org, None).await.unwrap();
    drop(conn);

    let b = Browser::start(1280, 1400).await;
    let page = create_event(&b, &server, "尚未认证的论坛", 20, "forum").await;
    b.text_contains("[data-testid=event-draft]", "草稿").await;
    // Publishing needs a verified organization: the refusal says so, the event stays a draft.
    b.click("[data-testid=event-draft-publish]").await;
    b.text_contains("[data-testid=event-draft] [role=alert]", "认证").await;
    b.look_at("event-draft-refused").await;
    let v = Browser::start(1280, 900).await;
    v.client.goto(&server.url(&page)).await.unwrap();
    v.text_contains("main", "未找到").await;
    // Once verified, one click makes it public.
    let mut conn = server.state.db.acquire().await.unwrap();
    backend::orgs::set_verified(&mut conn, org, Some(host)).await.unwrap();
    drop(conn);
    b.click("[data-testid=event-draft-publish]").await;
    b.text_contains("[data-testid=ticket-types]", "普通").await;
    for _ in 0..50 {
        if b.client.find(fantoccini::Locator::Css("[data-testid=event-draft]")).await.is_err() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(b.client.find(fantoccini::Locator::Css("[data-testid=event-draft]")).await.is_err(), "published");
    v.client.goto(&server.url(&page)).await.unwrap();
    v.text_contains("[data-testid=event-title]", "尚未认证的论坛").await;
    for x in [b, v] {
        x.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn door_staff_check_tickets_in_warn_on_a_second_scan_undo_and_resend_scans_queued_offline() {
    let server = Server::start().await;
    let host = server.user("host@example.com", false).await;
    server.verified_org(host, shared::orgs::OrgKind::Organizer, "杭州市未来产业促进中心").await;
    server.user("a@example.com", false).await;
    server.user("door@example.com", false).await;

    // The organizer opens the event and names a check-in volunteer.
    let host_b = Browser::start(1280, 1400).await;
    let page = create_event(&host_b, &server, "2027杭州未来产业国际论坛", 5, "forum").await;
    host_b.fill("#f-email", "door@example.com").await;
    host_b.click("[data-testid=add-staff]").await;
    host_b.text_contains("[data-testid=staff]", "签到人员").await;
    host_b.fill("#f-label_zh", "职务").await;
    host_b.click("input[name=required]").await;
    host_b.click("[data-testid=add-question]").await;
    host_b.text_contains("[data-testid=questions]", "职务").await;

    // An attendee registers two people and gets a ticket each, printable.
    let a = Browser::start(1280, 1400).await;
    log_in(&a, &server, "a@example.com", &page).await;
    a.fill("#f-people", "张三\n李四").await;
    a.click("[data-testid=register-submit]").await;
    a.text_contains("[data-testid=question]", "此项为必填项").await;
    a.fill("[data-testid=question] input", "总工程师").await;
    a.click("[data-testid=register-submit]").await;
    a.text_contains("[data-testid=registration-status]", "已确认").await;
    a.text_contains("[data-testid=tickets]", "李四").await;
    let codes = a.client.find_all(fantoccini::Locator::Css("[data-testid=ticket-code]")).await.unwrap();
    assert_eq!(codes.len(), 2);
    let (first, second) = (codes[0].text().await.unwrap(), codes[1].text().await.unwrap());
    let qr_loaded = a
        .client
        .execute(
            "return [...document.querySelectorAll('.ticket-qr')].every(i => i.complete && i.naturalWidth > 0)",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(qr_loaded, serde_json::json!(true), "the QR images load");
    a.click("[data-testid=print-tickets]").await;
    a.text_contains("[data-testid=print-page]", "李四").await;

    // The volunteer accepts the role from the event's page; at the door: type the code, see who it
    // is; a second scan warns; undo works.
    let door = Browser::start(412, 900).await;
    log_in(&door, &server, "door@example.com", &page).await;
    door.text_contains("[data-testid=staff-invitation]", "签到人员").await;
    door.click("[data-testid=staff-accept]").await;
    door.el("[data-testid=open-checkin]").await;
    door.client.goto(&server.url(&format!("{page}/checkin"))).await.unwrap();
    door.text_contains("[data-testid=checkin-counts]", "已签到 0 / 应到 2").await;
    door.fill("#checkin-code", &first).await;
    door.click("[data-testid=checkin-submit]").await;
    door.text_contains("[data-testid=checkin-outcome]", "签到成功").await;
    door.text_contains("[data-testid=checkin-name]", "张三").await;
    door.text_contains("[data-testid=checkin-answer]", "总工程师").await;
    door.text_contains("[data-testid=checkin-counts]", "已签到 1 / 应到 2").await;
    door.click("[data-testid=checkin-undo]").await;
    door.el("[data-testid=checkin-undone]").await;
    door.text_contains("[data-testid=checkin-counts]", "已签到 0 / 应到 2").await;
    door.fill("#checkin-code", &first.to_lowercase()).await;
    door.click("[data-testid=checkin-submit]").await;
    door.text_contains("[data-testid=checkin-outcome]", "签到成功").await;
    door.fill("#checkin-code", &first).await;
    door.click("[data-testid=checkin-submit]").await;
    door.text_contains("[data-testid=checkin-outcome]", "已签到过").await;
    door.fill("#checkin-code", "R1-0-NOTATICKET").await;
    door.click("[data-testid=checkin-submit]").await;
    door.el("[data-testid=checkin-error]").await;

    // A scan made while offline waits in the browser and is sent when the page is back; sent
    // twice (the answer was lost), it still counts once.
    let event_id = page.trim_start_matches("/events/");
    let queue = format!(
        "const d = localStorage.getItem('fm-checkin-device'); localStorage.setItem('fm-checkin-queue-{event_id}', JSON.stringify([{{code: '{second}', device: d, nonce: 'offline-1'}}]))"
    );
    door.client.execute(&queue, vec![]).await.unwrap();
    door.client.refresh().await.unwrap();
    door.text_contains("[data-testid=checkin-name]", "李四").await;
    door.text_contains("[data-testid=checkin-counts]", "已签到 2 / 应到 2").await;
    door.client.execute(&queue, vec![]).await.unwrap();
    door.client.refresh().await.unwrap();
    door.text_contains("[data-testid=checkin-outcome]", "签到成功").await;
    door.text_contains("[data-testid=checkin-counts]", "已签到 2 / 应到 2").await;
    let left = door
        .client
        .execute(&format!("return localStorage.getItem('fm-checkin-queue-{event_id}')"), vec![])
        .await
        .unwrap();
    assert_eq!(left, serde_json::json!("[]"), "the queue is empty once sent");
    door.look_at("checkin").await;

    // The organizer's figures show the check-in rate; the Excel export downloads.
    host_b.client.goto(&server.url(&page)).await.unwrap();
    host_b.text_contains("[data-testid=checkin-rate]", "100% (2 / 2)").await;
    // … and a message to everyone registered reaches the attendee's notifications.
    host_b.fill("[data-testid=event-messages] #f-text", "请于8:30前到场签到").await;
    host_b.click("[data-testid=event-messages] [data-testid=preview-message]").await;
    host_b.text_contains("[data-testid=event-messages] [data-testid=preview-recipients]", "收件人：1 人").await;
    host_b.click("[data-testid=event-messages] [data-testid=send-message]").await;
    host_b.text_contains("[data-testid=message-recipients]", "已发送给 1 人").await;
    // The registrant table shows who came in.
    let row = host_b.text_contains("[data-testid=registrant]", "已确认").await;
    assert!(!row.contains(" 0 / "), "the check-ins show in the table: {row}");
    a.client.goto(&server.url("/notifications")).await.unwrap();
    a.text_contains("main", "请于8:30前到场签到").await;
    host_b.text_contains("[data-testid=figures]", "已确认").await;
    let xlsx = host_b
        .client
        .execute_async(
            "const done = arguments[0]; fetch(document.querySelector('[data-testid=export-xlsx]').href).then(r => done([r.status, r.headers.get('content-type')]))",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(xlsx, serde_json::json!([200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]));
    host_b.look_at("event-figures").await;
    for browser in [a, door, host_b] {
        browser.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invitee_follows_the_invitation_link_and_registers_with_its_code() {
    let server = Server::start().await;
    let host = server.user("host@example.com", false).await;
    server.verified_org(host, shared::orgs::OrgKind::Organizer, "杭州市未来产业促进中心").await;
    server.user("guest@example.com", false).await;

    // The organizer opens an invitation-only event and creates a code for one guest.
    let host_b = Browser::start(1280, 1400).await;
    log_in(&host_b, &server, "host@example.com", "/events").await;
    host_b.click("[data-testid=new-event]").await;
    host_b.fill("#f-title_zh", "未来产业闭门研讨会").await;
    host_b.fill("#f-description_zh", "仅限受邀嘉宾").await;
    host_b.fill("#f-venue", "之江实验室").await;
    host_b.set_value("#f-starts_at", "2099-06-01T09:00").await;
    host_b.set_value("#f-ends_at", "2099-06-01T12:00").await;
    host_b.fill("#f-capacity", "20").await;
    host_b.click("input[name=invitation_only]").await;
    host_b.click("[data-testid=create-event]").await;
    let page = host_b.path_matches(|p| p.starts_with("/events/") && p != "/events/new").await;
    host_b.fill("#f-name_zh", "嘉宾").await;
    host_b.fill("#f-quota", "20").await;
    host_b.click("[data-testid=add-ticket-type]").await;
    host_b.text_contains("[data-testid=ticket-types]", "嘉宾").await;
    host_b.fill("#f-label", "之江实验室").await;
    host_b.fill("#f-max_uses", "1").await;
    host_b.click("[data-testid=add-invitation]").await;
    let code = host_b.text_contains("[data-testid=invitation-code]", "").await;
    assert_eq!(code.len(), 10, "{code}");

    // Without the code the registration is refused; the link fills it in.
    let guest = Browser::start(1280, 1200).await;
    log_in(&guest, &server, "guest@example.com", &page).await;
    guest.fill("#f-invitation_code", "").await;
    guest.click("[data-testid=register-submit]").await;
    guest.text_contains("main", "此项为必填项").await;
    guest.client.goto(&server.url(&format!("{page}?code={code}"))).await.unwrap();
    guest.click("[data-testid=register-submit]").await;
    guest.text_contains("[data-testid=registration-status]", "已确认").await;
    host_b.client.refresh().await.unwrap();
    host_b.text_contains("[data-testid=invitations]", "1 / 1").await;
    for browser in [guest, host_b] {
        browser.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organizer_finds_approves_messages_and_exports_registrants_in_a_table_of_hundreds() {
    let server = Server::start().await;
    let host = server.user("host@example.com", false).await;
    server.verified_org(host, shared::orgs::OrgKind::Organizer, "杭州市未来产业促进中心").await;
    let b = Browser::start(1366, 1200).await;
    let page = create_event(&b, &server, "未来产业供需对接会", 300, "forum").await;
    let event: i64 = page.trim_start_matches("/events/").parse().unwrap();
    // Every registration waits for the organizer's approval; 120 people register.
    sql::query("UPDATE ticket_types SET approval = TRUE").execute(&server.state.db).await.unwrap();
    let (ticket,): (i64,) = sql::query_as("SELECT id FROM ticket_types").fetch_one(&server.state.db).await.unwrap();
    for (i, (_, cookie)) in server.many_users(120).await.iter().enumerate() {
        let body = serde_json::json!({"ticket_type": ticket, "people": [format!("参会人{i}")]});
        let (status, _) = server
            .api(cookie, reqwest::Method::POST, &format!("/api/v1/events/{event}/registrations"), Some(body))
            .await;
        assert_eq!(status, reqwest::StatusCode::CREATED);
    }

    // A table with its headings, 50 rows a page, the count of all.
    b.client.goto(&server.url(&page)).await.unwrap();
    b.text_contains("[data-testid=registrant-total]", "共 120 条报名").await;
    let head = b.text_contains("[data-testid=registrant-table] thead", "报名人").await;
    for column in ["机构", "票种", "报名时间", "签到"] {
        assert!(head.contains(column), "{column} in {head}");
    }
    let rows = b.client.find_all(fantoccini::Locator::Css("[data-testid=registrant]")).await.unwrap();
    assert_eq!(rows.len(), 50);
    // Search finds one person; a filter and a sort narrow and order.
    b.fill("[data-testid=registrant-search]", "参会人42\n").await;
    b.text_contains("[data-testid=registrant-total]", "共 1 条报名").await;
    b.text_contains("[data-testid=registrant]", "attendee42@example.com").await;
    b.fill("[data-testid=registrant-search]", "\n").await;
    b.text_contains("[data-testid=registrant-total]", "共 120 条报名").await;
    b.select("#f-registrant_sort", "oldest").await;
    b.text_contains("[data-testid=registrant]", "参会人0").await;

    // The whole first page approved at once, after saying what will happen.
    b.click("[data-testid=select-page]").await;
    b.text_contains("[data-testid=selected-count]", "已选 50 条").await;
    b.click("[data-testid=bulk-approve]").await;
    b.text_contains("[data-testid=bulk-approve-ask]", "全部通过").await;
    b.click("[data-testid=bulk-approve-yes]").await;
    b.text_contains("[data-testid=bulk-bar]", "已处理 50 条报名").await;
    b.select("#f-registrant_status", "pending").await;
    b.text_contains("[data-testid=registrant-total]", "共 70 条报名").await;

    // One person selected gets a message, previewed before it goes out through the outbox.
    b.click("[data-testid=registrant] [data-testid=select-registrant]").await;
    let export: String = b.js("return document.querySelector('[data-testid=bulk-export]').getAttribute('href')").await;
    assert!(export.contains("registrations.csv?ids="), "{export}");
    b.click("[data-testid=bulk-message]").await;
    b.fill("[data-testid=message-composer] textarea", "请补充单位信息后我们将尽快审核").await;
    b.click("[data-testid=preview-message]").await;
    b.text_contains("[data-testid=preview-recipients]", "收件人：1 人").await;
    b.text_contains("[data-testid=message-preview]", "请补充单位信息后我们将尽快审核").await;
    b.look_at("registrant-table").await;
    let (before,): (i64,) =
        sql::query_as("SELECT COUNT(*) FROM notifications").fetch_one(&server.state.db).await.unwrap();
    b.click("[data-testid=message-preview] [data-testid=send-message]").await;
    b.text_contains("[data-testid=message-sent]", "已发送给 1 人").await;
    let (after,): (i64,) =
        sql::query_as("SELECT COUNT(*) FROM notifications").fetch_one(&server.state.db).await.unwrap();
    assert_eq!(after, before + 1, "one person was told");
    b.close().await;
}

/// A page's action answers through its callback only while the page is shown: the organizer
/// creates an event, leaves for the demands while the request is still on its way, and is not
/// pulled onto the new event's page when the answer comes back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_answer_arriving_after_the_organizer_left_the_form_does_not_pull_them_back() {
    let server = Server::start().await;
    let host = server.user("host@example.com", false).await;
    server.verified_org(host, shared::orgs::OrgKind::Organizer, "杭州市未来产业促进中心").await;
    let b = Browser::start(1280, 1000).await;
    log_in(&b, &server, "host@example.com", "/events").await;
    b.click("[data-testid=new-event]").await;
    b.select("#f-event_type", "forum").await;
    b.fill("#f-title_zh", "具身智能产业沙龙").await;
    b.fill("#f-description_zh", "整机企业与实验室的闭门交流").await;
    b.fill("#f-venue", "云栖小镇国际会展中心").await;
    b.set_value("#f-starts_at", "2099-05-01T09:00").await;
    b.set_value("#f-ends_at", "2099-05-01T17:00").await;
    b.fill("#f-capacity", "50").await;
    // The page's requests to create an event wait until the test lets them go (the app fetches
    // through `window.fetch`); the rest go through.
    let _: () = b
        .js("const real = window.fetch.bind(window); window.__held = []; window.__answered = false; \
             window.fetch = (input, init) => { \
               const method = (init && init.method) || input.method || 'GET'; \
               const path = new URL(typeof input === 'string' ? input : input.url, location.href).pathname; \
               if (method !== 'POST' || path !== '/api/v1/events') return real(input, init); \
               return new Promise(go => window.__held.push(() => \
                 go(real(input, init).then(r => { window.__answered = true; return r; })))); \
             }; return null;")
        .await;
    b.click("[data-testid=create-event]").await;
    let held: bool = b
        .js("return new Promise(done => { const t = Date.now(); \
             (function wait() { if (window.__held.length) done(true); \
               else if (Date.now() - t > 10000) done(false); else setTimeout(wait, 50); })(); })")
        .await;
    assert!(held, "the create request never left the page");
    b.click("#site-nav a[href='/demands']").await;
    b.path_matches(|p| p == "/demands").await;
    // The request goes through now and the event is created; a second later the user is still
    // where they went.
    let path: String = b
        .js("window.__held.forEach(go => go()); return new Promise(done => { \
             (function wait() { if (window.__answered) setTimeout(() => done(location.pathname), 1000); \
               else setTimeout(wait, 50); })(); })")
        .await;
    let (created,): (i64,) = sql::query_as("SELECT COUNT(*) FROM events").fetch_one(&server.state.db).await.unwrap();
    assert_eq!(created, 1, "the held request reached the server");
    assert_eq!(path, "/demands", "the answer to a form the user left navigated them away");
    b.close().await;
}
