//! A server process a task starts (the load test, the API fuzz, Lighthouse): ready once
//! `/healthz` answers, stopped with SIGTERM when dropped.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

/// One HTTP/1.1 exchange with the server at `addr`: (status line and headers, body).
pub fn exchange(addr: &str, request: &str) -> Result<(String, String)> {
    let mut s = TcpStream::connect(addr)?;
    s.set_read_timeout(Some(Duration::from_secs(30)))?;
    s.write_all(request.as_bytes())?;
    let mut out = String::new();
    s.read_to_string(&mut out)?;
    let (head, body) = out.split_once("\r\n\r\n").unwrap_or((&out, ""));
    Ok((head.to_owned(), body.to_owned()))
}

/// Whether a server at `addr` answers `/healthz` with 200.
pub fn healthy(addr: &str) -> bool {
    exchange(addr, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .is_ok_and(|(head, _)| head.starts_with("HTTP/1.1 200"))
}

/// A running server; SIGTERM and waited for when dropped.
pub struct Serving(Child);

impl Serving {
    /// Spawns `command` (a `futurematch serve` listening on `addr`) and waits at most `within` for
    /// it to answer `/healthz`.
    pub fn start(command: &mut Command, addr: &str, within: Duration) -> Result<Serving> {
        let t = Instant::now();
        let serving = Serving(command.spawn().context("starting the server")?);
        while !healthy(addr) {
            if t.elapsed() > within {
                bail!("the server did not answer /healthz within {within:?}");
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        eprintln!("xtask: server ready in {:.1}s", t.elapsed().as_secs_f64());
        Ok(serving)
    }
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = Command::new("kill").args(["-TERM", &self.0.id().to_string()]).status();
        let _ = self.0.wait();
    }
}

/// The server built from this checkout on a fresh data folder (the demo data loaded on start), on
/// a free port; stopped and its data folder removed when dropped.
pub struct DemoServer {
    serving: Option<Serving>,
    pub addr: String,
    pub data: PathBuf,
}

impl DemoServer {
    /// Builds `futurematch` (in release when `release`) and starts it serving `dist/`; `name`
    /// tells the data folders of several tasks apart.
    pub fn start(root: &Path, release: bool, name: &str) -> Result<DemoServer> {
        Self::start_with_admin(root, release, name, None)
    }

    /// [`DemoServer::start`] with a site admin `(email, password)` made before the first start
    /// (the demo still loads beside it).
    pub fn start_with_admin(root: &Path, release: bool, name: &str, admin: Option<(&str, &str)>) -> Result<DemoServer> {
        let mut build = crate::cargo();
        build.args(["build", "-p", "backend", "--bin", "futurematch"]);
        if release {
            build.arg("--release");
        }
        crate::run_cmd(&mut build)?;
        let data = std::env::temp_dir().join(format!("futurematch-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&data);
        let addr = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.to_string();
        let profile = if release { "release" } else { "debug" };
        let binary = root.join(format!("target/{profile}/futurematch"));
        if let Some((email, password)) = admin {
            let mut make = Command::new(&binary)
                .arg("--data-dir")
                .arg(&data)
                .args(["--log", "error", "create-admin", "--email", email])
                .stdin(std::process::Stdio::piped())
                .spawn()
                .context("running create-admin")?;
            make.stdin.take().context("create-admin's stdin")?.write_all(format!("{password}\n").as_bytes())?;
            anyhow::ensure!(make.wait()?.success(), "create-admin failed");
        }
        let mut serve = Command::new(&binary);
        serve.arg("serve").arg("--data-dir").arg(&data).arg("--dist-dir").arg(root.join("dist"));
        serve.args(["--addr", &addr, "--log", "error"]);
        let serving = Serving::start(&mut serve, &addr, Duration::from_secs(300))?;
        Ok(DemoServer { serving: Some(serving), addr, data })
    }
}

impl Drop for DemoServer {
    fn drop(&mut self) {
        drop(self.serving.take());
        let _ = std::fs::remove_dir_all(&self.data);
    }
}
