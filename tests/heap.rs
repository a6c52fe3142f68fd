//! Stack and heap made visible: with the heap tracker as the global allocator, traces show real
//! allocations and frees, attributed to the ownership events around them.

mod common;
use common::find;
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

/// Written types whose element is left to inference: the outer constructor says a heap block
/// is there, and the element type is settled later by the code after the `let`.
#[trace_ownership]
fn inferred_elements() -> usize {
    let mut v: Vec<_> = make();
    let mut w: Vec<_> = Vec::with_capacity(4);
    w.push(7u16);
    v.push(true);
    v.len() + w.len()
}

fn make<T: Default>() -> T {
    T::default()
}

#[test]
fn a_written_heap_type_with_inferred_parts_still_shows_its_heap_block() {
    let (n, trace) = trace_ownership::capture(inferred_elements);
    assert_eq!(n, 2);
    // `make()` gives an empty `Vec<bool>`: no heap block yet.
    assert_eq!(bind_heap(&trace, "v"), (None, Some(0)));
    // `w`'s block is the tracker's allocation of 4 `u16`s, at the same address.
    let alloc = (trace.of_kind(EventKind::Alloc).next()).expect("w's allocation");
    assert_eq!(alloc.count, Some(8));
    assert_eq!(bind_heap(&trace, "w"), (alloc.heap.unwrap().addr, Some(8)));
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
// rustc: "value assigned to `..` is never read" (the first value is replaced unread), as
// untraced: the traced copy keeps the warning.
#[allow(unused_assignments)]
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

#[trace_ownership]
fn empty_owners() -> usize {
    let s: String = String::new();
    let v: Vec<u64> = Vec::new();
    s.capacity() + v.capacity()
}

/// An empty `String` or `Vec` owns no heap block: its `bind` shows 0 bytes and no address (its
/// pointer is a placeholder, not a block). Ground truth: `capacity()` is 0, and the tracker
/// sees no allocation and no free.
#[test]
fn an_empty_string_or_vec_owns_no_block_and_shows_no_address() {
    let (capacity, trace) = trace_ownership::capture(empty_owners);
    assert_eq!(capacity, 0);
    assert_eq!(bind_heap(&trace, "s"), (None, Some(0)), "{trace}");
    assert_eq!(bind_heap(&trace, "v"), (None, Some(0)), "{trace}");
    assert!(
        !trace.events.iter().any(|e| is_heap(e.kind)),
        "no heap traffic\n{trace}"
    );
}

fn is_heap(kind: EventKind) -> bool {
    matches!(
        kind,
        EventKind::Alloc | EventKind::Dealloc | EventKind::Realloc
    )
}

/// The free of the block of `bytes` bytes.
fn free_of(trace: &Trace, bytes: u64) -> usize {
    find(trace, |e| {
        e.kind == EventKind::Dealloc && e.count == Some(bytes)
    })
}

#[trace_ownership]
fn leaves_early_with_heap(stop: bool) -> (usize, u32) {
    let a = String::from("first");
    let b = String::from("second");
    if stop {
        return (1, line!());
    }
    (a.len() + b.len(), 0)
}

/// The frees between the drops of an early `return` do not end the early exit: every drop
/// after it says it was left early at the `return`, and the call ends there. Ground truth: the
/// function's own `line!()` at its `return`.
#[test]
fn the_frees_of_an_early_return_leave_its_drops_at_the_return() {
    let ((r, at), trace) = trace_ownership::capture(|| leaves_early_with_heap(true));
    assert_eq!(r, 1);
    let drops: Vec<(&str, Option<&str>)> = trace
        .events
        .iter()
        .filter(|e| e.kind == EventKind::Dropped)
        .map(|e| (e.var.as_ref(), e.detail.as_deref()))
        .collect();
    let early = format!("left early at line {at}");
    assert_eq!(
        drops,
        [
            ("b", Some(early.as_str())),
            ("a", Some(early.as_str())),
            ("stop", Some(early.as_str()))
        ],
        "{trace}"
    );
    assert_eq!(trace.of_kind(EventKind::Dealloc).count(), 2, "{trace}");
    let exit = find(&trace, |e| e.kind == EventKind::FnExit);
    assert_eq!(trace.events[exit].line, at, "{trace}");
}

#[trace_ownership]
// rustc: "value assigned to `..` is never read" (the first value is replaced unread), as
// untraced: the traced copy keeps the warning.
#[allow(unused_assignments)]
fn drop_then_reassign() -> (usize, u32) {
    let mut s = String::from("a");
    let t = String::from("bb");
    drop(t);
    let n = 5;
    s = String::from("ccc");
    (s.len() + n, line!() - 1)
}

/// A free by `drop(t)` stays at `drop(t)`, even when an assignment's free follows it: only
/// the frees right before the assignment's `drop` are the assignment's. Ground truth: the
/// tracker's blocks by their sizes (`t` owns 2 bytes, the old `s` 1) and the function's
/// `line!()` of the assignment.
#[test]
fn a_free_before_an_assignment_stays_at_the_drop_that_made_it() {
    let ((_, assign_line), trace) = trace_ownership::capture(drop_then_reassign);
    let t_free = free_of(&trace, 2);
    let t_drop = &trace.events[t_free - 1];
    assert_eq!(
        (t_drop.kind, t_drop.var.as_ref()),
        (EventKind::Dropped, "t"),
        "{trace}"
    );
    assert_eq!(trace.events[t_free].line, t_drop.line, "{trace}");
    let s_free = free_of(&trace, 1);
    let s_drop = &trace.events[s_free - 1];
    assert_eq!(
        (s_drop.var.as_ref(), s_drop.detail.as_deref()),
        ("s", Some("old value replaced by assignment")),
        "{trace}"
    );
    assert_eq!(trace.events[s_free].line, assign_line, "{trace}");
}

#[trace_ownership]
// rustc: "value assigned to `..` is never read" (the first value is replaced unread), as
// untraced: the traced copy keeps the warning.
#[allow(unused_assignments)]
fn drop_right_before_reassign() -> (usize, u32) {
    let mut s = String::from("a");
    let t = String::from("bb");
    let k = t.len();
    drop(t);
    s = String::from("ccc");
    (s.len() + k - 2, line!() - 1)
}

/// The same with nothing recorded between `drop(t)` and the assignment (and, before `drop(t)`,
/// events of other variables since `t`'s `bind`).
#[test]
fn a_free_right_before_an_assignment_stays_at_the_drop_that_made_it() {
    let ((_, assign_line), trace) = trace_ownership::capture(drop_right_before_reassign);
    let t_free = free_of(&trace, 2);
    let t_drop = &trace.events[t_free - 1];
    assert_eq!(
        (t_drop.kind, t_drop.var.as_ref()),
        (EventKind::Dropped, "t"),
        "{trace}"
    );
    assert_eq!(trace.events[t_free].line, t_drop.line, "{trace}");
    let s_free = free_of(&trace, 1);
    assert_eq!(trace.events[s_free].line, assign_line, "{trace}");
}

#[trace_ownership]
fn give_back(s: String) -> String {
    s
}

#[trace_ownership]
fn drops_what_it_is_given_back() -> usize {
    give_back(String::from("hello"));
    0
}

/// A parameter the callee gives back is not freed in the callee: the caller's statement drops
/// the value returned, after the callee's exit. Ground truth: the block the tracker frees is
/// the one `s` owned (its address).
#[test]
fn a_block_given_back_and_dropped_by_the_caller_is_freed_after_the_callee_returned() {
    let (_, trace) = trace_ownership::capture(drops_what_it_is_given_back);
    let free = freed_by_the_caller_after(&trace, "give_back");
    assert_eq!(
        trace.events[free].heap.unwrap().addr,
        bind_heap(&trace, "s").0
    );
}

#[trace_ownership]
fn hands_back(v: String) -> String {
    v
}

#[trace_ownership]
fn keeps_and_returns(x: String) -> String {
    let kept = hands_back(x);
    let v = String::from("other");
    let _ = &v;
    kept
}

#[trace_ownership]
fn drops_what_it_gets() -> usize {
    keeps_and_returns(String::from("block"));
    0
}

/// The same through two calls, where the inner callee's parameter is named like a local of the
/// outer one that is dropped there (`v`): the block is still freed by the caller, after the
/// outer call returned.
#[test]
fn a_block_given_back_through_two_calls_is_freed_by_the_caller() {
    let (_, trace) = trace_ownership::capture(drops_what_it_gets);
    let exit = find(&trace, |e| {
        e.kind == EventKind::FnExit && e.var == "keeps_and_returns"
    });
    let x = bind_heap(&trace, "x").0;
    let free = find(&trace, |e| {
        e.kind == EventKind::Dealloc && e.heap.unwrap().addr == x
    });
    assert!(free > exit, "{trace}");
    assert_eq!(trace.events[free].depth, 0, "{trace}");
}

#[trace_ownership]
fn shadows_its_parameter(s: String) -> String {
    let t = give_back(s);
    {
        let s = String::from("shadow");
        let _ = &s;
    }
    t
}

#[trace_ownership]
fn drops_what_the_shadower_gives_back() -> usize {
    shadows_its_parameter(String::from("block"));
    0
}

/// The same where the callee's parameter `s` is moved on, and a local `s` that shadows it is
/// dropped in the callee.
#[test]
fn a_block_given_back_by_a_function_that_shadows_its_parameter_is_freed_by_the_caller() {
    let (_, trace) = trace_ownership::capture(drops_what_the_shadower_gives_back);
    freed_by_the_caller_after(&trace, "shadows_its_parameter");
}

/// The free of the 5-byte block: after `callee`'s exit, in the caller (depth 0). Its index.
fn freed_by_the_caller_after(trace: &Trace, callee: &str) -> usize {
    let exit = find(trace, |e| e.kind == EventKind::FnExit && e.var == callee);
    let free = free_of(trace, 5);
    assert!(free > exit, "{trace}");
    assert_eq!(trace.events[free].depth, 0, "{trace}");
    free
}

#[trace_ownership]
fn takes(s: String) -> usize {
    s.len()
}

#[trace_ownership]
fn frees_a_block_at_a_freed_parameters_address() -> usize {
    let n = takes(String::from("hello"));
    let t = String::from("world");
    drop(t);
    n
}

/// A parameter's block is freed in its callee; a later block of the caller is freed where the
/// caller drops it, even at the same address (the allocator hands the freed place out again
/// for the same size, as glibc's does).
#[test]
fn a_later_block_at_a_parameters_old_address_is_freed_where_it_is_dropped() {
    let (_, trace) = trace_ownership::capture(frees_a_block_at_a_freed_parameters_address);
    let frees: Vec<usize> = trace
        .events
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == EventKind::Dealloc)
        .map(|(i, _)| i)
        .collect();
    assert_eq!(frees.len(), 2, "{trace}");
    let exit = find(&trace, |e| e.kind == EventKind::FnExit && e.var == "takes");
    assert_eq!(trace.events[frees[0] - 1].var, "s", "{trace}");
    assert!(
        frees[0] < exit,
        "the parameter is freed in its callee\n{trace}"
    );
    let t_drop = &trace.events[frees[1] - 1];
    assert_eq!(
        (t_drop.kind, t_drop.var.as_ref()),
        (EventKind::Dropped, "t"),
        "{trace}"
    );
    assert_eq!(trace.events[frees[1]].line, t_drop.line);
    assert_eq!(trace.events[frees[1]].depth, 0);
}

#[trace_ownership]
fn drops_its_parameter_then_makes_a_tail_temporary(s: String) -> usize {
    drop(s);
    String::from("hello").len()
}

#[trace_ownership]
fn passes_a_block_dropped_early() -> usize {
    drops_its_parameter_then_makes_a_tail_temporary(String::from("world"))
}

/// A parameter dropped early by `drop()` is freed there, once; the tail's temporary, made
/// after it (at the same address: the allocator hands the freed place out again for the same
/// size, as glibc's does) is another block, freed at the call's end, not at that `drop()`.
#[test]
fn a_tail_temporary_at_a_dropped_parameters_address_is_not_freed_by_its_drop() {
    let (r, trace) = trace_ownership::capture(passes_a_block_dropped_early);
    assert_eq!(r, 5);
    let drop = &trace.events[find(&trace, |e| e.kind == EventKind::Dropped && e.var == "s")];
    let frees: Vec<(u32, u32)> = trace
        .of_kind(EventKind::Dealloc)
        .map(|e| (e.line, e.col))
        .collect();
    assert_eq!(frees.len(), 2, "{trace}");
    assert_eq!(
        frees
            .iter()
            .filter(|&&at| at == (drop.line, drop.col))
            .count(),
        1,
        "one block freed at drop(s)\n{trace}"
    );
}

/// A type written as a qualified path (`<T as Store>::Buf`) whose last segment names a heap
/// type is asked for its heap block like any other written type.
trait Store {
    type Vec;
}

struct Bytes;

impl Store for Bytes {
    type Vec = Vec<u8>;
}

fn three_bytes() -> Vec<u8> {
    vec![1, 2, 3]
}

#[trace_ownership]
fn through_a_projection() -> usize {
    let v: <Bytes as Store>::Vec = three_bytes();
    v.len()
}

/// In generic code the same written type is a projection the compiler cannot see through: the
/// probe then finds no heap type and says nothing (and the function compiles as untraced).
#[trace_ownership]
fn through_a_generic_projection<T: Store>(v: <T as Store>::Vec) -> usize
where
    <T as Store>::Vec: Clone,
{
    let w: <T as Store>::Vec = v.clone();
    drop(w);
    drop(v);
    0
}

#[test]
fn a_qualified_path_type_gets_the_heap_block_its_value_owns() {
    let (n, trace) = trace_ownership::capture(through_a_projection);
    assert_eq!(n, 3);
    let bind = trace
        .events
        .iter()
        .find(|e| e.kind == EventKind::Bind && e.var == "v")
        .unwrap();
    let h = bind.heap.expect("heap facts of `v`");
    assert_eq!(h.bytes, Some(3), "{trace}");
    let (_, trace) = trace_ownership::capture(|| through_a_generic_projection::<Bytes>(vec![7]));
    assert!(trace
        .events
        .iter()
        .any(|e| e.kind == EventKind::Bind && e.var == "w"));
}

/// Where a string's heap block really is: (address, capacity).
#[allow(clippy::ptr_arg)] // the capacity is the `String`'s
fn block_of(s: &String) -> (Option<usize>, Option<usize>) {
    (Some(s.as_ptr() as usize), Some(s.capacity()))
}

#[trace_ownership]
#[allow(unused_parens)]
fn heads_known_from_the_source() -> [(Option<usize>, Option<usize>); 4] {
    let paren = (String::from("paren"));
    let to_string = "to_string".to_string();
    let to_owned = "to_owned".to_owned();
    let copy = to_owned.clone();
    [
        block_of(&paren),
        block_of(&to_string),
        block_of(&to_owned),
        block_of(&copy),
    ]
}

#[test]
fn a_string_made_by_a_call_in_parentheses_to_string_to_owned_or_a_clone_shows_its_heap_block() {
    // Each of these initializers makes a `String` whose type the source alone shows, so its
    // binding reports the heap block: the very address and size the program sees.
    let (truth, trace) = trace_ownership::capture(heads_known_from_the_source);
    for (var, block) in ["paren", "to_string", "to_owned", "copy"].iter().zip(truth) {
        assert_eq!(bind_heap(&trace, var), block, "`{var}`\n{trace}");
    }
}

fn keep(s: String) -> usize {
    s.len()
}

/// A parameter whose callee also moves another parameter away, and moves a value of a shadow of
/// the parameter's name in an inner block: the parameter's own drop, at the end of the call,
/// frees its block.
#[trace_ownership]
fn outlives_a_move_and_a_shadow(u: String, s: String) -> usize {
    let m = keep(u);
    let n = {
        let s = String::from("x");
        keep(s)
    };
    s.len() + n + m
}

#[trace_ownership]
fn calls_the_shadower() -> usize {
    outlives_a_move_and_a_shadow(String::from("uuu"), String::from("seven!!"))
}

#[test]
fn a_parameters_block_is_freed_at_its_own_drop_past_moves_and_shadows_in_the_call() {
    let (n, trace) = trace_ownership::capture(calls_the_shadower);
    assert_eq!(n, 11);
    // In the callee, where `s` is dropped.
    let drop = find(&trace, |e| {
        e.kind == EventKind::Dropped
            && e.var == "s"
            && e.depth == 1
            && e.ty.as_deref() != Some("u8")
    });
    parameter_s_freed_at(&trace, "outlives_a_move_and_a_shadow", drop);
}

/// The 7-byte block the parameter `s` of `callee` was bound with is freed in the callee, where
/// its drop (`events[drop]`) is: before the call's exit, at its depth and the drop's line.
fn parameter_s_freed_at(trace: &Trace, callee: &str, drop: usize) {
    let (addr, _) = bind_heap(trace, "s");
    let exit = find(trace, |e| e.kind == EventKind::FnExit && e.var == callee);
    let free = free_of(trace, 7);
    assert_eq!(trace.events[free].heap.unwrap().addr, addr, "{trace}");
    assert!(free < exit, "{trace}");
    assert_eq!(
        (trace.events[free].depth, trace.events[free].line),
        (1, trace.events[drop].line),
        "{trace}"
    );
}

/// A parameter moved away and then given a new value: the block it was bound with went with the
/// move (here back to the caller, which frees it after the call), not with its drop at the end.
#[trace_ownership]
fn moved_then_refilled(mut s: String) -> String {
    let t = s;
    s = String::from("new");
    let _ = s.len();
    t
}

#[trace_ownership]
fn drops_what_the_refiller_gives_back() -> usize {
    moved_then_refilled(String::from("block"));
    0
}

#[test]
fn a_parameter_moved_away_does_not_take_the_callers_free_with_its_later_drop() {
    let (_, trace) = trace_ownership::capture(drops_what_the_refiller_gives_back);
    freed_by_the_caller_after(&trace, "moved_then_refilled");
}

/// A parameter shadowed by a local of its name that `drop()` frees early: the parameter's own
/// drop, at the end of the call, frees the parameter's block; the shadow's drop, earlier, freed
/// only the shadow's.
#[trace_ownership]
fn shadow_dropped_early(s: String) -> usize {
    let n = s.len();
    let s = String::from("shadow");
    drop(s);
    n
}

#[trace_ownership]
fn calls_the_early_dropper() -> usize {
    shadow_dropped_early(String::from("seven!!"))
}

#[test]
fn a_parameters_block_is_freed_at_its_own_drop_not_at_an_early_drop_of_its_shadow() {
    let (n, trace) = trace_ownership::capture(calls_the_early_dropper);
    assert_eq!(n, 7);
    // The parameter's drop: the last `drop` of `s` in the call, after the shadow's `drop(s)`.
    let drops: Vec<usize> = (0..trace.events.len())
        .filter(|&i| {
            let e = &trace.events[i];
            e.kind == EventKind::Dropped && e.var == "s" && e.depth == 1
        })
        .collect();
    assert_eq!(drops.len(), 2, "the shadow's and the parameter's:\n{trace}");
    let (early, own) = (drops[0], drops[1]);
    assert!(trace.events[early].line < trace.events[own].line, "{trace}");
    parameter_s_freed_at(&trace, "shadow_dropped_early", own);
}

#[trace_ownership]
fn shows_all(items: Vec<impl std::fmt::Display>) -> usize {
    items.len()
}

#[test]
fn a_parameter_whose_type_cannot_be_named_in_the_body_still_shows_its_heap_block() {
    // `Vec<impl Display>` cannot be written again inside the function, but it is a `Vec`: the
    // parameter's bind shows the block the vector really points to.
    let items = vec![1u32, 2, 3];
    let (ptr, cap) = (items.as_ptr() as usize, items.capacity());
    let (n, trace) = trace_ownership::capture(|| shows_all(items));
    assert_eq!(n, 3);
    assert_eq!(
        bind_heap(&trace, "items"),
        (Some(ptr), Some(cap * std::mem::size_of::<u32>()))
    );
}
