//! API route paths. The backend mounts them, the frontend calls them; one spelling.

use crate::dashboard::ActivityQuery;
use crate::market::{PostingKind, PostingQuery, SearchQuery};

pub const HEALTHZ: &str = "/healthz";
pub const OPENAPI_JSON: &str = "/api/v1/openapi.json";
pub const API_DOCS: &str = "/api/v1/docs";

// ---- the paths pages ask for first (the server answers them in the page it sends: see
// `areas::first_data`), built here so both sides spell them alike ----

/// `s` percent-encoded as JavaScript's `encodeURIComponent` does: UTF-8, with ASCII letters,
/// digits and `-_.!~*'()` kept.
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A percent-encoded query value decoded (`+` stays `+`); `None` for a bad escape or bytes that
/// are not UTF-8.
pub fn decode_component(s: &str) -> Option<String> {
    let mut bytes = Vec::with_capacity(s.len());
    let mut rest = s.as_bytes();
    while let Some((&b, tail)) = rest.split_first() {
        if b == b'%' {
            let hex = std::str::from_utf8(tail.get(..2)?).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
            rest = &tail[2..];
        } else {
            bytes.push(b);
            rest = tail;
        }
    }
    String::from_utf8(bytes).ok()
}

/// `?a=1&b=x` from pairs, skipping empty values.
pub fn query(pairs: &[(&str, Option<String>)]) -> String {
    let parts: Vec<String> = pairs
        .iter()
        .filter_map(|(k, v)| v.as_ref().filter(|v| !v.is_empty()).map(|v| format!("{k}={}", encode_component(v))))
        .collect();
    if parts.is_empty() { String::new() } else { format!("?{}", parts.join("&")) }
}

/// A posting list's filters as query pairs, in one order: the API's query string and the list
/// page's own address are both written from them.
pub fn posting_filters(q: &PostingQuery) -> Vec<(&'static str, Option<String>)> {
    let n = |v: Option<u32>| v.map(|v| v.to_string());
    vec![
        ("q", q.q.clone()),
        ("domain", q.domain.clone()),
        ("type", q.type_code.clone()),
        ("district", q.district.clone()),
        ("pilot_zone", q.pilot_zone.clone()),
        ("trl_min", q.trl_min.map(|t| t.to_string())),
        ("amount_min", n(q.amount_min)),
        ("amount_max", n(q.amount_max)),
        ("mine", q.mine.map(|m| m.to_string())),
        ("status", q.status.map(|s| s.as_str().to_owned())),
        ("sort", q.sort.map(|s| s.as_str().to_owned())),
        ("page", n(q.page)),
        ("per_page", n(q.per_page)),
    ]
}

/// A page of postings of `kind`.
pub fn postings(kind: PostingKind, q: &PostingQuery) -> String {
    format!("{}{}", crate::paths::postings(kind), query(&posting_filters(q)))
}

/// The spreadsheet (`xlsx` or `csv`) of every posting a list with these filters shows: the list's
/// filters without its paging.
pub fn postings_export(kind: PostingKind, q: &PostingQuery, format: &str) -> String {
    let q = PostingQuery { page: None, per_page: None, ..q.clone() };
    let path = if format == "csv" {
        crate::paths::postings_export_csv(kind)
    } else {
        crate::paths::postings_export_xlsx(kind)
    };
    format!("{path}{}", query(&posting_filters(&q)))
}

/// The caller's requests and deals as a spreadsheet (`xlsx` or `csv`), on one side or both.
pub fn engagements_export(side: Option<crate::engage::Side>, format: &str) -> String {
    let path =
        if format == "csv" { crate::paths::engagements_export_csv() } else { crate::paths::engagements_export_xlsx() };
    format!("{path}{}", query(&[("side", side.map(|s| s.as_str().to_owned()))]))
}

/// The import template in `lang` (`zh-CN` or `en`).
pub fn import_template(lang: &str) -> String {
    format!("{}{}", crate::paths::imports_template_xlsx(), query(&[("lang", Some(lang.to_owned()))]))
}

/// An import of a file: a preview, or with `confirm` the import itself.
pub fn import(q: &crate::imports::ImportQuery) -> String {
    let pairs = [
        ("org_id", q.org_id.map(|v| v.to_string())),
        ("mode", q.mode.map(|m| m.as_str().to_owned())),
        ("confirm", q.confirm.map(|c| c.to_string())),
        ("name", q.name.clone()),
    ];
    format!("{}{}", crate::paths::imports(), query(&pairs))
}

/// A posting's matches among `target` postings, at least `min_score`.
pub fn posting_matches(kind: PostingKind, id: i64, target: Option<PostingKind>, min_score: Option<u8>) -> String {
    let qs = query(&[("kind", target.map(|k| k.as_str().to_owned())), ("min_score", min_score.map(|m| m.to_string()))]);
    format!("{}{qs}", crate::paths::posting_matches(kind, id))
}

pub fn search(q: &SearchQuery) -> String {
    let qs = query(&[
        ("q", Some(q.q.clone())),
        ("kind", q.kind.map(|k| k.as_str().to_owned())),
        ("domain", q.domain.clone()),
        ("district", q.district.clone()),
        ("page", q.page.map(|p| p.to_string())),
    ]);
    format!("{}{qs}", crate::paths::search())
}

/// Upcoming events (or past ones), narrowed by words; `page` from 1 (the first is not named).
pub fn events(past: bool, words: Option<&str>, page: u32) -> String {
    let qs = query(&[
        ("past", past.then(|| "true".to_owned())),
        ("q", words.map(str::to_owned)),
        ("page", (page > 1).then(|| page.to_string())),
    ]);
    format!("{}{qs}", crate::paths::events())
}

/// Competitions, narrowed by words; `page` from 1 (the first is not named).
pub fn competitions(words: Option<&str>, page: u32) -> String {
    format!(
        "{}{}",
        crate::paths::competitions(),
        query(&[("q", words.map(str::to_owned)), ("page", (page > 1).then(|| page.to_string()))])
    )
}

fn activity_query(q: &ActivityQuery) -> String {
    let opt = |s: &Option<String>| s.clone().filter(|s| !s.trim().is_empty());
    query(&[("from", opt(&q.from)), ("to", opt(&q.to)), ("domain", opt(&q.domain))])
}

/// The dashboard's activity over a period.
pub fn dashboard_activity(q: &ActivityQuery) -> String {
    format!("{}{}", crate::paths::dashboard_activity(), activity_query(q))
}

/// Where the dashboard's Excel export of a period downloads from.
pub fn dashboard_export(q: &ActivityQuery) -> String {
    format!("{}{}", crate::paths::dashboard_export_xlsx(), activity_query(q))
}

/// The name of the session cookie.
pub const SESSION_COOKIE: &str = "fm_session";

/// Where to send someone back to after signing in (`?next=`): `raw` when it is a path on this site,
/// else `None` (go home). Browsers read `\` as `/`, drop tabs and line breaks and resolve `..`, so
/// `/\evil.example`, `/%09/evil.example` or `/..//evil.example` would each become the other site
/// `//evil.example`: anything that is not plainly one path of this site is refused, not repaired.
pub fn return_path(raw: &str) -> Option<&str> {
    let path = raw.split(['?', '#']).next().unwrap_or("");
    let plain = raw.starts_with('/')
        && raw.len() <= 2048
        && !raw.chars().any(|c| c.is_control() || c == '\\')
        && !path.chars().any(char::is_whitespace)
        && raw.trim_end() == raw
        && !path.contains("//")
        && !path.split('/').any(|seg| {
            let seg = seg.to_ascii_lowercase().replace("%2e", ".");
            seg == "." || seg == ".."
        })
        && !path.to_ascii_lowercase().contains("%2f%2f")
        && !path.to_ascii_lowercase().contains("%5c");
    plain.then_some(raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_are_encoded_as_the_browsers_encode_uri_component_does() {
        // Expected values from encodeURIComponent in a browser.
        assert_eq!(encode_component("固态电池"), "%E5%9B%BA%E6%80%81%E7%94%B5%E6%B1%A0");
        assert_eq!(encode_component("AI 芯片 & co"), "AI%20%E8%8A%AF%E7%89%87%20%26%20co");
        assert_eq!(encode_component("a-b_c.d!e~f*g'h(i)j"), "a-b_c.d!e~f*g'h(i)j");
        assert_eq!(encode_component("a+b=c/d?e#f%g"), "a%2Bb%3Dc%2Fd%3Fe%23f%25g");
        for s in ["固态电池", "AI 芯片 & co", "a+b=c/d?e#f%g", "🚀 eVTOL", ""] {
            assert_eq!(decode_component(&encode_component(s)).as_deref(), Some(s));
        }
        assert_eq!(decode_component("%E5%9B"), None, "half a character");
        assert_eq!(decode_component("%G1"), None);
        assert_eq!(decode_component("100%"), None);
    }

    #[test]
    fn query_strings_skip_empty_values_and_keep_their_order() {
        assert_eq!(query(&[("a", None), ("b", Some(String::new()))]), "");
        assert_eq!(
            query(&[("q", Some("钠电 池".into())), ("page", Some("2".into()))]),
            "?q=%E9%92%A0%E7%94%B5%20%E6%B1%A0&page=2"
        );
        let q = PostingQuery { pilot_zone: Some("xiaoshan".into()), per_page: Some(20), ..Default::default() };
        assert_eq!(postings(PostingKind::Mandate, &q), "/api/v1/mandates?pilot_zone=xiaoshan&per_page=20");
        let q = PostingQuery { domain: Some("advanced_energy".into()), page: Some(3), ..Default::default() };
        assert_eq!(
            postings_export(PostingKind::Demand, &q, "xlsx"),
            "/api/v1/demands/export.xlsx?domain=advanced_energy"
        );
        assert_eq!(events(false, None, 1), "/api/v1/events");
        assert_eq!(events(true, Some("论坛"), 1), "/api/v1/events?past=true&q=%E8%AE%BA%E5%9D%9B");
        assert_eq!(events(false, None, 2), "/api/v1/events?page=2");
        assert_eq!(competitions(Some("AI"), 3), "/api/v1/competitions?q=AI&page=3");
        assert_eq!(dashboard_activity(&ActivityQuery::default()), "/api/v1/dashboard/activity");
    }

    #[test]
    fn only_plain_paths_of_this_site_are_return_addresses() {
        for ok in
            ["/", "/demands/601", "/events/3?code=A1B2#register", "/search?q=人形机器人 灵巧手", "/login?next=//x"]
        {
            assert_eq!(return_path(ok), Some(ok), "{ok}");
        }
        for bad in [
            "/\\evil.example",
            "/\\\\evil.example/",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r/evil.example",
            "//evil.example",
            "///evil.example",
            "/..//evil.example",
            "/%2e%2e//evil.example",
            "/./",
            "/a/../../evil",
            "/%2F%2Fevil.example",
            "/%5Cevil.example",
            " /events/3",
            "/events/3 ",
            "https://evil.example/",
            "http:/evil.example",
            "javascript:alert(1)",
            "evil.example",
            "",
            "/\u{0}evil",
            "/\u{3000}/evil.example",
            &format!("/{}", "a".repeat(3000)),
        ] {
            assert_eq!(return_path(bad), None, "{bad:?}");
        }
    }
}
