//! HTML: one self-contained page per trace (inline CSS, SVG and script; nothing fetched from
//! anywhere) that shows what Rust did, beside the code it did it on.
//!
//! - [`timeline`]: a row per event with its line of code, a column per variable (lifelines,
//!   borrows, arrows for moves, copies and clones, nested calls as frames).
//! - [`code`]: the traced functions' own source, embedded at expansion, with the current
//!   statement highlighted and folded loop iterations marked on their lines.
//! - [`ledger`]: the heap bytes each variable owned and the line each block was freed at.
//! - The page's script (`page.js`) steps through the events (buttons, ←/→, j/k, Home/End) and
//!   draws, for each step, the state of every variable and a stack-and-heap diagram, computed
//!   from the trace's JSON embedded in the page; it folds frames, filters by variable, and has
//!   a predict-then-reveal quiz (`?quiz`).
//!
//! Every string that comes from the program (variable, type, function, file and thread names,
//! source text) is escaped, the embedded JSON cannot end its `<script>` element, and the script
//! only ever writes text with `textContent`: nothing from the trace is ever run.

use crate::event::Trace;
use std::fmt::Write;

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

pub mod code;
pub mod ledger;
pub mod timeline;

const STYLE: &str = include_str!("page.css");
const SCRIPT: &str = include_str!("page.js");

/// The trace's JSON, safe inside a `<script type="application/json">` element: `<`, `>` and
/// `&` (which JSON only has inside strings) written as `\u` escapes, so that no `</script>` or
/// comment opener can appear.
pub fn embedded_json(trace: &Trace) -> String {
    let json = crate::render::json::to_json(trace);
    let mut out = String::with_capacity(json.len() + 64);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}

/// The trace as a self-contained HTML page.
///
/// ```
/// let (_, trace) = trace_ownership_runtime::capture(|| ());
/// let page = trace_ownership_runtime::render::html::page(&trace);
/// assert!(page.starts_with("<!DOCTYPE html>"));
/// assert!(!page.contains("http://") || page.contains("http://www.w3.org/2000/svg"));
/// ```
pub fn page(trace: &Trace) -> String {
    let lay = timeline::layout(trace);
    let lines = code::CodeLines::new(trace);
    let (head, body) = timeline::svg(trace, &lay, &lines);
    let mut filter = String::new();
    let mut names: Vec<&str> = lay.columns.iter().map(|c| c.1.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    for n in names {
        let _ = write!(filter, r#"<option value="{0}">{0}</option>"#, escape(n));
    }
    let sources: Vec<String> = lines
        .source_of_event
        .iter()
        .map(|s| s.map_or("-1".to_string(), |k| k.to_string()))
        .collect();
    let mut p = String::new();
    let _ = write!(
        p,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\
<meta name=\"color-scheme\" content=\"light dark\">\
<title>ownership trace: {f}</title><style>{STYLE}</style></head><body>\
<header><h1>Ownership trace of <code>{f}</code></h1><div class=\"meta\">{file}, thread {thread}; {n} events{lost}{heap}</div>\
<div class=\"legend\"><span><i></i>owner's lifetime</span><span><i class=\"l-moved\"></i>moved away</span>\
<span><i class=\"l-borrow\"></i>shared borrow</span><span><i class=\"l-mut\"></i>mutable borrow</span>\
<span><i></i>→ move</span><span><i class=\"l-copy\"></i>→ copy (dashed)</span><span><i class=\"l-clone\"></i>→ clone (thick)</span>\
<span><b class=\"g-bind\">●</b> bind</span><span><b class=\"g-drop\">✕</b> drop</span><span><b class=\"g-gone\">○</b> out of scope, nothing dropped</span>\
<span><b class=\"g-heap\">■</b> heap</span>{hedges}</div>\
<nav id=\"controls\" aria-label=\"step through the trace\"><button id=\"first\" title=\"first event (Home)\">« first</button><button id=\"prev\" title=\"previous event (← or k)\">◀ back</button>\
<span id=\"where\" aria-live=\"polite\"></span><button id=\"next\" title=\"next event (→ or j)\">next ▶</button><button id=\"last\" title=\"last event (End)\">last »</button>\
<label><input type=\"checkbox\" id=\"quiz\"> predict, then reveal (quiz)</label>\
<label>only <select id=\"filter\"><option value=\"\">all variables</option>{filter}</select></label></nav>\
<div id=\"panel\" aria-live=\"polite\">Step through with → (or j), back with ← (or k); click a row to jump to it.</div>\
<div id=\"ask\" hidden></div></header>\
<main><section id=\"timeline\" aria-label=\"timeline\"><div class=\"sticky-head\">{head}</div>{body}</section>\
<aside id=\"side\"><h2>At this step</h2><ul id=\"state\"></ul><h2>Stack and heap</h2><div id=\"diagram\"></div>\
<h2>Code</h2><div id=\"code\">{panes}</div></aside></main>\
<section id=\"ledger\"><h2>Heap ledger: what each owner held, and where it was freed</h2>{ledger}</section>\
<script type=\"application/json\" id=\"trace-json\">{json}</script>\
<script type=\"application/json\" id=\"row-sources\">[{srcs}]</script>\
<div id=\"replay\" hidden></div><script>{SCRIPT}</script></body></html>\n",
        f = escape(&trace.function),
        file = escape(&trace.file),
        thread = escape(&trace.thread),
        n = trace.events.len(),
        lost = if trace.lost > 0 { format!(", {} more not kept", trace.lost) } else { String::new() },
        heap = if trace.heap_tracker { "" } else { "; heap tracker off" },
        hedges = if trace.events.iter().any(crate::explain::hedged) {
            format!(
                "<span class=\"hedges\">{}</span>",
                escape(crate::explain::HEDGE_LEGEND)
            )
        } else {
            String::new()
        },
        panes = code::panes(trace, &lines),
        ledger = ledger::table(trace),
        json = embedded_json(trace),
        srcs = sources.join(","),
    );
    p
}
