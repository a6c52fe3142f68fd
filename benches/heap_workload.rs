// The workload shared by `heap_tracker` (with the tracker as global allocator) and
// `heap_system` (with the system allocator): one allocation and its free per iteration.

use criterion::{BatchSize, Criterion, Throughput};
use std::hint::black_box;

const N: u64 = 10_000;

pub fn bench(c: &mut Criterion, allocator: &str) {
    let mut g = c.benchmark_group(format!("alloc+free of a Box<u64>, {allocator}"));
    g.throughput(Throughput::Elements(N));
    g.bench_function("nothing traced", |b| {
        b.iter(|| {
            for i in 0..N {
                drop(black_box(Box::new(black_box(i))));
            }
        })
    });
    g.bench_function("inside a traced call (each alloc and free recorded)", |b| {
        b.iter_batched(
            || (),
            |()| {
                trace_ownership::capture(|| {
                    for i in 0..N {
                        drop(black_box(Box::new(black_box(i))));
                    }
                })
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
}
