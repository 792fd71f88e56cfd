//! Browsing the marketplace: a list page per kind with its filters in the URL, and detail pages.

pub mod detail;
pub mod feed;
pub mod form;
pub mod import;
pub mod list;
pub mod matches;
pub mod mine;
pub mod moderation;

use shared::Locale;
use shared::market::{CapabilityKind, DemandType, PostingKind};
use shared::taxonomy::TermKind;

use crate::components::labels::TaxonomyCtx;

/// The app path of a kind's pages (`/investors` for mandates, like the navigation says).
pub fn ui_path(kind: PostingKind) -> &'static str {
    kind.page_path()
}

/// The label of a posting's type code: an enum for demands and capabilities, reference data otherwise.
pub fn type_label(kind: PostingKind, code: &str, tax: TaxonomyCtx, l: Locale) -> String {
    shared::market::type_label(kind, code, l, |k, c| tax.label(k, c, l))
}

/// Every type code of a kind with its label, for the filter.
pub fn type_options(kind: PostingKind, tax: TaxonomyCtx, l: Locale) -> Vec<(String, String)> {
    match kind {
        PostingKind::Demand => DemandType::ALL.iter().map(|t| (t.as_str().into(), t.msg().t(l).into())).collect(),
        PostingKind::Capability => {
            CapabilityKind::ALL.iter().map(|t| (t.as_str().into(), t.msg().t(l).into())).collect()
        }
        PostingKind::Scenario => {
            tax.get().of(TermKind::ScenarioCategory).map(|t| (t.code.clone(), t.label(l).into())).collect()
        }
        PostingKind::Mandate => {
            tax.get().of(TermKind::InvestorType).map(|t| (t.code.clone(), t.label(l).into())).collect()
        }
    }
}

/// "200–500 万元", or an open-ended form; `None` without any amount.
pub fn amount(min: Option<u32>, max: Option<u32>, l: Locale) -> Option<String> {
    shared::market::money_range(min, max, l)
}
