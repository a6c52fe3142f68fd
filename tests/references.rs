//! References own nothing (the Rust Book, 4.2): a parameter or binding of reference type holds
//! a reference; leaving its scope, or being given another reference, drops nothing; a call
//! whose result cannot hold a borrow (`usize`) ends the borrow it took. Ground truth: a logging
//! `Drop` on what the references point to.

mod common;
use common::*;
use trace_ownership::{trace_ownership, EventKind, Trace};

#[trace_ownership]
fn calculate_length(s: &Noisy) -> usize {
    s.0.len()
}

#[trace_ownership]
fn book_listing() -> usize {
    let s1 = noisy("hello");
    let len = calculate_length(&s1);
    len
}

fn line_of<'t>(text: &'t str, starts: &str) -> &'t str {
    text.lines()
        .find(|l| l.contains(starts))
        .unwrap_or_else(|| panic!("no line with {starts:?} in\n{text}"))
}

#[test]
fn a_reference_parameter_holds_and_drops_nothing() {
    let (n, trace, dropped, real) = run_checked(book_listing);
    assert_eq!(n, 5);
    // Only `s1` really drops its value, at the caller's closing brace.
    assert_eq!(
        (dropped, real),
        (vec!["s1".to_string()], vec!["hello".to_string()])
    );
    assert_eq!(
        story(
            &trace,
            &["bind", "borrow", "borrow_end", "drop", "out_of_scope"]
        ),
        [
            "bind s1",
            "borrow s1",
            "bind s",
            "out_of_scope s",
            "bind len",
            "borrow_end s1",
            "drop len",
            "drop s1",
        ]
    );
    let text = trace.to_text(false);
    assert!(
        line_of(&text, "bind         parameter `s`").ends_with(
            "parameter `s` holds the reference passed in (a `&Noisy`): it does not own what it points to"
        ),
        "{text}"
    );
    assert!(line_of(&text, "out_of_scope `s`")
        .ends_with("`s` goes out of scope: a reference owns nothing, so nothing is dropped"));
    // `len` is a `usize`: it cannot keep the borrow, which ended with the call.
    assert!(line_of(&text, "borrow_end").ends_with(
        "the borrow of `s1` by `calculate_length()` ends with the call: what it returned cannot hold a borrow, so `s1` is free again"
    ));
    assert!(!text.contains("kept in `len`"), "{text}");
}

#[trace_ownership]
fn reference_reassigned() -> usize {
    let a = noisy("a");
    let b = noisy("b");
    let mut r = &a;
    let first = r.0.len();
    r = &b;
    first + r.0.len()
}

fn kinds_of(trace: &Trace, var: &str) -> Vec<&'static str> {
    trace
        .events
        .iter()
        .filter(|e| e.var == var)
        .map(|e| e.kind.as_str())
        .collect()
}

#[test]
fn giving_a_reference_another_target_drops_nothing() {
    let (n, trace, dropped, real) = run_checked(reference_reassigned);
    assert_eq!(n, 2);
    // Nothing is dropped by `r = &b;`: `a` and `b` are dropped at the brace, in reverse order.
    assert_eq!(real, ["b", "a"]);
    assert_eq!(dropped, ["b", "a"]);
    assert_eq!(kinds_of(&trace, "r"), ["bind", "assign", "out_of_scope"]);
}

#[trace_ownership]
fn loop_over_references() -> usize {
    let v = vec![noisy("x"), noisy("y")];
    let mut total = 0;
    for item in &v {
        total += item.0.len();
    }
    total
}

#[test]
fn a_loop_variable_of_reference_type_holds_a_reference() {
    let (n, trace, _, real) = run_checked(loop_over_references);
    assert_eq!(n, 2);
    assert_eq!(real, ["x", "y"], "dropped with `v`, at the end");
    let text = trace.to_text(false);
    assert!(
        line_of(&text, "loop variable `item`").ends_with(
            "loop variable `item` holds a reference to this iteration's item (a `&Noisy`): it does not own what it points to"
        ),
        "{text}"
    );
    assert!(trace
        .events
        .iter()
        .filter(|e| e.var == "item")
        .all(|e| e.kind != EventKind::Dropped));
}
