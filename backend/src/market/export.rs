//! A posting list as a spreadsheet: every posting the list shows the caller with its filters (all
//! pages, at most [`EXPORT_MAX`]), one row each, in the caller's language, as `.xlsx` or `.csv`.
//! Organizations export their own postings with `mine=true` (any state); site admins any list,
//! with `status=`.

use shared::i18n::{Locale, Msg};
use shared::market::{PostingKind, PostingQuery, PostingSummary, type_label};
use shared::page::{MAX_PER_PAGE, Page};
use shared::taxonomy::{Taxonomy, TermKind};

use crate::AppState;
use crate::accounts::SessionUser;
use crate::error::{AppError, AppResult};
use crate::xlsx::{Cell, Sheet};

/// The most rows one export holds.
pub const EXPORT_MAX: usize = 10_000;

/// Every posting of the list `q` shows `user`, as one sheet in the caller's language.
pub async fn sheet(
    state: &AppState,
    user: Option<&SessionUser>,
    kind: PostingKind,
    q: PostingQuery,
) -> AppResult<Sheet> {
    let mut items: Vec<PostingSummary> = Vec::new();
    for page in 1.. {
        let query = PostingQuery { page: Some(page), per_page: Some(MAX_PER_PAGE), ..q.clone() };
        let text = super::ops::list(state, user, kind, query).await?;
        let got: Page<PostingSummary> = serde_json::from_str(&text).map_err(|e| AppError::Internal(e.into()))?;
        let last = got.items.len() < MAX_PER_PAGE as usize;
        items.extend(got.items);
        if last || items.len() >= EXPORT_MAX {
            break;
        }
    }
    items.truncate(EXPORT_MAX);
    let tax = {
        let mut db = state.db.acquire().await?;
        crate::taxonomy::load(&mut db).await?
    };
    let locale = crate::http::locale::current_locale();
    Ok(rows_of(kind, &items, &tax, locale, &state.config.site_url()))
}

const HEADER: [Msg; 13] = [
    Msg::ExportId,
    Msg::ExportTitle,
    Msg::ExportOrg,
    Msg::ExportType,
    Msg::ExportDomains,
    Msg::ExportDistrict,
    Msg::ExportTrl,
    Msg::ExportAmountMin,
    Msg::ExportAmountMax,
    Msg::ExportDeadline,
    Msg::ExportStatus,
    Msg::ExportPublished,
    Msg::ExportLink,
];

/// The sheet of `items` (pure: labels from `tax`, links under `site`).
pub fn rows_of(kind: PostingKind, items: &[PostingSummary], tax: &Taxonomy, l: Locale, site: &str) -> Sheet {
    let text = |zh: &str, en: Option<&str>| shared::i18n::in_language(zh, en, l);
    let number = |n: Option<u32>| n.map_or(Cell::from(""), Cell::from);
    let sep = if l == Locale::ZhCn { "、" } else { ", " };
    let rows = items
        .iter()
        .map(|p| {
            let domains: Vec<&str> = p.domains.iter().map(|d| tax.label(TermKind::Domain, d, l)).collect();
            let published = p.published_at.map(crate::common::china::minute);
            vec![
                Cell::Number(p.id as f64),
                Cell::from(text(&p.title_zh, p.title_en.as_deref())),
                Cell::from(text(&p.org_name_zh, p.org_name_en.as_deref())),
                Cell::from(type_label(kind, &p.type_code, l, |k, c| tax.label(k, c, l).to_owned())),
                Cell::from(domains.join(sep)),
                Cell::from(p.district.as_deref().map_or("", |d| tax.label(TermKind::District, d, l))),
                number(p.trl.map(u32::from)),
                number(p.amount_min),
                number(p.amount_max),
                Cell::from(p.deadline.map(|d| d.to_string()).unwrap_or_default()),
                Cell::from(p.status.msg().t(l)),
                Cell::from(published.unwrap_or_default()),
                Cell::from(format!("{site}{}/{}", kind.page_path(), p.id)),
            ]
        })
        .collect();
    Sheet { name: kind.msg().t(l).to_owned(), header: HEADER.iter().map(|m| m.t(l).to_owned()).collect(), rows }
}

#[cfg(test)]
mod tests {
    use shared::market::PostingStatus;
    use shared::taxonomy::Term;

    use super::*;

    fn posting() -> PostingSummary {
        PostingSummary {
            id: 7,
            kind: PostingKind::Demand,
            org_id: 1,
            org_name_zh: "杭州测试科技".into(),
            org_name_en: Some("Hangzhou Test Tech".into()),
            status: PostingStatus::Published,
            title_zh: "=固态电池攻关".into(),
            title_en: None,
            summary_zh: "摘要".into(),
            summary_en: None,
            domains: vec!["advanced_energy".into()],
            district: Some("qiantang".into()),
            type_code: "tech_problem".into(),
            trl: Some(6),
            amount_min: Some(200),
            amount_max: None,
            deadline: Some(time::macros::date!(2027 - 06 - 30)),
            published_at: Some(time::macros::datetime!(2026-12-01 02:30 UTC)),
        }
    }

    fn tax() -> Taxonomy {
        let term = |kind, code: &str, zh: &str, en: &str| Term {
            kind,
            code: code.into(),
            label_zh: zh.into(),
            label_en: en.into(),
            group: None,
            parent: None,
        };
        Taxonomy {
            terms: vec![
                term(TermKind::Domain, "advanced_energy", "先进能源", "Advanced energy"),
                term(TermKind::District, "qiantang", "钱塘区", "Qiantang"),
            ],
        }
    }

    #[test]
    fn a_row_reads_in_the_callers_language_with_china_time_and_a_link() {
        let zh = rows_of(PostingKind::Demand, &[posting()], &tax(), Locale::ZhCn, "https://x.cn");
        assert_eq!(zh.header[0], "编号");
        let row = &zh.rows[0];
        assert_eq!(row[1], Cell::from("=固态电池攻关"), "text stays text: the writers neutralise formulas");
        assert_eq!(
            (row[3].clone(), row[4].clone(), row[5].clone()),
            (Cell::from("技术攻关"), Cell::from("先进能源"), Cell::from("钱塘区"))
        );
        assert_eq!(
            (row[6].clone(), row[7].clone(), row[8].clone()),
            (Cell::Number(6.0), Cell::Number(200.0), Cell::from(""))
        );
        assert_eq!(row[11], Cell::from("2026-12-01 10:30"), "China time");
        assert_eq!(row[12], Cell::from("https://x.cn/demands/7"));
        let en = rows_of(PostingKind::Demand, &[posting()], &tax(), Locale::En, "https://x.cn");
        assert_eq!(en.rows[0][2], Cell::from("Hangzhou Test Tech"));
        assert_eq!(en.rows[0][1], Cell::from("=固态电池攻关"), "no English title: the Chinese one");
        assert_eq!(en.rows[0][10], Cell::from("Published"));
    }
}
