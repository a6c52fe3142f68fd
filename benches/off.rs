//! With `TRACE_OWNERSHIP=off`, a traced function runs within 1.05x of the same function untraced
//! (issue budget), measured in the same run.
//!
//! ```text
//! cargo bench --bench off
//! ```
//!
//! The bench sets `TRACE_OWNERSHIP=off` itself before anything reads the configuration.

use criterion::{criterion_group, Criterion};
use std::hint::black_box;
use trace_ownership::trace_ownership;

/// The same body twice: once traced, once not.
#[trace_ownership]
fn count_traced(words: &[&str]) -> usize {
    let mut total = 0;
    for w in words {
        let s = w.to_string();
        let upper = s.to_uppercase();
        let n = upper.len();
        total += n;
    }
    total
}

fn count_plain(words: &[&str]) -> usize {
    let mut total = 0;
    for w in words {
        let s = w.to_string();
        let upper = s.to_uppercase();
        let n = upper.len();
        total += n;
    }
    total
}

fn bench(c: &mut Criterion) {
    let words: Vec<&str> = "the quick brown fox jumps over the lazy dog"
        .split(' ')
        .collect();
    assert_eq!(count_traced(&words), count_plain(&words));
    let mut g = c.benchmark_group("tracing off");
    g.bench_function("untraced", |b| b.iter(|| count_plain(black_box(&words))));
    g.bench_function("traced, TRACE_OWNERSHIP=off", |b| {
        b.iter(|| count_traced(black_box(&words)))
    });
    g.finish();
}

criterion_group!(benches, bench);

fn main() {
    // Before the first traced call reads the configuration.
    std::env::set_var("TRACE_OWNERSHIP", "off");
    benches();
    Criterion::default().configure_from_args().final_summary();
}
