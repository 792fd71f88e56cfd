//! Spreadsheets in: a 需求征集表 of demands, capabilities, scenarios or mandates, checked row by row
//! with the forms' rules, previewed, then written all at once or not at all.

use serde::{Deserialize, Serialize};

use crate::market::PostingKind;

/// The largest file an import reads (10 MiB).
pub const IMPORT_MAX: usize = 10 * 1024 * 1024;
/// The most rows one import holds, over all its sheets.
pub const IMPORT_ROWS_MAX: usize = 10_000;
/// How many rows with problems a preview lists (the counts cover every row).
pub const PREVIEW_PROBLEM_ROWS: usize = 500;
/// How many rows without problems a preview shows as a sample.
pub const PREVIEW_SAMPLE_ROWS: usize = 20;

code_enum!(
    /// What imported postings become: drafts to finish, or submitted for review.
    ImportMode {
        Draft = "draft" => ImportAsDraft,
        Submitted = "submitted" => ImportAsSubmitted,
    }
);

/// The query of `POST /api/v1/imports` (the body is the file's bytes).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ImportQuery {
    /// The organization to import into: required for members; site admins leave it out to import on
    /// behalf of the organizations the rows name (by 统一社会信用代码, else by name), creating
    /// unverified ones that are missing.
    #[serde(default)]
    pub org_id: Option<i64>,
    /// `draft` (the default) or `submitted`.
    #[serde(default)]
    pub mode: Option<ImportMode>,
    /// `true` writes the postings (all or none); otherwise the answer is a preview and nothing is written.
    #[serde(default)]
    pub confirm: Option<bool>,
    /// The file's name, for the record.
    #[serde(default)]
    pub name: Option<String>,
}

/// The query of the template download.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct TemplateQuery {
    /// `zh-CN` or `en`; by default the caller's language.
    #[serde(default)]
    pub lang: Option<String>,
}

/// One problem of one cell (or of a whole row when `column` is empty).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CellProblem {
    /// The column's heading as written in the file.
    pub column: String,
    /// The posting field the column fills (`title_zh`, `budget_max`, `org_name`, …).
    pub field: String,
    /// What is wrong, in the caller's language.
    pub message: String,
}

/// One row of the file as the import reads it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportRow {
    pub sheet: String,
    /// The spreadsheet's row number (the heading is row 1).
    pub row: u32,
    pub kind: PostingKind,
    pub title: String,
    /// The organization the posting goes to.
    pub org: String,
    /// Whether the import creates this organization (unverified).
    pub new_org: bool,
    pub problems: Vec<CellProblem>,
}

/// Rows of one kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KindCount {
    pub kind: PostingKind,
    pub rows: u32,
}

/// What an import would do (a preview) or did (confirmed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportReport {
    /// Whether the postings were written.
    pub confirmed: bool,
    pub mode: ImportMode,
    /// Rows read (example rows and blank rows left out).
    pub rows: u32,
    /// Rows without problems.
    pub valid: u32,
    /// Rows with at least one problem.
    pub invalid: u32,
    /// Example rows of the template, skipped.
    pub skipped_examples: u32,
    pub by_kind: Vec<KindCount>,
    /// Problems of the whole file (a missing column, an unknown sheet, too many rows), in the caller's language.
    pub file_problems: Vec<String>,
    /// Rows with problems (at most 500), then a sample of rows without.
    pub preview: Vec<ImportRow>,
    /// Organizations the import creates (unverified), by name.
    pub new_orgs: Vec<String>,
    /// The postings written, when confirmed.
    pub created: Vec<i64>,
}

impl ImportReport {
    /// Whether the file can be imported as it is.
    pub fn importable(&self) -> bool {
        self.file_problems.is_empty() && self.invalid == 0 && self.valid > 0
    }
}
