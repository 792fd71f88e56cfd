//! What a search box's text means, pure: the text cut into words the way the documents were cut
//! (jieba for Chinese, lowercased; Latin words also stemmed for the English fields), the synonyms
//! of the words it contains, the quoted phrases that must stand as typed, and how many of its words a
//! posting must hold. Nobody types spaces between Chinese words: 无人机物流配送 is three words, not one
//! exact phrase.
//!
//! This file is long because its unit tests (114 lines) sit beside the parsing rules they check.

use std::ops::Range;

use shared::market::PostingKind;
use tantivy::tokenizer::TextAnalyzer;

/// One word of the query. `subs` are the shorter dictionary words inside it (人形机器人 → 人形, 机器人),
/// which the index also holds, so a posting that writes 人形 机器人 still matches.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// Lowercased, as the Chinese fields index it.
    pub text: String,
    pub subs: Vec<String>,
    /// The English fields' forms (stemmed); empty for a Chinese word.
    pub stems: Vec<String>,
    /// Whether a one- or two-letter typo should still find it (long Latin words).
    pub fuzzy: bool,
}

/// A unit a posting must hold to count as matching: all of `parts`, or all of one alternative (a
/// synonym of the parts: 无人机 ↔ UAV ↔ 无人驾驶航空器). Expansion adds alternatives; it never
/// replaces what was typed.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub parts: Vec<Word>,
    pub alts: Vec<Vec<Word>>,
    /// Each alternative's words as they stand together: a synonym of several words (大语言模型,
    /// large language model) counts only where they do, not scattered over a posting.
    pub alt_phrases: Vec<Phrase>,
}

/// A query, analysed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Parsed {
    pub units: Vec<Unit>,
    /// Consecutive Chinese words as typed: a posting holding them side by side ranks higher.
    pub adjacent: Vec<(String, String)>,
    /// Quoted text, each one a phrase every hit must hold: Chinese words with their character offsets,
    /// and the English fields' stems with theirs.
    pub phrases: Vec<Phrase>,
    /// Words that say which kind of posting is sought (投资, 融资, 基金 → investors; 试点, 场景 →
    /// scenarios): they favour that kind and may match, but a posting need not hold them.
    pub intents: Vec<(PostingKind, Word)>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Phrase {
    pub zh: Vec<(usize, String)>,
    pub en: Vec<(usize, String)>,
}

impl Parsed {
    pub fn is_empty(&self) -> bool {
        self.units.is_empty() && self.phrases.is_empty() && self.intents.is_empty()
    }

    /// The kinds the query asks for, strongest first, without repeats.
    pub fn kinds(&self) -> Vec<PostingKind> {
        let mut out: Vec<PostingKind> = vec![];
        for (k, _) in &self.intents {
            if !out.contains(k) {
                out.push(*k);
            }
        }
        out
    }

    /// Every form a hit's text may show for this query (for highlighting).
    pub fn zh_terms(&self) -> Vec<String> {
        let mut out = vec![];
        let words = self.units.iter().flat_map(|u| u.parts.iter().chain(u.alts.iter().flatten()));
        for w in words.chain(self.intents.iter().map(|(_, w)| w)) {
            out.push(w.text.clone());
            out.extend(w.subs.iter().cloned());
        }
        out.extend(self.phrases.iter().flat_map(|p| p.zh.iter().map(|(_, t)| t.clone())));
        out.sort();
        out.dedup();
        out
    }

    pub fn en_terms(&self) -> Vec<(String, bool)> {
        let mut out = vec![];
        let words = self.units.iter().flat_map(|u| u.parts.iter().chain(u.alts.iter().flatten()));
        for w in words {
            out.extend(w.stems.iter().map(|s| (s.clone(), w.fuzzy)));
        }
        out.extend(self.phrases.iter().flat_map(|p| p.en.iter().map(|(_, t)| (t.clone(), false))));
        out.sort();
        out.dedup();
        out
    }
}

/// The analyzers of the index: jieba in search mode (the documents' Chinese fields), jieba's plain
/// cut (the query's words), English stemming.
pub struct Analyzers {
    pub search: TextAnalyzer,
    pub cut: TextAnalyzer,
    pub en: TextAnalyzer,
}

/// Words that say nothing about what is sought; dropped unless the query holds nothing else.
const STOP_ZH: &[&str] = &[
    "的",
    "了",
    "和",
    "与",
    "及",
    "或",
    "在",
    "是",
    "为",
    "对",
    "等",
    "将",
    "把",
    "被",
    "从",
    "向",
    "让",
    "由",
    "以",
    "并",
    "而",
    "也",
    "又",
    "就",
    "都",
    "还",
    "很",
    "更",
    "最",
    "吗",
    "呢",
    "吧",
    "啊",
    "有",
    "有没有",
    "没有",
    "能",
    "能否",
    "可以",
    "可",
    "要",
    "想",
    "我",
    "我们",
    "你",
    "你们",
    "他们",
    "它",
    "其",
    "该",
    "此",
    "这",
    "这个",
    "那",
    "哪些",
    "什么",
    "如何",
    "怎么",
    "怎样",
    "谁",
    "哪里",
    "一个",
    "一种",
    "一些",
    "相关",
    "方面",
    "进行",
    "需要",
    "需求",
    "寻找",
    "寻求",
    "希望",
    "求",
    "找",
    "请",
    "帮",
    "帮忙",
    "推荐",
    "关于",
    "用于",
    "基于",
    "通过",
    "提供",
    "具有",
    "目前",
    "现在",
    "已经",
    "正在",
    "公司",
    "企业",
    "单位",
    "问题",
    "方案",
    "解决",
    "实现",
    "能力",
    "中",
    "上",
    "下",
    "内",
    "个",
    "家",
    "位",
    "项",
    "方",
    "等等",
    "以及",
    "或者",
    "并且",
    "及其",
    "对于",
    "针对",
    "轮",
    "拿",
    "做",
    "想要",
    "打算",
    "准备",
    "了解",
    "咨询",
    "一下",
    "合作",
    "合作方",
    "团队",
    "有限公司",
];

/// Words that name the kind of posting sought rather than its subject.
const INTENTS: &[(&str, PostingKind)] = &[
    ("投资", PostingKind::Mandate),
    ("融资", PostingKind::Mandate),
    ("基金", PostingKind::Mandate),
    ("投资人", PostingKind::Mandate),
    ("投资机构", PostingKind::Mandate),
    ("风投", PostingKind::Mandate),
    ("创投", PostingKind::Mandate),
    ("资本", PostingKind::Mandate),
    ("天使", PostingKind::Mandate),
    ("天使轮", PostingKind::Mandate),
    ("种子轮", PostingKind::Mandate),
    ("募资", PostingKind::Mandate),
    ("投资方", PostingKind::Mandate),
    ("invest", PostingKind::Mandate),
    ("investor", PostingKind::Mandate),
    ("investment", PostingKind::Mandate),
    ("fund", PostingKind::Mandate),
    ("funding", PostingKind::Mandate),
    ("angel", PostingKind::Mandate),
    ("vc", PostingKind::Mandate),
    ("试点", PostingKind::Scenario),
    ("场景", PostingKind::Scenario),
    ("应用场景", PostingKind::Scenario),
    ("场景开放", PostingKind::Scenario),
    ("示范", PostingKind::Scenario),
    ("pilot", PostingKind::Scenario),
    ("scenario", PostingKind::Scenario),
    ("揭榜", PostingKind::Demand),
    ("揭榜挂帅", PostingKind::Demand),
];

fn intent(word: &str) -> Option<PostingKind> {
    INTENTS.iter().find(|(w, _)| *w == word).map(|(_, k)| *k)
}

const STOP_EN: &[&str] = &[
    "a", "an", "the", "of", "for", "in", "on", "and", "or", "to", "with", "by", "is", "are", "be", "at", "as", "from",
    "that", "this", "who", "what", "how", "which", "we", "our", "i", "my", "me", "need", "needs", "looking", "seek",
    "seeking", "want", "find", "any", "can", "could", "help", "please", "about", "into", "its", "it",
];

fn is_stop(word: &str) -> bool {
    STOP_ZH.contains(&word) || STOP_EN.contains(&word) || (word.len() == 1 && word.is_ascii())
}

/// Whether a token carries meaning: not only spaces and punctuation (℃ and other symbols count).
fn meaningful(word: &str) -> bool {
    word.chars().any(|c| c.is_alphanumeric() || !(c.is_whitespace() || c.is_ascii_punctuation() || is_cjk_punct(c)))
}

fn is_cjk_punct(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' | '\u{FF3B}'..='\u{FF40}'
        | '\u{FF5B}'..='\u{FF65}' | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}' | '\u{00B7}')
}

/// The text with its quoted parts ("…", “…”, 「…」) taken out: (free text, quoted texts). An
/// unbalanced quote quotes nothing.
pub fn split_quotes(text: &str) -> (String, Vec<String>) {
    let mut free = String::new();
    let mut quoted = vec![];
    let mut rest = text;
    while let Some((i, open)) = rest.char_indices().find(|(_, c)| matches!(c, '"' | '“' | '「' | '”')) {
        let close: &[char] = match open {
            '“' | '”' => &['”', '“'],
            '「' => &['」'],
            _ => &['"'],
        };
        let after = &rest[i + open.len_utf8()..];
        match after.find(close) {
            Some(j) => {
                free.push_str(&rest[..i]);
                free.push(' ');
                let q = after[..j].trim();
                if !q.is_empty() {
                    quoted.push(q.to_owned());
                }
                let closer = after[j..].chars().next().map_or(0, char::len_utf8);
                rest = &after[j + closer..];
            }
            None => {
                free.push_str(&rest[..i]);
                free.push(' ');
                rest = after;
            }
        }
    }
    free.push_str(rest);
    (free, quoted)
}

struct Tok {
    text: String,
    chars: Range<usize>,
}

fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Tok> {
    let mut out = vec![];
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        let t = stream.token();
        // Offsets are bytes; ranges here are characters (the index's positions are character starts).
        let (Some(from), Some(to)) = (text.get(..t.offset_from), text.get(..t.offset_to)) else { continue };
        let (from, to) = (from.chars().count(), to.chars().count());
        out.push(Tok { text: t.text.clone(), chars: from..to });
    }
    out
}

fn stems(a: &mut Analyzers, word: &str) -> Vec<String> {
    if !word.chars().any(|c| c.is_ascii_alphanumeric()) {
        return vec![];
    }
    tokens(&mut a.en, word).into_iter().map(|t| t.text).filter(|t| !is_stop(t)).collect()
}

/// The words of a piece of free text, with their character ranges in it.
fn words(a: &mut Analyzers, text: &str) -> Vec<(Range<usize>, Word)> {
    let all = tokens(&mut a.search, text);
    let mut out = vec![];
    for t in tokens(&mut a.cut, text) {
        if !meaningful(&t.text) {
            continue;
        }
        let subs: Vec<String> = all
            .iter()
            .filter(|s| s.chars.start >= t.chars.start && s.chars.end <= t.chars.end && s.text != t.text)
            .filter(|s| meaningful(&s.text))
            .map(|s| s.text.clone())
            .collect();
        let stems = stems(a, &t.text);
        let fuzzy = t.text.chars().count() >= 5 && t.text.chars().all(|c| c.is_ascii_alphabetic());
        out.push((t.chars.clone(), Word { text: t.text, subs, stems, fuzzy }));
    }
    out
}

/// Analyses `text` with the synonym `groups` (lowercased phrases, see `synonyms`).
pub fn parse(a: &mut Analyzers, text: &str, groups: &[Vec<String>]) -> Parsed {
    let (free, quoted) = split_quotes(&text.replace(':', " "));
    let lower = free.to_lowercase();
    let mut words = words(a, &lower);
    let mut intents = vec![];
    if words.iter().any(|(_, w)| !is_stop(&w.text) && intent(&w.text).is_none()) {
        words.retain(|(_, w)| !is_stop(&w.text));
        words.retain(|(_, w)| match intent(&w.text) {
            Some(kind) => {
                intents.push((kind, w.clone()));
                false
            }
            None => true,
        });
    }
    let adjacent = words
        .windows(2)
        .filter(|p| p[0].0.end == p[1].0.start && p[0].1.stems.is_empty() && p[1].1.stems.is_empty())
        .map(|p| (p[0].1.text.clone(), p[1].1.text.clone()))
        .collect();
    // Each synonym found in the text joins the words it covers into one unit with alternatives.
    let chars: Vec<char> = lower.chars().collect();
    let mut units: Vec<(Range<usize>, Unit)> =
        words.into_iter().map(|(r, w)| (r, Unit { parts: vec![w], alts: vec![], alt_phrases: vec![] })).collect();
    for group in groups {
        for (at, len) in group.iter().flat_map(|p| occurrences(&chars, p)) {
            let span = at..at + len;
            let alts: Vec<(Vec<Word>, Phrase)> = group
                .iter()
                .filter(|p| occurrences(&chars[span.clone()], p).first() != Some(&(0, len)))
                .map(|p| {
                    let found = crate::search::query::words(a, p);
                    let zh: Vec<(usize, String)> = found.iter().map(|(r, w)| (r.start, w.text.clone())).collect();
                    let en: Vec<(usize, String)> = if found.iter().all(|(_, w)| !w.stems.is_empty()) {
                        found.iter().enumerate().map(|(i, (_, w))| (i, w.stems[0].clone())).collect()
                    } else {
                        vec![]
                    };
                    (found.into_iter().map(|(_, w)| w).collect::<Vec<_>>(), Phrase { zh, en })
                })
                .filter(|(w, _)| !w.is_empty())
                .collect();
            let inside: Vec<usize> = units
                .iter()
                .enumerate()
                .filter(|(_, (r, _))| r.start < span.end && span.start < r.end)
                .map(|(i, _)| i)
                .collect();
            let Some(&first) = inside.first() else { continue };
            let mut merged = Unit { parts: vec![], alts: vec![], alt_phrases: vec![] };
            let mut range = units[first].0.clone();
            for &i in inside.iter().rev() {
                let (r, u) = units.remove(i);
                range = range.start.min(r.start)..range.end.max(r.end);
                merged.parts.splice(0..0, u.parts);
                merged.alts.extend(u.alts);
                merged.alt_phrases.extend(u.alt_phrases);
            }
            for (alt, phrase) in alts {
                if !merged.alts.contains(&alt) && alt != merged.parts {
                    merged.alts.push(alt);
                    merged.alt_phrases.push(phrase);
                }
            }
            units.insert(first, (range, merged));
        }
    }
    let phrases = quoted
        .iter()
        .map(|q| {
            let q = q.to_lowercase();
            let zh = tokens(&mut a.cut, &q)
                .into_iter()
                .filter(|t| meaningful(&t.text))
                .map(|t| (t.chars.start, t.text))
                .collect::<Vec<_>>();
            let mut en = vec![];
            let mut stream = a.en.token_stream(&q);
            while stream.advance() {
                en.push((stream.token().position, stream.token().text.clone()));
            }
            Phrase { zh, en }
        })
        .filter(|p| !p.zh.is_empty())
        .collect();
    Parsed { units: units.into_iter().map(|(_, u)| u).collect(), adjacent, phrases, intents }
}

/// A Latin word as synonyms compare it: lowercase, singular (batteries → battery, drones → drone).
fn singular(word: &str) -> String {
    let w = word.to_lowercase();
    if w.len() > 4 && w.ends_with("ies") {
        format!("{}y", &w[..w.len() - 3])
    } else if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
        w[..w.len() - 1].to_owned()
    } else {
        w
    }
}

/// The Latin words of `chars` (runs of letters and digits) with their character ranges.
fn latin_words(chars: &[char]) -> Vec<(Range<usize>, String)> {
    let mut out = vec![];
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_alphanumeric() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_alphanumeric() {
                i += 1;
            }
            out.push((start..i, singular(&chars[start..i].iter().collect::<String>())));
        } else {
            i += 1;
        }
    }
    out
}

/// Where `phrase` occurs in `chars` (character start, length). A Chinese phrase anywhere; a Latin one
/// as whole words (AR must not match carbon), hyphens and spaces alike, plurals as singulars.
fn occurrences(chars: &[char], phrase: &str) -> Vec<(usize, usize)> {
    let p: Vec<char> = phrase.chars().collect();
    if p.is_empty() || p.len() > chars.len() {
        return vec![];
    }
    if !phrase.is_ascii() {
        return (0..=chars.len() - p.len()).filter(|&i| chars[i..i + p.len()] == p[..]).map(|i| (i, p.len())).collect();
    }
    let want: Vec<String> = latin_words(&p).into_iter().map(|(_, w)| w).collect();
    let have = latin_words(chars);
    if want.is_empty() || want.len() > have.len() {
        return vec![];
    }
    (0..=have.len() - want.len())
        .filter(|&i| have[i..i + want.len()].iter().map(|(_, w)| w).eq(want.iter()))
        .map(|i| (have[i].0.start, have[i + want.len() - 1].0.end - have[i].0.start))
        .collect()
}

/// How many units a posting must hold: all of a short query, most of a middling one, half of a
/// pasted sentence (which then neither returns everything nor nothing).
pub fn minimum_match(units: usize) -> usize {
    match units {
        0..=2 => units,
        3..=4 => units - 1,
        n => n.div_ceil(2),
    }
}

/// The Levenshtein distance of two short words, at most `limit + 1` (for highlighting typo matches).
pub fn near(a: &str, b: &str, limit: usize) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > limit {
        return false;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()] <= limit
}

/// The typo distance allowed for a word of `len` characters.
pub fn typo_distance(len: usize) -> u8 {
    if len >= 8 { 2 } else { 1 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::index::analyzers;

    fn parsed(text: &str, groups: &str) -> Parsed {
        parse(&mut analyzers(), text, &crate::search::synonyms::parse(groups))
    }

    fn texts(p: &Parsed) -> Vec<String> {
        p.units.iter().map(|u| u.parts.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join("+")).collect()
    }

    #[test]
    fn unspaced_chinese_is_cut_into_words_that_keep_their_dictionary_parts() {
        let p = parsed("无人机物流配送", "");
        assert_eq!(texts(&p), ["无人机", "物流配送"]);
        assert_eq!(p.adjacent, [("无人机".into(), "物流配送".into())]);
        let subs = &p.units[1].parts[0].subs;
        assert!(subs.contains(&"物流".to_owned()) && subs.contains(&"配送".to_owned()), "{subs:?}");
        assert!(p.phrases.is_empty());
    }

    #[test]
    fn stop_words_and_punctuation_do_not_count() {
        let p = parsed("我们需要寻找固态电池的电解质，有没有？", "");
        assert_eq!(texts(&p), ["固态", "电池", "电解质"]);
        assert_eq!(texts(&parsed("的", "")), ["的"]);
    }

    #[test]
    fn latin_words_get_stems_and_long_ones_tolerate_typos() {
        let p = parsed("Quantum computing AIGC视频生成", "");
        let w = &p.units[0].parts[0];
        assert_eq!((w.text.as_str(), w.stems.as_slice(), w.fuzzy), ("quantum", &["quantum".to_owned()][..], true));
        assert_eq!(p.units[1].parts[0].stems, ["comput"]);
        assert_eq!(texts(&p)[2..], ["aigc", "视频", "生成"]);
        assert!(!p.units[2].parts[0].fuzzy);
    }

    #[test]
    fn a_synonym_is_an_alternative_that_keeps_the_typed_word() {
        let p = parsed("果园植保无人机处方图", "UAV = 无人机 = 无人驾驶航空器");
        let drone = p.units.iter().find(|u| u.parts.iter().any(|w| w.text == "无人机")).expect("无人机 kept");
        let alts: Vec<String> =
            drone.alts.iter().map(|a| a.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join("+")).collect();
        assert!(alts.contains(&"uav".to_owned()), "{alts:?}");
        assert!(alts.iter().any(|a| a.starts_with("无人驾驶")), "{alts:?}");
        assert!(texts(&p).len() >= 3, "{:?}", texts(&p));
    }

    #[test]
    fn a_multi_word_synonym_becomes_one_unit() {
        let p = parsed("生成式人工智能平台", "AIGC = 生成式人工智能");
        assert_eq!(p.units.len(), 2, "{:?}", texts(&p));
        assert_eq!(p.units[0].alts[0][0].text, "aigc");
    }

    #[test]
    fn latin_synonyms_match_whole_words_only() {
        let p = parsed("carbon fibre", "AR = 增强现实");
        assert!(p.units.iter().all(|u| u.alts.is_empty()));
    }

    #[test]
    fn an_english_name_finds_the_chinese_one_with_plurals_and_hyphens() {
        for q in ["solid-state batteries", "Solid state battery"] {
            let p = parsed(q, "固态电池 = solid state battery");
            assert_eq!(p.units.len(), 1, "{q}: {:?}", texts(&p));
            let alt: String = p.units[0].alts[0].iter().map(|w| w.text.as_str()).collect();
            assert_eq!(alt, "固态电池", "{q}");
        }
    }

    #[test]
    fn quoted_text_is_a_phrase_in_either_quote_style() {
        let p = parsed("“固态电池”电解质 \"solid state\"", "");
        assert_eq!(p.phrases.len(), 2);
        assert_eq!(p.phrases[0].zh.iter().map(|(_, t)| t.as_str()).collect::<String>(), "固态电池");
        assert_eq!(p.phrases[1].en.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>(), ["solid", "state"]);
        assert_eq!(texts(&p), ["电解质"]);
        assert_eq!(split_quotes("a \"b"), ("a  b".to_owned(), vec![]));
    }

    #[test]
    fn numbers_and_units_survive() {
        let p = parsed("4.5kW/L -30℃", "");
        let all = texts(&p).join(" ");
        assert!(all.contains("30") && all.contains('℃') && all.contains("kw"), "{all}");
    }

    #[test]
    fn words_naming_a_kind_favour_it_without_being_required() {
        let p = parsed("人形机器人A轮融资", "");
        assert_eq!(texts(&p), ["人形", "机器人"]);
        assert_eq!(p.kinds(), [PostingKind::Mandate]);
        let p = parsed("茶园植保试点", "");
        assert_eq!(p.kinds(), [PostingKind::Scenario]);
        let p = parsed("投资", "");
        assert_eq!((texts(&p), p.kinds()), (vec!["投资".to_owned()], vec![]), "alone, it is the subject");
    }

    #[test]
    fn minimum_match_grows_with_the_query() {
        assert_eq!([1, 2, 3, 4, 5, 8, 15].map(minimum_match), [1, 2, 2, 3, 3, 4, 8]);
    }

    #[test]
    fn near_counts_edits() {
        assert!(near("quantm", "quantum", 1));
        assert!(!near("quantm", "quality", 1));
        assert!(near("semicondutor", "semiconductor", 2));
    }
}
