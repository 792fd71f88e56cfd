//! Matchmaking meetings: slots and tables, availability, requests scored by the matching engine,
//! the scheduler, personal agendas and the organizers' table plan.

use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{body, error_code};
use crate::market::org_of_kind;
use crate::matching;

struct Meet {
    s: matching::Setup,
    organizer: Client,
    event: i64,
    slots: Vec<i64>,
}

fn matchmaking(org: i64, event_type: &str) -> Value {
    json!({"org_id": org, "title_zh": "未来产业供需对接会", "description_zh": "企业与实验室一对一洽谈",
           "event_type": event_type, "venue": "杭州未来科技城", "starts_at": "2099-05-01T05:00:00Z",
           "ends_at": "2099-05-01T10:00:00Z", "capacity": 50})
}

impl Meet {
    fn url(&self, path: &str) -> String {
        self.s.m.app.url(path)
    }

    async fn get(&self, c: &Client, path: &str) -> Value {
        let r = c.get(self.url(path)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{path}");
        body(r).await
    }

    async fn available(&self, c: &Client, slots: &[usize]) {
        let ids: Vec<i64> = slots.iter().map(|i| self.slots[*i]).collect();
        let r = c
            .put(self.url(&format!("/api/v1/events/{}/meetings/availability", self.event)))
            .json(&json!({"slots": ids}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
    }

    async fn request(&self, from: &Client, to: i64) -> reqwest::Response {
        from.post(self.url(&format!("/api/v1/events/{}/meetings/requests", self.event)))
            .json(&json!({"to_user": to, "message": "想聊聊合作"}))
            .send()
            .await
            .unwrap()
    }

    async fn user_id(&self, c: &Client) -> i64 {
        self.get(c, "/api/v1/me").await["id"].as_i64().unwrap()
    }
}

/// The matching setup's enterprise (with a battery demand), fitting lab and unrelated lab, all
/// registered for a matchmaking event with three 20-minute slots and two tables.
async fn meet() -> Meet {
    let s = matching::setup().await;
    let organizer = s.m.app.user("org@example.com", "主办方").await;
    let org = org_of_kind(&s.m.app, &organizer, "organizer", None, Some(&s.m.admin)).await;
    let r = organizer.post(s.m.app.url("/api/v1/events")).json(&matchmaking(org, "matchmaking")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let event = body(r).await["id"].as_i64().unwrap();
    let t = json!({"name_zh": "洽谈席", "quota": 50});
    let r = organizer.post(s.m.app.url(&format!("/api/v1/events/{event}/ticket-types"))).json(&t).send().await.unwrap();
    let ticket = body(r).await["id"].as_i64().unwrap();
    for c in [&s.m.owner, &s.lab_owner, &s.other_owner] {
        let req = json!({"ticket_type": ticket, "people": ["本人"]});
        let r = c.post(s.m.app.url(&format!("/api/v1/events/{event}/registrations"))).json(&req).send().await.unwrap();
        assert_eq!(body(r).await["status"], "confirmed");
    }
    let slots: Vec<Value> = [("05:00", "05:20"), ("05:30", "05:50"), ("06:00", "06:20")]
        .iter()
        .map(|(a, b)| json!({"starts_at": format!("2099-05-01T{a}:00Z"), "ends_at": format!("2099-05-01T{b}:00Z")}))
        .collect();
    let r = organizer
        .put(s.m.app.url(&format!("/api/v1/events/{event}/meetings/setup")))
        .json(&json!({"tables": 2, "slots": slots}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let setup = body(r).await;
    assert_eq!(setup["tables"], 2);
    let slots = setup["slots"].as_array().unwrap().iter().map(|s| s["id"].as_i64().unwrap()).collect();
    Meet { s, organizer, event, slots }
}

#[tokio::test]
async fn attendees_are_ranked_by_the_engine_and_accepted_meetings_are_scheduled_without_double_booking() {
    let m = meet().await;
    let (owner, lab, other) = (&m.s.m.owner, &m.s.lab_owner, &m.s.other_owner);
    let (lab_id, other_id) = (m.user_id(lab).await, m.user_id(other).await);
    m.available(owner, &[0, 1]).await;
    m.available(lab, &[1, 2]).await;
    m.available(other, &[0, 1, 2]).await;

    // The lab whose capability fits the enterprise's demand comes first, with the engine's reasons.
    let list = m.get(owner, &format!("/api/v1/events/{}/meetings/attendees", m.event)).await;
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2, "everyone but oneself");
    assert_eq!(list[0]["person"]["user_id"], lab_id);
    // Registered for no organization, each is named by the first they joined.
    assert_eq!(list[0]["person"]["org_id"], m.s.lab, "{}", list[0]);
    assert!(list[0]["person"]["org_name_zh"].as_str().is_some_and(|n| !n.is_empty()));
    assert!(list[0]["score"].as_u64().unwrap() > list[1]["score"].as_u64().unwrap());
    assert!(!list[0]["reasons"].as_array().unwrap().is_empty());
    assert_eq!(list[0]["via"][1], "固态电池电解质界面改性平台");
    assert_eq!(list[0]["common_slots"], 1);

    // Requests: accepted by the other side; a second one between the same two is refused.
    let r = m.request(owner, lab_id).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let to_lab = body(r).await["id"].as_i64().unwrap();
    error_code(m.request(lab, m.user_id(owner).await).await, StatusCode::CONFLICT).await;
    let incoming = m.get(lab, &format!("/api/v1/events/{}/meetings", m.event)).await;
    assert_eq!(incoming["requests"][0]["incoming"], true);
    assert_eq!(incoming["requests"][0]["from"]["org_id"], m.s.m.org, "{incoming}");
    error_code(
        owner.post(m.url(&format!("/api/v1/meeting-requests/{to_lab}/accept"))).send().await.unwrap(),
        StatusCode::FORBIDDEN,
    )
    .await;
    let r = lab.post(m.url(&format!("/api/v1/meeting-requests/{to_lab}/accept"))).send().await.unwrap();
    assert_eq!(body(r).await["status"], "accepted");
    let to_other = body(m.request(owner, other_id).await).await["id"].as_i64().unwrap();
    other.post(m.url(&format!("/api/v1/meeting-requests/{to_other}/accept"))).send().await.unwrap();
    let kinds = |v: Value| v["items"].as_array().unwrap().iter().map(|n| n["kind"].clone()).collect::<Vec<_>>();
    assert!(kinds(m.get(lab, "/api/v1/notifications").await).contains(&json!("meeting_requested")));
    assert!(kinds(m.get(owner, "/api/v1/notifications").await).contains(&json!("meeting_accepted")));

    // The scheduler: the enterprise meets the lab in the one slot they share, the other lab in another.
    let r = m.organizer.post(m.url(&format!("/api/v1/events/{}/meetings/schedule", m.event))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let report = body(r).await;
    assert_eq!((report["accepted"].as_u64(), report["placed"].as_u64()), (Some(2), Some(2)));
    let agenda = m.get(owner, &format!("/api/v1/events/{}/meetings", m.event)).await["agenda"].clone();
    let agenda = agenda.as_array().unwrap();
    assert_eq!(agenda.len(), 2);
    let slot_with = |user: i64| agenda.iter().find(|a| a["with"]["user_id"] == user).unwrap()["slot"]["id"].clone();
    assert_eq!(slot_with(lab_id), m.slots[1]);
    assert_ne!(slot_with(other_id), slot_with(lab_id), "never two meetings at once");
    assert!(kinds(m.get(other, "/api/v1/notifications").await).contains(&json!("meetings_scheduled")));

    // The personal agenda as a calendar, and the organizers' table plan as Excel.
    let ics = lab.get(m.url(&format!("/api/v1/events/{}/meetings/agenda.ics", m.event))).send().await.unwrap();
    assert_eq!(ics.headers()["content-type"], "text/calendar; charset=utf-8");
    let ics = ics.text().await.unwrap();
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1);
    assert!(ics.contains("DTSTART:20990501T053000Z"), "{ics}");
    let xlsx = m.organizer.get(m.url(&format!("/api/v1/events/{}/meetings/plan.xlsx", m.event))).send().await.unwrap();
    assert_eq!(xlsx.status(), StatusCode::OK);
    let rows = crate::events::sheet(&xlsx.bytes().await.unwrap(), "桌位安排");
    assert_eq!(rows.len(), 3, "a header and two meetings");
    assert!(rows[1..].iter().any(|r| r.contains(&"实验室".to_owned())), "{rows:?}");
    error_code(
        owner.get(m.url(&format!("/api/v1/events/{}/meetings/plan.xlsx", m.event))).send().await.unwrap(),
        StatusCode::FORBIDDEN,
    )
    .await;

    // The lab's personal download holds when it is free, the request it received (without the
    // sender's message, which is theirs) and its meeting; the sender's holds its own message.
    let mine = m.get(lab, "/api/v1/me/export").await;
    assert!(!mine["meeting_availability"].as_array().unwrap().is_empty(), "{mine}");
    let received = mine["meeting_requests"].as_array().unwrap().iter().find(|r| r["id"] == to_lab).cloned().unwrap();
    assert_eq!((received["direction"].as_str(), received["message"].as_str()), (Some("received"), Some("")));
    assert!(mine["meetings"].as_array().unwrap().iter().any(|x| x["request_id"] == to_lab), "{mine}");
    let theirs = m.get(owner, "/api/v1/me/export").await;
    let sent = theirs["meeting_requests"].as_array().unwrap().iter().find(|r| r["id"] == to_lab).cloned().unwrap();
    assert_eq!((sent["direction"].as_str(), sent["message"].as_str()), (Some("sent"), Some("想聊聊合作")));

    // Calling a meeting off takes it out of both agendas.
    lab.post(m.url(&format!("/api/v1/meeting-requests/{to_lab}/cancel"))).send().await.unwrap();
    let agenda = m.get(owner, &format!("/api/v1/events/{}/meetings", m.event)).await["agenda"].clone();
    assert_eq!(agenda.as_array().unwrap().len(), 1);

    // Someone who cancels their registration leaves the schedule at the next run but keeps their
    // name in the others' requests.
    let own = m.get(other, &format!("/api/v1/events/{}/registrations", m.event)).await;
    let reg = own[0]["id"].as_i64().unwrap();
    other.post(m.url(&format!("/api/v1/registrations/{reg}/cancel"))).send().await.unwrap();
    let report =
        body(m.organizer.post(m.url(&format!("/api/v1/events/{}/meetings/schedule", m.event))).send().await.unwrap())
            .await;
    assert_eq!(report["accepted"], 0);
    let area = m.get(owner, &format!("/api/v1/events/{}/meetings", m.event)).await;
    assert_eq!(area["agenda"].as_array().unwrap().len(), 0);
    let to_them = area["requests"].as_array().unwrap().iter().find(|r| r["id"] == to_other).unwrap().clone();
    assert_eq!(to_them["to"]["name"], "量子所");
}

#[tokio::test]
async fn only_attendees_take_part_only_organizers_set_up_and_schedule_and_bad_input_is_refused() {
    let m = meet().await;
    let owner = &m.s.m.owner;
    let outsider = m.s.m.app.user("outsider@example.com", "路人").await;
    let lab_id = m.user_id(&m.s.lab_owner).await;
    let base = format!("/api/v1/events/{}/meetings", m.event);
    let (code, _) = error_code(m.request(&outsider, lab_id).await, StatusCode::FORBIDDEN).await;
    assert_eq!(code, "not_attendee");
    let r = outsider.put(m.url(&format!("{base}/availability"))).json(&json!({"slots": []})).send().await.unwrap();
    error_code(r, StatusCode::FORBIDDEN).await;
    error_code(outsider.get(m.url(&format!("{base}/attendees"))).send().await.unwrap(), StatusCode::FORBIDDEN).await;
    // Attendees do not run the event.
    let r = owner.put(m.url(&format!("{base}/setup"))).json(&json!({"tables": 1, "slots": []})).send().await.unwrap();
    error_code(r, StatusCode::FORBIDDEN).await;
    error_code(owner.post(m.url(&format!("{base}/schedule"))).send().await.unwrap(), StatusCode::FORBIDDEN).await;
    // Bad input: a slot of no such event, oneself, overlapping slots.
    let r = owner.put(m.url(&format!("{base}/availability"))).json(&json!({"slots": [999_999]})).send().await.unwrap();
    let (_, fields) = error_code(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(fields["error"]["fields"].get("slots").is_some());
    let me = m.user_id(owner).await;
    error_code(m.request(owner, me).await, StatusCode::UNPROCESSABLE_ENTITY).await;
    let overlapping = json!({"tables": 3, "slots": [
        {"starts_at": "2099-05-01T05:00:00Z", "ends_at": "2099-05-01T05:30:00Z"},
        {"starts_at": "2099-05-01T05:20:00Z", "ends_at": "2099-05-01T05:40:00Z"}]});
    let r = m.organizer.put(m.url(&format!("{base}/setup"))).json(&overlapping).send().await.unwrap();
    let (_, fields) = error_code(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(fields["error"]["fields"].get("slots").is_some());
    // Only matchmaking events have meetings.
    let org = m.get(&m.organizer, &format!("/api/v1/events/{}", m.event)).await["org_id"].as_i64().unwrap();
    let forum =
        body(m.organizer.post(m.url("/api/v1/events")).json(&matchmaking(org, "forum")).send().await.unwrap()).await;
    let r = m.organizer.get(m.url(&format!("/api/v1/events/{}/meetings", forum["id"]))).send().await.unwrap();
    let (code, _) = error_code(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(code, "not_matchmaking");
}
