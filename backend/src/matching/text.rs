//! Postings as weighted bags of terms for BM25: jieba segmentation for Chinese, lowercased and
//! stemmed English, generic words dropped, title and keywords counted more than the summary.

use std::cell::RefCell;
use std::collections::HashMap;

use tantivy::tokenizer::{Language, LowerCaser, RemoveLongFilter, Stemmer, TextAnalyzer};

/// Words nearly every posting uses: they say nothing about what it is about.
const STOPWORDS: &[&str] = &[
    "的",
    "与",
    "和",
    "及",
    "等",
    "在",
    "对",
    "为",
    "是",
    "了",
    "并",
    "或",
    "以及",
    "进行",
    "提供",
    "需求",
    "技术",
    "方案",
    "能力",
    "研究",
    "开发",
    "项目",
    "相关",
    "我们",
    "企业",
    "合作",
    "寻求",
    "通过",
    "实现",
    "基于",
    "开展",
    "具备",
    "面向",
    "可",
    "能",
    "将",
    "已",
    "有",
    "其",
    "中",
    "个",
    "年",
    "万元",
    "the",
    "and",
    "for",
    "with",
    "of",
    "to",
    "in",
    "a",
    "an",
    "on",
    "by",
    "is",
    "are",
    "we",
    "our",
    "technolog",
    "solution",
    "project",
];

thread_local! {
    static ANALYZER: RefCell<TextAnalyzer> = RefCell::new(
        TextAnalyzer::builder(tantivy_jieba::JiebaTokenizer::new())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .filter(Stemmer::new(Language::English))
            .build(),
    );
}

fn meaningful(token: &str) -> bool {
    // One Chinese character or one Latin letter is too ambiguous to match on.
    token.chars().count() >= 2
        && token.chars().any(char::is_alphanumeric)
        && !token.chars().all(|c| c.is_ascii_digit() || c == '.')
        && !STOPWORDS.contains(&token)
}

/// The meaningful terms of `text`, in order, repeats kept.
pub fn terms(text: &str) -> Vec<String> {
    ANALYZER.with(|a| {
        let mut analyzer = a.borrow_mut();
        let mut stream = analyzer.token_stream(text);
        let mut out = vec![];
        while stream.advance() {
            let t = &stream.token().text;
            if meaningful(t) {
                out.push(t.clone());
            }
        }
        out
    })
}

/// One term per group of equivalent names (`search/data/synonyms.txt`: 液流电池 = 全钒液流电池 =
/// flow battery, 大模型 = LLM …) named in `text`: postings naming one thing in different words
/// share it. Latin names match whole words only (`agent` is not in `management`).
pub fn concepts(text: &str) -> Vec<String> {
    struct Names {
        /// `None` only if the list could not be compiled (then no concepts, never a failure).
        finder: Option<aho_corasick::AhoCorasick>,
        /// Per pattern: its group, and whether it is Latin (matched as a whole word).
        of: Vec<(usize, bool)>,
    }
    static NAMES: std::sync::OnceLock<Names> = std::sync::OnceLock::new();
    let names = NAMES.get_or_init(|| {
        let groups = crate::search::synonyms::groups();
        let all: Vec<(&str, usize)> =
            groups.iter().enumerate().flat_map(|(g, names)| names.iter().map(move |n| (n.as_str(), g))).collect();
        Names {
            finder: aho_corasick::AhoCorasick::new(all.iter().map(|(n, _)| n)).ok(),
            of: all.iter().map(|(n, g)| (*g, n.is_ascii())).collect(),
        }
    });
    let Some(finder) = &names.finder else { return vec![] };
    let lower = text.to_lowercase();
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    let mut found: Vec<usize> = finder
        .find_overlapping_iter(&lower)
        .filter(|m| {
            let (_, ascii) = names.of[m.pattern().as_usize()];
            !ascii || (!latin(lower[..m.start()].chars().next_back()) && !latin(lower[m.end()..].chars().next()))
        })
        .map(|m| names.of[m.pattern().as_usize()].0)
        .collect();
    found.sort_unstable();
    found.dedup();
    found.into_iter().map(|g| format!("≡{g}")).collect()
}

/// The version of the analysis below: stored terms made with another are made again at start.
/// Change it with anything that changes a posting's bag (words, weights, stopwords, concepts).
pub const ANALYSIS_VERSION: &str = "2026-12-05 concepts";

/// Field weights: a word in the title or among the keywords says more than one in the summary.
pub const TITLE_WEIGHT: f32 = 3.0;
pub const KEYWORD_WEIGHT: f32 = 2.0;
pub const BODY_WEIGHT: f32 = 1.0;
/// Details and the kind's own texts (what a scenario seeks, a fund's portfolio, a lab's cases, a
/// demand's expected outcome): read, but long, so each word counts half.
pub const MORE_WEIGHT: f32 = 0.5;

/// The rest of a posting's text as the store reads it: the details, then the kind's own texts
/// (what a scenario seeks, a fund's portfolio, a lab's cases, a demand's outcome and indicators).
pub fn rest_of(p: &shared::market::PostingInput) -> String {
    use shared::market::PostingSpec;
    let spec: [Option<&str>; 5] = match &p.spec {
        PostingSpec::Scenario(s) => [Some(s.seeks.as_str()), None, None, None, None],
        PostingSpec::Mandate(m) => [None, m.portfolio.as_deref(), None, None, None],
        PostingSpec::Capability(c) => [None, None, c.cases.as_deref(), None, None],
        PostingSpec::Demand(d) => [None, None, None, d.expected_outcome.as_deref(), d.indicators.as_deref()],
    };
    [p.details_zh.as_deref(), p.details_en.as_deref()].into_iter().chain(spec).flatten().collect::<Vec<_>>().join(" ")
}

/// A posting's weighted term frequencies.
pub fn bag(
    title_zh: &str,
    title_en: &str,
    keywords: &[impl AsRef<str>],
    summary_zh: &str,
    summary_en: &str,
    more: &str,
) -> HashMap<String, f32> {
    let mut bag = HashMap::new();
    let mut add = |text: &str, w: f32| {
        for t in terms(text) {
            *bag.entry(t).or_insert(0.0) += w;
        }
        for c in concepts(text) {
            *bag.entry(c).or_insert(0.0) += w;
        }
    };
    add(title_zh, TITLE_WEIGHT);
    add(title_en, TITLE_WEIGHT);
    for k in keywords {
        add(k.as_ref(), KEYWORD_WEIGHT);
    }
    add(summary_zh, BODY_WEIGHT);
    add(summary_en, BODY_WEIGHT);
    add(more, MORE_WEIGHT);
    bag
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_is_segmented_and_generic_words_dropped() {
        let t = terms("寻求固态电池电解质界面改性技术方案");
        assert!(t.iter().any(|w| w == "固态"), "{t:?}");
        assert!(t.iter().any(|w| w == "电解质"), "{t:?}");
        assert!(!t.iter().any(|w| w == "技术" || w == "方案" || w == "寻求"), "{t:?}");
    }

    #[test]
    fn english_is_lowercased_and_stemmed() {
        let t = terms("Solid-state Batteries and electrolytes");
        assert!(t.contains(&"batteri".to_string()) && t.contains(&"electrolyt".to_string()), "{t:?}");
        assert!(!t.contains(&"and".to_string()));
    }

    #[test]
    fn different_names_of_one_thing_share_a_concept_and_latin_names_match_whole_words() {
        let flow = concepts("全钒液流电池电堆优化");
        assert!(!flow.is_empty());
        assert_eq!(concepts("vanadium flow battery stacks"), flow, "the English name is the same concept");
        assert!(concepts("项目管理 management").is_empty(), "{:?}", concepts("management"));
        assert!(concepts("钢结构焊接").is_empty());
    }

    #[test]
    fn titles_and_keywords_weigh_more_than_the_summary() {
        let b = bag("量子密钥分发", "", &["光纤"], "城域网络试点", "", "已在政务外网部署");
        assert_eq!(b.get("量子").copied(), Some(TITLE_WEIGHT));
        assert_eq!(b.get("光纤").copied(), Some(KEYWORD_WEIGHT));
        assert_eq!(b.get("试点").copied(), Some(BODY_WEIGHT));
        assert_eq!(b.get("部署").copied(), Some(MORE_WEIGHT), "details are read too");
    }
}
