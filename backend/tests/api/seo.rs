//! What search engines and a visitor's first request see: robots.txt, the sitemap, and "who is
//! browsing" answered without an error for a visitor.

use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::body;
use crate::market::{demand, market};

#[tokio::test]
async fn a_visitor_asking_who_is_browsing_gets_no_user_and_no_error_a_member_gets_themselves() {
    let m = market().await;
    let r = m.app.client().get(m.app.url("/api/v1/auth/session")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "being signed out is not an error");
    assert_eq!(body(r).await, serde_json::json!({"user": null}));
    let r = m.owner.get(m.app.url("/api/v1/auth/session")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let me: Value = body(r).await;
    assert_eq!(me["user"]["display_name"], "企业主");
    assert_eq!(me["user"]["memberships"][0]["org_id"], m.org);
}

#[tokio::test]
async fn robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_the_api() {
    let m = market().await;
    let r = m.app.client().get(m.app.url("/robots.txt")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/plain"));
    let text = r.text().await.unwrap();
    assert!(text.contains("Disallow: /api/"), "{text}");
    assert!(text.contains(&format!("Sitemap: {}/sitemap.xml", m.app.state.config.site_url())), "{text}");
}

#[tokio::test]
async fn the_sitemap_lists_published_postings_and_not_drafts() {
    let m = market().await;
    let published = m.draft(demand(m.org), "/api/v1/demands").await;
    m.publish(&m.owner, "/api/v1/demands", published).await;
    let draft = m.draft(demand(m.org), "/api/v1/demands").await;
    let r = m.app.client().get(m.app.url("/sitemap.xml")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("application/xml"));
    let xml = r.text().await.unwrap();
    let site = m.app.state.config.site_url();
    assert!(xml.contains(&format!("<loc>{site}/demands/{published}</loc><lastmod>")), "{xml}");
    assert!(!xml.contains(&format!("/demands/{draft}<")), "drafts are not public: {xml}");
    assert!(xml.contains(&format!("<loc>{site}/events</loc>")), "the list pages are there: {xml}");
}
