//! The import template: an instructions sheet, one sheet per kind with its headings (required ones
//! marked *), an example row and drop-down lists for coded columns, and a hidden sheet holding the
//! lists' labels.

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, Format, FormatAlign, Formula, Workbook, Worksheet, XlsxError,
};
use shared::Locale;
use shared::i18n::Msg;
use shared::market::PostingKind;
use shared::taxonomy::Taxonomy;

use super::columns::{Cells, Column, List, columns, heading, sheet_name};

/// Rows of each kind's sheet that carry the drop-down lists.
const LIST_ROWS: u32 = 10_001;

/// The example value of a column, in `locale` (labels of the first values of lists).
fn example(kind: PostingKind, c: &Column, tax: &Taxonomy, l: Locale) -> String {
    let zh = l == Locale::ZhCn;
    let first = |list: List, n: usize| {
        let values = List::values(list, tax);
        values.iter().take(n).map(|(_, z, e)| if zh { z.clone() } else { e.clone() }).collect::<Vec<_>>().join(if zh {
            "、"
        } else {
            ", "
        })
    };
    let mark = Msg::ImportExampleMark.t(l);
    let pick = |a: &str, b: &str| if zh { a.to_owned() } else { b.to_owned() };
    match (c.field, c.cells) {
        ("title_zh", _) => format!(
            "{mark}{}",
            match kind {
                PostingKind::Demand => "高精度量子传感器件研制",
                PostingKind::Capability => "高通量材料计算平台",
                PostingKind::Scenario => "未来工厂质检场景",
                PostingKind::Mandate => "硬科技早期投资",
            }
        ),
        ("title_en", _) => match kind {
            PostingKind::Demand => "High-precision quantum sensor",
            PostingKind::Capability => "High-throughput materials computing",
            PostingKind::Scenario => "Quality inspection in a future factory",
            PostingKind::Mandate => "Early-stage deep tech",
        }
        .into(),
        ("summary_zh", _) => "用一两句话说明需要什么、用于什么场景。".into(),
        ("summary_en", _) => "One or two sentences on what is needed and where.".into(),
        ("org_name", _) => pick("杭州示例科技有限公司", "Hangzhou Example Technology Co."),
        ("credit_code", _) => {
            let first17 = "91330100MA2800000";
            format!("{first17}{}", shared::validate::credit_check_char(first17).unwrap_or('0'))
        }
        ("keywords", _) => pick("量子传感、精密测量", "quantum sensing, metrology"),
        ("patents", _) => "ZL202310000000.0".into(),
        ("site", _) => pick("钱塘区某智能工厂", "A smart factory in Qiantang"),
        ("seeks", _) => pick("基于视觉的缺陷检测方案", "Vision-based defect detection"),
        ("trl", _) => "6".into(),
        ("slots", _) => "2".into(),
        ("budget_min" | "price_min" | "ticket_min", _) => "100".into(),
        ("budget_max" | "price_max" | "ticket_max", _) => "500".into(),
        ("fund_size", _) => "50000".into(),
        ("deadline" | "open_call.application_deadline", _) => "2027-06-30".into(),
        ("start" | "pilot_start", _) => "2027-01-15".into(),
        ("pilot_end", _) => "2027-12-31".into(),
        ("domains", Cells::Many(list)) => first(list, 2),
        ("stages" | "offers" | "modes", Cells::Many(list)) => first(list, 2),
        ("district", Cells::One(list)) | ("demand_type" | "capability_kind" | "ip_status", Cells::One(list)) => {
            first(list, 1)
        }
        ("category" | "fund_type", Cells::One(list)) => first(list, 1),
        ("negotiable", _) => pick("否", "no"),
        _ => String::new(),
    }
}

/// Writes the labels of `list` in column `col` of the lists sheet; the range formula for its drop-down.
fn write_list(
    lists: &mut Worksheet,
    sheet: &str,
    col: u16,
    list: List,
    tax: &Taxonomy,
    l: Locale,
) -> Result<Option<Formula>, XlsxError> {
    let values = list.values(tax);
    if values.is_empty() {
        return Ok(None);
    }
    for (r, (_, zh, en)) in values.iter().enumerate() {
        lists.write_string(r as u32, col, if l == Locale::ZhCn { zh } else { en })?;
    }
    let letter = rust_xlsxwriter::utility::column_number_to_name(col);
    Ok(Some(Formula::new(format!("='{sheet}'!${letter}$1:${letter}${}", values.len()))))
}

fn list_name(list: List) -> String {
    match list {
        List::Term(k) => k.as_str().to_owned(),
        other => format!("{other:?}"),
    }
}

/// The template's bytes in `l`.
pub fn workbook(tax: &Taxonomy, l: Locale) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold().set_background_color("#E8F1FB").set_text_wrap().set_align(FormatAlign::Top);
    let required = bold.clone().set_font_color("#B42318");
    let example_format = Format::new().set_italic().set_font_color("#667085");
    let text_format = Format::new().set_num_format("@");
    let lists_name = Msg::ImportLists.t(l).to_owned();

    let how = wb.add_worksheet();
    how.set_name(Msg::ImportInstructions.t(l))?;
    how.set_column_width(0, 28)?;
    how.set_column_width(1, 100)?;
    how.write_string_with_format(0, 0, Msg::ImportTitle.t(l), &bold)?;
    how.write_string_with_format(0, 1, Msg::ImportHowTo.t(l), &Format::new().set_text_wrap())?;
    how.set_row_height(0, 120)?;
    for (r, kind) in (2..).zip(PostingKind::ALL) {
        how.write_string_with_format(r, 0, sheet_name(*kind, l), &bold)?;
        let cols = columns(*kind);
        let names: Vec<String> = cols.iter().filter(|c| c.required).map(|c| c.label.t(l).to_owned()).collect();
        how.write_string(r, 1, format!("* {}", names.join(if l == Locale::ZhCn { "、" } else { ", " })))?;
    }

    // The lists, one column per list, in a hidden sheet the drop-downs point at.
    let mut used: Vec<(String, Formula)> = Vec::new();
    {
        let lists = wb.add_worksheet();
        lists.set_name(&lists_name)?;
        let mut next = 0u16;
        for kind in PostingKind::ALL {
            for c in columns(*kind) {
                if let Cells::One(list) | Cells::Many(list) = c.cells
                    && !used.iter().any(|(n, _)| *n == list_name(list))
                    && let Some(f) = write_list(lists, &lists_name, next, list, tax, l)?
                {
                    used.push((list_name(list), f));
                    next += 1;
                }
            }
        }
        lists.set_hidden(true);
    }

    for kind in PostingKind::ALL {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(*kind, l))?;
        let cols = columns(*kind);
        for (i, c) in cols.iter().enumerate() {
            let i = i as u16;
            ws.write_string_with_format(0, i, heading(c, l), if c.required { &required } else { &bold })?;
            ws.write_string_with_format(1, i, example(*kind, c, tax, l), &example_format)?;
            ws.set_column_width(i, if matches!(c.cells, Cells::Text) { 28 } else { 18 })?;
            if matches!(c.cells, Cells::Text | Cells::Words | Cells::Date) {
                ws.set_column_format(i, &text_format)?;
            }
            let validation = match c.cells {
                Cells::One(list) | Cells::Many(list) => used
                    .iter()
                    .find(|(n, _)| *n == list_name(list))
                    .map(|(_, f)| DataValidation::new().allow_list_formula(f.clone())),
                Cells::Yes => Some(DataValidation::new().allow_list_strings(&[
                    if l == Locale::ZhCn { "是" } else { "yes" },
                    if l == Locale::ZhCn { "否" } else { "no" },
                ])?),
                _ => None,
            };
            if let Some(v) = validation {
                // Lists of several values are typed, so a value off the list only warns.
                let v = match c.cells {
                    Cells::Many(_) => v.set_error_style(DataValidationErrorStyle::Information),
                    _ => v,
                };
                ws.add_data_validation(1, i, LIST_ROWS, i, &v)?;
            }
        }
        ws.set_row_height(0, 36)?;
        ws.set_freeze_panes(1, 0)?;
    }
    if let Some(first) = wb.worksheets_mut().get_mut(2) {
        first.set_active(true);
    }
    wb.save_to_buffer()
}
