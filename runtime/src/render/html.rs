//! HTML: one self-contained page per trace (inline CSS, SVG and a few lines of script; nothing
//! fetched from anywhere), a timeline of ownership read top to bottom.
//!
//! Each variable of each traced call is a column; each event a row, in the order it happened.
//! A variable's lifetime is a vertical line from its `bind` to its `drop` (a red cross) or its
//! `out_of_scope` (a hollow circle: nothing dropped). Borrows are dashed lines beside the borrowed
//! variable, blue for shared, orange for mutable, from the borrow to its end. Moves, copies and
//! clones are arrows between columns (black, green, purple). Nested calls are shaded frames;
//! folded loop iterations a dotted row. Hovering a mark shows its sentence; clicking puts it in
//! the panel at the top.
//!
//! Every string that comes from the program (variable, type, function, file and thread names) is
//! escaped, and the page's script only reads text from attributes into `textContent`: nothing
//! from the trace is ever run.

use crate::event::{Event, EventKind, Trace};
use crate::explain::sentence;
use std::collections::HashMap;
use std::fmt::Write;
use std::path::Path;

/// Escapes `&`, `<`, `>`, `"` and `'` for HTML text and attributes.
///
/// ```
/// use trace_ownership_runtime::render::html::escape;
/// assert_eq!(escape("Vec<&'a str>"), "Vec&lt;&amp;&#39;a str&gt;");
/// ```
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const ROW: usize = 24;
const TOP: usize = 70;
const LEFT: usize = 150;
const COL: usize = 90;

/// Where each variable of each call goes.
struct Layout {
    /// Column of each event's own variable (if it has one).
    col_of_event: Vec<Option<usize>>,
    /// Column index → (frame number, variable name, depth).
    columns: Vec<(usize, String, u32)>,
    /// Column, within the event's frame, named `to` (for arrows and borrow holders).
    to_col: Vec<Option<usize>>,
}

fn is_heap(k: EventKind) -> bool {
    matches!(
        k,
        EventKind::Alloc | EventKind::Dealloc | EventKind::Realloc
    )
}

fn layout(trace: &Trace) -> Layout {
    let mut columns: Vec<(usize, String, u32)> = Vec::new();
    let mut index: HashMap<(usize, String), usize> = HashMap::new();
    let mut stack: Vec<usize> = vec![0];
    let mut next_frame = 1;
    let mut col_of_event = Vec::with_capacity(trace.events.len());
    let mut frame_of_event = Vec::with_capacity(trace.events.len());
    for ev in &trace.events {
        if ev.kind == EventKind::FnEnter {
            stack.push(next_frame);
            next_frame += 1;
        }
        let frame = *stack.last().unwrap_or(&0);
        frame_of_event.push(frame);
        let has_column = !matches!(
            ev.kind,
            EventKind::FnEnter | EventKind::FnExit | EventKind::Folded
        ) && !is_heap(ev.kind);
        let col = has_column.then(|| {
            *index.entry((frame, ev.var.to_string())).or_insert_with(|| {
                columns.push((frame, ev.var.to_string(), ev.depth));
                columns.len() - 1
            })
        });
        col_of_event.push(col);
        if ev.kind == EventKind::FnExit && stack.len() > 1 {
            stack.pop();
        }
    }
    let to_col = trace
        .events
        .iter()
        .zip(&frame_of_event)
        .map(|(ev, frame)| {
            ev.to
                .as_ref()
                .and_then(|to| index.get(&(*frame, to.to_string())).copied())
        })
        .collect();
    Layout {
        col_of_event,
        columns,
        to_col,
    }
}

fn x_of(col: usize) -> usize {
    LEFT + COL / 2 + col * COL
}

fn y_of(row: usize) -> usize {
    TOP + row * ROW + ROW / 2
}

/// The picture alone: an SVG document fragment.
pub fn svg(trace: &Trace) -> String {
    let lay = layout(trace);
    let n = trace.events.len();
    let width = LEFT + lay.columns.len().max(1) * COL + 160;
    let height = TOP + n * ROW + 20;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" data-columns="{}" data-events="{n}">"#,
        lay.columns.len()
    );
    s.push_str(r#"<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="context-stroke"/></marker></defs>"#);

    // Nested calls: shaded frames from their entry to their exit, outermost drawn first.
    let mut frames: Vec<(usize, usize, u32, &str)> = Vec::new();
    let mut open: Vec<(usize, u32)> = Vec::new();
    for (i, ev) in trace.events.iter().enumerate() {
        match ev.kind {
            EventKind::FnEnter => open.push((i, ev.depth)),
            EventKind::FnExit => {
                if let Some((start, depth)) = open.pop() {
                    frames.push((start, i, depth, &ev.var));
                }
            }
            _ => {}
        }
    }
    frames.sort_by_key(|f| f.0);
    for (start, end, depth, name) in frames {
        let y = TOP + start * ROW;
        let h = (end - start + 1) * ROW;
        let x = 4 + depth as usize * 8;
        let _ = write!(
            s,
            r#"<rect class="frame d{}" x="{x}" y="{y}" width="{}" height="{h}" rx="6"/><text class="frame-name" x="{}" y="{}">{}</text>"#,
            depth % 3,
            width - x - 4,
            LEFT - 40,
            y + 16,
            escape(name)
        );
    }

    // Column headings.
    for (c, (_, name, depth)) in lay.columns.iter().enumerate() {
        let _ = write!(
            s,
            r#"<text class="col" data-col="{c}" data-depth="{depth}" x="{}" y="{}" text-anchor="middle">{}</text>"#,
            x_of(c),
            TOP - 12,
            escape(name)
        );
    }

    // Lifelines: from a column's first event to its last.
    for c in 0..lay.columns.len() {
        let rows: Vec<usize> = (0..n).filter(|&i| lay.col_of_event[i] == Some(c)).collect();
        if let (Some(&first), Some(&last)) = (rows.first(), rows.last()) {
            let moved = trace.events[last].kind == EventKind::OutOfScope;
            let _ = write!(
                s,
                r#"<line class="life{}" data-col="{c}" x1="{x}" y1="{}" x2="{x}" y2="{}"/>"#,
                if moved { " moved" } else { "" },
                y_of(first),
                y_of(last),
                x = x_of(c)
            );
        }
    }

    // Borrows: dashed spans beside the borrowed variable, from the borrow to its end.
    let mut pending: HashMap<(String, String), (usize, bool)> = HashMap::new();
    for (i, ev) in trace.events.iter().enumerate() {
        let key = || {
            (
                ev.of.as_deref().unwrap_or(&ev.var).to_string(),
                ev.to.as_deref().unwrap_or("").to_string(),
            )
        };
        match ev.kind {
            EventKind::Borrowed | EventKind::BorrowedMut => {
                pending.insert(key(), (i, ev.kind == EventKind::BorrowedMut));
            }
            EventKind::BorrowEnd => {
                if let (Some((start, mutable)), Some(c)) =
                    (pending.remove(&key()), lay.col_of_event[i])
                {
                    let x = x_of(c) + 10;
                    let _ = write!(
                        s,
                        r#"<line class="borrow{}" data-col="{c}" x1="{x}" y1="{}" x2="{x}" y2="{}"/>"#,
                        if mutable { " mut" } else { "" },
                        y_of(start),
                        y_of(i)
                    );
                }
            }
            _ => {}
        }
    }

    // One row per event: source line, kind, and its mark.
    for (i, ev) in trace.events.iter().enumerate() {
        let y = y_of(i);
        let text = escape(&sentence(ev));
        let _ = write!(
            s,
            r#"<g class="row" data-seq="{}" data-kind="{}"><title>L{} {}: {text}</title><rect class="hit" x="0" y="{}" width="{width}" height="{ROW}"/><text class="line" x="8" y="{}">L{}</text><text class="kind k-{}" x="48" y="{}">{}</text>"#,
            ev.seq,
            ev.kind.as_str(),
            ev.line,
            ev.kind.as_str(),
            y - ROW / 2,
            y + 4,
            ev.line,
            ev.kind.as_str(),
            y + 4,
            ev.kind.as_str()
        );
        mark(&mut s, ev, i, &lay, width);
        s.push_str("</g>");
    }
    s.push_str("</svg>");
    s
}

/// The mark of one event on its row.
fn mark(s: &mut String, ev: &Event, row: usize, lay: &Layout, width: usize) {
    let y = y_of(row);
    let col = lay.col_of_event[row];
    match (ev.kind, col) {
        (EventKind::Bind | EventKind::Assign, Some(c)) => {
            let _ = write!(
                s,
                r#"<circle class="mark bind" cx="{}" cy="{y}" r="6"/>"#,
                x_of(c)
            );
        }
        (EventKind::Dropped, Some(c)) => {
            let x = x_of(c);
            let _ = write!(
                s,
                r#"<path class="mark drop" d="M{} {} L{} {} M{} {} L{} {}"/>"#,
                x - 6,
                y - 6,
                x + 6,
                y + 6,
                x - 6,
                y + 6,
                x + 6,
                y - 6
            );
        }
        (EventKind::OutOfScope, Some(c)) => {
            let _ = write!(
                s,
                r#"<circle class="mark gone" cx="{}" cy="{y}" r="6"/>"#,
                x_of(c)
            );
        }
        (
            EventKind::Move | EventKind::Copied | EventKind::Cloned | EventKind::MaybeMove,
            Some(c),
        ) => {
            let class = match ev.kind {
                EventKind::Move => "move",
                EventKind::Copied => "copy",
                EventKind::Cloned => "clone",
                _ => "maybe",
            };
            let x1 = x_of(c);
            let (x2, label) = match lay.to_col[row] {
                Some(t) if t != c => (x_of(t), None),
                _ => (width - 150, ev.to.as_deref()),
            };
            let _ = write!(
                s,
                r#"<line class="mark arrow {class}" data-from-col="{c}" data-to-col="{}" x1="{x1}" y1="{y}" x2="{x2}" y2="{y}" marker-end="url(#arrow)"/>"#,
                lay.to_col[row].map_or(-1, |t| t as i64)
            );
            if let Some(l) = label {
                let _ = write!(
                    s,
                    r#"<text class="to" x="{}" y="{}">{}</text>"#,
                    x2 + 6,
                    y + 4,
                    escape(l)
                );
            }
        }
        (EventKind::Borrowed | EventKind::BorrowedMut | EventKind::BorrowEnd, Some(c)) => {
            let class = match ev.kind {
                EventKind::Borrowed => "borrow-start",
                EventKind::BorrowedMut => "borrow-start mut",
                _ => "borrow-end",
            };
            let _ = write!(
                s,
                r#"<rect class="mark {class}" x="{}" y="{}" width="8" height="8"/>"#,
                x_of(c) + 6,
                y - 4
            );
        }
        (EventKind::Folded, _) => {
            let _ = write!(
                s,
                r#"<line class="mark folded" x1="{LEFT}" y1="{y}" x2="{}" y2="{y}"/>"#,
                width - 20
            );
        }
        (EventKind::Alloc | EventKind::Dealloc | EventKind::Realloc, _) => {
            let _ = write!(
                s,
                r#"<rect class="mark heap" x="110" y="{}" width="10" height="10"/>"#,
                y - 5
            );
        }
        _ => {}
    }
}

const STYLE: &str = r#"
body { font: 14px system-ui, sans-serif; margin: 16px; color: #222; }
h1 { font-size: 18px; margin: 0 0 4px; }
.meta { color: #666; margin-bottom: 8px; }
#panel { position: sticky; top: 0; background: #fffbe6; border: 1px solid #e6d98c; padding: 8px 12px; min-height: 20px; margin-bottom: 8px; z-index: 1; }
.legend span { margin-right: 14px; white-space: nowrap; }
.legend i { display: inline-block; width: 22px; height: 0; vertical-align: middle; margin-right: 4px; border-top: 3px solid #333; }
svg text { font: 12px ui-monospace, monospace; fill: #333; }
.frame { fill: #f3f6fb; stroke: #c5cfe3; }
.frame.d1 { fill: #eaf4ec; stroke: #b9d8c0; }
.frame.d2 { fill: #f6eef6; stroke: #dcc3dc; }
.frame-name { font-weight: bold; fill: #556; }
.col { font-weight: bold; }
.life { stroke: #333; stroke-width: 3; }
.life.moved { stroke: #999; }
.borrow { stroke: #2a6fdb; stroke-width: 2; stroke-dasharray: 4 3; }
.borrow.mut { stroke: #e8890c; }
.hit { fill: transparent; }
.row:hover .hit { fill: rgba(255, 230, 120, 0.35); }
.row.selected .hit { fill: rgba(255, 210, 60, 0.45); }
.bind { fill: #2e9e44; }
.drop { stroke: #d22; stroke-width: 3; fill: none; }
.gone { fill: #fff; stroke: #999; stroke-width: 2; }
.arrow { stroke-width: 2; }
.arrow.move { stroke: #222; }
.arrow.copy { stroke: #2e9e44; stroke-dasharray: 6 3; }
.arrow.clone { stroke: #8a3ffc; stroke-width: 3; }
.arrow.maybe { stroke: #999; stroke-dasharray: 2 3; }
.borrow-start { fill: #2a6fdb; }
.borrow-start.mut { fill: #e8890c; }
.borrow-end { fill: #fff; stroke: #2a6fdb; }
.folded { stroke: #999; stroke-width: 2; stroke-dasharray: 1 4; }
.heap { fill: #c36; }
.kind { fill: #666; }
"#;

const SCRIPT: &str = r#"
(function () {
  var errors = [];
  window.addEventListener('error', function (e) { errors.push(String(e.message)); document.body.setAttribute('data-errors', errors.join(' | ')); });
  var panel = document.getElementById('panel');
  var rows = document.querySelectorAll('g.row');
  function select(row) {
    for (var i = 0; i < rows.length; i++) rows[i].classList.remove('selected');
    row.classList.add('selected');
    panel.textContent = row.querySelector('title').textContent;
  }
  for (var i = 0; i < rows.length; i++) {
    rows[i].addEventListener('click', function () { select(this); });
  }
  document.body.setAttribute('data-columns', String(document.querySelectorAll('text.col').length));
  document.body.setAttribute('data-marks', String(document.querySelectorAll('.mark').length));
  document.body.setAttribute('data-rows', String(rows.length));
  if (location.hash === '#demo' && rows.length > 1) {
    rows[1].dispatchEvent(new MouseEvent('click', { bubbles: true }));
  }
  document.body.setAttribute('data-ready', 'yes');
})();
"#;

/// The trace as a self-contained HTML page.
///
/// ```
/// let (_, trace) = trace_ownership_runtime::capture(|| ());
/// let page = trace_ownership_runtime::render::html::page(&trace);
/// assert!(page.starts_with("<!DOCTYPE html>"));
/// assert!(!page.contains("http://") || page.contains("http://www.w3.org/2000/svg"));
/// ```
pub fn page(trace: &Trace) -> String {
    let mut p = String::new();
    let _ = write!(
        p,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\
<title>ownership trace: {f}</title><style>{STYLE}</style></head><body>\
<h1>Ownership trace of <code>{f}</code></h1><div class=\"meta\">{file}, thread {thread}; {n} events{lost}{heap}</div>\
<div class=\"legend\"><span><i></i>owner's lifetime</span><span><i style=\"border-color:#999\"></i>moved away</span>\
<span><i style=\"border-top-style:dashed;border-color:#2a6fdb\"></i>shared borrow</span><span><i style=\"border-top-style:dashed;border-color:#e8890c\"></i>mutable borrow</span>\
<span><i></i>→ move</span><span><i style=\"border-top-style:dashed;border-color:#2e9e44\"></i>→ copy</span><span><i style=\"border-color:#8a3ffc\"></i>→ clone</span>\
<span style=\"color:#2e9e44\">●</span> bind <span style=\"color:#d22\">✕</span> drop <span style=\"color:#999\">○</span> out of scope, nothing dropped \
<span style=\"color:#c36\">■</span> heap</div>\
<div id=\"panel\">Click a row (or hover it) to read what Rust did there.</div>{svg}<script>{SCRIPT}</script></body></html>\n",
        f = escape(&trace.function),
        file = escape(&trace.file),
        thread = escape(&trace.thread),
        n = trace.events.len(),
        lost = if trace.lost > 0 { format!(", {} more not kept", trace.lost) } else { String::new() },
        heap = if trace.heap_tracker { "" } else { "; heap tracker off" },
        svg = svg(trace),
    );
    p
}

/// Writes the page into `dir` (or the current directory) and prints its path on stderr.
pub fn deliver(trace: &Trace, dir: Option<&Path>) {
    let dir = dir.unwrap_or_else(|| Path::new("."));
    let path = dir.join(file_name(trace));
    let result = std::fs::create_dir_all(dir).and_then(|_| std::fs::write(&path, page(trace)));
    match result {
        Ok(()) => crate::output::warn_path(&path),
        Err(e) => {
            crate::output::warn(&format!(
                "cannot write {} ({e}); the trace follows as text",
                path.display()
            ));
            crate::output::write_text_stderr(trace);
        }
    }
}

/// `function-thread-N.html` (N counts the pages this process wrote, so a function traced
/// twice gets two pages), with anything but letters, digits, `-` and `_` replaced.
pub fn file_name(trace: &Trace) -> String {
    static WRITTEN: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = WRITTEN.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
    let clean = |s: &str| -> String {
        s.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect()
    };
    format!(
        "{}-{}-{n}.html",
        clean(&trace.function),
        clean(&trace.thread)
    )
}
