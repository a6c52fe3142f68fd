//! Seed: "Borrowing lets you access data without taking ownership. `&T`: read-only access.
//! `&mut T`: write access, but only one at a time." A borrow lasts until the reference's last
//! use (non-lexical lifetimes), at the latest until it goes out of scope.

mod common;
use common::{noisy, story};
use trace_ownership::{trace_ownership, EventKind};

#[trace_ownership]
fn shared_then_mutable() -> String {
    let mut s = String::from("hello");
    let r1 = &s;
    let r2 = &s;
    println!("{r1} and {r2}");
    let r3 = &mut s;
    r3.push_str(", world");
    s
}

#[test]
fn shared_borrows_end_at_last_use_before_the_mutable_one_starts() {
    let (r, trace) = trace_ownership::capture(shared_then_mutable);
    assert_eq!(r, "hello, world");
    let s = story(&trace, &["borrow", "borrow_mut", "borrow_end"]);
    let pos = |needle: &str| {
        s.iter()
            .position(|e| e == needle)
            .unwrap_or_else(|| panic!("{needle} in {s:?}"))
    };
    // r1 and r2 are last used by println!, so their borrows of `s` end there...
    let end_r1 = trace
        .events
        .iter()
        .position(|e| e.kind == EventKind::BorrowEnd && e.to.as_deref() == Some("r1"))
        .unwrap();
    let end_r2 = trace
        .events
        .iter()
        .position(|e| e.kind == EventKind::BorrowEnd && e.to.as_deref() == Some("r2"))
        .unwrap();
    let mut_start = trace
        .events
        .iter()
        .position(|e| e.kind == EventKind::BorrowedMut && e.to.as_deref() == Some("r3"))
        .unwrap();
    // ...before the mutable borrow by r3 begins.
    assert!(end_r1 < mut_start && end_r2 < mut_start, "{s:?}");
    assert_eq!(trace.events[end_r1].line, trace.events[end_r2].line);
    let _ = pos("borrow_mut s");
    // r3's borrow ends at its last use, before `s` is returned.
    let end_r3 = trace
        .events
        .iter()
        .position(|e| e.kind == EventKind::BorrowEnd && e.to.as_deref() == Some("r3"))
        .unwrap();
    let ret = trace
        .events
        .iter()
        .position(|e| e.kind == EventKind::Move && e.var == "s")
        .unwrap();
    assert!(end_r3 < ret);
}

#[trace_ownership]
fn borrow_lives_until_scope_end_when_used_in_tail() -> usize {
    let v = vec![1, 2, 3];
    let first = &v[0];
    *first + v.len()
}

#[test]
fn a_borrow_used_by_the_last_expression_ends_with_the_scope() {
    let (r, trace) = trace_ownership::capture(borrow_lives_until_scope_end_when_used_in_tail);
    assert_eq!(r, 4);
    let b = trace
        .events
        .iter()
        .find(|e| e.kind == EventKind::Borrowed && e.to.as_deref() == Some("first"))
        .unwrap();
    assert_eq!(b.var, "v[0]");
    let end = trace
        .events
        .iter()
        .position(|e| e.kind == EventKind::BorrowEnd && e.to.as_deref() == Some("first"))
        .unwrap();
    // A reference owns nothing: leaving its scope drops nothing.
    let first_leaves = trace
        .events
        .iter()
        .position(|e| e.kind == EventKind::OutOfScope && e.var == "first")
        .unwrap();
    assert_eq!(end + 1, first_leaves, "ends when `first` goes out of scope");
}

#[trace_ownership]
fn format_macros_borrow() -> String {
    let name = String::from("Ferris");
    let n = 3;
    let s = format!("{name} has {} claws", n);
    println!("{s}");
    name
}

#[test]
fn format_macros_take_shared_borrows_for_the_statement() {
    let (_, trace) = trace_ownership::capture(format_macros_borrow);
    let borrows = story(&trace, &["borrow", "borrow_end"]);
    assert_eq!(
        borrows,
        [
            "borrow name",
            "borrow n",
            "borrow_end name",
            "borrow_end n",
            "borrow s",
            "borrow_end s",
        ]
    );
    let b = trace.of_kind(EventKind::Borrowed).next().unwrap();
    assert_eq!(b.to.as_deref(), Some("format!"));
}

fn length(s: &str) -> usize {
    s.len()
}

fn add_one(v: &mut Vec<i32>) {
    v.push(1);
}

#[trace_ownership]
fn borrow_for_a_call() -> usize {
    let mut v = Vec::new();
    add_one(&mut v);
    add_one(&mut v);
    let s = String::from("abc");
    let n = length(&s);
    n + v.len()
}

#[test]
fn references_passed_to_functions_are_borrows_for_the_call() {
    let (r, trace) = trace_ownership::capture(borrow_for_a_call);
    assert_eq!(r, 5);
    let s = story(&trace, &["borrow", "borrow_mut", "borrow_end"]);
    assert_eq!(
        s,
        [
            "borrow_mut v",
            "borrow_end v",
            "borrow_mut v",
            "borrow_end v",
            "borrow s",
            "borrow_end s",
            "borrow v",
            "borrow_end v",
        ]
    );
    // `n` is a number: it cannot keep `s` borrowed, so that borrow ends at once.
    let n_bind = trace
        .events
        .iter()
        .position(|e| e.kind == EventKind::Bind && e.var == "n")
        .unwrap();
    assert_eq!(trace.events[n_bind + 1].kind, EventKind::BorrowEnd);
}

#[trace_ownership]
fn take_replace_swap() -> (String, String, String) {
    let mut a = String::from("a");
    let mut b = String::from("b");
    let taken = std::mem::take(&mut a);
    let old = std::mem::replace(&mut b, String::from("new"));
    std::mem::swap(&mut a, &mut b);
    (taken, old, a)
}

#[test]
fn mem_take_replace_and_swap_are_shown_for_what_they_do() {
    let (r, trace) = trace_ownership::capture(take_replace_swap);
    assert_eq!(r, ("a".to_string(), "b".to_string(), "new".to_string()));
    let text = trace.to_string();
    assert!(
        text.contains("leaves `Default::default()` in its place"),
        "{text}"
    );
    assert!(text.contains("puts the new one in its place"), "{text}");
    assert!(text.contains("exchanges the two values"), "{text}");
    // Nothing is dropped by take/replace/swap: all four Strings are dropped at the end (or returned).
    // `taken`, `old` and `a` move into the returned tuple; only `b` is dropped here.
    let drops: Vec<_> = trace
        .of_kind(EventKind::Dropped)
        .map(|e| e.var.to_string())
        .collect();
    assert_eq!(drops, ["b"]);
}

#[trace_ownership]
fn method_autoref() -> usize {
    let mut v = vec![3, 1, 2];
    v.sort();
    let n = v.len();
    let it = v.iter();
    it.count() + n
}

#[test]
fn method_calls_on_std_types_borrow_by_their_signatures() {
    let (r, trace) = trace_ownership::capture(method_autoref);
    assert_eq!(r, 6);
    // `Vec::sort` takes `&mut self` (a slice method, through `Vec`'s deref): certain.
    let sort = trace
        .events
        .iter()
        .find(|e| e.kind == EventKind::BorrowedMut)
        .unwrap();
    assert_eq!(sort.to.as_deref(), Some("sort()"));
    assert_eq!(sort.evidence, Some(trace_ownership::Evidence::StdSignature));
    // `iter()` takes the borrow; `it` (an iterator) keeps it until its last use.
    let held = trace
        .events
        .iter()
        .find(|e| e.kind == EventKind::Borrowed && e.to.as_deref() == Some("iter()"))
        .unwrap();
    assert_eq!(held.var, "v");
    let it_end = trace
        .events
        .iter()
        .find(|e| e.kind == EventKind::BorrowEnd && e.to.as_deref() == Some("iter()"))
        .unwrap();
    assert_eq!(it_end.detail.as_deref(), Some("it"), "kept in `it`");
    assert!(it_end.line > held.line);
}

#[trace_ownership]
fn borrow_carried_on() -> usize {
    let s = String::from("abc");
    let r = &s;
    let r2 = r;
    let n = r2.len();
    let t = s;
    n + t.len()
}

#[test]
fn a_reference_copied_into_another_variable_keeps_the_borrow_alive() {
    let (r, trace) = trace_ownership::capture(borrow_carried_on);
    assert_eq!(r, 6);
    // `r` is last used to make `r2`, but the borrow lives on in `r2` until `r2.len()`.
    let end = trace
        .events
        .iter()
        .find(|e| e.kind == EventKind::BorrowEnd && e.to.as_deref() == Some("r"))
        .unwrap();
    let r2_use = trace
        .events
        .iter()
        .find(|e| e.var == "r2" && e.kind == EventKind::Borrowed)
        .unwrap();
    assert_eq!(end.line, r2_use.line);
    // And it ends before `s` moves into `t`.
    let end_at = trace
        .events
        .iter()
        .position(|e| e.kind == EventKind::BorrowEnd && e.to.as_deref() == Some("r"))
        .unwrap();
    let mv = trace
        .events
        .iter()
        .position(|e| e.kind == EventKind::Move && e.var == "s")
        .unwrap();
    assert!(end_at < mv);
}

mod counter {
    pub const START: usize = 10;
}

#[trace_ownership]
#[allow(unused_parens, clippy::borrow_deref_ref)]
fn borrow_carried_on_by_copies() -> usize {
    let s = noisy("s");
    let r = &s;
    let through_deref = &*r;
    let in_parens = (r);
    let n = through_deref.0.len() + in_parens.0.len();
    n
}

#[trace_ownership]
#[allow(clippy::op_ref)]
fn borrow_not_carried_by_other_values() -> usize {
    let x = 5usize;
    let counter = &x;
    let negated = -(*counter as i64);
    let from_module = counter::START;
    negated.unsigned_abs() as usize + from_module
}

#[test]
fn a_borrow_lasts_while_a_copy_of_the_reference_is_used_and_no_longer() {
    // `&*r` and `(r)` are the same reference as `r`: the borrow of `s` lasts until their last
    // use, on line `let n = ...`.
    let (r, trace) = trace_ownership::capture(borrow_carried_on_by_copies);
    assert_eq!(r, 2);
    let end = trace
        .events
        .iter()
        .find(|e| e.kind == EventKind::BorrowEnd && e.var == "s")
        .unwrap_or_else(|| panic!("no end of the borrow of `s`\n{trace}"));
    let n = trace.events.iter().find(|e| e.var == "n").unwrap();
    assert_eq!(end.line, n.line, "{trace}");
    // `-(*counter as i64)` is a new number and `counter::START` the module's constant: the
    // borrow of `x` by `counter` ends at `counter`'s last use, the line of `negated`.
    let (r, trace) = trace_ownership::capture(borrow_not_carried_by_other_values);
    assert_eq!(r, 15);
    let end = trace
        .events
        .iter()
        .find(|e| e.kind == EventKind::BorrowEnd && e.var == "x")
        .unwrap_or_else(|| panic!("no end of the borrow of `x`\n{trace}"));
    let negated = trace.events.iter().find(|e| e.var == "negated").unwrap();
    assert_eq!(end.line, negated.line, "{trace}");
}

#[trace_ownership]
fn measured(s: &str) -> usize {
    s.len()
}

/// A format macro's statement written with braces and no `;`, in the middle of a block: a
/// statement, not the block's value.
#[trace_ownership]
fn braced_macro_statement() -> usize {
    let s = String::from("abc");
    println! { "{s} {}", measured("xy") }
    s.len()
}

#[test]
fn a_format_macros_borrow_lasts_while_its_arguments_run_even_written_with_braces() {
    let (_, trace) = trace_ownership::capture(braced_macro_statement);
    let at = |pred: &dyn Fn(&trace_ownership::Event) -> bool, what: &str| {
        trace
            .events
            .iter()
            .position(pred)
            .unwrap_or_else(|| panic!("{what} in {:?}", trace.kinds_and_vars()))
    };
    let borrow = at(
        &|e| e.kind == EventKind::Borrowed && e.var == "s" && e.to.as_deref() == Some("println!"),
        "the borrow of s by println!",
    );
    let call = at(
        &|e| e.kind == EventKind::FnEnter && e.var == "measured",
        "the call of measured",
    );
    let end = at(
        &|e| e.kind == EventKind::BorrowEnd && e.var == "s" && e.to.as_deref() == Some("println!"),
        "the end of that borrow",
    );
    // `measured("xy")` is evaluated while println! holds its borrow of `s`: the borrow is taken
    // before the statement runs and given back when it has printed.
    assert!(borrow < call && call < end, "{:?}", trace.kinds_and_vars());
}

// When a borrow held in a variable ends, for the shapes cargo-mutants found untested
// (`Rewriter::holder_used_at_tail`, the statements a `return` makes unreachable, an
// assignment's borrows). Ground truth: rustc accepts `&mut s` only once the shared borrow ended.

#[trace_ownership]
#[allow(unused_variables)]
fn reference_never_used() {
    let mut s = String::from("a");
    let r = &s;
    let m = &mut s;
    m.push('b');
}

#[trace_ownership]
#[allow(unused_variables)]
fn reference_never_used_before_a_tail() -> usize {
    let mut s = String::from("a");
    let r = &s;
    let m = &mut s;
    m.push('b');
    s.len()
}

/// Index of the first event of `kind` on `var` held by `to`.
fn event_at(trace: &trace_ownership::Trace, kind: EventKind, var: &str, to: &str) -> usize {
    trace
        .events
        .iter()
        .position(|e| e.kind == kind && e.var == var && e.to.as_deref() == Some(to))
        .unwrap_or_else(|| panic!("no {kind:?} of `{var}` by `{to}` in\n{trace}"))
}

#[test]
fn a_reference_never_used_again_ends_its_borrow_at_once_tail_or_not() {
    let ((), trace) = trace_ownership::capture(reference_never_used);
    let end = event_at(&trace, EventKind::BorrowEnd, "s", "r");
    assert!(
        end < event_at(&trace, EventKind::BorrowedMut, "s", "m"),
        "{trace}"
    );
    let (n, trace) = trace_ownership::capture(reference_never_used_before_a_tail);
    assert_eq!(n, 2);
    // The block's value (`s.len()`) does not mention `r`: the borrow ends at `r`'s `let`, not
    // with the block.
    let end = event_at(&trace, EventKind::BorrowEnd, "s", "r");
    assert!(
        end < event_at(&trace, EventKind::BorrowedMut, "s", "m"),
        "{trace}"
    );
}

#[trace_ownership]
#[allow(clippy::needless_return)] // the point: a statement that never completes
fn returned_through_a_reference(s: String) -> usize {
    let r = &s;
    return r.len();
}

#[test]
fn a_reference_used_by_a_return_holds_its_borrow_until_that_use() {
    let (n, trace) = trace_ownership::capture(|| returned_through_a_reference("abc".into()));
    assert_eq!(n, 3);
    let used = event_at(&trace, EventKind::Borrowed, "r", "len()");
    let end = event_at(&trace, EventKind::BorrowEnd, "s", "r");
    assert!(
        used < end,
        "`r` is used by `return r.len()` after its borrow ended\n{trace}"
    );
}

#[trace_ownership]
#[allow(unused_assignments)] // `n`'s first value is never read (see `tests/lints_kept.rs`)
fn length_assigned() -> usize {
    let mut s = String::from("ab");
    let mut n = 0;
    n = s.len();
    let m = &mut s;
    m.push('c');
    n
}

#[test]
fn a_borrow_taken_by_an_assignments_right_side_ends_with_the_assignment() {
    let (n, trace) = trace_ownership::capture(length_assigned);
    assert_eq!(n, 2);
    let taken = event_at(&trace, EventKind::Borrowed, "s", "len()");
    let end = event_at(&trace, EventKind::BorrowEnd, "s", "len()");
    assert!(taken < end, "{trace}");
    assert_eq!(trace.events[end].line, trace.events[taken].line, "{trace}");
    assert!(
        end < event_at(&trace, EventKind::BorrowedMut, "s", "m"),
        "{trace}"
    );
}

// A reference carried on by another binding keeps its borrow until that binding's last use
// (`let r2 = &*r;`, `(r)`, `&r`, `*rr`), and a value merely computed from it does not (`-r`, a
// module's constant named like the reference). Ground truth: rustc accepts `s.push(..)` (or
// `&mut x`) only after the borrow ended, and rejects it while `r2` is still to be used.

#[trace_ownership]
#[allow(clippy::borrow_deref_ref)]
fn reborrowed() -> usize {
    let mut s = String::from("a");
    let r = &s;
    let r2 = &*r;
    let n = r2.len();
    s.push('b');
    n
}

#[trace_ownership]
#[allow(unused_parens)]
fn copied_in_parentheses() -> usize {
    let mut s = String::from("a");
    let r = &s;
    let r2 = (r);
    let n = r2.len();
    s.push('b');
    n
}

#[trace_ownership]
fn referenced() -> usize {
    let mut s = String::from("a");
    let r = &s;
    let r2 = &r;
    let n = r2.len();
    s.push('b');
    n
}

#[trace_ownership]
fn read_through_a_reference_to_it() -> usize {
    let mut s = String::from("a");
    let r = &s;
    let rr = &r;
    let r2 = *rr;
    let n = r2.len();
    s.push('b');
    n
}

#[test]
fn a_reference_carried_on_by_another_binding_holds_its_borrow_until_that_ones_last_use() {
    for f in [
        reborrowed,
        copied_in_parentheses,
        referenced,
        read_through_a_reference_to_it,
    ] {
        let (n, trace) = trace_ownership::capture(f);
        assert_eq!(n, 1);
        let used = event_at(&trace, EventKind::Borrowed, "r2", "len()");
        let end = event_at(&trace, EventKind::BorrowEnd, "s", "r");
        assert!(
            used < end,
            "`r2` used after the borrow it carries ended\n{trace}"
        );
        assert!(
            end < event_at(&trace, EventKind::BorrowedMut, "s", "push()"),
            "{trace}"
        );
    }
}

#[trace_ownership]
fn negated_through_a_reference() -> i32 {
    let mut x = 5;
    let r = &x;
    let n = -r;
    let m = &mut x;
    *m += 1;
    n + x
}

mod held {
    pub const FIRST: Option<usize> = Some(1);
}

#[trace_ownership]
fn a_module_named_like_the_reference() -> usize {
    let mut s = String::from("a");
    let held = &s;
    let Some(first) = held::FIRST else {
        panic!("{}", held.len())
    };
    s.push('b');
    first
}

#[test]
fn a_value_computed_from_a_reference_does_not_carry_its_borrow() {
    // `-r` is a new `i32`: `r`'s borrow ends with its use there, before `&mut x`.
    let (n, trace) = trace_ownership::capture(negated_through_a_reference);
    assert_eq!(n, -5 + 6);
    let used = trace
        .events
        .iter()
        .position(|e| e.kind == EventKind::Copied && e.var == "r")
        .unwrap_or_else(|| panic!("no use of `r` in\n{trace}"));
    let end = event_at(&trace, EventKind::BorrowEnd, "x", "r");
    assert!(used < end, "{trace}");
    assert!(
        end < event_at(&trace, EventKind::BorrowedMut, "x", "m"),
        "{trace}"
    );
    // `held::FIRST` is the module's constant, not the reference `held`: `first` holds no
    // borrow of `s`, whose borrow by `held` ends with the `let` (its `else` names `held`).
    // It lasts until the `let` completes: until then its `else` could still use `held`.
    let (n, trace) = trace_ownership::capture(a_module_named_like_the_reference);
    assert_eq!(n, 1);
    let end = event_at(&trace, EventKind::BorrowEnd, "s", "held");
    let bound = trace
        .events
        .iter()
        .position(|e| e.kind == EventKind::Bind && e.var == "first")
        .unwrap_or_else(|| panic!("no bind of `first` in\n{trace}"));
    assert!(bound < end, "{trace}");
    assert!(
        end < event_at(&trace, EventKind::BorrowedMut, "s", "push()"),
        "{trace}"
    );
}

#[trace_ownership]
fn formatted(mut x: String) -> String {
    let line = format!("{x}!");
    let args = format_args!("{x}?");
    let held = args.to_string();
    x.push_str(&line);
    x + &held
}

/// `format!` is done with its arguments when it returns the new `String`: the borrow of `x`
/// ends before `line` owns it. `format_args!` returns an `Arguments` that still points at `x`:
/// the borrow lasts until `args` is last used. Ground truth: the program compiles with
/// `x.push_str` after both (the borrows are over by then), and its result.
#[test]
fn a_format_macros_borrow_ends_as_it_returns_and_format_args_keeps_it_in_its_variable() {
    let (r, trace) = trace_ownership::capture(|| formatted("a".to_string()));
    assert_eq!(r, "aa!a?");
    let at = |kind: EventKind, var: &str, to: Option<&str>| {
        (trace.events.iter())
            .position(|e| e.kind == kind && e.var == var && (to.is_none() || e.to.as_deref() == to))
            .unwrap_or_else(|| panic!("{kind:?} {var} {to:?}\n{trace}"))
    };
    let by_format = at(EventKind::BorrowEnd, "x", Some("format!"));
    assert!(by_format < at(EventKind::Bind, "line", None), "{trace}");
    // Kept in `args` until its last use, the statement that binds `held`.
    let by_args = at(EventKind::BorrowEnd, "x", Some("format_args!"));
    let held = at(EventKind::Bind, "held", None);
    assert!(by_args > held, "{trace}");
    assert_eq!(
        trace.events[by_args].line, trace.events[held].line,
        "{trace}"
    );
    let said = trace_ownership::explain::sentence(&trace.events[by_args]);
    assert!(said.contains("kept in `args`"), "{said}");
}
