//! The tour's sections, rendered as text and pinned as snapshots: a change in what the trace
//! says about the seed's examples shows up as a snapshot diff to review.

#[path = "../examples/tour/sections.rs"]
#[allow(dead_code)] // the tour prints the intros; the tests only run the functions
mod sections;

use trace_ownership::{EventKind, Trace};

#[global_allocator]
static HEAP: trace_ownership::HeapTracker = trace_ownership::HeapTracker::new();

fn render(trace: &Trace) -> String {
    trace.to_text(false)
}

/// Heap addresses change from run to run: snapshots show `0xADDR`.
macro_rules! assert_text_snapshot {
    ($text:expr) => {
        insta::with_settings!({ filters => vec![(r"0x[0-9a-f]+", "0xADDR")] }, {
            insta::assert_snapshot!($text);
        })
    };
}

#[test]
fn seed_example_tells_the_seeds_story() {
    let ((), trace) = trace_ownership::capture(sections::ownership_and_scope);
    let s_events: Vec<_> = trace.events.iter().filter(|e| e.var == "s").collect();
    // Allocated on the heap...
    assert_eq!(s_events[0].kind, EventKind::Bind);
    assert!(render(&trace).contains("`s` owns a value (a `String`): 24 bytes on the stack at 0x"));
    let addr = s_events[0]
        .heap
        .and_then(|h| h.addr)
        .expect("heap address of s");
    let alloc = trace
        .events
        .iter()
        .find(|e| e.kind == EventKind::Alloc)
        .unwrap();
    assert_eq!(
        (alloc.count, alloc.heap.and_then(|h| h.addr)),
        (Some(5), Some(addr))
    );
    // The same 5 bytes are freed right after `s` is dropped, at the closing brace.
    let drop_at = trace
        .events
        .iter()
        .rposition(|e| e.var == "s" && e.kind == EventKind::Dropped)
        .unwrap();
    let freed = &trace.events[drop_at + 1];
    assert_eq!(
        (freed.kind, freed.heap.and_then(|h| h.addr)),
        (EventKind::Dealloc, Some(addr))
    );
    // ...valid in scope, freed when it goes out of scope.
    let last = s_events.last().unwrap();
    assert_eq!(last.kind, EventKind::Dropped);
    assert!(render(&trace)
        .contains("`s` goes out of scope and is dropped: its heap buffer of text is freed"));
    // The inner block's String is freed first, at its own closing brace.
    let inner_drop = trace
        .events
        .iter()
        .find(|e| e.var == "inner" && e.kind == EventKind::Dropped)
        .unwrap();
    assert!(inner_drop.line < last.line);
}

macro_rules! snapshot_section {
    ($name:ident, $f:expr) => {
        #[test]
        fn $name() {
            let (_, trace) = trace_ownership::capture($f);
            assert_text_snapshot!(render(&trace));
        }
    };
}

snapshot_section!(stack_and_heap, sections::stack_and_heap);
snapshot_section!(ownership_and_scope, sections::ownership_and_scope);
snapshot_section!(move_clone_copy, sections::move_clone_copy);
snapshot_section!(borrowing, sections::borrowing);
snapshot_section!(no_garbage_collector, sections::no_garbage_collector);

#[test]
fn every_section_runs_and_records() {
    for s in sections::all() {
        let (_, trace) = trace_ownership::capture(s.run);
        assert!(trace.events.len() > 3, "{}", s.title);
    }
}
