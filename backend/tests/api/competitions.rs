//! Competitions: set-up, teams, staged submissions, conflict-aware assignment, scoring, normalised
//! results, the public notice, certificates, the audit log and the Excel export.
//!
//! This file is long because a competition's journeys build on one set-up (tracks, stages, teams, a
//! panel) that each test walks further; split per stage when it next grows.

use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

use crate::events::sheet;
use crate::helpers::{TestApp, body, error_code, spawn_app};
use crate::market::org_of_kind;
use backend::db::sql;

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

fn competition(org: i64, k: u32, rubric: Value) -> Value {
    let deadline = (time::OffsetDateTime::now_utc() + time::Duration::days(7))
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap();
    json!({
        "org_id": org, "title_zh": "未来产业创新创业大赛", "description_zh": "面向5+X领域的创新创业项目",
        "eligibility_zh": "在杭注册的初创企业或团队",
        "tracks": [{"domain": "gen_ai", "name_zh": "人工智能赛道"}, {"domain": "quantum", "name_zh": "量子信息赛道"}],
        "stages": [{"name_zh": "决赛", "deadline": deadline, "advance": 2,
                    "fields": [{"label_zh": "融资需求", "required": true}]}],
        "rubric": rubric, "judges_per_entry": k,
    })
}

struct Setup {
    app: TestApp,
    admin: Client,
    organizer: Client,
    org: i64,
}

async fn setup() -> Setup {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let organizer = app.user("org@example.com", "大赛组委会").await;
    let org = org_of_kind(&app, &organizer, "organizer", None, Some(&admin)).await;
    Setup { app, admin, organizer, org }
}

impl Setup {
    async fn create(&self, k: u32, rubric: Value) -> (i64, i64, Vec<i64>) {
        let r =
            self.organizer.post(self.app.url("/api/v1/competitions")).json(&competition(self.org, k, rubric)).send();
        let c = r.await.unwrap();
        assert_eq!(c.status(), StatusCode::CREATED);
        let c = body(c).await;
        let tracks = c["tracks"].as_array().unwrap().iter().map(|t| t["id"].as_i64().unwrap()).collect();
        (c["id"].as_i64().unwrap(), c["stages"][0]["id"].as_i64().unwrap(), tracks)
    }

    /// An approved expert in `domains`; returns the client, expert id and user id.
    async fn expert(&self, email: &str, name: &str, domains: &[&str]) -> (Client, i64, i64) {
        let c = self.app.user(email, name).await;
        let e = body(
            c.put(self.app.url("/api/v1/experts/me"))
                .json(
                    &json!({"kind": "scientist", "domains": domains, "keywords": ["大模型"], "affiliation": "浙江大学",
                              "title": "教授", "bio": "长期从事相关研究"}),
                )
                .send()
                .await
                .unwrap(),
        )
        .await;
        let id = e["id"].as_i64().unwrap();
        let r = self.admin.post(self.app.url(&format!("/api/v1/admin/experts/{id}/approve"))).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        (c, id, e["user_id"].as_i64().unwrap())
    }

    /// A team led by a new user, with a submission; returns the leader and the team id.
    async fn team(&self, competition: i64, stage: i64, track: i64, name: &str, org: Option<i64>) -> (Client, i64) {
        let leader = self.app.user(&format!("{name}@example.com"), name).await;
        self.team_of(&leader, competition, stage, track, name, org).await
    }

    async fn team_of(
        &self,
        leader: &Client,
        competition: i64,
        stage: i64,
        track: i64,
        name: &str,
        org: Option<i64>,
    ) -> (Client, i64) {
        let r = leader
            .post(self.app.url(&format!("/api/v1/competitions/{competition}/teams")))
            .json(&json!({"name": name, "track_id": track, "org_id": org, "members": ["member@example.com"]}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::CREATED, "registering {name}");
        let team = body(r).await["id"].as_i64().unwrap();
        let r = leader
            .put(self.app.url(&format!("/api/v1/teams/{team}/stages/{stage}/submission")))
            .json(&json!({"summary": format!("{name}：基于大模型的工业质检"), "extras": ["500万元"]}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        (leader.clone(), team)
    }

    /// Each invited judge accepts the invitation to the stage's panel.
    async fn accept_panel(&self, stage: i64, judges: &[&Client]) {
        for j in judges {
            let r = j.post(self.app.url(&format!("/api/v1/stages/{stage}/panel/accept"))).send().await.unwrap();
            assert_eq!(r.status(), StatusCode::OK, "accepting the panel of stage {stage}");
        }
    }

    /// Eight days on: the first stage's deadline (a week after the competition was made) has passed.
    fn pass_deadline(&self) {
        self.app.advance(time::Duration::days(8));
    }
}

fn single_criterion() -> Value {
    json!([{"name_zh": "综合评价", "weight": 100, "scale": 100}])
}

fn ids(v: &Value, key: &str) -> Vec<i64> {
    v.as_array().unwrap().iter().map(|e| e[key].as_i64().unwrap()).collect()
}

#[tokio::test]
async fn a_competition_runs_from_teams_and_submissions_to_normalised_results_a_final_notice_and_certificates() {
    let s = setup().await;
    crate::rollup::beside_the_old_triggers(&s.app.state.db).await;
    let (c, stage, tracks) = s.create(1, single_criterion()).await;
    let mut teams = vec![];
    let mut leaders = vec![];
    for name in ["甲队", "乙队", "丙队", "丁队"] {
        let (leader, team) = s.team(c, stage, tracks[0], name, None).await;
        leaders.push(leader);
        teams.push(team);
    }
    // The dashboard counted the competition and its four entries as the old triggers did.
    assert!(crate::rollup::assert_counted_as_the_old_triggers_did(&s.app.state.db).await >= 6);
    let (x, y, z, w) = (teams[0], teams[1], teams[2], teams[3]);
    let url = |p: String| s.app.url(&p);

    // Submissions: a required extra field, a PDF plan (checked by content), every version kept.
    let (_, v) = error_code(
        leaders[0]
            .put(url(format!("/api/v1/teams/{x}/stages/{stage}/submission")))
            .json(&json!({"summary": "新版本"}))
            .send()
            .await
            .unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(v["error"]["fields"]["extras.0"].is_string(), "{v}");
    let plan = url(format!("/api/v1/teams/{x}/stages/{stage}/plan?name=商业计划书.pdf"));
    let r = leaders[0].post(&plan).body(b"GIF89a not a pdf".to_vec()).send().await.unwrap();
    assert_eq!(error_code(r, StatusCode::UNSUPPORTED_MEDIA_TYPE).await.0, "file_type");
    let r = leaders[0].post(&plan).body(PDF.to_vec()).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let r = leaders[0]
        .put(url(format!("/api/v1/teams/{x}/stages/{stage}/submission")))
        .json(&json!({"summary": "甲队：第三版", "video_url": "https://v.example.com/x", "extras": ["800万元"]}))
        .send()
        .await
        .unwrap();
    let latest = body(r).await;
    assert_eq!((latest["version"].as_i64(), latest["plan_name"].as_str()), (Some(3), Some("商业计划书.pdf")));
    let versions =
        body(leaders[0].get(url(format!("/api/v1/teams/{x}/stages/{stage}/submissions"))).send().await.unwrap()).await;
    assert_eq!(ids(&versions, "version"), vec![3, 2, 1]);
    // Another team's versions are not for others to read.
    let r = leaders[1].get(url(format!("/api/v1/teams/{x}/stages/{stage}/submissions"))).send().await.unwrap();
    error_code(r, StatusCode::NOT_FOUND).await;

    // The panel: two approved experts. No assignment before the deadline.
    let (judge1, e1, u1) = s.expert("j1@example.com", "宽松评委", &["gen_ai"]).await;
    let (judge2, e2, u2) = s.expert("j2@example.com", "严格评委", &["gen_ai"]).await;
    let r = s.organizer.put(url(format!("/api/v1/stages/{stage}/panel"))).json(&json!({"experts": [e1, e2]})).send();
    let panel = body(r.await.unwrap()).await["panel"].clone();
    assert_eq!(panel.as_array().unwrap().len(), 2);
    assert!(panel.as_array().unwrap().iter().all(|j| j["status"] == "invited"), "experts are asked, not put: {panel}");
    s.accept_panel(stage, &[&judge1, &judge2]).await;
    let assign = url(format!("/api/v1/stages/{stage}/assignment"));
    assert_eq!(
        error_code(s.organizer.post(&assign).send().await.unwrap(), StatusCode::CONFLICT).await.0,
        "invalid_transition"
    );

    // After the deadline submissions are frozen.
    s.pass_deadline();
    let r = leaders[0]
        .put(url(format!("/api/v1/teams/{x}/stages/{stage}/submission")))
        .json(&json!({"summary": "迟到的版本", "extras": ["1"]}))
        .send()
        .await
        .unwrap();
    let (_, v) = error_code(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(v["error"]["fields"]["deadline"].is_string());
    let r = leaders[0].post(&plan).body(PDF.to_vec()).send().await.unwrap();
    error_code(r, StatusCode::UNPROCESSABLE_ENTITY).await;

    // Every entry gets exactly one judge; then the organizers adjust by hand before release.
    let a = body(s.organizer.post(&assign).send().await.unwrap()).await;
    assert_eq!(a["entries"].as_array().unwrap().len(), 4);
    assert!(a["entries"].as_array().unwrap().iter().all(|e| e["judges"].as_array().unwrap().len() == 1));
    for (team, judge) in [(x, u1), (y, u1), (z, u2), (w, u2)] {
        let r =
            s.organizer.put(url(format!("/api/v1/stages/{stage}/assignment/{team}"))).json(&json!({"judges": [judge]}));
        assert_eq!(r.send().await.unwrap().status(), StatusCode::OK);
    }
    // Not released yet: judges see nothing.
    error_code(judge1.get(url(format!("/api/v1/judging/{stage}/{x}"))).send().await.unwrap(), StatusCode::NOT_FOUND)
        .await;
    let r = s.organizer.post(url(format!("/api/v1/stages/{stage}/release"))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let mine = body(judge1.get(url("/api/v1/judging".into())).send().await.unwrap()).await;
    let mut assigned = ids(&mine, "team_id");
    assigned.sort_unstable();
    assert_eq!(assigned, vec![x, y]);
    // A judge cannot read or score an entry not assigned to them.
    error_code(judge1.get(url(format!("/api/v1/judging/{stage}/{z}"))).send().await.unwrap(), StatusCode::NOT_FOUND)
        .await;
    let r =
        judge1.put(url(format!("/api/v1/judging/{stage}/{z}"))).json(&json!({"values": [99]})).send().await.unwrap();
    error_code(r, StatusCode::NOT_FOUND).await;
    let entry = body(judge1.get(url(format!("/api/v1/judging/{stage}/{x}"))).send().await.unwrap()).await;
    assert_eq!(entry["submission"]["summary"], "甲队：第三版");
    let plan_id = entry["submission"]["id"].as_i64().unwrap();
    let r = judge1.get(url(format!("/api/v1/submissions/{plan_id}/plan"))).send().await.unwrap();
    assert_eq!(r.bytes().await.unwrap().as_ref(), PDF);
    let r = judge2.get(url(format!("/api/v1/submissions/{plan_id}/plan"))).send().await.unwrap();
    error_code(r, StatusCode::NOT_FOUND).await;

    // The hand-worked example: judge 1 is lenient, judge 2 harsh.
    let put = |j: &Client, team: i64, v: u32| {
        j.put(url(format!("/api/v1/judging/{stage}/{team}")))
            .json(&json!({"values": [v], "comments": ["评语"], "comment": "总体意见"}))
            .send()
    };
    let r = put(&judge1, x, 101).await.unwrap();
    let (_, v) = error_code(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(v["error"]["fields"]["values.0"].is_string());
    for (j, team, v) in [(&judge1, x, 95), (&judge1, y, 85), (&judge2, z, 60), (&judge2, w, 30), (&judge2, w, 40)] {
        assert_eq!(put(j, team, v).await.unwrap().status(), StatusCode::OK);
    }
    let r = body(s.organizer.get(url(format!("/api/v1/stages/{stage}/results"))).send().await.unwrap()).await;
    assert_eq!(ids(&r["entries"], "team_id"), vec![x, z, y, w], "{r}");
    let entries = r["entries"].as_array().unwrap();
    let close = |v: &Value, want: f64| (v.as_f64().unwrap() - want).abs() < 0.01;
    assert!(close(&entries[0]["normalised"], 91.506) && close(&entries[1]["normalised"], 91.506), "{r}");
    assert!(close(&entries[2]["normalised"], 48.494) && close(&entries[3]["raw"], 40.0), "{r}");
    assert!(close(&entries[2]["raw"], 85.0));
    assert_eq!(
        entries.iter().map(|e| e["advances"].as_bool().unwrap()).collect::<Vec<_>>(),
        vec![true, true, false, false]
    );

    // Results are published only after the stage closes; scores are frozen then.
    let publish = url(format!("/api/v1/competitions/{c}/publish"));
    let r = s.organizer.post(&publish).json(&json!({"rationale": "经专家评审"})).send().await.unwrap();
    error_code(r, StatusCode::CONFLICT).await;
    let r = s.organizer.post(url(format!("/api/v1/stages/{stage}/close"))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    error_code(put(&judge1, x, 10).await.unwrap(), StatusCode::CONFLICT).await;
    let notes = body(leaders[3].get(url("/api/v1/notifications".into())).send().await.unwrap()).await;
    assert_eq!(notes["items"][0]["kind"], "competition_stage_closed", "{notes}");
    let r =
        s.organizer.post(&publish).json(&json!({"rationale": "经两位专家评审，按标准分排名"})).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let notice = body(r).await;
    assert_eq!(notice["competition_id"], c);
    assert_eq!(ids(&notice["ranking"], "team_id"), vec![x, z]);
    assert_eq!(notice["status"], "open");
    let id = notice["id"].as_i64().unwrap();

    // Certificates once the objection window closed without objections.
    error_code(
        s.app.client().get(url(format!("/api/v1/teams/{x}/certificate"))).send().await.unwrap(),
        StatusCode::NOT_FOUND,
    )
    .await;
    // Ten days on, the objection window (five working days) has ended.
    s.app.advance(time::Duration::days(10));
    let closed = s.app.state.clock.scope(backend::opencall::ops::close_windows(&s.app.state)).await.unwrap();
    assert_eq!(closed, vec![(id, shared::opencall::NoticeStatus::Final)]);
    let cert = body(s.app.client().get(url(format!("/api/v1/teams/{x}/certificate"))).send().await.unwrap()).await;
    assert_eq!((cert["rank"].as_i64(), cert["team_name"].as_str()), (Some(1), Some("甲队")));
    error_code(
        s.app.client().get(url(format!("/api/v1/teams/{y}/certificate"))).send().await.unwrap(),
        StatusCode::NOT_FOUND,
    )
    .await;

    // The audit log has the score change with before and after, and every decision.
    let log = body(s.organizer.get(url(format!("/api/v1/competitions/{c}/audit"))).send().await.unwrap()).await;
    let actions: Vec<&str> = log.as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    for a in [
        "created",
        "team_registered",
        "panel",
        "assigned",
        "reassigned",
        "released",
        "score",
        "closed",
        "published",
        "notice",
    ] {
        assert!(actions.contains(&a), "{a} missing from {actions:?}");
    }
    let change = log.as_array().unwrap().iter().find(|e| {
        let d: Value = serde_json::from_str(e["detail"].as_str().unwrap()).unwrap();
        e["action"] == "score" && d["team"] == w && d["before"] == json!([30])
    });
    assert!(change.is_some_and(|e| e["detail"].as_str().unwrap().contains("\"after\":[40]")), "{log}");

    // Scores and ranking as Excel.
    let r = s.organizer.get(url(format!("/api/v1/stages/{stage}/scores.xlsx"))).send().await.unwrap();
    let bytes = r.bytes().await.unwrap();
    let ranking = sheet(&bytes, "排名 Ranking");
    assert_eq!(ranking.iter().skip(1).map(|r| r[2].clone()).collect::<Vec<_>>(), ["甲队", "丙队", "乙队", "丁队"]);
    let scores = sheet(&bytes, "评分 Scores");
    assert_eq!(scores.len(), 5);
    assert!(scores.iter().any(|r| r[0] == "丁队" && r[1] == "严格评委" && r[2] == "40"), "{scores:?}");
}

#[tokio::test]
async fn judges_with_a_conflict_are_never_assigned_and_too_small_a_panel_is_a_clear_error() {
    let s = setup().await;
    let (c, stage, tracks) = s.create(2, single_criterion()).await;
    // Judge A leads team 1, which enters with judge A's company.
    let (judge_a, ea, ua) = s.expert("a@example.com", "评委甲", &["gen_ai"]).await;
    let company = org_of_kind(&s.app, &judge_a, "enterprise", None, None).await;
    let (_, team1) = s.team_of(&judge_a, c, stage, tracks[0], "甲队", Some(company)).await;
    let (judge_b, eb, ub) = s.expert("b@example.com", "评委乙", &["quantum"]).await;
    let (judge_c, ec, _) = s.expert("c@example.com", "评委丙", &["gen_ai"]).await;
    let (_, team2) = s.team(c, stage, tracks[1], "乙队", None).await;
    let (_, team3) = s.team(c, stage, tracks[0], "丙队", None).await;
    s.pass_deadline();

    // A panel of three for k = 2: judge A may not judge team 1 (team member and same organization).
    let panel = |experts: Value| {
        s.organizer.put(s.app.url(&format!("/api/v1/stages/{stage}/panel"))).json(&json!({ "experts": experts })).send()
    };
    assert_eq!(panel(json!([ea, eb, ec])).await.unwrap().status(), StatusCode::OK);
    s.accept_panel(stage, &[&judge_a, &judge_b, &judge_c]).await;
    let a =
        body(s.organizer.post(s.app.url(&format!("/api/v1/stages/{stage}/assignment"))).send().await.unwrap()).await;
    for e in a["entries"].as_array().unwrap() {
        let judges: Vec<i64> = e["judges"].as_array().unwrap().iter().map(|j| j.as_i64().unwrap()).collect();
        assert_eq!(judges.len(), 2, "{a}");
        if e["team_id"] == team1 {
            assert!(!judges.contains(&ua), "a conflicted judge was assigned: {a}");
        }
    }
    assert_eq!(ids(&a["entries"], "team_id"), vec![team1, team2, team3]);
    // Loads are balanced: 6 places over 3 judges.
    assert!(a["loads"].as_array().unwrap().iter().all(|l| l[1] == 2), "{a}");
    // By hand, a conflicted judge is refused.
    let r = s
        .organizer
        .put(s.app.url(&format!("/api/v1/stages/{stage}/assignment/{team1}")))
        .json(&json!({"judges": [ua, ub]}))
        .send()
        .await
        .unwrap();
    let (_, v) = error_code(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(v["error"]["fields"]["judges"].is_string());

    // With judges A and B only, team 1 has one judge without a conflict: a clear error.
    assert_eq!(panel(json!([ea, eb])).await.unwrap().status(), StatusCode::OK);
    let r = s.organizer.post(s.app.url(&format!("/api/v1/stages/{stage}/assignment"))).send().await.unwrap();
    let (_, v) = error_code(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(v["error"]["fields"]["panel"].is_string(), "{v}");
    // Pending or unknown experts cannot sit on a panel.
    let (code, _) = error_code(panel(json!([999_999])).await.unwrap(), StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(code, "validation_failed");
}

#[tokio::test]
async fn only_organizers_run_a_competition_and_teams_see_only_their_own() {
    let s = setup().await;
    // Bad input names its fields; an enterprise cannot run a competition.
    let mut bad = competition(s.org, 3, json!([{"name_zh": "技术", "weight": 60, "scale": 10}]));
    bad["tracks"] = json!([]);
    let r = s.organizer.post(s.app.url("/api/v1/competitions")).json(&bad).send().await.unwrap();
    let (_, v) = error_code(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(v["error"]["fields"]["rubric"].is_string() && v["error"]["fields"]["tracks"].is_string(), "{v}");
    let company_owner = s.app.user("boss@example.com", "企业主").await;
    let company = org_of_kind(&s.app, &company_owner, "enterprise", None, None).await;
    let r = company_owner
        .post(s.app.url("/api/v1/competitions"))
        .json(&competition(company, 1, single_criterion()))
        .send()
        .await
        .unwrap();
    assert_eq!(error_code(r, StatusCode::FORBIDDEN).await.0, "wrong_org_kind");

    let (c, stage, tracks) = s.create(1, single_criterion()).await;
    let (leader, team) = s.team(c, stage, tracks[0], "甲队", None).await;
    let (other, other_team) = s.team(c, stage, tracks[1], "乙队", None).await;
    // One team per person and competition.
    let r = leader
        .post(s.app.url(&format!("/api/v1/competitions/{c}/teams")))
        .json(&json!({"name": "丙队", "track_id": tracks[0]}))
        .send()
        .await
        .unwrap();
    error_code(r, StatusCode::CONFLICT).await;
    // Teams see their own; organizers all; the public sees counts.
    let mine = body(leader.get(s.app.url(&format!("/api/v1/competitions/{c}/teams"))).send().await.unwrap()).await;
    assert_eq!(ids(&mine, "id"), vec![team]);
    let all = body(s.organizer.get(s.app.url(&format!("/api/v1/competitions/{c}/teams"))).send().await.unwrap()).await;
    assert_eq!(ids(&all, "id"), vec![team, other_team]);
    let public = body(s.app.client().get(s.app.url(&format!("/api/v1/competitions/{c}"))).send().await.unwrap()).await;
    assert_eq!((public["teams"].as_i64(), public["mine"].as_bool()), (Some(2), Some(false)));
    error_code(other.get(s.app.url(&format!("/api/v1/teams/{team}"))).send().await.unwrap(), StatusCode::NOT_FOUND)
        .await;
    let r = other
        .put(s.app.url(&format!("/api/v1/teams/{team}/stages/{stage}/submission")))
        .json(&json!({"summary": "冒名提交", "extras": ["1"]}))
        .send()
        .await
        .unwrap();
    error_code(r, StatusCode::NOT_FOUND).await;
    // The organizers' routes are 403 to teams.
    for (method, path) in [
        ("PUT", format!("/api/v1/stages/{stage}/panel")),
        ("GET", format!("/api/v1/stages/{stage}/assignment")),
        ("POST", format!("/api/v1/stages/{stage}/assignment")),
        ("POST", format!("/api/v1/stages/{stage}/release")),
        ("GET", format!("/api/v1/stages/{stage}/results")),
        ("POST", format!("/api/v1/stages/{stage}/close")),
        ("GET", format!("/api/v1/stages/{stage}/scores.xlsx")),
        ("GET", format!("/api/v1/competitions/{c}/audit")),
        ("POST", format!("/api/v1/competitions/{c}/publish")),
        ("PUT", format!("/api/v1/competitions/{c}")),
    ] {
        let req = leader.request(method.parse().unwrap(), s.app.url(&path));
        let req = match method {
            "PUT" if path.ends_with("panel") => req.json(&json!({"experts": []})),
            "PUT" => req.json(&competition(s.org, 1, single_criterion())),
            "POST" if path.ends_with("publish") => req.json(&json!({"rationale": "x"})),
            _ => req,
        };
        error_code(req.send().await.unwrap(), StatusCode::FORBIDDEN).await;
    }
    // A member invited by email who has an account is told, sees the team, joins and submits for it.
    let buddy = s.app.user("buddy@example.com", "队员").await;
    let third = s.app.user("third@example.com", "第三队长").await;
    let r = third
        .post(s.app.url(&format!("/api/v1/competitions/{c}/teams")))
        .json(&json!({"name": "丙队", "track_id": tracks[0], "members": ["Buddy@Example.com"]}))
        .send()
        .await
        .unwrap();
    let third_team = body(r).await["id"].as_i64().unwrap();
    let notes = body(buddy.get(s.app.url("/api/v1/notifications")).send().await.unwrap()).await;
    assert_eq!(notes["items"][0]["kind"], "team_invitation", "{notes}");
    let seen = body(buddy.get(s.app.url(&format!("/api/v1/teams/{third_team}"))).send().await.unwrap()).await;
    assert_eq!((seen["mine"].as_bool(), seen["invited"].as_bool()), (Some(false), Some(true)), "{seen}");
    assert_eq!(seen["members"][1]["status"], "invited");
    let early = buddy.put(s.app.url(&format!("/api/v1/teams/{third_team}/stages/{stage}/submission")));
    let early = early.json(&json!({"summary": "未加入时提交", "extras": ["1"]})).send().await.unwrap();
    error_code(early, StatusCode::FORBIDDEN).await;
    let joined = body(buddy.post(s.app.url(&format!("/api/v1/teams/{third_team}/join"))).send().await.unwrap()).await;
    assert_eq!((joined["mine"].as_bool(), joined["members"][1]["status"].as_str()), (Some(true), Some("joined")));
    let r = buddy
        .put(s.app.url(&format!("/api/v1/teams/{third_team}/stages/{stage}/submission")))
        .json(&json!({"summary": "队员提交的版本", "extras": ["100万元"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    // With teams registered, the shape of the competition stays; texts still change.
    let mut changed = competition(s.org, 1, single_criterion());
    changed["tracks"] = json!([{"domain": "gen_ai", "name_zh": "人工智能赛道"}]);
    let r = s.organizer.put(s.app.url(&format!("/api/v1/competitions/{c}"))).json(&changed).send().await.unwrap();
    error_code(r, StatusCode::CONFLICT).await;
    let mut changed = competition(s.org, 1, single_criterion());
    changed["title_zh"] = json!("第二届未来产业创新创业大赛");
    let r = s.organizer.put(s.app.url(&format!("/api/v1/competitions/{c}"))).json(&changed).send().await.unwrap();
    assert_eq!(body(r).await["title_zh"], "第二届未来产业创新创业大赛");
}

/// Random instances through the API: judges declare conflicts with organizations (by platform
/// organization and by name) and some are on teams; the assignment never gives an entry a judge
/// with a conflict, gives each exactly k when every entry has k conflict-free judges, and is a
/// clear 422 when one has not.
#[tokio::test]
async fn on_random_instances_no_entry_gets_a_conflicted_judge_and_each_gets_k_when_possible() {
    use backend::common::rng::Rng;
    for seed in 1..=4u64 {
        let mut rng = Rng::new(seed);
        let s = setup().await;
        let (c, stage, tracks) = s.create(2, single_criterion()).await;
        // Three companies, each entering a team led by its owner.
        let mut companies = vec![];
        for n in 0..3 {
            let owner = s.app.user(&format!("owner{n}@example.com"), "企业主").await;
            let org = org_of_kind(&s.app, &owner, "enterprise", None, None).await;
            sql::query("UPDATE organizations SET name_zh = $2 WHERE id = $1")
                .bind(org)
                .bind(format!("企业{n}"))
                .execute(&s.app.state.db)
                .await
                .unwrap();
            companies.push((owner, org));
        }
        // Five judges, each declaring random conflicts by organization and by name.
        let mut judges = vec![];
        let mut judge_clients = vec![];
        for j in 0..5 {
            let client = s.app.user(&format!("judge{j}@example.com"), "评委").await;
            let by_org: Vec<i64> = companies.iter().map(|c| c.1).filter(|_| rng.chance(25)).collect();
            let by_name: Vec<String> = (0..3).filter(|_| rng.chance(15)).map(|n| format!("企业{n}")).collect();
            let e = body(
                client
                    .put(s.app.url("/api/v1/experts/me"))
                    .json(&json!({"kind": "scientist", "domains": ["gen_ai"], "affiliation": "某大学", "title": "教授",
                                  "bio": "研究", "conflict_orgs": by_org, "conflict_names": by_name}))
                    .send()
                    .await
                    .unwrap(),
            )
            .await;
            let id = e["id"].as_i64().unwrap();
            s.admin.post(s.app.url(&format!("/api/v1/admin/experts/{id}/approve"))).send().await.unwrap();
            // Some work for one of the companies (a member of its organization, not declared).
            let mut by_org = by_org;
            if rng.chance(20) {
                let (owner, org) = &companies[rng.range(0, 2) as usize];
                let invite = json!({"email": format!("judge{j}@example.com")});
                let r = owner.post(s.app.url(&format!("/api/v1/orgs/{org}/members"))).json(&invite).send().await;
                let token = body(r.unwrap()).await["token"].as_str().unwrap().to_owned();
                let r = client.post(s.app.url(&format!("/api/v1/invitations/{token}/accept"))).send().await.unwrap();
                assert_eq!(r.status(), StatusCode::OK);
                by_org.push(*org);
            }
            judges.push((id, e["user_id"].as_i64().unwrap(), format!("judge{j}@example.com"), by_org, by_name));
            judge_clients.push(client);
        }
        // Teams: the three companies' and three without an organization; some have a judge as member.
        let mut teams = vec![];
        for (n, (owner, org)) in companies.iter().enumerate() {
            teams.push((owner.clone(), Some((*org, format!("企业{n}"))), format!("公司队{n}")));
        }
        for n in 0..3 {
            let leader = s.app.user(&format!("lead{n}@example.com"), "队长").await;
            teams.push((leader, None, format!("独立队{n}")));
        }
        let mut entries = vec![];
        for (n, (leader, org, name)) in teams.iter().enumerate() {
            let member = rng.chance(30).then(|| rng.range(0, 4) as usize);
            let mut members: Vec<String> = member.iter().map(|j| judges[*j].2.clone()).collect();
            let r = leader
                .post(s.app.url(&format!("/api/v1/competitions/{c}/teams")))
                .json(&json!({"name": name, "track_id": tracks[n % 2], "org_id": org.as_ref().map(|o| o.0), "members": members}))
                .send()
                .await
                .unwrap();
            let team = body(r).await["id"].as_i64().unwrap();
            // A judge listed on a team is on it once they join (one team each: a second join is refused).
            if let Some(j) = member {
                let joined =
                    judge_clients[j].post(s.app.url(&format!("/api/v1/teams/{team}/join"))).send().await.unwrap();
                if joined.status() != StatusCode::OK {
                    members.clear();
                }
            }
            let r = leader
                .put(s.app.url(&format!("/api/v1/teams/{team}/stages/{stage}/submission")))
                .json(&json!({"summary": "项目", "extras": ["1"]}))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::OK);
            // The judges this entry may not have, worked out here from the instance.
            let conflicted: Vec<i64> = judges
                .iter()
                .filter(|(_, _, email, by_org, by_name)| {
                    members.contains(email)
                        || org.as_ref().is_some_and(|(id, name)| by_org.contains(id) || by_name.contains(name))
                })
                .map(|j| j.1)
                .collect();
            entries.push((team, conflicted));
        }
        s.pass_deadline();
        let panel: Vec<i64> = judges.iter().map(|j| j.0).collect();
        let r = s.organizer.put(s.app.url(&format!("/api/v1/stages/{stage}/panel"))).json(&json!({ "experts": panel }));
        assert_eq!(r.send().await.unwrap().status(), StatusCode::OK);
        s.accept_panel(stage, &judge_clients.iter().collect::<Vec<_>>()).await;
        let r = s.organizer.post(s.app.url(&format!("/api/v1/stages/{stage}/assignment"))).send().await.unwrap();
        let possible = entries.iter().all(|(_, conflicted)| judges.len() - conflicted.len() >= 2);
        if !possible {
            let (_, v) = error_code(r, StatusCode::UNPROCESSABLE_ENTITY).await;
            assert!(v["error"]["fields"]["panel"].is_string(), "seed {seed}: {v}");
            continue;
        }
        let a = body(r).await;
        for (team, conflicted) in &entries {
            let e = a["entries"].as_array().unwrap().iter().find(|e| e["team_id"] == *team).expect("every entry");
            let got: Vec<i64> = e["judges"].as_array().unwrap().iter().map(|j| j.as_i64().unwrap()).collect();
            assert_eq!(got.len(), 2, "seed {seed}: exactly k judges: {a}");
            assert!(got.iter().all(|j| !conflicted.contains(j)), "seed {seed}: a conflicted judge on {team}: {a}");
        }
    }
}

#[tokio::test]
async fn an_unverified_organizer_drafts_a_competition_nobody_sees_until_verified_and_opened() {
    let s = setup().await;
    let newcomer = s.app.user("new@example.com", "新主办方").await;
    let org = org_of_kind(&s.app, &newcomer, "organizer", None, None).await;
    let r = newcomer.post(s.app.url("/api/v1/competitions")).json(&competition(org, 1, single_criterion())).send();
    let draft = body(r.await.unwrap()).await;
    assert_eq!(draft["published"], false);
    let id = draft["id"].as_i64().unwrap();
    let track = draft["tracks"][0]["id"].as_i64().unwrap();
    // Only its organizers see it; nobody registers a team for it.
    let list_url = s.app.url("/api/v1/competitions");
    let listed = |c: Client| {
        let url = list_url.clone();
        async move {
            let list = body(c.get(url).send().await.unwrap()).await;
            list["items"].as_array().unwrap().iter().any(|c| c["id"] == id)
        }
    };
    assert!(listed(newcomer.clone()).await);
    assert!(!listed(s.app.client()).await && !listed(s.organizer.clone()).await);
    error_code(
        s.app.client().get(s.app.url(&format!("/api/v1/competitions/{id}"))).send().await.unwrap(),
        StatusCode::NOT_FOUND,
    )
    .await;
    let leader = s.app.user("lead@example.com", "队长").await;
    let team = json!({"name": "抢先队", "track_id": track, "members": []});
    let r = leader.post(s.app.url(&format!("/api/v1/competitions/{id}/teams"))).json(&team).send().await.unwrap();
    error_code(r, StatusCode::NOT_FOUND).await;
    // Nor does it choose judges from the pool before it is verified.
    let stage = draft["stages"][0]["id"].as_i64().unwrap();
    let (_, expert, _) = s.expert("prof@example.com", "王教授", &["gen_ai"]).await;
    let r = newcomer.put(s.app.url(&format!("/api/v1/stages/{stage}/panel"))).json(&json!({"experts": [expert]}));
    assert_eq!(error_code(r.send().await.unwrap(), StatusCode::FORBIDDEN).await.0, "not_verified");
    // Opening it needs a verified organization.
    let open = s.app.url(&format!("/api/v1/competitions/{id}/open"));
    let (code, _) = error_code(newcomer.post(&open).send().await.unwrap(), StatusCode::FORBIDDEN).await;
    assert_eq!(code, "not_verified");
    s.admin.post(s.app.url(&format!("/api/v1/admin/orgs/{org}/verify"))).send().await.unwrap();
    error_code(leader.post(&open).send().await.unwrap(), StatusCode::FORBIDDEN).await;
    assert_eq!(body(newcomer.post(&open).send().await.unwrap()).await["published"], true);
    assert!(listed(s.app.client()).await);
    let r = leader.post(s.app.url(&format!("/api/v1/competitions/{id}/teams"))).json(&team).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn experts_judge_only_after_accepting_the_invitation_and_one_who_declines_is_never_assigned() {
    let s = setup().await;
    let (c, stage, tracks) = s.create(1, single_criterion()).await;
    s.team(c, stage, tracks[0], "甲队", None).await;
    s.team(c, stage, tracks[0], "乙队", None).await;
    let (yes, e1, u1) = s.expert("yes@example.com", "应邀评委", &["gen_ai"]).await;
    let (no, e2, _) = s.expert("no@example.com", "婉拒评委", &["gen_ai"]).await;
    let r = s.organizer.put(s.app.url(&format!("/api/v1/stages/{stage}/panel"))).json(&json!({"experts": [e1, e2]}));
    assert_eq!(r.send().await.unwrap().status(), StatusCode::OK);
    // Each expert is told and finds the invitation.
    let notes = body(yes.get(s.app.url("/api/v1/notifications")).send().await.unwrap()).await;
    assert_eq!(notes["items"][0]["kind"], "panel_invitation", "{notes}");
    let invitations = body(yes.get(s.app.url("/api/v1/judging/invitations")).send().await.unwrap()).await;
    assert_eq!(
        (invitations[0]["stage_id"].as_i64(), invitations[0]["status"].as_str()),
        (Some(stage), Some("invited"))
    );
    // Nobody has accepted yet: nobody can be assigned.
    s.pass_deadline();
    let assign = s.app.url(&format!("/api/v1/stages/{stage}/assignment"));
    let (_, v) = error_code(s.organizer.post(&assign).send().await.unwrap(), StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(v["error"]["fields"]["panel"].is_string(), "{v}");
    // One accepts, one declines; the organizers see both answers.
    let accepted =
        body(yes.post(s.app.url(&format!("/api/v1/stages/{stage}/panel/accept"))).send().await.unwrap()).await;
    assert_eq!(accepted[0]["status"], "accepted");
    assert_eq!(
        no.post(s.app.url(&format!("/api/v1/stages/{stage}/panel/decline"))).send().await.unwrap().status(),
        StatusCode::OK
    );
    let again = no.post(s.app.url(&format!("/api/v1/stages/{stage}/panel/accept"))).send().await.unwrap();
    error_code(again, StatusCode::NOT_FOUND).await;
    let view = body(s.organizer.get(&assign).send().await.unwrap()).await;
    let statuses: Vec<&str> = view["panel"].as_array().unwrap().iter().map(|j| j["status"].as_str().unwrap()).collect();
    assert!(statuses.contains(&"accepted") && statuses.contains(&"declined"), "{view}");
    let a = body(s.organizer.post(&assign).send().await.unwrap()).await;
    for e in a["entries"].as_array().unwrap() {
        assert_eq!(e["judges"], json!([u1]), "only the expert who accepted judges: {a}");
    }
    // Someone who was never invited has nothing to accept.
    let stranger = s.app.user("x@example.com", "路人").await;
    let r = stranger.post(s.app.url(&format!("/api/v1/stages/{stage}/panel/accept"))).send().await.unwrap();
    error_code(r, StatusCode::NOT_FOUND).await;
}

#[tokio::test]
async fn team_members_join_by_accepting_may_leave_and_a_leader_hands_over_before_leaving() {
    let s = setup().await;
    let (c, stage, tracks) = s.create(1, single_criterion()).await;
    let leader = s.app.user("lead@example.com", "队长").await;
    let listed = s.app.user("listed@example.com", "被列名者").await;
    let r = leader
        .post(s.app.url(&format!("/api/v1/competitions/{c}/teams")))
        .json(&json!({"name": "甲队", "track_id": tracks[0], "members": ["listed@example.com"]}))
        .send()
        .await
        .unwrap();
    let created = body(r).await;
    let team = created["id"].as_i64().unwrap();
    // The leader sees the address listed, not whose it is.
    let invited = &created["members"][1];
    assert_eq!((invited["status"].as_str(), invited["email"].as_str()), (Some("invited"), Some("listed@example.com")));
    assert!(invited["name"].is_null() && invited["user_id"].is_null(), "{created}");
    // Being listed binds nobody: the listed person registers a team of their own.
    let own = json!({"name": "乙队", "track_id": tracks[0], "members": []});
    let r = listed.post(s.app.url(&format!("/api/v1/competitions/{c}/teams"))).json(&own).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED, "an invitation does not block a team of one's own");
    // Now in a team, they cannot join a second one; the error speaks of teams.
    let r = listed.post(s.app.url(&format!("/api/v1/teams/{team}/join"))).send().await.unwrap();
    let (code, v) = error_code(r, StatusCode::CONFLICT).await;
    assert_eq!(code, "already_in_team");
    assert!(v["error"]["message"].as_str().unwrap().contains("队伍"), "{v}");
    // Asked to join, they see who is on the team, not what it submitted.
    let r = leader.put(s.app.url(&format!("/api/v1/teams/{team}/stages/{stage}/submission")));
    assert_eq!(r.json(&json!({"summary": "保密方案", "extras": ["1"]})).send().await.unwrap().status(), StatusCode::OK);
    let seen = body(listed.get(s.app.url(&format!("/api/v1/teams/{team}"))).send().await.unwrap()).await;
    assert_eq!(
        (seen["invited"].as_bool(), seen["submissions"].as_array().map(Vec::len)),
        (Some(true), Some(0)),
        "{seen}"
    );
    let versions =
        listed.get(s.app.url(&format!("/api/v1/teams/{team}/stages/{stage}/submissions"))).send().await.unwrap();
    error_code(versions, StatusCode::FORBIDDEN).await;
    // They decline; the leader invites someone else, who joins.
    let declined = listed.post(s.app.url(&format!("/api/v1/teams/{team}/decline"))).send().await.unwrap();
    assert_eq!(declined.status(), StatusCode::OK);
    let mate = s.app.user("mate@example.com", "队员").await;
    let r =
        leader.post(s.app.url(&format!("/api/v1/teams/{team}/members"))).json(&json!({"email": "mate@example.com"}));
    let t = body(r.send().await.unwrap()).await;
    assert_eq!(t["members"].as_array().unwrap().len(), 2, "{t}");
    assert_eq!(
        mate.post(s.app.url(&format!("/api/v1/teams/{team}/join"))).send().await.unwrap().status(),
        StatusCode::OK
    );
    // The leader may not leave a team with members…
    let leave = s.app.url(&format!("/api/v1/teams/{team}/leave"));
    let (code, _) = error_code(leader.post(&leave).send().await.unwrap(), StatusCode::CONFLICT).await;
    assert_eq!(code, "leader_must_hand_over");
    // …but hands over first (only to someone who joined), then leaves.
    let r =
        leader.post(s.app.url(&format!("/api/v1/teams/{team}/leader"))).json(&json!({"email": "listed@example.com"}));
    error_code(r.send().await.unwrap(), StatusCode::UNPROCESSABLE_ENTITY).await;
    let r = leader.post(s.app.url(&format!("/api/v1/teams/{team}/leader"))).json(&json!({"email": "mate@example.com"}));
    assert_eq!(body(r.send().await.unwrap()).await["leading"], false);
    assert_eq!(leader.post(&leave).send().await.unwrap().status(), StatusCode::NO_CONTENT);
    let t = body(mate.get(s.app.url(&format!("/api/v1/teams/{team}"))).send().await.unwrap()).await;
    assert_eq!((t["leading"].as_bool(), t["members"].as_array().unwrap().len()), (Some(true), 1), "{t}");
    error_code(leader.get(s.app.url(&format!("/api/v1/teams/{team}"))).send().await.unwrap(), StatusCode::NOT_FOUND)
        .await;
    // Once it has submitted, the new leader (now alone) cannot walk away: the team stays.
    let (code, _) = error_code(mate.post(&leave).send().await.unwrap(), StatusCode::CONFLICT).await;
    assert_eq!(code, "leader_must_hand_over", "a team that submitted stays");
    // After the first deadline the teams are what they are: nobody is invited, joins or leaves.
    let late = s.app.user("late@example.com", "迟到者").await;
    let r = mate.post(s.app.url(&format!("/api/v1/teams/{team}/members"))).json(&json!({"email": "late@example.com"}));
    assert_eq!(r.send().await.unwrap().status(), StatusCode::OK);
    s.pass_deadline();
    let r = late.post(s.app.url(&format!("/api/v1/teams/{team}/join"))).send().await.unwrap();
    let (_, v) = error_code(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(v["error"]["fields"]["deadline"].is_string(), "{v}");
    let r = mate.post(s.app.url(&format!("/api/v1/teams/{team}/members"))).json(&json!({"email": "x@example.com"}));
    error_code(r.send().await.unwrap(), StatusCode::UNPROCESSABLE_ENTITY).await;
}

#[tokio::test]
async fn the_competition_list_keyword_finds_by_title_and_description() {
    let s = setup().await;
    let mut ids = vec![];
    for (title, about) in
        [("低空经济应用创新大赛", "无人机物流与eVTOL应用"), ("生物制造创业挑战赛", "合成生物与细胞工厂")]
    {
        let mut c = competition(s.org, 1, json!([{"name_zh": "综合评价", "weight": 100, "scale": 100}]));
        c["title_zh"] = json!(title);
        c["description_zh"] = json!(about);
        let r = s.organizer.post(s.app.url("/api/v1/competitions")).json(&c).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::CREATED, "{}", body(r).await);
        ids.push(body(r).await["id"].as_i64().unwrap());
    }
    let found = |q: &'static str| {
        let (c, url) = (s.organizer.clone(), s.app.url("/api/v1/competitions"));
        async move {
            let r = c.get(url).query(&[("q", q)]).send().await.unwrap();
            assert_eq!(r.status(), StatusCode::OK);
            body(r).await["items"].as_array().unwrap().iter().map(|e| e["id"].as_i64().unwrap()).collect::<Vec<_>>()
        }
    };
    assert_eq!(found("低空大赛").await, [ids[0]]);
    assert_eq!(found("细胞工厂").await, [ids[1]], "found by its description");
    assert_eq!(found("drone").await, [ids[0]], "English finds the Chinese text");
}
