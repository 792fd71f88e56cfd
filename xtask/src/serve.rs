//! A server process a task starts (the load test, the API fuzz): ready once `/healthz` answers,
//! stopped with SIGTERM when dropped.

use std::io::{Read, Write};
use std::net::TcpStream;
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
