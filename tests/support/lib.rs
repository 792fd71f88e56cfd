//! Whole-stack test support: the real server (in-process, port 0) serving the real built
//! frontend from `dist/`, and headless Chromium driven over WebDriver by Debian's chromedriver.

use std::net::{SocketAddr, TcpListener as StdListener};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use backend::db::sql;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use tempfile::TempDir;

/// The built frontend: `$FUTUREMATCH_TEST_DIST` (set by `cargo xtask test`) or `<repo>/dist`.
pub fn dist_dir() -> PathBuf {
    let dir = std::env::var_os("FUTUREMATCH_TEST_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../dist"));
    assert!(
        dir.join("index.html").exists(),
        "no built frontend in {}: run `cargo xtask test` (or `cargo xtask build`) first",
        dir.display()
    );
    dir
}

pub struct Server {
    pub addr: SocketAddr,
    pub state: backend::AppState,
    _dir: TempDir,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Server {
    pub async fn start() -> Server {
        let dir = tempfile::tempdir().unwrap();
        let mut config = backend::Config::with_data_dir(dir.path().join("data"));
        config.dist_dir = dist_dir();
        config.no_demo = true;
        config.log = "warn".into();
        let state = backend::app::prepare(config).await.expect("server prepares");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(backend::app::serve_on(listener, state.clone(), async move {
            let _ = rx.await;
        }));
        Server { addr, state, _dir: dir, shutdown: Some(tx) }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// A user with [`PASSWORD`]; a site admin when `admin`.
    pub async fn user(&self, email: &str, admin: bool) -> i64 {
        let pool = &self.state.db;
        let pw = shared::validate::Password::parse(PASSWORD).unwrap();
        let e = shared::validate::Email::parse(email).unwrap();
        backend::accounts::create_or_promote_admin(pool, &e, &pw).await.unwrap();
        sql::query("UPDATE users SET is_admin = $1 WHERE email = $2")
            .bind(admin)
            .bind(email)
            .execute(pool)
            .await
            .unwrap();
        let (id,): (i64,) =
            sql::query_as("SELECT id FROM users WHERE email = $1").bind(email).fetch_one(pool).await.unwrap();
        id
    }

    /// A verified organization of `kind` owned by `owner`.
    pub async fn verified_org(&self, owner: i64, kind: shared::orgs::OrgKind, name: &str) -> i64 {
        let mut conn = self.state.db.acquire().await.unwrap();
        let tax = backend::taxonomy::load(&mut conn).await.unwrap();
        let subtype = match kind {
            shared::orgs::OrgKind::Lab => Some("research_institute".to_owned()),
            shared::orgs::OrgKind::Investor => Some("vc".to_owned()),
            _ => None,
        };
        let input = shared::orgs::OrgInput { name_zh: name.into(), subtype, ..shared::orgs::OrgInput::empty(kind) };
        let id = backend::orgs::insert(&mut conn, &input.parse(&tax, 2026).unwrap(), owner).await.unwrap();
        backend::orgs::set_verified(&mut conn, id, Some(owner)).await.unwrap();
        id
    }

    /// A signed-in session for `user`: the `Cookie` header value.
    pub async fn session_cookie(&self, user: i64) -> String {
        let (token, hash) = backend::accounts::session::new_token();
        let mut conn = self.state.db.acquire().await.unwrap();
        let expires = backend::db::now() + backend::accounts::session::SESSION_TTL;
        backend::accounts::insert_session(&mut conn, &hash, user, expires).await.unwrap();
        format!("{}={token}", shared::routes::SESSION_COOKIE)
    }

    /// Calls the API as the session in `cookie` (from [`Server::session_cookie`]): the status and
    /// the JSON body (`null` when there is none).
    pub async fn api(
        &self,
        cookie: &str,
        method: reqwest::Method,
        path: &str,
        body: Option<serde_json::Value>,
    ) -> (reqwest::StatusCode, serde_json::Value) {
        let mut req = reqwest::Client::new().request(method, self.url(path)).header("cookie", cookie);
        if let Some(b) = body {
            req = req.json(&b);
        }
        let r = req.send().await.unwrap_or_else(|e| panic!("{path}: {e}"));
        let status = r.status();
        (status, r.json().await.unwrap_or(serde_json::Value::Null))
    }

    /// `n` users (no password anyone knows), each signed in: (user id, `Cookie` header value).
    /// Written straight to the database in one transaction: hashing 2,000 passwords would take
    /// longer than the test itself.
    pub async fn many_users(&self, n: usize) -> Vec<(i64, String)> {
        let mut tx = backend::db::begin_write(&self.state.db).await.unwrap();
        let expires = backend::db::now() + backend::accounts::session::SESSION_TTL;
        let mut out = Vec::with_capacity(n);
        for i in 0..n {
            let email = format!("attendee{i}@example.com");
            let name = format!("参会人{i}");
            let user = backend::accounts::NewUser::verified(&email, "!", &name, shared::Locale::ZhCn);
            let id = backend::accounts::insert_user(&mut tx, &user).await.unwrap();
            let (token, hash) = backend::accounts::session::new_token();
            backend::accounts::insert_session(&mut tx, &hash, id, expires).await.unwrap();
            out.push((id, format!("{}={token}", shared::routes::SESSION_COOKIE)));
        }
        tx.commit().await.unwrap();
        out
    }
}

/// The password of the users [`Server::user`] makes.
pub const PASSWORD: &str = "a-long-test-passphrase";

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// A headless Chromium session; the driver process ends with it.
pub struct Browser {
    pub client: Client,
    driver: Child,
    _profile: TempDir,
}

fn free_port() -> u16 {
    StdListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl Browser {
    pub async fn start(width: u32, height: u32) -> Browser {
        let port = free_port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver (Debian chromium-driver; `cargo xtask test` installs it)");
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let profile = tempfile::tempdir().unwrap();
        let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
            .into_iter()
            .find(|p| std::path::Path::new(p).exists())
            .unwrap_or("/usr/bin/chromium");
        let caps = json!({
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-quic", "--no-first-run", "--lang=zh-CN",
                    format!("--window-size={width},{height}"),
                    format!("--user-data-dir={}", profile.path().display()),
                ],
                "prefs": { "intl.accept_languages": "zh-CN,zh" }
            }
        });
        // Chromium keeps a window at least 500 px wide: a phone's width is emulated instead.
        let mut caps = caps;
        if width < 500 {
            caps["goog:chromeOptions"]["mobileEmulation"] =
                json!({ "deviceMetrics": { "width": width, "height": height, "pixelRatio": 1.0 } });
        }
        let caps = match caps {
            serde_json::Value::Object(m) => m,
            _ => unreachable!(),
        };
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = ClientBuilder::new(connector)
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("WebDriver session with headless Chromium");
        Browser { client, driver, _profile: profile }
    }

    /// Waits (up to 15 s) for an element matching `css`.
    pub async fn el(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(15))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element {css}: {e}"))
    }

    /// Waits until the text of the first `css` element contains `needle`; returns that text.
    pub async fn text_contains(&self, css: &str, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        let mut last = String::new();
        while Instant::now() < deadline {
            if let Ok(e) = self.client.find(Locator::Css(css)).await
                && let Ok(t) = e.text().await
            {
                if t.contains(needle) {
                    return t;
                }
                last = t;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{css} never contained {needle:?}; last text: {last:?}");
    }

    /// Waits until the URL path matches `pred`; returns the path.
    pub async fn path_matches(&self, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let url = self.client.current_url().await.unwrap();
            if pred(url.path()) {
                return url.path().to_owned();
            }
            assert!(Instant::now() < deadline, "URL stayed at {url}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the focused element matches `css` (the page moved the focus there).
    pub async fn focus_is_on(&self, css: &str) {
        let deadline = Instant::now() + Duration::from_secs(15);
        let script = format!("return document.activeElement && document.activeElement.matches({css:?})");
        while !self.js::<bool>(&script).await {
            let on: String =
                self.js("const a = document.activeElement; return a ? a.outerHTML.slice(0, 120) : ''").await;
            assert!(Instant::now() < deadline, "the focus never moved to {css}; it is on {on}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The value of a script run in the page (a promise it returns is awaited).
    pub async fn js<T: serde::de::DeserializeOwned>(&self, script: &str) -> T {
        let v = self.client.execute(script, vec![]).await.unwrap_or_else(|e| panic!("{script}: {e:?}"));
        serde_json::from_value(v).unwrap_or_else(|e| panic!("{script}: {e}"))
    }

    /// Types `text` into the field matching `css`, replacing what it held. When the page
    /// re-renders the field meanwhile (a stale element), it is found again and filled anew.
    pub async fn fill(&self, css: &str, text: &str) {
        for _ in 0..4 {
            let e = self.el(css).await;
            match e.clear().await {
                Ok(()) => {}
                Err(e) if stale(&e) => continue,
                Err(e) => panic!("clearing {css}: {e:?}"),
            }
            match e.send_keys(text).await {
                Ok(()) => return,
                Err(e) if stale(&e) => tokio::time::sleep(Duration::from_millis(100)).await,
                Err(e) => panic!("typing into {css}: {e:?}"),
            }
        }
        let e = self.el(css).await;
        e.clear().await.unwrap();
        e.send_keys(text).await.unwrap();
    }

    /// Sets an input's value the way typing would (for `<input type="date">`, whose typed form
    /// depends on the browser's locale).
    pub async fn set_value(&self, css: &str, value: &str) {
        let e = self.el(css).await;
        let script =
            "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));";
        let arg = serde_json::to_value(&e).unwrap();
        self.client.execute(script, vec![arg, serde_json::Value::from(value)]).await.unwrap();
    }

    /// Chooses the option with `value` in the `<select>` matching `css`.
    pub async fn select(&self, css: &str, value: &str) {
        self.el(css).await.select_by_value(value).await.unwrap();
    }

    /// Clicks the element matching `css`. When the page re-renders it between finding and
    /// clicking (a stale element), the element is found again; when something lies over it (the
    /// sticky header over an element scrolled to the top), it is scrolled to the middle of the
    /// screen, as a person would; up to five times.
    pub async fn click(&self, css: &str) {
        for _ in 0..4 {
            let e = self.el(css).await;
            match e.click().await {
                Ok(()) => return,
                Err(e) if stale(&e) => tokio::time::sleep(Duration::from_millis(100)).await,
                Err(fantoccini::error::CmdError::Standard(w))
                    if w.error == fantoccini::error::ErrorStatus::ElementClickIntercepted =>
                {
                    let arg = serde_json::to_value(&e).unwrap();
                    let _ = self.client.execute("arguments[0].scrollIntoView({block: 'center'})", vec![arg]).await;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => panic!("clicking {css}: {e:?}"),
            }
        }
        self.el(css).await.click().await.unwrap();
    }

    /// Looks at the page as it is now: axe-core's accessibility rules must find no serious or
    /// critical violation, and a PNG screenshot is saved under `target/screenshots/` for people.
    pub async fn look_at(&self, name: &str) {
        self.not_crashed().await;
        self.accessible(name).await;
        self.screenshot(name).await;
    }

    /// Fails when the app panicked on this page (the page marks itself `data-crashed` and says so
    /// to the user; the panic's message is in the console).
    pub async fn not_crashed(&self) {
        let crashed: bool = self.js("return document.documentElement.hasAttribute('data-crashed')").await;
        assert!(
            !crashed,
            "the app panicked on {}",
            self.client.current_url().await.map(|u| u.to_string()).unwrap_or_default()
        );
    }

    /// Runs axe-core (npm, pinned; `cargo xtask test` installs it and names it in
    /// `FUTUREMATCH_TEST_AXE`) on the page and fails on any serious or critical violation.
    pub async fn accessible(&self, name: &str) {
        let Some(axe) = axe_source() else {
            eprintln!("warning: no axe-core (run `cargo xtask test`): {name} not checked for accessibility");
            return;
        };
        let script = format!(
            "{axe}\nreturn axe.run(document, {{resultTypes: ['violations']}}).then(r => r.violations\
             .filter(v => v.impact === 'serious' || v.impact === 'critical')\
             .map(v => v.impact + ' ' + v.id + ': ' + v.help + ' — ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')));"
        );
        let found = self.client.execute(&script, vec![]).await.unwrap_or_else(|e| panic!("axe-core on {name}: {e:?}"));
        let violations: Vec<String> = serde_json::from_value(found).unwrap_or_default();
        assert!(violations.is_empty(), "accessibility of {name}:\n  {}", violations.join("\n  "));
    }

    /// Saves a PNG screenshot under `target/screenshots/` (for people to look at; not asserted on).
    pub async fn screenshot(&self, name: &str) {
        if let Ok(png) = self.client.screenshot().await {
            let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots");
            let _ = std::fs::create_dir_all(&dir);
            let _ = std::fs::write(dir.join(format!("{name}.png")), png);
        }
    }

    /// Closes the browser; fails the test when the app panicked on the page it was last on (the
    /// page marks itself `data-crashed`).
    pub async fn close(mut self) {
        let crashed = self.client.execute("return document.documentElement.hasAttribute('data-crashed')", vec![]).await;
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        assert_ne!(
            crashed.ok(),
            Some(serde_json::Value::Bool(true)),
            "the app panicked (its message is in the console)"
        );
    }
}

/// The pinned axe-core script: `$FUTUREMATCH_TEST_AXE`, else where `cargo xtask test` puts it.
fn axe_source() -> Option<&'static str> {
    static SOURCE: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    SOURCE
        .get_or_init(|| {
            let path = std::env::var_os("FUTUREMATCH_TEST_AXE").map(PathBuf::from).unwrap_or_else(|| {
                PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                    .join("../target/tools/axe-core/node_modules/axe-core/axe.min.js")
            });
            std::fs::read_to_string(path).ok()
        })
        .as_deref()
}

/// The element was re-rendered between finding and using it.
fn stale(e: &fantoccini::error::CmdError) -> bool {
    matches!(e, fantoccini::error::CmdError::Standard(w) if w.error == fantoccini::error::ErrorStatus::StaleElementReference)
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
    }
}
