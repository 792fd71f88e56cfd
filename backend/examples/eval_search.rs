//! `cargo xtask eval-search`: search quality on the hand-written queries in `tests/search-eval/`
//! against three baselines, with the demo postings as distractors. Exits non-zero when the engine
//! does not win.

#[tokio::main]
async fn main() {
    let search = std::env::args().nth(1).unwrap_or_else(|| "tests/search-eval".into());
    let scratch = std::env::temp_dir().join(format!("futurematch-eval-search-{}", std::process::id()));
    let result = backend::search::eval::evaluate(search.as_ref(), &scratch).await;
    let _ = std::fs::remove_dir_all(&scratch);
    let report = match result {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    print!("{report}");
    if std::env::var_os("EVAL_VERBOSE").is_some() {
        let mut worst = report.per_query.clone();
        let best = |m: &[f64]| m[1..].iter().copied().fold(0.0, f64::max);
        worst.sort_by(|a, b| (a.1[0] - best(&a.1)).total_cmp(&(b.1[0] - best(&b.1))));
        println!("\nqueries where the engine trails the best baseline most (nDCG@10 per method, in the order above):");
        for (q, m) in worst.iter().take(40) {
            let figures: Vec<String> = m.iter().map(|x| format!("{x:.2}")).collect();
            println!("{}  {q}", figures.join(" "));
        }
    }
    if !report.engine_wins() {
        eprintln!("the engine does not beat every baseline, or leaves a query empty");
        std::process::exit(1);
    }
}
