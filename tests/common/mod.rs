//! Ground truth for the scenario tests: a value whose `Drop` logs when it really runs, and
//! checks that a trace's `drop` events agree with it.
#![allow(dead_code)]

use std::cell::RefCell;
use trace_ownership::{EventKind, Trace};

thread_local! {
    /// (label of the dropped value, events recorded when it was dropped)
    static LOG: RefCell<Vec<(String, Option<usize>)>> = const { RefCell::new(Vec::new()) };
}

/// The index of the first event `pred` accepts (a panic showing the trace when none does).
pub fn find(trace: &Trace, pred: impl Fn(&trace_ownership::Event) -> bool) -> usize {
    trace
        .events
        .iter()
        .position(pred)
        .unwrap_or_else(|| panic!("no such event in\n{trace}"))
}

/// A value whose drop is logged, with the position in the trace at which it happened.
#[derive(Debug, Clone, PartialEq)]
pub struct Noisy(pub String);

/// A `Noisy` labelled `label`.
pub fn noisy(label: &str) -> Noisy {
    Noisy(label.to_string())
}

impl Drop for Noisy {
    fn drop(&mut self) {
        let at = trace_ownership::events_so_far();
        LOG.with(|l| l.borrow_mut().push((self.0.clone(), at)));
    }
}

/// Empties the log.
pub fn reset() {
    LOG.with(|l| l.borrow_mut().clear());
}

/// The labels of the values really dropped, in order (and empties the log).
pub fn real_drops() -> Vec<(String, Option<usize>)> {
    LOG.with(|l| std::mem::take(&mut *l.borrow_mut()))
}

/// `"kind var"` per event, optionally only of the given kinds.
pub fn story(trace: &Trace, kinds: &[&str]) -> Vec<String> {
    trace
        .events
        .iter()
        .filter(|e| kinds.is_empty() || kinds.contains(&e.kind.as_str()))
        .map(|e| match (e.kind, &e.to) {
            (
                EventKind::Move | EventKind::Copied | EventKind::Cloned | EventKind::MaybeMove,
                Some(to),
            ) => {
                format!("{} {}->{}", e.kind.as_str(), e.var, to)
            }
            _ => format!("{} {}", e.kind.as_str(), e.var),
        })
        .collect()
}

/// The variables whose `Noisy` values the trace says were dropped, in order.
pub fn traced_noisy_drops(trace: &Trace) -> Vec<(String, usize)> {
    trace
        .events
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            e.kind == EventKind::Dropped && e.ty.as_deref().is_some_and(|t| t.ends_with("Noisy"))
        })
        .map(|(i, e)| (e.var.to_string(), i))
        .collect()
}

/// Runs `f` traced and checks the ground truth, both ways:
/// - every `drop` event of a `Noisy` variable is followed at once by the real drop;
/// - every real drop is explained by the event recorded right before it: a `drop` (of the
///   variable, or of a container, tuple or closure holding the value), or a move into a call
///   that consumed it. A drop by assignment is recorded right after the real drop.
///
/// Returns the result, the trace, the variables dropped (of type `Noisy`) and the labels of the
/// values really dropped, in order.
pub fn run_checked<R>(f: impl FnOnce() -> R) -> (R, Trace, Vec<String>, Vec<String>) {
    reset();
    let (r, trace) = trace_ownership::capture(f);
    let real = real_drops();
    let traced = traced_noisy_drops(&trace);
    let at_positions: Vec<usize> = real.iter().filter_map(|(_, at)| *at).collect();
    // A real drop right after the event (or right before it, for an assignment), or, for a
    // parameter, after the other parameters' drop events and the function's exit.
    let matches = |idx: usize, k: usize| {
        k == idx + 1
            || k == idx
            || (k > idx + 1
                && trace.events[k - 1].kind == EventKind::FnExit
                && trace.events[idx + 1..k - 1].iter().all(|e| {
                    matches!(
                        e.kind,
                        EventKind::Dropped | EventKind::OutOfScope | EventKind::BorrowEnd
                    )
                }))
    };
    for (var, idx) in &traced {
        assert!(
            at_positions.iter().any(|&k| matches(*idx, k)),
            "trace says `{var}` dropped at event {idx}, but no value was really dropped there: {real:?}\n{trace}"
        );
    }
    for (label, at) in &real {
        let Some(k) = *at else { continue };
        // Parameters really drop after the function's body, hence after its `fn_exit`.
        let mut i = k.checked_sub(1);
        while let Some(j) = i.filter(|&j| trace.events[j].kind == EventKind::FnExit) {
            i = j.checked_sub(1);
        }
        let before = i.map(|i| &trace.events[i]);
        let after = trace.events.get(k);
        let explained = before.is_some_and(|e| {
            e.kind == EventKind::Dropped
                || (matches!(e.kind, EventKind::Move | EventKind::MaybeMove)
                    && e.to.as_deref().is_some_and(|t| t.ends_with("()")))
        }) || after.is_some_and(|e| {
            e.kind == EventKind::Dropped
                && e.detail.as_deref() == Some("old value replaced by assignment")
        });
        assert!(
            explained,
            "`{label}` really dropped after event {k} with no drop event there\n{trace}"
        );
    }
    let vars = traced.into_iter().map(|(v, _)| v).collect();
    let labels = real.into_iter().map(|(l, _)| l).collect();
    (r, trace, vars, labels)
}

/// Runs a future to completion on this thread (the tests' futures never wait on anything).
pub fn block_on<F: std::future::Future>(f: F) -> F::Output {
    use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
    fn noop(_: *const ()) {}
    fn clone(_: *const ()) -> RawWaker {
        RawWaker::new(std::ptr::null(), &VTABLE)
    }
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    let waker = unsafe { Waker::from_raw(RawWaker::new(std::ptr::null(), &VTABLE)) };
    let mut cx = Context::from_waker(&waker);
    let mut f = std::pin::pin!(f);
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

/// The value of attribute `name` in the element text `elem` of a page (the first one).
pub fn attr<'p>(elem: &'p str, name: &str) -> &'p str {
    let key = format!(" {name}=\"");
    let at = elem
        .find(&key)
        .unwrap_or_else(|| panic!("no {name} in {elem}"))
        + key.len();
    &elem[at..at + elem[at..].find('"').expect("closing quote")]
}
