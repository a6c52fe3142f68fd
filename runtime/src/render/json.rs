//! JSON: one object per trace, on one line.
//!
//! Written by hand, not with `serde_json`: this crate is linked into every traced program, and
//! `serde_json` implements `PartialEq<Value>` for `usize`, `i32`, `str`, ... Those impls take part
//! in the user's own type inference, so merely depending on it breaks code such as
//! `assert_eq!(v, vec![])` with "type annotations needed" (found by the battle test on
//! `getopts`). The attribute must never change whether a program compiles, so the runtime depends
//! on nothing that adds impls of standard traits. The output is exactly what `serde_json` would
//! write for the same `Trace` (its `Serialize` derive defines the schema); a test checks this.

use crate::event::{Event, HeapFacts, Trace};
use std::fmt::Write;

/// The trace as one line of JSON (no trailing newline). Schema: `SCHEMA.md`, version
/// [`crate::SCHEMA_VERSION`]. Parse it with any JSON library, e.g.
/// `serde_json::from_str::<Trace>(line)` (the types derive `Deserialize`).
///
/// ```
/// let (_, trace) = trace_ownership_runtime::capture(|| ());
/// let line = trace_ownership_runtime::render::json::to_json(&trace);
/// assert!(line.starts_with("{\"schema\":1,"));
/// ```
pub fn to_json(trace: &Trace) -> String {
    let mut out = String::with_capacity(256 + trace.events.len() * 160);
    let w = &mut out;
    w.push_str("{\"schema\":");
    let _ = write!(w, "{}", trace.schema);
    field_str(w, "function", &trace.function);
    field_str(w, "file", &trace.file);
    field_str(w, "thread", &trace.thread);
    w.push_str(",\"events\":[");
    for (i, ev) in trace.events.iter().enumerate() {
        if i > 0 {
            w.push(',');
        }
        event(w, ev);
    }
    w.push(']');
    let _ = write!(w, ",\"lost\":{}", trace.lost);
    let _ = write!(w, ",\"heap_tracker\":{}", trace.heap_tracker);
    if !trace.sources.is_empty() {
        w.push_str(",\"sources\":[");
        for (i, src) in trace.sources.iter().enumerate() {
            if i > 0 {
                w.push(',');
            }
            w.push('{');
            w.push_str("\"function\":");
            string(w, &src.function);
            field_str(w, "file", &src.file);
            let _ = write!(w, ",\"first_line\":{}", src.first_line);
            field_str(w, "text", &src.text);
            w.push('}');
        }
        w.push(']');
    }
    w.push('}');
    out
}

fn event(w: &mut String, ev: &Event) {
    let _ = write!(w, "{{\"seq\":{}", ev.seq);
    field_str(w, "kind", ev.kind.as_str());
    field_str(w, "var", &ev.var);
    let _ = write!(w, ",\"line\":{},\"col\":{}", ev.line, ev.col);
    match &ev.ty {
        Some(t) => field_str(w, "type", t),
        None => w.push_str(",\"type\":null"),
    }
    if let Some(size) = ev.size {
        let _ = write!(w, ",\"size\":{size}");
    }
    if let Some(nd) = ev.needs_drop {
        let _ = write!(w, ",\"needs_drop\":{nd}");
    }
    if let Some(addr) = ev.addr {
        let _ = write!(w, ",\"addr\":{addr}");
    }
    for (key, value) in [("from", &ev.from), ("to", &ev.to), ("of", &ev.of)] {
        if let Some(v) = value {
            field_str(w, key, v);
        }
    }
    let _ = write!(w, ",\"depth\":{}", ev.depth);
    if let Some(e) = ev.evidence {
        field_str(w, "evidence", e.as_str());
    }
    if let Some(d) = &ev.detail {
        field_str(w, "detail", d);
    }
    if let Some(c) = ev.count {
        let _ = write!(w, ",\"count\":{c}");
    }
    if let Some(h) = &ev.heap {
        w.push_str(",\"heap\":");
        heap(w, h);
    }
    w.push('}');
}

fn heap(w: &mut String, h: &HeapFacts) {
    w.push('{');
    let mut first = true;
    for (key, value) in [
        ("addr", h.addr),
        ("bytes", h.bytes),
        ("strong", h.strong),
        ("weak", h.weak),
    ] {
        if let Some(v) = value {
            if !first {
                w.push(',');
            }
            first = false;
            let _ = write!(w, "\"{key}\":{v}");
        }
    }
    w.push('}');
}

fn field_str(w: &mut String, key: &str, value: &str) {
    let _ = write!(w, ",\"{key}\":");
    string(w, value);
}

/// A JSON string literal, escaped as RFC 8259 requires.
fn string(w: &mut String, s: &str) {
    w.push('"');
    for c in s.chars() {
        match c {
            '"' => w.push_str("\\\""),
            '\\' => w.push_str("\\\\"),
            '\n' => w.push_str("\\n"),
            '\r' => w.push_str("\\r"),
            '\t' => w.push_str("\\t"),
            '\u{08}' => w.push_str("\\b"),
            '\u{0c}' => w.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                let _ = write!(w, "\\u{:04x}", c as u32);
            }
            c => w.push(c),
        }
    }
    w.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::{EventKind, Evidence};

    #[test]
    fn writes_exactly_what_serde_json_writes() {
        let mut trace = Trace::new("f\"<x>\n", "src/é.rs");
        let mut a = Event::new(EventKind::Move, "s", 3, 9);
        a.ty = Some("alloc::string::String".into());
        a.size = Some(24);
        a.needs_drop = Some(true);
        a.addr = Some(140_000);
        a.from = Some("s".into());
        a.to = Some("t\u{1}".into());
        a.evidence = Some(Evidence::DropGlue);
        a.heap = Some(HeapFacts {
            addr: Some(16),
            bytes: Some(5),
            strong: None,
            weak: Some(0),
        });
        let mut b = Event::new(EventKind::Folded, "loop", 4, 1);
        b.count = Some(7);
        b.detail = Some("tab\there".into());
        b.depth = 2;
        trace.events = vec![a, b];
        trace.lost = 3;
        trace.sources = vec![crate::event::Source {
            function: "f".into(),
            file: "src/é.rs".into(),
            first_line: 2,
            text: "fn f() {\n    let s = \"\\t\";\n}\n".into(),
        }];
        let ours: serde_json::Value = serde_json::from_str(&to_json(&trace)).unwrap();
        assert_eq!(ours, serde_json::to_value(&trace).unwrap());
        let back: Trace = serde_json::from_str(&to_json(&trace)).unwrap();
        assert_eq!(back, trace);
    }
}
