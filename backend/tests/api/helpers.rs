use std::net::SocketAddr;

use backend::Config;
use reqwest::{Client, Response, StatusCode};
use serde_json::{Value, json};
use tempfile::TempDir;

pub const PASSWORD: &str = "correct-horse-battery";

/// A running server with its own data folder, removed when dropped.
pub struct TestApp {
    pub addr: SocketAddr,
    pub state: backend::AppState,
    pub dir: TempDir,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    /// The PostgreSQL database made for this test, dropped with it.
    postgres: Option<String>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(url) = self.postgres.take() {
            // Drop runs inside the test's runtime: the database goes on a thread of its own.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
                rt.block_on(drop_postgres(&url));
            })
            .join();
        }
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

pub async fn spawn_app_with(configure: impl FnOnce(&mut Config)) -> TestApp {
    if let Ok(filter) = std::env::var("FUTUREMATCH_TEST_LOG") {
        // The servers' own log, to see what went wrong behind an answer (e.g. `error`).
        let _ = tracing_subscriber::fmt().with_env_filter(filter).with_test_writer().try_init();
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let mut config = Config::with_data_dir(dir.path().join("data"));
    config.no_demo = true;
    config.dist_dir = dir.path().join("dist");
    config.log = "warn".into();
    config.database_url = fresh_postgres().await;
    let mut postgres = config.database_url.clone();
    configure(&mut config);
    if postgres.is_some() && postgres != config.database_url {
        // The test chose its database (a second instance on the first one's): this one is unused.
        drop_postgres(postgres.as_deref().unwrap_or_default()).await;
        postgres = None;
    }
    let state = backend::app::prepare(config).await.expect("prepare app");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().unwrap();
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(backend::app::serve_on(listener, state.clone(), async move {
        let _ = rx.await;
    }));
    TestApp { addr, state, dir, shutdown: Some(tx), postgres }
}

/// With `FUTUREMATCH_TEST_POSTGRES` set (a server URL, `postgres://user@host:port`), a new empty
/// database on that server for one test; else `None` (the test's own SQLite file).
pub async fn fresh_postgres() -> Option<String> {
    let server = std::env::var("FUTUREMATCH_TEST_POSTGRES").ok()?;
    let name = format!("fm_test_{}", uuid::Uuid::new_v4().simple());
    let mut admin = <sqlx::PgConnection as sqlx::Connection>::connect(&format!("{server}/postgres"))
        .await
        .expect("connect to the test PostgreSQL server");
    // FILE_COPY: a copy of the template's files, not its pages through the WAL.
    sqlx::query(&format!("CREATE DATABASE {name} STRATEGY FILE_COPY"))
        .execute(&mut admin)
        .await
        .expect("create a test database");
    Some(format!("{server}/{name}"))
}

/// Drops a database [`fresh_postgres`] made, closing what is still connected to it.
pub async fn drop_postgres(url: &str) {
    let Some((server, name)) = url.rsplit_once('/') else { return };
    if let Ok(mut admin) = <sqlx::PgConnection as sqlx::Connection>::connect(&format!("{server}/postgres")).await {
        let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut admin).await;
    }
}

/// Another instance on `app`'s database and files (its own data folder: its own search index),
/// as a load balancer would have behind it.
pub async fn second_instance(app: &TestApp) -> TestApp {
    let (url, files) = (app.state.config.database_url.clone(), app.state.config.files_dir());
    spawn_app_with(|c| {
        c.database_url = url;
        c.files_dir = Some(files);
    })
    .await
}

impl TestApp {
    /// The application's time (its clock, which tests move forward).
    pub async fn now(&self) -> time::OffsetDateTime {
        self.state.clock.scope(async { backend::db::now() }).await
    }

    /// Moves the application's clock forward: deadlines pass, links and sessions age.
    pub fn advance(&self, by: time::Duration) {
        self.state.clock.advance(by);
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// A browser-like client with its own cookie jar.
    pub fn client(&self) -> Client {
        Client::builder().cookie_store(true).build().unwrap()
    }

    /// Registers a new user, follows the verification link emailed to them, and returns a client
    /// signed in as them.
    pub async fn user(&self, email: &str, name: &str) -> Client {
        let c = sign_up(self.client(), &self.url(""), email, name).await;
        self.verify(&c, email).await;
        c
    }

    /// The newest email in the outbox to `email`: (subject, body).
    pub async fn last_email(&self, email: &str) -> (String, String) {
        backend::db::sql::query_as("SELECT subject, body FROM outbox WHERE to_email = $1 ORDER BY id DESC LIMIT 1")
            .bind(email.to_lowercase())
            .fetch_one(&self.state.db)
            .await
            .unwrap_or_else(|e| panic!("no email to {email}: {e}"))
    }

    /// Follows, as `client`, the verification link of the newest email to `email`.
    pub async fn verify(&self, client: &Client, email: &str) {
        let (_, text) = self.last_email(email).await;
        let token = verification_token(&text).unwrap_or_else(|| panic!("no verification link in {text}"));
        let r = client.post(self.url("/api/v1/auth/verify-email")).json(&json!({"token": token})).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::NO_CONTENT, "verifying {email}");
    }

    /// A new user who joined `org` as a member through `owner`'s invitation; signed in.
    pub async fn member(&self, owner: &Client, org: i64, email: &str, name: &str) -> Client {
        let r =
            owner.post(self.url(&format!("/api/v1/orgs/{org}/members"))).json(&json!({"email": email})).send().await;
        let invitation = body(r.unwrap()).await;
        let member = self.user(email, name).await;
        let token = invitation["token"].as_str().expect("invitation token");
        let r = member.post(self.url(&format!("/api/v1/invitations/{token}/accept"))).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{email} joins organization {org}");
        member
    }

    /// A signed-in site administrator, made the way `futurematch create-admin` makes one.
    pub async fn admin(&self) -> Client {
        let email = shared::validate::Email::parse("admin@futurematch.test").unwrap();
        let pw = shared::validate::Password::parse(PASSWORD).unwrap();
        backend::accounts::create_or_promote_admin(&self.state.db, &email, &pw).await.unwrap();
        let c = self.client();
        let r = c
            .post(self.url("/api/v1/auth/login"))
            .json(&json!({"email": "admin@futurematch.test", "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        c
    }

    /// Creates an organization as `owner` and returns its id.
    pub async fn org(&self, owner: &Client, name: &str) -> i64 {
        let r = owner
            .post(self.url("/api/v1/orgs"))
            .json(&json!({"name_zh": name, "kind": "enterprise", "domains": ["gen_ai"], "district": "binjiang",
                          "contact_phone": "0571-8888 6666", "contact_email": "bd@example.com"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::CREATED);
        body(r).await["id"].as_i64().unwrap()
    }
}

/// Registers through `client` on the server at `base` (no trailing slash) and returns the client,
/// now signed in.
pub async fn sign_up(client: Client, base: &str, email: &str, name: &str) -> Client {
    let r = client
        .post(format!("{base}/api/v1/auth/register"))
        .json(&json!({"email": email, "password": PASSWORD, "display_name": name}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED, "registering {email}");
    client
}

/// The token of the verification link in an email's text.
pub fn verification_token(text: &str) -> Option<String> {
    let rest = text.split("/verify-email?token=").nth(1)?;
    Some(rest.chars().take_while(char::is_ascii_hexdigit).collect())
}

/// Follows the verification link emailed to `email` as `user`, reading the outbox through a site
/// admin's API (for servers in another process).
pub async fn verify_through_outbox(base: &str, admin: &Client, user: &Client, email: &str) {
    let outbox: Value = admin.get(format!("{base}/api/v1/admin/outbox")).send().await.unwrap().json().await.unwrap();
    let text = outbox
        .as_array()
        .and_then(|list| list.iter().find(|m| m["to_email"] == email))
        .and_then(|m| m["body"].as_str())
        .unwrap_or_else(|| panic!("no email to {email} in the outbox"));
    let token = verification_token(text).expect("a verification link");
    let r = user.post(format!("{base}/api/v1/auth/verify-email")).json(&json!({"token": token})).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT, "verifying {email}");
}

pub async fn body(r: Response) -> Value {
    r.json().await.expect("JSON body")
}

/// Asserts the shared error shape and returns the code.
pub async fn error_code(r: Response, status: StatusCode) -> (String, Value) {
    assert_eq!(r.status(), status);
    let v = body(r).await;
    let code = v["error"]["code"].as_str().expect("error.code").to_owned();
    assert!(v["error"]["message"].as_str().is_some_and(|m| !m.is_empty()), "error.message in {v}");
    (code, v)
}
