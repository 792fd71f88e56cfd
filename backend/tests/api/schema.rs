//! One schema, two dialects: the SQLite and PostgreSQL migration trees, each applied to an empty
//! database, must give the same tables, columns (types mapped), primary keys, indexes, foreign
//! keys, CHECK constraints and triggers. A migration added to one tree only fails here.

use std::collections::{BTreeMap, BTreeSet};

use backend::Config;
use backend::db::Db;

use crate::helpers::{drop_postgres, fresh_postgres};

/// A column as both databases can state it: its type class, whether it may be NULL, and its place
/// in the primary key (0 when not part of it).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Column {
    class: &'static str,
    not_null: bool,
    pk: i64,
}

/// An index by what it does (the names differ: SQLite names unique constraints `sqlite_autoindex_*`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Index {
    table: String,
    columns: String,
    unique: bool,
    partial: bool,
}

#[derive(Debug, Default, PartialEq, Eq)]
struct Schema {
    columns: BTreeMap<String, BTreeMap<String, Column>>,
    indexes: BTreeSet<Index>,
    /// (table, column, referenced table, on delete)
    foreign_keys: BTreeSet<(String, String, String, String)>,
    /// CHECK constraints per table.
    checks: BTreeMap<String, usize>,
    /// (table, when it fires: `AFTER UPDATE OF published_at`). Compared by what fires them, not by
    /// name: SQLite has no IF in a trigger's body, so where PostgreSQL branches inside one trigger
    /// SQLite has one trigger per branch, on the same write.
    triggers: BTreeSet<(String, String)>,
}

/// The type class of a declared SQLite type or a PostgreSQL `data_type`: SQLite stores booleans as
/// integers and times as ISO-8601 text, so those are one class with PostgreSQL's own types.
fn class(declared: &str) -> &'static str {
    match declared.to_ascii_lowercase().as_str() {
        "integer" | "bigint" | "smallint" | "boolean" => "integer",
        "text" | "timestamp with time zone" | "date" | "json" | "jsonb" | "character varying" => "text",
        "real" | "double precision" | "numeric" => "real",
        "blob" | "bytea" => "blob",
        _ => "other",
    }
}

fn on_delete(rule: &str) -> String {
    match rule.trim().to_ascii_uppercase().as_str() {
        "" | "NO ACTION" => "NO ACTION".into(),
        other => other.into(),
    }
}

async fn sqlite_schema(pool: &sqlx::SqlitePool) -> Schema {
    let mut s = Schema::default();
    let tables: Vec<(String, String)> = sqlx::query_as(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx%'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let check = check_counter();
    for (table, sql) in tables {
        let cols: Vec<(String, String, i64, i64)> =
            sqlx::query_as("SELECT name, type, \"notnull\", pk FROM pragma_table_info(?)")
                .bind(&table)
                .fetch_all(pool)
                .await
                .unwrap();
        // An INTEGER PRIMARY KEY is the rowid: never NULL, whatever it declares.
        let columns = cols
            .into_iter()
            .map(|(name, ty, not_null, pk)| (name, Column { class: class(&ty), not_null: not_null != 0 || pk > 0, pk }))
            .collect();
        s.columns.insert(table.clone(), columns);
        s.checks.insert(table.clone(), check(&sql));
        let indexes: Vec<(String, i64, String, i64)> =
            sqlx::query_as("SELECT name, \"unique\", origin, partial FROM pragma_index_list(?)")
                .bind(&table)
                .fetch_all(pool)
                .await
                .unwrap();
        for (name, unique, origin, partial) in indexes {
            if origin == "pk" {
                continue;
            }
            let cols: Vec<(Option<String>,)> = sqlx::query_as("SELECT name FROM pragma_index_info(?) ORDER BY seqno")
                .bind(&name)
                .fetch_all(pool)
                .await
                .unwrap();
            let columns =
                cols.into_iter().map(|(c,)| c.unwrap_or_else(|| "<expr>".into())).collect::<Vec<_>>().join(",");
            s.indexes.insert(Index { table: table.clone(), columns, unique: unique != 0, partial: partial != 0 });
        }
        let fks: Vec<(String, String, String)> =
            sqlx::query_as("SELECT \"from\", \"table\", on_delete FROM pragma_foreign_key_list(?)")
                .bind(&table)
                .fetch_all(pool)
                .await
                .unwrap();
        for (from, to, rule) in fks {
            s.foreign_keys.insert((table.clone(), from, to, on_delete(&rule)));
        }
    }
    let triggers: Vec<(String, String)> =
        sqlx::query_as("SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger'").fetch_all(pool).await.unwrap();
    s.triggers = triggers.into_iter().map(|(t, sql)| (t, fires_on(&sql))).collect();
    s
}

/// Tables whose SQLite rowid (implicit) the queries read, which PostgreSQL declares as a column.
const IMPLICIT_ROWID: &[&str] = &["team_members"];

/// When a trigger fires, from its definition: `CREATE TRIGGER x AFTER UPDATE OF a ON t ...` gives
/// `AFTER UPDATE OF A`.
fn fires_on(definition: &str) -> String {
    let words: Vec<String> = definition.split_whitespace().map(|w| w.to_ascii_uppercase()).collect();
    let on = words.iter().position(|w| w == "ON").unwrap_or(words.len());
    words.get(3..on).map(|w| w.join(" ")).unwrap_or_default()
}

/// Counts `CHECK (` in a table's SQL (SQLite keeps only the text of its constraints).
fn check_counter() -> impl Fn(&str) -> usize {
    |sql: &str| {
        let upper = sql.to_ascii_uppercase();
        upper
            .match_indices("CHECK")
            .filter(|(at, _)| {
                let before = upper[..*at].chars().next_back().is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '_'));
                before && upper[at + 5..].trim_start().starts_with('(')
            })
            .count()
    }
}

async fn postgres_schema(pool: &sqlx::PgPool) -> Schema {
    let mut s = Schema::default();
    let tables: Vec<(String,)> = sqlx::query_as(
        "SELECT table_name::TEXT FROM information_schema.tables
         WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT LIKE '\\_sqlx%'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for (table,) in tables {
        let cols: Vec<(String, String, String, i64)> = sqlx::query_as(
            "SELECT c.column_name::TEXT, c.data_type::TEXT, c.is_nullable::TEXT,
                    COALESCE((SELECT k.n FROM pg_index ix, unnest(ix.indkey) WITH ORDINALITY k(attnum, n), pg_attribute a
                              WHERE ix.indrelid = ($1::TEXT)::regclass AND ix.indisprimary
                                AND a.attrelid = ix.indrelid AND a.attnum = k.attnum AND a.attname = c.column_name), 0)
             FROM information_schema.columns c WHERE c.table_schema = 'public' AND c.table_name = $1",
        )
        .bind(&table)
        .fetch_all(pool)
        .await
        .unwrap();
        let columns = cols
            .into_iter()
            .map(|(name, ty, nullable, pk)| (name, Column { class: class(&ty), not_null: nullable == "NO", pk }))
            .collect();
        s.columns.insert(table.clone(), columns);
        let (checks,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM pg_constraint WHERE conrelid = ($1::TEXT)::regclass AND contype = 'c'",
        )
        .bind(&table)
        .fetch_one(pool)
        .await
        .unwrap();
        s.checks.insert(table.clone(), checks as usize);
        let indexes: Vec<(bool, bool, String)> = sqlx::query_as(
            "SELECT ix.indisunique, ix.indpred IS NOT NULL,
                    (SELECT string_agg(COALESCE(a.attname::TEXT, '<expr>'), ',' ORDER BY k.n)
                     FROM unnest(ix.indkey) WITH ORDINALITY k(attnum, n)
                     LEFT JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum)
             FROM pg_index ix WHERE ix.indrelid = ($1::TEXT)::regclass AND NOT ix.indisprimary",
        )
        .bind(&table)
        .fetch_all(pool)
        .await
        .unwrap();
        for (unique, partial, columns) in indexes {
            s.indexes.insert(Index { table: table.clone(), columns, unique, partial });
        }
        let fks: Vec<(String,)> = sqlx::query_as(
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = ($1::TEXT)::regclass AND contype = 'f'",
        )
        .bind(&table)
        .fetch_all(pool)
        .await
        .unwrap();
        for (def,) in fks {
            // FOREIGN KEY (org_id) REFERENCES organizations(id) ON DELETE CASCADE
            let from = def.split(['(', ')']).nth(1).unwrap_or_default().to_owned();
            let to = def.split("REFERENCES ").nth(1).and_then(|r| r.split('(').next()).unwrap_or_default().to_owned();
            let rule = def.split("ON DELETE ").nth(1).unwrap_or_default();
            s.foreign_keys.insert((table.clone(), from, to, on_delete(rule)));
        }
    }
    let triggers: Vec<(String, String)> = sqlx::query_as(
        "SELECT c.relname::TEXT, pg_get_triggerdef(t.oid) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND NOT t.tgisinternal",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    s.triggers = triggers.into_iter().map(|(t, def)| (t, fires_on(&def))).collect();
    for table in IMPLICIT_ROWID {
        if let Some(columns) = s.columns.get_mut(*table) {
            columns.remove("rowid");
        }
    }
    s
}

/// What one side has that the other has not, one line each.
fn differences(sqlite: &Schema, postgres: &Schema) -> Vec<String> {
    let mut out = vec![];
    let tables: BTreeSet<&String> = sqlite.columns.keys().chain(postgres.columns.keys()).collect();
    for t in tables {
        match (sqlite.columns.get(t), postgres.columns.get(t)) {
            (Some(a), Some(b)) => {
                let names: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
                for c in names {
                    if a.get(c) != b.get(c) {
                        out.push(format!("column {t}.{c}: SQLite {:?}, PostgreSQL {:?}", a.get(c), b.get(c)));
                    }
                }
                if sqlite.checks.get(t) != postgres.checks.get(t) {
                    out.push(format!(
                        "CHECK constraints on {t}: SQLite {:?}, PostgreSQL {:?}",
                        sqlite.checks.get(t),
                        postgres.checks.get(t)
                    ));
                }
            }
            (a, _) => out.push(format!("table {t} only on {}", if a.is_some() { "SQLite" } else { "PostgreSQL" })),
        }
    }
    for i in sqlite.indexes.symmetric_difference(&postgres.indexes) {
        let side = if sqlite.indexes.contains(i) { "SQLite" } else { "PostgreSQL" };
        out.push(format!("index only on {side}: {i:?}"));
    }
    for f in sqlite.foreign_keys.symmetric_difference(&postgres.foreign_keys) {
        let side = if sqlite.foreign_keys.contains(f) { "SQLite" } else { "PostgreSQL" };
        out.push(format!("foreign key only on {side}: {f:?}"));
    }
    for t in sqlite.triggers.symmetric_difference(&postgres.triggers) {
        let side = if sqlite.triggers.contains(t) { "SQLite" } else { "PostgreSQL" };
        out.push(format!("trigger only on {side}: {t:?}"));
    }
    out
}

async fn migrated(config: Config) -> Db {
    let db = backend::db::connect(&config).await.expect("connect");
    backend::db::migrate(&db).await.expect("migrate");
    db
}

#[tokio::test]
#[ignore = "needs PostgreSQL: FUTUREMATCH_TEST_POSTGRES (cargo xtask test starts one)"]
async fn both_migration_trees_give_the_same_schema() {
    let dir = tempfile::tempdir().unwrap();
    let sqlite = migrated(Config::with_data_dir(dir.path().join("data"))).await;
    let url = fresh_postgres().await.expect("FUTUREMATCH_TEST_POSTGRES");
    let mut config = Config::with_data_dir(dir.path().join("pg"));
    config.database_url = Some(url.clone());
    let postgres = migrated(config).await;
    let (Db::Sqlite(a), Db::Postgres(b)) = (&sqlite, &postgres) else { panic!("one database of each kind") };
    let (a, b) = (sqlite_schema(a).await, postgres_schema(b).await);
    postgres.close().await;
    drop_postgres(&url).await;
    assert!(
        a.columns.len() > 40 && a.indexes.len() > 40 && !a.triggers.is_empty(),
        "the SQLite schema was read: {a:?}"
    );
    let found = differences(&a, &b);
    assert!(found.is_empty(), "the two migration trees disagree ({}):\n{}", found.len(), found.join("\n"));
}

#[test]
fn a_difference_on_either_side_is_named() {
    let mut a = Schema::default();
    let col = Column { class: "integer", not_null: true, pk: 1 };
    a.columns.insert("t".into(), BTreeMap::from([("id".to_owned(), col.clone())]));
    let mut b = Schema { columns: a.columns.clone(), ..Schema::default() };
    assert!(differences(&a, &b).is_empty());
    b.columns.get_mut("t").unwrap().insert("extra".into(), Column { class: "text", not_null: false, pk: 0 });
    b.triggers.insert(("t".into(), "BEFORE DELETE".into()));
    a.indexes.insert(Index { table: "t".into(), columns: "id".into(), unique: true, partial: false });
    let found = differences(&a, &b);
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(found[0].contains("t.extra") && found[0].contains("PostgreSQL Some"));
    assert!(found.iter().any(|d| d.starts_with("index only on SQLite")));
    assert!(found.iter().any(|d| d.starts_with("trigger only on PostgreSQL")));
}

#[test]
fn types_are_compared_by_what_each_database_stores() {
    assert_eq!(class("INTEGER"), class("boolean"));
    assert_eq!(class("TEXT"), class("timestamp with time zone"));
    assert_ne!(class("TEXT"), class("bigint"));
    assert_eq!(
        fires_on("CREATE TRIGGER a AFTER UPDATE OF published_at ON postings\nWHEN x BEGIN"),
        "AFTER UPDATE OF PUBLISHED_AT"
    );
    assert_eq!(
        fires_on("CREATE TRIGGER b AFTER UPDATE OF published_at ON public.postings FOR EACH ROW"),
        "AFTER UPDATE OF PUBLISHED_AT"
    );
    let count = check_counter();
    assert_eq!(count("CREATE TABLE t (a INTEGER CHECK (a > 0), checked_at TEXT, b CHECK(b IN (1)))"), 2);
}
