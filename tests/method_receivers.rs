//! Method calls decided by the receiver's real type: the standard library's signatures
//! (evidence `std_signature`), not the method's name. `borrow_mut` on an `Rc<RefCell<_>>` is a
//! shared borrow of the variable and a checked guard; `join` takes `self`; `Option::take`
//! borrows mutably. Ground truth: the program's own run-time checks (`try_borrow_mut` fails
//! while a guard lives), the compiler (a moved handle cannot be used, so it is not dropped), and
//! a logging `Drop`.

mod common;
use common::*;
use std::cell::RefCell;
use std::rc::Rc;
use trace_ownership::{trace_ownership, Event, EventKind, Evidence, Trace};

fn receiver<'t>(trace: &'t Trace, var: &str, method: &str) -> &'t Event {
    let to = format!("{method}()");
    trace
        .events
        .iter()
        .find(|e| {
            e.var == var && e.to.as_deref() == Some(to.as_str()) && e.kind != EventKind::BorrowEnd
        })
        .unwrap_or_else(|| panic!("no receiver event of `{var}.{method}()`\n{trace}"))
}

/// The Book's 15.5: shared owners of a `RefCell`, mutated through one of them.
#[trace_ownership]
fn interior_mutability() -> (i32, bool, bool) {
    let value = Rc::new(RefCell::new(5));
    let other = Rc::clone(&value);
    *value.borrow_mut() += 10;
    let guard = other.borrow();
    let blocked = value.try_borrow_mut().is_err();
    let seen = *guard;
    drop(guard);
    let free = value.try_borrow_mut().is_ok();
    (seen, blocked, free)
}

#[test]
fn refcell_borrow_mut_is_a_shared_borrow_and_a_checked_guard() {
    let ((seen, blocked, free), trace) = trace_ownership::capture(interior_mutability);
    // What the program saw: the guard held its borrow until it was dropped.
    assert_eq!((seen, blocked, free), (15, true, true));

    let bm = receiver(&trace, "value", "borrow_mut");
    assert_eq!(bm.kind, EventKind::Borrowed, "a shared borrow of `value`");
    assert_eq!(bm.evidence, Some(Evidence::StdSignature));
    assert_eq!(
        trace_ownership::explain::sentence(bm),
        "`value` borrowed (shared) by `borrow_mut()` (through the `Rc`, to the `RefCell` inside): the `RefCell` checks, as the program runs, that its contents are not borrowed at all, and hands out a `RefMut` guard: a mutable borrow of the contents until the guard is dropped"
    );
    // The guard kept in `guard` holds the borrow of `other` until `drop(guard)`, not until its
    // last use (`*guard`): the event order matches what `try_borrow_mut` saw.
    let b = receiver(&trace, "other", "borrow");
    assert_eq!(
        (b.kind, b.evidence),
        (EventKind::Borrowed, Some(Evidence::StdSignature))
    );
    let pos = |f: &dyn Fn(&Event) -> bool| trace.events.iter().position(f).unwrap();
    let dropped = pos(&|e| e.kind == EventKind::Dropped && e.var == "guard");
    let ended = pos(&|e| {
        e.kind == EventKind::BorrowEnd && e.var == "other" && e.detail.as_deref() == Some("guard")
    });
    let seen_at = pos(&|e| e.kind == EventKind::Bind && e.var == "seen");
    assert!(seen_at < dropped && dropped < ended, "{trace}");
    assert_eq!(ended, dropped + 1);
    assert_eq!(
        trace_ownership::explain::sentence(&trace.events[dropped]),
        "`guard` is dropped now by `drop()`, before its scope ends: the guard's drop code gives its borrow of the `RefCell`'s contents back"
    );
    // No guess anywhere in this trace.
    assert!(!trace.to_string().contains("? marks a guess"), "{trace}");
}

#[trace_ownership]
fn join_a_thread() -> Noisy {
    let handle = std::thread::spawn(|| noisy("from the thread"));
    handle.join().unwrap()
}

#[test]
fn join_takes_the_handle_by_value() {
    let (got, trace, _, _) = run_checked(join_a_thread);
    assert_eq!(got, noisy("from the thread"));
    let j = receiver(&trace, "handle", "join");
    assert_eq!(
        (j.kind, j.evidence),
        (EventKind::Move, Some(Evidence::StdSignature))
    );
    // Moved into `join`, the handle is not dropped at the closing brace, and no borrow of it
    // ends anywhere.
    assert_eq!(
        story(&trace, &[])
            .into_iter()
            .filter(|s| s.contains("handle"))
            .collect::<Vec<_>>(),
        ["bind handle", "move handle->join()", "out_of_scope handle"]
    );
    assert!(trace
        .events
        .iter()
        .all(|e| !(e.kind == EventKind::BorrowEnd && e.var == "handle")));
    drop(got);
}

#[trace_ownership]
fn option_take() -> (Option<Noisy>, Option<Noisy>) {
    let mut slot = Some(noisy("taken"));
    let taken = slot.take();
    (slot, taken)
}

#[test]
fn option_take_borrows_mutably_and_the_borrow_ends_with_the_call() {
    // `Option::take(&mut self) -> Option<T>`: the result cannot keep `slot` borrowed, whatever
    // `T` is (a user's type here, whose name proves nothing).
    let ((left, taken), trace, _, real) = run_checked(option_take);
    assert_eq!(
        (left, taken.as_ref().map(|n| n.0.as_str())),
        (None, Some("taken"))
    );
    let t = receiver(&trace, "slot", "take");
    assert_eq!(
        (t.kind, t.evidence),
        (EventKind::BorrowedMut, Some(Evidence::StdSignature))
    );
    assert_eq!(
        story(&trace, &["bind", "borrow_mut", "borrow_end", "move"]),
        [
            "bind slot",
            "borrow_mut slot",
            "bind taken",
            "borrow_end slot",
            "move slot->a tuple",
            "move taken->a tuple",
        ]
    );
    assert!(real.is_empty(), "nothing dropped inside: {real:?}");
    drop(taken);
}

#[trace_ownership]
fn cell_counter() -> i32 {
    let c = std::cell::Cell::new(1);
    c.set(c.get() + 1);
    c.get()
}

#[test]
fn cell_set_mutates_through_a_shared_borrow() {
    let (n, trace) = trace_ownership::capture(cell_counter);
    assert_eq!(n, 2);
    let set = receiver(&trace, "c", "set");
    assert_eq!(
        (set.kind, set.evidence),
        (EventKind::Borrowed, Some(Evidence::StdSignature))
    );
    assert_eq!(
        trace_ownership::explain::sentence(set),
        "`c` borrowed (shared) by `set()`: a `Cell` changes its contents through a shared borrow (interior mutability)"
    );
}

#[trace_ownership]
fn len_into_a_variable() -> usize {
    let s = String::from("hello");
    let length = s.len();
    length
}

#[test]
fn a_borrow_by_len_is_taken_by_len_and_ends_with_the_call() {
    let (n, trace) = trace_ownership::capture(len_into_a_variable);
    assert_eq!(n, 5);
    let text = trace.to_string();
    assert!(
        text.contains("`s` borrowed (shared, read-only) by `len()`\n"),
        "{text}"
    );
    assert!(!text.contains("by `length`"), "{text}");
    assert!(
        text.contains("the borrow of `s` by `len()` ends with the call: what it returned cannot hold a borrow, so `s` is free again"),
        "{text}"
    );
}

/// A type of the user's, with a method whose name is a std convention.
pub struct Stack(Vec<i32>);

impl Stack {
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn finish(self) -> Vec<i32> {
        self.0
    }
}

#[trace_ownership]
fn user_methods() -> usize {
    let st = Stack(vec![1, 2]);
    let n = st.len();
    n + st.finish().len()
}

#[test]
fn user_types_keep_the_names_guess_marked_once() {
    let (n, trace) = trace_ownership::capture(user_methods);
    assert_eq!(n, 4);
    let len = receiver(&trace, "st", "len");
    assert_eq!(
        (len.kind, len.evidence),
        (EventKind::Borrowed, Some(Evidence::Convention))
    );
    let finish = receiver(&trace, "st", "finish");
    assert_eq!(
        (finish.kind, finish.evidence),
        (EventKind::MaybeMove, Some(Evidence::Unknown))
    );
    let text = trace.to_text(false);
    // Each guess is marked on its own line; the words say it once, at the end.
    let marked: Vec<&str> = text
        .lines()
        .filter(|l| l.contains(" ? ") && !l.contains("? marks"))
        .collect();
    assert_eq!(
        marked.len(),
        3,
        "len, finish and the scope end of `st`\n{text}"
    );
    assert!(!text.contains("judged by the method's name"), "{text}");
    let legend: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("? marks a guess"))
        .collect();
    assert_eq!(legend.len(), 1);
    assert_eq!(text.lines().last(), legend.first().copied());
    // JSON keeps the evidence per event.
    let json = trace.to_json();
    assert!(json.contains(r#""evidence":"convention""#), "{json}");
    assert!(json.contains(r#""evidence":"unknown""#), "{json}");
}

/// A type of the user's whose `into_*` method takes `&self`.
pub struct Label(Noisy);

impl Label {
    pub fn into_text(&self) -> String {
        self.0 .0.clone()
    }
}

#[trace_ownership]
fn into_by_reference() -> usize {
    let label = Label(noisy("label"));
    let first = label.into_text();
    let second = label.into_text();
    first.len() + second.len()
}

/// A method named like one that takes `self` (`into_*`) does not move a receiver used again
/// after it: the later use proves the call only borrowed it. Ground truth: the compiler (the
/// later use compiles) and the logging `Drop` (the value is still there for the second call).
/// (The second call, the last use, is the name's guess, marked as one: not checked here.)
#[test]
fn a_receiver_used_again_after_a_call_named_like_a_move_was_only_borrowed() {
    reset();
    let (n, trace) = trace_ownership::capture(into_by_reference);
    assert_eq!(n, 10, "both calls read the value");
    assert_eq!(real_drops().len(), 1, "dropped once");
    let first = receiver(&trace, "label", "into_text");
    assert_eq!(
        (first.kind, first.evidence),
        (EventKind::Borrowed, Some(Evidence::UsedLater)),
        "{trace}"
    );
}

/// Methods of the user's named like consuming ones (`into_*`) that take `&self`, and one whose
/// name says nothing.
#[allow(clippy::wrong_self_convention)] // on purpose: a name that misleads
trait Describe {
    fn into_label(&self) -> String;
    fn describe(&self) -> usize;
}

impl Describe for Noisy {
    fn into_label(&self) -> String {
        format!("<{}>", self.0)
    }
    fn describe(&self) -> usize {
        self.0.len()
    }
}

#[trace_ownership]
fn into_named_method_then_used_again() -> usize {
    let n = noisy("n");
    let label = n.into_label();
    label.len() + n.0.len()
}

/// `n.into_label()` is named like a method taking `self`, but `n` is used again after it, which
/// the compiler allows only if the call left `n` in place: the trace says `n` was borrowed
/// (evidence: used later), not moved, and that `n` is dropped at its scope end, where the
/// logging `Drop` shows it really is.
#[test]
fn a_receiver_named_like_a_consuming_method_but_used_again_was_borrowed() {
    let (len, trace, dropped, real) = run_checked(into_named_method_then_used_again);
    assert_eq!(len, 4);
    let call = receiver(&trace, "n", "into_label");
    assert_eq!(
        (call.kind, call.evidence),
        (EventKind::Borrowed, Some(Evidence::UsedLater)),
        "{trace}"
    );
    assert!(
        !trace
            .events
            .iter()
            .any(|e| e.var == "n" && e.kind == EventKind::Move),
        "{trace}"
    );
    assert_eq!(real, ["n"]);
    assert_eq!(dropped, ["n"], "{trace}");
}

#[trace_ownership]
fn closure_calls_an_unknown_method_then_used_again() -> usize {
    let n = noisy("n");
    let size = || n.describe();
    size() + n.0.len()
}

/// A closure without `move` whose body calls a method the trace cannot see on `n` captures `n`
/// by reference or by value; `n` used after the closure's definition proves by reference (a
/// capture by value would have moved it): the trace says borrowed by the closure (evidence:
/// used later), and `n` is dropped at its scope end, as the logging `Drop` shows.
#[test]
fn a_variable_a_closure_may_capture_either_way_but_used_again_was_borrowed() {
    let (len, trace, dropped, real) = run_checked(closure_calls_an_unknown_method_then_used_again);
    assert_eq!(len, 2);
    let capture = trace
        .events
        .iter()
        .find(|e| e.var == "n" && e.to.as_deref() == Some("size"))
        .unwrap_or_else(|| panic!("no capture of `n` by `size`\n{trace}"));
    assert_eq!(
        (capture.kind, capture.evidence),
        (EventKind::Borrowed, Some(Evidence::UsedLater)),
        "{trace}"
    );
    assert_eq!(real, ["n"]);
    assert_eq!(dropped, ["n"], "{trace}");
}

#[trace_ownership]
fn middle_element_kept_past_a_len() -> i32 {
    let mut v = vec![1, 2, 3];
    let middle = v.get(v.len() / 2);
    let x = *middle.unwrap();
    v.push(x);
    x
}

/// In `let middle = v.get(v.len() / 2);` two borrows of `v` are taken: by `len()`, whose result
/// (a number) cannot hold it, so it ends with the call; and by `get()`, whose result `middle`
/// keeps it (the compiler would reject `v.push` while `middle` is used): it ends after the last
/// use of `middle` and before the `push` takes `v` mutably.
#[test]
fn two_borrows_of_one_variable_in_a_statement_end_each_by_its_own_method() {
    let (x, trace) = trace_ownership::capture(middle_element_kept_past_a_len);
    assert_eq!(x, 2);
    let end_of = |method: &str| {
        trace
            .events
            .iter()
            .position(|e| {
                e.kind == EventKind::BorrowEnd && e.var == "v" && e.to.as_deref() == Some(method)
            })
            .unwrap_or_else(|| panic!("no end of the borrow of `v` by `{method}`\n{trace}"))
    };
    let (len_end, get_end) = (end_of("len()"), end_of("get()"));
    let position = |kind: EventKind, var: &str, to: &str| {
        trace
            .events
            .iter()
            .position(|e| e.kind == kind && e.var == var && e.to.as_deref() == Some(to))
            .unwrap_or_else(|| panic!("no {kind:?} of `{var}` by `{to}`\n{trace}"))
    };
    let bind_middle = trace
        .events
        .iter()
        .position(|e| e.kind == EventKind::Bind && e.var == "middle")
        .expect("bind of `middle`");
    let last_used = position(EventKind::Copied, "middle", "unwrap()");
    let push = position(EventKind::BorrowedMut, "v", "push()");
    assert_eq!(
        trace.events[len_end].detail.as_deref(),
        Some("ended with the call"),
        "{trace}"
    );
    assert!(len_end > bind_middle && len_end < last_used, "{trace}");
    assert_eq!(
        trace.events[get_end].detail.as_deref(),
        Some("middle"),
        "{trace}"
    );
    assert!(get_end > last_used && get_end < push, "{trace}");
}
