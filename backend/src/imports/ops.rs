//! An import: read the file, check every row with the forms' rules (the contract, then
//! `PostingInput::parse`), resolve each row's organization, and either report (a preview) or write
//! every posting and new organization in one transaction (confirmed, only when no row has a problem).

use std::collections::HashMap;

use serde_json::Value;
use shared::error::FieldErrors;
use shared::i18n::{Msg, text};
use shared::imports::{
    CellProblem, IMPORT_ROWS_MAX, ImportMode, ImportQuery, ImportReport, ImportRow, KindCount, PREVIEW_PROBLEM_ROWS,
    PREVIEW_SAMPLE_ROWS,
};
use shared::market::{PostingDraft, PostingInput, PostingKind};
use shared::orgs::{OrgInput, OrgKind, OrgProfile};
use shared::taxonomy::Taxonomy;
use shared::validate::FieldError;
use shared::{ErrorCode, Locale};

use super::columns::{self, Column, ORG_FIELDS};
use super::read::{self, Raw, Refusal, Table};
use crate::AppState;
use crate::accounts::SessionUser;
use crate::db::Conn;
use crate::error::{AppError, AppResult};
use crate::http::contract::CONTRACT;

/// Where a row's posting goes.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Target {
    Existing(i64),
    /// The n-th organization the import creates.
    New(usize),
}

/// An organization a row names, once looked up.
#[derive(Debug, Clone)]
struct Known {
    target: Target,
    name: String,
    kind: OrgKind,
    verified: bool,
}

/// The import worked out: the report and, when it is importable, what to write.
struct Plan {
    report: ImportReport,
    rows: Vec<(Target, PostingDraft)>,
    new_orgs: Vec<OrgProfile>,
}

fn refused(r: Refusal) -> AppError {
    AppError::Refused(match r {
        Refusal::Malformed => ErrorCode::WorkbookDamaged,
        Refusal::Macros | Refusal::Legacy => ErrorCode::WorkbookRefused,
    })
}

/// Previews the import of `bytes`, or with `confirm` writes it (all rows or none).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn import(state: &AppState, user: &SessionUser, q: ImportQuery, bytes: &[u8]) -> AppResult<ImportReport> {
    if q.org_id.is_none() && !user.is_admin {
        return Err(AppError::field("org_id", FieldError::Required));
    }
    // Reading is CPU work (and a damaged file could make the reader panic): off the async workers.
    let owned = bytes.to_vec();
    let tables = tokio::task::spawn_blocking(move || read::read(&owned))
        .await
        .map_err(|_| refused(Refusal::Malformed))?
        .map_err(refused)?;
    let locale = crate::http::locale::current_locale();
    let mode = q.mode.unwrap_or(ImportMode::Draft);
    if q.confirm != Some(true) {
        let mut db = state.db.acquire().await?;
        return Ok(plan(&mut db, user, q.org_id, mode, &tables, locale).await?.report);
    }
    let mut tx = crate::db::begin_write(&state.db).await?;
    let Plan { mut report, rows, new_orgs } = plan(&mut tx, user, q.org_id, mode, &tables, locale).await?;
    if !report.importable() {
        return Err(AppError::Refused(ErrorCode::ImportInvalid));
    }
    let mut created_orgs = Vec::with_capacity(new_orgs.len());
    for profile in &new_orgs {
        created_orgs.push(crate::orgs::insert_without_members(&mut tx, profile, user.id).await?);
    }
    let submit = mode == ImportMode::Submitted;
    for (target, draft) in &rows {
        let org = match target {
            Target::Existing(id) => *id,
            Target::New(n) => created_orgs[*n],
        };
        report.created.push(crate::market::ops::insert_imported(&mut tx, org, user.id, draft, submit).await?);
    }
    let after = serde_json::json!({
        "file": q.name, "mode": mode.as_str(), "postings": report.created.len(), "new_orgs": created_orgs,
        "first": report.created.first(), "last": report.created.last(),
    });
    let target = q.org_id.map_or_else(|| "import".to_owned(), |id| format!("org:{id}"));
    crate::audit::record(&mut tx, Some(user), "posting.import", &target, Value::Null, after).await?;
    tx.commit().await?;
    report.confirmed = true;
    Ok(report)
}

/// The sheets an import reads past without a word: the template's instructions and lists.
fn template_extra(name: &str) -> bool {
    [Msg::ImportInstructions, Msg::ImportLists]
        .iter()
        .any(|m| [Locale::ZhCn, Locale::En].iter().any(|l| m.t(*l) == name))
}

/// Checks every row of `tables`.
async fn plan(
    db: &mut Conn,
    user: &SessionUser,
    org_id: Option<i64>,
    mode: ImportMode,
    tables: &[Table],
    l: Locale,
) -> AppResult<Plan> {
    let tax = crate::taxonomy::load(db).await?;
    let today = crate::market::ops::today();
    let fixed = match org_id {
        Some(id) => {
            let org = crate::orgs::get(db, id, false, None).await?.ok_or(AppError::NotFound)?;
            if !user.is_admin && crate::orgs::role_of(db, id, user.id).await?.is_none() {
                return Err(AppError::Forbidden);
            }
            Some((
                org.credit_code.clone(),
                org.name_zh.clone(),
                org.name_en.clone(),
                Known {
                    target: Target::Existing(org.id),
                    name: shared::i18n::in_language(&org.name_zh, org.name_en.as_deref(), l),
                    kind: org.kind,
                    verified: org.verified,
                },
            ))
        }
        None => None,
    };
    let schema = crate::http::extract::body_schema::<PostingInput>();
    let mut orgs_seen = OrgBook::default();
    let mut report = ImportReport {
        confirmed: false,
        mode,
        rows: 0,
        valid: 0,
        invalid: 0,
        skipped_examples: 0,
        by_kind: vec![],
        file_problems: vec![],
        preview: vec![],
        new_orgs: vec![],
        created: vec![],
    };
    let mut samples = Vec::new();
    let mut rows_out = Vec::new();
    let marks = [Msg::ImportExampleMark.t(Locale::ZhCn), Msg::ImportExampleMark.t(Locale::En)];
    'tables: for table in tables {
        if template_extra(&table.name) || table.rows.iter().all(|r| r.iter().all(Raw::is_empty)) {
            continue;
        }
        if table.overflow {
            report.file_problems.push(text::ImportTooManyRows { max: &IMPORT_ROWS_MAX }.t(l));
        }
        let heads: Vec<String> = table.rows.first().map(|r| r.iter().map(Raw::text).collect()).unwrap_or_default();
        let kind = match columns::kind_of_sheet(&table.name) {
            Some(k) => Some(k),
            None => columns::kind_of_headings(&heads),
        };
        let Some(kind) = kind else {
            report.file_problems.push(text::ImportUnknownSheet { sheet: &table.name }.t(l));
            continue;
        };
        let sheet = if table.name.is_empty() { columns::sheet_name(kind, l).to_owned() } else { table.name.clone() };
        let cols = columns::columns(kind);
        let mapped: Vec<Option<Column>> = heads.iter().map(|h| columns::column_of(&cols, h)).collect();
        let sep = if l == Locale::ZhCn { "、" } else { ", " };
        let missing: Vec<&str> =
            cols.iter().filter(|c| c.required && !mapped.contains(&Some(**c))).map(|c| c.label.t(l)).collect();
        if !missing.is_empty() {
            report.file_problems.push(text::ImportMissingColumn { sheet: &sheet, columns: &missing.join(sep) }.t(l));
            continue;
        }
        let unknown: Vec<&str> =
            heads.iter().zip(&mapped).filter(|(h, m)| m.is_none() && !h.is_empty()).map(|(h, _)| h.as_str()).collect();
        if !unknown.is_empty() {
            report.file_problems.push(text::ImportUnknownColumn { sheet: &sheet, columns: &unknown.join(sep) }.t(l));
        }
        let title_at = mapped.iter().position(|m| m.is_some_and(|c| c.field == "title_zh"));
        let mut count = 0u32;
        for (r, row) in table.rows.iter().enumerate().skip(1) {
            if row.iter().all(Raw::is_empty) {
                continue;
            }
            let title = title_at.and_then(|i| row.get(i)).map(Raw::text).unwrap_or_default();
            if marks.iter().any(|m| title.starts_with(m)) {
                report.skipped_examples += 1;
                continue;
            }
            report.rows += 1;
            if report.rows as usize > IMPORT_ROWS_MAX {
                report.rows -= 1;
                report.file_problems.push(text::ImportTooManyRows { max: &IMPORT_ROWS_MAX }.t(l));
                break 'tables;
            }
            count += 1;
            let empty = Raw::Empty;
            let cells: Vec<(Column, &Raw)> =
                mapped.iter().enumerate().filter_map(|(i, m)| m.map(|c| (c, row.get(i).unwrap_or(&empty)))).collect();
            let read = columns::read_row(kind, &cells, &tax);
            let mut errs = FieldErrors::new();
            for (field, e, list) in &read.problems {
                match list {
                    Some(list) if *e == FieldError::NotOneOf => {
                        errs.not_one_of(*field, columns::allowed(*list, &tax, l))
                    }
                    _ => errs.add(*field, *e),
                }
            }
            let draft = check(kind, &read.body, &schema, &tax, today, &mut errs);
            let mut extra: Vec<(&'static str, String)> = Vec::new();
            let known = match &fixed {
                Some((code, name_zh, name_en, known)) => {
                    let named = |f: &str| read.org.get(f).and_then(Value::as_str).map(str::trim).map(str::to_owned);
                    let other_name = named("org_name").is_some_and(|n| {
                        n != name_zh.as_str() && !name_en.as_deref().is_some_and(|e| e.eq_ignore_ascii_case(&n))
                    });
                    let other_code = named("credit_code").is_some_and(|c| {
                        code.as_deref() != shared::validate::optional_credit_code(Some(&c)).ok().flatten().as_deref()
                    });
                    if other_name || other_code {
                        errs.add(if other_name { "org_name" } else { "credit_code" }, FieldError::OtherOrg);
                    }
                    Some(known.clone())
                }
                None => orgs_seen.resolve(db, kind, &read, &tax, l, &mut errs).await?,
            };
            if let Some(k) = &known {
                if !kind.allowed_for(k.kind) {
                    extra.push(("org_name", Msg::ErrWrongOrgKind.t(l).to_owned()));
                } else if mode == ImportMode::Submitted && !k.verified {
                    errs.add("org_name", FieldError::OrgNotVerified);
                }
            }
            let mut problems: Vec<(usize, CellProblem)> = errs
                .localized(l)
                .into_iter()
                .chain(extra.into_iter().map(|(f, m)| (f.to_owned(), m)))
                .map(|(field, message)| {
                    let at = mapped.iter().position(|m| {
                        m.is_some_and(|c| c.field == field || field.starts_with(&format!("{}.", c.field)))
                    });
                    let column = match at {
                        Some(i) => heads[i].clone(),
                        None => {
                            cols.iter().find(|c| c.field == field).map_or_else(String::new, |c| c.label.t(l).to_owned())
                        }
                    };
                    (at.unwrap_or(usize::MAX), CellProblem { column, field, message })
                })
                .collect();
            problems.sort_by_key(|(at, _)| *at);
            let problems: Vec<CellProblem> = problems.into_iter().map(|(_, p)| p).collect();
            let line = ImportRow {
                sheet: sheet.clone(),
                row: r as u32 + 1,
                kind,
                title,
                org: known.as_ref().map(|k| k.name.clone()).unwrap_or_default(),
                new_org: known.as_ref().is_some_and(|k| matches!(k.target, Target::New(_))),
                problems,
            };
            match (draft, known, line.problems.is_empty()) {
                (Some(draft), Some(k), true) => {
                    report.valid += 1;
                    rows_out.push((k.target, draft));
                    if samples.len() < PREVIEW_SAMPLE_ROWS {
                        samples.push(line);
                    }
                }
                _ => {
                    report.invalid += 1;
                    if report.preview.len() < PREVIEW_PROBLEM_ROWS {
                        report.preview.push(line);
                    }
                }
            }
        }
        if count > 0 {
            match report.by_kind.iter_mut().find(|k| k.kind == kind) {
                Some(k) => k.rows += count,
                None => report.by_kind.push(KindCount { kind, rows: count }),
            }
        }
    }
    if report.rows == 0 && report.file_problems.is_empty() {
        report.file_problems.push(Msg::ImportNoRows.t(l).to_owned());
    }
    report.preview.extend(samples);
    report.new_orgs = orgs_seen.new.iter().map(|p| p.name_zh.clone()).collect();
    Ok(Plan { report, rows: rows_out, new_orgs: orgs_seen.new })
}

/// The row's posting after the contract and the forms' rules, adding the problems of fields not
/// already reported by their cells. Cells with a problem get a stand-in value first, so the rules
/// still judge the rest of the row and one upload names every problem.
fn check(
    kind: PostingKind,
    body: &Value,
    schema: &Value,
    tax: &Taxonomy,
    today: time::Date,
    errs: &mut FieldErrors,
) -> Option<PostingDraft> {
    let cells_ok = errs.is_empty();
    let mut probe = body.clone();
    for c in columns::columns(kind) {
        let reported = errs.iter().any(|(f, _)| f == c.field);
        if reported
            && !ORG_FIELDS.contains(&c.field)
            && let Some(obj) = probe.as_object_mut()
        {
            let value = columns::stand_in(&c, tax, today);
            match c.field.split_once('.') {
                Some((outer, inner)) => {
                    if let Some(m) = obj.entry(outer).or_insert_with(|| serde_json::json!({})).as_object_mut() {
                        m.insert(inner.into(), value);
                    }
                }
                None => {
                    obj.insert(c.field.into(), value);
                }
            }
        }
    }
    let mut more = FieldErrors::new();
    let fresh =
        |errs: &FieldErrors, more: &FieldErrors, field: &str| errs.get(field).is_none() && more.get(field).is_none();
    let contract = CONTRACT.check_body(&probe, schema);
    for (field, e) in contract.iter() {
        if fresh(errs, &more, field) {
            more.add(field, e);
        }
    }
    let draft = if contract.is_empty() {
        match serde_json::from_value::<PostingInput>(probe) {
            Ok(input) => match input.parse(tax, today) {
                Ok(d) => Some(d),
                Err(rules) => {
                    for (field, e) in rules.iter() {
                        if fresh(errs, &more, field) {
                            more.add(field, e);
                        }
                    }
                    None
                }
            },
            Err(_) => {
                more.add("", FieldError::Invalid);
                None
            }
        }
    } else {
        None
    };
    errs.extend(more);
    draft.filter(|_| cells_ok && errs.is_empty())
}

/// The organizations an admin's rows name, looked up once each; the ones to create.
#[derive(Default)]
struct OrgBook {
    by_key: HashMap<String, Known>,
    new: Vec<OrgProfile>,
}

/// The kind of organization a posting of `kind` comes from, when the import creates it.
fn org_kind_for(kind: PostingKind) -> OrgKind {
    match kind {
        PostingKind::Demand | PostingKind::Scenario => OrgKind::Enterprise,
        PostingKind::Capability => OrgKind::Lab,
        PostingKind::Mandate => OrgKind::Investor,
    }
}

impl OrgBook {
    /// The organization the row's cells name: by 统一社会信用代码, else by name; a new one when
    /// neither is known (checked like the organization form).
    async fn resolve(
        &mut self,
        db: &mut Conn,
        kind: PostingKind,
        row: &columns::ReadRow,
        tax: &Taxonomy,
        l: Locale,
        errs: &mut FieldErrors,
    ) -> AppResult<Option<Known>> {
        let text = |f: &str| row.org.get(f).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty());
        let fund_type = row.body.get("fund_type");
        let name = text("org_name");
        let code = match shared::validate::optional_credit_code(text("credit_code")) {
            Ok(c) => c,
            Err(e) => {
                errs.add("credit_code", e);
                return Ok(None);
            }
        };
        let key = match (&code, name) {
            (Some(c), _) => c.clone(),
            (None, Some(n)) => n.to_owned(),
            (None, None) => {
                errs.add("org_name", FieldError::Required);
                return Ok(None);
            }
        };
        if let Some(k) = self.by_key.get(&key) {
            return Ok(Some(k.clone()));
        }
        let mut id = match &code {
            Some(c) => crate::orgs::with_credit_code(db, c).await?,
            None => None,
        };
        if id.is_none()
            && let Some(n) = name
        {
            let named = crate::orgs::named(db, n).await?;
            if named.len() > 1 && code.is_none() {
                errs.add("credit_code", FieldError::Required);
                return Ok(None);
            }
            id = named.first().copied();
        }
        let known = match id {
            Some(id) => {
                let org = crate::orgs::summary(db, id).await?.ok_or(AppError::NotFound)?;
                let name = shared::i18n::in_language(&org.name_zh, org.name_en.as_deref(), l);
                Known { target: Target::Existing(id), name, kind: org.kind, verified: org.verified }
            }
            None => {
                let org_kind = org_kind_for(kind);
                let subtype = text("org_subtype").map(str::to_owned).or_else(|| {
                    (org_kind == OrgKind::Investor)
                        .then(|| fund_type.and_then(Value::as_str).map(str::to_owned))
                        .flatten()
                });
                let input = OrgInput {
                    name_zh: name.unwrap_or_default().to_owned(),
                    subtype,
                    credit_code: code.clone(),
                    ..OrgInput::empty(org_kind)
                };
                let year = crate::common::china::today().year();
                match input.parse(tax, year) {
                    Ok(profile) => {
                        self.new.push(profile);
                        Known {
                            target: Target::New(self.new.len() - 1),
                            name: input.name_zh,
                            kind: org_kind,
                            verified: false,
                        }
                    }
                    Err(e) => {
                        for (field, err) in e.iter() {
                            let field = match field {
                                "name_zh" => "org_name",
                                "subtype" => "org_subtype",
                                other if ORG_FIELDS.contains(&other) => other,
                                _ => "org_name",
                            };
                            errs.add(field, err);
                        }
                        return Ok(None);
                    }
                }
            }
        };
        self.by_key.insert(key, known.clone());
        if let (Some(n), Some(_)) = (name, &code) {
            self.by_key.entry(n.to_owned()).or_insert_with(|| known.clone());
        }
        Ok(Some(known))
    }
}
