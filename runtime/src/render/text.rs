//! Text: one line per event, its source line, indented by call depth, optionally coloured.

use crate::event::{EventKind, Trace};
use crate::explain::{hedged, sentence, HEDGE_LEGEND, HEDGE_MARK};
use std::fmt::Write;

/// ANSI colours per kind (only used when `color` is on).
fn color(kind: EventKind) -> &'static str {
    match kind {
        EventKind::FnEnter | EventKind::FnExit | EventKind::Called => "\x1b[1m",
        EventKind::Bind | EventKind::Assign => "\x1b[32m",
        EventKind::Move | EventKind::MaybeMove => "\x1b[33m",
        EventKind::Copied | EventKind::Cloned => "\x1b[36m",
        EventKind::Borrowed | EventKind::BorrowedMut | EventKind::BorrowEnd => "\x1b[34m",
        EventKind::Dropped | EventKind::Dealloc => "\x1b[31m",
        EventKind::OutOfScope | EventKind::Folded => "\x1b[2m",
        EventKind::Alloc | EventKind::Realloc => "\x1b[35m",
    }
}

/// The trace as text: a header, then one line per event. A guess (evidence `convention` or
/// `unknown`) is marked on its line with `?`, and the mark is explained once, at the end.
pub fn render(trace: &Trace, use_color: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "── ownership trace: `{}` ({}, thread {}{}) ──",
        trace.function,
        if trace.file.is_empty() {
            "captured"
        } else {
            &trace.file
        },
        trace.thread,
        if trace.heap_tracker {
            ""
        } else {
            "; heap tracker off"
        }
    );
    let mut any_hedged = false;
    for ev in &trace.events {
        let indent = "  ".repeat(ev.depth as usize);
        let text = sentence(ev);
        let (on, off) = if use_color {
            (color(ev.kind), "\x1b[0m")
        } else {
            ("", "")
        };
        let mark = if hedged(ev) {
            any_hedged = true;
            format!("{HEDGE_MARK} ")
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "{:>5} │ {indent}{on}{:<12}{off} {mark}{text}",
            format!("L{}", ev.line),
            ev.kind.as_str(),
        );
    }
    if trace.lost > 0 {
        let _ = writeln!(
            out,
            "      │ … {} more events not kept: the trace reached its limit (TRACE_OWNERSHIP_MAX_EVENTS)",
            trace.lost
        );
    }
    if any_hedged {
        let _ = writeln!(out, "      │ {HEDGE_LEGEND}");
    }
    out
}
