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
