//! The API checked from outside, with tools written elsewhere: `openapi-spec-validator` on the
//! served document, the generated-client journey (`api_client.rs`), and the property-based fuzz:
//! schemathesis (pinned, from PyPI, in a virtualenv under
//! `target/tools/`) generates requests from the server's OpenAPI document — valid and invalid
//! bodies, parameters and paths for every operation — against a real server with the demo data,
//! signed in as the demo enterprise owner, and fails when any answer is a 5xx.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::run_cmd;
use crate::serve::{DemoServer, exchange};

const SCHEMATHESIS: &str = "4.32.5";
/// The time schemathesis may take for the whole run.
const BUDGET_SECS: u32 = 150;

const SPEC_VALIDATOR: &str = "0.9.0";

/// A Python tool's command from a virtualenv of its own under `target/tools/`, made and filled
/// from PyPI (the pinned version) when missing.
pub fn ensure_python_tool(root: &Path, package: &str, version: &str, command: &str) -> Result<PathBuf> {
    let venv = root.join(format!("target/tools/{package}-{version}"));
    let bin = venv.join("bin").join(command);
    if bin.exists() {
        return Ok(bin);
    }
    crate::setup::ensure_python()?;
    run_cmd(Command::new("python3").args(["-m", "venv"]).arg(&venv)).context("making a Python virtualenv")?;
    run_cmd(Command::new(venv.join("bin/pip")).args(["install", "-q", &format!("{package}=={version}")]))
        .with_context(|| format!("installing {package} from PyPI"))?;
    Ok(bin)
}

fn ensure_schemathesis(root: &Path) -> Result<PathBuf> {
    ensure_python_tool(root, "schemathesis", SCHEMATHESIS, "st")
}

/// `openapi-spec-validator` (written elsewhere, pinned) on the document the server serves.
fn validate_document(root: &Path, addr: &str, data: &Path) -> Result<()> {
    let validator = ensure_python_tool(root, "openapi-spec-validator", SPEC_VALIDATOR, "openapi-spec-validator")?;
    let request = format!("GET /api/v1/openapi.json HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    let (head, body) = exchange(addr, &request)?;
    anyhow::ensure!(
        head.starts_with("HTTP/1.1 200"),
        "GET /api/v1/openapi.json: {}",
        head.lines().next().unwrap_or("")
    );
    let file = data.join("openapi.json");
    std::fs::write(&file, body)?;
    run_cmd(Command::new(validator).arg(&file)).context("the served OpenAPI document is not valid")?;
    eprintln!("xtask: openapi-spec-validator {SPEC_VALIDATOR}: the served document is valid");
    Ok(())
}

/// Signs in and returns the `Cookie` header value of the session.
fn sign_in(addr: &str, email: &str, password: &str) -> Result<String> {
    let body = format!(r#"{{"email":"{email}","password":"{password}"}}"#);
    let request = format!(
        "POST /api/v1/auth/login HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let (head, _) = exchange(addr, &request)?;
    anyhow::ensure!(head.starts_with("HTTP/1.1 200"), "signing in as {email}: {}", head.lines().next().unwrap_or(""));
    head.lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("set-cookie").then(|| value.trim().split(';').next().unwrap_or("").to_owned())
        })
        .context("no session cookie")
}

/// Whether the run found a server error: a failed check in its JUnit report (`<failure`). An error
/// inside schemathesis itself (`<error`, e.g. a body it cannot generate) is shown but does not fail
/// the tests: it says nothing about the server.
fn verdict(success: bool, junit: &str) -> Result<()> {
    let failures = junit.matches("<failure").count();
    if failures > 0 {
        bail!("schemathesis found {failures} operations answering with a server error (see above)");
    }
    if !success {
        eprintln!(
            "xtask: schemathesis reported {} errors of its own (above), no server error",
            junit.matches("<error").count()
        );
    }
    Ok(())
}

/// The site admin the generated-client journey signs in as (made with `create-admin`).
const ADMIN: (&str, &str) = ("admin@api-journey.test", "an-admin-passphrase-for-the-journey");

/// The API as a contract, on one demo server: the document is valid, a client generated from it
/// walks a journey, and schema-driven fuzzing finds no server error.
pub fn run(root: &Path) -> Result<()> {
    let st = ensure_schemathesis(root)?;
    let server = DemoServer::start_with_admin(root, false, "api-fuzz", Some(ADMIN))?;
    validate_document(root, &server.addr, &server.data)?;
    crate::api_client::journey(root, &server.addr, &server.data, ADMIN)?;
    fuzz(root, &st, &server.addr, &server.data)
}

/// Paths schemathesis leaves alone: signing out would leave the rest of the run anonymous, and it
/// cannot make the PDF body of a business-plan upload (the API tests upload real ones).
const EXCLUDED: [&str; 2] = ["/api/v1/auth/logout", "/api/v1/teams/{id}/stages/{stage}/plan"];

/// Runs schemathesis against the server at `addr`, signed in as the demo enterprise owner.
fn fuzz(root: &Path, st: &Path, addr: &str, data: &Path) -> Result<()> {
    let cookie = sign_in(addr, "enterprise@demo.futurematch.cn", "FutureMatch-demo-2026")?;
    let junit = data.join("schemathesis.xml");
    let events = data.join("schemathesis.ndjson");
    let mut st = Command::new(st);
    st.arg("run")
        .arg(format!("http://{addr}/api/v1/openapi.json"))
        .args(["--checks", "not_a_server_error", "--workers", "1", "--max-examples", "25"])
        .args(["--max-time", &BUDGET_SECS.to_string(), "--seed", "2026"])
        .args(EXCLUDED.iter().flat_map(|p| ["--exclude-path", p]))
        .args(["--header", &format!("Cookie: {cookie}")])
        .args(["--report", "junit,ndjson", "--report-junit-path"])
        .arg(&junit)
        .arg("--report-ndjson-path")
        .arg(&events)
        .env("NO_COLOR", "1")
        // Its cache goes beside the server's data, not into the repository.
        .current_dir(data);
    eprintln!("xtask: $ {st:?}");
    let status = st.status().context("running schemathesis")?;
    let report = std::fs::read_to_string(&junit).context("reading schemathesis' JUnit report")?;
    verdict(status.success(), &report)?;
    report_reach(root, addr, &events)
}

/// How far the fuzzing reached: cases per operation, from schemathesis' event log, and whether
/// every operation with query parameters had some. Printed, and written to
/// `target/api-fuzz-cases.tsv` (operation, cases) for the record.
fn report_reach(root: &Path, addr: &str, events: &Path) -> Result<()> {
    let (head, body) =
        exchange(addr, &format!("GET /api/v1/openapi.json HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"))?;
    anyhow::ensure!(head.starts_with("HTTP/1.1 200"), "reading the OpenAPI document");
    let doc: serde_json::Value = serde_json::from_str(&body).context("the OpenAPI document")?;
    let text = std::fs::read_to_string(events).context("reading schemathesis' event log")?;
    let reach = reach(&text, &doc);
    let mut counts: Vec<(&String, &usize)> = reach.cases.iter().collect();
    counts.sort_by_key(|(label, n)| (**n, (*label).clone()));
    let tsv: String = counts.iter().map(|(label, n)| format!("{label}\t{n}\n")).collect();
    let _ = std::fs::write(root.join("target/api-fuzz-cases.tsv"), tsv);
    let median = counts.get(counts.len() / 2).map_or(0, |(_, n)| **n);
    eprintln!(
        "xtask: schemathesis cases per operation: {} operations, fewest {} ({}), median {median}, most {}; stateful sequences {}",
        counts.len(),
        counts.first().map_or(0, |(_, n)| **n),
        counts.first().map_or("-", |(l, _)| l.as_str()),
        counts.last().map_or(0, |(_, n)| **n),
        reach.stateful,
    );
    eprintln!(
        "xtask: operations with query parameters reached: {} of {}{}",
        reach.with_query - reach.query_unreached.len(),
        reach.with_query,
        if reach.query_unreached.is_empty() {
            String::new()
        } else {
            format!(" (not: {})", reach.query_unreached.join(", "))
        }
    );
    Ok(())
}

/// Cases per operation (`GET /api/v1/x`) and the operations with query parameters that had none.
#[derive(Debug, Default, PartialEq)]
struct Reach {
    cases: std::collections::BTreeMap<String, usize>,
    stateful: usize,
    with_query: usize,
    query_unreached: Vec<String>,
}

fn reach(events: &str, doc: &serde_json::Value) -> Reach {
    let mut r = Reach::default();
    for line in events.lines().filter(|l| l.starts_with("{\"ScenarioFinished\"")) {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else { continue };
        let finished = &v["ScenarioFinished"];
        let label = finished["label"].as_str().or_else(|| finished["recorder"]["label"].as_str()).unwrap_or("");
        let cases = finished["recorder"]["cases"].as_object().map_or(0, |c| c.len());
        match label.split_once(' ') {
            Some((method, path)) if path.starts_with('/') && method.chars().all(|c| c.is_ascii_uppercase()) => {
                *r.cases.entry(label.to_owned()).or_default() += cases;
            }
            _ => r.stateful += cases,
        }
    }
    let paths = doc["paths"].as_object().cloned().unwrap_or_default();
    for (path, item) in paths.iter().filter(|(p, _)| !EXCLUDED.contains(&p.as_str())) {
        for (method, op) in item.as_object().into_iter().flatten() {
            let params = op["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .chain(item["parameters"].as_array().into_iter().flatten());
            if params.clone().any(|p| p["in"] == "query") {
                r.with_query += 1;
                let label = format!("{} {path}", method.to_uppercase());
                if r.cases.get(&label).copied().unwrap_or(0) == 0 {
                    r.query_unreached.push(label);
                }
            }
        }
    }
    r
}

#[cfg(test)]
mod tests {
    use super::{reach, verdict};

    #[test]
    fn reach_counts_cases_per_operation_and_names_query_operations_never_reached() {
        let events = [
            r#"{"EngineStarted":{}}"#,
            r#"{"ScenarioFinished":{"label":"GET /api/v1/demands","recorder":{"cases":{"a":{},"b":{}}}}}"#,
            r#"{"ScenarioFinished":{"label":"GET /api/v1/demands","recorder":{"cases":{"c":{}}}}}"#,
            r#"{"ScenarioFinished":{"label":"Stateful tests","recorder":{"cases":{"d":{},"e":{}}}}}"#,
        ]
        .join("\n");
        let doc = serde_json::json!({"paths": {
            "/api/v1/demands": {"get": {"parameters": [{"in": "query", "name": "q"}]}},
            "/api/v1/events": {"get": {"parameters": [{"in": "query", "name": "page"}]}},
            "/api/v1/demands/{id}": {"get": {"parameters": [{"in": "path", "name": "id"}]}},
        }});
        let r = reach(&events, &doc);
        assert_eq!(r.cases.get("GET /api/v1/demands"), Some(&3));
        assert_eq!(r.stateful, 2);
        assert_eq!(r.with_query, 2);
        assert_eq!(r.query_unreached, vec!["GET /api/v1/events".to_owned()]);
    }

    #[test]
    fn a_failed_check_fails_and_a_tool_error_alone_does_not() {
        let case = |inner: &str| format!(r#"<testsuite><testcase name="GET /api/v1/x">{inner}</testcase></testsuite>"#);
        assert!(verdict(true, &case("")).is_ok());
        assert!(verdict(false, &case(r#"<error message="Runtime Error"/>"#)).is_ok());
        assert!(verdict(false, &case(r#"<failure message="Server error" type="failure"/>"#)).is_err());
    }
}
