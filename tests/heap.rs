//! Stack and heap made visible: with the heap tracker as the global allocator, traces show real
//! allocations and frees, attributed to the ownership events around them.

use std::rc::Rc;
use trace_ownership::{trace_ownership, EventKind, Trace};

#[global_allocator]
static HEAP: trace_ownership::HeapTracker = trace_ownership::HeapTracker::new();

fn allocs(trace: &Trace) -> Vec<u64> {
    trace
        .of_kind(EventKind::Alloc)
        .map(|e| e.count.unwrap())
        .collect()
}

fn bind_heap(trace: &Trace, var: &str) -> (Option<usize>, Option<usize>) {
    let e = trace
        .events
        .iter()
        .find(|e| e.kind == EventKind::Bind && e.var == var)
        .unwrap();
    let h = e.heap.expect("heap facts");
    (h.addr, h.bytes)
}

#[trace_ownership]
fn known_sizes() -> usize {
    let s = String::from("hello");
    let v: Vec<u32> = Vec::with_capacity(10);
    let b = Box::new(5u64);
    s.len() + v.capacity() + *b as usize
}

#[test]
fn figures_equal_known_truths() {
    let (_, trace) = trace_ownership::capture(known_sizes);
    assert!(trace.heap_tracker);
    assert_eq!(allocs(&trace), [5, 40, 8]);
    assert_eq!(bind_heap(&trace, "s").1, Some(5));
    assert_eq!(bind_heap(&trace, "v").1, Some(40));
    assert_eq!(bind_heap(&trace, "b").1, Some(8));
    // Each allocation is placed at the statement that made it, just before its binding.
    for var in ["s", "v", "b"] {
        let i = trace
            .events
            .iter()
            .position(|e| e.kind == EventKind::Bind && e.var == var)
            .unwrap();
        assert_eq!(trace.events[i - 1].kind, EventKind::Alloc);
        assert_eq!(trace.events[i - 1].line, trace.events[i].line);
        assert_eq!(
            trace.events[i - 1].heap.unwrap().addr,
            trace.events[i].heap.unwrap().addr
        );
    }
}

#[trace_ownership]
fn move_then_clone() -> usize {
    let s1 = String::from("hello world");
    let s2 = s1;
    let s3 = s2.clone();
    s2.len() + s3.len()
}

#[test]
fn a_move_allocates_nothing_and_keeps_the_heap_address_a_clone_allocates_the_length() {
    let (_, trace) = trace_ownership::capture(move_then_clone);
    let (a1, _) = bind_heap(&trace, "s1");
    let (a2, _) = bind_heap(&trace, "s2");
    let (a3, b3) = bind_heap(&trace, "s3");
    assert_eq!(
        a1, a2,
        "the move copies the stack part only: same heap buffer"
    );
    let stack = |v: &str| {
        trace
            .events
            .iter()
            .find(|e| e.kind == EventKind::Bind && e.var == v)
            .unwrap()
            .addr
    };
    assert!(stack("s1").is_some());
    assert_ne!(stack("s1"), stack("s2"), "...into a new place on the stack");
    assert_ne!(a2, a3, "the clone has its own buffer");
    assert_eq!(b3, Some(11));
    assert_eq!(
        allocs(&trace),
        [11, 11],
        "one for String::from, one for the clone, none for the move"
    );
    let between: Vec<_> = trace
        .events
        .iter()
        .skip_while(|e| e.kind != EventKind::Move)
        .take_while(|e| e.kind != EventKind::Cloned)
        .filter(|e| e.kind == EventKind::Alloc)
        .collect();
    assert!(between.is_empty());
}

#[trace_ownership]
fn frees_at_drops_and_assignments() -> usize {
    let mut a = String::from("first");
    let b = vec![1u8, 2, 3];
    a = String::from("second value");
    let c = Box::new([0u16; 4]);
    drop(b);
    a.len() + c.len()
}

/// Every heap block allocated and freed inside the call is freed right after a `drop` event:
/// the drop is recorded just before the real free, and an assignment's drop of the old value
/// (recorded once the assignment has run) is put before the free it caused.
#[test]
fn every_block_freed_inside_the_call_is_freed_at_a_drop_or_reassignment() {
    let (_, trace) = trace_ownership::capture(frees_at_drops_and_assignments);
    let allocated: Vec<usize> = trace
        .of_kind(EventKind::Alloc)
        .map(|e| e.heap.unwrap().addr.unwrap())
        .collect();
    let mut checked = 0;
    for (i, e) in trace.events.iter().enumerate() {
        if e.kind != EventKind::Dealloc || !allocated.contains(&e.heap.unwrap().addr.unwrap()) {
            continue;
        }
        let prev = &trace.events[i - 1];
        let at_drop = prev.kind == EventKind::Dropped || prev.kind == EventKind::Dealloc;
        assert!(at_drop, "free at event {i} not at a drop:\n{trace}");
        checked += 1;
    }
    assert_eq!(
        checked, 4,
        "first, the vec, second and the box are all freed inside\n{trace}"
    );
    let freed_by_assign = trace
        .events
        .iter()
        .position(|e| e.detail.as_deref() == Some("old value replaced by assignment"))
        .unwrap();
    assert_eq!(
        trace.events[freed_by_assign + 1].count,
        Some(5),
        "the old 5-byte buffer"
    );
}

#[trace_ownership]
fn nothing_on_the_heap(n: u32) -> u32 {
    let a = n + 1;
    let b = a * 2;
    let c = (a, b);
    c.0 + c.1
}

#[test]
fn the_recorders_own_allocations_never_show() {
    // The recorder allocates for its events and their texts; none of it is reported.
    let (r, trace) = trace_ownership::capture(|| nothing_on_the_heap(3));
    assert_eq!(r, 12);
    assert!(trace.events.len() > 5);
    assert_eq!(trace.of_kind(EventKind::Alloc).count(), 0, "{trace}");
    assert_eq!(trace.of_kind(EventKind::Dealloc).count(), 0, "{trace}");
}

#[test]
fn threads_do_not_mix() {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::Arc;
    let stop = Arc::new(AtomicBool::new(false));
    let rounds = Arc::new(AtomicUsize::new(0));
    let (s2, r2) = (stop.clone(), rounds.clone());
    let noise = std::thread::spawn(move || {
        while !s2.load(Ordering::Relaxed) {
            let v = std::hint::black_box(vec![0u8; 777]);
            drop(v);
            r2.fetch_add(1, Ordering::Relaxed);
        }
    });
    while rounds.load(Ordering::Relaxed) == 0 {
        std::thread::yield_now();
    }
    let before = rounds.load(Ordering::Relaxed);
    let (_, trace) = trace_ownership::capture(|| {
        // Run long enough for the other thread to allocate meanwhile.
        while rounds.load(Ordering::Relaxed) < before + 100 {
            std::thread::yield_now();
        }
        known_sizes()
    });
    stop.store(true, Ordering::Relaxed);
    noise.join().unwrap();
    assert_eq!(
        allocs(&trace),
        [5, 40, 8],
        "no 777-byte allocation from the other thread"
    );
}

#[trace_ownership]
fn shared_ownership() -> usize {
    let a = Rc::new(String::from("shared"));
    let b = Rc::clone(&a);
    let c = a.clone();
    let n = Rc::strong_count(&c);
    drop(a);
    drop(b);
    n
}

#[test]
fn rc_clone_counts_up_without_a_deep_copy_and_the_last_owner_frees() {
    let (n, trace) = trace_ownership::capture(shared_ownership);
    assert_eq!(n, 3);
    let strong = |v: &str| {
        trace
            .events
            .iter()
            .find(|e| e.kind == EventKind::Bind && e.var == v)
            .unwrap()
            .heap
            .unwrap()
            .strong
    };
    assert_eq!(
        (strong("a"), strong("b"), strong("c")),
        (Some(1), Some(2), Some(3))
    );
    let addr = |v: &str| bind_heap(&trace, v).0;
    assert_eq!(addr("a"), addr("b"));
    assert_eq!(addr("a"), addr("c"));
    // Two allocations only: the String's buffer and the Rc's shared block. The clones copy nothing.
    assert_eq!(allocs(&trace).len(), 2, "{trace}");
    // Dropping a and b frees nothing; c, the last owner, frees both blocks at the end.
    let frees: Vec<_> = trace
        .events
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == EventKind::Dealloc)
        .map(|(i, _)| i)
        .collect();
    assert_eq!(frees.len(), 2);
    let last_drop = trace
        .events
        .iter()
        .rposition(|e| e.kind == EventKind::Dropped && e.var == "c")
        .unwrap();
    assert!(frees.iter().all(|&i| i > last_drop), "{trace}");
    let text = trace.to_string();
    assert!(text.contains("shared value on the heap"), "{text}");
    assert!(text.contains("(3 owners now)"), "{text}");
}

#[trace_ownership]
fn a_temporary_allocated_and_freed_in_one_statement() -> usize {
    let s = String::from("a");
    let n = String::from("tmp").len();
    s.len() + n
}

/// An allocation is put on the statement that caused it (the next ownership event after it);
/// a free in between does not take it: the temporary `String::from("tmp")` is allocated and
/// freed by `let n = ...;`, so both its alloc and its dealloc are on that line, not on the
/// line of `s` before it.
#[test]
fn a_temporarys_alloc_is_on_its_own_statement_even_when_freed_before_the_next_event() {
    let (n, trace) = trace_ownership::capture(a_temporary_allocated_and_freed_in_one_statement);
    assert_eq!(n, 4);
    let tmp_line = temporary_line();
    let on_tmp: Vec<(&str, Option<u64>)> = trace
        .events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Alloc | EventKind::Dealloc) && e.count == Some(3))
        .map(|e| (e.kind.as_str(), e.count))
        .collect();
    assert_eq!(
        on_tmp,
        [("alloc", Some(3)), ("dealloc", Some(3))],
        "{trace}"
    );
    let alloc = trace
        .of_kind(EventKind::Alloc)
        .find(|e| e.count == Some(3))
        .unwrap();
    assert_eq!(alloc.line, tmp_line, "{trace}");
}

/// The line of `let n = String::from("tmp").len();` in this file.
fn temporary_line() -> u32 {
    include_str!("heap.rs")
        .lines()
        .position(|l| l.starts_with("    let n = String::from(\"tmp\").len();"))
        .map(|i| i as u32 + 1)
        .unwrap()
}

/// The temporary is freed at the end of `let n = ...;`, so its `dealloc` belongs on that line
/// (not on the line of the event before it, `let s`, as it once was).
#[test]
fn a_temporarys_dealloc_is_on_the_statement_that_freed_it() {
    let (_, trace) = trace_ownership::capture(a_temporary_allocated_and_freed_in_one_statement);
    let tmp_line = temporary_line();
    let dealloc = trace
        .of_kind(EventKind::Dealloc)
        .find(|e| e.count == Some(3))
        .unwrap();
    assert_eq!(dealloc.line, tmp_line, "{trace}");
}

#[trace_ownership]
fn grows_in_place_of_its_push() -> (usize, usize, u32) {
    let mut v: Vec<u64> = Vec::with_capacity(1);
    v.push(1);
    let before = v.capacity();
    let line = line!() + 1;
    v.push(2);
    let after = v.capacity();
    let n = v.len();
    let _ = n;
    (before, after, line)
}

/// A `realloc` is shown on the statement that grew the block: the `push` that found the Vec
/// full. Ground truth: the program's own `capacity()` before and after that push, and the
/// tracker's resize of the very block `v` owns, to the new capacity's bytes.
#[test]
fn a_realloc_is_on_the_statement_that_grew_the_block() {
    let (r, trace) = trace_ownership::capture(grows_in_place_of_its_push);
    let (before, after, push_line) = r;
    assert_eq!(before, 1);
    assert!(after > before, "the second push grew the Vec");
    let grow: Vec<_> = trace
        .events
        .iter()
        .filter(|e| e.kind == EventKind::Realloc || e.kind == EventKind::Alloc)
        .filter(|e| e.line == push_line)
        .collect();
    assert_eq!(
        grow.len(),
        1,
        "one resize on the push's line {push_line}\n{trace}"
    );
    let bytes = grow[0].count.expect("bytes");
    assert_eq!(
        bytes,
        (after * std::mem::size_of::<u64>()) as u64,
        "{trace}"
    );
    assert_eq!(grow[0].kind, EventKind::Realloc, "{trace}");
    assert_eq!(
        trace.of_kind(EventKind::Realloc).count(),
        1,
        "one resize in all\n{trace}"
    );
    // The block `v` frees at its drop is the resized one.
    let freed = trace
        .of_kind(EventKind::Dealloc)
        .last()
        .expect("v's block freed");
    let addr = |e: &trace_ownership::Event| e.heap.and_then(|h| h.addr).expect("an address");
    assert_eq!(addr(freed), addr(grow[0]), "{trace}");
}

// A written type in parentheses, or one a `macro_rules!` pastes in (`$t:ty`, an invisible
// group), is the same type: its binding gets its heap facts like any `String` (found by
// cargo-mutants: `heap_head`).

#[trace_ownership]
#[allow(unused_parens)]
fn parenthesized_types(s: (String)) -> usize {
    let v: (Vec<u8>) = Vec::with_capacity(3);
    s.len() + v.capacity()
}

macro_rules! function_taking {
    ($t:ty) => {
        #[trace_ownership]
        fn pasted_type(s: $t) -> usize {
            s.len()
        }
    };
}
function_taking!(String);

#[test]
fn a_type_in_parentheses_or_pasted_by_a_macro_still_shows_its_heap_block() {
    let (n, trace) = trace_ownership::capture(|| parenthesized_types(String::from("hey")));
    assert_eq!(n, 6);
    assert_eq!(bind_heap(&trace, "s").1, Some(3));
    assert_eq!(bind_heap(&trace, "v").1, Some(3));
    let (n, trace) = trace_ownership::capture(|| pasted_type(String::from("hello")));
    assert_eq!(n, 5);
    // The block is the one allocated for the argument.
    let alloc = trace.of_kind(EventKind::Alloc).next().expect("an alloc");
    let (addr, bytes) = bind_heap(&trace, "s");
    assert_eq!(bytes, Some(5));
    assert_eq!(alloc.heap.and_then(|h| h.addr), addr);
}
