//! Events: organizers, ticket types, registrations that never oversell, the waiting list and offers.

use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{TestApp, body, error_code, spawn_app};
use crate::market::org_of_kind;
use backend::db::sql;

mod checkin;
mod exports;
mod messages;
mod registrants;

pub(crate) struct Setup {
    pub(crate) app: TestApp,
    pub(crate) organizer: Client,
    pub(crate) org: i64,
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
    s.app.advance(time::Duration::hours(i64::from(shared::events::OFFER_HOURS)) + time::Duration::minutes(1));
    let expire = s.app.state.clock.scope(backend::events::ops::expire_offers(&s.app.state));
    assert_eq!(expire.await.unwrap(), vec![id(rd.clone())]);
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
