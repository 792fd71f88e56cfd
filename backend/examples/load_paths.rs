//! Writes the request mix of the read load test (`cargo xtask load`): one path per line, drawn from
//! the published postings of a data folder, in fixed proportions — 30 % list pages (with and
//! without filters), 20 % searches, 30 % posting details, 20 % matches of a posting.
//!
//! `cargo run --release -p backend --example load_paths -- DATA_DIR OUT_FILE`

use backend::Config;
use backend::db::sql;
use backend::demo::{DISTRICTS, DOMAINS};

const PATHS: usize = 20_000;
const WORDS: [&str; 16] = [
    "量子",
    "电池",
    "机器人",
    "大模型",
    "芯片",
    "合成生物",
    "储能",
    "传感器",
    "算力",
    "氢能",
    "脑机接口",
    "卫星",
    "新材料",
    "自动驾驶",
    "基因",
    "光子",
];

/// A small deterministic generator (xorshift), so two runs send the same mix.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [data, out] = args.as_slice() else {
        anyhow::bail!("usage: load_paths DATA_DIR OUT_FILE");
    };
    let mut config = Config::with_data_dir(data);
    config.database_url = std::env::var("FUTUREMATCH_DATABASE_URL").ok();
    let db = backend::db::connect(&config).await?;
    let mut ids: Vec<(&str, i64)> = vec![];
    for (kind, path) in
        [("demand", "demands"), ("capability", "capabilities"), ("scenario", "scenarios"), ("mandate", "mandates")]
    {
        let rows: Vec<(i64,)> = sql::query_as(
            "SELECT id FROM postings WHERE kind = $1 AND status = 'published' ORDER BY random() LIMIT 2000",
        )
        .bind(kind)
        .fetch_all(&db)
        .await?;
        ids.extend(rows.into_iter().map(|(id,)| (path, id)));
    }
    anyhow::ensure!(!ids.is_empty(), "no published postings in {data}: seed it first");
    let kinds = ["demands", "capabilities", "scenarios", "mandates"];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut lines = Vec::with_capacity(PATHS);
    for i in 0..PATHS {
        let (kind, id) = ids[rng.below(ids.len())];
        let line = match i % 10 {
            0 => format!("/api/v1/{}?page={}", kinds[rng.below(4)], 1 + rng.below(50)),
            1 => format!("/api/v1/{}?domain={}", kinds[rng.below(4)], DOMAINS[rng.below(DOMAINS.len())]),
            2 => format!(
                "/api/v1/{}?district={}&page={}",
                kinds[rng.below(4)],
                DISTRICTS[rng.below(DISTRICTS.len())],
                1 + rng.below(5)
            ),
            3 | 4 => format!("/api/v1/search?q={}", urlencode(WORDS[rng.below(WORDS.len())])),
            5..=7 => format!("/api/v1/{kind}/{id}"),
            _ => format!("/api/v1/{kind}/{id}/matches"),
        };
        lines.push(line);
    }
    std::fs::write(out, lines.join("\n") + "\n")?;
    println!("{} paths over {} postings written to {out}", lines.len(), ids.len());
    Ok(())
}

fn urlencode(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}
