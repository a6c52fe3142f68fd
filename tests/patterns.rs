//! What each pattern shape binds: a binding inside an or-pattern, parentheses, a reference
//! pattern or a slice pattern is a variable like any other, so the trace binds it, moves the
//! value into it and drops it (found by cargo-mutants: `names::collect_pat`). Ground truth: a
//! logging `Drop` (`tests/common`) and the program's own results.

mod common;
use common::{noisy, run_checked, story, Noisy};
use trace_ownership::{trace_ownership, EventKind};

#[trace_ownership]
fn either_side(r: Result<Noisy, Noisy>) -> usize {
    let (Ok(x) | Err(x)) = r;
    x.0.len()
}

#[test]
fn an_or_pattern_in_parentheses_binds_its_variable_from_either_side() {
    for r in [Ok(noisy("ok")), Err(noisy("error"))] {
        let expected = match &r {
            Ok(n) | Err(n) => n.0.len(),
        };
        // `run_checked`: the value really dropped at the end is the one the trace says `x` drops.
        let (n, trace, dropped, real) = run_checked(|| either_side(r));
        assert_eq!(n, expected);
        assert_eq!(dropped, ["x"], "{trace}");
        assert_eq!(real.len(), 1);
        let s = story(&trace, &["bind", "move", "drop", "out_of_scope"]);
        assert_eq!(
            s,
            ["bind r", "bind x", "move r->x", "drop x", "out_of_scope r"],
            "{trace}"
        );
    }
}

#[trace_ownership]
fn arm_of_either(r: Result<Noisy, Noisy>) -> usize {
    match r {
        Ok(x) | Err(x) => x.0.len(),
    }
}

#[test]
fn a_match_arm_with_alternatives_binds_its_variable() {
    let (n, trace, dropped, _) = run_checked(|| arm_of_either(Err(noisy("four"))));
    assert_eq!(n, 4);
    assert_eq!(dropped, ["x"], "{trace}");
}

#[trace_ownership]
fn copy_through_references() -> u8 {
    let &n = &5u8;
    let mut total = 0;
    for &x in [1u8, 2].iter() {
        total += x;
    }
    let &(mut m) = &3u8;
    m += 1;
    n + total + m
}

#[test]
fn a_reference_pattern_binds_the_value_it_points_to() {
    let (r, trace) = trace_ownership::capture(copy_through_references);
    assert_eq!(r, 5 + 3 + 4);
    // `&n`, `&x` and `&(mut m)` each declare a variable, which is later read.
    let binds = |var: &str| {
        trace
            .events
            .iter()
            .filter(|e| e.kind == EventKind::Bind && e.var == var)
            .collect::<Vec<_>>()
    };
    assert_eq!(binds("n").len(), 1, "{trace}");
    assert_eq!(binds("m").len(), 1, "{trace}");
    // The loop binds `x` once per element, to a copy of it (a `u8`, not a `&u8`).
    let xs = binds("x");
    assert_eq!(xs.len(), 2, "{trace}");
    assert!(xs.iter().all(|e| e.ty.as_deref() == Some("u8")), "{trace}");
}

#[trace_ownership]
fn both_of(pair: [Noisy; 2]) -> usize {
    let [a, b] = pair;
    a.0.len() + 10 * b.0.len()
}

#[test]
fn a_slice_pattern_moves_each_element_into_its_variable() {
    common::reset();
    let (n, trace) = trace_ownership::capture(|| both_of([noisy("a"), noisy("bb")]));
    assert_eq!(n, 21);
    let s = story(&trace, &["bind", "move", "drop", "out_of_scope"]);
    assert_eq!(
        s,
        [
            "bind pair",
            "bind a",
            "bind b",
            "move pair->a",
            "move pair->b",
            "drop b",
            "drop a",
            "out_of_scope pair"
        ],
        "{trace}"
    );
    // Dropped in reverse order of declaration, as the log shows. (Not `run_checked`: a
    // pattern's slots are declared after all its bindings, so both drop events come before
    // both real drops.)
    let real: Vec<String> = common::real_drops().into_iter().map(|(l, _)| l).collect();
    assert_eq!(real, ["bb", "a"]);
}

#[trace_ownership]
#[allow(clippy::redundant_pattern)]
fn reference_bound_with_at() -> usize {
    let mut s = String::from("ab");
    let r @ _ = &s;
    let n = r.len();
    let m = &mut s;
    m.push('c');
    n
}

#[trace_ownership]
#[allow(clippy::redundant_pattern)]
fn reference_bound_with_at_and_typed() -> usize {
    let mut s = String::from("ab");
    let r @ _: &String = &s;
    let n = r.len();
    let m = &mut s;
    m.push('c');
    n
}

#[test]
fn a_reference_bound_by_an_at_pattern_is_held_until_its_last_use() {
    held_until_last_use(reference_bound_with_at);
}

#[test]
fn a_reference_bound_by_a_typed_at_pattern_is_held_until_its_last_use() {
    held_until_last_use(reference_bound_with_at_and_typed);
}

fn held_until_last_use(f: fn() -> usize) {
    let (n, trace) = trace_ownership::capture(f);
    assert_eq!(n, 2);
    // `r` holds the borrow of `s` (rustc would reject `&mut s` before `r`'s last use, `r.len()`).
    let end = trace
        .events
        .iter()
        .position(|e| {
            e.kind == EventKind::BorrowEnd && e.var == "s" && e.to.as_deref() == Some("r")
        })
        .unwrap_or_else(|| panic!("no end of the borrow of `s` by `r`\n{trace}"));
    let use_of_r = trace
        .events
        .iter()
        .position(|e| e.var == "r" && e.to.as_deref() == Some("len()"))
        .unwrap();
    assert!(use_of_r < end, "{trace}");
}
