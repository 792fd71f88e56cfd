//! Public list filtering at 100,000 published postings, in memory (`market::facets`), without I/O.
//! Run: `cargo bench -p backend --bench lists`. End-to-end figures come from `wrk` against a release
//! server (see the README's performance section).

use std::hint::black_box;

use backend::demo::{DISTRICTS, DOMAINS};
use backend::market::facets::{FacetRow, Facets};
use criterion::{Criterion, criterion_group, criterion_main};
use shared::market::{PostingKind, PostingQuery, PostingSort};
use time::macros::{date, datetime};

const TYPES: [&str; 5] = ["tech_problem", "joint_rnd", "tech_acquisition", "expert_consultation", "funding"];

/// 100,000 published postings spread over kinds, fields, types, districts, TRLs, amounts and deadlines.
fn corpus(n: i64) -> Facets {
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move |m: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % m
    };
    let rows = (1..=n)
        .map(|id| {
            let lo = next(500) as u32;
            FacetRow {
                id,
                kind: PostingKind::ALL[(id % 4) as usize],
                org_id: next(2000) as i64,
                type_code: TYPES[next(5) as usize].into(),
                district: Some(DISTRICTS[next(13) as usize].into()),
                pilot_zone: None,
                domains: vec![DOMAINS[next(10) as usize].into()],
                trl: Some(next(9) as u8 + 1),
                amount_min: Some(lo),
                amount_max: Some(lo + next(2000) as u32),
                deadline: Some(date!(2027 - 01 - 01) + time::Duration::days(next(700) as i64)),
                published_at: datetime!(2026-01-01 0:00 UTC) + time::Duration::minutes(id),
            }
        })
        .collect();
    let mut f = Facets::new();
    f.apply(rows, &[]);
    f
}

fn lists(c: &mut Criterion) {
    let f = corpus(100_000);
    let mut g = c.benchmark_group("public list of 25,000 demands among 100,000 postings");
    let cases = [
        ("newest, unfiltered, page 1", PostingQuery::default()),
        (
            "domain + type, page 3",
            PostingQuery {
                domain: Some("quantum".into()),
                type_code: Some("tech_problem".into()),
                page: Some(3),
                ..Default::default()
            },
        ),
        (
            "TRL ≥ 5 + amount 100–800",
            PostingQuery { trl_min: Some(5), amount_min: Some(100), amount_max: Some(800), ..Default::default() },
        ),
        (
            "district, by deadline",
            PostingQuery { district: Some("yuhang".into()), sort: Some(PostingSort::Deadline), ..Default::default() },
        ),
    ];
    for (name, q) in cases {
        let offset = (q.page.unwrap_or(1) as usize - 1) * 20;
        g.bench_function(name, |b| b.iter(|| black_box(f.page(PostingKind::Demand, black_box(&q), None, 20, offset))));
    }
    g.finish();

    let mut f = f;
    let mut edited = FacetRow {
        id: 50_000,
        kind: PostingKind::Demand,
        org_id: 1,
        type_code: "joint_rnd".into(),
        district: Some("xihu".into()),
        pilot_zone: None,
        domains: vec!["quantum".into()],
        trl: Some(6),
        amount_min: Some(100),
        amount_max: Some(500),
        deadline: None,
        published_at: datetime!(2026-06-01 0:00 UTC),
    };
    c.bench_function("publish or edit one posting (apply)", |b| {
        b.iter(|| {
            edited.trl = Some(edited.trl.unwrap_or(1) % 9 + 1);
            f.apply(vec![edited.clone()], &[]);
        })
    });
}

criterion_group!(benches, lists);
criterion_main!(benches);
