//! The generated-client journey: `openapi-python-client` (pinned, from PyPI, written elsewhere)
//! generates a Python client from the document the server serves, and `tests/api-client/journey.py`
//! walks an integrator's journey only through it — register, verify the address, an organization
//! an admin verifies, a demand and a capability with every field, review, lists with filters and
//! paging, search, matches, a request accepted, an event registration, an export. A call the
//! generated code cannot make, an answer outside the documented responses or a body that does not
//! parse into its documented model fails the tests.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result};

use crate::api_fuzz::ensure_python_tool;
use crate::run_cmd;
use crate::serve::exchange;

const GENERATOR: &str = "0.29.1";
/// The package name the generated client is written as.
const PACKAGE: &str = "futurematch_api_client";

pub fn journey(root: &Path, addr: &str, data: &Path, admin: (&str, &str)) -> Result<()> {
    let generator = ensure_python_tool(root, "openapi-python-client", GENERATOR, "openapi-python-client")?;
    let (head, body) =
        exchange(addr, &format!("GET /api/v1/openapi.json HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"))?;
    anyhow::ensure!(
        head.starts_with("HTTP/1.1 200"),
        "GET /api/v1/openapi.json: {}",
        head.lines().next().unwrap_or("")
    );
    let document = data.join("openapi-for-client.json");
    std::fs::write(&document, body)?;
    let packages = data.join("generated");
    let _ = std::fs::remove_dir_all(&packages);
    std::fs::create_dir_all(&packages)?;
    run_cmd(
        Command::new(&generator)
            .args(["generate", "--meta", "none", "--path"])
            .arg(&document)
            .arg("--output-path")
            .arg(packages.join(PACKAGE)),
    )
    .context("generating the Python client from the served document")?;
    let python = generator.with_file_name("python");
    run_cmd(
        Command::new(python)
            .arg(root.join("tests/api-client/journey.py"))
            .arg(format!("http://{addr}"))
            .args([admin.0, admin.1])
            .env("PYTHONPATH", &packages),
    )
    .context("the journey through the generated client failed")?;
    Ok(())
}
