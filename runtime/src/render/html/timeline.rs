//! The timeline: one row per event, read top to bottom, beside the code it happened on.
//!
//! Left of each row: the source line's number, its code (on the first row of each run of
//! events on one line), the event's kind. Then a column per variable of each traced call: a
//! variable's lifetime is a vertical line from its `bind` to its `drop` (a cross) or its
//! `out_of_scope` (a hollow circle: nothing dropped). Borrows are dashed lines beside the
//! borrowed variable, from the borrow to its end. Moves, copies and clones are arrows between
//! columns, each with its own line style. Nested calls are shaded frames; folded loop
//! iterations a dotted row.
//!
//! Every element that spans rows carries the rows it spans (`data-r1`, `data-r2`) and every row
//! the frames it is in (`data-path`), so the page's script can fold a frame or filter by a
//! variable and lay the rows out again.

use super::code::CodeLines;
use super::escape;
use crate::event::{Event, EventKind, Trace};
use crate::explain::sentence;
use std::collections::HashMap;
use std::fmt::Write;

/// Height of a row.
pub const ROW: usize = 24;
/// Width of a variable's column.
pub const COL: usize = 90;
/// Characters of code shown on a row (the full line is in its tooltip).
const CODE_CHARS: usize = 46;
/// Where the code starts, and where the kinds start.
const CODE_X: usize = 46;
const KIND_W: usize = 100;
/// Characters a column heading can take before it is abbreviated.
const HEAD_CHARS: usize = 11;

/// Where each variable of each call goes.
pub struct Layout {
    /// Column of each event's own variable (if it has one).
    pub col_of_event: Vec<Option<usize>>,
    /// Column index → (frame number, variable name, depth).
    pub columns: Vec<(usize, String, u32)>,
    /// Column, within the event's frame, named `to` (for arrows and borrow holders).
    pub to_col: Vec<Option<usize>>,
    /// Frame of each event (0: outside any traced call).
    pub frame_of_event: Vec<usize>,
    /// The frames each event is inside, outermost first.
    pub path_of_event: Vec<Vec<usize>>,
    /// Frame number → function name.
    pub frame_names: HashMap<usize, String>,
}

/// Whether `k` is a heap event (no variable column of its own).
pub fn is_heap(k: EventKind) -> bool {
    matches!(
        k,
        EventKind::Alloc | EventKind::Dealloc | EventKind::Realloc
    )
}

/// Whether an event of kind `k` has a variable column.
pub fn has_column(k: EventKind) -> bool {
    !matches!(
        k,
        EventKind::FnEnter | EventKind::FnExit | EventKind::Folded
    ) && !is_heap(k)
}

/// Columns and frames of `trace`.
pub fn layout(trace: &Trace) -> Layout {
    let mut columns: Vec<(usize, String, u32)> = Vec::new();
    let mut index: HashMap<(usize, String), usize> = HashMap::new();
    let mut stack: Vec<usize> = vec![0];
    let mut next_frame = 1;
    let mut col_of_event = Vec::with_capacity(trace.events.len());
    let mut frame_of_event = Vec::with_capacity(trace.events.len());
    let mut path_of_event = Vec::with_capacity(trace.events.len());
    let mut frame_names = HashMap::new();
    for ev in &trace.events {
        if ev.kind == EventKind::FnEnter {
            stack.push(next_frame);
            frame_names.insert(next_frame, ev.var.to_string());
            next_frame += 1;
        }
        let frame = *stack.last().unwrap_or(&0);
        frame_of_event.push(frame);
        path_of_event.push(stack[1..].to_vec());
        let col = has_column(ev.kind).then(|| {
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
        frame_of_event,
        path_of_event,
        frame_names,
    }
}

/// Geometry of the left part (line, code, kind) for the code that `code` holds.
struct Left {
    kind_x: usize,
    /// Where the first variable column starts.
    cols_x: usize,
}

fn left(code_width_chars: usize) -> Left {
    let code_w = (code_width_chars.min(CODE_CHARS) as f64 * 7.3).ceil() as usize + 12;
    let kind_x = CODE_X + code_w;
    Left {
        kind_x,
        cols_x: kind_x + KIND_W,
    }
}

fn x_of(l: &Left, col: usize) -> usize {
    l.cols_x + COL / 2 + col * COL
}

fn y_of(row: usize) -> usize {
    row * ROW + ROW / 2
}

/// `s` cut to `n` characters, with `…` when cut.
fn cut(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// `s` in at most `n` characters: its start and its end around a `…` (names that differ only
/// by a suffix, `item_01` and `item_02`, stay apart).
fn abbreviate(s: &str, n: usize) -> String {
    let len = s.chars().count();
    if len <= n {
        return s.to_string();
    }
    let tail = (n - 1) / 2;
    let head = n - 1 - tail;
    let start: String = s.chars().take(head).collect();
    let end: String = s.chars().skip(len - tail).collect();
    format!("{start}…{end}")
}

/// The timeline: its sticky header (column headings) and its body, two SVG documents of the
/// same width.
pub fn svg(trace: &Trace, lay: &Layout, code: &CodeLines) -> (String, String) {
    let n = trace.events.len();
    let shown: Vec<Option<&str>> = (0..n).map(|i| code.first_of_run(i)).collect();
    let widest = shown
        .iter()
        .flatten()
        .map(|c| c.trim().chars().count())
        .max()
        .unwrap_or(4);
    let l = left(widest.max(4));
    let width = l.cols_x + lay.columns.len().max(1) * COL + 160;
    let height = n * ROW + 8;
    (
        header(lay, &l, width),
        body(trace, lay, &l, width, height, &shown),
    )
}

/// The column headings: names abbreviated to their column, the full name (and its function)
/// in the tooltip, so that no two ever overlap.
fn header(lay: &Layout, l: &Left, width: usize) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="head" xmlns="http://www.w3.org/2000/svg" width="{width}" height="40" viewBox="0 0 {width} 40">"#
    );
    let _ = write!(
        s,
        r#"<text class="hl" x="8" y="26">line</text><text class="hl" x="{CODE_X}" y="26">code</text><text class="hl" x="{}" y="26">event</text>"#,
        l.kind_x
    );
    let mut first_row = vec![0; lay.columns.len()];
    for (i, c) in lay.col_of_event.iter().enumerate().rev() {
        if let Some(c) = c {
            first_row[*c] = i;
        }
    }
    for (c, (frame, name, depth)) in lay.columns.iter().enumerate() {
        let function = lay.frame_names.get(frame).map_or("", String::as_str);
        let _ = write!(
            s,
            r#"<g class="col" data-col="{c}" data-first="{}" data-frame="{frame}" data-depth="{depth}" data-name="{}">"#,
            first_row[c],
            escape(name),
        );
        let _ = write!(
            s,
            r#"<title>{} (in {})</title><text x="{}" y="{}" text-anchor="middle">{}</text><text class="col-fn" x="{}" y="36" text-anchor="middle">{}</text></g>"#,
            escape(name),
            escape(function),
            x_of(l, c),
            22,
            escape(&abbreviate(name, HEAD_CHARS)),
            x_of(l, c),
            if *depth > 0 {
                escape(&cut(function, HEAD_CHARS + 1))
            } else {
                String::new()
            },
        );
    }
    s.push_str("</svg>");
    s
}

fn body(
    trace: &Trace,
    lay: &Layout,
    l: &Left,
    width: usize,
    height: usize,
    shown: &[Option<&str>],
) -> String {
    let n = trace.events.len();
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="body" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" data-columns="{}" data-events="{n}">"#,
        lay.columns.len()
    );
    s.push_str(r#"<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="12" markerHeight="12" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="context-stroke"/></marker></defs>"#);

    // Nested calls: shaded frames from their entry to their exit, outermost drawn first.
    let mut frames: Vec<(usize, usize, u32, usize)> = Vec::new();
    let mut open: Vec<(usize, u32)> = Vec::new();
    for (i, ev) in trace.events.iter().enumerate() {
        match ev.kind {
            EventKind::FnEnter => open.push((i, ev.depth)),
            EventKind::FnExit => {
                if let Some((start, depth)) = open.pop() {
                    frames.push((start, i, depth, lay.frame_of_event[start]));
                }
            }
            _ => {}
        }
    }
    frames.sort_by_key(|f| f.0);
    // Drawn last, above the rows, so that a click reaches them.
    let mut toggles = String::new();
    for (start, end, depth, frame) in frames {
        let x = 2 + depth as usize * 6;
        let name = lay.frame_names.get(&frame).map_or("", String::as_str);
        let _ = write!(
            s,
            r#"<rect class="frame d{}" data-frame="{frame}" data-r1="{start}" data-r2="{end}" x="{x}" y="{}" width="{}" height="{}" rx="6"><title>call of {}</title></rect>"#,
            depth % 3,
            start * ROW,
            width - x - 2,
            (end - start + 1) * ROW,
            escape(name)
        );
        if depth > 0 {
            let _ = write!(
                toggles,
                r#"<text class="frame-toggle" data-frame="{frame}" data-name="{}" data-r1="{start}" x="{}" y="{}" role="button" tabindex="0">▾ {}</text>"#,
                escape(name),
                l.cols_x + 4,
                start * ROW + 16,
                escape(name)
            );
        }
    }

    // Lifelines: from a column's first event to its last.
    let mut rows_of_col: Vec<Vec<usize>> = vec![Vec::new(); lay.columns.len()];
    for (i, c) in lay.col_of_event.iter().enumerate() {
        if let Some(c) = c {
            rows_of_col[*c].push(i);
        }
    }
    for (c, rows) in rows_of_col.iter().enumerate() {
        if let (Some(&first), Some(&last)) = (rows.first(), rows.last()) {
            let moved = trace.events[last].kind == EventKind::OutOfScope;
            let _ = write!(
                s,
                r#"<line class="life{}" data-col="{c}" data-r1="{first}" data-r2="{last}" x1="{x}" y1="{}" x2="{x}" y2="{}"/>"#,
                if moved { " moved" } else { "" },
                y_of(first),
                y_of(last),
                x = x_of(l, c)
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
                    let x = x_of(l, c) + 10;
                    let _ = write!(
                        s,
                        r#"<line class="borrow{}" data-col="{c}" data-r1="{start}" data-r2="{i}" x1="{x}" y1="{}" x2="{x}" y2="{}"/>"#,
                        if mutable { " mut" } else { "" },
                        y_of(start),
                        y_of(i)
                    );
                }
            }
            _ => {}
        }
    }

    // One row per event: line, code, kind and its mark, at the row's own coordinates.
    for (i, ev) in trace.events.iter().enumerate() {
        let text = if crate::explain::hedged(ev) {
            escape(&format!("{} {}", crate::explain::HEDGE_MARK, sentence(ev)))
        } else {
            escape(&sentence(ev))
        };
        let path: Vec<String> = lay.path_of_event[i].iter().map(|f| f.to_string()).collect();
        let vars = row_vars(ev);
        let _ = write!(
            s,
            r#"<g class="row" data-row="{i}" data-seq="{}" data-kind="{}" data-line="{}" data-frame="{}" data-path="{}" data-vars="{}" transform="translate(0,{})"><title>L{} {}: {text}</title><rect class="hit" x="0" y="0" width="{width}" height="{ROW}"/><text class="line" x="8" y="16">L{}</text>"#,
            ev.seq,
            ev.kind.as_str(),
            ev.line,
            lay.frame_of_event[i],
            path.join(" "),
            escape(&vars),
            i * ROW,
            ev.line,
            ev.kind.as_str(),
            ev.line,
        );
        if let Some(code) = shown[i] {
            let _ = write!(
                s,
                r#"<text class="code" x="{CODE_X}" y="16" xml:space="preserve">{}</text>"#,
                escape(&cut(code.trim(), CODE_CHARS))
            );
        }
        let _ = write!(
            s,
            r#"<text class="kind k-{}" x="{}" y="16">{}</text>"#,
            ev.kind.as_str(),
            l.kind_x,
            ev.kind.as_str()
        );
        mark(&mut s, ev, i, lay, l, width);
        s.push_str("</g>");
    }
    s.push_str(&toggles);
    s.push_str("</svg>");
    s
}

/// The variables an event is about (its own, what it borrows, where its value goes), for the
/// filter by variable: space-separated, as the column names are.
fn row_vars(ev: &Event) -> String {
    let mut v: Vec<&str> = Vec::new();
    if has_column(ev.kind) {
        v.push(&ev.var);
    }
    for x in [&ev.of, &ev.to, &ev.from].into_iter().flatten() {
        if !v.contains(&x.as_ref()) {
            v.push(x);
        }
    }
    v.join(" ")
}

/// The mark of one event on its row (row-local coordinates).
fn mark(s: &mut String, ev: &Event, row: usize, lay: &Layout, l: &Left, width: usize) {
    let y = ROW / 2;
    let col = lay.col_of_event[row];
    match (ev.kind, col) {
        (EventKind::Bind | EventKind::Assign, Some(c)) => {
            let _ = write!(
                s,
                r#"<circle class="mark bind" cx="{}" cy="{y}" r="6"/>"#,
                x_of(l, c)
            );
        }
        (EventKind::Dropped, Some(c)) => {
            let x = x_of(l, c);
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
                x_of(l, c)
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
            let x1 = x_of(l, c);
            let (x2, label) = match lay.to_col[row] {
                Some(t) if t != c => (x_of(l, t), None),
                _ => (width - 150, ev.to.as_deref()),
            };
            let _ = write!(
                s,
                r#"<line class="mark arrow {class}" data-from-col="{c}" data-to-col="{}" x1="{x1}" y1="{y}" x2="{x2}" y2="{y}" marker-end="url(#arrow)"/>"#,
                lay.to_col[row].map_or(-1, |t| t as i64)
            );
            if let Some(to) = label {
                let _ = write!(
                    s,
                    r#"<text class="to" x="{}" y="{}">{}</text>"#,
                    x2 + 6,
                    y + 4,
                    escape(&cut(to, 20))
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
                x_of(l, c) + 6,
                y - 4
            );
        }
        (EventKind::Folded, _) => {
            let _ = write!(
                s,
                r#"<line class="mark folded" x1="{}" y1="{y}" x2="{}" y2="{y}"/>"#,
                l.cols_x,
                width - 20
            );
        }
        (EventKind::Alloc | EventKind::Dealloc | EventKind::Realloc, _) => {
            let _ = write!(
                s,
                r#"<rect class="mark heap" x="{}" y="{}" width="10" height="10"/>"#,
                l.cols_x - 16,
                y - 5
            );
        }
        _ => {}
    }
}
