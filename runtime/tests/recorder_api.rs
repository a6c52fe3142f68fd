//! The recorder's public functions, each against what its documentation promises: `capture`
//! returns what ran inside it, nests (an inner capture takes its own events, the outer one
//! goes on), and ends its session even when the closure panics; `events_so_far` is `None`
//! while nothing records.

use std::panic::{catch_unwind, AssertUnwindSafe};
use trace_ownership_runtime::__private::{cloned, Site};
use trace_ownership_runtime::{capture, events_so_far};

static BEFORE: Site = Site("before", "b", "", 1, 1, 0, 0);
static INNER: Site = Site("inner", "i", "", 2, 1, 0, 0);
static AFTER: Site = Site("after", "a", "", 3, 1, 0, 0);

/// `(var, line)` of each event.
fn story(trace: &trace_ownership_runtime::Trace) -> Vec<(&str, u32)> {
    trace
        .events
        .iter()
        .map(|e| (e.var.as_ref(), e.line))
        .collect()
}

#[test]
fn a_capture_inside_a_capture_records_its_own_events_and_the_outer_one_goes_on() {
    let ((), outer) = capture(|| {
        cloned(&BEFORE);
        let ((), inner) = capture(|| cloned(&INNER));
        assert_eq!(story(&inner), [("inner", 2)]);
        assert_eq!(events_so_far(), Some(1), "the outer capture still records");
        cloned(&AFTER);
    });
    assert_eq!(story(&outer), [("before", 1), ("after", 3)]);
    assert_eq!(
        events_so_far(),
        None,
        "nothing records once the outer one ended"
    );
}

#[test]
fn a_capture_whose_closure_panics_ends_its_session() {
    let unwound = catch_unwind(AssertUnwindSafe(|| {
        capture(|| {
            cloned(&BEFORE);
            panic!("the closure panics");
        })
    }));
    assert!(unwound.is_err());
    assert_eq!(
        events_so_far(),
        None,
        "the panicked capture no longer records"
    );
    // A later capture starts from nothing.
    let (n, trace) = capture(events_so_far);
    assert_eq!(n, Some(0));
    assert!(trace.events.is_empty());
}
