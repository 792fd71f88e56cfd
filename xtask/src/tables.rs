//! Which capability's SQL may name which table. A table belongs to the one capability whose SQL
//! writes it (`INSERT INTO`, `UPDATE`, `DELETE FROM`); no other capability writes it, and another
//! reads it (`FROM`, `JOIN`) only where [`READS`] says so, with the reason. Everything else goes
//! through the owner's public API (`orgs::ids_of`, `events::set_meeting_tables`, ...). The demo
//! (which seeds every table) and `db` (the platform's own settings, the migrations' helpers) are
//! outside the rule.
//!
//! A read listed in [`READS`] that the code no longer makes fails too, so the list only shrinks.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Tables written only through SQL built at run time (the table's name is a parameter), so the
/// scan cannot see who writes them.
const OWNERS: &[(&str, &str)] = &[
    ("activity_weekly", "dashboard"),
    ("activity_domain_weekly", "dashboard"),
    ("activity_district_weekly", "dashboard"),
    ("org_domains", "orgs"),
    ("org_tiers", "orgs"),
];

/// Reads of another capability's table, by reason.
const READS: &[(&str, &[&str])] = &[
    // Names shown beside what a capability lists (who asked, which organization): one join
    // instead of a call per row.
    ("organizations", &["competitions", "dashboard", "engage", "events", "experts", "market", "meetings", "opencall"]),
    ("users", &["agenda", "competitions", "engage", "events", "experts", "market", "meetings", "notify", "orgs"]),
    // The dashboard is a read model: it counts what the others hold, by district, field and week.
    ("checkins", &["dashboard"]),
    ("competition_tracks", &["dashboard"]),
    ("competitions", &["dashboard", "seo"]),
    ("engagements", &["dashboard"]),
    ("events", &["agenda", "dashboard", "meetings", "seo"]),
    ("notices", &["competitions", "dashboard"]),
    ("org_tiers", &["dashboard", "matching"]),
    ("posting_domains", &["dashboard", "matching"]),
    ("postings", &["dashboard", "engage", "matching", "meetings", "search", "seo"]),
    ("taxonomy_terms", &["dashboard"]),
    ("teams", &["dashboard"]),
    // The matching engine's and the search's in-memory indexes are built from the postings.
    ("posting_keywords", &["matching"]),
    // Attendance decides who may take a session seat or ask for a meeting.
    ("registrations", &["agenda", "meetings"]),
    // Judges are experts: assignment reads their fields and declared conflicts.
    ("experts", &["competitions"]),
    ("expert_conflicts", &["competitions"]),
    // Each organization's fields, read with the events an organizer runs.
    ("org_domains", &["events"]),
];

/// Outside the rule: the demo seeds every table; `db` keeps the platform's own settings.
const EXEMPT: &[&str] = &["demo", "db"];

/// How a line of SQL names a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Use {
    Read,
    Write,
}

/// Every table named in `code` (one line, comments cut) after an SQL keyword, among `tables`.
pub fn named(code: &str, tables: &BTreeSet<String>) -> Vec<(Use, String)> {
    let words: Vec<&str> =
        code.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).filter(|w| !w.is_empty()).collect();
    let mut out = vec![];
    for (i, pair) in words.windows(2).enumerate() {
        let how = match pair[0] {
            "INTO" | "UPDATE" => Use::Write,
            "FROM" if i > 0 && words[i - 1] == "DELETE" => Use::Write,
            "FROM" | "JOIN" => Use::Read,
            _ => continue,
        };
        if tables.contains(pair[1]) {
            out.push((how, pair[1].to_owned()));
        }
    }
    out
}

/// The tables the SQLite migrations leave: created (or renamed to) and not dropped (or renamed
/// away) later.
pub fn tables(root: &Path) -> BTreeSet<String> {
    let dir = root.join("backend/migrations/sqlite");
    let mut files: Vec<_> = std::fs::read_dir(&dir).into_iter().flatten().flatten().map(|e| e.path()).collect();
    files.sort();
    let mut out = BTreeSet::new();
    for file in files {
        let sql = std::fs::read_to_string(&file).unwrap_or_default();
        let words: Vec<String> = sql
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect();
        let upper = |i: usize| words.get(i).map(|w| w.to_ascii_uppercase()).unwrap_or_default();
        for i in 0..words.len() {
            let name_after = |mut j: usize| {
                if upper(j) == "IF" {
                    j += if upper(j + 1) == "NOT" { 3 } else { 2 };
                }
                words.get(j).cloned().unwrap_or_default()
            };
            match (upper(i).as_str(), upper(i + 1).as_str()) {
                ("CREATE", "TABLE") => {
                    out.insert(name_after(i + 2));
                }
                ("DROP", "TABLE") => {
                    out.remove(&name_after(i + 2));
                }
                ("RENAME", "TO") => {
                    // `ALTER TABLE old RENAME TO new`
                    if i >= 1 {
                        out.remove(&words[i - 1]);
                    }
                    out.insert(name_after(i + 2));
                }
                _ => {}
            }
        }
    }
    out
}

/// Who writes and who reads each table: `table -> use -> capabilities`.
pub fn uses(root: &Path, tables: &BTreeSet<String>) -> BTreeMap<String, BTreeMap<Use, BTreeSet<String>>> {
    let base = root.join("backend/src");
    let mut files = vec![];
    crate::lint::rust_files(&base, &mut files);
    let mut out: BTreeMap<String, BTreeMap<Use, BTreeSet<String>>> = BTreeMap::new();
    for file in files {
        let relative = file.strip_prefix(&base).unwrap_or(&file);
        let own = crate::lint::capability_of(relative);
        if EXEMPT.contains(&own.as_str()) {
            continue;
        }
        let Ok(source) = std::fs::read_to_string(&file) else { continue };
        for line in source.lines() {
            let code = line.split("//").next().unwrap_or("");
            for (how, table) in named(code, tables) {
                out.entry(table).or_default().entry(how).or_default().insert(own.clone());
            }
        }
    }
    out
}

/// The capabilities [`READS`] lets read `table`.
fn allowed(table: &str) -> &'static [&'static str] {
    READS.iter().find(|(t, _)| *t == table).map(|(_, r)| *r).unwrap_or(&[])
}

/// What breaks the rule, one line each.
pub fn breaches(root: &Path) -> Vec<String> {
    let tables = tables(root);
    let uses = uses(root, &tables);
    let mut out = vec![];
    let mut allowed_used = BTreeSet::new();
    for (table, by) in &uses {
        let writers = by.get(&Use::Write).cloned().unwrap_or_default();
        let owner = OWNERS.iter().find(|(t, _)| t == table).map(|(_, o)| (*o).to_owned());
        let owner = match (owner, writers.len()) {
            (Some(o), _) => {
                if let Some(w) = writers.iter().find(|w| **w != o) {
                    out.push(format!("{table}: written by {w}, but it belongs to {o}"));
                }
                o
            }
            (None, 1) => writers.iter().next().cloned().unwrap_or_default(),
            (None, 0) => continue,
            (None, _) => {
                out.push(format!("{table}: written by several capabilities ({writers:?}); one owns it"));
                allowed_used.extend(allowed(table).iter().map(|r| (table.clone(), (*r).to_owned())));
                continue;
            }
        };
        let allowed = allowed(table);
        for reader in by.get(&Use::Read).into_iter().flatten().filter(|r| **r != owner) {
            if allowed.contains(&reader.as_str()) {
                allowed_used.insert((table.clone(), reader.clone()));
            } else {
                out.push(format!("{table}: belongs to {owner}; {reader} reads it (ask {owner}'s public API)"));
            }
        }
    }
    for (table, readers) in READS {
        for reader in *readers {
            if !allowed_used.contains(&((*table).to_owned(), (*reader).to_owned())) {
                out.push(format!("{table}: READS lets {reader} read it, which it no longer does (take it off)"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(names: &[&str]) -> BTreeSet<String> {
        names.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn every_table_is_written_by_its_owner_only_and_read_elsewhere_only_where_listed() {
        let found = breaches(&crate::workspace_root());
        assert!(found.is_empty(), "tables named outside their owner:\n{}", found.join("\n"));
    }

    #[test]
    fn reads_and_writes_are_told_apart_and_only_known_tables_count() {
        let tables = set(&["memberships", "users", "events"]);
        let code = r#""SELECT u.id FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.org_id IN (""#;
        assert_eq!(named(code, &tables), [(Use::Read, "memberships".into()), (Use::Read, "users".into())]);
        assert_eq!(
            named("\"DELETE FROM memberships WHERE user_id = $1\"", &tables),
            [(Use::Write, "memberships".into())]
        );
        assert_eq!(named("\"UPDATE events SET meeting_tables = $2\"", &tables), [(Use::Write, "events".into())]);
        assert_eq!(named("\"INSERT INTO users (email) VALUES ($1)\"", &tables), [(Use::Write, "users".into())]);
        assert!(named("impl From<Row> for Event", &tables).is_empty());
        assert!(named("\"SELECT 1 FROM sessions\"", &tables).is_empty(), "not a table of the migrations");
    }

    #[test]
    fn the_migrations_tables_are_found_with_drops_and_renames_applied() {
        let tables = tables(&crate::workspace_root());
        assert!(tables.contains("memberships") && tables.contains("notices"));
        assert!(!tables.contains("notices_new") && !tables.contains("keep_winners"), "temporary tables are gone");
    }
}
