//! What organizers take away: calendars, CSV and Excel exports, answers to questions.

use super::*;

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
