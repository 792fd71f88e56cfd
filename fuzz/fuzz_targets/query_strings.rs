//! Query strings as the API's extractor reads them (serde_urlencoded, like axum's `Query`), into
//! every shared query type, then their own checks: nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shared::taxonomy::Taxonomy;

fn read<T: serde::de::DeserializeOwned>(q: &str) -> Option<T> {
    serde_urlencoded::from_str(q).ok()
}

fuzz_target!(|data: &[u8]| {
    let Ok(q) = std::str::from_utf8(data) else { return };
    let today = time::macros::date!(2026 - 11 - 30);
    let tax = Taxonomy { terms: vec![] };
    if let Some(a) = read::<shared::dashboard::ActivityQuery>(q) {
        let _ = a.parse(&tax, today);
    }
    if let Some(p) = read::<shared::page::PageQuery>(q) {
        let (page, per_page, offset) = p.resolve();
        assert!(page >= 1 && (1..=100).contains(&per_page) && offset < u64::MAX);
    }
    let _ = read::<shared::market::SearchQuery>(q);
    let _ = read::<shared::market::PostingQuery>(q);
    let _ = read::<shared::matching::MatchQuery>(q);
    let _ = read::<shared::matching::FeedQuery>(q);
    let _ = read::<shared::orgs::OrgListQuery>(q);
    let _ = read::<shared::experts::ExpertQuery>(q);
    let _ = read::<shared::engage::EngagementQuery>(q);
    let _ = read::<shared::opencall::NoticeQuery>(q);
    let _ = read::<shared::audit::AuditQuery>(q);
    let _ = read::<shared::accounts::UserQuery>(q);
    let _ = shared::dashboard::parse_date(q);
    let _ = shared::matching::parse_match_id(q);
});
