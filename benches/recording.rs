//! Cost of recording one event, measured against pushing the same number of bytes into a
//! pre-allocated `Vec` in the same run (issue budget: at most 15 ns per event, within 3x of
//! the `Vec` push).
//!
//! ```text
//! cargo bench --bench recording
//! ```
//!
//! Recording stores a compact raw record ([`RAW_RECORD_BYTES`] bytes); full events, with their
//! texts, are built once, when the trace ends. Both halves are measured: "record" times the
//! calls alone, "record + build the trace" adds the end of the trace, per event.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use std::hint::black_box;
use std::time::{Duration, Instant};
use trace_ownership::__private::{cloned, Site};
use trace_ownership::{capture, trace_ownership};
use trace_ownership_runtime::__private::RAW_RECORD_BYTES;

/// Events per trace: well under the default limit (100 000), so every one is kept.
const N: u64 = 10_000;

static SITE: Site = Site("s", "t", "", 12, 9, 0, 0);

/// As many bytes as one raw record.
type SameBytes = [u64; RAW_RECORD_BYTES / 8];

/// A traced function doing 10 binds, 2 moves, 1 copy, 1 borrow and its end, 10 drops.
#[trace_ownership]
fn ten_locals(n: u64) -> u64 {
    let a = n;
    let b = a + 1;
    let c = String::new();
    let d = c;
    let e = vec![1u8];
    let f = e;
    let g = &f;
    let h = g.len() as u64;
    let i = b * 2;
    let j = i + h;
    d.len() as u64 + j
}

/// Runs `iters` events in traces of at most `N`; times the recording calls alone, or with
/// `include_end` the whole trace (building its events included).
fn in_traces(iters: u64, include_end: bool) -> Duration {
    let mut total = Duration::ZERO;
    let mut left = iters;
    while left > 0 {
        let n = left.min(N);
        let start = Instant::now();
        let (took, trace) = capture(|| {
            let t = Instant::now();
            for _ in 0..n {
                cloned(black_box(&SITE));
            }
            t.elapsed()
        });
        let all = start.elapsed();
        assert_eq!(trace.events.len() as u64, n);
        total += if include_end { all } else { took };
        drop(black_box(trace));
        left -= n;
    }
    total
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("per event");
    g.throughput(Throughput::Elements(1));
    g.bench_function("record (cloned, inside a capture)", |b| {
        b.iter_custom(|iters| in_traces(iters, false))
    });
    g.bench_function(
        format!("Vec::push of {RAW_RECORD_BYTES} bytes (pre-allocated)"),
        |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                let mut left = iters;
                let value: SameBytes = [7; RAW_RECORD_BYTES / 8];
                while left > 0 {
                    let n = left.min(N);
                    let mut v: Vec<SameBytes> = Vec::with_capacity(n as usize);
                    let t = Instant::now();
                    for _ in 0..n {
                        v.push(black_box(value));
                    }
                    total += t.elapsed();
                    drop(black_box(v));
                    left -= n;
                }
                total
            })
        },
    );
    g.bench_function("record + build the trace (cloned)", |b| {
        b.iter_custom(|iters| in_traces(iters, true))
    });
    g.finish();

    let (_, trace) = capture(|| ten_locals(1));
    let per_call = trace.events.len() as u64;
    let mut g = c.benchmark_group("traced function");
    g.throughput(Throughput::Elements(per_call * 1000));
    g.bench_function(
        format!("ten_locals x1000 ({per_call} events per call, trace built)"),
        |b| {
            // The trace is built inside the timing, dropped outside it.
            b.iter_batched(
                || (),
                |()| {
                    capture(|| {
                        let mut s = 0;
                        for i in 0..1000 {
                            s += ten_locals(black_box(i));
                        }
                        s
                    })
                },
                BatchSize::PerIteration,
            )
        },
    );
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
