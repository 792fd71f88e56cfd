//! The keyword box of the short lists (events, competitions): the same analysis of the query as
//! search (jieba words, synonyms, quotes, stop words), matched against a handful of texts in memory.
//! Pure: no index, no I/O.

use super::index::analyzers;
use super::query::{self, Parsed, Word};
use super::synonyms;

pub struct Matcher {
    parsed: Parsed,
}

/// A text to look in and what a word found there is worth.
pub type Field<'a> = (&'a str, f32);

impl Matcher {
    pub fn new(text: &str) -> Matcher {
        Matcher { parsed: query::parse(&mut analyzers(), text, synonyms::groups()) }
    }

    pub fn is_empty(&self) -> bool {
        self.parsed.is_empty()
    }

    /// What one word is worth in `fields`: the best field holding it (its dictionary parts or a
    /// Latin stem count for less).
    fn word(w: &Word, fields: &[(String, f32)]) -> f32 {
        let mut best: f32 = 0.0;
        for (text, weight) in fields {
            let worth = if text.contains(&w.text) {
                1.0
            } else if w.subs.iter().any(|s| s.chars().count() > 1 && text.contains(s.as_str()))
                || w.stems.iter().any(|s| s.len() > 2 && text.contains(s.as_str()))
            {
                0.3
            } else {
                0.0
            };
            best = best.max(worth * weight);
        }
        best
    }

    /// How well the texts fit the query, `None` when they hold too few of its words or miss a
    /// quoted phrase. `relaxed`: any one word will do.
    pub fn score(&self, fields: &[Field<'_>], relaxed: bool) -> Option<f32> {
        let fields: Vec<(String, f32)> = fields.iter().map(|(t, w)| (t.to_lowercase(), *w)).collect();
        let p = &self.parsed;
        for phrase in &p.phrases {
            let written: String = phrase.zh.iter().map(|(_, t)| t.as_str()).collect();
            let spaced = phrase.zh.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>().join(" ");
            if !fields.iter().any(|(t, _)| t.contains(&written) || t.contains(&spaced)) {
                return None;
            }
        }
        let mut matched = 0;
        let mut score = 0.0;
        for u in &p.units {
            let all = |words: &[Word]| -> f32 {
                let each: Vec<f32> = words.iter().map(|w| Self::word(w, &fields)).collect();
                if relaxed || each.iter().all(|s| *s > 0.0) {
                    each.iter().sum::<f32>() / each.len().max(1) as f32
                } else {
                    0.0
                }
            };
            let best = u.alts.iter().map(|a| all(a) * 0.8).fold(all(&u.parts), f32::max);
            if best > 0.0 {
                matched += 1;
                score += best;
            }
        }
        let needed = if relaxed { 1 } else { query::minimum_match(p.units.len()) };
        if !p.units.is_empty() && matched < needed.max(1) {
            return None;
        }
        for (_, w) in &p.intents {
            score += 0.2 * Self::word(w, &fields);
        }
        if p.units.is_empty() && p.phrases.is_empty() {
            // Only words naming a kind (试点, 投资): they are the subject.
            return (score > 0.0).then_some(score);
        }
        Some(score + p.phrases.len() as f32)
    }
}

/// `items` that fit `text`, best first (ties keep their order); when none holds enough of its
/// words, those holding any of them. No words (or only spaces): every item, as it was.
pub fn filter<T>(items: Vec<T>, text: Option<&str>, fields: impl Fn(&T) -> Vec<Field<'_>>) -> Vec<T> {
    let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else { return items };
    let m = Matcher::new(&text.chars().take(200).collect::<String>());
    if m.is_empty() {
        return items;
    }
    let rank = |relaxed: bool| -> Vec<(usize, f32)> {
        let mut found: Vec<(usize, f32)> =
            items.iter().enumerate().filter_map(|(i, it)| m.score(&fields(it), relaxed).map(|s| (i, s))).collect();
        found.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        found
    };
    let mut found = rank(false);
    if found.is_empty() {
        found = rank(true);
    }
    let order: Vec<usize> = found.into_iter().map(|(i, _)| i).collect();
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles<'a>(items: &[&'a str], q: &str) -> Vec<&'a str> {
        filter(items.to_vec(), Some(q), |t| vec![(*t, 1.0)])
    }

    #[test]
    fn unspaced_words_match_wherever_they_stand() {
        let items = ["2026杭州人形机器人产业论坛", "低空经济发展大会", "机器人灵巧手创新大赛"];
        assert_eq!(titles(&items, "人形机器人论坛"), ["2026杭州人形机器人产业论坛"]);
        assert_eq!(titles(&items, "机器人"), ["2026杭州人形机器人产业论坛", "机器人灵巧手创新大赛"]);
    }

    #[test]
    fn synonyms_and_english_find_chinese_titles() {
        let items = ["无人机物流对接会", "量子科技沙龙"];
        assert_eq!(titles(&items, "UAV"), ["无人机物流对接会"]);
        assert_eq!(titles(&items, "quantum computing"), ["量子科技沙龙"], "none holds both: any word will do");
    }

    #[test]
    fn quotes_are_required_and_nothing_matching_lists_nothing() {
        let items = ["固态电池技术论坛", "电池回收沙龙"];
        assert_eq!(titles(&items, "\"固态电池\""), ["固态电池技术论坛"]);
        assert!(titles(&items, "脑机接口").is_empty());
        assert_eq!(titles(&items, "  "), items, "no words: everything, as it was");
    }
}
