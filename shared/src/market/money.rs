//! Amounts as people say them (万元, 亿元).

use super::*;

/// An amount in 万元 as a reader says it: `300 万元`, `5 亿元` in Chinese; `CNY 3 million`,
/// `CNY 800,000`, `CNY 1.2 billion` in English (words from the catalogue).
pub fn money(wan: u32, l: Locale) -> String {
    let (number, unit) = money_parts(wan, l);
    join_money(&number, unit, l)
}

pub(super) fn join_money(number: &str, unit: Msg, l: Locale) -> String {
    use crate::i18n::text;
    let n = number;
    match unit {
        Msg::AmountYi => text::AmountYi { n }.t(l),
        Msg::AmountWan => text::AmountWan { n }.t(l),
        Msg::AmountBillion => text::AmountBillion { n }.t(l),
        Msg::AmountMillion => text::AmountMillion { n }.t(l),
        _ => text::AmountYuan { n }.t(l),
    }
}

/// (number, unit) of an amount in 万元: the unit the reader counts it in.
pub(super) fn money_parts(wan: u32, l: Locale) -> (String, Msg) {
    let trim = |v: f64| {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    };
    let yuan = u64::from(wan) * 10_000;
    match l {
        Locale::ZhCn if wan >= 10_000 && wan.is_multiple_of(100) => (trim(f64::from(wan) / 10_000.0), Msg::AmountYi),
        Locale::ZhCn => (wan.to_string(), Msg::AmountWan),
        Locale::En if yuan >= 1_000_000_000 => (trim(yuan as f64 / 1e9), Msg::AmountBillion),
        Locale::En if yuan >= 1_000_000 => (trim(yuan as f64 / 1e6), Msg::AmountMillion),
        Locale::En => {
            let digits = yuan.to_string();
            let mut out = String::new();
            for (i, c) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i) % 3 == 0 {
                    out.push(',');
                }
                out.push(c);
            }
            (out, Msg::AmountYuan)
        }
    }
}

/// A range of amounts in 万元 as a reader says it: one amount when the ends are equal, the unit
/// once when both ends share it (`CNY 3–8 million`, `300–800 万元`).
pub fn money_range(min: Option<u32>, max: Option<u32>, l: Locale) -> Option<String> {
    match (min, max) {
        (Some(a), Some(b)) if a == b => Some(money(a, l)),
        (Some(a), Some(b)) => {
            let ((na, ua), (nb, ub)) = (money_parts(a, l), money_parts(b, l));
            Some(if ua == ub {
                join_money(&format!("{na}–{nb}"), ua, l)
            } else {
                format!("{} – {}", money(a, l), money(b, l))
            })
        }
        (Some(a), None) => Some(crate::i18n::text::AmountFrom { amount: &money(a, l) }.t(l)),
        (None, Some(b)) => Some(crate::i18n::text::AmountUpTo { amount: &money(b, l) }.t(l)),
        (None, None) => None,
    }
}
