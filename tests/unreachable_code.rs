//! Statements that never complete (`return`, `panic!`, `panic_any`, a `loop` without `break`)
//! and loops that do (a `break`, or a macro that may expand to one): what follows the first is
//! unreachable, so a variable named only there is not "used again"; what follows the second
//! runs, and is traced.
//!
//! Ground truth: rustc's own reading (it warns "unreachable expression" at exactly the code
//! after the first kind), the program's results, and the logging `Drop` of `tests/common`.
#![allow(unreachable_code)]

mod common;
use common::*;
use trace_ownership::{trace_ownership, EventKind, Evidence, Trace};

#[trace_ownership]
fn copied_then_return() -> usize {
    let x = 5usize;
    let y = x;
    return y;
    x
}

#[trace_ownership]
fn copied_then_panic() -> usize {
    let x = 5usize;
    let y = x;
    panic!("{y}");
    x
}

#[trace_ownership]
#[allow(unused_parens)]
fn copied_then_parenthesized_panic() -> usize {
    let x = 5usize;
    let y = x;
    (panic!("{y}"));
    x
}

#[trace_ownership]
fn copied_then_panic_any() -> usize {
    let x = 5usize;
    let y = x;
    std::panic::panic_any(y);
    x
}

#[trace_ownership]
#[allow(clippy::never_loop)]
fn copied_then_endless_loop() -> usize {
    let x = 5usize;
    let y = x;
    loop {
        return y;
    }
    x
}

/// The copy of `x` into `y`: proven by `x`'s type, never by a later use (there is none that
/// runs).
fn copy_evidence(trace: &Trace) -> Option<Evidence> {
    trace
        .events
        .iter()
        .find(|e| e.kind == EventKind::Copied && e.var == "x")
        .unwrap_or_else(|| panic!("no copy of `x`\n{trace}"))
        .evidence
}

#[test]
fn a_variable_named_only_after_a_statement_that_never_completes_is_not_used_again() {
    let (r, trace) = trace_ownership::capture(copied_then_return);
    assert_eq!(r, 5);
    assert_eq!(copy_evidence(&trace), Some(Evidence::CopyType), "{trace}");
    let (r, trace) = trace_ownership::capture(copied_then_endless_loop);
    assert_eq!(r, 5);
    assert_eq!(copy_evidence(&trace), Some(Evidence::CopyType), "{trace}");
    for f in [
        copied_then_panic as fn() -> usize,
        copied_then_parenthesized_panic,
        copied_then_panic_any,
    ] {
        let (r, trace) = trace_ownership::capture(|| std::panic::catch_unwind(f));
        assert!(r.is_err(), "it panicked");
        assert_eq!(copy_evidence(&trace), Some(Evidence::CopyType), "{trace}");
    }
}

/// A type of the test's own: the macro cannot tell whether `peek` takes `self` or `&self`,
/// only that `t` is used again later proves it was not moved.
struct Tally(Noisy);

impl Tally {
    fn peek(&self) -> usize {
        self.0 .0.len()
    }
}

#[trace_ownership]
fn after_a_loop_that_breaks() -> usize {
    let t = Tally(noisy("t"));
    let seen = t.peek();
    let mut n = 0;
    loop {
        n += 1;
        if n == 3 {
            break;
        }
    }
    let b = noisy("b");
    n + b.0.len() + seen + t.peek()
}

macro_rules! leave {
    () => {
        break
    };
}

#[trace_ownership]
fn after_a_loop_left_by_a_macro() -> usize {
    let t = Tally(noisy("t"));
    let seen = t.peek();
    let mut n = 0;
    loop {
        n += 1;
        if n == 3 {
            leave!();
        }
    }
    let b = noisy("b");
    n + b.0.len() + seen + t.peek()
}

#[test]
fn what_follows_a_loop_that_can_end_runs_and_is_traced() {
    for f in [
        after_a_loop_that_breaks as fn() -> usize,
        after_a_loop_left_by_a_macro,
    ] {
        // (Not `run_checked`: `t`'s last use, an unknown method, hedges its end.)
        reset();
        let (r, trace) = trace_ownership::capture(f);
        assert_eq!(r, 6);
        // `t` is read after the loop (rustc accepts it): the first `peek()` only borrowed it.
        let of_t: Vec<String> = story(&trace, &[])
            .into_iter()
            .filter(|s| s.ends_with(" t"))
            .collect();
        assert_eq!(of_t[..3], ["bind t", "borrow t", "borrow_end t"], "{trace}");
        // `b`, bound after the loop, is traced, and its drop is the real one.
        assert_eq!(story(&trace, &["drop"])[0], "drop b");
        let real: Vec<String> = real_drops().into_iter().map(|(l, _)| l).collect();
        assert_eq!(real, ["b", "t"]);
    }
}
