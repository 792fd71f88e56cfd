//! The template's columns per kind and how a cell becomes a field (pure). A coded column takes the
//! code or its label in either language; a list column takes several values separated by 、，,;；
//! or line breaks; amounts are whole 万元; dates are written 2027-03-31, 2027/3/31 or 2027年3月31日
//! or are spreadsheet dates; text that would run as a formula is refused.
//!
//! This file is long because its unit tests (112 lines) sit beside the cell parsing they check.

use serde_json::{Map, Value, json};
use shared::Locale;
use shared::i18n::Msg;
use shared::market::{AMOUNT_MAX, CapabilityKind, CoopMode, DemandType, IpStatus, PostingKind, ScenarioOffer};
use shared::taxonomy::{Taxonomy, TermKind};
use shared::validate::FieldError;
use time::Date;

use super::read::Raw;

/// The values of a coded column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Term(TermKind),
    Demand,
    Capability,
    Ip,
    Mode,
    Offer,
}

impl List {
    /// (code, Chinese label, English label) of every value.
    pub fn values(self, tax: &Taxonomy) -> Vec<(String, String, String)> {
        fn of<T: Copy>(
            all: &[T],
            code: impl Fn(T) -> &'static str,
            msg: impl Fn(T) -> Msg,
        ) -> Vec<(String, String, String)> {
            all.iter()
                .map(|v| (code(*v).to_owned(), msg(*v).t(Locale::ZhCn).to_owned(), msg(*v).t(Locale::En).to_owned()))
                .collect()
        }
        match self {
            List::Term(kind) => tax
                .of(kind)
                .map(|t| (t.code.clone(), t.label(Locale::ZhCn).to_owned(), t.label(Locale::En).to_owned()))
                .collect(),
            List::Demand => of(DemandType::ALL, DemandType::as_str, DemandType::msg),
            List::Capability => of(CapabilityKind::ALL, CapabilityKind::as_str, CapabilityKind::msg),
            List::Ip => of(IpStatus::ALL, IpStatus::as_str, IpStatus::msg),
            List::Mode => of(CoopMode::ALL, CoopMode::as_str, CoopMode::msg),
            List::Offer => of(ScenarioOffer::ALL, ScenarioOffer::as_str, ScenarioOffer::msg),
        }
    }
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cells {
    Text,
    /// A whole number up to the bound.
    Whole(u32),
    Date,
    Yes,
    One(List),
    Many(List),
    /// Free words (keywords, patent numbers).
    Words,
}

/// One column of a kind's sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The posting field it fills (`open_call.reward` nests), or `org_name`, `credit_code`, `org_subtype`.
    pub field: &'static str,
    pub label: Msg,
    pub required: bool,
    pub cells: Cells,
}

const fn col(field: &'static str, label: Msg, required: bool, cells: Cells) -> Column {
    Column { field, label, required, cells }
}

/// The columns naming the organization (read by the import, not part of the posting).
pub const ORG_FIELDS: [&str; 3] = ["org_name", "credit_code", "org_subtype"];

/// The columns of `kind`'s sheet, in order.
pub fn columns(kind: PostingKind) -> Vec<Column> {
    use Cells::*;
    let money = Whole(AMOUNT_MAX);
    let mut cols =
        vec![col("org_name", Msg::ImportOrgName, false, Text), col("credit_code", Msg::OrgCreditCode, false, Text)];
    match kind {
        PostingKind::Capability => {
            cols.push(col("org_subtype", Msg::ImportOrgSubtype, false, One(List::Term(TermKind::LabSubtype))))
        }
        PostingKind::Mandate => {
            cols.push(col("org_subtype", Msg::ImportOrgSubtype, false, One(List::Term(TermKind::InvestorType))))
        }
        PostingKind::Demand | PostingKind::Scenario => {}
    }
    let domains = if kind == PostingKind::Mandate { Msg::MandateDomains } else { Msg::PostingDomains };
    cols.extend([
        col("title_zh", Msg::TitleZh, true, Text),
        col("title_en", Msg::TitleEn, false, Text),
        col("summary_zh", Msg::SummaryZh, true, Text),
        col("summary_en", Msg::SummaryEn, false, Text),
        col("domains", domains, true, Many(List::Term(TermKind::Domain))),
        col("keywords", Msg::KeywordsLabel, false, Words),
        col("district", Msg::ImportDistrict, false, One(List::Term(TermKind::District))),
        col("pilot_zone", Msg::ImportPilotZone, false, One(List::Term(TermKind::PilotZone))),
    ]);
    match kind {
        PostingKind::Demand => cols.extend([
            col("demand_type", Msg::ImportDemandType, true, One(List::Demand)),
            col("trl", Msg::TrlLabel, true, Whole(9)),
            col("budget_min", Msg::BudgetMin, false, money),
            col("budget_max", Msg::BudgetMax, false, money),
            col("deadline", Msg::ImportDeadline, false, Date),
            col("start", Msg::ImportStart, false, Date),
            col("expected_outcome", Msg::ImportExpectedOutcome, false, Text),
            col("indicators", Msg::ImportIndicators, false, Text),
            col("open_call.reward", Msg::RewardField, false, money),
            col("open_call.application_deadline", Msg::ImportOpenCallDeadline, false, Date),
            col("amount_sought", Msg::AmountSoughtLabel, false, money),
            col("round", Msg::RoundLabel, false, One(List::Term(TermKind::InvestmentStage))),
        ]),
        PostingKind::Capability => cols.extend([
            col("capability_kind", Msg::CapKindLabel, true, One(List::Capability)),
            col("trl", Msg::TrlLabel, true, Whole(9)),
            col("ip_status", Msg::ImportIpStatus, true, One(List::Ip)),
            col("modes", Msg::ModesLabel, true, Many(List::Mode)),
            col("patents", Msg::ImportPatents, false, Words),
            col("price_min", Msg::PriceMin, false, money),
            col("price_max", Msg::PriceMax, false, money),
            col("negotiable", Msg::ImportNegotiable, false, Yes),
            col("team", Msg::ImportTeam, false, Text),
            col("cases", Msg::ImportCases, false, Text),
        ]),
        PostingKind::Scenario => cols.extend([
            col("category", Msg::ImportCategory, true, One(List::Term(TermKind::ScenarioCategory))),
            col("site", Msg::ImportSite, true, Text),
            col("seeks", Msg::ImportSeeks, true, Text),
            col("offers", Msg::ImportOffers, true, Many(List::Offer)),
            col("slots", Msg::ImportSlots, true, Whole(100)),
            col("deadline", Msg::ScenarioDeadline, true, Date),
            col("pilot_start", Msg::PilotStart, false, Date),
            col("pilot_end", Msg::PilotEnd, false, Date),
        ]),
        PostingKind::Mandate => cols.extend([
            col("fund_type", Msg::ImportFundType, true, One(List::Term(TermKind::InvestorType))),
            col("stages", Msg::StagesLabel, true, Many(List::Term(TermKind::InvestmentStage))),
            col("ticket_min", Msg::TicketMin, false, money),
            col("ticket_max", Msg::TicketMax, false, money),
            col("fund_size", Msg::FundSizeField, false, money),
            col("districts", Msg::ImportDistricts, false, Many(List::Term(TermKind::District))),
            col("portfolio", Msg::ImportPortfolio, false, Text),
        ]),
    }
    cols.extend([col("details_zh", Msg::DetailsZh, false, Text), col("details_en", Msg::DetailsEn, false, Text)]);
    cols
}

/// A column's heading in `locale` (required ones end in " *").
pub fn heading(c: &Column, locale: Locale) -> String {
    let label = c.label.t(locale);
    if c.required { format!("{label} *") } else { label.to_owned() }
}

/// The sheet name of `kind` in `locale`.
pub fn sheet_name(kind: PostingKind, locale: Locale) -> &'static str {
    match (kind, locale) {
        (PostingKind::Demand, Locale::ZhCn) => "技术需求",
        (PostingKind::Capability, Locale::ZhCn) => "成果与能力",
        (PostingKind::Scenario, Locale::ZhCn) => "应用场景",
        (PostingKind::Mandate, Locale::ZhCn) => "投资偏好",
        (PostingKind::Demand, Locale::En) => "Demands",
        (PostingKind::Capability, Locale::En) => "Capabilities",
        (PostingKind::Scenario, Locale::En) => "Scenarios",
        (PostingKind::Mandate, Locale::En) => "Mandates",
    }
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace() && !matches!(c, '*' | '＊')).flat_map(char::to_lowercase).collect()
}

/// The kind a sheet name stands for (either language, or the kind's code or plural).
pub fn kind_of_sheet(name: &str) -> Option<PostingKind> {
    let name = squash(name);
    PostingKind::ALL.iter().copied().find(|k| {
        [sheet_name(*k, Locale::ZhCn), sheet_name(*k, Locale::En), k.as_str(), k.plural()]
            .iter()
            .any(|n| squash(n) == name)
    })
}

/// The column a heading names, in either language or by its field.
pub fn column_of(cols: &[Column], head: &str) -> Option<Column> {
    let head = squash(head);
    if head.is_empty() {
        return None;
    }
    cols.iter().copied().find(|c| {
        squash(c.label.t(Locale::ZhCn)) == head || squash(c.label.t(Locale::En)) == head || squash(c.field) == head
    })
}

/// The kind whose sheet these headings are, for a CSV (no sheet name): the kind whose required
/// columns are all there, else the one with most of them.
pub fn kind_of_headings(heads: &[String]) -> Option<PostingKind> {
    PostingKind::ALL
        .iter()
        .copied()
        .map(|k| {
            let cols = columns(k);
            let own = cols.iter().filter(|c| c.required && heads.iter().any(|h| column_of(&[**c], h).is_some()));
            (k, own.count())
        })
        .filter(|(_, n)| *n > 0)
        .max_by_key(|(k, n)| (*n, std::cmp::Reverse(*k as u8)))
        .map(|(k, _)| k)
}

/// Whether spreadsheet apps would run `s` as a formula: it starts with `=` or `@`, or with `+`/`-`
/// not followed by a digit (so "-40℃" and "+86 571…" stay text).
pub fn formula_like(s: &str) -> bool {
    let mut chars = s.trim_start().chars();
    match chars.next() {
        Some('=' | '@' | '＝') => true,
        Some('+' | '-') => !chars.next().is_some_and(|c| c.is_ascii_digit()) || s.contains(['|', '!']),
        _ => false,
    }
}

fn split(s: &str) -> Vec<String> {
    s.split(['、', ',', '，', ';', '；', '\n', '|'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The code a value names in `list`: the code, or its label in either language.
fn code_in(list: List, tax: &Taxonomy, value: &str) -> Option<String> {
    let v = value.trim();
    list.values(tax).into_iter().find_map(|(code, zh, en)| {
        (code.eq_ignore_ascii_case(v) || zh == v || en.eq_ignore_ascii_case(v)).then_some(code)
    })
}

/// A date written the ways people write them.
pub fn date_of(s: &str) -> Option<Date> {
    let digits: Vec<&str> = s.trim().split(['-', '/', '.', '年', '月', '日']).filter(|p| !p.is_empty()).collect();
    let [y, m, d] = digits[..] else { return None };
    let (y, m, d) = (y.trim().parse().ok()?, m.trim().parse::<u8>().ok()?, d.trim().parse().ok()?);
    Date::from_calendar_date(y, time::Month::try_from(m).ok()?, d).ok()
}

/// The allowed labels of a list, for a `NotOneOf` message.
pub fn allowed(list: List, tax: &Taxonomy, locale: Locale) -> Vec<String> {
    list.values(tax).into_iter().map(|(_, zh, en)| if locale == Locale::ZhCn { zh } else { en }).collect()
}

/// A cell as the field's JSON value (`None` when empty), or why it cannot be one.
pub fn value_of(c: &Column, cell: &Raw, tax: &Taxonomy) -> Result<Option<Value>, FieldError> {
    match cell {
        Raw::Formula => return Err(FieldError::FormulaRefused),
        Raw::Error => return Err(FieldError::Invalid),
        c if c.is_empty() => return Ok(None),
        Raw::Text(s) if formula_like(s) => return Err(FieldError::FormulaRefused),
        _ => {}
    }
    let text = cell.text();
    Ok(Some(match c.cells {
        Cells::Text => match cell {
            Raw::Date(d) => json!(d.to_string()),
            _ => json!(text),
        },
        Cells::Whole(max) => {
            let n = match cell {
                Raw::Number(n) if n.fract() == 0.0 => *n,
                Raw::Number(_) => return Err(FieldError::ExpectedInteger),
                _ => text.replace([',', '，', ' '], "").parse::<f64>().map_err(|_| FieldError::ExpectedInteger)?,
            };
            if n.fract() != 0.0 {
                return Err(FieldError::ExpectedInteger);
            }
            if n < 0.0 || n > f64::from(max) {
                return Err(FieldError::OutOfRange);
            }
            json!(n as u64)
        }
        Cells::Date => match cell {
            Raw::Date(d) => json!(d.to_string()),
            Raw::Number(n) => json!(super::read::excel_date(*n).ok_or(FieldError::ExpectedDate)?.to_string()),
            _ => json!(date_of(&text).ok_or(FieldError::ExpectedDate)?.to_string()),
        },
        Cells::Yes => match cell {
            Raw::Bool(b) => json!(b),
            Raw::Number(n) => json!(*n != 0.0),
            _ => match text.to_lowercase().as_str() {
                "是" | "y" | "yes" | "true" | "1" | "√" | "✓" | "面议" => json!(true),
                "否" | "n" | "no" | "false" | "0" | "×" => json!(false),
                _ => return Err(FieldError::ExpectedBoolean),
            },
        },
        Cells::One(list) => json!(code_in(list, tax, &text).ok_or(FieldError::NotOneOf)?),
        Cells::Many(list) => {
            let mut codes: Vec<String> = Vec::new();
            for part in split(&text) {
                let code = code_in(list, tax, &part).ok_or(FieldError::NotOneOf)?;
                if !codes.contains(&code) {
                    codes.push(code);
                }
            }
            json!(codes)
        }
        Cells::Words => {
            let words = split(&text);
            if words.iter().any(|w| formula_like(w)) {
                return Err(FieldError::FormulaRefused);
            }
            json!(words)
        }
    }))
}

/// A value the field accepts, put in place of a cell with a problem so that the forms' rules can
/// still check the rest of the row (their verdict on the stand-in itself is not reported).
pub fn stand_in(c: &Column, tax: &Taxonomy, today: Date) -> Value {
    match c.cells {
        Cells::Text => json!("-"),
        Cells::Whole(max) => json!(u32::from(max <= 100)),
        Cells::Date => json!(today.to_string()),
        Cells::Yes => json!(false),
        Cells::One(list) => json!(list.values(tax).first().map(|v| v.0.clone()).unwrap_or_default()),
        Cells::Many(list) => json!(list.values(tax).first().map(|v| vec![v.0.clone()]).unwrap_or_default()),
        Cells::Words => json!([]),
    }
}

/// A row of `kind`'s sheet as the body of a posting (with `kind`), the organization's cells apart,
/// and the problems of its cells: (field, error, the allowed values of a coded column).
pub struct ReadRow {
    pub body: Value,
    pub org: Map<String, Value>,
    pub problems: Vec<(&'static str, FieldError, Option<List>)>,
}

/// Reads one row, given which column each cell is in.
pub fn read_row(kind: PostingKind, cells: &[(Column, &Raw)], tax: &Taxonomy) -> ReadRow {
    let mut body = Map::new();
    let mut org = Map::new();
    let mut problems = Vec::new();
    body.insert("kind".into(), json!(kind.as_str()));
    for (c, cell) in cells {
        match value_of(c, cell, tax) {
            Ok(None) if c.required => problems.push((c.field, FieldError::Required, None)),
            Ok(None) => {}
            Ok(Some(v)) if ORG_FIELDS.contains(&c.field) => {
                org.insert(c.field.into(), v);
            }
            Ok(Some(v)) => match c.field.split_once('.') {
                Some((outer, inner)) => {
                    let nested = body.entry(outer).or_insert_with(|| json!({}));
                    if let Some(m) = nested.as_object_mut() {
                        m.insert(inner.into(), v);
                    }
                }
                None => {
                    body.insert(c.field.into(), v);
                }
            },
            Err(e) => {
                let list = match c.cells {
                    Cells::One(l) | Cells::Many(l) => Some(l),
                    _ => None,
                };
                problems.push((c.field, e, list));
            }
        }
    }
    // Fields a form always sends: lists empty rather than absent, the negotiable flag false.
    for c in columns(kind) {
        if matches!(c.cells, Cells::Many(_) | Cells::Words) && !c.field.contains('.') && !ORG_FIELDS.contains(&c.field)
        {
            body.entry(c.field).or_insert_with(|| json!([]));
        }
    }
    if kind == PostingKind::Capability {
        body.entry("negotiable").or_insert(json!(false));
    }
    ReadRow { body: Value::Object(body), org, problems }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tax() -> Taxonomy {
        let term = |kind, code: &str, zh: &str| shared::taxonomy::Term {
            kind,
            code: code.into(),
            label_zh: zh.into(),
            label_en: code.into(),
            group: None,
            parent: None,
        };
        Taxonomy {
            terms: vec![
                term(TermKind::Domain, "gen_ai", "通用人工智能"),
                term(TermKind::Domain, "quantum", "量子科技"),
                term(TermKind::District, "binjiang", "滨江区"),
                term(TermKind::InvestmentStage, "seed", "种子轮"),
            ],
        }
    }

    fn cell(kind: PostingKind, field: &str) -> Column {
        columns(kind).into_iter().find(|c| c.field == field).unwrap()
    }

    #[test]
    fn headings_are_found_in_either_language_with_or_without_the_required_mark() {
        let cols = columns(PostingKind::Demand);
        assert_eq!(column_of(&cols, "标题（中文） *").map(|c| c.field), Some("title_zh"));
        assert_eq!(column_of(&cols, "Budget up to (10k CNY)").map(|c| c.field), Some("budget_max"));
        assert_eq!(column_of(&cols, "trl").map(|c| c.field), Some("trl"));
        assert_eq!(column_of(&cols, "备注"), None);
        assert_eq!(kind_of_sheet("成果与能力"), Some(PostingKind::Capability));
        assert_eq!(kind_of_sheet("mandates"), Some(PostingKind::Mandate));
        assert_eq!(kind_of_sheet("Sheet1"), None);
    }

    #[test]
    fn a_csv_without_a_sheet_name_is_known_by_its_required_columns() {
        let heads = |kind| columns(kind).iter().map(|c| heading(c, Locale::ZhCn)).collect::<Vec<_>>();
        for kind in PostingKind::ALL {
            assert_eq!(kind_of_headings(&heads(*kind)), Some(*kind));
        }
        assert_eq!(kind_of_headings(&["备注".into()]), None);
    }

    #[test]
    fn cells_take_codes_labels_dates_and_numbers_the_way_people_write_them() {
        let t = tax();
        let v = |kind, field, raw: Raw| value_of(&cell(kind, field), &raw, &t);
        let text = |s: &str| Raw::Text(s.into());
        assert_eq!(v(PostingKind::Demand, "demand_type", text("技术攻关")), Ok(Some(json!("tech_problem"))));
        assert_eq!(v(PostingKind::Demand, "demand_type", text("joint_rnd")), Ok(Some(json!("joint_rnd"))));
        assert_eq!(v(PostingKind::Demand, "demand_type", text("联合开发吧")), Err(FieldError::NotOneOf));
        assert_eq!(
            v(PostingKind::Demand, "domains", text("gen_ai、量子科技，通用人工智能")),
            Ok(Some(json!(["gen_ai", "quantum"])))
        );
        assert_eq!(v(PostingKind::Demand, "budget_max", Raw::Number(300.0)), Ok(Some(json!(300))));
        assert_eq!(v(PostingKind::Demand, "budget_max", text("1,200")), Ok(Some(json!(1200))));
        assert_eq!(v(PostingKind::Demand, "budget_max", Raw::Number(2.5)), Err(FieldError::ExpectedInteger));
        assert_eq!(v(PostingKind::Demand, "budget_max", text("-5")), Err(FieldError::OutOfRange));
        assert_eq!(v(PostingKind::Demand, "trl", Raw::Number(12.0)), Err(FieldError::OutOfRange));
        assert_eq!(v(PostingKind::Demand, "deadline", text("2027年3月31日")), Ok(Some(json!("2027-03-31"))));
        assert_eq!(v(PostingKind::Demand, "deadline", text("2027/3/31")), Ok(Some(json!("2027-03-31"))));
        assert_eq!(v(PostingKind::Demand, "deadline", Raw::Number(46_477.0)), Ok(Some(json!("2027-03-31"))));
        assert_eq!(v(PostingKind::Demand, "deadline", text("明年春天")), Err(FieldError::ExpectedDate));
        assert_eq!(v(PostingKind::Capability, "negotiable", text("是")), Ok(Some(json!(true))));
        assert_eq!(v(PostingKind::Capability, "negotiable", text("也许")), Err(FieldError::ExpectedBoolean));
        assert_eq!(v(PostingKind::Demand, "title_zh", text("  ")), Ok(None));
    }

    #[test]
    fn formulas_and_text_that_would_run_as_one_are_refused() {
        let t = tax();
        let title = cell(PostingKind::Demand, "title_zh");
        for bad in ["=cmd|' /C calc'!A0", "@SUM(A1)", "+cmd|x", "-2+3+cmd|' /C calc'!A0", "=HYPERLINK(\"x\")"] {
            assert_eq!(value_of(&title, &Raw::Text(bad.into()), &t), Err(FieldError::FormulaRefused), "{bad}");
        }
        assert_eq!(value_of(&title, &Raw::Formula, &t), Err(FieldError::FormulaRefused));
        for good in ["-40℃ 低温电池", "+86 571 8888 0000", "量子=未来"] {
            assert!(value_of(&title, &Raw::Text(good.into()), &t).is_ok(), "{good}");
        }
        let keywords = cell(PostingKind::Demand, "keywords");
        assert_eq!(value_of(&keywords, &Raw::Text("量子、=1+1".into()), &t), Err(FieldError::FormulaRefused));
    }

    #[test]
    fn a_row_nests_the_open_call_and_keeps_the_organization_apart() {
        let t = tax();
        let cols = columns(PostingKind::Demand);
        let raw = |f: &str| match f {
            "org_name" => Raw::Text("杭州某科技".into()),
            "title_zh" => Raw::Text("标题".into()),
            "open_call.reward" => Raw::Number(100.0),
            "trl" => Raw::Text("x".into()),
            _ => Raw::Empty,
        };
        let cells: Vec<(Column, Raw)> = cols.iter().map(|c| (*c, raw(c.field))).collect();
        let refs: Vec<(Column, &Raw)> = cells.iter().map(|(c, r)| (*c, r)).collect();
        let row = read_row(PostingKind::Demand, &refs, &t);
        assert_eq!(row.body["open_call"], json!({"reward": 100}));
        assert_eq!(row.org["org_name"], json!("杭州某科技"));
        assert!(row.body.get("org_name").is_none());
        let fields: Vec<_> = row.problems.iter().map(|p| (p.0, p.1)).collect();
        assert!(fields.contains(&("trl", FieldError::ExpectedInteger)), "{fields:?}");
        assert!(fields.contains(&("summary_zh", FieldError::Required)), "{fields:?}");
        assert!(fields.contains(&("domains", FieldError::Required)), "{fields:?}");
    }
}
