//! Messages to registrants, invitation codes, sessions and speakers.

use super::*;

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
    // The professor's first organization names them on the programme; a later one does not.
    s.app.org(&prof, "之江实验室").await;
    s.app.org(&prof, "西湖大学").await;
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
    assert_eq!(public[0]["speakers"][1]["org_name_zh"], "之江实验室");
    assert!(public[0]["speakers"][0]["org_name_zh"].is_null(), "a name typed has no organization");
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
