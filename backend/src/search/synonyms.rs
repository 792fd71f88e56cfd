//! The synonym list in `data/synonyms.txt` (AIGC = 生成式人工智能, 无人机 = UAV, ...): a query holding
//! one phrase of a group also searches the others (see `query`).

use std::sync::OnceLock;

/// Groups of equivalent phrases, lowercased.
pub fn groups() -> &'static Vec<Vec<String>> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_list_parses() {
        assert!(groups().len() >= 10);
        assert!(groups().iter().all(|g| g.len() >= 2));
    }
}
