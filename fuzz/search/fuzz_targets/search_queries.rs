//! The search box: the query's analysis (words, synonyms, quotes, kinds) and a search over a small
//! in-memory index, highlights included. No query may panic or fail.
#![no_main]

use std::sync::OnceLock;

use backend::search::{IndexDoc, SearchIndex};
use libfuzzer_sys::fuzz_target;
use shared::market::PostingKind;

fn index() -> &'static SearchIndex {
    static INDEX: OnceLock<SearchIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let index = SearchIndex::open(None).expect("in-memory index");
        let docs = [
            (1, PostingKind::Demand, "固态电池电解质界面稳定性攻关", "Solid-state battery electrolyte"),
            (2, PostingKind::Capability, "量子精密测量平台", "Quantum precision measurement"),
            (3, PostingKind::Scenario, "城市低空物流场景开放", "Low-altitude logistics (eVTOL)"),
        ];
        let docs = docs.map(|(id, kind, zh, en)| IndexDoc {
            id,
            kind: Some(kind),
            title_zh: zh.into(),
            title_en: en.into(),
            summary_zh: format!("{zh}，面向杭州未来产业"),
            keywords: "AIGC 大模型 具身智能".into(),
            ..IndexDoc::default()
        });
        index.apply(&docs, &[]).expect("indexing");
        index
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let text: String = text.chars().take(200).collect();
    let kind = data.first().and_then(|b| PostingKind::ALL.get(usize::from(*b) % 5)).copied();
    let (hits, total, by_kind) = index().search(&text, kind, 20, 0).expect("a search never fails");
    assert!(hits.len() as u64 <= total && total <= 3);
    assert_eq!(by_kind.len(), PostingKind::ALL.len());
    let _ = index().fits(&text, 1);
});
