//! `cargo xtask build | run [-- server flags] | test`: build orchestration for FutureMatch.
//!
//! Needs only rustup's Rust (plus Node's npm for wasm-opt, skipped with a warning without it);
//! everything else it installs itself, pinned.

mod api_client;
mod api_fuzz;
mod chunks;
mod frontend;
mod lighthouse;
mod lint;
mod load;
mod postgres;
mod serve;
mod setup;
mod tables;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result, bail};

fn main() -> Result<()> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let task = if args.is_empty() { "help".to_owned() } else { args.remove(0) };
    if args.first().map(String::as_str) == Some("--") {
        args.remove(0);
    }
    let root = workspace_root();
    std::env::set_current_dir(&root)?;
    match task.as_str() {
        "build" => build(&root).map(|_| ()),
        "frontend" => frontend::build(&root, frontend::Flavour::from_args(&args)?),
        "run" => {
            build(&root)?;
            run(&root, &args)
        }
        "test" => test(&root),
        "lint" => lint::check(&root),
        "load" => load::load(&root, &args),
        "lighthouse" => lighthouse::task(&root, &args),
        "api-fuzz" => api_fuzz::run(&root),
        "eval-matching" => run_cmd(cargo().args([
            "run",
            "--release",
            "-p",
            "backend",
            "--example",
            "eval_matching",
            "--",
            "tests/matching-eval",
        ])),
        "eval-search" => run_cmd(cargo().args([
            "run",
            "--release",
            "-p",
            "backend",
            "--example",
            "eval_search",
            "--",
            "tests/search-eval",
        ])),
        _ => {
            eprintln!(
                "usage: cargo xtask <task>\n\n  build            build the frontend into dist/ and the server in release\n  frontend [--dev] build only the frontend into dist/ (what the browser tests serve);\n                   --dev: the edit-reload loop, incremental and unoptimised\n  run [-- FLAGS]   build, then start the server (flags go to `futurematch`, e.g. --addr 127.0.0.1:9000 --data-dir /tmp/x)\n  lint             the layout checks: no capability names another's store
  test             lint, fmt, clippy (native + wasm32), cargo deny, unit, API and browser tests, the API tests on PostgreSQL, fuzzing, Lighthouse (accessibility, best practices, SEO)\n  api-fuzz         schemathesis against a server with the demo data (also the end of `test`)\n  lighthouse [--runs N] [--debug] [--no-build]\n                   Lighthouse, mobile and desktop, on the main pages of a release server with the demo data (median of N runs, default 3)\n  eval-matching    ranking quality of the matching engine on tests/matching-eval (nDCG@10, recall@20)\n  eval-search      search quality on tests/search-eval against three baselines, demo postings as distractors\n  load [--postings N] [--connections C] [--duration S] [--postgres]\n                   read load test: wrk against a release server at N postings (default 100000, 64, 30), on SQLite or a throwaway PostgreSQL"
            );
            if task == "help" { Ok(()) } else { bail!("unknown task {task}") }
        }
    }
}

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace").to_path_buf()
}

/// Runs a command, failing with its description when it fails.
pub fn run_cmd(cmd: &mut Command) -> Result<()> {
    let shown = format!("{cmd:?}");
    eprintln!("xtask: $ {shown}");
    let status = cmd.status().with_context(|| format!("starting {shown}"))?;
    if !status.success() {
        bail!("{shown} failed with {status}");
    }
    Ok(())
}

pub fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

/// The frontend and the server at once: each spends long single-threaded stretches (the wasm's
/// whole-program optimisation, wasm-opt, compression; the server's last crates and link) that the
/// other fills on a two-core machine. They build in separate target subfolders, so the two cargo
/// runs do not wait on each other's lock.
fn build(root: &Path) -> Result<()> {
    let t = Instant::now();
    let mut server = cargo();
    server.args(["build", "--release", "-p", "backend", "--bin", "futurematch"]);
    eprintln!("xtask: $ {server:?} (alongside the frontend)");
    let mut server = server.spawn().context("starting the server's build")?;
    let frontend = frontend::build(root, frontend::Flavour::Release);
    let status = server.wait()?;
    frontend?;
    if !status.success() {
        bail!("building the server failed with {status}");
    }
    eprintln!("xtask: build done in {:.1}s", t.elapsed().as_secs_f64());
    Ok(())
}

fn run(root: &Path, server_args: &[String]) -> Result<()> {
    let bin = root.join("target/release/futurematch");
    let mut cmd = Command::new(bin);
    cmd.current_dir(root);
    if !server_args.iter().any(|a| a == "--dist-dir" || a.starts_with("--dist-dir=")) {
        cmd.arg("--dist-dir").arg(root.join("dist"));
    }
    cmd.args(server_args);
    run_cmd(&mut cmd)
}

fn test(root: &Path) -> Result<()> {
    let t = Instant::now();
    lint::check(root)?;
    run_cmd(cargo().args(["fmt", "--all", "--check"]))?;
    setup::ensure_wasm_target()?;
    // With the generators, so the benchmarks that need them are linted too.
    run_cmd(cargo().args([
        "clippy",
        "--workspace",
        "--exclude",
        "frontend",
        "--all-targets",
        "--features",
        "backend/generators",
        "--",
        "-D",
        "warnings",
    ]))?;
    run_cmd(cargo().args([
        "clippy",
        "-p",
        "frontend",
        "-p",
        "shared",
        "--target",
        "wasm32-unknown-unknown",
        "--",
        "-D",
        "warnings",
    ]))?;
    setup::ensure_cargo_deny()?;
    // Advisories are left out: their database is fetched from GitHub (see deny.toml).
    run_cmd(cargo().args(["deny", "check", "licenses", "bans", "sources"]))?;
    frontend::build(root, frontend::Flavour::Release)?;
    setup::ensure_browser()?;
    let axe = setup::axe(root)?;
    let mut totals = run_tests(
        cargo()
            .args(["test", "--workspace", "--exclude", "frontend"])
            .env("FUTUREMATCH_TEST_DIST", root.join("dist"))
            .env("FUTUREMATCH_TEST_AXE", axe),
    )?;
    // The API tests again on PostgreSQL, with the ones that need it (several instances on one
    // database). Left out there: the fault tests, which are about SQLite's own file (full, locked,
    // the process killed over it), and the backup, which copies that file.
    let server = postgres::Server::start()?;
    let on_postgres = run_tests(
        cargo()
            .args(["test", "-p", "backend", "--test", "api", "--"])
            .args(["--include-ignored", "--skip", "faults::", "--skip", "conventions::backup"])
            .env("FUTUREMATCH_TEST_POSTGRES", server.url()),
    )?;
    drop(server);
    eprintln!(
        "xtask: on PostgreSQL {} passed; the {} skipped on SQLite are the ones that need PostgreSQL",
        on_postgres.passed, totals.ignored
    );
    totals.passed += on_postgres.passed;
    fuzz(root)?;
    api_fuzz::run(root)?;
    lighthouse::report(root)?;
    eprintln!("xtask: all checks passed in {:.1}s", t.elapsed().as_secs_f64());
    println!("tests: {} passed, {} failed, {} skipped", totals.passed, totals.failed, totals.ignored);
    Ok(())
}

/// A short run of each fuzz target of the shared parsers (`fuzz/`); any crash fails the tests. The
/// machine's stable toolchain runs cargo-fuzz's nightly flags with `RUSTC_BOOTSTRAP=1`.
fn fuzz(root: &Path) -> Result<()> {
    setup::ensure_cargo_fuzz()?;
    for target in ["query_strings", "request_bodies", "file_sniffing"] {
        run_cmd(
            cargo()
                .args(["fuzz", "run", "-O", target, "--", "-max_total_time=20"])
                .current_dir(root.join("fuzz"))
                .env("RUSTC_BOOTSTRAP", "1"),
        )?;
    }
    Ok(())
}

#[derive(Debug, Default, PartialEq)]
struct Totals {
    passed: u64,
    failed: u64,
    ignored: u64,
}

impl Totals {
    /// Adds one libtest summary line: `test result: ok. 3 passed; 0 failed; 1 ignored; ...`.
    fn add_line(&mut self, line: &str) {
        let Some(rest) = line.trim().strip_prefix("test result: ") else { return };
        let rest = rest.trim_start_matches("ok. ").trim_start_matches("FAILED. ");
        let count = |word: &str| -> u64 {
            rest.split(';')
                .filter_map(|part| part.trim().split_once(' '))
                .find(|(_, w)| *w == word)
                .and_then(|(n, _)| n.parse().ok())
                .unwrap_or(0)
        };
        self.passed += count("passed");
        self.failed += count("failed");
        self.ignored += count("ignored");
    }
}

/// Runs `cargo test`, echoing its output, and totals every test binary's summary so the run
/// ends on one line that counts them all.
fn run_tests(cmd: &mut Command) -> Result<Totals> {
    use std::io::{BufRead, BufReader};
    let shown = format!("{cmd:?}");
    eprintln!("xtask: $ {shown}");
    let mut child = cmd.stdout(std::process::Stdio::piped()).spawn().with_context(|| format!("starting {shown}"))?;
    let mut totals = Totals::default();
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out).lines() {
            let line = line?;
            println!("{line}");
            totals.add_line(&line);
        }
    }
    let status = child.wait()?;
    if !status.success() {
        println!("tests: {} passed, {} failed, {} skipped", totals.passed, totals.failed.max(1), totals.ignored);
        bail!("{shown} failed with {status}");
    }
    Ok(totals)
}

#[cfg(test)]
mod tests {
    use super::Totals;

    #[test]
    fn totals_sum_every_libtest_summary_line() {
        let mut t = Totals::default();
        t.add_line("test result: ok. 42 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 2.77s");
        t.add_line("test result: FAILED. 3 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out");
        t.add_line("test something ... ok");
        assert_eq!(t, Totals { passed: 45, failed: 2, ignored: 1 });
    }
}
