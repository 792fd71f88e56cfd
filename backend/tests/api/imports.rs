//! Spreadsheets in: the template, the preview, all-or-nothing imports into one's organization and
//! on behalf of organizations, refused files and formulas.

use std::io::Write;

use calamine::{Data, Reader, Xlsx};
use reqwest::{Client, StatusCode};
use rust_xlsxwriter::Workbook;
use serde_json::{Value, json};

use crate::helpers::{TestApp, body, error_code};
use crate::market::{Market, market, org_of_kind};

const DEMAND_HEADINGS: [&str; 8] = [
    "标题（中文） *",
    "公开概要（中文） *",
    "所属领域（1–3 个） *",
    "需求类型 *",
    "技术成熟度 *",
    "预算下限（万元）",
    "预算上限（万元）",
    "截止日期",
];

fn demand_row<'a>(title: &'a str, trl: &'a str, demand_type: &'a str) -> Vec<&'a str> {
    vec![title, "寻求可量产的方案", "advanced_energy", demand_type, trl, "100", "300", "2099-06-30"]
}

/// A sheet: its name, headings and rows of text cells.
type SheetOf<'a> = (&'a str, &'a [&'a str], Vec<Vec<&'a str>>);

/// A workbook of sheets.
fn workbook(sheets: &[SheetOf<'_>]) -> Vec<u8> {
    let mut wb = Workbook::new();
    for (name, heads, rows) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(*name).unwrap();
        for (c, h) in heads.iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                if !v.is_empty() {
                    ws.write_string(r as u32 + 1, c as u16, *v).unwrap();
                }
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

async fn send(app: &TestApp, client: &Client, query: &str, bytes: Vec<u8>) -> reqwest::Response {
    client
        .post(app.url(&format!("/api/v1/imports?{query}")))
        .header("Content-Type", "application/octet-stream")
        .body(bytes)
        .send()
        .await
        .unwrap()
}

async fn report(app: &TestApp, client: &Client, query: &str, bytes: Vec<u8>) -> Value {
    let r = send(app, client, query, bytes).await;
    assert_eq!(r.status(), StatusCode::OK);
    body(r).await
}

async fn mine(m: &Market, path: &str) -> Vec<Value> {
    let r = m.owner.get(m.app.url(&format!("{path}?mine=true&per_page=100"))).send().await.unwrap();
    body(r).await["items"].as_array().cloned().unwrap_or_default()
}

#[tokio::test]
async fn the_template_has_a_sheet_per_kind_with_marked_headings_drop_downs_and_an_example_in_both_languages() {
    let m = market().await;
    for (lang, sheet, title) in [("zh-CN", "技术需求", "标题（中文） *"), ("en", "Demands", "Title (Chinese) *")]
    {
        let r =
            m.app.client().get(m.app.url(&format!("/api/v1/imports/template.xlsx?lang={lang}"))).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        let bytes = r.bytes().await.unwrap().to_vec();
        let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes.clone())).unwrap();
        assert_eq!(book.sheet_names().len(), 6, "instructions, lists and four kinds: {:?}", book.sheet_names());
        let range = book.worksheet_range(sheet).unwrap();
        let heads: Vec<String> = range.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
        assert!(heads.contains(&title.to_owned()), "{heads:?}");
        let example = range.get((1, heads.iter().position(|h| h == title).unwrap())).unwrap();
        assert!(matches!(example, Data::String(s) if s.starts_with("【示例】") || s.starts_with("[Example]")));
        // Coded columns carry drop-down lists pointing at the lists sheet.
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("xl/worksheets/sheet3.xml").unwrap(), &mut xml).unwrap();
        assert!(xml.matches("<dataValidation ").count() >= 5, "drop-downs in the demands sheet");
        // The template as downloaded imports nothing: its example rows are skipped.
        let preview = report(&m.app, &m.owner, &format!("org_id={}", m.org), bytes).await;
        assert_eq!(preview["rows"], 0);
        assert_eq!(preview["skipped_examples"], 4);
        assert_eq!(preview["file_problems"].as_array().unwrap().len(), 1);
    }
}

#[tokio::test]
async fn a_member_previews_the_rows_with_errors_by_column_and_the_import_writes_every_row_or_none() {
    let m = market().await;
    let q = format!("org_id={}", m.org);
    let mut inverted = demand_row("钠离子电池正极材料", "十", "联合研究");
    inverted[5] = "500";
    let rows = vec![
        demand_row("固态电池界面攻关", "6", "技术攻关"),
        inverted,
        demand_row("氢燃料电池双极板", "5", "joint_rnd"),
    ];
    let bad = workbook(&[("技术需求", &DEMAND_HEADINGS, rows.clone())]);
    let preview = report(&m.app, &m.owner, &q, bad.clone()).await;
    assert_eq!(
        (preview["rows"].as_u64(), preview["valid"].as_u64(), preview["invalid"].as_u64()),
        (Some(3), Some(2), Some(1))
    );
    let row = &preview["preview"][0];
    assert_eq!((row["sheet"].as_str(), row["row"].as_u64()), (Some("技术需求"), Some(3)));
    let problems: Vec<(&str, &str)> = row["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["column"].as_str().unwrap(), p["message"].as_str().unwrap()))
        .collect();
    assert_eq!(problems.len(), 3, "every problem of the row at once, the forms' rules too: {problems:?}");
    assert_eq!(problems[0].0, "需求类型 *");
    assert!(
        problems[0].1.contains("技术攻关") && problems[0].1.contains("联合研发"),
        "allowed values named: {problems:?}"
    );
    assert_eq!(problems[1].0, "技术成熟度 *");
    assert_eq!(problems[2].0, "预算上限（万元）", "an inverted range, judged though other cells are wrong");

    let r = send(&m.app, &m.owner, &format!("{q}&confirm=true"), bad).await;
    let (code, _) = error_code(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(code, "import_invalid");
    assert!(mine(&m, "/api/v1/demands").await.is_empty(), "nothing half-written");

    let mut fixed = rows;
    fixed[1] = demand_row("钠离子电池正极材料", "4", "联合研发");
    let done =
        report(&m.app, &m.owner, &format!("{q}&confirm=true"), workbook(&[("技术需求", &DEMAND_HEADINGS, fixed)]))
            .await;
    assert_eq!(done["confirmed"], true);
    assert_eq!(done["created"].as_array().unwrap().len(), 3);
    let list = mine(&m, "/api/v1/demands").await;
    assert_eq!(list.len(), 3);
    assert!(list.iter().all(|p| p["status"] == "draft"));
    let id = done["created"][1].as_i64().unwrap();
    let p = body(m.owner.get(m.app.url(&format!("/api/v1/demands/{id}"))).send().await.unwrap()).await;
    assert_eq!(
        (p["title_zh"].as_str(), p["demand_type"].as_str(), p["trl"].as_u64()),
        (Some("钠离子电池正极材料"), Some("joint_rnd"), Some(4))
    );
    assert_eq!(p["budget_max"], 300);
}

#[tokio::test]
async fn imports_as_submitted_need_a_verified_organization_and_wait_for_review() {
    let m = market().await;
    let rows = vec![demand_row("量子传感器件", "6", "技术攻关")];
    let file = workbook(&[("Demands", &DEMAND_HEADINGS, rows)]);
    let done = report(&m.app, &m.owner, &format!("org_id={}&mode=submitted&confirm=true", m.org), file.clone()).await;
    let id = done["created"][0].as_i64().unwrap();
    let queue = body(m.admin.get(m.app.url("/api/v1/admin/moderation")).send().await.unwrap()).await;
    assert!(queue.as_array().unwrap().iter().any(|p| p["id"] == id), "in the moderation queue");

    let owner = m.app.user("new@example.com", "新企业").await;
    let unverified = org_of_kind(&m.app, &owner, "enterprise", None, None).await;
    let preview = report(&m.app, &owner, &format!("org_id={unverified}&mode=submitted"), file).await;
    assert_eq!(preview["invalid"], 1);
    let message = preview["preview"][0]["problems"][0]["message"].as_str().unwrap();
    assert!(message.contains("认证"), "{message}");
}

#[tokio::test]
async fn only_members_import_into_an_organization_and_only_admins_on_behalf_of_others() {
    let m = market().await;
    let file = workbook(&[("技术需求", &DEMAND_HEADINGS, vec![demand_row("标题", "6", "技术攻关")])]);
    let r = send(&m.app, &m.app.client(), &format!("org_id={}", m.org), file.clone()).await;
    assert_eq!(error_code(r, StatusCode::UNAUTHORIZED).await.0, "unauthenticated");
    let outsider = m.app.user("out@example.com", "外人").await;
    let r = send(&m.app, &outsider, &format!("org_id={}", m.org), file.clone()).await;
    assert_eq!(error_code(r, StatusCode::FORBIDDEN).await.0, "forbidden");
    let r = send(&m.app, &outsider, "", file.clone()).await;
    let (code, v) = error_code(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(code, "validation_failed");
    assert!(v["error"]["fields"]["org_id"].is_string());
    let r = send(&m.app, &m.owner, "org_id=999999", file).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn an_admin_imports_on_behalf_of_organizations_named_by_credit_code_or_name_creating_missing_ones_unverified() {
    let m = market().await;
    // The fixture's enterprise gives its credit code; a lab exists by name.
    let org = body(m.owner.get(m.app.url(&format!("/api/v1/orgs/{}", m.org))).send().await.unwrap()).await;
    let mut input = org.clone();
    for k in ["id", "verified", "member_count", "created_at", "contact", "my_role"] {
        input.as_object_mut().unwrap().remove(k);
    }
    input["credit_code"] = json!("91110108551385082Q");
    let r = m.owner.put(m.app.url(&format!("/api/v1/orgs/{}", m.org))).json(&input).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
    let other = m.app.user("other@example.com", "别家").await;
    let taken = json!({"name_zh": "别家公司", "kind": "enterprise", "credit_code": "9111 0108 5513 8508 2q"});
    let r = other.post(m.app.url("/api/v1/orgs")).json(&taken).send().await.unwrap();
    let (_, v) = error_code(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(v["error"]["fields"]["credit_code"].is_string(), "a credit code is one organization's: {v}");

    let heads: Vec<&str> = ["组织名称", "统一社会信用代码"].into_iter().chain(DEMAND_HEADINGS).collect();
    let row = |name: &'static str, code: &'static str, title: &'static str| {
        let mut r = vec![name, code];
        r.extend(demand_row(title, "6", "技术攻关"));
        r
    };
    let rows = vec![
        row("", "91110108551385082Q", "按信用代码"),
        row("enterprise组织", "", "按名称"),
        row("杭州新材料有限公司", "", "新组织一"),
        row("杭州新材料有限公司", "", "新组织二"),
        row("", "91110108551385082R", "错误的信用代码"),
    ];
    let file = workbook(&[("技术需求", &heads, rows.clone())]);
    let preview = report(&m.app, &m.admin, "", file).await;
    assert_eq!(preview["invalid"], 1, "{preview}");
    assert_eq!(preview["preview"][0]["problems"][0]["column"], "统一社会信用代码");
    assert_eq!(preview["new_orgs"], json!(["杭州新材料有限公司"]));

    let file = workbook(&[("技术需求", &heads, rows[..4].to_vec())]);
    let done = report(&m.app, &m.admin, "confirm=true", file).await;
    let created = done["created"].as_array().unwrap();
    assert_eq!(created.len(), 4);
    let org_of = |p: &Value| p["org"]["id"].as_i64().unwrap();
    let mut orgs = Vec::new();
    for id in created {
        let p = body(m.admin.get(m.app.url(&format!("/api/v1/demands/{id}"))).send().await.unwrap()).await;
        orgs.push(org_of(&p));
    }
    assert_eq!((orgs[0], orgs[1]), (m.org, m.org));
    assert_eq!(orgs[2], orgs[3], "one new organization for both rows");
    let new_org = body(m.admin.get(m.app.url(&format!("/api/v1/orgs/{}", orgs[2]))).send().await.unwrap()).await;
    assert_eq!((new_org["verified"].as_bool(), new_org["member_count"].as_i64()), (Some(false), Some(0)));
    let audit = body(m.admin.get(m.app.url("/api/v1/admin/audit?action=posting.import")).send().await.unwrap()).await;
    assert!(audit.to_string().contains("posting.import"), "the import is in the audit log");
}

#[tokio::test]
async fn macro_enabled_legacy_damaged_and_oversized_files_are_refused_and_formulas_are_named() {
    let m = market().await;
    let q = format!("org_id={}", m.org);
    // A workbook carrying a VBA project, as an .xlsm does.
    let mut xlsm = Vec::new();
    {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut xlsm));
        let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        zip.start_file("[Content_Types].xml", stored).unwrap();
        zip.write_all(
            b"<Types><Override ContentType=\"application/vnd.ms-excel.sheet.macroEnabled.main+xml\"/></Types>",
        )
        .unwrap();
        zip.start_file("xl/vbaProject.bin", stored).unwrap();
        zip.write_all(b"Attribute VB_Name").unwrap();
        zip.finish().unwrap();
    }
    let r = send(&m.app, &m.owner, &q, xlsm).await;
    assert_eq!(error_code(r, StatusCode::UNSUPPORTED_MEDIA_TYPE).await.0, "workbook_refused");
    let r = send(&m.app, &m.owner, &q, vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]).await;
    assert_eq!(error_code(r, StatusCode::UNSUPPORTED_MEDIA_TYPE).await.0, "workbook_refused");
    let r = send(&m.app, &m.owner, &q, b"PK\x03\x04 not really a zip".to_vec()).await;
    assert_eq!(error_code(r, StatusCode::UNPROCESSABLE_ENTITY).await.0, "workbook_damaged");
    let r = send(&m.app, &m.owner, &q, vec![b'a'; shared::imports::IMPORT_MAX + 1]).await;
    assert_eq!(error_code(r, StatusCode::PAYLOAD_TOO_LARGE).await.0, "payload_too_large");

    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("技术需求").unwrap();
    for (c, h) in DEMAND_HEADINGS.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in demand_row("=cmd|' /C calc'!A0", "6", "技术攻关").iter().enumerate() {
        ws.write_string(1, c as u16, *v).unwrap();
        ws.write_string(2, c as u16, *v).unwrap();
    }
    ws.write_string(2, 0, "正常标题").unwrap();
    ws.write_formula(2, 1, "=CONCATENATE(\"a\",\"b\")").unwrap();
    let preview = report(&m.app, &m.owner, &q, wb.save_to_buffer().unwrap()).await;
    assert_eq!(preview["invalid"], 2);
    for (i, column) in [(0, "标题（中文） *"), (1, "公开概要（中文） *")] {
        let p = &preview["preview"][i]["problems"][0];
        assert_eq!(p["column"], column, "{preview}");
        assert!(p["message"].as_str().unwrap().contains("公式"), "{p}");
    }
}

#[tokio::test]
async fn a_gbk_csv_saved_by_chinese_excel_imports_like_the_workbook() {
    let m = market().await;
    let mut text = DEMAND_HEADINGS.join(",") + "\r\n";
    text += &demand_row("\"机器人灵巧手, 触觉\"", "7", "技术攻关").join(",");
    text += "\r\n";
    let (gbk, _, _) = encoding_rs::GB18030.encode(&text);
    let done =
        report(&m.app, &m.owner, &format!("org_id={}&confirm=true&name=需求.csv", m.org), gbk.into_owned()).await;
    assert_eq!(done["created"].as_array().unwrap().len(), 1, "{done}");
    let list = mine(&m, "/api/v1/demands").await;
    assert_eq!(list[0]["title_zh"], "机器人灵巧手, 触觉");
}
