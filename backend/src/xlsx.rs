//! Exports: sheets of a header and rows, as Excel workbooks (rust_xlsxwriter: text always written
//! as text, never a formula, numbers as numbers; the header bold and frozen) or CSV (RFC 4180,
//! formulas neutralised, a byte-order mark so spreadsheet apps read Chinese).

use rust_xlsxwriter::{Format, Workbook, XlsxError};

/// A cell: text, or a number spreadsheets can sum.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_owned())
    }
}

impl From<u32> for Cell {
    fn from(n: u32) -> Self {
        Cell::Number(f64::from(n))
    }
}

pub struct Sheet {
    pub name: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// The workbook's bytes (`.xlsx`).
pub fn workbook(sheets: &[Sheet]) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    for sheet in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(&sheet.name)?;
        for (c, h) in sheet.header.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, h, &bold)?;
        }
        for (r, row) in sheet.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32 + 1, c as u16);
                match cell {
                    Cell::Text(s) => ws.write_string(r, c, s)?,
                    Cell::Number(n) => ws.write_number(r, c, *n)?,
                };
            }
        }
        if !sheet.header.is_empty() {
            ws.set_freeze_panes(1, 0)?;
        }
        ws.autofit();
    }
    wb.save_to_buffer()
}

/// One CSV field: quoted when it holds a comma, quote or line break (RFC 4180); a leading `=`, `+`,
/// `-` or `@` is prefixed with `'` so spreadsheets do not run it as a formula.
pub fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) { format!("'{s}") } else { s.to_owned() };
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s }
}

/// A sheet as CSV text: the header, then a line per row, after a UTF-8 byte-order mark.
pub fn csv(sheet: &Sheet) -> String {
    let mut out = String::from("\u{feff}");
    let text = |c: &Cell| match c {
        Cell::Text(s) => csv_field(s),
        Cell::Number(n) => n.to_string(),
    };
    out.push_str(&sheet.header.iter().map(|h| csv_field(h)).collect::<Vec<_>>().join(","));
    out.push_str("\r\n");
    for row in &sheet.rows {
        out.push_str(&row.iter().map(text).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

/// The response for a CSV download named `filename`.
pub fn csv_response(text: String, filename: &str) -> axum::response::Response {
    crate::http::download(text, "text/csv; charset=utf-8", filename)
}

/// The response for a workbook download named `filename`.
pub fn response(bytes: Vec<u8>, filename: &str) -> axum::response::Response {
    crate::http::download(bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", filename)
}

#[cfg(test)]
mod tests {
    use super::{Cell, Sheet, csv, csv_field};

    #[test]
    fn csv_fields_are_quoted_when_needed_and_never_formulas() {
        assert_eq!(csv_field("张明"), "张明");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(csv_field("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
    }

    #[test]
    fn a_sheet_as_csv_starts_with_a_byte_order_mark_and_writes_numbers_plainly() {
        let sheet = Sheet {
            name: "x".into(),
            header: vec!["标题".into(), "TRL".into()],
            rows: vec![vec![Cell::from("a,b"), Cell::from(6u32)]],
        };
        assert_eq!(csv(&sheet), "\u{feff}标题,TRL\r\n\"a,b\",6\r\n");
    }
}
