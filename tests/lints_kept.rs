//! The compiler's warnings are the program's own (transparency): each function here is written
//! so that rustc warns about it untraced, and `#[expect(..)]` makes the build fail
//! (`unfulfilled_lint_expectations`, denied here) if the traced copy no longer gets that warning,
//! for example because generated code reads a variable the program never reads. `ui-traced/`
//! checks the warnings' text and place; these are the cases cargo-mutants found, in a target
//! its per-mutant test run builds.
#![deny(warnings)]

mod common;
use common::{noisy, Noisy};
use trace_ownership::trace_ownership;

macro_rules! show {
    ($e:expr) => {
        let _ = &$e;
    };
}

#[trace_ownership]
#[expect(unused_variables, unused_assignments)]
fn assigned_but_never_read() -> u8 {
    let mut x = 1u8;
    let y = 2u8;
    show!(y);
    x = 2;
    y
}

#[test]
fn a_variable_only_ever_assigned_is_still_unused() {
    // (rustc: "variable `x` is assigned to, but never used", and "value assigned to `x` is
    // never read" at `x = 2`; the reads of `y` between `x`'s `let` and its assignment are
    // not reads of `x`.)
    assert_eq!(assigned_but_never_read(), 2);
}

#[trace_ownership]
#[expect(unused_assignments)]
fn replaced_and_never_read() -> usize {
    let mut n = noisy("first");
    let k = n.0.len();
    n = noisy("second");
    k
}

#[test]
fn a_value_assigned_and_never_read_is_still_reported() {
    // (rustc: "value assigned to `n` is never read", at `n = noisy("second")`.)
    assert_eq!(replaced_and_never_read(), 5);
}

#[trace_ownership]
#[expect(unused_variables)]
fn shadowed_by_a_part_never_used() -> usize {
    let pair = (noisy("a"), noisy("bb"));
    let (pair, _rest): (Noisy, Noisy) = pair;
    0
}

#[test]
fn a_binding_that_shadows_the_value_it_takes_apart_is_still_unused() {
    // (rustc: "unused variable: `pair`", the new one: the old one is read by the `let`.)
    assert_eq!(shadowed_by_a_part_never_used(), 0);
}

// The first value of `n` is replaced before anything reads it: rustc warns at `let mut n = 0;`
// ("value assigned to `n` is never read"), so the traced copy must neither read `n` there nor
// wrap its initializer. A parameter overwritten before it is read, the same ("value passed to
// `n` is never read").
mod overwritten_first_value {
    use trace_ownership::trace_ownership;

    #[trace_ownership]
    #[expect(unused_assignments)]
    fn first_value_never_read() -> usize {
        let s = String::from("ab");
        let mut n = 0;
        n = s.len();
        n
    }

    #[trace_ownership]
    #[expect(unused_assignments)]
    fn parameter_overwritten(mut n: usize, s: &str) -> usize {
        n = s.len();
        n
    }

    #[trace_ownership]
    #[expect(unused_assignments)]
    fn replaced_in_a_loop_before_it_is_read(v: &[u8]) -> u8 {
        let mut last = 0u8;
        let mut i = 0;
        loop {
            last = v[i];
            i += 1;
            if last > 1 || i == v.len() {
                break;
            }
        }
        last
    }

    #[test]
    fn a_first_value_overwritten_before_it_is_read_is_still_reported() {
        assert_eq!(first_value_never_read(), 2);
        assert_eq!(parameter_overwritten(7, "abc"), 3);
        assert_eq!(replaced_in_a_loop_before_it_is_read(&[1, 2, 3]), 2);
    }
}
