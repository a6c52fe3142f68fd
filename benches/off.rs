//! With `TRACE_OWNERSHIP=off`, a traced function runs within 1.05x of the same function untraced
//! (issue budget), measured in the same run.
//!
//! ```text
//! cargo bench --bench off
//! ```
//!
//! The bench sets `TRACE_OWNERSHIP=off` itself before anything reads the configuration. The
//! figure to report is the first line it prints: the median ratio of interleaved rounds, which
//! a machine whose speed drifts during the run cannot skew (criterion's two figures follow).

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

fn bench(c: &mut Criterion) {
    let words: Vec<&str> = WORDS.split(' ').collect();
    assert_eq!(count_traced(&words), count_plain(&words));
    let mut g = c.benchmark_group("tracing off");
    g.bench_function("untraced", |b| b.iter(|| count_plain(black_box(&words))));
    g.bench_function("traced, TRACE_OWNERSHIP=off", |b| {
        b.iter(|| count_traced(black_box(&words)))
    });
    g.finish();
}

criterion_group!(benches, bench);

/// The ratio measured in interleaved rounds: each round times a batch of untraced calls and a
/// batch of traced calls back to back (alternating which goes first), so that a change in the
/// machine's speed during the run affects both alike. Prints the median of the per-round ratios.
fn interleaved(words: &[&str]) {
    use std::time::Instant;
    const ROUNDS: usize = 101;
    const CALLS: usize = 20_000;
    let time = |f: fn(&[&str]) -> usize| {
        let t = Instant::now();
        for _ in 0..CALLS {
            black_box(f(black_box(words)));
        }
        t.elapsed().as_nanos() as f64 / CALLS as f64
    };
    let mut plain = Vec::with_capacity(ROUNDS);
    let mut traced = Vec::with_capacity(ROUNDS);
    let mut ratios = Vec::with_capacity(ROUNDS);
    for round in 0..ROUNDS {
        let (p, t) = if round % 2 == 0 {
            let p = time(count_plain);
            (p, time(count_traced))
        } else {
            let t = time(count_traced);
            (time(count_plain), t)
        };
        plain.push(p);
        traced.push(t);
        ratios.push(t / p);
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    println!(
        "interleaved, {ROUNDS} rounds of {CALLS} calls: untraced {:.1} ns, traced (off) {:.1} ns, \
         median ratio {:.3}",
        median(&mut plain),
        median(&mut traced),
        median(&mut ratios)
    );
}

fn main() {
    // Before the first traced call reads the configuration.
    std::env::set_var("TRACE_OWNERSHIP", "off");
    let words: Vec<&str> = WORDS.split(' ').collect();
    interleaved(&words);
    benches();
    Criterion::default().configure_from_args().final_summary();
}
