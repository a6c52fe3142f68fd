//! Cost of recording one event, measured against pushing the same event into a pre-allocated
//! `Vec` in the same run (issue budget: at most 15 ns per event, within 3x of the `Vec` push).
//!
//! ```text
//! cargo bench --bench recording
//! ```

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use std::hint::black_box;
use trace_ownership::{trace_ownership, Event, EventKind};
use trace_ownership_runtime::recorder;

const N: u64 = 10_000;

fn sample_event() -> Event {
    let mut ev = Event::new(EventKind::Move, "s", 12, 9);
    ev.ty = Some("alloc::string::String".into());
    ev.size = Some(24);
    ev.needs_drop = Some(true);
    ev.from = Some("s".into());
    ev.to = Some("t".into());
    ev
}

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

fn bench(c: &mut Criterion) {
    let ev = sample_event();
    let mut g = c.benchmark_group("per event");
    g.throughput(Throughput::Elements(N));
    g.bench_function("recorder::record (inside a capture)", |b| {
        b.iter_batched(
            || (),
            |()| {
                let ((), trace) = trace_ownership::capture(|| {
                    for _ in 0..N {
                        recorder::record(black_box(ev.clone()));
                    }
                });
                trace
            },
            BatchSize::PerIteration,
        )
    });
    g.bench_function("Vec::push of the same event (pre-allocated)", |b| {
        b.iter_batched(
            || Vec::with_capacity(N as usize),
            |mut v: Vec<Event>| {
                for _ in 0..N {
                    v.push(black_box(ev.clone()));
                }
                v
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();

    let (_, trace) = trace_ownership::capture(|| ten_locals(1));
    let per_call = trace.events.len() as u64;
    let mut g = c.benchmark_group("traced function");
    g.throughput(Throughput::Elements(per_call * 1000));
    g.bench_function(
        format!("ten_locals x1000 ({per_call} events per call)"),
        |b| {
            b.iter_batched(
                || (),
                |()| {
                    trace_ownership::capture(|| {
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
