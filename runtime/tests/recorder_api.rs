//! The recorder's public functions, each against what its documentation promises: `record` and
//! `record_with` store the event they are given, as given; `quietly` marks the recorder busy
//! (what `busy` reports) and restores the flag; `capture` nests, and ends its session even when
//! the closure panics.

use std::panic::{catch_unwind, AssertUnwindSafe};
use trace_ownership_runtime::recorder::{
    active, busy, capture, events_so_far, quietly, record, record_with,
};
use trace_ownership_runtime::{Event, EventKind};

fn event(kind: EventKind, var: &str, line: u32, col: u32) -> Event {
    Event::new(kind, var.to_string(), line, col)
}

/// `(kind, var, line, col)` of each event.
fn story(events: &[Event]) -> Vec<(&str, &str, u32, u32)> {
    events
        .iter()
        .map(|e| (e.kind.as_str(), e.var.as_ref(), e.line, e.col))
        .collect()
}

#[test]
fn record_stores_the_event_it_is_given() {
    let ((), trace) = capture(|| record(event(EventKind::Called, "f", 3, 4)));
    assert_eq!(story(&trace.events), [("call", "f", 3, 4)]);
    assert_eq!(trace.events[0].seq, 0);
}

#[test]
fn record_with_builds_and_stores_the_event_only_while_something_records() {
    let mut built = 0;
    record_with(|| {
        built += 1;
        event(EventKind::Called, "outside", 1, 1)
    });
    assert_eq!(built, 0, "nothing records: the event is not even built");
    let ((), trace) = capture(|| {
        record_with(|| {
            built += 1;
            event(EventKind::Called, "inside", 2, 5)
        })
    });
    assert_eq!(built, 1);
    assert_eq!(story(&trace.events), [("call", "inside", 2, 5)]);
}

#[test]
fn quietly_marks_the_recorder_busy_and_restores_the_flag() {
    assert!(!busy(), "user code runs with the recorder idle");
    quietly(|| {
        assert!(busy());
        quietly(|| assert!(busy()));
        assert!(busy(), "an inner `quietly` restores the outer state");
    });
    assert!(!busy());
    let ((), _) = capture(|| {
        assert!(
            !busy(),
            "inside a capture too, user code runs with the recorder idle"
        );
        quietly(|| assert!(busy()));
        assert!(!busy());
    });
}

#[test]
fn a_capture_inside_a_capture_records_its_own_events_and_the_outer_one_goes_on() {
    let ((), outer) = capture(|| {
        record(event(EventKind::Called, "before", 1, 1));
        let ((), inner) = capture(|| record(event(EventKind::Called, "inner", 2, 1)));
        assert_eq!(story(&inner.events), [("call", "inner", 2, 1)]);
        assert!(active(), "the outer capture still records");
        record(event(EventKind::Called, "after", 3, 1));
    });
    assert_eq!(
        story(&outer.events),
        [("call", "before", 1, 1), ("call", "after", 3, 1)]
    );
    assert!(!active(), "nothing records once the outer capture ended");
    assert_eq!(events_so_far(), None);
}

#[test]
fn a_capture_whose_closure_panics_ends_its_session() {
    let unwound = catch_unwind(AssertUnwindSafe(|| {
        capture(|| {
            record(event(EventKind::Called, "f", 1, 1));
            panic!("the closure panics");
        })
    }));
    assert!(unwound.is_err());
    assert!(!active(), "the panicked capture no longer records");
    assert_eq!(events_so_far(), None);
    // A later capture starts from nothing.
    let (n, trace) = capture(events_so_far);
    assert_eq!(n, Some(0));
    assert!(trace.events.is_empty());
}
