//! The heap tracker's cost per allocation (alloc + free), with nothing traced and inside a traced
//! call; compare with `heap_system`, the same workload with the system allocator.
//!
//! ```text
//! cargo bench --bench heap_tracker && cargo bench --bench heap_system
//! ```

#[global_allocator]
static HEAP: trace_ownership::HeapTracker = trace_ownership::HeapTracker::new();

#[path = "heap_workload.rs"]
mod workload;

fn bench(c: &mut criterion::Criterion) {
    workload::bench(c, "heap tracker");
}

criterion::criterion_group!(benches, bench);
criterion::criterion_main!(benches);
