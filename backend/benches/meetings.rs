//! The meeting scheduler on the issue's instance: 500 attendees, 3,000 accepted requests, 12 slots,
//! 40 tables (budget 2 s), and one where tables are plentiful so people's time is what binds.
//! Prints what the scheduler and first-come greedy place on each. Run:
//! `cargo bench -p backend --features generators --bench meetings`.

use std::hint::black_box;

use backend::meetings::schedule::{Problem, generate, greedy, schedule, total_score, verify};
use criterion::{Criterion, criterion_group, criterion_main};

/// An upper bound on what any schedule places: the tables over all slots, and half the sum over
/// people of the meetings each could attend (requests sharing a free slot, at most one per free slot).
fn bound(p: &Problem) -> usize {
    let mut degree = vec![0usize; p.available.len()];
    for r in &p.requests {
        if p.available[r.a as usize] & p.available[r.b as usize] != 0 {
            degree[r.a as usize] += 1;
            degree[r.b as usize] += 1;
        }
    }
    let per_person: usize =
        degree.iter().zip(&p.available).map(|(d, a)| (*d).min(a.count_ones() as usize)).sum::<usize>() / 2;
    per_person.min(p.slots * p.tables as usize)
}

fn compare(name: &str, p: &Problem) {
    let (ours, base) = (schedule(p), greedy(p));
    verify(p, &ours).expect("the schedule keeps the rules");
    println!(
        "{name}: scheduler placed {} (score {}), first-come greedy {} (score {}), of {} accepted, upper bound {}",
        ours.len(),
        total_score(p, &ours),
        base.len(),
        total_score(p, &base),
        p.requests.len(),
        bound(p)
    );
}

fn bench(c: &mut Criterion) {
    let issue = generate(500, 3000, 12, 40, 80, 7);
    let roomy = generate(500, 3000, 12, 400, 80, 7);
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
