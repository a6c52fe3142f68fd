//! The code beside the timeline: which embedded source line each event happened on, and the
//! code panes (one per traced function whose text the macro embedded), with folded loop
//! iterations marked on their lines.

use super::escape;
use crate::event::{EventKind, Trace};
use std::fmt::Write;

/// The source line of each event, found in the trace's embedded sources.
pub struct CodeLines<'t> {
    /// Index in `trace.sources` of each event's source (`None`: its code was not embedded).
    pub source_of_event: Vec<Option<usize>>,
    /// Each event's line of code.
    pub line_of_event: Vec<Option<&'t str>>,
    /// Whether each event is on the same line of the same call as the one before it.
    same_as_before: Vec<bool>,
}

impl<'t> CodeLines<'t> {
    /// Looks up every event's line. An event is in the file of the innermost call it is in (the
    /// `detail` of that call's `fn_enter`), or the trace's file.
    pub fn new(trace: &'t Trace) -> CodeLines<'t> {
        let mut files: Vec<&str> = Vec::new();
        let mut source_of_event = Vec::with_capacity(trace.events.len());
        let mut line_of_event = Vec::with_capacity(trace.events.len());
        let mut same_as_before = Vec::with_capacity(trace.events.len());
        let mut before: Option<(usize, u32)> = None;
        for ev in &trace.events {
            if ev.kind == EventKind::FnEnter {
                files.push(ev.detail.as_deref().unwrap_or(&trace.file));
            }
            let file = files.last().copied().unwrap_or(&trace.file);
            let src = trace
                .sources
                .iter()
                .enumerate()
                .filter(|(_, s)| {
                    s.file == file && s.first_line <= ev.line && ev.line <= s.last_line()
                })
                .max_by_key(|(_, s)| s.first_line)
                .map(|(i, _)| i);
            source_of_event.push(src);
            line_of_event.push(src.and_then(|i| trace.sources[i].line(ev.line)));
            let here = (files.len(), ev.line);
            same_as_before.push(before == Some(here));
            before = Some(here);
            if ev.kind == EventKind::FnExit {
                files.pop();
            }
        }
        CodeLines {
            source_of_event,
            line_of_event,
            same_as_before,
        }
    }

    /// The code of event `i`'s line, if `i` is the first of a run of events on that line.
    pub fn first_of_run(&self, i: usize) -> Option<&'t str> {
        if self.same_as_before[i] {
            None
        } else {
            self.line_of_event[i]
        }
    }
}

/// The code panes: each embedded source as numbered lines; a line where loop iterations were
/// folded says how many. With no embedded source, one sentence says why there is no code.
pub fn panes(trace: &Trace, code: &CodeLines) -> String {
    let mut s = String::new();
    if trace.sources.is_empty() {
        s.push_str(
            r#"<p class="no-code">The code is not shown: the trace carries no source text (the macro could not read it, or the trace was made without it).</p>"#,
        );
        return s;
    }
    for (k, src) in trace.sources.iter().enumerate() {
        let _ = write!(
            s,
            r#"<div class="src" data-src="{k}" data-fn="{}"><div class="src-title">{} <span class="src-file">{}</span></div><pre>"#,
            escape(&src.function),
            escape(&src.function),
            escape(&src.file),
        );
        for (j, text) in src.text.lines().enumerate() {
            let line = src.first_line + j as u32;
            let folded: u64 = trace
                .events
                .iter()
                .zip(&code.source_of_event)
                .filter(|(e, s)| e.kind == EventKind::Folded && e.line == line && **s == Some(k))
                .filter_map(|(e, _)| e.count)
                .sum();
            let note = if folded > 0 {
                format!(
                    r#"<span class="fold-note" title="folded: counted, not kept">⟳ {folded} more {} folded</span>"#,
                    if folded == 1 { "time" } else { "times" }
                )
            } else {
                String::new()
            };
            let _ = write!(
                s,
                r#"<span class="src-line" data-line="{line}"><span class="ln">{line}</span>{}{note}</span>"#,
                escape(text)
            );
        }
        s.push_str("</pre></div>");
    }
    if code.source_of_event.iter().any(Option::is_none) {
        s.push_str(r#"<p class="no-code">Some events are in code whose text was not embedded (a closure run on a thread of its own, or code another macro wrote): their rows have no code.</p>"#);
    }
    s
}
