//! Judge assignment on a generated competition: 200 entries over ten fields, a panel of 40 experts,
//! 3 judges per entry. Prints the expertise fit of the min-cost flow against greedy (both without
//! conflicts) and times both. Run: `cargo bench -p backend --features generators --bench judging`.

use std::hint::black_box;

use backend::competitions::assign::{Problem, assign, conflicted, generate, greedy, total_fit};
use criterion::{Criterion, criterion_group, criterion_main};

fn conflicts(p: &Problem, a: &[Vec<usize>]) -> usize {
    a.iter()
        .enumerate()
        .flat_map(|(e, js)| js.iter().map(move |j| (e, *j)))
        .filter(|(e, j)| conflicted(&p.judges[*j], &p.entries[*e]))
        .count()
}

fn bench(c: &mut Criterion) {
    let p = generate(200, 40, 3, 7);
    let (f, g) = (assign(&p).expect("a panel big enough"), greedy(&p).expect("a panel big enough"));
    let pairs = (p.entries.len() * p.k) as f64;
    println!(
        "200 entries, 40 judges, k = 3: flow fit {} (mean {:.1}), greedy fit {} (mean {:.1}), gain {:.1} %; conflicts {} and {}",
        total_fit(&p, &f),
        total_fit(&p, &f) as f64 / pairs,
        total_fit(&p, &g),
        total_fit(&p, &g) as f64 / pairs,
        100.0 * (total_fit(&p, &f) as f64 / total_fit(&p, &g) as f64 - 1.0),
        conflicts(&p, &f),
        conflicts(&p, &g),
    );
    let mut group = c.benchmark_group("judging");
    group.sample_size(10);
    group.bench_function("flow 200x40x3", |b| b.iter(|| assign(black_box(&p))));
    group.bench_function("greedy 200x40x3", |b| b.iter(|| greedy(black_box(&p))));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
