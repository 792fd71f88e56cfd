//! Expert consultation: which experts of the pool fit a demand, and why. Pure.

/// An expert's fit for a demand: a shared field counts 60, each of the expert's keywords that the
/// demand names (among its keywords or in its text) 10, up to 40. Returns the score with the shared
/// fields and keywords (the reasons shown).
pub fn fit(
    expert_domains: &[String],
    expert_keywords: &[String],
    demand_domains: &[String],
    demand_keywords: &[String],
    demand_text: &str,
) -> (u32, Vec<String>, Vec<String>) {
    let domains: Vec<String> = expert_domains.iter().filter(|d| demand_domains.contains(d)).cloned().collect();
    let keywords: Vec<String> = expert_keywords
        .iter()
        .filter(|k| demand_keywords.contains(k) || (!k.is_empty() && demand_text.contains(k.as_str())))
        .cloned()
        .collect();
    let score = if domains.is_empty() { 0 } else { 60 } + 10 * keywords.len().min(4) as u32;
    (score, domains, keywords)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(xs: &[&str]) -> Vec<String> {
        xs.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn a_shared_field_and_named_keywords_make_the_fit() {
        let (score, d, k) = fit(
            &v(&["quantum", "gen_ai"]),
            &v(&["量子通信", "量子计算", "区块链"]),
            &v(&["quantum"]),
            &v(&["量子通信"]),
            "寻求量子计算方向的专家咨询",
        );
        assert_eq!((score, d, k), (80, v(&["quantum"]), v(&["量子通信", "量子计算"])));
    }

    #[test]
    fn keywords_alone_count_without_the_field_and_are_capped() {
        let kw = v(&["a1", "a2", "a3", "a4", "a5"]);
        let (score, d, _) = fit(&v(&["gen_ai"]), &kw, &v(&["quantum"]), &kw, "");
        assert_eq!((score, d.len()), (40, 0));
    }
}
