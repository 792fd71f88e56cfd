//! Reading an uploaded spreadsheet into tables of raw cells (pure: bytes in, tables out). An
//! `.xlsx` is read with calamine after its zip directory is checked (no macros, no zip bomb); a
//! legacy `.xls` is refused; anything else is read as CSV in UTF-8 or GB18030 (what Excel on a
//! Chinese Windows saves).

use std::io::{Cursor, Read, Seek};

use calamine::{DataRef, Reader, Xlsx};
use time::Date;

/// One cell as the file holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Raw {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    Date(Date),
    /// A cell holding a formula (never imported).
    Formula,
    /// A spreadsheet error value (`#N/A`, `#REF!`).
    Error,
}

impl Raw {
    pub fn is_empty(&self) -> bool {
        match self {
            Raw::Empty => true,
            Raw::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text, for headings and names.
    pub fn text(&self) -> String {
        match self {
            Raw::Text(s) => s.trim().to_owned(),
            Raw::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Raw::Number(n) => n.to_string(),
            Raw::Bool(b) => b.to_string(),
            Raw::Date(d) => d.to_string(),
            Raw::Empty | Raw::Formula | Raw::Error => String::new(),
        }
    }
}

/// A sheet: its name and its rows (the first is the heading).
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub name: String,
    pub rows: Vec<Vec<Raw>>,
    /// Cells below [`SHEET_ROWS_MAX`] were left unread.
    pub overflow: bool,
}

/// Why a file was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// A workbook with a VBA project (.xlsm or a renamed one).
    Macros,
    /// A legacy binary workbook (.xls) or another OLE document.
    Legacy,
    /// Damaged, or expanding to more than [`UNZIPPED_MAX`].
    Malformed,
}

/// The most an `.xlsx` may expand to (a zip bomb expands to gigabytes).
pub const UNZIPPED_MAX: u64 = 200 * 1024 * 1024;

/// The tables of `bytes`.
pub fn read(bytes: &[u8]) -> Result<Vec<Table>, Refusal> {
    if bytes.starts_with(b"PK\x03\x04") {
        xlsx(bytes)
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        Err(Refusal::Legacy)
    } else {
        {
            let mut rows = csv(&decode(bytes)?);
            let overflow = rows.len() > SHEET_ROWS_MAX as usize;
            rows.truncate(SHEET_ROWS_MAX as usize);
            Ok(vec![Table { name: String::new(), rows, overflow }])
        }
    }
}

/// Checks the zip directory: no VBA project, no macro-enabled content type, a bounded size.
fn check_zip<R: Read + Seek>(reader: R) -> Result<(), Refusal> {
    let mut zip = zip::ZipArchive::new(reader).map_err(|_| Refusal::Malformed)?;
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let file = zip.by_index_raw(i).map_err(|_| Refusal::Malformed)?;
        let name = file.name().map_err(|_| Refusal::Malformed)?.to_ascii_lowercase();
        if name.ends_with("vbaproject.bin") || name.ends_with(".bin") && name.contains("vba") {
            return Err(Refusal::Macros);
        }
        total = total.saturating_add(file.size());
    }
    if total > UNZIPPED_MAX {
        return Err(Refusal::Malformed);
    }
    if let Ok(mut types) = zip.by_name("[Content_Types].xml") {
        let mut text = String::new();
        if types.by_ref().take(1 << 20).read_to_string(&mut text).is_ok() && text.contains("macroEnabled") {
            return Err(Refusal::Macros);
        }
    }
    Ok(())
}

/// The rows a sheet may hold (the heading, examples and blank rows beside the import's limit);
/// cells below are not read and the table says it overflowed.
pub const SHEET_ROWS_MAX: u32 = shared::imports::IMPORT_ROWS_MAX as u32 + 1_000;
/// Columns read; cells to the right are ignored (the template has fewer than 30).
pub const SHEET_COLUMNS_MAX: u32 = 200;

fn xlsx(bytes: &[u8]) -> Result<Vec<Table>, Refusal> {
    check_zip(Cursor::new(bytes))?;
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|_| Refusal::Malformed)?;
    let mut tables = Vec::new();
    for name in book.sheet_names() {
        // Cells one at a time, never a dense range: a cell at XFD1048576 costs nothing.
        let mut reader = book.worksheet_cells_reader(&name).map_err(|_| Refusal::Malformed)?;
        let mut rows: Vec<Vec<Raw>> = Vec::new();
        let mut overflow = false;
        while let Some(cell) = reader.next_cell_with_formula().map_err(|_| Refusal::Malformed)? {
            let (r, c) = cell.pos;
            let value =
                if cell.formula.as_deref().is_some_and(|f| !f.is_empty()) { Raw::Formula } else { raw(&cell.value) };
            if value.is_empty() || c >= SHEET_COLUMNS_MAX {
                continue;
            }
            if r >= SHEET_ROWS_MAX {
                overflow = true;
                continue;
            }
            let (r, c) = (r as usize, c as usize);
            if rows.len() <= r {
                rows.resize_with(r + 1, Vec::new);
            }
            if rows[r].len() <= c {
                rows[r].resize(c + 1, Raw::Empty);
            }
            rows[r][c] = value;
        }
        tables.push(Table { name, rows, overflow });
    }
    Ok(tables)
}

fn raw(cell: &DataRef<'_>) -> Raw {
    match cell {
        DataRef::Empty => Raw::Empty,
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Raw::Text(s.clone()),
        DataRef::SharedString(s) => Raw::Text((*s).to_owned()),
        DataRef::Int(i) => Raw::Number(*i as f64),
        DataRef::Float(f) => Raw::Number(*f),
        DataRef::Bool(b) => Raw::Bool(*b),
        DataRef::DateTime(d) if d.is_datetime() => excel_date(d.as_f64()).map_or(Raw::Error, Raw::Date),
        DataRef::DateTime(d) => Raw::Number(d.as_f64()),
        DataRef::Error(_) => Raw::Error,
    }
}

/// The date of an Excel serial day number (1900 system: day 1 is 1900-01-01, day 60 the
/// nonexistent 1900-02-29).
pub fn excel_date(serial: f64) -> Option<Date> {
    let epoch = Date::from_calendar_date(1899, time::Month::December, 30).ok()?;
    let days = serial.floor();
    if !(1.0..=2_958_465.0).contains(&days) {
        return None;
    }
    epoch.checked_add(time::Duration::days(days as i64))
}

/// The text of a CSV file: UTF-8 (a byte-order mark dropped), else GB18030.
fn decode(bytes: &[u8]) -> Result<String, Refusal> {
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => s.strip_prefix('\u{feff}').unwrap_or(s).to_owned(),
        Err(_) => {
            let (text, _, bad) = encoding_rs::GB18030.decode(bytes);
            if bad {
                return Err(Refusal::Malformed);
            }
            text.into_owned()
        }
    };
    // Binary files decode too; text does not hold NUL or many other control characters.
    let control = text.chars().filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')).count();
    if text.contains('\0') || control > text.len() / 100 {
        return Err(Refusal::Malformed);
    }
    Ok(text)
}

/// RFC 4180 CSV (quoted fields with `""`, line breaks inside quotes); the separator is the one of
/// `,` `;` tab found most in the first line.
pub fn csv(text: &str) -> Vec<Vec<Raw>> {
    let first = text.lines().next().unwrap_or("");
    let sep = [',', ';', '\t'].into_iter().max_by_key(|s| first.matches(*s).count()).unwrap_or(',');
    let mut rows = Vec::new();
    let mut row: Vec<Raw> = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    let cell = |f: &mut String| {
        let s = std::mem::take(f);
        if s.is_empty() { Raw::Empty } else { Raw::Text(s) }
    };
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, c) if c == sep => row.push(cell(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(cell(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(cell(&mut field));
        rows.push(row);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_reads_quotes_line_breaks_and_the_separator_of_the_heading() {
        let rows = csv("标题,概要\r\n\"量子, 传感\",\"第一行\n第二行 \"\"引\"\"\"\r\n,x\n");
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1], vec![Raw::Text("量子, 传感".into()), Raw::Text("第一行\n第二行 \"引\"".into())]);
        assert_eq!(rows[2], vec![Raw::Empty, Raw::Text("x".into())]);
        assert_eq!(csv("a;b\n1;2")[1], vec![Raw::Text("1".into()), Raw::Text("2".into())]);
    }

    #[test]
    fn a_gbk_csv_from_chinese_excel_reads_as_chinese() {
        let (bytes, _, _) = encoding_rs::GB18030.encode("标题,概要\n量子传感,高精度\n");
        let tables = read(&bytes).unwrap();
        assert_eq!(tables[0].rows[1][0], Raw::Text("量子传感".into()));
    }

    #[test]
    fn legacy_binary_and_damaged_workbooks_are_refused() {
        assert_eq!(read(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]), Err(Refusal::Legacy));
        assert_eq!(read(b"PK\x03\x04garbage"), Err(Refusal::Malformed));
        assert_eq!(read(b"\x00\x01\x02\x03binary\x00"), Err(Refusal::Malformed));
    }

    #[test]
    fn a_far_away_cell_is_not_read_and_the_sheet_says_it_overflowed() {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        ws.write_string(0, 0, "标题").unwrap();
        ws.write_formula(1, 0, "=1+1").unwrap();
        ws.write_string(1_048_575, 3, "far").unwrap();
        ws.write_string(5, 16_383, "far right").unwrap();
        let tables = read(&wb.save_to_buffer().unwrap()).unwrap();
        assert_eq!(tables[0].rows.len(), 2);
        assert_eq!(tables[0].rows[1][0], Raw::Formula);
        assert!(tables[0].overflow);
    }

    #[test]
    fn excel_serial_days_are_calendar_dates() {
        assert_eq!(excel_date(46_477.0).map(|d| d.to_string()), Some("2027-03-31".into()));
        assert_eq!(excel_date(-3.0), None);
    }
}
