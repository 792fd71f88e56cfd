//! 揭榜挂帅: applications until the deadline, shortlist and clarifications, selection, the public
//! notice and its objection window.

use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{body, error_code};
use crate::market::{Market, demand, market, org_of_kind};

struct Call {
    m: Market,
    demand: i64,
    lab_owner: Client,
    lab: i64,
    rival_owner: Client,
    rival: i64,
    public: Client,
}

async fn call() -> Call {
    let m = market().await;
    let mut payload = demand(m.org);
    // Applications close a week from today; `close_applications` moves the clock past that.
    let closes = (m.app.now().await + time::Duration::days(7)).date();
    payload["open_call"] = json!({"reward": 500, "application_deadline": closes.to_string()});
    let id = m.draft(payload, "/api/v1/demands").await;
    m.publish(&m.owner, "/api/v1/demands", id).await;
    let lab_owner = m.app.user("lab@example.com", "实验室").await;
    let lab = org_of_kind(&m.app, &lab_owner, "lab", Some("research_institute"), Some(&m.admin)).await;
    let rival_owner = m.app.user("rival@example.com", "对手").await;
    let rival = org_of_kind(&m.app, &rival_owner, "lab", Some("research_institute"), Some(&m.admin)).await;
    let public = m.app.user("citizen@example.com", "市民").await;
    Call { m, demand: id, lab_owner, lab, rival_owner, rival, public }
}

fn application(org: i64, solution: &str) -> Value {
    json!({"org_id": org, "solution": solution, "team": "12人，含3名教授", "budget": 450, "timeline": "12个月完成中试"})
}

impl Call {
    fn url(&self, path: &str) -> String {
        self.m.app.url(path)
    }

    async fn apply(&self, c: &Client, org: i64, solution: &str) -> reqwest::Response {
        c.post(self.url(&format!("/api/v1/demands/{}/applications", self.demand)))
            .json(&application(org, solution))
            .send()
            .await
            .unwrap()
    }

    async fn post(&self, c: &Client, path: &str, payload: Value) -> reqwest::Response {
        c.post(self.url(path)).json(&payload).send().await.unwrap()
    }

    /// Eight days on: the application deadline (a week from the day the call was made) has passed.
    fn close_applications(&self) {
        self.m.app.advance(time::Duration::days(8));
    }

    /// Ten days on: the objection window (five working days) has ended.
    fn end_window(&self) {
        self.m.app.advance(time::Duration::days(10));
    }

    /// The periodic job that closes ended windows, on the application's clock.
    async fn close_windows(&self) -> Vec<(i64, shared::opencall::NoticeStatus)> {
        let state = &self.m.app.state;
        state.clock.scope(backend::opencall::ops::close_windows(state)).await.unwrap()
    }

    /// Both labs apply, the call closes, the owner selects the lab: the notice's id.
    async fn decided(&self) -> i64 {
        let mine = body(self.apply(&self.lab_owner, self.lab, "界面改性方案").await).await["id"].as_i64().unwrap();
        self.apply(&self.rival_owner, self.rival, "另一方案").await;
        self.close_applications();
        let r = self
            .post(
                &self.m.owner,
                &format!("/api/v1/demands/{}/notice", self.demand),
                json!({"winners": [mine], "rationale": "方案成熟"}),
            )
            .await;
        assert_eq!(r.status(), StatusCode::CREATED);
        body(r).await["id"].as_i64().unwrap()
    }
}

#[tokio::test]
async fn an_open_call_takes_applications_until_its_deadline_and_the_owner_publishes_the_result() {
    let c = call().await;
    let apps = format!("/api/v1/demands/{}/applications", c.demand);
    let r = c.apply(&c.lab_owner, c.lab, "界面改性方案").await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let mine = body(r).await;
    assert_eq!(mine["status"], "submitted");
    let mine = mine["id"].as_i64().unwrap();
    error_code(c.apply(&c.lab_owner, c.lab, "再来一次").await, StatusCode::CONFLICT).await;
    // The owner cannot apply to its own call; an outsider cannot apply for the lab.
    error_code(c.apply(&c.m.owner, c.m.org, "自己").await, StatusCode::UNPROCESSABLE_ENTITY).await;
    error_code(c.apply(&c.rival_owner, c.lab, "冒名").await, StatusCode::FORBIDDEN).await;
    let (_, v) = error_code(
        c.lab_owner
            .post(c.url(&apps))
            .json(&json!({"org_id": c.lab, "solution": "", "team": "", "budget": 1, "timeline": ""}))
            .send()
            .await
            .unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(v["error"]["fields"]["solution"].is_string() && v["error"]["fields"]["team"].is_string());
    // Revised before the deadline.
    let revised = c
        .lab_owner
        .put(c.url(&format!("{apps}/{mine}")))
        .json(&application(c.lab, "改进后的方案"))
        .send()
        .await
        .unwrap();
    assert_eq!(body(revised).await["solution"], "改进后的方案");
    let theirs = body(c.apply(&c.rival_owner, c.rival, "另一方案").await).await["id"].as_i64().unwrap();

    // Who sees what.
    let all = body(c.m.owner.get(c.url(&apps)).send().await.unwrap()).await;
    assert_eq!(all.as_array().unwrap().len(), 2);
    let own = body(c.lab_owner.get(c.url(&apps)).send().await.unwrap()).await;
    assert_eq!(own.as_array().unwrap().len(), 1);
    assert_eq!(own[0]["id"], mine);
    assert_eq!(body(c.public.get(c.url(&apps)).send().await.unwrap()).await, json!([]));
    error_code(c.m.app.client().get(c.url(&apps)).send().await.unwrap(), StatusCode::UNAUTHORIZED).await;

    // Shortlist, clarification asked and answered.
    error_code(c.post(&c.lab_owner, &format!("{apps}/{mine}/shortlist"), json!({})).await, StatusCode::FORBIDDEN).await;
    assert_eq!(
        body(c.post(&c.m.owner, &format!("{apps}/{mine}/shortlist"), json!({})).await).await["status"],
        "shortlisted"
    );
    let asked =
        body(c.post(&c.m.owner, &format!("{apps}/{mine}/clarifications"), json!({"text": "中试线在哪里？"})).await)
            .await;
    let q = asked["clarifications"][0]["id"].as_i64().unwrap();
    error_code(
        c.post(&c.rival_owner, &format!("{apps}/{mine}/clarifications/{q}/answer"), json!({"text": "x"})).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    let answered = body(
        c.post(&c.lab_owner, &format!("{apps}/{mine}/clarifications/{q}/answer"), json!({"text": "钱塘区"})).await,
    )
    .await;
    assert_eq!(answered["clarifications"][0]["answer"], "钱塘区");

    // No result before the deadline; after it, no more applications or revisions.
    let select = format!("/api/v1/demands/{}/notice", c.demand);
    let winners = json!({"winners": [mine], "rationale": "方案成熟，团队有中试经验"});
    error_code(c.post(&c.m.owner, &select, winners.clone()).await, StatusCode::CONFLICT).await;
    c.close_applications();
    let late = c.m.app.user("late@example.com", "迟到").await;
    let late_org = org_of_kind(&c.m.app, &late, "lab", Some("research_institute"), Some(&c.m.admin)).await;
    let (_, v) = error_code(c.apply(&late, late_org, "迟到方案").await, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(v["error"]["fields"]["application_deadline"].is_string());
    let r = c.lab_owner.put(c.url(&format!("{apps}/{mine}"))).json(&application(c.lab, "截止后")).send().await.unwrap();
    error_code(r, StatusCode::UNPROCESSABLE_ENTITY).await;

    // Selection: only the owner, only its own applications.
    error_code(c.post(&c.lab_owner, &select, winners.clone()).await, StatusCode::FORBIDDEN).await;
    error_code(
        c.post(&c.m.owner, &select, json!({"winners": [999999], "rationale": "x"})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    let r = c.post(&c.m.owner, &select, winners.clone()).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let notice = body(r).await;
    assert_eq!(notice["status"], "open");
    assert_eq!(notice["winners"][0]["id"], c.lab);
    assert_eq!(notice["reward"], 500);
    error_code(c.post(&c.m.owner, &select, winners).await, StatusCode::CONFLICT).await;
    let statuses = body(c.m.owner.get(c.url(&apps)).send().await.unwrap()).await;
    let status_of = |id: i64| statuses.as_array().unwrap().iter().find(|a| a["id"] == id).unwrap()["status"].clone();
    assert_eq!((status_of(mine), status_of(theirs)), (json!("selected"), json!("not_selected")));
    // Both applicants hear of the result.
    for client in [&c.lab_owner, &c.rival_owner] {
        let n = body(client.get(c.url("/api/v1/notifications")).send().await.unwrap()).await;
        assert!(n["items"].as_array().unwrap().iter().any(|n| n["kind"] == "open_call_result"), "{n}");
    }
    // The notice is public.
    let public = body(c.m.app.client().get(c.url("/api/v1/notices")).send().await.unwrap()).await;
    assert_eq!(public["total"], 1);
    assert_eq!(public["items"][0]["demand_id"], c.demand);
}

#[tokio::test]
async fn objections_are_answered_within_the_window_and_the_result_becomes_final() {
    let c = call().await;
    let id = c.decided().await;
    let objections = format!("/api/v1/notices/{id}/objections");
    error_code(
        c.m.app.client().post(c.url(&objections)).json(&json!({"text": "x"})).send().await.unwrap(),
        StatusCode::UNAUTHORIZED,
    )
    .await;
    let r = c.post(&c.public, &objections, json!({"text": "入选单位的中试线尚未建成"})).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let notice = body(r).await;
    let objection = notice["objections"][0]["id"].as_i64().unwrap();
    assert!(notice["objections"][0].get("user_id").is_none(), "objections are anonymous");
    let n = body(c.m.owner.get(c.url("/api/v1/notifications")).send().await.unwrap()).await;
    assert!(n["items"].as_array().unwrap().iter().any(|n| n["kind"] == "objection"));

    let answer = format!("{objections}/{objection}/answer");
    error_code(c.post(&c.rival_owner, &answer, json!({"text": "x"})).await, StatusCode::FORBIDDEN).await;
    let answered = body(c.post(&c.m.owner, &answer, json!({"text": "中试线已于10月投产，附验收报告"})).await).await;
    assert_eq!(answered["objections"][0]["answer"], "中试线已于10月投产，附验收报告");
    error_code(c.post(&c.m.owner, &answer, json!({"text": "again"})).await, StatusCode::NOT_FOUND).await;

    // Nothing closes early; once the window ends with every objection answered, the result is final.
    assert!(c.close_windows().await.is_empty());
    c.end_window();
    let closed = c.close_windows().await;
    assert_eq!(closed, vec![(id, shared::opencall::NoticeStatus::Final)]);
    let notice = body(c.m.app.client().get(c.url(&format!("/api/v1/notices/{id}"))).send().await.unwrap()).await;
    assert_eq!(notice["status"], "final");
    let actions: Vec<&str> =
        notice["history"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["published", "objection", "answered", "final"]);
    // The plan dashboard counts the call as a key technology tackled.
    let targets = body(c.m.app.client().get(c.url("/api/v1/dashboard/targets")).send().await.unwrap()).await;
    let key = targets.as_array().unwrap().iter().find(|t| t["code"] == "key_technologies").unwrap();
    assert_eq!(key["current"], 1);
    // No objections after the window.
    let (_, v) =
        error_code(c.post(&c.public, &objections, json!({"text": "太晚了"})).await, StatusCode::UNPROCESSABLE_ENTITY)
            .await;
    assert!(v["error"]["fields"]["window_ends"].is_string());
}

#[tokio::test]
async fn a_result_left_with_unanswered_objections_is_decided_by_a_site_admin() {
    let c = call().await;
    let id = c.decided().await;
    c.post(&c.public, &format!("/api/v1/notices/{id}/objections"), json!({"text": "评审不公开"})).await;
    let decision = format!("/api/v1/notices/{id}/decision");
    error_code(c.post(&c.m.admin, &decision, json!({"uphold": true, "note": "x"})).await, StatusCode::CONFLICT).await;
    c.end_window();
    let closed = c.close_windows().await;
    assert_eq!(closed, vec![(id, shared::opencall::NoticeStatus::UnderReview)]);
    // It waits in the admins' list of notices under review; other statuses are not listed there.
    let waiting = body(c.m.app.client().get(c.url("/api/v1/notices?status=under_review")).send().await.unwrap()).await;
    assert_eq!((waiting["total"].as_u64(), waiting["items"][0]["id"].as_i64()), (Some(1), Some(id)));
    let open = body(c.m.app.client().get(c.url("/api/v1/notices?status=open")).send().await.unwrap()).await;
    assert_eq!(open["total"], 0);
    error_code(c.post(&c.m.owner, &decision, json!({"uphold": true, "note": "x"})).await, StatusCode::FORBIDDEN).await;
    error_code(
        c.post(&c.m.admin, &decision, json!({"uphold": false, "note": ""})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    let decided =
        body(c.post(&c.m.admin, &decision, json!({"uphold": false, "note": "评审程序不完整，撤销结果"})).await).await;
    assert_eq!(decided["status"], "overturned");
    assert_eq!(decided["decision_note"], "评审程序不完整，撤销结果");
}

#[tokio::test]
async fn a_demand_without_an_open_call_takes_no_applications() {
    let m = market().await;
    let id = m.draft(demand(m.org), "/api/v1/demands").await;
    m.publish(&m.owner, "/api/v1/demands", id).await;
    let lab_owner = m.app.user("lab@example.com", "实验室").await;
    let lab = org_of_kind(&m.app, &lab_owner, "lab", Some("research_institute"), Some(&m.admin)).await;
    let r = lab_owner
        .post(m.app.url(&format!("/api/v1/demands/{id}/applications")))
        .json(&application(lab, "方案"))
        .send()
        .await
        .unwrap();
    error_code(r, StatusCode::NOT_FOUND).await;
    error_code(m.app.client().get(m.app.url("/api/v1/notices/12345")).send().await.unwrap(), StatusCode::NOT_FOUND)
        .await;
}

#[tokio::test]
async fn application_files_are_read_by_the_applicant_and_the_owner_only() {
    let c = call().await;
    let mine = body(c.apply(&c.lab_owner, c.lab, "方案").await).await["id"].as_i64().unwrap();
    let upload = |client: &Client, bytes: &'static [u8]| {
        let url = c.url(&format!("/api/v1/demands/{}/applications/{mine}/attachments?name=方案书.pdf", c.demand));
        client.post(url).header("content-type", "application/octet-stream").body(bytes).send()
    };
    error_code(upload(&c.lab_owner, b"<html>").await.unwrap(), StatusCode::UNSUPPORTED_MEDIA_TYPE).await;
    error_code(upload(&c.rival_owner, b"%PDF-1.4\n").await.unwrap(), StatusCode::NOT_FOUND).await;
    let r = upload(&c.lab_owner, b"%PDF-1.4\n%%EOF\n").await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let file = body(r).await["id"].as_i64().unwrap();
    let apps =
        body(c.m.owner.get(c.url(&format!("/api/v1/demands/{}/applications", c.demand))).send().await.unwrap()).await;
    assert_eq!(apps[0]["attachments"][0]["name"], "方案书.pdf");
    let download = format!("/api/v1/application-files/{file}");
    let got = c.m.owner.get(c.url(&download)).send().await.unwrap();
    assert_eq!(got.status(), StatusCode::OK);
    assert_eq!(got.bytes().await.unwrap().as_ref(), b"%PDF-1.4\n%%EOF\n");
    error_code(c.rival_owner.get(c.url(&download)).send().await.unwrap(), StatusCode::NOT_FOUND).await;
    c.close_applications();
    error_code(upload(&c.lab_owner, b"%PDF-1.4\n").await.unwrap(), StatusCode::UNPROCESSABLE_ENTITY).await;
}
