//! `cargo xtask eval-matching`: the matching engine's ranking quality on the hand-written set in
//! `tests/matching-eval/` against two baselines, on the judged candidates alone and with the demo
//! postings mixed in. Exits non-zero when the engine does not win on both.

#[tokio::main]
async fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "tests/matching-eval".into());
    let scratch = std::env::temp_dir().join(format!("futurematch-eval-matching-{}", std::process::id()));
    let result = backend::matching::eval::evaluate(std::path::Path::new(&dir), &scratch).await;
    let _ = std::fs::remove_dir_all(&scratch);
    let report = match result {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    print!("{report}");
    if !report.engine_wins() {
        eprintln!("the engine does not beat both baselines on every kind of both corpora");
        std::process::exit(1);
    }
}
