//! HTML: one self-contained page per trace. (Filled in by the pictures work; until then the
//! page is the text rendering, escaped, so `TRACE_OWNERSHIP=html` still shows every event.)

use crate::event::Trace;
use std::path::Path;

/// Escapes `&`, `<`, `>`, `"` and `'` for HTML text and attributes.
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

/// The trace as a self-contained HTML page.
pub fn page(trace: &Trace) -> String {
    format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{}</title></head><body><pre>{}</pre></body></html>\n",
        escape(&trace.function),
        escape(&crate::render::text::render(trace, false))
    )
}

/// Writes the page into `dir` (or the current directory) and prints its path on stderr.
pub fn deliver(trace: &Trace, dir: Option<&Path>) {
    let dir = dir.unwrap_or_else(|| Path::new("."));
    let name = file_name(trace);
    let path = dir.join(name);
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

/// `function-thread.html`, with anything but letters, digits, `-` and `_` replaced.
pub fn file_name(trace: &Trace) -> String {
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
    format!("{}-{}.html", clean(&trace.function), clean(&trace.thread))
}
