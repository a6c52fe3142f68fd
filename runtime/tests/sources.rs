//! The source text embedded in a trace (`Trace::sources`), by line: what the HTML page shows
//! beside each event. A source covers the lines from its `first_line` to its closing brace; the
//! innermost source covering a line of a file is the one a line belongs to.

use trace_ownership_runtime::{Source, Trace};

fn source(function: &str, file: &str, first_line: u32, text: &str) -> Source {
    Source {
        function: function.to_string().into(),
        file: file.to_string().into(),
        first_line,
        text: text.to_string().into(),
    }
}

#[test]
fn a_source_gives_each_line_it_covers_and_none_outside() {
    let s = source("f", "src/a.rs", 10, "fn f() {\n    let x = 1;\n}\n");
    assert_eq!(s.line(9), None);
    assert_eq!(s.line(10), Some("fn f() {"));
    assert_eq!(s.line(11), Some("    let x = 1;"));
    assert_eq!(s.line(12), Some("}"));
    assert_eq!(s.line(13), None);
    assert_eq!(s.last_line(), 12);
}

#[test]
fn a_one_line_source_ends_where_it_starts() {
    let s = source("g", "src/a.rs", 4, "fn g() {}\n");
    assert_eq!(s.last_line(), 4);
}

#[test]
fn the_source_of_a_line_is_the_innermost_that_covers_it_in_that_file() {
    let mut trace = Trace::new("outer", "src/a.rs");
    trace.sources = vec![
        source("outer", "src/a.rs", 1, "fn outer() {\n\n\n\n\n\n}\n"), // lines 1..=7
        source("inner", "src/a.rs", 3, "fn inner() {\n\n}\n"),         // lines 3..=5
        source("other", "src/b.rs", 1, "fn other() {\n\n\n\n\n\n}\n"), // another file
    ];
    let at = |file: &str, line: u32| trace.source_at(file, line).map(|s| s.function.as_ref());
    assert_eq!(at("src/a.rs", 1), Some("outer"));
    assert_eq!(at("src/a.rs", 2), Some("outer"));
    assert_eq!(at("src/a.rs", 3), Some("inner"));
    assert_eq!(at("src/a.rs", 5), Some("inner"));
    assert_eq!(at("src/a.rs", 6), Some("outer"));
    assert_eq!(at("src/a.rs", 7), Some("outer"));
    assert_eq!(at("src/a.rs", 8), None);
    assert_eq!(at("src/b.rs", 4), Some("other"));
    assert_eq!(at("src/c.rs", 4), None);
}
