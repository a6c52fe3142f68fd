//! Text: one line per event, its source line, indented by call depth, optionally coloured.

use crate::event::{EventKind, Trace};
use crate::explain::sentence;
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

/// The trace as text: a header, then one line per event.
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
    for ev in &trace.events {
        let indent = "  ".repeat(ev.depth as usize);
        let text = sentence(ev);
        let (on, off) = if use_color {
            (color(ev.kind), "\x1b[0m")
        } else {
            ("", "")
        };
        let _ = writeln!(
            out,
            "{:>5} │ {indent}{on}{:<12}{off} {text}",
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
    out
}
