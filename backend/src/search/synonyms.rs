//! Query expansion with the abbreviation list in `data/synonyms.txt` (AIGC = 生成式人工智能, ...).

use std::sync::OnceLock;

/// Groups of equivalent phrases, lowercased.
fn groups() -> &'static Vec<Vec<String>> {
    static GROUPS: OnceLock<Vec<Vec<String>>> = OnceLock::new();
    GROUPS.get_or_init(|| parse(include_str!("data/synonyms.txt")))
}

pub fn parse(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('=').map(|p| p.trim().to_lowercase()).filter(|p| !p.is_empty()).collect::<Vec<_>>())
        .filter(|g| g.len() > 1)
        .collect()
}

/// The query plus every equivalent of each phrase it contains.
pub fn expand(query: &str) -> String {
    expand_with(query, groups())
}

pub fn expand_with(query: &str, groups: &[Vec<String>]) -> String {
    let lower = query.to_lowercase();
    let mut extra: Vec<&str> = vec![];
    for group in groups {
        let present = group.iter().any(|p| {
            // Latin abbreviations match whole words only ("AR" must not match "carbon").
            if p.is_ascii() {
                lower.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| w == p)
            } else {
                lower.contains(p.as_str())
            }
        });
        if present {
            extra.extend(group.iter().map(String::as_str).filter(|p| !lower.contains(*p)));
        }
    }
    if extra.is_empty() { query.to_owned() } else { format!("{query} {}", extra.join(" ")) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_abbreviation_brings_its_full_form_and_back() {
        let g = parse("AIGC = 生成式人工智能\neVTOL = 电动垂直起降\n# comment\n");
        assert_eq!(expand_with("AIGC 内容审核", &g), "AIGC 内容审核 生成式人工智能");
        assert_eq!(expand_with("生成式人工智能平台", &g), "生成式人工智能平台 aigc");
        assert_eq!(expand_with("evtol", &g), "evtol 电动垂直起降");
    }

    #[test]
    fn latin_abbreviations_match_whole_words_only() {
        let g = parse("AR = 增强现实");
        assert_eq!(expand_with("carbon fibre", &g), "carbon fibre");
        assert_eq!(expand_with("AR glasses", &g), "AR glasses 增强现实");
    }

    #[test]
    fn the_shipped_list_parses() {
        assert!(groups().len() >= 10);
        assert!(groups().iter().all(|g| g.len() >= 2));
    }
}
