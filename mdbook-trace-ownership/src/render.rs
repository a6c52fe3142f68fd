//! What a listing becomes in the chapter: its code block as written (mdBook hides the `# `
//! lines), then its picture (the trace's self-contained HTML page in an `<iframe srcdoc>`),
//! its text trace and its output folded in `<details>`; or rustc's error; or, when something
//! went wrong, what went wrong, in place.
//!
//! Each fragment is one line of HTML (newlines inside are written `&#10;`), so Markdown sees
//! one HTML block and never reads any of it as Markdown. Everything from the listing, its run
//! or its compiler is escaped.

use trace_ownership_runtime::render::html::escape;
use trace_ownership_runtime::Trace;

/// Escapes `s` for HTML text or an attribute value, newlines included.
///
/// ```
/// use mdbook_trace_ownership::render::one_line;
/// assert_eq!(one_line("<b>\n\"x\""), "&lt;b&gt;&#10;&quot;x&quot;");
/// ```
pub fn one_line(s: &str) -> String {
    escape(s).replace('\r', "&#13;").replace('\n', "&#10;")
}

/// A fenced code block of `code` with `info`, its fence longer than any run of backticks in
/// the code.
pub fn code_block(info: &str, code: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in code.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat((longest + 1).max(3));
    let nl = if code.ends_with('\n') { "" } else { "\n" };
    format!("{fence}{info}\n{code}{nl}{fence}")
}

/// Run in the embedded page before its own script: `scrollIntoView` (which the page uses to
/// keep the current row and line in sight) scrolls every scrolling ancestor, the book's page
/// included, so a chapter would jump to its last picture when it opens. Inside a frame, it
/// scrolls only the element's nearest scrolling container in the picture.
const SCROLL_IN_FRAME: &str = "<script>(function () {\
if (window.parent === window) return;\
Element.prototype.scrollIntoView = function () {\
var r = this.getBoundingClientRect();\
for (var p = this.parentElement; p; p = p.parentElement) {\
var s = getComputedStyle(p);\
if (/(auto|scroll)/.test(s.overflowY) && p.scrollHeight > p.clientHeight) {\
var b = p.getBoundingClientRect();\
if (r.top < b.top) p.scrollTop -= b.top - r.top;\
else if (r.bottom > b.bottom) p.scrollTop += Math.min(r.bottom - b.bottom, r.top - b.top);\
return;\
}\
}\
};\
})();</script>";

/// The trace's page as embedded: first in its head, a script that keeps `scrollIntoView` inside
/// the picture (the page uses it to keep the current row in sight; it would scroll the chapter).
pub fn embedded_page(trace: &Trace) -> String {
    trace
        .to_html()
        .replacen("<head>", &format!("<head>{SCROLL_IN_FRAME}"), 1)
}

/// The picture of one trace: its page, inline.
pub fn picture(trace: &Trace) -> String {
    format!(
        "<iframe class=\"trace-ownership-picture\" title=\"Ownership trace of {title}\" \
         style=\"width:100%;height:50em;border:1px solid rgba(128,128,128,.4);border-radius:4px\" \
         srcdoc=\"{page}\"></iframe>",
        title = one_line(&trace.function),
        page = one_line(&embedded_page(trace))
    )
}

fn details(class: &str, summary: &str, body: &str) -> String {
    format!(
        "<details class=\"{class}\"><summary>{summary}</summary><pre>{}</pre></details>",
        one_line(body)
    )
}

/// What a listing that ran shows: a picture per trace, the text traces, the output, and a note
/// for anything the reader should know (no trace recorded, an unexpected exit).
pub fn ran(id: &str, traces: &[Trace], stdout: &str, notes: &[String]) -> String {
    let mut s = format!(
        "<div class=\"trace-ownership\" id=\"{}\" data-traces=\"{}\">",
        one_line(id),
        traces.len()
    );
    for n in notes {
        s.push_str(&format!(
            "<p class=\"trace-ownership-note\"><strong>Note:</strong> {}</p>",
            one_line(n)
        ));
    }
    for t in traces {
        s.push_str(&picture(t));
    }
    if !traces.is_empty() {
        let text: Vec<String> = traces.iter().map(|t| t.to_text(false)).collect();
        s.push_str(&details(
            "trace-ownership-text",
            "The trace as text",
            &text.join("\n"),
        ));
    }
    if !stdout.is_empty() {
        s.push_str(&details("trace-ownership-output", "What it prints", stdout));
    }
    s.push_str("</div>");
    s
}

/// What a `compile_fail` listing shows: rustc's exact messages.
pub fn compile_error(id: &str, rendered: &str) -> String {
    format!(
        "<div class=\"trace-ownership trace-ownership-compile-error\" id=\"{}\">\
         <p>The compiler refuses it (rustc's own words, with <code>#[trace_ownership]</code> on):</p>\
         <pre class=\"trace-ownership-error\" style=\"overflow-x:auto\">{}</pre></div>",
        one_line(id),
        one_line(rendered.trim_end())
    )
}

/// A listing that could not be traced, said in place (the book still builds).
pub fn failure(id: &str, why: &str, detail: &str) -> String {
    let mut s = format!(
        "<div class=\"trace-ownership trace-ownership-failed\" id=\"{}\" \
         style=\"border-left:4px solid #c33;padding-left:.8em\">\
         <p><strong>This listing could not be traced:</strong> {}</p>",
        one_line(id),
        one_line(why)
    );
    if !detail.trim().is_empty() {
        s.push_str(&format!("<pre>{}</pre>", one_line(detail.trim_end())));
    }
    s.push_str("</div>");
    s
}
