//! `Trace`'s own methods are its renderers' output, nothing else: what a tool calling
//! `trace.to_html()` gets is the page `TRACE_OWNERSHIP=html` writes.

use trace_ownership_runtime::render::{html, json, text};
use trace_ownership_runtime::{Event, EventKind, Trace};

fn trace() -> Trace {
    let mut t = Trace::new("demo", "src/demo.rs");
    t.events.push(Event::new(EventKind::FnEnter, "demo", 1, 1));
    t.events.push(Event::new(EventKind::FnExit, "demo", 1, 1));
    t
}

#[test]
fn each_method_is_its_renderer() {
    let t = trace();
    assert_eq!(t.to_json(), json::to_json(&t));
    assert_eq!(t.to_html(), html::page(&t));
    assert_eq!(t.to_text(true), text::render(&t, true));
    assert_eq!(t.to_text(false), text::render(&t, false));
    assert_eq!(t.to_string(), text::render(&t, false));
}

#[test]
fn the_page_is_a_whole_html_document_naming_the_function() {
    let page = trace().to_html();
    assert!(page.starts_with("<!DOCTYPE html>"), "{}", &page[..40]);
    assert!(page.trim_end().ends_with("</html>"));
    assert!(page.contains("demo"));
}

/// Coloured text is the plain text with each event's kind in an ANSI colour (a select graphic
/// rendition other than the reset, `ESC[0m`, which follows the kind): taking the escape
/// sequences out gives the plain text back, character for character.
#[test]
fn coloured_text_is_the_plain_text_with_each_kind_coloured() {
    use EventKind::*;
    let mut t = Trace::new("demo", "src/demo.rs");
    let kinds = [
        FnEnter,
        Bind,
        Move,
        MaybeMove,
        Copied,
        Cloned,
        Borrowed,
        BorrowedMut,
        BorrowEnd,
        Assign,
        Called,
        Dropped,
        OutOfScope,
        Folded,
        Alloc,
        Realloc,
        Dealloc,
        FnExit,
    ];
    for (i, k) in kinds.into_iter().enumerate() {
        t.events.push(Event::new(k, "x", 1 + i as u32, 1));
    }
    let plain = t.to_text(false);
    let coloured = t.to_text(true);
    // The escape sequences `ESC[` digits and `;` `m`, taken out.
    let mut stripped = String::new();
    let mut rest = coloured.as_str();
    let mut codes = Vec::new();
    while let Some(at) = rest.find('\x1b') {
        stripped.push_str(&rest[..at]);
        let seq = &rest[at..];
        let end = seq.find('m').expect("an SGR sequence ends with `m`");
        let params = &seq[2..end];
        assert!(
            seq.starts_with("\x1b[") && params.chars().all(|c| c.is_ascii_digit() || c == ';'),
            "{seq:?}"
        );
        codes.push(params.to_string());
        rest = &seq[end + 1..];
    }
    stripped.push_str(rest);
    assert_eq!(stripped, plain);
    // Per event: a colour, then the reset after its kind.
    assert_eq!(codes.len(), 2 * kinds.len(), "{coloured}");
    for pair in codes.chunks(2) {
        assert!(!pair[0].is_empty() && pair[0] != "0", "{pair:?}");
        assert_eq!(pair[1], "0");
    }
    for (line, k) in coloured.lines().skip(1).zip(kinds) {
        assert!(
            line.contains(&format!("m{:<12}\x1b[0m", k.as_str())),
            "{line:?}"
        );
    }
}
