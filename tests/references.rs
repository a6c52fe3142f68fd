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

struct Named {
    name: String,
}

/// Every binding below but the last borrows from a variable, never from a temporary: reading
/// it right after its `let` compiles, and the trace says what each holds. (`&x[..1]` keeps each
/// initializer out of the identity function unused bindings go through: the binding itself is
/// read.) The last borrows from a temporary freed at its `;` and is never used: reading it
/// would be rustc's E0716, so the trace must leave it unread.
macro_rules! borrowed_from_variables {
    ($s:ident, $fragment:expr) => {
        #[trace_ownership]
        #[allow(unused_parens, unused_variables, clippy::needless_borrow)]
        fn borrowed_from_variables(maybe: Option<&String>) -> Option<usize> {
            let $s = String::from("abc");
            let p = Named {
                name: String::from("de"),
            };
            let v = vec![String::from("f")];
            let r = &$s;
            let in_parens = &($s).as_str()[..1];
            let of_field = &p.name.as_str()[..1];
            let of_element = &v[0].as_str()[..1];
            let of_tried = &maybe?.as_str()[..1];
            let of_deref = &(*r).as_str()[..1];
            let of_method = &$s.as_str()[..1];
            let of_fragment = &$fragment.as_str()[..1];
            let byte = *(&$s).as_bytes().first()?;
            let of_temporary = &String::from("tmp").as_str()[..1];
            Some(
                in_parens.len()
                    + of_field.len()
                    + of_element.len()
                    + of_tried.len()
                    + of_deref.len()
                    + of_method.len()
                    + of_fragment.len()
                    + usize::from(byte),
            )
        }
    };
}
borrowed_from_variables!(s, s);

#[test]
fn a_binding_borrowing_from_a_variable_has_its_type() {
    let outer = String::from("gh");
    let (r, trace) = trace_ownership::capture(|| borrowed_from_variables(Some(&outer)));
    assert_eq!(r, Some(7 + usize::from(b'a')));
    let bind = |var: &str| {
        trace
            .events
            .iter()
            .find(|e| e.kind == EventKind::Bind && e.var == var)
            .unwrap_or_else(|| panic!("no bind of {var}\n{trace}"))
    };
    for var in [
        "in_parens",
        "of_field",
        "of_element",
        "of_tried",
        "of_deref",
        "of_method",
        "of_fragment",
    ] {
        assert_eq!(bind(var).ty.as_deref(), Some("&str"), "{var}\n{trace}");
    }
    assert_eq!(bind("byte").ty.as_deref(), Some("u8"), "{trace}");
    assert_eq!(bind("of_temporary").ty, None, "not read: {trace}");
}
