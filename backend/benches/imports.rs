//! Spreadsheet imports of 10,000 rows through `imports::ops::import` (reading the .xlsx, checking
//! every row with the forms' rules, resolving organizations, writing in one transaction) into a real
//! SQLite file with the migrations applied. Run: `cargo bench -p backend --bench imports`. The
//! budget is 30 s for 10,000 rows.

use std::time::Duration;

use backend::Config;
use backend::accounts::SessionUser;
use criterion::{Criterion, criterion_group, criterion_main};
use shared::imports::{ImportMode, ImportQuery};
use shared::orgs::{OrgInput, OrgKind};

const ROWS: usize = 10_000;
const HEADINGS: [&str; 12] = [
    "组织名称",
    "标题（中文） *",
    "公开概要（中文） *",
    "所属领域（1–3 个） *",
    "关键词",
    "所在区县",
    "需求类型 *",
    "技术成熟度 *",
    "预算下限（万元）",
    "预算上限（万元）",
    "截止日期",
    "详细说明（中文，仅认证组织可见）",
];
const DOMAINS: [&str; 5] = ["先进能源", "生成式人工智能", "gen_ai", "quantum", "合成生物"];
const TYPES: [&str; 4] = ["技术攻关", "联合研发", "成果转化", "expert_consultation"];

/// A demands sheet of `ROWS` rows; with `orgs`, the rows name that many organizations by name.
fn workbook(orgs: Option<usize>) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("技术需求").unwrap();
    for (c, h) in HEADINGS.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for i in 0..ROWS {
        let r = i as u32 + 1;
        let org = orgs.map(|n| format!("杭州导入测试企业{}有限公司", i % n)).unwrap_or_default();
        let cells = [
            org,
            format!("第{i}号技术需求：高精度传感器件国产化攻关"),
            format!("面向{}场景，寻求可量产的解决方案，第{i}批次", ["工厂", "医院", "社区"][i % 3]),
            DOMAINS[i % DOMAINS.len()].to_owned(),
            "传感器、国产化".into(),
            ["滨江区", "余杭区", "钱塘区"][i % 3].into(),
            TYPES[i % TYPES.len()].into(),
            String::new(),
            String::new(),
            String::new(),
            "2099-06-30".into(),
            "详细说明：".to_owned() + &"指标要求。".repeat(20),
        ];
        for (c, v) in cells.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r, c as u16, v).unwrap();
            }
        }
        ws.write_number(r, 7, (i % 9 + 1) as f64).unwrap();
        ws.write_number(r, 8, (i % 50 * 10) as f64).unwrap();
        ws.write_number(r, 9, (i % 50 * 10 + 300) as f64).unwrap();
    }
    wb.save_to_buffer().unwrap()
}

fn imports(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config::with_data_dir(dir.path().join("data"));
    config.no_demo = true;
    config.log = "error".into();
    let (state, user, org) = rt.block_on(async {
        let state = backend::app::prepare(config).await.unwrap();
        let email = shared::validate::Email::parse("bench@example.com").unwrap();
        let pw = shared::validate::Password::parse("correct-horse-battery").unwrap();
        backend::accounts::create_or_promote_admin(&state.db, &email, &pw).await.unwrap();
        let (id,): (i64,) = backend::db::sql::query_as("SELECT id FROM users WHERE email = 'bench@example.com'")
            .fetch_one(&state.db)
            .await
            .unwrap();
        let mut conn = state.db.acquire().await.unwrap();
        let tax = backend::taxonomy::load(&mut conn).await.unwrap();
        let input =
            OrgInput { name_zh: "杭州基准测试科技有限公司".into(), ..OrgInput::empty(OrgKind::Enterprise) };
        let org = backend::orgs::insert(&mut conn, &input.parse(&tax, 2026).unwrap(), id).await.unwrap();
        backend::orgs::set_verified(&mut conn, org, Some(id)).await.unwrap();
        let user = SessionUser {
            id,
            email: "bench@example.com".into(),
            display_name: "bench".into(),
            locale: shared::Locale::ZhCn,
            is_admin: true,
            email_verified: true,
        };
        (state, user, org)
    });
    let own = workbook(None);
    let behalf = workbook(Some(1_000));
    eprintln!("files: {} KB (one organization), {} KB (1,000 named)", own.len() / 1024, behalf.len() / 1024);
    let run = |bytes: &[u8], q: ImportQuery| {
        rt.block_on(async {
            let report = backend::imports::ops::import(&state, &user, q, bytes).await.unwrap();
            assert_eq!(report.valid as usize, ROWS, "{:?} {:?}", report.file_problems, report.preview.first());
            report
        })
    };
    let mut g = c.benchmark_group("import of 10,000 demand rows");
    g.sample_size(10).measurement_time(Duration::from_secs(30)).warm_up_time(Duration::from_secs(1));
    let member =
        |confirm| ImportQuery { org_id: Some(org), mode: Some(ImportMode::Draft), confirm: Some(confirm), name: None };
    g.bench_function("preview into one organization", |b| b.iter(|| run(&own, member(false))));
    g.bench_function("confirmed into one organization (drafts)", |b| b.iter(|| run(&own, member(true))));
    let admin = |confirm| ImportQuery { org_id: None, mode: None, confirm: Some(confirm), name: None };
    g.bench_function("preview on behalf of 1,000 organizations by name", |b| b.iter(|| run(&behalf, admin(false))));
    // The first run creates the 1,000 organizations, later ones find them by name.
    g.bench_function("confirmed on behalf of 1,000 organizations by name", |b| b.iter(|| run(&behalf, admin(true))));
    g.finish();
}

criterion_group!(benches, imports);
criterion_main!(benches);
