//! The texts of `/robots.txt` and `/sitemap.xml`. Pure: the pages come in, the text goes out.

use time::Date;

/// Pages only a signed-in person sees, and the API: not for crawlers.
const PRIVATE: &[&str] =
    &["/api/", "/account", "/admin", "/my/", "/feed", "/engagements", "/notifications", "/judging", "/invitations/"];

/// The sitemap protocol's limit of addresses in one file.
pub const MAX_URLS: usize = 50_000;

/// The public list pages, always in the sitemap.
pub const LISTS: &[&str] = &[
    "/",
    "/demands",
    "/capabilities",
    "/scenarios",
    "/investors",
    "/notices",
    "/events",
    "/competitions",
    "/experts",
    "/dashboard",
    "/orgs",
];

pub fn robots(site: &str) -> String {
    let mut out = String::from("User-agent: *\nAllow: /\n");
    for p in PRIVATE {
        out.push_str(&format!("Disallow: {p}\n"));
    }
    out.push_str(&format!("\nSitemap: {site}/sitemap.xml\n"));
    out
}

/// One page of the sitemap: its path and the day it last changed (when known).
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub path: String,
    pub changed: Option<Date>,
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&apos;")
}

/// The sitemap of `site` (no trailing slash): the list pages, then `pages`, at most [`MAX_URLS`].
pub fn sitemap(site: &str, pages: &[Page]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let lists = LISTS.iter().map(|p| Page { path: (*p).to_owned(), changed: None });
    for page in lists.chain(pages.iter().cloned()).take(MAX_URLS) {
        out.push_str(&format!("  <url><loc>{}</loc>", escape(&format!("{site}{}", page.path))));
        if let Some(d) = page.changed {
            out.push_str(&format!("<lastmod>{d}</lastmod>"));
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn robots_keeps_crawlers_out_of_private_pages_and_names_the_sitemap() {
        let r = robots("https://fm.example.cn");
        assert!(r.starts_with("User-agent: *\nAllow: /\n"));
        assert!(r.contains("Disallow: /api/\n") && r.contains("Disallow: /admin\n"));
        assert!(r.ends_with("Sitemap: https://fm.example.cn/sitemap.xml\n"));
    }

    #[test]
    fn the_sitemap_lists_the_lists_and_each_page_with_its_day_escaped() {
        let pages = vec![
            Page { path: "/demands/7".into(), changed: Some(date!(2026 - 12 - 01)) },
            Page { path: "/events/3?a=1&b=2".into(), changed: None },
        ];
        let xml = sitemap("https://fm.example.cn", &pages);
        assert!(xml.contains("<loc>https://fm.example.cn/demands</loc>"));
        assert!(xml.contains("<url><loc>https://fm.example.cn/demands/7</loc><lastmod>2026-12-01</lastmod></url>"));
        assert!(xml.contains("<loc>https://fm.example.cn/events/3?a=1&amp;b=2</loc></url>"));
        assert_eq!(xml.matches("<url>").count(), LISTS.len() + 2);
    }

    #[test]
    fn the_sitemap_stops_at_the_protocols_limit() {
        let pages: Vec<Page> = (0..MAX_URLS).map(|i| Page { path: format!("/demands/{i}"), changed: None }).collect();
        assert_eq!(sitemap("http://x", &pages).matches("<url>").count(), MAX_URLS);
    }
}
