//! `cargo xtask lighthouse`: Lighthouse (npm, pinned, run with Debian's Chromium) on the pages a
//! visitor starts from, mobile and desktop, against a server on a fresh data folder with the demo
//! data. Writes each report under `target/lighthouse/` and prints one table: page, preset,
//! performance, accessibility, best practices, SEO, LCP, TBT, CLS, requests (the median of the runs
//! for each figure). In `cargo xtask test` it runs once per page on the mobile preset as a report;
//! performance depends on the machine and is for the note, not a test.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::run_cmd;
use crate::serve::{DemoServer, exchange};

const LIGHTHOUSE: &str = "12.2.3";

/// `lighthouse` from npm under `target/tools/`, installed when missing.
fn ensure_lighthouse(root: &Path) -> Result<PathBuf> {
    let dir = root.join(format!("target/tools/lighthouse-{LIGHTHOUSE}"));
    crate::setup::npm_tool(&dir, "lighthouse", LIGHTHOUSE, "node_modules/.bin/lighthouse")
}

/// One Lighthouse run's figures.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Figures {
    pub performance: f64,
    pub accessibility: f64,
    pub best_practices: f64,
    pub seo: f64,
    pub lcp_ms: f64,
    pub tbt_ms: f64,
    pub cls: f64,
    pub requests: f64,
}

/// Reads the figures out of a Lighthouse JSON report.
fn figures(report: &serde_json::Value) -> Result<Figures> {
    let score = |c: &str| report["categories"][c]["score"].as_f64().with_context(|| format!("no {c} score"));
    let audit = |a: &str| report["audits"][a]["numericValue"].as_f64().with_context(|| format!("no {a}"));
    // Requests that go over the network (an inline `data:` image is not one).
    let requests = report["audits"]["network-requests"]["details"]["items"]
        .as_array()
        .map_or(0, |items| items.iter().filter(|i| i["url"].as_str().is_some_and(|u| u.starts_with("http"))).count());
    Ok(Figures {
        performance: score("performance")? * 100.0,
        accessibility: score("accessibility")? * 100.0,
        best_practices: score("best-practices")? * 100.0,
        seo: score("seo")? * 100.0,
        lcp_ms: audit("largest-contentful-paint")?,
        tbt_ms: audit("total-blocking-time")?,
        cls: audit("cumulative-layout-shift")?,
        requests: requests as f64,
    })
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    if v.is_empty() { 0.0 } else { v[v.len() / 2] }
}

/// Each figure's median over the runs.
fn medians(runs: &[Figures]) -> Figures {
    let m = |f: fn(&Figures) -> f64| median(runs.iter().map(f).collect());
    Figures {
        performance: m(|f| f.performance),
        accessibility: m(|f| f.accessibility),
        best_practices: m(|f| f.best_practices),
        seo: m(|f| f.seo),
        lcp_ms: m(|f| f.lcp_ms),
        tbt_ms: m(|f| f.tbt_ms),
        cls: m(|f| f.cls),
        requests: m(|f| f.requests),
    }
}

/// The first id in a list answer (`{"items":[{"id":…}]}` or a bare array).
fn first_id(addr: &str, path: &str) -> Result<i64> {
    let (head, body) = exchange(addr, &format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"))?;
    anyhow::ensure!(head.starts_with("HTTP/1.1 200"), "{path}: {}", head.lines().next().unwrap_or(""));
    let v: serde_json::Value = serde_json::from_str(&body).with_context(|| format!("{path}: not JSON"))?;
    let list = v.get("items").unwrap_or(&v);
    list[0]["id"].as_i64().with_context(|| format!("{path}: no item"))
}

/// The pages measured, as (label, path).
fn pages(addr: &str) -> Result<Vec<(String, String)>> {
    let demand = first_id(addr, "/api/v1/demands?per_page=1")?;
    let event = first_id(addr, "/api/v1/events")?;
    Ok(vec![
        ("home".into(), "/".into()),
        ("demands".into(), "/demands".into()),
        ("a demand".into(), format!("/demands/{demand}")),
        ("an event".into(), format!("/events/{event}")),
        ("events".into(), "/events".into()),
        ("dashboard".into(), "/dashboard".into()),
        ("search".into(), "/search?q=%E5%9B%BA%E6%80%81%E7%94%B5%E6%B1%A0".into()),
    ])
}

/// Runs Lighthouse `runs` times per page and preset (`desktop` too unless `mobile_only`) against
/// a server built in release (`release`) or debug, prints the table and returns its rows.
pub fn run(root: &Path, release: bool, runs: usize, mobile_only: bool) -> Result<Vec<(String, &'static str, Figures)>> {
    let lighthouse = ensure_lighthouse(root)?;
    let profile = if release { "release" } else { "debug" };
    let out = root.join("target/lighthouse");
    std::fs::create_dir_all(&out)?;
    let server = DemoServer::start(root, release, "lighthouse")?;
    let addr = server.addr.clone();
    let presets: &[&'static str] = if mobile_only { &["mobile"] } else { &["mobile", "desktop"] };
    let mut rows = vec![];
    let result = (|| -> Result<()> {
        for (label, path) in pages(&addr)? {
            for preset in presets {
                let mut all = vec![];
                for n in 0..runs {
                    let file = out.join(format!("{}-{preset}-{n}.json", label.replace(' ', "-")));
                    let mut lh = Command::new(&lighthouse);
                    lh.arg(format!("http://{addr}{path}"))
                        .args(["--output=json", "--quiet", "--max-wait-for-load=60000"])
                        .arg(format!("--output-path={}", file.display()))
                        .arg("--chrome-flags=--headless=new --no-sandbox --disable-gpu --lang=zh-CN")
                        .env("CHROME_PATH", crate::setup::chromium());
                    if *preset == "desktop" {
                        lh.arg("--preset=desktop");
                    }
                    run_cmd(&mut lh)?;
                    let report: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&file)?)?;
                    all.push(figures(&report)?);
                }
                rows.push((label.clone(), *preset, medians(&all)));
            }
        }
        Ok(())
    })();
    drop(server);
    result?;
    print_table(&rows, runs, profile);
    Ok(rows)
}

fn print_table(rows: &[(String, &'static str, Figures)], runs: usize, profile: &str) {
    println!(
        "\nLighthouse {LIGHTHOUSE} ({profile} server, demo data; median of {runs} run(s); reports in target/lighthouse/)"
    );
    println!(
        "{:<10} {:<8} {:>5} {:>5} {:>5} {:>5} {:>8} {:>7} {:>6} {:>8}",
        "page", "preset", "perf", "a11y", "bp", "seo", "LCP ms", "TBT ms", "CLS", "requests"
    );
    for (page, preset, f) in rows {
        println!(
            "{page:<10} {preset:<8} {:>5.0} {:>5.0} {:>5.0} {:>5.0} {:>8.0} {:>7.0} {:>6.3} {:>8.0}",
            f.performance, f.accessibility, f.best_practices, f.seo, f.lcp_ms, f.tbt_ms, f.cls, f.requests
        );
    }
}

/// What a page may ask for until it has shown its content: the shell, its code and its data.
pub const MOST_REQUESTS: f64 = 15.0;

/// The budgets that do not depend on the machine's speed: accessibility 100, best practices 100,
/// SEO at least 95 and at most [`MOST_REQUESTS`] requests on every page measured. The failures,
/// one line each.
pub fn over_budget(rows: &[(String, &'static str, Figures)]) -> Vec<String> {
    let mut out = vec![];
    for (page, preset, f) in rows {
        let mut check = |what: &str, value: f64, min: f64| {
            if value < min {
                out.push(format!("{page} ({preset}): {what} {value:.0} < {min:.0}"));
            }
        };
        check("accessibility", f.accessibility, 100.0);
        check("best practices", f.best_practices, 100.0);
        check("SEO", f.seo, 95.0);
        if f.requests > MOST_REQUESTS {
            out.push(format!("{page} ({preset}): {:.0} requests > {MOST_REQUESTS:.0}", f.requests));
        }
    }
    out
}

/// The step of `cargo xtask test`: one mobile run per page on the debug server, the table
/// printed; fails on the accessibility, best-practices, SEO and request-count budgets.
pub fn report(root: &Path) -> Result<()> {
    let rows = run(root, false, 1, true)?;
    let failures = over_budget(&rows);
    if !failures.is_empty() {
        bail!("Lighthouse budgets not met (reports in target/lighthouse/):\n  {}", failures.join("\n  "));
    }
    Ok(())
}

/// `cargo xtask lighthouse [--runs N] [--debug] [--no-build]`.
pub fn task(root: &Path, args: &[String]) -> Result<()> {
    let mut runs = 3;
    let mut release = true;
    let mut build = true;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--runs" => runs = it.next().and_then(|n| n.parse().ok()).context("--runs N")?,
            "--debug" => release = false,
            "--no-build" => build = false,
            other => bail!("unknown flag {other}"),
        }
    }
    if build {
        crate::frontend::build(root, crate::frontend::Flavour::Release)?;
    }
    run(root, release, runs.max(1), false).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_read_from_a_report_and_medians_taken_per_figure() {
        let report = serde_json::json!({
            "categories": {"performance": {"score": 0.9}, "accessibility": {"score": 1.0},
                           "best-practices": {"score": 0.96}, "seo": {"score": 1.0}},
            "audits": {"largest-contentful-paint": {"numericValue": 2400.0}, "total-blocking-time": {"numericValue": 120.0},
                       "cumulative-layout-shift": {"numericValue": 0.01},
                       "network-requests": {"details": {"items": [
                           {"url": "http://127.0.0.1:1/"}, {"url": "http://127.0.0.1:1/app.wasm"},
                           {"url": "https://example.com/x"}, {"url": "data:image/svg+xml;base64,AAAA"}]}}}
        });
        let f = figures(&report).unwrap();
        assert_eq!(
            (f.performance, f.best_practices, f.requests),
            (90.0, 96.0, 3.0),
            "an inline data: URL is no request"
        );
        let runs = [Figures { lcp_ms: 3000.0, ..f }, f, Figures { lcp_ms: 1000.0, ..f }];
        assert_eq!(medians(&runs).lcp_ms, 2400.0);
        assert!(figures(&serde_json::json!({})).is_err());
    }

    #[test]
    fn accessibility_best_practices_seo_and_the_request_count_are_budgets_speed_is_not() {
        let good =
            Figures { performance: 40.0, accessibility: 100.0, best_practices: 100.0, seo: 95.0, ..Figures::default() };
        assert!(over_budget(&[("home".into(), "mobile", good)]).is_empty(), "slow is for the note, not a failure");
        let bad = Figures { accessibility: 96.0, seo: 92.0, ..good };
        assert_eq!(over_budget(&[("a demand".into(), "mobile", bad)]).len(), 2);
        let chatty = Figures { requests: 16.0, ..good };
        assert_eq!(over_budget(&[("a demand".into(), "mobile", chatty)]).len(), 1, "a request too many fails");
    }
}
