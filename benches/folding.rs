//! A traced loop of 10 million iterations, recorded and folded (the first iterations kept, the
//! rest counted), against the same loop untraced: issue budget at most 2x, measured in the same
//! run (BENCHMARKS.md row 3b).
//!
//! ```text
//! cargo bench --bench folding
//! ```
//!
//! The figure to report is the first line printed: the median of the per-round ratios of
//! interleaved rounds (each round runs both loops once, alternating which goes first), which a
//! machine whose speed drifts during the run cannot skew. Criterion's figures for a loop of
//! 100 000 iterations follow.

#[path = "support/interleave.rs"]
mod interleave;

use criterion::{criterion_group, Criterion};
use std::hint::black_box;
use trace_ownership::trace_ownership;

/// The body of `examples/long_loop.rs`: each iteration binds and drops a `String`. The string
/// goes through `black_box`, so that the untraced loop's allocation is not optimised away (it
/// was: 2 ns an iteration).
#[trace_ownership]
fn long_loop_traced(n: u64) -> usize {
    let mut total = 0;
    for i in 0..n {
        let s = String::from("iteration");
        total += black_box(&s).len() + (i % 2) as usize;
    }
    total
}

fn long_loop_plain(n: u64) -> usize {
    let mut total = 0;
    for i in 0..n {
        let s = String::from("iteration");
        total += black_box(&s).len() + (i % 2) as usize;
    }
    total
}

/// The traced loop inside a `capture`: every event recorded or folded, the trace built.
fn traced(n: u64) -> usize {
    let (total, trace) = trace_ownership::capture(|| long_loop_traced(n));
    black_box(&trace);
    total
}

fn bench(c: &mut Criterion) {
    const N: u64 = 100_000;
    let mut g = c.benchmark_group("folded loop of 100 000");
    g.sample_size(20);
    g.bench_function("untraced", |b| b.iter(|| long_loop_plain(black_box(N))));
    g.bench_function("traced, folded, trace built", |b| {
        b.iter(|| traced(black_box(N)))
    });
    g.finish();
}

criterion_group!(benches, bench);

fn main() {
    const N: u64 = 10_000_000;
    const ROUNDS: usize = 7;
    // The loop's result and its trace: the iterations past the kept ones are counted.
    let (total, trace) = trace_ownership::capture(|| long_loop_traced(N));
    assert_eq!(total, long_loop_plain(N));
    let folded = trace
        .events
        .iter()
        .find(|e| e.kind.as_str() == "folded")
        .and_then(|e| e.count)
        .expect("the loop's iterations past the kept ones are folded");
    let (plain, tr, ratio) = interleave::medians(ROUNDS, 1, N, long_loop_plain, traced);
    println!(
        "10M iterations, {ROUNDS} interleaved rounds: untraced {:.3} s, traced and folded {:.3} s \
         ({folded} iterations folded), median ratio {:.2}",
        plain, tr, ratio
    );
    benches();
    Criterion::default().configure_from_args().final_summary();
}
