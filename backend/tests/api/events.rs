//! Events: organizers, ticket types, registrations that never oversell, the waiting list and offers.

use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{TestApp, body, error_code, spawn_app};
use crate::market::org_of_kind;
use backend::db::sql;

pub(crate) struct Setup {
    pub(crate) app: TestApp,
    pub(crate) organizer: Client,
    org: i64,
}

pub(crate) async fn setup() -> Setup {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let organizer = app.user("org@example.com", "主办方").await;
    let org = org_of_kind(&app, &organizer, "organizer", None, Some(&admin)).await;
    Setup { app, organizer, org }
}

fn event(org: i64, capacity: u32) -> Value {
    json!({"org_id": org, "title_zh": "2027杭州未来产业国际论坛", "description_zh": "聚焦5+X未来产业的国际论坛",
           "event_type": "forum", "venue": "杭州国际博览中心", "starts_at": "2099-04-01T01:00:00Z",
           "ends_at": "2099-04-01T09:00:00Z", "domains": ["gen_ai"], "capacity": capacity})
}

/// Each (client, server base URL) registers one person for `event` at the same moment; the statuses
/// they got, each answered 201.
pub(crate) async fn register_at_once(entries: Vec<(Client, String)>, event: i64, ticket: i64) -> Vec<String> {
    let mut set = tokio::task::JoinSet::new();
    for (c, base) in entries {
        set.spawn(async move {
            let r = c
                .post(format!("{base}/api/v1/events/{event}/registrations"))
                .json(&json!({"ticket_type": ticket, "people": ["本人"]}))
                .send()
                .await
                .unwrap();
            (r.status(), body(r).await["status"].as_str().unwrap_or("").to_owned())
        });
    }
    let mut statuses = vec![];
    while let Some(r) = set.join_next().await {
        let (code, status) = r.unwrap();
        assert_eq!(code, StatusCode::CREATED);
        statuses.push(status);
    }
    statuses
}

impl Setup {
    /// An event of `capacity` seats with one ticket type of `quota` (approval as given): (event, ticket type).
    pub(crate) async fn event(&self, capacity: u32, quota: u32, approval: bool) -> (i64, i64) {
        let r =
            self.organizer.post(self.app.url("/api/v1/events")).json(&event(self.org, capacity)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::CREATED);
        let id = body(r).await["id"].as_i64().unwrap();
        let t = json!({"name_zh": "普通", "quota": quota, "approval": approval});
        let r = self
            .organizer
            .post(self.app.url(&format!("/api/v1/events/{id}/ticket-types")))
            .json(&t)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::CREATED);
        (id, body(r).await["id"].as_i64().unwrap())
    }

    async fn register(&self, c: &Client, event: i64, ticket: i64, people: &[&str]) -> reqwest::Response {
        let req = json!({"ticket_type": ticket, "people": people});
        c.post(self.app.url(&format!("/api/v1/events/{event}/registrations"))).json(&req).send().await.unwrap()
    }

    async fn status(&self, c: &Client, id: i64, action: &str) -> Value {
        let r = c.post(self.app.url(&format!("/api/v1/registrations/{id}/{action}"))).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{action}");
        body(r).await
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_registrations_never_exceed_capacity_and_the_rest_wait() {
    let s = setup().await;
    let (event, ticket) = s.event(5, 100, false).await;
    let mut users = vec![];
    for i in 0..12 {
        users.push(s.app.user(&format!("u{i}@example.com"), &format!("用户{i}")).await);
    }
    let statuses = register_at_once(users.into_iter().map(|c| (c, s.app.url(""))).collect(), event, ticket).await;
    assert_eq!(statuses.iter().filter(|s| *s == "confirmed").count(), 5);
    assert_eq!(statuses.iter().filter(|s| *s == "waitlisted").count(), 7);
    let e = body(s.app.client().get(s.app.url(&format!("/api/v1/events/{event}"))).send().await.unwrap()).await;
    assert_eq!((e["registered"].as_u64(), e["ticket_types"][0]["free"].as_u64()), (Some(5), Some(0)));
    assert_eq!(e["ticket_types"][0]["waiting"], 7);
}

#[tokio::test]
async fn a_freed_seat_goes_to_the_first_waiting_entry_that_fits_and_an_unanswered_offer_passes_on() {
    let s = setup().await;
    let (event, ticket) = s.event(3, 3, false).await;
    let [a, b, c, d, e] = [0, 1, 2, 3, 4].map(|i| i);
    let mut clients = vec![];
    for i in [a, b, c, d, e] {
        clients.push(s.app.user(&format!("p{i}@example.com"), &format!("人{i}")).await);
    }
    let id = |v: Value| v["id"].as_i64().unwrap();
    let ra = body(s.register(&clients[0], event, ticket, &["甲", "甲同事"]).await).await;
    let rb = body(s.register(&clients[1], event, ticket, &["乙"]).await).await;
    assert_eq!((ra["status"].as_str(), rb["status"].as_str()), (Some("confirmed"), Some("confirmed")));
    let rc = body(s.register(&clients[2], event, ticket, &["丙", "丙同事"]).await).await;
    let rd = body(s.register(&clients[3], event, ticket, &["丁"]).await).await;
    let re = body(s.register(&clients[4], event, ticket, &["戊"]).await).await;
    for r in [&rc, &rd, &re] {
        assert_eq!(r["status"], "waitlisted");
    }
    // One seat frees: the group of two behind it cannot use it, the single after it can.
    s.status(&clients[1], id(rb.clone()), "cancel").await;
    let regs =
        body(s.organizer.get(s.app.url(&format!("/api/v1/events/{event}/registrations"))).send().await.unwrap()).await;
    let status_of = |rid: i64| regs.as_array().unwrap().iter().find(|r| r["id"] == rid).unwrap()["status"].clone();
    assert_eq!(status_of(id(rc.clone())), "waitlisted");
    assert_eq!(status_of(id(rd.clone())), "offered");
    assert_eq!(status_of(id(re.clone())), "waitlisted");
    // Someone else cannot take it; the offer passes on when it expires unanswered.
    error_code(
        clients[4]
            .post(s.app.url(&format!("/api/v1/registrations/{}/accept-offer", id(rd.clone()))))
            .send()
            .await
            .unwrap(),
        StatusCode::NOT_FOUND,
    )
    .await;
    sql::query("UPDATE registrations SET offer_expires_at = '2026-01-01T00:00:00Z' WHERE id = $1")
        .bind(id(rd.clone()))
        .execute(&s.app.state.db)
        .await
        .unwrap();
    assert_eq!(backend::events::ops::expire_offers(&s.app.state).await.unwrap(), vec![id(rd.clone())]);
    let regs =
        body(s.organizer.get(s.app.url(&format!("/api/v1/events/{event}/registrations"))).send().await.unwrap()).await;
    let status_of = |rid: i64| regs.as_array().unwrap().iter().find(|r| r["id"] == rid).unwrap()["status"].clone();
    assert_eq!(status_of(id(rd.clone())), "cancelled");
    assert_eq!(status_of(id(re.clone())), "offered");
    let taken = s.status(&clients[4], id(re.clone()), "accept-offer").await;
    assert_eq!(taken["status"], "confirmed");
    // The group gets the seats when the first group cancels.
    s.status(&clients[0], id(ra), "cancel").await;
    let own =
        body(clients[2].get(s.app.url(&format!("/api/v1/events/{event}/registrations"))).send().await.unwrap()).await;
    assert_eq!(own.as_array().unwrap().len(), 1, "registrants see their own only");
    assert_eq!(own[0]["status"], "offered");
}

#[tokio::test]
async fn approval_keeps_seats_pending_and_a_rejection_frees_them() {
    let s = setup().await;
    let (event, ticket) = s.event(1, 1, true).await;
    let guest = s.app.user("guest@example.com", "嘉宾").await;
    let other = s.app.user("other@example.com", "他人").await;
    let r = body(s.register(&guest, event, ticket, &["嘉宾本人"]).await).await;
    assert_eq!(r["status"], "pending");
    let w = body(s.register(&other, event, ticket, &["他人"]).await).await;
    assert_eq!(w["status"], "waitlisted", "a pending registration holds its seat");
    error_code(
        guest.post(s.app.url(&format!("/api/v1/registrations/{}/approve", r["id"]))).send().await.unwrap(),
        StatusCode::FORBIDDEN,
    )
    .await;
    let rejected = s.status(&s.organizer, r["id"].as_i64().unwrap(), "reject").await;
    assert_eq!(rejected["status"], "rejected");
    let mine = body(other.get(s.app.url(&format!("/api/v1/events/{event}/registrations"))).send().await.unwrap()).await;
    assert_eq!(mine[0]["status"], "offered");
    let accepted = s.status(&other, mine[0]["id"].as_i64().unwrap(), "accept-offer").await;
    assert_eq!(accepted["status"], "pending", "the offer still needs the organizer's approval");
    assert_eq!(s.status(&s.organizer, accepted["id"].as_i64().unwrap(), "approve").await["status"], "confirmed");
}

#[tokio::test]
async fn only_organizer_organizations_run_events_and_bad_input_is_refused() {
    let s = setup().await;
    let ent_owner = s.app.user("ent@example.com", "企业").await;
    let admin = s.app.admin().await;
    let ent = org_of_kind(&s.app, &ent_owner, "enterprise", None, Some(&admin)).await;
    let (code, _) = error_code(
        ent_owner.post(s.app.url("/api/v1/events")).json(&event(ent, 10)).send().await.unwrap(),
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(code, "wrong_org_kind");
    error_code(
        ent_owner.post(s.app.url("/api/v1/events")).json(&event(s.org, 10)).send().await.unwrap(),
        StatusCode::FORBIDDEN,
    )
    .await;
    let mut bad = event(s.org, 0);
    bad["ends_at"] = json!("2099-03-01T00:00:00Z");
    bad["domains"] = json!(["no_such_field"]);
    let (_, v) = error_code(
        s.organizer.post(s.app.url("/api/v1/events")).json(&bad).send().await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(v["error"]["fields"]["capacity"].is_string() && v["error"]["fields"]["ends_at"].is_string());
    let (event_id, ticket) = s.event(10, 10, false).await;
    let people: Vec<String> = (0..11).map(|i| format!("人{i}")).collect();
    let people: Vec<&str> = people.iter().map(String::as_str).collect();
    error_code(s.register(&ent_owner, event_id, ticket, &people).await, StatusCode::UNPROCESSABLE_ENTITY).await;
    error_code(s.register(&ent_owner, event_id, 999_999, &["x"]).await, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(s.register(&ent_owner, event_id, ticket, &["企业代表"]).await.status(), StatusCode::CREATED);
    error_code(s.register(&ent_owner, event_id, ticket, &["再来"]).await, StatusCode::CONFLICT).await;
    // Capacity cannot drop below the seats already held; others cannot edit.
    let mut smaller = event(s.org, 0);
    smaller["capacity"] = json!(0);
    error_code(
        s.organizer.put(s.app.url(&format!("/api/v1/events/{event_id}"))).json(&smaller).send().await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    error_code(
        ent_owner.put(s.app.url(&format!("/api/v1/events/{event_id}"))).json(&event(s.org, 20)).send().await.unwrap(),
        StatusCode::FORBIDDEN,
    )
    .await;
    // Invitation-only events are not listed for the public.
    let mut private = event(s.org, 10);
    private["invitation_only"] = json!(true);
    s.organizer.post(s.app.url("/api/v1/events")).json(&private).send().await.unwrap();
    let public = body(s.app.client().get(s.app.url("/api/v1/events")).send().await.unwrap()).await;
    assert_eq!(public["items"].as_array().unwrap().len(), 1);
    let theirs = body(s.organizer.get(s.app.url("/api/v1/events")).send().await.unwrap()).await;
    assert_eq!(theirs["items"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn an_event_downloads_as_a_calendar_file() {
    let s = setup().await;
    let (event, _) = s.event(10, 10, false).await;
    let r = s.app.client().get(s.app.url(&format!("/api/v1/events/{event}/calendar.ics"))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/calendar"));
    let text = r.text().await.unwrap();
    assert!(text.contains("SUMMARY:2027杭州未来产业国际论坛\r\n"), "{text}");
    assert!(text.contains("DTSTART:20990401T010000Z"));
    error_code(
        s.app.client().get(s.app.url("/api/v1/events/999999/calendar.ics")).send().await.unwrap(),
        StatusCode::NOT_FOUND,
    )
    .await;
}

#[tokio::test]
async fn hostile_event_text_stays_inside_its_calendar_property() {
    let s = setup().await;
    let mut e = event(s.org, 10);
    e["description_zh"] = json!("议程\rBEGIN:VALARM\rTRIGGER:-PT5M\rEND:VALARM\r\nATTENDEE:mailto:x@evil.example");
    let r = s.organizer.post(s.app.url("/api/v1/events")).json(&e).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let id = body(r).await["id"].as_i64().unwrap();
    let text = s.app.client().get(s.app.url(&format!("/api/v1/events/{id}/calendar.ics"))).send().await.unwrap();
    let text = text.text().await.unwrap();
    assert!(!text.replace("\r\n", "").contains(['\r', '\n']), "a bare CR or LF: {text:?}");
    let starts: Vec<&str> =
        text.split("\r\n").filter(|l| !l.starts_with(' ')).map(|l| l.split(':').next().unwrap()).collect();
    assert!(!starts.contains(&"TRIGGER") && !starts.contains(&"ATTENDEE"), "{text}");
    assert_eq!(starts.iter().filter(|p| **p == "BEGIN").count(), 2, "VCALENDAR and VEVENT only: {text}");
    // A one-line title with a line break is refused outright.
    let mut e = event(s.org, 10);
    e["title_zh"] = json!("论坛\rBEGIN:VALARM");
    let r = s.organizer.post(s.app.url("/api/v1/events")).json(&e).send().await.unwrap();
    let (_, v) = error_code(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(v["error"]["fields"]["title_zh"].is_string(), "{v}");
}

#[tokio::test]
async fn organizers_export_the_attendee_list_as_csv_one_row_per_person() {
    let s = setup().await;
    let (event, ticket) = s.event(10, 10, false).await;
    let a = s.app.user("a@example.com", "报名人甲").await;
    s.register(&a, event, ticket, &["张三", "李四, 顾问"]).await;
    let url = s.app.url(&format!("/api/v1/events/{event}/registrations.csv"));
    error_code(a.get(&url).send().await.unwrap(), StatusCode::FORBIDDEN).await;
    let r = s.organizer.get(&url).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let csv = r.text().await.unwrap();
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 3, "a header and one row per attendee: {csv}");
    assert!(lines[0].starts_with("报名编号,参会人,报名人"));
    assert!(lines[1].contains(",张三,报名人甲,普通,已确认,"));
    assert!(lines[2].contains(",\"李四, 顾问\",报名人甲,"));
}

impl Setup {
    /// The ticket codes of a registration (as its registrant sees them).
    async fn codes(&self, c: &Client, registration: i64) -> Vec<String> {
        let r = c.get(self.app.url(&format!("/api/v1/registrations/{registration}/tickets"))).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        body(r).await.as_array().unwrap().iter().map(|t| t["code"].as_str().unwrap().to_owned()).collect()
    }

    async fn scan(&self, c: &Client, event: i64, code: &str, nonce: &str) -> reqwest::Response {
        let scan = json!({"code": code, "device": "door-1", "nonce": nonce});
        c.post(self.app.url(&format!("/api/v1/events/{event}/checkins"))).json(&scan).send().await.unwrap()
    }

    async fn add_staff(&self, event: i64, email: &str, role: &str) -> reqwest::Response {
        let url = self.app.url(&format!("/api/v1/events/{event}/staff"));
        self.organizer.post(url).json(&json!({"email": email, "role": role})).send().await.unwrap()
    }

    /// Invites `who` (signed in as `client`) to the staff and has them accept.
    async fn staff(&self, event: i64, client: &Client, who: &str, role: &str) {
        assert_eq!(self.add_staff(event, who, role).await.status(), StatusCode::OK);
        let r = client.post(self.app.url(&format!("/api/v1/events/{event}/staff/accept"))).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{who} accepts the staff role");
    }
}

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
async fn a_registration_for_an_organization_needs_membership_and_shows_it() {
    let s = setup().await;
    let (event, ticket) = s.event(10, 10, false).await;
    let a = s.app.user("a@example.com", "报名人甲").await;
    let url = s.app.url(&format!("/api/v1/events/{event}/registrations"));
    let req = json!({"ticket_type": ticket, "people": ["张三"], "org_id": s.org});
    let (_, v) = error_code(a.post(&url).json(&req).send().await.unwrap(), StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(v["error"]["fields"]["org_id"].is_string(), "not a member of that organization");
    let r = s.organizer.post(&url).json(&req).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    assert!(body(r).await["org_name"].is_string());
}

/// The rows of a sheet of a workbook, every cell as text.
pub(crate) fn sheet(bytes: &[u8], name: &str) -> Vec<Vec<String>> {
    use calamine::{Reader, Xlsx};
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes.to_vec())).expect("a valid .xlsx");
    let range = wb.worksheet_range(name).expect("the sheet");
    range.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
}

#[tokio::test]
async fn organizers_export_attendees_and_figures_as_excel_and_read_them_back() {
    let s = setup().await;
    let (event, ticket) = s.event(2, 2, false).await;
    let a = s.app.user("a@example.com", "报名人甲").await;
    let reg = body(s.register(&a, event, ticket, &["张三", "=HYPERLINK(\"x\")"]).await).await["id"].as_i64().unwrap();
    let b = s.app.user("b@example.com", "报名人乙").await;
    s.register(&b, event, ticket, &["王五"]).await;
    let code = s.codes(&a, reg).await.remove(0);
    s.scan(&s.organizer, event, &code, "n1").await;

    let url = s.app.url(&format!("/api/v1/events/{event}/registrations.xlsx"));
    error_code(a.get(&url).send().await.unwrap(), StatusCode::FORBIDDEN).await;
    let r = s.organizer.get(&url).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    let bytes = r.bytes().await.unwrap();

    let list = sheet(&bytes, "报名名单");
    assert_eq!(list[0][..5], ["报名编号", "参会人", "报名人", "票种名称", "状态"]);
    assert_eq!(list.len(), 4, "a header and one row per person");
    assert_eq!(list[1][1..5], ["张三", "报名人甲", "普通", "已确认"]);
    assert!(!list[1][7].is_empty(), "张三 is checked in");
    assert_eq!(list[2][1], "=HYPERLINK(\"x\")", "kept as text, not run as a formula");
    assert!(list[2][7].is_empty());
    assert_eq!(list[3][1..5], ["王五", "报名人乙", "普通", "候补中"]);

    let figures = sheet(&bytes, "报名统计");
    let find = |section: &str, item: &str| {
        figures.iter().find(|r| r[0] == section && r[1] == item).map(|r| r[2].clone()).unwrap_or_default()
    };
    assert_eq!(find("状态", "已确认"), "2");
    assert_eq!(find("状态", "候补中"), "1");
    assert_eq!(find("签到率", "1 / 2"), "50");

    let report =
        body(s.organizer.get(s.app.url(&format!("/api/v1/events/{event}/report"))).send().await.unwrap()).await;
    assert_eq!(report["checkin"]["checked_in"], 1);
    assert_eq!(report["by_ticket_type"][0]["people"], 3, "live registrations of the ticket type");
    assert_eq!(report["by_day"].as_array().unwrap().iter().map(|d| d["people"].as_u64().unwrap()).sum::<u64>(), 3);
}

#[tokio::test]
async fn registration_questions_are_answered_checked_and_exported() {
    let s = setup().await;
    let (event, ticket) = s.event(10, 10, false).await;
    let url = s.app.url(&format!("/api/v1/events/{event}/questions"));
    let add = |q: Value| s.organizer.post(&url).json(&q).send();
    let (_, v) = error_code(
        add(json!({"label_zh": "关注领域", "kind": "single", "options_zh": ["能源"]})).await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(v["error"]["fields"]["options_zh"].is_string(), "a choice needs two options at least");
    add(json!({"label_zh": "职务", "label_en": "Position", "kind": "text", "required": true})).await.unwrap();
    add(json!({"label_zh": "关注领域", "kind": "multiple", "options_zh": ["能源", "医疗", "制造"]})).await.unwrap();
    let r = add(json!({"label_zh": "需要翻译", "kind": "yes_no", "ticket_types": [999]})).await.unwrap();
    error_code(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    let stranger = s.app.user("x@example.com", "路人").await;
    let r = stranger.post(&url).json(&json!({"label_zh": "x", "kind": "text"})).send().await.unwrap();
    error_code(r, StatusCode::FORBIDDEN).await;
    let questions = body(s.app.client().get(&url).send().await.unwrap()).await;
    assert_eq!(questions.as_array().unwrap().len(), 2, "anyone who sees the event sees its questions");
    let (position, fields) = (questions[0]["id"].as_i64().unwrap(), questions[1]["id"].as_i64().unwrap());

    let a = s.app.user("a@example.com", "报名人甲").await;
    let reg_url = s.app.url(&format!("/api/v1/events/{event}/registrations"));
    let missing = json!({"ticket_type": ticket, "people": ["张三"], "answers": [{"question": fields, "value": "0"}]});
    let (_, v) =
        error_code(a.post(&reg_url).json(&missing).send().await.unwrap(), StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(v["error"]["fields"][format!("answers.{position}")].is_string(), "the required question: {v}");
    let ok = json!({"ticket_type": ticket, "people": ["张三"],
        "answers": [{"question": position, "value": " 总工程师 "}, {"question": fields, "value": "2,0"}]});
    let r = a.post(&reg_url).json(&ok).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let reg = body(r).await;
    assert_eq!(
        reg["answers"],
        json!([{"question": position, "value": "总工程师"}, {"question": fields, "value": "0,2"}])
    );

    let csv = s.organizer.get(s.app.url(&format!("/api/v1/events/{event}/registrations.csv"))).send().await.unwrap();
    let csv = csv.text().await.unwrap();
    assert!(csv.lines().next().unwrap().ends_with(",职务,关注领域\r") || csv.contains(",职务,关注领域\r\n"), "{csv}");
    assert!(csv.contains(",总工程师,能源、制造"), "answers in words: {csv}");
    let code = s.codes(&a, reg["id"].as_i64().unwrap()).await.remove(0);
    let scan = body(s.scan(&s.organizer, event, &code, "n1").await).await;
    assert_eq!(scan["attendee"]["answers"].as_array().unwrap().len(), 2, "the door sees the answers");
}

/// The kinds of `c`'s notifications, newest first.
async fn note_kinds(s: &Setup, c: &Client) -> Vec<String> {
    let page = body(c.get(s.app.url("/api/v1/notifications")).send().await.unwrap()).await;
    page["items"].as_array().unwrap().iter().map(|n| n["kind"].as_str().unwrap().to_owned()).collect()
}

#[tokio::test]
async fn organizers_message_registrants_by_status_and_a_freed_seat_is_announced_to_its_taker() {
    let s = setup().await;
    let (event, ticket) = s.event(1, 1, false).await;
    let a = s.app.user("a@example.com", "报名人甲").await;
    let b = s.app.user("b@example.com", "报名人乙").await;
    let reg_a = body(s.register(&a, event, ticket, &["张三"]).await).await["id"].as_i64().unwrap();
    s.register(&b, event, ticket, &["王五"]).await;

    let url = s.app.url(&format!("/api/v1/events/{event}/messages"));
    let only_confirmed = json!({"text": "请携带身份证件入场", "statuses": ["confirmed"]});
    error_code(a.post(&url).json(&only_confirmed).send().await.unwrap(), StatusCode::FORBIDDEN).await;
    let (_, v) = error_code(
        s.organizer.post(&url).json(&json!({"text": " "})).send().await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(v["error"]["fields"]["text"].is_string());
    let r = s.organizer.post(&url).json(&only_confirmed).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    assert_eq!(body(r).await["recipients"], 1);
    assert_eq!(note_kinds(&s, &a).await, ["event_message"]);
    assert!(note_kinds(&s, &b).await.is_empty(), "the waiting registrant was not among the recipients");
    let everyone = body(s.organizer.post(&url).json(&json!({"text": "议程已更新"})).send().await.unwrap()).await;
    assert_eq!(everyone["recipients"], 2, "by default everyone still registered");
    let sent = body(s.organizer.get(&url).send().await.unwrap()).await;
    assert_eq!(sent.as_array().unwrap().len(), 2);

    s.status(&a, reg_a, "cancel").await;
    assert_eq!(note_kinds(&s, &b).await[0], "seat_offered", "the waiting registrant learns of the offer");
    let (emails,): (i64,) = sql::query_as("SELECT COUNT(*) FROM outbox WHERE subject LIKE '%候补名额%'")
        .fetch_one(&s.app.state.db)
        .await
        .unwrap();
    assert_eq!(emails, 1, "and by email");
}

#[tokio::test]
async fn an_invitation_only_event_admits_registrations_with_a_code_until_it_is_used_up() {
    let s = setup().await;
    let mut e = event(s.org, 10);
    e["invitation_only"] = json!(true);
    let id = body(s.organizer.post(s.app.url("/api/v1/events")).json(&e).send().await.unwrap()).await["id"]
        .as_i64()
        .unwrap();
    let t = json!({"name_zh": "嘉宾", "quota": 10});
    let tt = s.organizer.post(s.app.url(&format!("/api/v1/events/{id}/ticket-types"))).json(&t).send().await.unwrap();
    let ticket = body(tt).await["id"].as_i64().unwrap();
    let url = s.app.url(&format!("/api/v1/events/{id}/invitations"));
    let a = s.app.user("a@example.com", "受邀人甲").await;
    error_code(a.post(&url).json(&json!({"label": "x"})).send().await.unwrap(), StatusCode::FORBIDDEN).await;
    let codes =
        body(s.organizer.post(&url).json(&json!({"label": "之江实验室", "max_uses": 1})).send().await.unwrap()).await;
    let code = codes[0]["code"].as_str().unwrap().to_owned();
    assert_eq!(code.len(), 10);

    let reg = |c: &Client, code: Option<&str>| {
        let body = json!({"ticket_type": ticket, "people": ["本人"], "invitation_code": code});
        c.post(s.app.url(&format!("/api/v1/events/{id}/registrations"))).json(&body).send()
    };
    let (_, v) = error_code(reg(&a, None).await.unwrap(), StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(v["error"]["fields"]["invitation_code"].is_string(), "a code is needed");
    error_code(reg(&a, Some("WRONGCODE9")).await.unwrap(), StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(reg(&a, Some(&code.to_lowercase())).await.unwrap().status(), StatusCode::CREATED);
    let b = s.app.user("b@example.com", "受邀人乙").await;
    let (_, v) = error_code(reg(&b, Some(&code)).await.unwrap(), StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(v["error"]["fields"]["invitation_code"].is_string(), "used up");
    let list = body(s.organizer.get(&url).send().await.unwrap()).await;
    assert_eq!(list[0]["uses"], 1);
    let public = body(s.app.client().get(s.app.url("/api/v1/events")).send().await.unwrap()).await;
    assert!(public["items"].as_array().unwrap().iter().all(|e| e["id"] != id), "not listed for the public");
}

#[tokio::test]
async fn a_limited_session_fills_to_its_seats_and_a_cancelled_registration_frees_its_seat() {
    let s = setup().await;
    let (event, ticket) = s.event(10, 10, false).await;
    let prof = s.app.user("prof@example.com", "李教授").await;
    let session = json!({"title_zh": "圆桌：具身智能的下一步", "room": "B2厅", "starts_at": "2099-04-01T02:00:00Z",
                         "ends_at": "2099-04-01T03:00:00Z", "speakers": ["张院士", "prof@example.com"], "capacity": 1});
    let sessions_url = s.app.url(&format!("/api/v1/events/{event}/sessions"));
    let a = s.app.user("a@example.com", "报名人甲").await;
    error_code(a.post(&sessions_url).json(&session).send().await.unwrap(), StatusCode::FORBIDDEN).await;
    let r = s.organizer.post(&sessions_url).json(&session).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let list = body(r).await;
    let id = list[0]["id"].as_i64().unwrap();
    assert_eq!(list[0]["speakers"][0]["name"], "张院士");
    // An email invites: the organizers see the address they typed, nobody is linked yet.
    let invited = &list[0]["speakers"][1];
    assert_eq!((invited["status"].as_str(), invited["email"].as_str()), (Some("invited"), Some("prof@example.com")));
    assert!(invited["user_id"].is_null() && invited["name"] == "", "{invited}");
    // Everyone else sees only the named speaker until the invitee accepts.
    let public = body(s.app.client().get(&sessions_url).send().await.unwrap()).await;
    assert_eq!(public[0]["speakers"].as_array().unwrap().len(), 1, "{public}");
    let mine = body(prof.get(&sessions_url).send().await.unwrap()).await;
    assert_eq!(mine[0]["speaker_invitation"], true);
    let accepted =
        body(prof.post(s.app.url(&format!("/api/v1/sessions/{id}/speaker/accept"))).send().await.unwrap()).await;
    assert_eq!(accepted[0]["speaker_invitation"], false);
    let public = body(s.app.client().get(&sessions_url).send().await.unwrap()).await;
    assert_eq!(public[0]["speakers"][1]["name"], "李教授", "linked once accepted");
    assert!(public[0]["speakers"][1]["user_id"].is_i64() && public[0]["speakers"][1]["email"].is_null());
    // No second answer; nobody else may answer for the invitee.
    let again = prof.post(s.app.url(&format!("/api/v1/sessions/{id}/speaker/decline"))).send().await.unwrap();
    error_code(again, StatusCode::NOT_FOUND).await;
    // Bad sessions: outside the event.
    let mut outside = session.clone();
    outside["starts_at"] = json!("2099-03-31T02:00:00Z");
    error_code(s.organizer.post(&sessions_url).json(&outside).send().await.unwrap(), StatusCode::UNPROCESSABLE_ENTITY)
        .await;

    // Seats: attendees only, never beyond the capacity; a cancelled registration frees its seat.
    let seat = s.app.url(&format!("/api/v1/sessions/{id}/seat"));
    let b = s.app.user("b@example.com", "报名人乙").await;
    let (code, _) = error_code(a.post(&seat).send().await.unwrap(), StatusCode::FORBIDDEN).await;
    assert_eq!(code, "not_attendee");
    let reg_a = body(s.register(&a, event, ticket, &["张三"]).await).await["id"].as_i64().unwrap();
    s.register(&b, event, ticket, &["王五"]).await;
    let taken = body(a.post(&seat).send().await.unwrap()).await;
    assert_eq!((taken[0]["taken"].as_u64(), taken[0]["joined"].as_bool()), (Some(1), Some(true)));
    let (code, _) = error_code(b.post(&seat).send().await.unwrap(), StatusCode::CONFLICT).await;
    assert_eq!(code, "session_full");
    s.status(&a, reg_a, "cancel").await;
    let now = body(b.post(&seat).send().await.unwrap()).await;
    assert_eq!((now[0]["taken"].as_u64(), now[0]["joined"].as_bool()), (Some(1), Some(true)));
    let ics = s.app.client().get(s.app.url(&format!("/api/v1/sessions/{id}/calendar.ics"))).send().await.unwrap();
    let ics = ics.text().await.unwrap();
    assert!(ics.contains("SUMMARY:圆桌：具身智能的下一步") && ics.contains("LOCATION:B2厅"), "{ics}");
    assert!(ics.contains("DTSTART:20990401T020000Z"));
    // Leaving frees the seat; the organizers can remove the session.
    let left = body(b.delete(&seat).send().await.unwrap()).await;
    assert_eq!(left[0]["taken"], 0);
    let r = s.organizer.delete(s.app.url(&format!("/api/v1/events/{event}/sessions/{id}"))).send().await.unwrap();
    assert_eq!(body(r).await.as_array().unwrap().len(), 0);
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

#[tokio::test]
async fn registration_is_refused_before_the_window_opens_and_after_it_closes() {
    let s = setup().await;
    let mut input = event(s.org, 10);
    input["registration_opens_at"] = json!("2099-03-01T00:00:00Z");
    input["registration_closes_at"] = json!("2099-04-02T00:00:00Z");
    let r = s.organizer.post(s.app.url("/api/v1/events")).json(&input).send().await.unwrap();
    let (_, v) = error_code(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(v["error"]["fields"]["registration_closes_at"].is_string(), "closing after the event ends: {v}");
    input["registration_closes_at"] = json!("2099-03-15T00:00:00Z");
    let r = s.organizer.post(s.app.url("/api/v1/events")).json(&input).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let e = body(r).await;
    assert_eq!(e["registration_closes_at"], "2099-03-15T00:00:00Z");
    let id = e["id"].as_i64().unwrap();
    let t = json!({"name_zh": "普通", "quota": 10});
    let r = s.organizer.post(s.app.url(&format!("/api/v1/events/{id}/ticket-types"))).json(&t).send().await.unwrap();
    let ticket = body(r).await["id"].as_i64().unwrap();
    let a = s.app.user("a@example.com", "报名人甲").await;
    let (code, _) = error_code(s.register(&a, id, ticket, &["张三"]).await, StatusCode::CONFLICT).await;
    assert_eq!(code, "registration_not_open");
    // Opened (and later closed) by the organizers' edit.
    input["registration_opens_at"] = json!("2026-01-01T00:00:00Z");
    let r = s.organizer.put(s.app.url(&format!("/api/v1/events/{id}"))).json(&input).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(body(s.register(&a, id, ticket, &["张三"]).await).await["status"], "confirmed");
    input["registration_closes_at"] = json!("2026-02-01T00:00:00Z");
    s.organizer.put(s.app.url(&format!("/api/v1/events/{id}"))).json(&input).send().await.unwrap();
    let b = s.app.user("b@example.com", "报名人乙").await;
    let (code, _) = error_code(s.register(&b, id, ticket, &["王五"]).await, StatusCode::CONFLICT).await;
    assert_eq!(code, "registration_closed");
}

#[tokio::test]
async fn organizers_set_a_cover_image_that_anyone_sees_and_other_files_are_refused() {
    let s = setup().await;
    let (id, _) = s.event(10, 10, false).await;
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89".to_vec();
    let url = s.app.url(&format!("/api/v1/events/{id}/cover"));
    let stranger = s.app.user("x@example.com", "路人").await;
    error_code(stranger.put(&url).body(png.clone()).send().await.unwrap(), StatusCode::FORBIDDEN).await;
    let r = s.organizer.put(&url).body(b"%PDF-1.7 not an image".to_vec()).send().await.unwrap();
    let (code, _) = error_code(r, StatusCode::UNSUPPORTED_MEDIA_TYPE).await;
    assert_eq!(code, "file_type");
    let e = body(s.organizer.put(&url).body(png.clone()).send().await.unwrap()).await;
    let cover = e["cover_url"].as_str().unwrap().to_owned();
    assert!(cover.starts_with(&format!("/api/v1/events/{id}/cover?v=")));
    let r = s.app.client().get(s.app.url(&cover)).send().await.unwrap();
    assert_eq!(r.headers()["content-type"], "image/png");
    assert_eq!(r.bytes().await.unwrap().to_vec(), png);
    let e = body(s.organizer.delete(&url).send().await.unwrap()).await;
    assert!(e["cover_url"].is_null());
    error_code(s.app.client().get(&url).send().await.unwrap(), StatusCode::NOT_FOUND).await;
}

#[tokio::test]
async fn an_organizer_moves_a_waiting_entry_to_the_front_and_the_next_freed_seat_goes_to_it() {
    let s = setup().await;
    let (event, ticket) = s.event(2, 2, false).await;
    let mut clients = vec![];
    for i in 0..4 {
        clients.push(s.app.user(&format!("p{i}@example.com"), &format!("人{i}")).await);
    }
    let mut ids = vec![];
    for c in &clients {
        ids.push(body(s.register(c, event, ticket, &["本人"]).await).await["id"].as_i64().unwrap());
    }
    let url = |id: i64| s.app.url(&format!("/api/v1/registrations/{id}/promote"));
    // Only organizers (others' entries are not even visible), only waiting entries.
    error_code(clients[2].post(url(ids[3])).send().await.unwrap(), StatusCode::NOT_FOUND).await;
    error_code(clients[3].post(url(ids[3])).send().await.unwrap(), StatusCode::FORBIDDEN).await;
    error_code(s.organizer.post(url(ids[0])).send().await.unwrap(), StatusCode::CONFLICT).await;
    let moved = s.status(&s.organizer, ids[3], "promote").await;
    assert_eq!(moved["status"], "waitlisted", "no seat is free: it waits at the front");
    // A seat frees: the promoted entry gets the offer, not the one that registered before it.
    s.status(&clients[0], ids[0], "cancel").await;
    let regs =
        body(s.organizer.get(s.app.url(&format!("/api/v1/events/{event}/registrations"))).send().await.unwrap()).await;
    let status_of = |rid: i64| regs.as_array().unwrap().iter().find(|r| r["id"] == rid).unwrap()["status"].clone();
    assert_eq!((status_of(ids[3]), status_of(ids[2])), (json!("offered"), json!("waitlisted")));
}

#[tokio::test]
async fn a_deleted_account_gives_its_seats_to_the_waiting_list_and_its_names_are_erased() {
    let s = setup().await;
    let (event, ticket) = s.event(2, 2, false).await;
    let leaving = s.app.user("leaving@example.com", "将注销").await;
    let waiting = s.app.user("waiting@example.com", "候补者").await;
    let mine = body(s.register(&leaving, event, ticket, &["张三", "李四"]).await).await;
    let theirs = body(s.register(&waiting, event, ticket, &["王五"]).await).await;
    assert_eq!((mine["status"].as_str(), theirs["status"].as_str()), (Some("confirmed"), Some("waitlisted")));
    let r = leaving
        .delete(s.app.url("/api/v1/me"))
        .json(&json!({"password": crate::helpers::PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let regs =
        body(s.organizer.get(s.app.url(&format!("/api/v1/events/{event}/registrations"))).send().await.unwrap()).await;
    let of = |id: &Value| regs.as_array().unwrap().iter().find(|r| r["id"] == *id).unwrap().clone();
    let (gone, next) = (of(&mine["id"]), of(&theirs["id"]));
    assert_eq!((gone["status"].as_str(), next["status"].as_str()), (Some("cancelled"), Some("offered")));
    let kept = regs.to_string();
    assert!(!kept.contains("张三") && !kept.contains("李四") && !kept.contains("将注销"), "names erased: {kept}");
    assert!(kept.contains("王五"), "other registrants untouched");
    // The seat offered is told to the one waiting.
    let notes = body(waiting.get(s.app.url("/api/v1/notifications")).send().await.unwrap()).await;
    assert!(notes["items"].as_array().unwrap().iter().any(|n| n["kind"] == "seat_offered"), "{notes}");
}

#[tokio::test]
async fn my_registrations_are_the_callers_own_also_for_the_organizer_who_sees_everyones() {
    let s = setup().await;
    let (event, ticket) = s.event(10, 10, false).await;
    let attendee = s.app.user("zhangming@example.com", "张明").await;
    assert_eq!(s.register(&attendee, event, ticket, &["张明"]).await.status(), StatusCode::CREATED);
    let mine = |c: &Client| {
        let url = s.app.url(&format!("/api/v1/events/{event}/registrations/mine"));
        let c = c.clone();
        async move {
            let r = c.get(url).send().await.unwrap();
            assert_eq!(r.status(), StatusCode::OK);
            body(r).await.as_array().unwrap().clone()
        }
    };

    // The organizer receives every registration from the list, but none is theirs.
    let all =
        body(s.organizer.get(s.app.url(&format!("/api/v1/events/{event}/registrations"))).send().await.unwrap()).await;
    assert_eq!(all.as_array().unwrap().len(), 1);
    assert!(mine(&s.organizer).await.is_empty(), "the organizer has not registered");

    // Once the organizer registers too, their own call answers with theirs alone.
    assert_eq!(s.register(&s.organizer, event, ticket, &["主办方"]).await.status(), StatusCode::CREATED);
    let own = mine(&s.organizer).await;
    assert_eq!(own.len(), 1);
    assert_eq!(own[0]["people"], json!(["主办方"]));
    let theirs = mine(&attendee).await;
    assert_eq!(theirs.len(), 1);
    assert_eq!(theirs[0]["people"], json!(["张明"]));

    // Names with control characters or direction overrides are refused.
    let r = s.register(&attendee, event, ticket, &["张明\u{202e}"]).await;
    let (_, v) = error_code(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(v["error"]["fields"]["people"].is_string(), "{v}");
    // Visitors have none to see.
    let r = s.app.client().get(s.app.url(&format!("/api/v1/events/{event}/registrations/mine"))).send().await.unwrap();
    assert_eq!(error_code(r, StatusCode::UNAUTHORIZED).await.0, "unauthenticated");
}

#[tokio::test]
async fn an_unverified_organizer_drafts_an_event_that_nobody_sees_or_joins_until_it_is_verified_and_published() {
    let s = setup().await;
    let newcomer = s.app.user("new@example.com", "新主办方").await;
    let org = crate::market::org_of_kind(&s.app, &newcomer, "organizer", None, None).await;
    let mut e = event(org, 10);
    e["online_url"] = json!("https://meeting.example.com/any");
    let draft = body(newcomer.post(s.app.url("/api/v1/events")).json(&e).send().await.unwrap()).await;
    assert_eq!(draft["published"], false);
    let id = draft["id"].as_i64().unwrap();
    let t = json!({"name_zh": "普通", "quota": 10, "approval": false});
    let r = newcomer.post(s.app.url(&format!("/api/v1/events/{id}/ticket-types"))).json(&t).send().await.unwrap();
    let ticket = body(r).await["id"].as_i64().unwrap();
    let list_url = s.app.url("/api/v1/events");
    let listed = |c: Client| {
        let url = list_url.clone();
        async move {
            let list = body(c.get(url).send().await.unwrap()).await;
            list["items"].as_array().unwrap().iter().any(|e| e["id"] == id)
        }
    };
    assert!(listed(newcomer.clone()).await, "its organizers see the draft");
    let visitor = s.app.client();
    assert!(!listed(visitor.clone()).await);
    for path in [
        format!("/api/v1/events/{id}"),
        format!("/api/v1/events/{id}/calendar.ics"),
        format!("/api/v1/events/{id}/sessions"),
    ] {
        error_code(visitor.get(s.app.url(&path)).send().await.unwrap(), StatusCode::NOT_FOUND).await;
    }
    let a = s.app.user("a@example.com", "报名人").await;
    error_code(s.register(&a, id, ticket, &["张三"]).await, StatusCode::NOT_FOUND).await;
    // Naming staff finds accounts by email: not for an organization nobody has verified.
    let staff = newcomer
        .post(s.app.url(&format!("/api/v1/events/{id}/staff")))
        .json(&json!({"email": "a@example.com", "role": "checkin"}));
    assert_eq!(error_code(staff.send().await.unwrap(), StatusCode::FORBIDDEN).await.0, "not_verified");
    let publish = s.app.url(&format!("/api/v1/events/{id}/publish"));
    assert_eq!(
        error_code(newcomer.post(&publish).send().await.unwrap(), StatusCode::FORBIDDEN).await.0,
        "not_verified"
    );
    error_code(a.post(&publish).send().await.unwrap(), StatusCode::FORBIDDEN).await;
    let admin = s.app.admin().await;
    admin.post(s.app.url(&format!("/api/v1/admin/orgs/{org}/verify"))).send().await.unwrap();
    assert_eq!(body(newcomer.post(&publish).send().await.unwrap()).await["published"], true);
    assert!(listed(visitor).await);
    assert_eq!(s.register(&a, id, ticket, &["张三"]).await.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn a_speaker_email_gets_the_same_answer_whether_or_not_anyone_has_it() {
    let s = setup().await;
    let (event, _) = s.event(10, 10, false).await;
    s.app.user("someone@example.com", "有账号的人").await;
    let url = s.app.url(&format!("/api/v1/events/{event}/sessions"));
    let mut answers = vec![];
    for (n, email) in ["someone@example.com", "nobody@example.com"].into_iter().enumerate() {
        let session = json!({"title_zh": format!("分论坛{n}"), "starts_at": "2099-04-01T02:00:00Z",
                             "ends_at": "2099-04-01T03:00:00Z", "speakers": [email]});
        let r = s.organizer.post(&url).json(&session).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::CREATED);
        let list = body(r).await;
        let mut speaker =
            list.as_array().unwrap().iter().find(|x| x["title_zh"] == format!("分论坛{n}")).unwrap()["speakers"][0]
                .clone();
        speaker["email"] = json!("…");
        answers.push(speaker);
        // Both addresses are written to (an account or not: the organizer cannot tell which).
        let (subject, _) = s.app.last_email(email).await;
        assert!(subject.contains("演讲邀请"), "{subject}");
    }
    assert_eq!(answers[0], answers[1], "no lookup of identities by email");
}

#[tokio::test]
async fn the_event_list_keyword_finds_events_by_unspaced_words_best_fit_first() {
    let s = setup().await;
    let mut ids = vec![];
    for (title, venue) in [
        ("2027人形机器人产业发展论坛", "杭州国际博览中心"),
        ("低空经济供需对接会", "萧山机场"),
        ("机器人灵巧手沙龙", "滨江"),
    ] {
        let mut e = event(s.org, 50);
        e["title_zh"] = json!(title);
        e["venue"] = json!(venue);
        e["description_zh"] = json!("面向未来产业的交流活动");
        let r = s.organizer.post(s.app.url("/api/v1/events")).json(&e).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::CREATED);
        ids.push(body(r).await["id"].as_i64().unwrap());
    }
    let found = |q: &'static str| {
        let (c, url) = (s.organizer.clone(), s.app.url("/api/v1/events"));
        async move {
            let r = c.get(url).query(&[("q", q)]).send().await.unwrap();
            assert_eq!(r.status(), StatusCode::OK);
            body(r).await["items"].as_array().unwrap().iter().map(|e| e["id"].as_i64().unwrap()).collect::<Vec<_>>()
        }
    };
    assert_eq!(found("人形机器人论坛").await, [ids[0]]);
    let mut robots = found("机器人").await;
    robots.sort_unstable();
    assert_eq!(robots, [ids[0], ids[2]], "equal fits, in the list's own order");
    assert_eq!(found("UAV萧山").await, [ids[1]], "a synonym and a venue");
    assert!(found("量子计算").await.is_empty());
}

#[tokio::test]
async fn a_cancellation_is_undone_while_its_seat_is_unoffered_and_not_after_the_waiting_list_got_it() {
    let s = setup().await;
    let (event, ticket) = s.event(2, 2, false).await;
    let a = s.app.user("undo-a@example.com", "甲").await;
    let b = s.app.user("undo-b@example.com", "乙").await;
    let stranger = s.app.user("undo-c@example.com", "丙").await;
    let ra = body(s.register(&a, event, ticket, &["甲"]).await).await;
    let rid = ra["id"].as_i64().unwrap();
    // Nobody waits: the cancelled seat stays free and the cancellation can be taken back.
    let cancelled = s.status(&a, rid, "cancel").await;
    assert_eq!(cancelled["status"], "cancelled");
    assert_eq!(cancelled["undo"]["to"], "confirmed", "{cancelled}");
    let undo = |c: &Client| c.post(s.app.url(&format!("/api/v1/registrations/{rid}/undo-cancel"))).send();
    // Only whoever could cancel it may undo it.
    assert_eq!(undo(&stranger).await.unwrap().status(), StatusCode::NOT_FOUND);
    let back = s.status(&a, rid, "undo-cancel").await;
    assert_eq!((back["status"].as_str(), back["undo"].is_null()), (Some("confirmed"), true));
    // Undoing twice is refused with its reason.
    let (code, _) = error_code(undo(&a).await.unwrap(), StatusCode::CONFLICT).await;
    assert_eq!(code, "undo_unavailable");

    // With the event full, the next cancellation's seat is offered on at once: no undo.
    let filler = s.app.user("undo-d@example.com", "丁").await;
    body(s.register(&filler, event, ticket, &["丁"]).await).await;
    let rb = body(s.register(&b, event, ticket, &["乙"]).await).await;
    assert_eq!(rb["status"], "waitlisted");
    let cancelled = s.status(&a, rid, "cancel").await;
    assert!(cancelled["undo"].is_null(), "the seat went to the waiting list: {cancelled}");
    let (code, _) = error_code(undo(&a).await.unwrap(), StatusCode::CONFLICT).await;
    assert_eq!(code, "undo_unavailable");
    let regs =
        body(s.organizer.get(s.app.url(&format!("/api/v1/events/{event}/registrations"))).send().await.unwrap()).await;
    let status_of = |id: &Value| regs.as_array().unwrap().iter().find(|r| r["id"] == *id).unwrap()["status"].clone();
    assert_eq!((status_of(&ra["id"]), status_of(&rb["id"])), (json!("cancelled"), json!("offered")));
}

#[tokio::test]
async fn a_cancellation_cannot_be_undone_after_its_window_or_once_a_newcomer_took_the_seat() {
    let s = setup().await;
    let (event, ticket) = s.event(1, 1, false).await;
    let a = s.app.user("late-a@example.com", "甲").await;
    let b = s.app.user("late-b@example.com", "乙").await;
    let rid = body(s.register(&a, event, ticket, &["甲"]).await).await["id"].as_i64().unwrap();
    s.status(&a, rid, "cancel").await;
    // A newcomer takes the free seat before the undo.
    assert_eq!(body(s.register(&b, event, ticket, &["乙"]).await).await["status"], "confirmed");
    let undo = || a.post(s.app.url(&format!("/api/v1/registrations/{rid}/undo-cancel"))).send();
    let (code, _) = error_code(undo().await.unwrap(), StatusCode::CONFLICT).await;
    assert_eq!(code, "undo_unavailable");
    // A waiting-list place comes back as it was, but not after the window.
    let c = s.app.user("late-c@example.com", "丙").await;
    let rc = body(s.register(&c, event, ticket, &["丙"]).await).await;
    let cid = rc["id"].as_i64().unwrap();
    assert_eq!(s.status(&c, cid, "cancel").await["undo"]["to"], "waitlisted");
    sql::query("UPDATE registrations SET updated_at = $1 WHERE id = $2")
        .bind(time::OffsetDateTime::now_utc() - time::Duration::minutes(31))
        .bind(cid)
        .execute(&s.app.state.db)
        .await
        .unwrap();
    let r = c.post(s.app.url(&format!("/api/v1/registrations/{cid}/undo-cancel"))).send().await.unwrap();
    assert_eq!(error_code(r, StatusCode::CONFLICT).await.0, "undo_unavailable");
}

#[tokio::test]
async fn the_registrant_table_searches_filters_sorts_pages_and_acts_on_a_selection_all_or_nothing() {
    let s = setup().await;
    let (event, ticket) = s.event(50, 50, true).await;
    let mut ids = vec![];
    for (i, name) in ["张伟", "李娜", "王芳"].iter().enumerate() {
        let c = s.app.user(&format!("r{i}@example.com"), name).await;
        let r = body(s.register(&c, event, ticket, &[name]).await).await;
        assert_eq!(r["status"], "pending");
        ids.push(r["id"].as_i64().unwrap());
    }
    let table = |query: &str| s.organizer.get(s.app.url(&format!("/api/v1/events/{event}/registrants?{query}"))).send();
    let all = body(table("per_page=2").await.unwrap()).await;
    assert_eq!((all["total"].as_u64(), all["items"].as_array().unwrap().len()), (Some(3), 2), "paged: {all}");
    assert_eq!(all["items"][0]["id"], ids[2], "newest first");
    let found = body(table("q=李娜").await.unwrap()).await;
    assert_eq!((found["total"].as_u64(), found["items"][0]["email"].as_str()), (Some(1), Some("r1@example.com")));
    let by_name = body(table("sort=oldest").await.unwrap()).await;
    assert_eq!(by_name["items"][0]["id"], ids[0]);
    assert_eq!(by_name["items"][0]["ticket_zh"], "普通");
    assert_eq!(by_name["items"][0]["checked_in"], 0);

    // Approving a selection with one that is no longer pending changes nothing.
    s.status(&s.organizer, ids[0], "approve").await;
    let bulk = |ids: &[i64], action: &str| {
        s.organizer
            .post(s.app.url(&format!("/api/v1/events/{event}/registrations/bulk")))
            .json(&json!({"ids": ids, "action": action}))
            .send()
    };
    error_code(bulk(&ids, "approve").await.unwrap(), StatusCode::CONFLICT).await;
    let pending = body(table("status=pending").await.unwrap()).await;
    assert_eq!(pending["total"], 2, "nothing was approved: {pending}");
    let done = body(bulk(&ids[1..], "approve").await.unwrap()).await;
    assert_eq!(done.as_array().unwrap().iter().filter(|r| r["status"] == "confirmed").count(), 2);
    assert_eq!(body(table("status=pending").await.unwrap()).await["total"], 0);

    // A message to the selection is previewed (whom, the email in both languages) and nothing sent.
    let msg = json!({"text": "请于 8:30 前到场签到", "registrations": [ids[1]]});
    let outbox =
        || async { sql::query_as::<(i64,)>("SELECT COUNT(*) FROM outbox").fetch_one(&s.app.state.db).await.unwrap().0 };
    let before = outbox().await;
    let r = s
        .organizer
        .post(s.app.url(&format!("/api/v1/events/{event}/messages/preview")))
        .json(&msg)
        .send()
        .await
        .unwrap();
    let preview = body(r).await;
    assert_eq!((preview["recipients"].as_u64(), preview["names"][0].as_str()), (Some(1), Some("李娜")), "{preview}");
    assert!(preview["body_zh"].as_str().unwrap().contains("请于 8:30 前到场签到"), "{preview}");
    assert!(preview["subject_en"].as_str().unwrap().starts_with("【"), "{preview}");
    assert_eq!(outbox().await, before, "a preview sends nothing");
    let r = s.organizer.post(s.app.url(&format!("/api/v1/events/{event}/messages"))).json(&msg).send().await.unwrap();
    assert_eq!(body(r).await["recipients"], 1);

    // The selection exported; a mistyped selection is refused, not widened to everyone.
    let csv = s
        .organizer
        .get(s.app.url(&format!("/api/v1/events/{event}/registrations.csv?ids={},{}", ids[0], ids[2])))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(csv.contains("张伟") && csv.contains("王芳") && !csv.contains("李娜"), "{csv}");
    let r =
        s.organizer.get(s.app.url(&format!("/api/v1/events/{event}/registrations.csv?ids=1,x"))).send().await.unwrap();
    error_code(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    // Registrants see none of it.
    let other = s.app.user("nosy@example.com", "好奇").await;
    let r = other.get(s.app.url(&format!("/api/v1/events/{event}/registrants"))).send().await.unwrap();
    error_code(r, StatusCode::FORBIDDEN).await;
}
