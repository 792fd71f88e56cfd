//! Cancelling and undoing, the organizers' registrant table, one's own registrations, erasure.

use super::*;

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
    s.app.advance(time::Duration::minutes(i64::from(shared::events::UNDO_MINUTES) + 1));
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
