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

// `let ref r = s;` is what clippy advises against, and what older code and some books write.
#[allow(clippy::toplevel_ref_arg)]
#[trace_ownership]
fn bound_by_ref() -> usize {
    let s = noisy("text");
    let ref r = s;
    let ref mut m = 0u8;
    *m += 1;
    r.0.len() + s.0.len() + *m as usize
}

#[test]
fn a_ref_binding_borrows_the_place_it_is_bound_to_and_moves_nothing_out_of_it() {
    // `let ref r = s;` is `let r = &s;`: `s` keeps its value (the program reads it after), and
    // its one value is dropped once, by `s`, at the end.
    let (n, trace, dropped, real) = run_checked(bound_by_ref);
    assert_eq!(n, 4 + 4 + 1);
    assert_eq!(
        (dropped, real),
        (vec!["s".to_string()], vec!["text".to_string()])
    );
    let s_events = story(
        &trace,
        &["move", "copy", "maybe_move", "borrow", "borrow_mut"],
    );
    assert!(s_events.contains(&"borrow s".to_string()), "{trace}");
    assert!(!s_events.iter().any(|e| e.contains("s->r")), "{trace}");
    let borrow = &trace.events[find(&trace, |e| {
        e.kind == EventKind::Borrowed && e.var == "s" && e.to.as_deref() == Some("r")
    })];
    let bind_r = &trace.events[find(&trace, |e| e.kind == EventKind::Bind && e.var == "r")];
    assert_eq!(borrow.line, bind_r.line, "{trace}");
    let text = trace.to_text(false);
    assert!(
        line_of(&text, "`s` borrowed").contains("`s` borrowed (shared, read-only) by `r`"),
        "{text}"
    );
}

#[trace_ownership]
fn carried_to_the_tail() -> usize {
    let s = noisy("carried");
    let r = &s;
    let r2 = r;
    r2.0.len()
}

#[test]
fn a_borrow_carried_into_a_copy_lasts_while_the_copy_is_used_by_the_blocks_value() {
    // `r2` is a copy of `r`: the borrow of `s` lives as long as `r2` is used (the compiler would
    // reject moving `s` before `r2.0.len()`), so its end comes after that use, not at `let r`.
    let (n, trace, dropped, _) = run_checked(carried_to_the_tail);
    assert_eq!((n, dropped), (7, vec!["s".to_string()]));
    let end = find(&trace, |e| {
        e.kind == EventKind::BorrowEnd && e.var == "s" && e.to.as_deref() == Some("r")
    });
    // The tail `r2.0.len()` is the last use (a field read, which records no event of its own):
    // the borrow ends after it, at the closing brace, where `r2` and `r` leave their scope.
    let copy = find(&trace, |e| e.kind == EventKind::Copied && e.var == "r");
    let r2_gone = find(&trace, |e| e.kind == EventKind::OutOfScope && e.var == "r2");
    assert!(copy < end, "{trace}");
    assert_eq!(
        trace.events[end].line, trace.events[r2_gone].line,
        "{trace}"
    );
    assert_eq!(
        trace.events[end].line,
        trace.events[copy].line + 2,
        "{trace}"
    );
    // And it ends before `s` is dropped.
    let drop_s = find(&trace, |e| e.kind == EventKind::Dropped && e.var == "s");
    assert!(end < drop_s, "{trace}");
}
