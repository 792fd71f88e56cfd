//! `cargo xtask eval-matching`: the matching engine's ranking quality on the hand-written set in
//! `tests/matching-eval/` against two baselines. Exits non-zero when the engine does not win.

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "tests/matching-eval".into());
    let report = match backend::matching::eval::evaluate(std::path::Path::new(&dir)) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    print!("{report}");
    if !report.engine_wins() {
        eprintln!("the engine does not beat both baselines");
        std::process::exit(1);
    }
}
