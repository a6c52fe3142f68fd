//! The baseline for `heap_tracker`: the same workload with the system allocator.
//!
//! ```text
//! cargo bench --bench heap_system
//! ```

#[path = "heap_workload.rs"]
mod workload;

fn bench(c: &mut criterion::Criterion) {
    workload::bench(c, "system allocator");
}

criterion::criterion_group!(benches, bench);
criterion::criterion_main!(benches);
