//! SQL for reference data.

use crate::db::Conn;
use crate::db::sql;
use shared::taxonomy::{Taxonomy, Term, TermKind};

#[derive(sqlx::FromRow)]
struct TermRow {
    kind: String,
    code: String,
    label_zh: String,
    label_en: String,
    grp: Option<String>,
    parent_code: Option<String>,
}

pub async fn load(db: &mut Conn) -> sqlx::Result<Taxonomy> {
    let rows: Vec<TermRow> = sql::query_as(
        "SELECT kind, code, label_zh, label_en, grp, parent_code FROM taxonomy_terms ORDER BY kind, sort_order, code",
    )
    .fetch_all(db)
    .await?;
    let terms = rows
        .into_iter()
        .filter_map(|r| {
            Some(Term {
                kind: TermKind::parse(&r.kind)?,
                code: r.code,
                label_zh: r.label_zh,
                label_en: r.label_en,
                group: r.grp,
                parent: r.parent_code,
            })
        })
        .collect();
    Ok(Taxonomy { terms })
}

/// Appends an entry at the end of its list; a duplicate code is a unique violation.
pub async fn insert(db: &mut Conn, term: &Term) -> sqlx::Result<()> {
    sql::query(
        "INSERT INTO taxonomy_terms (kind, code, label_zh, label_en, grp, parent_code, sort_order, created_at)
         VALUES ($1, $2, $3, $4, $5, $6,
                 (SELECT COALESCE(MAX(sort_order), 0) + 10 FROM taxonomy_terms WHERE kind = $1), $7)",
    )
    .bind(term.kind.as_str())
    .bind(&term.code)
    .bind(&term.label_zh)
    .bind(&term.label_en)
    .bind(&term.group)
    .bind(&term.parent)
    .bind(crate::db::now())
    .execute(db)
    .await?;
    Ok(())
}
