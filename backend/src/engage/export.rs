//! An organization's requests and deals as a spreadsheet: every engagement its pipeline shows the
//! caller with these filters (all pages, at most [`EXPORT_MAX`]), one row each, with the deal's
//! terms, in the caller's language.

use std::collections::HashMap;

use shared::engage::{EngagementQuery, EngagementSummary, Side};
use shared::i18n::{Locale, Msg};
use shared::page::MAX_PER_PAGE;

use super::store::{self, DealTerms};
use crate::AppState;
use crate::accounts::SessionUser;
use crate::common::china::minute as china_minute;
use crate::error::AppResult;
use crate::market::export::EXPORT_MAX;
use crate::xlsx::{Cell, Sheet};

/// Every engagement of the pipeline `q` shows `user`, as one sheet in the caller's language.
pub async fn sheet(state: &AppState, user: &SessionUser, q: EngagementQuery) -> AppResult<Sheet> {
    let mut items: Vec<EngagementSummary> = Vec::new();
    for page in 1.. {
        let query = EngagementQuery { page: Some(page), per_page: Some(MAX_PER_PAGE), ..q.clone() };
        let got = super::ops::list(state, user, query).await?;
        let last = got.items.len() < MAX_PER_PAGE as usize;
        items.extend(got.items);
        if last || items.len() >= EXPORT_MAX {
            break;
        }
    }
    items.truncate(EXPORT_MAX);
    let ids: Vec<i64> = items.iter().map(|e| e.id).collect();
    let terms = {
        let mut db = state.db.acquire().await?;
        store::deal_terms(&mut db, &ids).await?
    };
    Ok(rows_of(&items, &terms, crate::http::locale::current_locale(), &state.config.site_url()))
}

const HEADER: [Msg; 15] = [
    Msg::ExportId,
    Msg::EngFrom,
    Msg::EngTo,
    Msg::ExportSide,
    Msg::EngAbout,
    Msg::ExportPostingKind,
    Msg::EngProposal,
    Msg::ExportStatus,
    Msg::ExportStage,
    Msg::EngContractValue,
    Msg::ExportSignedOn,
    Msg::EngFailureReason,
    Msg::ExportCreated,
    Msg::ExportUpdated,
    Msg::ExportLink,
];

/// The sheet of `items` (pure: the deal terms by engagement, links under `site`).
pub fn rows_of(items: &[EngagementSummary], terms: &HashMap<i64, DealTerms>, l: Locale, site: &str) -> Sheet {
    let text = |zh: &str, en: Option<&str>| shared::i18n::in_language(zh, en, l);
    let rows = items
        .iter()
        .map(|e| {
            let t = terms.get(&e.id).cloned().unwrap_or_default();
            vec![
                Cell::Number(e.id as f64),
                Cell::from(text(&e.from.name_zh, e.from.name_en.as_deref())),
                Cell::from(text(&e.to.name_zh, e.to.name_en.as_deref())),
                Cell::from(e.side.map_or("", |s: Side| s.msg().t(l))),
                Cell::from(text(&e.posting.title_zh, e.posting.title_en.as_deref())),
                Cell::from(e.posting.kind.msg().t(l)),
                Cell::from(e.proposal.msg().t(l)),
                Cell::from(e.status.msg().t(l)),
                Cell::from(e.stage.map_or("", |s| s.msg().t(l))),
                t.contract_value.map_or(Cell::from(""), |v| Cell::Number(v as f64)),
                Cell::from(t.signed_on.map(|d| d.to_string()).unwrap_or_default()),
                Cell::from(t.failure.map_or("", |f| f.msg().t(l))),
                Cell::from(china_minute(e.created_at)),
                Cell::from(china_minute(e.updated_at)),
                Cell::from(format!("{site}/engagements/{}", e.id)),
            ]
        })
        .collect();
    Sheet {
        name: Msg::ExportEngagements.t(l).to_owned(),
        header: HEADER.iter().map(|m| m.t(l).to_owned()).collect(),
        rows,
    }
}

#[cfg(test)]
mod tests {
    use shared::engage::{DealStage, EngagementStatus, FailureReason, OrgRef, PostingRef, Proposal};
    use shared::market::PostingKind;

    use super::*;

    fn engagement() -> EngagementSummary {
        let org = |id, zh: &str, en: Option<&str>| OrgRef { id, name_zh: zh.into(), name_en: en.map(Into::into) };
        EngagementSummary {
            id: 42,
            from: org(1, "之江实验室", Some("Zhejiang Lab")),
            to: org(2, "钱塘储能", None),
            posting: PostingRef {
                id: 7, kind: PostingKind::Demand, title_zh: "固态电池攻关".into(), title_en: None
            },
            proposal: Proposal::JointDevelopment,
            status: EngagementStatus::Accepted,
            stage: Some(DealStage::Failed),
            side: Some(Side::Received),
            unread: 0,
            created_at: time::macros::datetime!(2026-12-01 02:30 UTC),
            expires_at: time::macros::datetime!(2026-12-15 02:30 UTC),
            updated_at: time::macros::datetime!(2026-12-03 16:05 UTC),
        }
    }

    #[test]
    fn a_deal_row_carries_both_sides_the_stage_and_its_terms_in_the_readers_language() {
        let terms = HashMap::from([(
            42,
            DealTerms { contract_value: Some(350), signed_on: None, failure: Some(FailureReason::Budget) },
        )]);
        let zh = rows_of(&[engagement()], &terms, Locale::ZhCn, "https://x.cn");
        assert_eq!(zh.header[1], "申请方");
        let row = &zh.rows[0];
        assert_eq!(
            (row[1].clone(), row[3].clone(), row[6].clone()),
            (Cell::from("之江实验室"), Cell::from("我收到的"), Cell::from("联合开发"))
        );
        assert_eq!(
            (row[8].clone(), row[9].clone(), row[11].clone()),
            (Cell::from("未成"), Cell::Number(350.0), Cell::from("预算不匹配"))
        );
        assert_eq!(row[13], Cell::from("2026-12-04 00:05"), "China time");
        assert_eq!(row[14], Cell::from("https://x.cn/engagements/42"));
        let en = rows_of(&[engagement()], &HashMap::new(), Locale::En, "https://x.cn");
        assert_eq!(
            (en.rows[0][1].clone(), en.rows[0][2].clone()),
            (Cell::from("Zhejiang Lab"), Cell::from("钱塘储能"))
        );
        assert_eq!(en.rows[0][9], Cell::from(""), "no terms, empty cells");
    }
}
