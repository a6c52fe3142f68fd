//! Seed: "Move transfers ownership, the old variable is invalid. Clone is a deep copy, both
//! own their own data. Copy: simple types are copied, not moved."

mod common;
use common::*;
use trace_ownership::{trace_ownership, EventKind, Evidence};

#[trace_ownership]
fn move_into_variable() {
    let a = noisy("v");
    let b = a;
    let _ = &b;
}

#[test]
fn a_move_hands_the_value_on_and_only_the_new_owner_drops_it() {
    let ((), trace, vars, real) = run_checked(move_into_variable);
    assert_eq!(
        story(&trace, &[]),
        [
            "fn_enter move_into_variable",
            "bind a",
            "move a->b",
            "bind b",
            "borrow b",
            "borrow_end b",
            "drop b",
            "out_of_scope a",
            "fn_exit move_into_variable",
        ]
    );
    assert_eq!(vars, ["b"]);
    assert_eq!(real, ["v"]);
    let mv = trace.of_kind(EventKind::Move).next().unwrap();
    assert_eq!(mv.evidence, Some(Evidence::DropGlue));
}

#[trace_ownership]
fn copy_integers() -> i32 {
    let x = 5;
    let y = x;
    x + y
}

#[trace_ownership]
fn copy_integer_not_used_again() -> i32 {
    let x = 5;
    let y = x;
    y
}

#[test]
fn integers_are_copied_both_stay_usable() {
    let (r, trace) = trace_ownership::capture(copy_integers);
    assert_eq!(r, 10);
    let copy = trace.of_kind(EventKind::Copied).next().unwrap();
    assert_eq!((copy.var.as_ref(), copy.to.as_deref()), ("x", Some("y")));
    // Proven twice over: i32 is Copy, and `x` is read again afterwards.
    assert_eq!(copy.evidence, Some(Evidence::UsedLater));
    let (_, trace) = trace_ownership::capture(copy_integer_not_used_again);
    let copy = trace.of_kind(EventKind::Copied).next().unwrap();
    assert_eq!(copy.evidence, Some(Evidence::CopyType));
    assert_eq!(
        trace.of_kind(EventKind::OutOfScope).count(),
        0,
        "a copied-from variable still owns its value"
    );
}

#[trace_ownership]
fn clone_is_a_deep_copy() {
    let a = noisy("a");
    let b = a.clone();
    let _ = (&a, &b);
}

#[test]
fn clone_makes_a_second_owner_and_both_drop() {
    let ((), trace, vars, _) = run_checked(clone_is_a_deep_copy);
    assert_eq!(
        story(&trace, &["clone", "bind", "drop"]),
        ["bind a", "clone a->b", "bind b", "drop b", "drop a"]
    );
    assert_eq!(vars, ["b", "a"]);
}

fn consume(n: Noisy) -> usize {
    n.0.len()
}

#[trace_ownership]
fn move_into_function() -> usize {
    let a = noisy("a");
    consume(a)
}

#[test]
fn passing_by_value_moves_into_the_function() {
    let (r, trace, vars, real) = run_checked(move_into_function);
    assert_eq!(r, 1);
    assert_eq!(
        story(&trace, &["move", "out_of_scope"]),
        ["move a->consume()", "out_of_scope a"]
    );
    assert!(
        vars.is_empty(),
        "dropped inside `consume`, which is not traced"
    );
    assert_eq!(real, ["a"]);
}

#[trace_ownership]
fn returns_its_value() -> Noisy {
    let made = noisy("made");
    made
}

#[test]
fn returning_moves_out_to_the_caller() {
    let (r, trace, vars, _) = run_checked(returns_its_value);
    assert_eq!(r.0, "made");
    assert_eq!(
        story(&trace, &["move", "out_of_scope", "drop"]),
        ["move made->return value", "out_of_scope made"]
    );
    assert!(vars.is_empty());
}

struct Pair {
    left: Noisy,
    right: Noisy,
}

#[trace_ownership]
fn into_struct_tuple_array_vec() -> usize {
    let a = noisy("a");
    let b = noisy("b");
    let pair = Pair { left: a, right: b };
    let c = noisy("c");
    let t = (c, 1);
    let d = noisy("d");
    let v = vec![d];
    pair.left.0.len() + pair.right.0.len() + t.1 + v.len()
}

#[test]
fn moves_into_fields_tuples_and_vec() {
    let (_, trace, vars, real) = run_checked(into_struct_tuple_array_vec);
    let moves = story(&trace, &["move"]);
    assert_eq!(
        moves,
        [
            "move a->field `left` of a `Pair`",
            "move b->field `right` of a `Pair`",
            "move c->a tuple",
            "move d->vec![..]",
        ]
    );
    // The containers are dropped (their contents with them); the moved-from variables are not.
    assert_eq!(story(&trace, &["drop"]), ["drop v", "drop t", "drop pair"]);
    assert!(vars.is_empty(), "no `Noisy` variable is dropped directly");
    assert_eq!(real, ["d", "c", "a", "b"]);
}

struct Person {
    name: Noisy,
    age: u32,
}

#[trace_ownership]
fn partial_move() -> u32 {
    let p = Person {
        name: noisy("name"),
        age: 7,
    };
    let n = p.name;
    let age = p.age;
    let _ = &n;
    age
}

#[test]
fn partial_move_out_of_a_struct() {
    let (r, trace, vars, _) = run_checked(partial_move);
    assert_eq!(r, 7);
    let partial: Vec<_> = trace
        .events
        .iter()
        .filter(|e| e.detail.as_deref() == Some("partial move"))
        .collect();
    assert_eq!(
        partial.len(),
        1,
        "the u32 field is copied, not moved\n{trace}"
    );
    assert_eq!(
        (partial[0].var.as_ref(), partial[0].to.as_deref()),
        ("p.name", Some("n"))
    );
    assert_eq!(vars, ["n"]);
    let p_end = trace.events.iter().rev().find(|e| e.var == "p").unwrap();
    assert_eq!(p_end.kind, EventKind::OutOfScope);
    assert_eq!(p_end.detail.as_deref(), Some("partially moved"));
}

#[trace_ownership]
fn conditional_move(give: bool) -> Option<Noisy> {
    let a = noisy("a");
    let mut out = None;
    if give {
        out = Some(a);
    }
    let _ = &out;
    out
}

#[test]
fn a_value_moved_on_one_path_only_is_dropped_only_on_the_other() {
    let (r, trace, vars, _) = run_checked(|| conditional_move(true));
    assert!(r.is_some());
    assert!(vars.is_empty());
    assert_eq!(
        trace
            .events
            .iter()
            .rev()
            .find(|e| e.var == "a")
            .unwrap()
            .kind,
        EventKind::OutOfScope
    );
    let (r, _, vars, _) = run_checked(|| conditional_move(false));
    assert!(r.is_none());
    assert_eq!(vars, ["a"]);
}

#[trace_ownership]
fn drop_early() -> usize {
    let a = noisy("a");
    let b = noisy("b");
    drop(a);
    b.0.len()
}

#[test]
fn drop_function_drops_right_there() {
    let (_, trace, vars, real) = run_checked(drop_early);
    assert_eq!(real, ["a", "b"]);
    assert_eq!(vars, ["a", "b"]);
    let early = trace
        .events
        .iter()
        .find(|e| e.kind == EventKind::Dropped)
        .unwrap();
    assert_eq!(early.detail.as_deref(), Some("dropped early by drop()"));
    assert!(trace.to_string().contains("`a` is dropped now by `drop()`"));
}

#[trace_ownership]
fn reassignment() {
    let mut a = noisy("old");
    let _ = &a;
    a = noisy("new");
    let _ = &a;
}

#[test]
fn assignment_drops_the_old_value_first() {
    let ((), trace, vars, real) = run_checked(reassignment);
    assert_eq!(real, ["old", "new"]);
    assert_eq!(vars, ["a", "a"]);
    assert_eq!(
        story(&trace, &["bind", "assign", "drop"]),
        ["bind a", "drop a", "assign a", "drop a"]
    );
}

#[trace_ownership]
fn inference_trap() -> usize {
    let d = Default::default();
    let e = d;
    let f: String = e;
    f.len()
}

#[test]
fn values_of_types_not_yet_inferred_compile_and_are_judged_at_run_time() {
    let (r, trace) = trace_ownership::capture(inference_trap);
    assert_eq!(r, 0);
    assert_eq!(story(&trace, &["move"]), ["move d->e", "move e->f"]);
}

struct Builder {
    parts: Vec<&'static str>,
}

impl Builder {
    fn finish(self) -> String {
        self.parts.join(" ")
    }
}

#[trace_ownership]
fn unknown_method() -> String {
    let b = Builder {
        parts: vec!["a", "b"],
    };
    b.finish()
}

#[test]
fn a_method_that_may_take_self_is_reported_as_unknown() {
    let (r, trace) = trace_ownership::capture(unknown_method);
    assert_eq!(r, "a b");
    let e = trace
        .of_kind(EventKind::MaybeMove)
        .next()
        .expect("maybe_move");
    assert_eq!((e.var.as_ref(), e.to.as_deref()), ("b", Some("finish()")));
    assert_eq!(e.evidence, Some(Evidence::Unknown));
    let end = trace.events.iter().rev().find(|e| e.var == "b").unwrap();
    assert_eq!(end.kind, EventKind::OutOfScope);
    assert_eq!(end.evidence, Some(Evidence::Unknown));
    assert!(trace.to_string().contains("the macro cannot see"));
}

/// A type of the user's: the standard library's signatures say nothing about its methods.
pub struct Bytes(Vec<u8>);

impl Bytes {
    pub fn into_vec(self) -> Vec<u8> {
        self.0
    }
}

#[trace_ownership]
fn convention_into() -> Vec<u8> {
    let b = Bytes(vec![1, 2]);
    b.into_vec()
}

#[test]
fn into_methods_of_unknown_types_are_marked_as_a_convention() {
    let (r, trace) = trace_ownership::capture(convention_into);
    assert_eq!(r, [1, 2]);
    let mv = trace.of_kind(EventKind::Move).next().unwrap();
    assert_eq!(mv.evidence, Some(Evidence::Convention));
    let text = trace.to_string();
    let line = text
        .lines()
        .find(|l| l.contains("moved into `into_vec()`"))
        .unwrap();
    assert!(line.contains("move         ? `b`"), "{line}");
    assert!(
        text.lines().last().unwrap().contains("? marks a guess"),
        "{text}"
    );
}

#[trace_ownership]
fn std_into() -> Vec<u8> {
    let s = String::from("hi");
    s.into_bytes()
}

#[test]
fn into_methods_of_std_types_are_certain() {
    let (r, trace) = trace_ownership::capture(std_into);
    assert_eq!(r, b"hi");
    let mv = trace.of_kind(EventKind::Move).next().unwrap();
    assert_eq!(mv.evidence, Some(Evidence::StdSignature));
    assert!(!trace.to_string().contains("? marks a guess"));
}

#[trace_ownership]
fn move_closure_capture() -> usize {
    let a = noisy("captured");
    let f = move || a.0.len();
    f()
}

#[test]
fn a_move_closure_takes_ownership_of_what_it_uses() {
    let (r, trace, _, real) = run_checked(move_closure_capture);
    assert_eq!(r, 8);
    assert_eq!(story(&trace, &["move"]), ["move a->a `move` closure"]);
    assert_eq!(
        trace
            .events
            .iter()
            .rev()
            .find(|e| e.var == "a")
            .unwrap()
            .kind,
        EventKind::OutOfScope
    );
    assert_eq!(real, ["captured"]);
}

struct Halves {
    left: Noisy,
    right: Noisy,
}

#[trace_ownership]
fn reassign_partly_moved() -> usize {
    let mut p = Halves {
        left: noisy("left 1"),
        right: noisy("right 1"),
    };
    let l = p.left;
    p = Halves {
        left: noisy("left 2"),
        right: noisy("right 2"),
    };
    l.0.len() + p.left.0.len() + p.right.0.len()
}

/// Assigning a new value to a partly moved variable drops what it still owns of the old one
/// (the field not moved out) first. Ground truth: the logging `Drop` shows `right 1` dropped
/// by the assignment, before `left 1` (moved to `l`) and the new value's fields at scope end.
#[test]
fn reassigning_a_partly_moved_struct_drops_its_remaining_fields_first() {
    let (r, trace, _, real) = run_checked(reassign_partly_moved);
    assert_eq!(r, 6 + 6 + 7);
    assert_eq!(
        real[0], "right 1",
        "the assignment dropped the field left in `p`"
    );
    let assign = trace
        .events
        .iter()
        .position(|e| e.kind == EventKind::Assign && e.var == "p")
        .unwrap_or_else(|| panic!("no assignment of `p`\n{trace}"));
    let before = &trace.events[assign - 1];
    assert_eq!(
        (before.kind, before.var.as_ref()),
        (EventKind::Dropped, "p"),
        "the old value's rest dropped just before the assignment\n{trace}"
    );
    assert!(
        before
            .detail
            .as_deref()
            .unwrap_or("")
            .contains("replaced by assignment"),
        "{trace}"
    );
}

#[trace_ownership]
fn clones_through_pointers() -> (usize, usize, String) {
    let shared = std::rc::Rc::new(String::from("shared"));
    let copy_of_value = (*shared).clone();
    let new_owner = shared.clone();
    let text = String::from("hi");
    let r = &text;
    let a = r.clone();
    let b = (*r).clone();
    let owners = std::rc::Rc::strong_count(&shared);
    let _ = &new_owner;
    (owners, copy_of_value.len(), a + &b)
}

/// `(*rc).clone()` copies the value an `Rc` points to (the owner count does not move), while
/// `rc.clone()` adds an owner; `r.clone()` and `(*r).clone()` on a reference both clone the
/// `String` it points to. Ground truth: `Rc::strong_count`, read by the program: 2 owners, not 3.
#[test]
fn a_clone_through_a_pointer_copies_the_value_it_points_to() {
    let ((owners, len, both), trace) = trace_ownership::capture(clones_through_pointers);
    assert_eq!((owners, len, both.as_str()), (2, 6, "hihi"));
    let clones: Vec<(String, String, String)> = trace
        .events
        .iter()
        .filter(|e| e.kind == EventKind::Cloned)
        .map(|e| {
            (
                e.var.to_string(),
                e.to.as_deref().unwrap_or("").to_string(),
                trace_ownership::explain::sentence(e),
            )
        })
        .collect();
    let said = |to: &str| {
        clones
            .iter()
            .find(|c| c.1 == to)
            .map(|c| c.2.clone())
            .unwrap_or_else(|| panic!("no clone into `{to}`\n{trace}"))
    };
    assert_eq!(clones.len(), 4, "{trace}");
    assert!(said("copy_of_value").starts_with("the value `shared` points to cloned"));
    assert!(
        said("copy_of_value").contains("a deep copy"),
        "not a new owner"
    );
    assert!(said("new_owner").contains("a new owner of the same value"));
    for to in ["a", "b"] {
        assert_eq!(
            said(to),
            format!(
                "the value `r` points to cloned into `{to}`: a deep copy, each owns its own data"
            )
        );
    }
}

#[trace_ownership]
#[allow(clippy::clone_on_copy)] // the clone is the point: of what is it a clone?
fn clones_a_negation(n: i32) -> i32 {
    let m = (-n).clone();
    m + n
}

/// `(-n).clone()` clones a new value computed from `n`, not what `n` points to: `n` is only
/// copied into the `-` operator, never said to be cloned.
#[test]
fn a_clone_of_an_operator_result_is_not_a_clone_of_its_operand() {
    let (r, trace) = trace_ownership::capture(|| clones_a_negation(4));
    assert_eq!(r, 0);
    assert!(
        trace
            .events
            .iter()
            .all(|e| !(e.kind == EventKind::Cloned && e.var == "n")),
        "{trace}"
    );
}

/// A `Copy` type of the program's own: its name does not say it is `Copy`.
#[derive(Clone, Copy)]
struct Point(u8);

#[trace_ownership]
fn copied_then_shadowed_in_a_block() -> u8 {
    let a = Point(1);
    {
        let b = a;
        let a = Point(2);
        let _ = (b.0, a.0);
    }
    a.0
}

#[test]
fn a_value_read_after_the_block_that_shadowed_its_name_was_copied() {
    // The inner `let a` is another variable, gone at the inner `}`: the `a.0` after the block
    // reads the first `a`, which compiles only because `let b = a;` copied it.
    let (r, trace) = trace_ownership::capture(copied_then_shadowed_in_a_block);
    assert_eq!(r, 1);
    let given = &trace.events[find(&trace, |e| e.var == "a" && e.to.as_deref() == Some("b"))];
    assert_eq!(
        (given.kind, given.evidence),
        (EventKind::Copied, Some(Evidence::UsedLater)),
        "{trace}"
    );
}
