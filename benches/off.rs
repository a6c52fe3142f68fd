//! With `TRACE_OWNERSHIP=off`, a traced function runs within 1.05x of the same function untraced
//! (issue budget), measured in the same run, on two bodies: the loop of `to_string` and
//! `to_uppercase` over nine words (BENCHMARKS.md row 2a) and a tight loop whose body is one
//! allocation and one method call (row 2c).
//!
//! ```text
//! cargo bench --bench off
//! ```
//!
//! The bench sets `TRACE_OWNERSHIP=off` itself before anything reads the configuration. The
//! figures to report are the first two lines it prints: the median ratio of interleaved rounds,
//! which a machine whose speed drifts during the run cannot skew (criterion's figures follow).

#[path = "support/interleave.rs"]
mod interleave;

use criterion::{criterion_group, Criterion};
use std::hint::black_box;
use trace_ownership::trace_ownership;

const WORDS: &str = "the quick brown fox jumps over the lazy dog";

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

/// The tight loop: one allocation (`vec!`) and one method call (`len`) per iteration. The
/// vector goes through `black_box`, so that the untraced loop's allocation is not optimised
/// away.
#[trace_ownership]
fn tight_traced(n: usize) -> usize {
    let mut total = 0;
    for i in 0..n {
        let v = vec![i];
        total += black_box(&v).len();
    }
    total
}

fn tight_plain(n: usize) -> usize {
    let mut total = 0;
    for i in 0..n {
        let v = vec![i];
        total += black_box(&v).len();
    }
    total
}

/// Iterations of the tight loop per call.
const TIGHT: usize = 100;

fn bench(c: &mut Criterion) {
    let words: Vec<&str> = WORDS.split(' ').collect();
    assert_eq!(count_traced(&words), count_plain(&words));
    let mut g = c.benchmark_group("tracing off");
    g.bench_function("untraced", |b| b.iter(|| count_plain(black_box(&words))));
    g.bench_function("traced, TRACE_OWNERSHIP=off", |b| {
        b.iter(|| count_traced(black_box(&words)))
    });
    assert_eq!(tight_traced(TIGHT), tight_plain(TIGHT));
    g.bench_function("tight loop, untraced", |b| {
        b.iter(|| tight_plain(black_box(TIGHT)))
    });
    g.bench_function("tight loop, traced, TRACE_OWNERSHIP=off", |b| {
        b.iter(|| tight_traced(black_box(TIGHT)))
    });
    g.finish();
}

criterion_group!(benches, bench);

/// The ratio measured in interleaved rounds (see `support/interleave.rs`): prints the median of
/// the per-round ratios.
fn interleaved<A: Copy>(what: &str, arg: A, plain_f: fn(A) -> usize, traced_f: fn(A) -> usize) {
    const ROUNDS: usize = 101;
    const CALLS: usize = 20_000;
    let (plain, traced, ratio) = interleave::medians(ROUNDS, CALLS, arg, plain_f, traced_f);
    println!(
        "{what}: interleaved, {ROUNDS} rounds of {CALLS} calls: untraced {:.1} ns, traced (off) {:.1} ns, \
         median ratio {ratio:.3}",
        plain * 1e9,
        traced * 1e9,
    );
}

fn main() {
    // Before the first traced call reads the configuration.
    std::env::set_var("TRACE_OWNERSHIP", "off");
    let words: Vec<&str> = WORDS.split(' ').collect();
    interleaved("nine words", &words[..], count_plain, count_traced);
    interleaved("tight loop of 100", TIGHT, tight_plain, tight_traced);
    benches();
    Criterion::default().configure_from_args().final_summary();
}
