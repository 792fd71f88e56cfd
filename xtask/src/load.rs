//! `cargo xtask load`: the read load test. A release server on a data folder seeded with the demo
//! plus N generated postings (100,000 by default; seeded once, kept under target/), then wrk with a
//! fixed mix of list pages, searches, posting details and matches at 64 connections.
//! `--postgres`: the same on a throwaway PostgreSQL server (seeded anew each run, then removed).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::serve::{self, Serving};
use crate::{cargo, postgres, run_cmd, setup};

const ADDR: &str = "127.0.0.1:18090";

/// The value after `--name`, parsed, else `default`.
fn flag(args: &[String], name: &str, default: u32) -> Result<u32> {
    match args.iter().position(|a| a == name) {
        Some(i) => args.get(i + 1).context("a value after the flag")?.parse().with_context(|| name.to_owned()),
        None => Ok(default),
    }
}

pub fn load(root: &Path, args: &[String]) -> Result<()> {
    let postings = flag(args, "--postings", 100_000)?;
    let connections = flag(args, "--connections", 64)?;
    let seconds = flag(args, "--duration", 30)?;
    setup::ensure_wrk()?;
    run_cmd(cargo().args(["build", "--release", "-p", "backend", "--bin", "futurematch", "--example", "load_paths"]))?;
    let bin = root.join("target/release/futurematch");
    // On PostgreSQL the database lives in a new cluster, so the data folder (the search index) is new too.
    let server = if args.iter().any(|a| a == "--postgres") { Some(postgres::Server::start()?) } else { None };
    let database = server.as_ref().map(|s| format!("{}/postgres", s.url()));
    let data = root.join(format!("target/load-{}{postings}", if server.is_some() { "postgres-" } else { "" }));
    let command = |program: &Path| {
        let mut c = Command::new(program);
        if let Some(url) = &database {
            c.env("FUTUREMATCH_DATABASE_URL", url);
        }
        c
    };
    if server.is_some() {
        let _ = std::fs::remove_dir_all(&data);
        std::fs::create_dir_all(&data).with_context(|| format!("creating {}", data.display()))?;
    }
    if server.is_some() || !data.join("futurematch.db").exists() {
        let t = Instant::now();
        run_cmd(command(&bin).arg("seed-demo").arg("--data-dir").arg(&data))?;
        let scale = postings.to_string();
        run_cmd(command(&bin).arg("seed-demo").arg("--data-dir").arg(&data).args(["--scale", &scale]))?;
        eprintln!("xtask: seeded {postings} postings in {:.0}s", t.elapsed().as_secs_f64());
    }
    let paths = data.join("paths.txt");
    run_cmd(command(&root.join("target/release/examples/load_paths")).arg(&data).arg(&paths))?;
    if serve::healthy(ADDR) {
        bail!("something already listens on {ADDR}");
    }
    let mut serve = command(&bin);
    serve.arg("serve").arg("--data-dir").arg(&data).args(["--addr", ADDR, "--no-demo", "--log", "warn"]);
    let serving = Serving::start(&mut serve, ADDR, Duration::from_secs(600))?;
    let wrk = |secs: u32| {
        let mut c = Command::new("wrk");
        c.args(["-t2", &format!("-c{connections}"), &format!("-d{secs}s"), "--latency", "-s"])
            .arg(root.join("tests/load/mixed.lua"))
            .arg(format!("http://{ADDR}"))
            .arg("--")
            .arg(&paths);
        c
    };
    eprintln!("xtask: warming up (5 s)");
    let result = run_cmd(wrk(5).stdout(std::process::Stdio::null())).and_then(|()| run_cmd(&mut wrk(seconds)));
    // The server stops before the database it uses.
    drop(serving);
    drop(server);
    result
}
