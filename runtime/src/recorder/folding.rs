//! Folding: the iterations of a loop past the first few, and the calls of a closure past the
//! first few at each call site, are counted instead of kept, so that a long loop's trace stays
//! bounded. Loops and closures fold through the same two steps, [`Session::fold_begin`] and
//! [`Session::fold_end`], and say what they folded with the same event, [`folded`].

use super::{active, enter, with_innermost, with_session, FrameGuard, Session};
use crate::detail::{Detail, Why};
use crate::event::{Event, EventKind};
use crate::output;
use crate::site::{Raw, Site};
use std::cell::Cell;

impl Session {
    /// Starts a folded stretch: from now on events are counted, not kept (until every stretch
    /// begun has ended; they nest). Returns the count so far, which [`Session::fold_end`] takes.
    fn fold_begin(&mut self) -> u64 {
        self.suppress += 1;
        self.suppressed_total
    }

    /// Ends the folded stretch that began when `start` events had been counted; returns how
    /// many were counted during it.
    fn fold_end(&mut self, start: u64) -> u64 {
        self.suppress = self.suppress.saturating_sub(1);
        self.suppressed_total - start
    }
}

/// Whether the innermost session is folding: every event recorded now is only counted. Callers
/// that would do work to build an event (read a type's name, say) ask first, and only count it
/// with [`count_folded`].
#[inline]
pub(crate) fn folding() -> bool {
    active() && with_innermost(|s| s.suppress > 0).unwrap_or(false)
}

/// Counts `events` events that the innermost session, folding, does not keep: what recording
/// each of them would have done.
pub(crate) fn count_folded(events: u64) {
    with_innermost(|s| s.suppressed_total += events);
}

/// The `folded` event of `var` (`"loop"` or `"closure"`) at `line:col`: `count` iterations or
/// calls folded, `detail` says which and how many events were not shown.
fn folded(var: &'static str, line: u32, col: u32, count: u64, detail: String) -> Raw {
    let mut ev = Event::new(EventKind::Folded, var, line, col);
    ev.count = Some(count);
    ev.detail = Some(Detail::why(Why::Words(detail.into())));
    Raw::Full(Box::new(ev))
}

/// One closure call site of a frame: how many calls it made, how many of them were folded,
/// and how many events those folded calls recorded.
pub(super) struct ClosureSite {
    line: u32,
    col: u32,
    calls: u64,
    folded_calls: u64,
    folded_events: u64,
}

/// Records, as the frame on top of `s` ends, one `folded` event for each of its closure call
/// sites that folded calls.
pub(super) fn closure_calls_folded(s: &mut Session) {
    let Some(frame) = s.frames.last() else {
        return;
    };
    let folded_sites: Vec<(u32, u32, u64, u64)> = frame
        .closure_sites
        .iter()
        .filter(|c| c.folded_calls > 0)
        .map(|c| (c.line, c.col, c.folded_calls, c.folded_events))
        .collect();
    for (line, col, calls, events) in folded_sites {
        s.push(folded(
            "closure",
            line,
            col,
            calls,
            format!("calls; {events} events not shown"),
        ));
    }
}

/// Guard around one loop: counts iterations and folds those past the configured number.
pub struct LoopGuard {
    live: bool,
    line: u32,
    col: u32,
    keep: u32,
    iterations: Cell<u64>,
    suppressing: Cell<bool>,
    suppressed_at_start: Cell<u64>,
}

/// Starts a loop at `line:col`.
#[inline]
pub fn loop_enter(line: u32, col: u32) -> LoopGuard {
    let live = active();
    LoopGuard {
        live,
        line,
        col,
        keep: if live { output::config().loop_keep } else { 0 },
        iterations: Cell::new(0),
        suppressing: Cell::new(false),
        suppressed_at_start: Cell::new(0),
    }
}

impl LoopGuard {
    /// Marks the start of one iteration. Past the kept number, the iteration's events are
    /// counted instead of recorded.
    #[inline]
    pub fn iteration(&self) {
        if self.live {
            self.count_iteration();
        }
    }

    #[cold]
    #[inline(never)]
    fn count_iteration(&self) {
        let n = self.iterations.get() + 1;
        self.iterations.set(n);
        if n > u64::from(self.keep) && !self.suppressing.get() {
            self.suppressing.set(true);
            with_session(|s| self.suppressed_at_start.set(s.fold_begin()));
        }
    }

    #[cold]
    #[inline(never)]
    fn fold(&mut self) {
        let iterations = self.iterations.get() - u64::from(self.keep);
        let start = self.suppressed_at_start.get();
        with_session(|s| {
            let events = s.fold_end(start);
            let keep = self.keep;
            s.push(folded(
                "loop",
                self.line,
                self.col,
                iterations,
                format!("iterations after the first {keep}; {events} events not shown"),
            ));
        });
    }
}

impl Drop for LoopGuard {
    #[inline]
    fn drop(&mut self) {
        if self.suppressing.get() {
            self.fold();
        }
    }
}

/// Guard around one call of a closure (or one run of an async block) written in a traced
/// function. Calls past the configured number per call site are folded. When no trace is
/// recording on this thread (a closure run by a spawned thread), the call starts its own trace.
pub struct ClosureGuard {
    inner: Option<FrameGuard>,
    suppressing: bool,
    line: u32,
    col: u32,
    suppressed_at_start: u64,
}

/// Starts one call of the closure described by `site` (written at its line and column, in the
/// file given as its `detail`).
pub fn closure_enter(site: &'static Site) -> ClosureGuard {
    let (line, col) = (site.line(), site.col());
    if !active() {
        // A thread (or a later caller) running the closure on its own: its own trace.
        let inner = enter(site, "", 0);
        return ClosureGuard {
            inner: Some(inner),
            suppressing: false,
            line,
            col,
            suppressed_at_start: 0,
        };
    }
    let keep = u64::from(output::config().loop_keep);
    let mut suppressing = false;
    let mut suppressed_at_start = 0;
    with_session(|s| {
        let Some(frame) = s.frames.last_mut() else {
            return;
        };
        let site = match frame
            .closure_sites
            .iter_mut()
            .position(|c| c.line == line && c.col == col)
        {
            Some(i) => &mut frame.closure_sites[i],
            None => {
                frame.closure_sites.push(ClosureSite {
                    line,
                    col,
                    calls: 0,
                    folded_calls: 0,
                    folded_events: 0,
                });
                frame.closure_sites.last_mut().expect("just pushed")
            }
        };
        site.calls += 1;
        if site.calls > keep {
            site.folded_calls += 1;
            suppressing = true;
            suppressed_at_start = s.fold_begin();
        }
    });
    ClosureGuard {
        inner: None,
        suppressing,
        line,
        col,
        suppressed_at_start,
    }
}

impl Drop for ClosureGuard {
    fn drop(&mut self) {
        if self.suppressing {
            let (line, col, start) = (self.line, self.col, self.suppressed_at_start);
            with_session(|s| {
                let events = s.fold_end(start);
                if let Some(site) = s.frames.last_mut().and_then(|f| {
                    f.closure_sites
                        .iter_mut()
                        .find(|c| c.line == line && c.col == col)
                }) {
                    site.folded_events += events;
                }
            });
        }
        drop(self.inner.take());
    }
}
