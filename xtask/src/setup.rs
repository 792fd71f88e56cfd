//! Installs what the build and tests need when it is missing: the wasm32 target, wasm-opt (npm
//! `binaryen`, pinned), Chromium, ChromeDriver and a CJK font (Debian packages).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};

use crate::run_cmd;

/// binaryen from npm, pinned: Debian's 108 emits wasm that crashes in the browser.
pub const BINARYEN_VERSION: &str = "123.0.0";

pub fn ensure_wasm_target() -> Result<()> {
    let out = Command::new("rustup").args(["target", "list", "--installed"]).output();
    match out {
        Ok(o) if String::from_utf8_lossy(&o.stdout).lines().any(|l| l.trim() == "wasm32-unknown-unknown") => Ok(()),
        Ok(_) => run_cmd(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"])),
        Err(_) => {
            eprintln!("xtask: rustup not found; assuming the wasm32-unknown-unknown target is installed");
            Ok(())
        }
    }
}

const CARGO_DENY_VERSION: &str = "0.20.2";

/// cargo-deny at its pinned version, installed from crates.io when missing (about 4 minutes).
pub fn ensure_cargo_deny() -> Result<()> {
    let out = Command::new("cargo").args(["deny", "--version"]).output();
    if out.is_ok_and(|o| o.status.success() && String::from_utf8_lossy(&o.stdout).contains(CARGO_DENY_VERSION)) {
        return Ok(());
    }
    run_cmd(crate::cargo().args(["install", "cargo-deny", "--version", CARGO_DENY_VERSION, "--no-default-features"]))
}

const CARGO_FUZZ_VERSION: &str = "0.13.1";

/// cargo-fuzz at its pinned version, installed from crates.io when missing (under a minute).
pub fn ensure_cargo_fuzz() -> Result<()> {
    let out = Command::new("cargo").args(["fuzz", "--version"]).output();
    if out.is_ok_and(|o| o.status.success() && String::from_utf8_lossy(&o.stdout).contains(CARGO_FUZZ_VERSION)) {
        return Ok(());
    }
    run_cmd(crate::cargo().args(["install", "cargo-fuzz", "--version", CARGO_FUZZ_VERSION]))
}

/// The path of a pinned wasm-opt, installed into `target/tools` on first use; `None` when npm
/// is not available (the build then skips optimisation and says so).
pub fn wasm_opt(root: &Path) -> Option<PathBuf> {
    let dir = root.join("target/tools/binaryen").join(BINARYEN_VERSION);
    if !dir.join("node_modules/.bin/wasm-opt").exists()
        && Command::new("npm").arg("--version").stdout(Stdio::null()).status().is_err()
    {
        eprintln!("xtask: warning: npm not found, skipping wasm-opt");
        return None;
    }
    match npm_tool(&dir, "binaryen", BINARYEN_VERSION, "node_modules/.bin/wasm-opt") {
        Ok(bin) if bin.exists() => Some(bin),
        _ => {
            eprintln!("xtask: warning: could not install binaryen@{BINARYEN_VERSION} from npm, skipping wasm-opt");
            None
        }
    }
}

/// axe-core from npm, pinned: the browser tests run its rules on every page they look at.
pub const AXE_VERSION: &str = "4.10.2";

/// The path of the pinned `axe.min.js`, installed into `target/tools/axe-core` when missing.
pub fn axe(root: &Path) -> Result<PathBuf> {
    npm_tool(&root.join("target/tools/axe-core"), "axe-core", AXE_VERSION, "node_modules/axe-core/axe.min.js")
}

/// `file` (relative to `dir`) of npm `package` at exactly `version`, installed into `dir` when
/// missing or at another version.
pub fn npm_tool(dir: &Path, package: &str, version: &str, file: &str) -> Result<PathBuf> {
    let path = dir.join(file);
    let manifest = dir.join(format!("node_modules/{package}/package.json"));
    let pinned = std::fs::read_to_string(&manifest).is_ok_and(|p| p.contains(&format!("\"version\": \"{version}\"")));
    if path.exists() && pinned {
        return Ok(path);
    }
    std::fs::create_dir_all(dir)?;
    run_cmd(
        Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--silent", "-E", "--prefix"])
            .arg(dir)
            .arg(format!("{package}@{version}")),
    )
    .with_context(|| format!("installing {package}@{version} from npm"))?;
    Ok(path)
}

/// Debian's Chromium binary (the browser tests and Lighthouse drive it).
pub fn chromium() -> &'static str {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .find(|p| Path::new(p).exists())
        .unwrap_or("/usr/bin/chromium")
}

fn have(cmd: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {cmd}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn have_cjk_font() -> bool {
    Command::new("sh").args(["-c", "fc-list :lang=zh 2>/dev/null | grep -q ."]).status().is_ok_and(|s| s.success())
}

/// Chromium, ChromeDriver and a CJK font for the browser tests, from Debian when missing.
pub fn ensure_browser() -> Result<()> {
    let mut missing = vec![];
    if !have("chromium") {
        missing.push("chromium");
    }
    if !have("chromedriver") {
        missing.push("chromium-driver");
    }
    if !have_cjk_font() {
        missing.push("fonts-noto-cjk");
    }
    apt_install(&missing).context("installing the browser")
}

/// wrk, the load generator of `cargo xtask load`, from Debian when missing.
pub fn ensure_wrk() -> Result<()> {
    if have("wrk") { Ok(()) } else { apt_install(&["wrk"]).context("installing wrk") }
}

/// The folder of PostgreSQL's server programs (`initdb`, `pg_ctl`, `postgres`), from Debian's
/// `postgresql` package when missing.
pub fn ensure_postgres() -> Result<PathBuf> {
    let find = || -> Option<PathBuf> {
        let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
            .filter(|bin| bin.join("postgres").exists() && bin.join("initdb").exists())
            .collect();
        found.sort();
        found.pop()
    };
    if let Some(bin) = find() {
        return Ok(bin);
    }
    apt_install(&["postgresql"]).context("installing PostgreSQL")?;
    find().context("PostgreSQL was installed but its programs are not under /usr/lib/postgresql/*/bin")
}

/// Python 3 with its `venv` module (for schemathesis), from Debian when missing.
pub fn ensure_python() -> Result<()> {
    let venv_works = Command::new("python3").args(["-c", "import venv, ensurepip"]).status().is_ok_and(|s| s.success());
    if venv_works { Ok(()) } else { apt_install(&["python3", "python3-venv"]).context("installing Python") }
}

/// Whether this process runs as root.
pub fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// Installs Debian packages (as root, else through sudo).
fn apt_install(missing: &[&str]) -> Result<()> {
    if missing.is_empty() {
        return Ok(());
    }
    let sudo = if is_root() {
        vec![]
    } else if have("sudo") {
        vec!["sudo"]
    } else {
        bail!("{} needed (apt-get install -y {}); run as root or install them", missing.join(", "), missing.join(" "));
    };
    let apt = |args: &[&str]| {
        let mut v: Vec<&str> = sudo.clone();
        v.push("apt-get");
        v.extend_from_slice(args);
        let mut c = Command::new(v[0]);
        c.args(&v[1..]).env("DEBIAN_FRONTEND", "noninteractive");
        run_cmd(&mut c)
    };
    apt(&["update", "-q"]).context("apt-get update")?;
    let mut args = vec!["install", "-y", "-q", "--no-install-recommends"];
    args.extend(missing.iter().copied());
    apt(&args)
}
