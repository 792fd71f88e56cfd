//! Check-in at the door: scans, resent scans, cancelled and forged tickets, staff roles, badges.

use super::*;

#[tokio::test]
async fn a_scan_nonce_replayed_with_another_ticket_is_refused_and_checks_nobody_in() {
    let s = setup().await;
    let (event, ticket) = s.event(10, 10, false).await;
    let a = s.app.user("a@example.com", "报名人甲").await;
    let reg = body(s.register(&a, event, ticket, &["张三", "李四"]).await).await["id"].as_i64().unwrap();
    let codes = s.codes(&a, reg).await;
    let door = s.app.user("door@example.com", "签到志愿者").await;
    s.staff(event, &door, "door@example.com", "checkin").await;

    let first = body(s.scan(&door, event, &codes[0], "n1").await).await;
    assert_eq!((first["outcome"].as_str(), first["attendee"]["name"].as_str()), (Some("checked_in"), Some("张三")));
    // The same device and nonce with 李四's ticket: refused, naming the conflict, 李四 not checked in.
    let replay = s.scan(&door, event, &codes[1], "n1").await;
    let (code, v) = error_code(replay, StatusCode::CONFLICT).await;
    assert_eq!(code, "scan_reused");
    assert!(v["error"]["message"].as_str().unwrap().contains("另一张门票"), "{v}");
    let counts =
        body(door.get(s.app.url(&format!("/api/v1/events/{event}/checkins/counts"))).send().await.unwrap()).await;
    assert_eq!(counts["checked_in"], 1, "nobody else came in: {counts}");
    // A nonce first used on a second scan (a warning) is bound too.
    assert_eq!(body(s.scan(&door, event, &codes[0], "n2").await).await["outcome"], "already");
    error_code(s.scan(&door, event, &codes[1], "n2").await, StatusCode::CONFLICT).await;
    // With a fresh nonce 李四 checks in, once.
    let own = body(s.scan(&door, event, &codes[1], "n3").await).await;
    assert_eq!((own["outcome"].as_str(), own["attendee"]["name"].as_str()), (Some("checked_in"), Some("李四")));
    assert_eq!(own["counts"]["checked_in"], 2);
}

#[tokio::test]
async fn door_staff_check_a_ticket_in_once_warn_on_a_second_scan_count_a_resent_scan_once_and_can_undo() {
    let s = setup().await;
    crate::rollup::beside_the_old_triggers(&s.app.state.db).await;
    let (event, ticket) = s.event(10, 10, false).await;
    let a = s.app.user("a@example.com", "报名人甲").await;
    let reg = body(s.register(&a, event, ticket, &["张三", "李四"]).await).await["id"].as_i64().unwrap();
    let codes = s.codes(&a, reg).await;
    assert_eq!(codes.len(), 2, "one ticket per person");
    assert_ne!(codes[0], codes[1]);
    let qr = s.app.client().get(s.app.url(&format!("/api/v1/tickets/{}/qr.svg", codes[0]))).send().await.unwrap();
    assert_eq!(qr.status(), StatusCode::OK);
    assert_eq!(qr.headers()["content-type"], "image/svg+xml");
    assert!(qr.text().await.unwrap().contains("<svg"));

    let door = s.app.user("door@example.com", "签到志愿者").await;
    s.staff(event, &door, "DOOR@example.com", "checkin").await;
    let first = body(s.scan(&door, event, &codes[0], "n1").await).await;
    assert_eq!(first["outcome"], "checked_in");
    assert_eq!(
        (first["attendee"]["name"].as_str(), first["attendee"]["ticket_zh"].as_str()),
        (Some("张三"), Some("普通"))
    );
    assert_eq!((first["counts"]["checked_in"].as_u64(), first["counts"]["expected"].as_u64()), (Some(1), Some(2)));

    let again = body(s.scan(&door, event, &codes[0], "n2").await).await;
    assert_eq!(again["outcome"], "already", "a second scan warns");
    assert_eq!(again["checkin_id"], first["checkin_id"]);
    assert!(again["first_at"].is_string());
    let resent = body(s.scan(&door, event, &codes[0].to_lowercase(), "n1").await).await;
    assert_eq!(resent["outcome"], "checked_in", "a resent scan gets its first answer");
    assert_eq!(resent["counts"]["checked_in"], 1, "and counts once");

    let undo = s.app.url(&format!("/api/v1/checkins/{}/undo", first["checkin_id"]));
    let r = door.post(&undo).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(body(r).await["checked_in"], 0);
    error_code(door.post(&undo).send().await.unwrap(), StatusCode::CONFLICT).await;
    let back = body(s.scan(&door, event, &codes[0], "n3").await).await;
    assert_eq!(back["outcome"], "checked_in");
    assert_ne!(back["checkin_id"], first["checkin_id"]);
    let tickets = body(a.get(s.app.url(&format!("/api/v1/registrations/{reg}/tickets"))).send().await.unwrap()).await;
    assert!(tickets[0]["checked_in_at"].is_string() && tickets[1]["checked_in_at"].is_null());
    let counts =
        body(door.get(s.app.url(&format!("/api/v1/events/{event}/checkins/counts"))).send().await.unwrap()).await;
    assert_eq!((counts["checked_in"].as_u64(), counts["expected"].as_u64()), (Some(1), Some(2)));
    // The dashboard's attendance follows: checked in, undone, checked in again is one.
    let dash = body(s.app.client().get(s.app.url("/api/v1/dashboard/activity")).send().await.unwrap()).await;
    let attendance = shared::dashboard::Metric::ALL.iter().position(|m| *m == shared::dashboard::Metric::Attendance);
    assert_eq!(dash["totals"]["counts"][attendance.unwrap()], 1);
    crate::rollup::assert_counted_as_the_old_triggers_did(&s.app.state.db).await;
}

#[tokio::test]
async fn cancelled_tickets_are_refused_with_the_reason_and_forged_or_foreign_codes_are_invalid() {
    let s = setup().await;
    let (event, ticket) = s.event(10, 10, false).await;
    let (other, other_ticket) = s.event(10, 10, false).await;
    let a = s.app.user("a@example.com", "报名人甲").await;
    let reg = body(s.register(&a, event, ticket, &["张三"]).await).await["id"].as_i64().unwrap();
    let code = s.codes(&a, reg).await.remove(0);
    let b = s.app.user("b@example.com", "报名人乙").await;
    let foreign = body(s.register(&b, other, other_ticket, &["王五"]).await).await["id"].as_i64().unwrap();
    let foreign_code = s.codes(&b, foreign).await.remove(0);

    s.status(&a, reg, "cancel").await;
    assert!(s.codes(&a, reg).await.is_empty(), "a cancelled registration shows no tickets");
    let refused = body(s.scan(&s.organizer, event, &code, "n1").await).await;
    assert_eq!(refused["outcome"], "refused");
    assert_eq!(refused["attendee"]["status"], "cancelled", "the reason");
    assert!(refused["checkin_id"].is_null());
    assert_eq!(refused["counts"]["checked_in"], 0);

    let mut forged = code.clone();
    let last = forged.pop().unwrap();
    forged.push(if last == 'A' { 'B' } else { 'A' });
    let (_, v) = error_code(s.scan(&s.organizer, event, &forged, "n2").await, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(v["error"]["fields"]["code"].is_string());
    error_code(s.scan(&s.organizer, event, &foreign_code, "n3").await, StatusCode::UNPROCESSABLE_ENTITY).await;
    error_code(s.scan(&s.organizer, event, "R1-0-X", "n4").await, StatusCode::UNPROCESSABLE_ENTITY).await;
    let qr = s.app.client().get(s.app.url(&format!("/api/v1/tickets/{forged}/qr.svg"))).send().await.unwrap();
    assert_eq!(qr.status(), StatusCode::NOT_FOUND, "no QR image for a code the server did not sign");
}

#[tokio::test]
async fn co_organizers_have_their_roles_and_strangers_cannot_scan() {
    let s = setup().await;
    let (event, ticket) = s.event(10, 10, false).await;
    let manager = s.app.user("m@example.com", "协办经理").await;
    let door = s.app.user("door@example.com", "签到志愿者").await;
    let stranger = s.app.user("x@example.com", "路人").await;
    // Naming someone invites them: the answer is the same with or without an account, and nobody
    // is on the staff before accepting.
    let unknown = body(s.add_staff(event, "nobody@example.com", "manager").await).await;
    let known = body(s.add_staff(event, "m@example.com", "manager").await).await;
    let entry =
        |list: &Value, email: &str| list.as_array().unwrap().iter().find(|x| x["email"] == email).unwrap().clone();
    let (mut a, mut b) = (entry(&unknown, "nobody@example.com"), entry(&known, "m@example.com"));
    a["email"] = json!("…");
    b["email"] = json!("…");
    assert_eq!(a, b, "no lookup of identities by email");
    assert_eq!((b["accepted"].as_bool(), b["user_id"].is_null()), (Some(false), true));
    let csv = s.app.url(&format!("/api/v1/events/{event}/registrations.csv"));
    error_code(manager.get(&csv).send().await.unwrap(), StatusCode::FORBIDDEN).await;
    let e = body(manager.get(s.app.url(&format!("/api/v1/events/{event}"))).send().await.unwrap()).await;
    assert_eq!(e["staff_invitation"], "manager", "{e}");
    let r = stranger.post(s.app.url(&format!("/api/v1/events/{event}/staff/accept"))).send().await.unwrap();
    error_code(r, StatusCode::NOT_FOUND).await;
    manager.post(s.app.url(&format!("/api/v1/events/{event}/staff/accept"))).send().await.unwrap();
    s.staff(event, &door, "door@example.com", "checkin").await;
    let withdrawn = s.app.url(&format!("/api/v1/events/{event}/staff-invitations?email=nobody@example.com"));
    let staff = body(s.organizer.delete(&withdrawn).send().await.unwrap()).await;
    assert_eq!(staff.as_array().unwrap().len(), 2, "{staff}");
    assert!(staff.as_array().unwrap().iter().all(|x| x["accepted"] == true));

    assert_eq!(manager.get(&csv).send().await.unwrap().status(), StatusCode::OK, "managers run the event");
    error_code(door.get(&csv).send().await.unwrap(), StatusCode::FORBIDDEN).await;
    let e = body(door.get(s.app.url(&format!("/api/v1/events/{event}"))).send().await.unwrap()).await;
    assert_eq!((e["mine"].as_bool(), e["can_check_in"].as_bool()), (Some(false), Some(true)));
    let e = body(stranger.get(s.app.url(&format!("/api/v1/events/{event}"))).send().await.unwrap()).await;
    assert_eq!((e["mine"].as_bool(), e["can_check_in"].as_bool()), (Some(false), Some(false)));

    // Only the organizing organization chooses the co-organizers.
    let url = s.app.url(&format!("/api/v1/events/{event}/staff"));
    let add = json!({"email": "x@example.com", "role": "manager"});
    error_code(manager.post(&url).json(&add).send().await.unwrap(), StatusCode::FORBIDDEN).await;
    error_code(door.get(&url).send().await.unwrap(), StatusCode::FORBIDDEN).await;

    let a = s.app.user("a@example.com", "报名人甲").await;
    let reg = body(s.register(&a, event, ticket, &["张三"]).await).await["id"].as_i64().unwrap();
    let code = s.codes(&a, reg).await.remove(0);
    error_code(s.scan(&stranger, event, &code, "n1").await, StatusCode::FORBIDDEN).await;
    error_code(s.scan(&a, event, &code, "n1").await, StatusCode::FORBIDDEN).await;
    let r = stranger.get(s.app.url(&format!("/api/v1/registrations/{reg}/tickets"))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "nobody else sees the tickets");

    let remove = s.app.url(&format!("/api/v1/events/{event}/staff/{}", entry(&staff, "door@example.com")["user_id"]));
    let left = body(s.organizer.delete(&remove).send().await.unwrap()).await;
    assert_eq!(left.as_array().unwrap().len(), 1);
    error_code(s.scan(&door, event, &code, "n2").await, StatusCode::FORBIDDEN).await;
}

#[tokio::test]
async fn the_badge_sheet_has_one_badge_per_confirmed_person_with_a_scannable_code_for_organizers_only() {
    let s = setup().await;
    let (event, ticket) = s.event(3, 3, false).await;
    let a = s.app.user("a@example.com", "报名人甲").await;
    let b = s.app.user("b@example.com", "报名人乙").await;
    let c = s.app.user("c@example.com", "报名人丙").await;
    s.register(&a, event, ticket, &["张三", "李四"]).await;
    s.register(&b, event, ticket, &["王五"]).await;
    let waiting = body(s.register(&c, event, ticket, &["赵六"]).await).await;
    assert_eq!(waiting["status"], "waitlisted");
    let url = s.app.url(&format!("/api/v1/events/{event}/badges"));
    error_code(a.get(&url).send().await.unwrap(), StatusCode::FORBIDDEN).await;
    let badges = body(s.organizer.get(&url).send().await.unwrap()).await;
    let names: Vec<&str> = badges.as_array().unwrap().iter().map(|b| b["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["张三", "李四", "王五"], "the waiting list has no badges");
    assert_eq!(badges[0]["ticket_zh"], "普通");
    // The printed code checks in at the door.
    let scan = json!({"code": badges[2]["code"], "device": "door-1", "nonce": "n1"});
    let r = s.organizer.post(s.app.url(&format!("/api/v1/events/{event}/checkins"))).json(&scan).send().await.unwrap();
    assert_eq!(body(r).await["outcome"], "checked_in");
}
