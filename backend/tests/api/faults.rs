//! Faults: a server killed mid-burst, a full database, a locked database.

use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{PASSWORD, body, error_code, spawn_app_with};
use backend::db::sql;

/// The real binary serving `dir`, killed when dropped.
struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn start(dir: &std::path::Path) -> Server {
        let mut cmd = crate::cli::bin();
        cmd.arg("--data-dir").arg(dir).args(["--addr", "127.0.0.1:0", "--no-demo"]).stderr(Stdio::null());
        let (child, url) = crate::cli::serve(&mut cmd);
        Server { child, url }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.url)
    }

    /// SIGKILL: no shutdown, no flush, no goodbye.
    fn kill(&mut self) {
        let status = Command::new("kill").args(["-KILL", &self.child.id().to_string()]).status().unwrap();
        assert!(status.success());
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn client() -> Client {
    Client::builder().cookie_store(true).timeout(Duration::from_secs(30)).build().unwrap()
}

/// A new account on `s`, verified through the outbox (read by `admin`).
async fn sign_up(s: &Server, admin: &Client, email: &str) -> Client {
    let user = crate::helpers::sign_up(client(), &s.url, email, email).await;
    crate::helpers::verify_through_outbox(&s.url, admin, &user, email).await;
    user
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_server_killed_during_a_burst_keeps_every_acknowledged_write_and_exact_capacity() {
    const CAPACITY: i64 = 15;
    let dir = tempfile::tempdir().unwrap();
    assert!(crate::cli::create_admin(dir.path(), "admin@example.com"));
    let mut server = Server::start(dir.path());
    let admin = client();
    let login = json!({"email": "admin@example.com", "password": "a-long-admin-passphrase"});
    assert_eq!(
        admin.post(server.url("/api/v1/auth/login")).json(&login).send().await.unwrap().status(),
        StatusCode::OK
    );
    let organizer = sign_up(&server, &admin, "org@example.com").await;
    let r = organizer
        .post(server.url("/api/v1/orgs"))
        .json(&json!({"name_zh": "未来产业促进会", "kind": "organizer"}))
        .send()
        .await
        .unwrap();
    let org = body(r).await["id"].as_i64().unwrap();
    let verified = admin.post(server.url(&format!("/api/v1/admin/orgs/{org}/verify"))).send().await.unwrap();
    assert_eq!(verified.status(), StatusCode::OK);
    let event = json!({"org_id": org, "title_zh": "未来产业闭门会", "description_zh": "闭门研讨", "event_type": "forum",
                       "venue": "杭州", "starts_at": "2099-04-01T01:00:00Z", "ends_at": "2099-04-01T09:00:00Z",
                       "domains": ["gen_ai"], "capacity": CAPACITY});
    let event = body(organizer.post(server.url("/api/v1/events")).json(&event).send().await.unwrap()).await["id"]
        .as_i64()
        .unwrap();
    let ticket = json!({"name_zh": "普通", "quota": 100, "approval": false});
    let r =
        organizer.post(server.url(&format!("/api/v1/events/{event}/ticket-types"))).json(&ticket).send().await.unwrap();
    let ticket = body(r).await["id"].as_i64().unwrap();
    let mut people = vec![];
    for i in 0..60 {
        people.push(sign_up(&server, &admin, &format!("p{i}@example.com")).await);
    }

    // The burst: everyone registers while the organizer keeps messaging the registrants (each
    // message writes itself, a notification per recipient and their emails in one transaction).
    let acked = Arc::new(AtomicUsize::new(0));
    let mut tasks = tokio::task::JoinSet::new();
    let messages = server.url(&format!("/api/v1/events/{event}/messages"));
    for (i, c) in people.into_iter().enumerate() {
        let (url, count) = (server.url(&format!("/api/v1/events/{event}/registrations")), acked.clone());
        tasks.spawn(async move {
            let r = c.post(url).json(&json!({"ticket_type": ticket, "people": ["本人"]})).send().await.ok()?;
            if r.status() != StatusCode::CREATED {
                return None;
            }
            let v: Value = r.json().await.ok()?;
            count.fetch_add(1, Ordering::SeqCst);
            Some(("registration", v))
        });
        if i % 3 == 2 {
            let (c, url, count) = (organizer.clone(), messages.clone(), acked.clone());
            tasks.spawn(async move {
                let r = c.post(url).json(&json!({"text": format!("第{i}号通知")})).send().await.ok()?;
                if r.status() != StatusCode::CREATED {
                    return None;
                }
                let v: Value = r.json().await.ok()?;
                count.fetch_add(1, Ordering::SeqCst);
                Some(("message", v))
            });
        }
    }
    let deadline = Instant::now() + Duration::from_secs(60);
    while acked.load(Ordering::SeqCst) < 25 {
        assert!(Instant::now() < deadline, "the burst never got going");
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    server.kill();
    let mut registrations = vec![];
    let mut sent = vec![];
    while let Some(done) = tasks.join_next().await {
        match done.unwrap() {
            Some(("registration", v)) => registrations.push(v),
            Some((_, v)) => sent.push(v),
            None => {}
        }
    }
    assert!(registrations.len() + sent.len() < 80, "the kill came during the burst, not after it");
    eprintln!("acknowledged before SIGKILL: {} registrations, {} messages", registrations.len(), sent.len());

    // Restarted on the same folder: every acknowledged write is there, as acknowledged.
    let server = Server::start(dir.path());
    let organizer = client();
    let login = json!({"email": "org@example.com", "password": PASSWORD});
    assert_eq!(
        organizer.post(server.url("/api/v1/auth/login")).json(&login).send().await.unwrap().status(),
        StatusCode::OK
    );
    let regs =
        body(organizer.get(server.url(&format!("/api/v1/events/{event}/registrations"))).send().await.unwrap()).await;
    let regs = regs.as_array().unwrap();
    for r in &registrations {
        let found = regs.iter().find(|x| x["id"] == r["id"]).unwrap_or_else(|| panic!("acknowledged {r} is lost"));
        assert_eq!(found["status"], r["status"]);
    }
    let confirmed = regs.iter().filter(|r| r["status"] == "confirmed").count() as i64;
    let waiting = regs.iter().filter(|r| r["status"] == "waitlisted").count() as i64;
    assert_eq!(confirmed, (confirmed + waiting).min(CAPACITY), "capacity exact: no seat oversold, none left empty");
    assert_eq!(confirmed + waiting, regs.len() as i64);
    let kept = body(organizer.get(server.url(&format!("/api/v1/events/{event}/messages"))).send().await.unwrap()).await;
    let kept = kept.as_array().unwrap();
    for m in &sent {
        assert!(kept.iter().any(|k| k["id"] == m["id"] && k["text"] == m["text"]), "acknowledged {m} is lost");
    }
    // Nothing half-written: each message that exists notified exactly its recipients.
    drop(server);
    let config = backend::Config::with_data_dir(dir.path());
    let db = backend::db::connect(&config).await.unwrap();
    backend::db::integrity_check(&db).await.unwrap();
    let (recipients,): (i64,) =
        sql::query_as("SELECT COALESCE(SUM(recipients), 0) FROM event_messages").fetch_one(&db).await.unwrap();
    let (notes,): (i64,) =
        sql::query_as("SELECT COUNT(*) FROM notifications WHERE kind = 'event_message'").fetch_one(&db).await.unwrap();
    assert_eq!(recipients, notes);
}

#[tokio::test]
async fn a_full_database_answers_507_loses_nothing_saved_and_keeps_serving_reads() {
    // A fresh database is about 0.75 MiB; capped at 1 MiB it fills after a few organizations.
    let app = spawn_app_with(|c| c.max_db_mb = Some(1)).await;
    let owner = app.user("owner@example.com", "所有者").await;
    let description = "面向未来产业的概念验证与中试服务，覆盖人工智能、量子科技与生物制造等方向。".repeat(120);
    let mut created = 0;
    let full = loop {
        let org = json!({"name_zh": format!("测试组织{created}"), "kind": "enterprise", "domains": ["gen_ai"],
                         "description": description});
        let r = owner.post(app.url("/api/v1/orgs")).json(&org).send().await.unwrap();
        if r.status() != StatusCode::CREATED {
            break r;
        }
        created += 1;
        assert!(created < 200, "the database never filled up");
    };
    let (code, v) = error_code(full, StatusCode::INSUFFICIENT_STORAGE).await;
    assert_eq!(code, "storage_full");
    assert!(v["error"]["message"].as_str().unwrap().contains("存储空间已满"));
    assert!(created > 0, "writes succeeded until the database was full");
    // Reads go on, and what was saved is whole: no half-written organization.
    let list = body(owner.get(app.url("/api/v1/orgs?per_page=100")).send().await.unwrap()).await;
    assert_eq!(list["total"], created);
    let (domains,): (i64,) = sql::query_as("SELECT COUNT(*) FROM org_domains").fetch_one(&app.state.db).await.unwrap();
    assert_eq!(domains, created);
    assert_eq!(owner.get(app.url("/api/v1/me")).send().await.unwrap().status(), StatusCode::OK);
}

#[tokio::test]
async fn a_locked_database_answers_503_to_writes_while_reads_go_on() {
    use sqlx::Connection;
    let app = spawn_app_with(|_| {}).await;
    let owner = app.user("owner@example.com", "所有者").await;
    let file = app.dir.path().join("data/futurematch.db");
    // Another process (a backup tool, a sqlite3 shell) holds the write lock.
    let mut other = sqlx::SqliteConnection::connect(&format!("sqlite://{}", file.display())).await.unwrap();
    sqlx::query("BEGIN EXCLUSIVE").execute(&mut other).await.unwrap();
    let org = json!({"name_zh": "锁定期间的组织", "kind": "enterprise"});
    let r = owner.post(app.url("/api/v1/orgs")).json(&org).send().await.unwrap();
    assert_eq!(r.headers()["retry-after"], "1");
    let (code, v) = error_code(r, StatusCode::SERVICE_UNAVAILABLE).await;
    assert_eq!(code, "busy");
    assert!(!v["error"]["message"].as_str().unwrap().is_empty());
    // A read that waited for the lock would end as the same 503: a 200 shows it did not.
    let list = owner.get(app.url("/api/v1/orgs")).send().await.unwrap();
    assert_eq!(list.status(), StatusCode::OK, "reads go on under the lock");
    assert_eq!(body(list).await["total"], 0, "the refused write left nothing");
    sqlx::query("ROLLBACK").execute(&mut other).await.unwrap();
    let r = owner.post(app.url("/api/v1/orgs")).json(&org).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED, "writes resume once the lock is gone");
}

#[tokio::test]
async fn sqlite_syncs_every_commit_by_default_and_normal_is_an_explicit_choice() {
    use backend::config::SqliteSync;
    let synchronous = |app: crate::helpers::TestApp| async move {
        let (level,): (i64,) = sql::query_as("PRAGMA synchronous").fetch_one(&app.state.db).await.unwrap();
        level
    };
    // 2 is FULL (an fsync per commit: an acknowledged registration survives a power loss), 1 NORMAL.
    assert_eq!(synchronous(spawn_app_with(|_| {}).await).await, 2);
    assert_eq!(synchronous(spawn_app_with(|c| c.sqlite_synchronous = SqliteSync::Normal).await).await, 1);
}
