//! The meeting scheduler on the issue's instance: 500 attendees, 3,000 accepted requests, 12 slots,
//! 40 tables (budget 2 s), and one where tables are plentiful so people's time is what binds.
//! Prints what the scheduler and first-come greedy place on each. Run:
//! `cargo bench -p backend --bench meetings`.

use std::hint::black_box;

use backend::meetings::schedule::{Problem, generate, greedy, schedule, total_score, verify};
use criterion::{Criterion, criterion_group, criterion_main};

fn compare(name: &str, p: &Problem) {
    let (ours, base) = (schedule(p), greedy(p));
    verify(p, &ours).expect("the schedule keeps the rules");
    println!(
        "{name}: scheduler placed {} (score {}), first-come greedy {} (score {}), of {} accepted, {} places",
        ours.len(),
        total_score(p, &ours),
        base.len(),
        total_score(p, &base),
        p.requests.len(),
        p.slots * p.tables as usize
    );
}

fn bench(c: &mut Criterion) {
    let issue = generate(500, 3000, 12, 40, 0.8, 7);
    let roomy = generate(500, 3000, 12, 400, 0.8, 7);
    compare("500 attendees, 3000 requests, 12 slots, 40 tables", &issue);
    compare("500 attendees, 3000 requests, 12 slots, 400 tables", &roomy);
    let mut g = c.benchmark_group("meetings");
    g.sample_size(10);
    g.bench_function("schedule 500/3000/12/40", |b| b.iter(|| schedule(black_box(&issue))));
    g.bench_function("schedule 500/3000/12/400", |b| b.iter(|| schedule(black_box(&roomy))));
    g.bench_function("greedy 500/3000/12/40", |b| b.iter(|| greedy(black_box(&issue))));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
