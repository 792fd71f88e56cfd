//! Checks of the code's layout that the compiler does not make: every capability's `store` (its
//! SQL) is private to it, and nothing outside the capability names it; and a source file longer
//! than [`LONG`] lines says at its top why it is long. The compiler already refuses
//! a path into a private module; this keeps anyone from making the module public again, and names
//! the offending line when a `pub use` of a whole store, or a test or benchmark, reaches in.

use std::path::{Path, PathBuf};

/// A line that breaks the rule, with where it is.
#[derive(Debug, PartialEq, Eq)]
pub struct Reach {
    pub file: String,
    pub line: usize,
    pub text: String,
}

/// The capability a file under `backend/src` belongs to: its first folder (`events` for
/// `backend/src/events/ops.rs`), or the file's own name for a top-level file.
pub(crate) fn capability_of(relative: &Path) -> String {
    let first = relative.components().next().map(|c| c.as_os_str().to_string_lossy().into_owned()).unwrap_or_default();
    first.trim_end_matches(".rs").to_owned()
}

/// Every `<capability>::store` named in `source` (a file belonging to `own`) where the capability
/// is not `own`, plus a `store` module declared public.
pub fn reaches(own: &str, source: &str) -> Vec<(usize, String)> {
    let mut out = vec![];
    for (n, line) in source.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        let declared_public = code.trim_start().starts_with("pub") && code.contains("mod store;");
        let foreign = named_stores(code).into_iter().any(|cap| cap != own && cap != "super" && cap != "self");
        if declared_public || foreign {
            out.push((n + 1, line.trim().to_owned()));
        }
    }
    out
}

/// The `x` of every `x::store` path in a line of code (`crate::x::store::f`, `x::store as y`,
/// `x::{a, store}`).
fn named_stores(code: &str) -> Vec<String> {
    let is_word = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_');
    let bytes = code.as_bytes();
    let mut out = vec![];
    for (at, _) in code.match_indices("store") {
        if (at > 0 && is_word(bytes.get(at - 1))) || is_word(bytes.get(at + 5)) {
            continue;
        }
        let before = &code[..at];
        if let Some(path) = before.strip_suffix("::") {
            out.push(last_segment(path));
        } else if let Some(open) = before.rfind("::{")
            && !before[open..].contains('}')
            && before.trim_end().ends_with(['{', ','])
        {
            out.push(last_segment(&before[..open]));
        }
    }
    out
}

/// The last path segment of `code` (`events` of `crate::events`).
fn last_segment(code: &str) -> String {
    code.rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).next().unwrap_or("").to_owned()
}

pub(crate) fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every reach into another capability's store in the backend's sources, tests, benchmarks and
/// examples, and the whole-stack tests (tests, benchmarks and examples belong to no capability).
pub fn store_reach(root: &Path) -> Vec<Reach> {
    let mut out = vec![];
    for (dir, own_by_folder) in [
        ("backend/src", true),
        ("backend/tests", false),
        ("backend/benches", false),
        ("backend/examples", false),
        ("tests", false),
    ] {
        let base = root.join(dir);
        let mut files = vec![];
        rust_files(&base, &mut files);
        files.sort();
        for file in files {
            let relative = file.strip_prefix(&base).unwrap_or(&file);
            let own = if own_by_folder { capability_of(relative) } else { String::new() };
            let Ok(source) = std::fs::read_to_string(&file) else { continue };
            for (line, text) in reaches(&own, &source) {
                out.push(Reach { file: format!("{dir}/{}", relative.display()), line, text });
            }
        }
    }
    out
}

/// Lines past which a source file must say why it is long.
pub const LONG: usize = 500;
const REASON: &str = "This file is long because";

/// Whether a file of `source` is within [`LONG`] lines or says why not in its opening comment.
pub fn long_without_reason(source: &str) -> bool {
    let head: String = source.lines().take_while(|l| l.starts_with("//")).collect::<Vec<_>>().join(" ");
    source.lines().count() > LONG && !head.contains(REASON)
}

/// The source files over [`LONG`] lines that do not say why.
pub fn unexplained_long_files(root: &Path) -> Vec<String> {
    let mut files = vec![];
    for dir in ["backend/src", "backend/tests", "frontend/src", "shared/src", "tests", "xtask/src"] {
        rust_files(&root.join(dir), &mut files);
    }
    files.sort();
    files
        .into_iter()
        .filter(|f| std::fs::read_to_string(f).is_ok_and(|s| long_without_reason(&s)))
        .map(|f| f.strip_prefix(root).unwrap_or(&f).display().to_string())
        .collect()
}

/// Fails, naming each line, when anything reaches into another capability's store, and each
/// long file that does not say why it is long.
pub fn check(root: &Path) -> anyhow::Result<()> {
    let found = store_reach(root);
    for r in &found {
        eprintln!("{}:{}: names another capability's store: {}", r.file, r.line, r.text);
    }
    let long = unexplained_long_files(root);
    for f in &long {
        eprintln!("{f}: over {LONG} lines without \"{REASON} ...\" at its top (split it, or say why not)");
    }
    let tables = crate::tables::breaches(root);
    for t in &tables {
        eprintln!("{t}");
    }
    if !found.is_empty() || !long.is_empty() || !tables.is_empty() {
        anyhow::bail!(
            "{} reaches into another capability's store (use its public API in its mod.rs), {} long files unexplained, \
             {} tables named outside their owner (xtask/src/tables.rs)",
            found.len(),
            long.len(),
            tables.len()
        );
    }
    eprintln!("xtask: lint: no capability names another's store or writes another's table; every long file says why");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_capability_names_another_capabilitys_store() {
        let found = store_reach(&crate::workspace_root());
        let listed: Vec<String> = found.iter().map(|r| format!("{}:{}: {}", r.file, r.line, r.text)).collect();
        assert!(listed.is_empty(), "reaches into another capability's store:\n{}", listed.join("\n"));
    }

    #[test]
    fn a_path_into_another_store_is_found_and_ones_own_is_not() {
        assert_eq!(reaches("events", "let r = crate::orgs::store::role_of(db, 1, 2);").len(), 1);
        assert_eq!(reaches("events", "use crate::market::store as market;").len(), 1);
        assert_eq!(reaches("demo", "use crate::competitions::{judging, store};").len(), 1);
        assert_eq!(reaches("tests", "backend::taxonomy::store::load(&mut c)").len(), 1);
        assert!(reaches("events", "let e = store::event(db, 1); use super::store;").is_empty());
        assert!(reaches("events", "crate::events::store::event(db, 1)").is_empty());
        assert!(reaches("orgs", "crate::files::save_up_to(state, bytes, n); restore(); x.stored").is_empty());
        assert!(reaches("orgs", "// crate::market::store::row is private").is_empty());
    }

    #[test]
    fn every_long_source_file_says_why() {
        let long = unexplained_long_files(&crate::workspace_root());
        assert!(long.is_empty(), "over {LONG} lines without saying why:\n{}", long.join("\n"));
    }

    #[test]
    fn a_long_file_passes_only_with_its_reason_at_the_top() {
        let body = "fn f() {}\n".repeat(LONG + 1);
        assert!(long_without_reason(&format!("//! Things.\n{body}")));
        assert!(!long_without_reason(&format!("//! Things.\n//!\n//! This file is long because tests.\n{body}")));
        assert!(long_without_reason(&format!("//! Things.\n{body}// This file is long because it is.\n")));
        assert!(!long_without_reason("//! Short.\nfn f() {}\n"));
    }

    #[test]
    fn a_store_declared_public_is_found() {
        assert_eq!(reaches("events", "pub mod store;").len(), 1);
        assert_eq!(reaches("events", "pub(crate) mod store;").len(), 1);
        assert!(reaches("events", "mod store;").is_empty());
    }
}
