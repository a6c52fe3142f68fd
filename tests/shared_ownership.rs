//! Shared ownership (the Rust Book, 15.4): `Rc::clone(&a)` and `a.clone()` make a new owner of
//! the same value, never a copy; each owner's drop is one owner fewer, and the value is freed
//! only with the last one. Ground truth: `Rc::strong_count` read by the program itself, a
//! logging `Drop` on the shared value, and the heap tracker for when its block is freed.

mod common;
use common::*;
use std::rc::Rc;
use std::sync::Arc;
use trace_ownership::{trace_ownership, EventKind, Trace};

#[global_allocator]
static HEAP: trace_ownership::HeapTracker = trace_ownership::HeapTracker::new();

/// The owner counts the program reads after each new owner and after the inner one's drop.
#[trace_ownership]
fn three_owners() -> [usize; 4] {
    let a = Rc::new(noisy("list"));
    let one = Rc::strong_count(&a);
    let b = Rc::clone(&a);
    let two = Rc::strong_count(&a);
    let three = {
        let c = a.clone();
        Rc::strong_count(&c)
    };
    let after_c = Rc::strong_count(&b);
    [one, two, three, after_c]
}

fn sentence_of(trace: &Trace, kind: EventKind, var: &str) -> String {
    let ev = trace
        .events
        .iter()
        .find(|e| e.kind == kind && e.var == var)
        .unwrap_or_else(|| panic!("no {kind:?} of {var}\n{trace}"));
    trace_ownership::explain::sentence(ev)
}

#[test]
fn a_clone_of_an_rc_is_a_new_owner_and_the_last_drop_frees() {
    let (counts, trace, _, real) = run_checked(three_owners);
    // What the program itself read.
    assert_eq!(counts, [1, 2, 3, 2]);
    assert_eq!(
        story(&trace, &["bind", "clone", "drop", "out_of_scope"])
            .into_iter()
            .filter(|s| !["one", "two", "three"].contains(&s.rsplit(' ').next().unwrap()))
            .collect::<Vec<_>>(),
        [
            "bind a",
            "clone a->b",
            "bind b",
            "clone a->c",
            "bind c",
            "drop c",
            "bind after_c",
            "drop after_c",
            "drop b",
            "drop a",
        ]
    );
    // The shared value itself was dropped once, with its last owner.
    assert_eq!(real, ["list"]);
    // Each new owner's bind shows the count the program read right after it.
    let strong = |var: &str| {
        trace
            .events
            .iter()
            .find(|e| e.kind == EventKind::Bind && e.var == var)
            .and_then(|e| e.heap)
            .and_then(|h| h.strong)
    };
    assert_eq!(
        [strong("a"), strong("b"), strong("c")],
        [Some(1), Some(2), Some(3)]
    );
    // Never "a deep copy".
    let text = trace.to_string();
    assert!(!text.contains("deep copy"), "{text}");
    for clone in trace.of_kind(EventKind::Cloned) {
        assert_eq!(
            trace_ownership::explain::sentence(clone),
            format!(
                "`a` cloned into `{}`: a new owner of the same value, nothing is copied (the `Rc` now counts one owner more)",
                clone.to.as_deref().unwrap()
            )
        );
    }
    assert_eq!(
        sentence_of(&trace, EventKind::Dropped, "c"),
        "`c` goes out of scope and is dropped: one owner fewer; the shared value is freed only when its last owner is dropped"
    );
}

#[test]
fn the_shared_block_is_freed_only_at_the_last_owners_drop() {
    let (_, trace) = trace_ownership::capture(three_owners);
    let rc_block = trace
        .events
        .iter()
        .find(|e| e.kind == EventKind::Bind && e.var == "a")
        .and_then(|e| e.heap)
        .and_then(|h| h.addr)
        .expect("the Rc's heap address");
    // `Rc::as_ptr` points at the value inside the block; the block starts two counters before.
    let block_start = rc_block - 2 * std::mem::size_of::<usize>();
    let freed_at: Vec<usize> = trace
        .events
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            e.kind == EventKind::Dealloc && e.heap.and_then(|h| h.addr) == Some(block_start)
        })
        .map(|(i, _)| i)
        .collect();
    assert_eq!(freed_at.len(), 1, "{trace}");
    // The drop event right before the free (the value's String is freed first) is `a`'s, the
    // last owner's; the drops of `c` and `b` free nothing.
    let owner_drop = trace.events[..freed_at[0]]
        .iter()
        .rev()
        .find(|e| e.kind == EventKind::Dropped)
        .unwrap();
    assert_eq!(owner_drop.var, "a");
    for var in ["b", "c"] {
        let i = trace
            .events
            .iter()
            .position(|e| e.kind == EventKind::Dropped && e.var == var)
            .unwrap();
        assert_ne!(
            trace.events[i + 1].kind,
            EventKind::Dealloc,
            "`{var}` freed something\n{trace}"
        );
    }
}

#[trace_ownership]
fn arc_owners() -> usize {
    let a = Arc::new(String::from("shared"));
    let b = a.clone();
    Arc::strong_count(&b)
}

#[test]
fn an_arc_clone_is_a_new_owner_too() {
    let (n, trace) = trace_ownership::capture(arc_owners);
    assert_eq!(n, 2);
    assert_eq!(
        sentence_of(&trace, EventKind::Cloned, "a"),
        "`a` cloned into `b`: a new owner of the same value, nothing is copied (the `Arc` now counts one owner more)"
    );
    // Each owner's bind shows the count right after it (the program read 2 at the end) and
    // the one shared value both point to.
    let heap = |var: &str| {
        trace
            .events
            .iter()
            .find(|e| e.kind == EventKind::Bind && e.var == var)
            .and_then(|e| e.heap)
            .unwrap_or_else(|| panic!("heap facts of `{var}`\n{trace}"))
    };
    let (a, b) = (heap("a"), heap("b"));
    assert_eq!((a.strong, b.strong), (Some(1), Some(2)));
    assert_eq!((a.weak, b.weak), (Some(0), Some(0)));
    assert!(a.addr.is_some() && a.addr == b.addr, "{a:?} {b:?}");
}

#[trace_ownership]
fn string_clone() -> usize {
    let s = String::from("text");
    let t = s.clone();
    s.len() + t.len()
}

#[test]
fn a_clone_of_a_string_stays_a_deep_copy() {
    let (n, trace) = trace_ownership::capture(string_clone);
    assert_eq!(n, 8);
    assert_eq!(
        sentence_of(&trace, EventKind::Cloned, "s"),
        "`s` cloned into `t`: a deep copy, each owns its own data"
    );
    // The heap tracker agrees: the clone allocated its own block.
    let clone_at = trace
        .events
        .iter()
        .position(|e| e.kind == EventKind::Cloned)
        .unwrap();
    assert_eq!(trace.events[clone_at + 1].kind, EventKind::Alloc);
}

#[trace_ownership]
fn weak_owner() -> (usize, bool) {
    let a = Rc::new(5);
    let w = Rc::downgrade(&a);
    let w2 = w.clone();
    (Rc::weak_count(&a), w2.upgrade().is_some())
}

#[test]
fn a_weak_clone_does_not_keep_the_value_alive() {
    let ((weak, alive), trace) = trace_ownership::capture(weak_owner);
    assert_eq!((weak, alive), (2, true));
    assert_eq!(
        sentence_of(&trace, EventKind::Cloned, "w"),
        "`w` cloned into `w2`: a new weak reference to the same value: it does not keep the value alive"
    );
    assert_eq!(
        sentence_of(&trace, EventKind::Dropped, "w2"),
        "`w2` goes out of scope and is dropped: one weak reference fewer; it never kept the value alive"
    );
}
