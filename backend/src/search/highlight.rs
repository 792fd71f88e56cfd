//! Highlighted snippets, pure: the text, the byte ranges of the tokens that matched, the longest
//! fragment to show. Overlapping ranges (jieba's search mode emits 零部件 and 部件 over the same
//! bytes) merge; every cut falls on a character boundary; everything but the `<b>` tags is escaped.

use std::ops::Range;

/// Minimal HTML escaping.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#x27;")
}

/// Sorts and merges overlapping or touching ranges, dropping empty and out-of-text ones.
fn merged(mut hits: Vec<Range<usize>>, text: &str) -> Vec<Range<usize>> {
    hits.retain(|r| r.start < r.end && text.get(r.clone()).is_some());
    hits.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(hits.len());
    for r in hits {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// The largest character boundary of `text` at or below `i`.
fn floor_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// `text` as HTML with the `hits` in `<b>`: all of it when it has at most `max_chars` characters,
/// else the `max_chars` around the first stretch with the most hits (with "…" where cut).
pub fn snippet(text: &str, hits: Vec<Range<usize>>, max_chars: usize) -> String {
    let hits = merged(hits, text);
    let (from, to) = window(text, &hits, max_chars);
    let mut html = String::new();
    if from > 0 {
        html.push('…');
    }
    let mut at = from;
    for r in hits.iter().filter(|r| r.start >= from && r.end <= to) {
        html.push_str(&escape(&text[at..r.start]));
        html.push_str("<b>");
        html.push_str(&escape(&text[r.clone()]));
        html.push_str("</b>");
        at = r.end;
    }
    html.push_str(&escape(&text[at..to]));
    if to < text.len() {
        html.push('…');
    }
    html
}

/// The byte range to show: the whole text when short enough, else `max_chars` characters starting a
/// little before the hit whose window holds the most hits.
fn window(text: &str, hits: &[Range<usize>], max_chars: usize) -> (usize, usize) {
    if text.chars().count() <= max_chars {
        return (0, text.len());
    }
    let span =
        |from: usize| -> usize { text[from..].char_indices().nth(max_chars).map_or(text.len(), |(i, _)| from + i) };
    let lead = |at: usize| -> usize {
        // A few characters of context before the first hit.
        let before: Vec<(usize, char)> = text[..at].char_indices().collect();
        before.len().checked_sub(12).map_or(0, |k| before[k].0)
    };
    let best = hits
        .iter()
        .map(|h| {
            let from = lead(h.start);
            let to = span(from);
            (hits.iter().filter(|r| r.start >= from && r.end <= to).count(), from, to)
        })
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    match best {
        Some((_, from, to)) => (floor_boundary(text, from), floor_boundary(text, to)),
        None => (0, span(0)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_tokens_are_one_highlight_and_text_is_escaped() {
        let text = "高精度零部件<加工>";
        let a = text.find("零部件").unwrap();
        let hits = vec![a..a + "零部件".len(), a + "零".len()..a + "零部件".len(), a..a + "零部".len()];
        assert_eq!(snippet(text, hits, 160), "高精度<b>零部件</b>&lt;加工&gt;");
    }

    #[test]
    fn a_long_text_is_cut_around_its_hits_on_character_boundaries() {
        let text = format!("{}固态电池电解质{}", "前".repeat(300), "后".repeat(300));
        let a = text.find("固态电池").unwrap();
        let hits: Vec<Range<usize>> = std::iter::once(a..a + "固态电池".len()).collect();
        let html = snippet(&text, hits, 40);
        assert!(html.starts_with('…') && html.ends_with('…'), "{html}");
        assert!(html.contains("<b>固态电池</b>电解质"), "{html}");
        assert!(html.chars().filter(|c| *c == '前' || *c == '后').count() <= 40);
    }

    #[test]
    fn no_input_ever_panics_or_leaks_markup() {
        // A fixed-seed sweep: random texts of CJK, Latin, markup and emoji, random (also bad) ranges.
        let alphabet: Vec<char> = "零部件人形机器人灵巧手aAbB1 <>&\"'😀，。".chars().collect();
        let mut rng = crate::common::rng::Rng::new(0x9e37_79b9_7f4a_7c15);
        let mut next = |n: usize| rng.below(n);
        for _ in 0..2000 {
            let text: String = (0..next(80)).map(|_| alphabet[next(alphabet.len())]).collect();
            let hits: Vec<Range<usize>> = (0..next(6))
                .map(|_| {
                    let a = next(text.len() + 4);
                    a..a + next(9)
                })
                .collect();
            let html = snippet(&text, hits, 1 + next(50));
            let stripped = html.replace("<b>", "").replace("</b>", "");
            assert!(!stripped.contains('<') && !stripped.contains('>'), "{text:?} → {html}");
            assert_eq!(html.matches("<b>").count(), html.matches("</b>").count());
        }
    }
}
