//! The JSON line is what SCHEMA.md documents (issue 19, item 4): on a trace with every event kind
//! and every optional field, each field SCHEMA.md names appears under that name with its
//! documented JSON type, no field appears that SCHEMA.md does not name, and hostile strings
//! (backslashes, quotes, control characters, non-ASCII, a `</script>`) in every string field
//! come back from `serde_json` exactly as they went in.
//!
//! The ground truth is twofold: SCHEMA.md's own text (read here, so a field renamed in the code
//! or in the document alone fails), and `serde_json`, an independent JSON parser.

use serde_json::Value;
use trace_ownership_runtime::render::json::to_json;
use trace_ownership_runtime::{Event, EventKind, Evidence, HeapFacts, Source, Trace};

/// SCHEMA.md, as shipped beside the workspace's `Cargo.toml`.
fn schema_md() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../SCHEMA.md");
    std::fs::read_to_string(path).expect("SCHEMA.md is readable")
}

/// Every event kind, by a match that stops compiling when a kind is added without a row here.
fn every_kind() -> Vec<EventKind> {
    use EventKind::*;
    let all = vec![
        FnEnter,
        FnExit,
        Bind,
        Move,
        Copied,
        Cloned,
        Borrowed,
        BorrowedMut,
        BorrowEnd,
        Dropped,
        OutOfScope,
        MaybeMove,
        Assign,
        Folded,
        Called,
        Alloc,
        Dealloc,
        Realloc,
    ];
    for k in &all {
        match k {
            FnEnter | FnExit | Bind | Move | Copied | Cloned | Borrowed | BorrowedMut
            | BorrowEnd | Dropped | OutOfScope | MaybeMove | Assign | Folded | Called | Alloc
            | Dealloc | Realloc => {}
        }
    }
    all
}

/// Every evidence, the same way.
fn every_evidence() -> Vec<Evidence> {
    use Evidence::*;
    let all = vec![
        DropGlue,
        CopyType,
        NotCopyType,
        UsedLater,
        StdSignature,
        Convention,
        Unknown,
        Compiler,
    ];
    for e in &all {
        match e {
            DropGlue | CopyType | NotCopyType | UsedLater | StdSignature | Convention | Unknown
            | Compiler => {}
        }
    }
    all
}

/// A JSON type as SCHEMA.md words it.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Ty {
    Number,
    String,
    Bool,
    Array,
    Object,
    /// `type`: a string, or `null` when not known.
    StringOrNull,
}

fn json_ty(v: &Value) -> Ty {
    match v {
        Value::Number(_) => Ty::Number,
        Value::String(_) => Ty::String,
        Value::Bool(_) => Ty::Bool,
        Value::Array(_) => Ty::Array,
        Value::Object(_) => Ty::Object,
        Value::Null => Ty::StringOrNull,
    }
}

fn matches(want: Ty, v: &Value) -> bool {
    match want {
        Ty::StringOrNull => v.is_string() || v.is_null(),
        Ty::Number => v.as_u64().is_some(),
        other => json_ty(v) == other,
    }
}

/// The trace object's fields, with the types of SCHEMA.md's table (`sources` is optional).
const TRACE_FIELDS: &[(&str, Ty)] = &[
    ("schema", Ty::Number),
    ("function", Ty::String),
    ("file", Ty::String),
    ("thread", Ty::String),
    ("events", Ty::Array),
    ("lost", Ty::Number),
    ("heap_tracker", Ty::Bool),
    ("sources", Ty::Array),
];

/// A source's fields: `{"function", "file", "first_line", "text"}`.
const SOURCE_FIELDS: &[(&str, Ty)] = &[
    ("function", Ty::String),
    ("file", Ty::String),
    ("first_line", Ty::Number),
    ("text", Ty::String),
];

/// The fields every event has ("Always present" in SCHEMA.md).
const ALWAYS: &[(&str, Ty)] = &[
    ("seq", Ty::Number),
    ("kind", Ty::String),
    ("var", Ty::String),
    ("line", Ty::Number),
    ("col", Ty::Number),
    ("type", Ty::StringOrNull),
    ("depth", Ty::Number),
];

/// The fields present when they apply (SCHEMA.md's event table), with the type its words give:
/// bytes, addresses and counts are numbers, "whether" is a bool, names are strings.
const WHEN_THEY_APPLY: &[(&str, Ty)] = &[
    ("size", Ty::Number),
    ("addr", Ty::Number),
    ("needs_drop", Ty::Bool),
    ("from", Ty::String),
    ("to", Ty::String),
    ("of", Ty::String),
    ("evidence", Ty::String),
    ("detail", Ty::String),
    ("count", Ty::Number),
    ("heap", Ty::Object),
];

/// `heap`: `{addr, bytes, strong, weak}`, all numbers.
const HEAP_FIELDS: &[&str] = &["addr", "bytes", "strong", "weak"];

/// Strings a program can put in a trace (a file path, a variable or type name, a `name = ".."`)
/// that a naive writer gets wrong: each is different so a value landing in the wrong field
/// shows too.
fn hostile(field: &str) -> String {
    format!(
        "{field}: back\\slash \\\\ \"quoted\" 'single' nul\u{0} bell\u{7} bs\u{8} ff\u{c} \
         nl\n cr\r tab\t us\u{1f} del\u{7f} é 日本 🦀 ls\u{2028} ps\u{2029} </script><!-- {{}}[],:"
    )
}

fn text(s: String) -> Option<std::borrow::Cow<'static, str>> {
    Some(s.into())
}

/// A trace with one event of every kind, every optional field set on some event, and a hostile
/// string in every string field.
fn trace_with_everything() -> Trace {
    let mut trace = Trace::new(hostile("function"), hostile("file"));
    trace.thread = hostile("thread");
    trace.lost = 4;
    trace.heap_tracker = true;
    let evidence = every_evidence();
    for (i, kind) in every_kind().into_iter().enumerate() {
        let mut e = Event::new(kind, hostile(&format!("var {i}")), 10 + i as u32, 5);
        e.seq = i as u64;
        e.depth = (i % 3) as u32;
        e.detail = text(hostile(&format!("detail {i}"))).map(Into::into);
        e.evidence = Some(evidence[i % evidence.len()]);
        match kind {
            EventKind::Bind | EventKind::Dropped | EventKind::Assign => {
                e.ty = text(hostile(&format!("type {i}")));
                e.size = Some(24);
                e.needs_drop = Some(i % 2 == 0);
                e.addr = Some(0x7ffd_0000 + i);
                e.heap = Some(HeapFacts {
                    addr: Some(0x5555_0000 + i),
                    bytes: Some(32),
                    strong: Some(2),
                    weak: Some(1),
                });
            }
            EventKind::Move | EventKind::Copied | EventKind::Cloned | EventKind::MaybeMove => {
                e.ty = text(hostile(&format!("type {i}")));
                e.from = text(hostile(&format!("from {i}")));
                e.to = text(hostile(&format!("to {i}")));
            }
            EventKind::Borrowed | EventKind::BorrowedMut | EventKind::BorrowEnd => {
                e.ty = text(hostile(&format!("type {i}")));
                e.of = text(hostile(&format!("of {i}")));
                e.to = text(hostile(&format!("to {i}")));
            }
            EventKind::Folded | EventKind::Alloc | EventKind::Dealloc | EventKind::Realloc => {
                e.count = Some(1000 + i as u64);
                e.heap = Some(HeapFacts {
                    addr: Some(0x5555_1000 + i),
                    bytes: None,
                    strong: None,
                    weak: None,
                });
            }
            // `type` stays `null` on these: not known.
            EventKind::FnEnter | EventKind::FnExit | EventKind::OutOfScope | EventKind::Called => {}
        }
        trace.events.push(e);
    }
    trace.sources = vec![
        Source {
            function: hostile("source function").into(),
            file: hostile("source file").into(),
            first_line: 7,
            text: format!("fn f() {{\n{}\n}}\n", hostile("source text")).into(),
        },
        Source {
            function: "g".into(),
            file: "src/g.rs".into(),
            first_line: 1,
            text: "fn g() {}\n".into(),
        },
    ];
    trace
}

/// The backticked names in the first column of the markdown table that follows `heading`.
fn table_names(md: &str, heading: &str) -> Vec<String> {
    let start = md
        .find(heading)
        .unwrap_or_else(|| panic!("SCHEMA.md has {heading:?}"));
    md[start..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .filter_map(|l| l.split('|').nth(1))
        .flat_map(|cell| {
            cell.split('`')
                .skip(1)
                .step_by(2)
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The backticked names in SCHEMA.md's sentence "Always present: ... ." of the event section.
fn always_present_names(md: &str) -> Vec<String> {
    let start = md
        .find("Always present:")
        .expect("SCHEMA.md lists the fields always present");
    let end = start
        + md[start..]
            .find("Present when they apply")
            .expect("and the others");
    // Only the names before each parenthesis: `type` (`std::any::type_name` ...) is one field.
    let mut names = Vec::new();
    let mut depth = 0;
    let mut in_tick = false;
    let mut word = String::new();
    for c in md[start..end].chars() {
        match c {
            '(' if !in_tick => depth += 1,
            ')' if !in_tick => depth -= 1,
            '`' => {
                if in_tick && depth == 0 {
                    names.push(std::mem::take(&mut word));
                }
                word.clear();
                in_tick = !in_tick;
            }
            c if in_tick => word.push(c),
            _ => {}
        }
    }
    names
}

fn names(fields: &[(&str, Ty)]) -> Vec<String> {
    fields.iter().map(|(n, _)| n.to_string()).collect()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v.dedup();
    v
}

#[test]
fn the_field_lists_here_are_the_ones_schema_md_documents() {
    let md = schema_md();
    assert_eq!(
        sorted(table_names(&md, "## The trace object")),
        sorted(names(TRACE_FIELDS)),
        "the trace object's fields"
    );
    assert_eq!(
        always_present_names(&md),
        names(ALWAYS),
        "the fields every event has"
    );
    assert_eq!(
        sorted(table_names(&md, "## An event")),
        sorted(names(WHEN_THEY_APPLY)),
        "the fields present when they apply"
    );
    assert!(
        md.contains("`{\"function\", \"file\", \"first_line\", \"text\"}`"),
        "a source's fields"
    );
    assert!(
        md.contains("`{addr, bytes, strong, weak}`"),
        "heap's fields"
    );
}

#[test]
fn every_kind_the_runtime_writes_is_documented() {
    let md = schema_md();
    let documented = table_names(&md, "## Kinds");
    let missing: Vec<&str> = every_kind()
        .into_iter()
        .map(EventKind::as_str)
        .filter(|k| !documented.iter().any(|d| d == k))
        .collect();
    assert!(missing.is_empty(), "kinds not in SCHEMA.md: {missing:?}");
}

#[test]
fn every_evidence_the_runtime_writes_is_documented() {
    let md = schema_md();
    let row = md
        .lines()
        .find(|l| l.starts_with("| `evidence` |"))
        .expect("SCHEMA.md has an evidence row");
    for e in every_evidence() {
        assert!(
            row.contains(&format!("`{}`", e.as_str())),
            "evidence {:?} is written as {:?}, which SCHEMA.md does not list",
            e,
            e.as_str()
        );
    }
}

#[test]
fn every_documented_field_appears_with_its_name_and_type() {
    let trace = trace_with_everything();
    let line = to_json(&trace);
    let v: Value = serde_json::from_str(&line).expect("the line is JSON");
    let obj = v.as_object().expect("a trace is an object");

    for (name, ty) in TRACE_FIELDS {
        let field = obj.get(*name).unwrap_or_else(|| panic!("trace has {name}"));
        assert!(matches(*ty, field), "trace.{name} is {ty:?}: {field}");
    }
    let unknown: Vec<&String> = obj
        .keys()
        .filter(|k| !TRACE_FIELDS.iter().any(|(n, _)| n == k))
        .collect();
    assert!(unknown.is_empty(), "undocumented trace fields {unknown:?}");
    assert_eq!(obj["schema"], 1);
    assert_eq!(obj["lost"], 4);
    assert_eq!(obj["heap_tracker"], true);

    let sources = obj["sources"].as_array().unwrap();
    assert_eq!(sources.len(), 2);
    for s in sources {
        let s = s.as_object().expect("a source is an object");
        assert_eq!(
            sorted(s.keys().cloned().collect()),
            sorted(names(SOURCE_FIELDS)),
            "a source has exactly its documented fields"
        );
        for (name, ty) in SOURCE_FIELDS {
            assert!(matches(*ty, &s[*name]), "source.{name} is {ty:?}");
        }
    }
    assert_eq!(sources[0]["first_line"], 7);

    let events = obj["events"].as_array().unwrap();
    assert_eq!(events.len(), every_kind().len());
    let mut seen: Vec<&str> = Vec::new();
    for (i, e) in events.iter().enumerate() {
        let e = e.as_object().expect("an event is an object");
        for (name, ty) in ALWAYS {
            let field = e
                .get(*name)
                .unwrap_or_else(|| panic!("event {i} has {name}"));
            assert!(matches(*ty, field), "event {i}: {name} is {ty:?}: {field}");
        }
        for (key, field) in e {
            if ALWAYS.iter().any(|(n, _)| n == key) {
                continue;
            }
            let (_, ty) = WHEN_THEY_APPLY
                .iter()
                .find(|(n, _)| n == key)
                .unwrap_or_else(|| panic!("event {i}: undocumented field {key}"));
            assert!(matches(*ty, field), "event {i}: {key} is {ty:?}: {field}");
            seen.push(key);
        }
        if let Some(h) = e.get("heap") {
            for (key, field) in h.as_object().unwrap() {
                assert!(HEAP_FIELDS.contains(&key.as_str()), "heap field {key}");
                assert!(field.as_u64().is_some(), "heap.{key} is a number");
            }
        }
    }
    for (name, _) in WHEN_THEY_APPLY {
        assert!(seen.contains(name), "no event carries {name}");
    }
    for h in HEAP_FIELDS {
        assert!(
            events.iter().any(|e| e["heap"].get(*h).is_some()),
            "no heap carries {h}"
        );
    }
    assert!(
        events.iter().any(|e| e["type"].is_null()),
        "an unknown type is null"
    );
}

#[test]
fn each_value_lands_in_its_field_unchanged() {
    let trace = trace_with_everything();
    let v: Value = serde_json::from_str(&to_json(&trace)).unwrap();
    assert_eq!(v["function"], hostile("function"));
    assert_eq!(v["file"], hostile("file"));
    assert_eq!(v["thread"], hostile("thread"));
    assert_eq!(v["sources"][0]["function"], hostile("source function"));
    assert_eq!(v["sources"][0]["file"], hostile("source file"));
    assert_eq!(
        v["sources"][0]["text"],
        format!("fn f() {{\n{}\n}}\n", hostile("source text"))
    );
    for (i, (e, want)) in v["events"]
        .as_array()
        .unwrap()
        .iter()
        .zip(&trace.events)
        .enumerate()
    {
        assert_eq!(e["seq"], want.seq);
        assert_eq!(e["kind"], want.kind.as_str());
        assert_eq!(e["var"], hostile(&format!("var {i}")));
        assert_eq!(e["line"], want.line);
        assert_eq!(e["col"], want.col);
        assert_eq!(e["depth"], want.depth);
        assert_eq!(e["detail"], hostile(&format!("detail {i}")));
        assert_eq!(e["evidence"], want.evidence.unwrap().as_str());
        for (key, got) in [("type", &want.ty), ("from", &want.from), ("to", &want.to)] {
            if got.is_some() {
                assert_eq!(e[key], hostile(&format!("{key} {i}")), "event {i}: {key}");
            }
        }
        if want.of.is_some() {
            assert_eq!(e["of"], hostile(&format!("of {i}")), "event {i}: of");
        }
        if let Some(n) = want.count {
            assert_eq!(e["count"], n);
        }
        if let Some(n) = want.size {
            assert_eq!(e["size"], n);
        }
        if let Some(n) = want.addr {
            assert_eq!(e["addr"], n);
        }
        if let Some(b) = want.needs_drop {
            assert_eq!(e["needs_drop"], b);
        }
    }
}

#[test]
fn the_line_is_one_line_with_every_control_character_escaped() {
    let line = to_json(&trace_with_everything());
    let raw: Vec<char> = line.chars().filter(|c| (*c as u32) < 0x20).collect();
    assert!(raw.is_empty(), "unescaped control characters {raw:?}");
    // RFC 8259's short escapes, and \u00XX for the rest.
    for escaped in [
        "\\\\", "\\\"", "\\n", "\\r", "\\t", "\\b", "\\f", "\\u0000", "\\u0007", "\\u001f",
    ] {
        assert!(line.contains(escaped), "{escaped} in the line");
    }
    // What JSON does not require escaping is written as itself, not as \u escapes.
    for plain in ["é 日本 🦀", "\u{7f}", "\u{2028}", "</script>", "'single'"] {
        assert!(line.contains(plain), "{plain:?} written as itself");
    }
}

#[test]
fn the_line_parses_back_into_the_same_trace() {
    let trace = trace_with_everything();
    let line = to_json(&trace);
    let back: Trace = serde_json::from_str(&line).expect("the line parses as a Trace");
    assert_eq!(back, trace);
    // And it is what serde's derive (which defines the schema) writes.
    let ours: Value = serde_json::from_str(&line).unwrap();
    assert_eq!(ours, serde_json::to_value(&trace).unwrap());
}
