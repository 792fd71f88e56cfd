//! Browser tests: headless Chromium against the real built frontend and a real server, one file per
//! area; the helpers several areas use are here.

use backend::db::sql;
use e2e::{Browser, PASSWORD, Server};

mod accounts;
mod competitions;
mod deals;
mod events;
mod market;
mod meetings;
mod pages;

/// The wasm files the page has fetched so far (names only).
/// Opens the verification link of the newest email to `email` (as the user would from their
/// inbox), waits for the confirmation and follows "continue".
async fn follow_verification_link(b: &Browser, server: &Server, email: &str) {
    let (text,): (String,) = sql::query_as("SELECT body FROM outbox WHERE to_email = $1 ORDER BY id DESC LIMIT 1")
        .bind(email)
        .fetch_one(&server.state.db)
        .await
        .unwrap();
    let link = text.split_whitespace().find(|w| w.contains("/verify-email?token=")).expect("a verification link");
    let link = link.replacen(&server.state.config.site_url(), &server.url(""), 1);
    b.client.goto(&link).await.unwrap();
    b.click("[data-testid=verify-confirm]").await;
    b.text_contains("[data-testid=verify-done]", "邮箱已验证").await;
    b.click("[data-testid=verify-continue]").await;
}

async fn fetched_wasm(b: &Browser) -> Vec<String> {
    b.js("return performance.getEntriesByType('resource').map(e => e.name).filter(n => n.endsWith('.wasm')).map(n => n.split('/').pop())")
        .await
}

/// Publishes one demand straight through the store (the browse and search test needs no form).
async fn published_demand(server: &Server) -> i64 {
    let pool = &server.state.db;
    let pw = shared::validate::Password::parse(PASSWORD).unwrap();
    let owner = shared::validate::Email::parse("ent@example.com").unwrap();
    backend::accounts::create_or_promote_admin(pool, &owner, &pw).await.unwrap();
    let mut conn = pool.acquire().await.unwrap();
    let tax = backend::taxonomy::load(&mut conn).await.unwrap();
    let org = shared::orgs::OrgInput {
        name_zh: "钱塘储能科技有限公司".into(),
        ..shared::orgs::OrgInput::empty(shared::orgs::OrgKind::Enterprise)
    };
    let org_id = backend::orgs::insert(&mut conn, &org.parse(&tax, 2026).unwrap(), 1).await.unwrap();
    backend::orgs::set_verified(&mut conn, org_id, Some(1)).await.unwrap();
    let input: shared::market::PostingInput = serde_json::from_value(serde_json::json!({
        "kind": "demand", "title_zh": "固态电池电解质界面稳定性攻关", "title_en": "Solid-state electrolyte interface stability",
        "summary_zh": "寻求固态电池电解质界面改性方案", "details_zh": "循环寿命1000次以上", "domains": ["advanced_energy"],
        "keywords": ["固态电池"], "deadline": "2099-01-01", "demand_type": "tech_problem", "trl": 6, "budget_min": 200, "budget_max": 500
    }))
    .unwrap();
    let today = backend::db::now().date();
    let id = backend::market::insert(&mut conn, org_id, 1, &input.parse(&tax, today).unwrap()).await.unwrap();
    let row = backend::market::posting(&mut conn, id).await.unwrap().unwrap();
    backend::market::set_status(
        &mut conn,
        &row,
        shared::market::PostingAction::Approve,
        shared::market::PostingStatus::Published,
        Some(1),
        None,
    )
    .await
    .unwrap();
    // Written through the store, not an operation that raises facts: the dashboard counts it again.
    backend::dashboard::recount(&mut conn).await.unwrap();
    drop(conn);
    backend::facts::remember_postings(&server.state, &[id]).await.unwrap();
    id
}

/// The document's title and meta description, once the title is `title` (or after 10 s).
async fn head(b: &Browser, title: &str) -> (String, String) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let found: (String, String) =
            b.js("return [document.title, document.querySelector('meta[name=description]').content]").await;
        if found.0 == title || std::time::Instant::now() > deadline {
            return found;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// The layout shift of this page load so far (the sum of Chromium's `layout-shift` entries not
/// caused by input): how far visible content moved while the page filled in.
async fn layout_shift(b: &Browser) -> f64 {
    b.js("return new Promise(done => { \
            const o = new PerformanceObserver(list => { o.disconnect(); \
              done(list.getEntries().filter(e => !e.hadRecentInput).reduce((s, e) => s + e.value, 0)); }); \
            o.observe({type: 'layout-shift', buffered: true}); \
            setTimeout(() => { o.disconnect(); done(0); }, 1000); })")
        .await
}

/// The requests of this page load that answered 400 or more (Chromium reports each response's status).
async fn failed_requests(b: &Browser) -> Vec<String> {
    b.js("return performance.getEntriesByType('resource').filter(e => e.responseStatus >= 400).map(e => e.responseStatus + ' ' + e.name)")
        .await
}

/// The template's demands sheet filled with `rows` (one cell per heading, by heading), as a file.
fn filled_template(template: &[u8], rows: &[&[(&str, &str)]], dir: &std::path::Path, name: &str) -> std::path::PathBuf {
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::Xlsx::new(std::io::Cursor::new(template.to_vec())).unwrap();
    let range = book.worksheet_range("技术需求").unwrap();
    let heads: Vec<String> = range.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("技术需求").unwrap();
    for (c, h) in heads.iter().enumerate() {
        ws.write_string(0, c as u16, h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (head, value) in row.iter() {
            let c = heads.iter().position(|h| h == head).unwrap_or_else(|| panic!("no column {head} in {heads:?}"));
            ws.write_string(r as u32 + 1, c as u16, *value).unwrap();
        }
    }
    let path = dir.join(name);
    wb.save(&path).unwrap();
    path
}

async fn log_in(b: &Browser, server: &Server, email: &str, next: &str) {
    b.client.goto(&server.url(&format!("/login?next={next}"))).await.unwrap();
    b.fill("#f-email", email).await;
    b.fill("#f-password", PASSWORD).await;
    b.click("form button[type=submit]").await;
    b.path_matches(|p| p == next).await;
}

/// Inserts and publishes a posting for `org_id` straight through the store.
async fn publish(server: &Server, org_id: i64, posting: serde_json::Value) -> i64 {
    let mut conn = server.state.db.acquire().await.unwrap();
    let tax = backend::taxonomy::load(&mut conn).await.unwrap();
    let input: shared::market::PostingInput = serde_json::from_value(posting).unwrap();
    let today = backend::db::now().date();
    let draft = input.parse(&tax, today).unwrap();
    let id = backend::market::insert(&mut conn, org_id, 1, &draft).await.unwrap();
    let row = backend::market::posting(&mut conn, id).await.unwrap().unwrap();
    let (action, status) = (shared::market::PostingAction::Approve, shared::market::PostingStatus::Published);
    backend::market::set_status(&mut conn, &row, action, status, None, None).await.unwrap();
    drop(conn);
    backend::facts::remember_postings(&server.state, &[id]).await.unwrap();
    id
}

/// An enterprise's published demand (固态电池电解质界面稳定性攻关…) and a lab's published capability
/// that fits it (固态电解质界面改性中试平台): (demand, capability). Owners: ent@ and lab@example.com.
async fn demand_and_fitting_capability(server: &Server) -> (i64, i64) {
    let ent = server.user("ent@example.com", false).await;
    let ent_org = server.verified_org(ent, shared::orgs::OrgKind::Enterprise, "钱塘储能科技有限公司").await;
    let lab = server.user("lab@example.com", false).await;
    let lab_org = server.verified_org(lab, shared::orgs::OrgKind::Lab, "之江电化学实验室").await;
    let demand = publish(
        server,
        ent_org,
        serde_json::json!({
            "kind": "demand", "title_zh": "固态电池电解质界面稳定性攻关与中试验证",
            "summary_zh": "寻求固态电池电解质界面改性方案，要求零下二十度循环一千次容量保持率不低于百分之八十",
            "domains": ["advanced_energy"], "keywords": ["固态电池", "电解质"], "district": "qiantang",
            "deadline": "2099-01-01", "demand_type": "tech_problem", "trl": 6, "budget_min": 200, "budget_max": 500
        }),
    )
    .await;
    let capability = publish(
        server,
        lab_org,
        serde_json::json!({
            "kind": "capability", "title_zh": "固态电解质界面改性中试平台", "summary_zh": "固态电池界面改性与中试验证",
            "domains": ["advanced_energy"], "keywords": ["固态电池"], "district": "qiantang",
            "capability_kind": "poc_service", "trl": 4, "ip_status": "granted", "modes": ["service"], "negotiable": true
        }),
    )
    .await;
    (demand, capability)
}

/// Signs `host@example.com` in, creates an event of `seats` seats with one ticket type 普通 of as
/// many through the forms, and returns its page path.
async fn create_event(b: &Browser, server: &Server, title: &str, seats: u32, kind: &str) -> String {
    log_in(b, server, "host@example.com", "/events").await;
    b.click("[data-testid=new-event]").await;
    b.select("#f-event_type", kind).await;
    b.fill("#f-title_zh", title).await;
    b.fill("#f-description_zh", "一对一对接，名额有限").await;
    b.fill("#f-venue", "云栖小镇国际会展中心").await;
    b.set_value("#f-starts_at", "2099-05-01T09:00").await;
    b.set_value("#f-ends_at", "2099-05-01T17:00").await;
    b.fill("#f-capacity", &seats.to_string()).await;
    b.click("[data-testid=create-event]").await;
    let page = b.path_matches(|p| p.starts_with("/events/") && p != "/events/new").await;
    b.fill("#f-name_zh", "普通").await;
    b.fill("#f-quota", &seats.to_string()).await;
    b.click("[data-testid=add-ticket-type]").await;
    b.text_contains("[data-testid=ticket-types]", "普通").await;
    page
}

/// A valid one-pixel PNG.
const PNG_1X1: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49,
    0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0, 0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d,
    0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// The widest element's right edge, for "nothing scrolls sideways" on a phone.
async fn page_width(b: &Browser) -> f64 {
    b.js("return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)").await
}

/// The API paths the page has fetched so far (resource timing), without the origin.
async fn fetched_api(b: &Browser) -> Vec<String> {
    b.js("return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname + new URL(e.name).search).filter(p => p.startsWith('/api/v1/'))")
        .await
}
