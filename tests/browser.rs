//! Pictures of ownership: the HTML page of a trace, checked as structure (pure Rust) and in a
//! real browser (headless Chromium).
//!
//! What the page must do, each checked here against ground truth rather than against the
//! page's own idea of it:
//! - the code beside the timeline: the embedded source is the file's own text (read from
//!   disk), each row shows the line its event happened on;
//! - stepping with keys (→/j, ←/k, Home, End) changes the state panel and the stack-and-heap
//!   diagram exactly as the trace's events say (a second model of the state, written here from
//!   the events, compared at every step of the tour's pages and of a 300-line, 30-variable
//!   trace built by hand);
//! - the quiz (`?quiz`) hides the events to come, asks about the next one, scores a right and
//!   a wrong answer;
//! - large traces: column headings never overlap (measured in the browser), frames fold, the
//!   filter by variable keeps the rows about that variable;
//! - hostile names stay text; no script error and no console message.
//!
//! Screenshots of each view are written to `target/tmp/browser/`. Chromium comes from Debian's
//! `chromium` package (`.ci/run` installs it). Without it the browser tests fail under CI (`CI`
//! set) and are skipped, with a notice, elsewhere.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use trace_ownership::{trace_ownership, Event, EventKind, HeapFacts, Source, Trace};

#[global_allocator]
static HEAP: trace_ownership::HeapTracker = trace_ownership::HeapTracker::new();

#[trace_ownership]
fn seed_story() -> usize {
    let s1 = String::from("hello");
    let s2 = s1;
    let s3 = s2.clone();
    let x = 5;
    let y = x;
    let r = &s3;
    let n = r.len() + takes(s2);
    for i in 0..5 {
        let line = format!("{i}");
        let _ = line.len();
    }
    n + x + y
}

#[trace_ownership]
fn takes(some_string: String) -> usize {
    some_string.len()
}

#[trace_ownership]
fn shared_ownership() -> usize {
    let a = std::rc::Rc::new(String::from("shared"));
    let b = std::rc::Rc::clone(&a);
    let c = a.clone();
    let n = std::rc::Rc::strong_count(&c);
    drop(a);
    drop(b);
    n
}

fn seed_trace() -> Trace {
    trace_ownership::capture(seed_story).1
}

#[path = "../examples/tour/sections.rs"]
#[allow(dead_code)]
mod sections;

fn tour_traces() -> Vec<Trace> {
    sections::all()
        .into_iter()
        .map(|s| trace_ownership::capture(s.run).1)
        .collect()
}

fn count(page: &str, needle: &str) -> usize {
    page.matches(needle).count()
}

/// The variables of each call, in order of first appearance (the page's columns).
fn expected_columns(trace: &Trace) -> usize {
    first_rows(trace).len()
}

/// The row where each column's variable first appears.
fn first_rows(trace: &Trace) -> Vec<usize> {
    let mut stack = vec![0];
    let mut next = 1;
    let mut seen = std::collections::HashSet::new();
    let mut firsts = Vec::new();
    for (i, e) in trace.events.iter().enumerate() {
        if e.kind == EventKind::FnEnter {
            stack.push(next);
            next += 1;
        }
        let frame = *stack.last().unwrap();
        let kind = e.kind.as_str();
        if ![
            "fn_enter", "fn_exit", "folded", "alloc", "dealloc", "realloc",
        ]
        .contains(&kind)
            && seen.insert((frame, e.var.to_string()))
        {
            firsts.push(i);
        }
        if e.kind == EventKind::FnExit {
            stack.pop();
        }
    }
    firsts
}

/// The value of attribute `key` on the first element that has it, in `html`.
fn attr(html: &str, key: &str) -> Option<String> {
    let key = format!(" {key}=\"");
    let start = html.find(&key)? + key.len();
    Some(unescape(&html[start..start + html[start..].find('"')?]))
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The `<g class="row" ...>` elements of a page, in order, as their opening tags and contents.
fn rows(page: &str) -> Vec<&str> {
    page.split(r#"<g class="row""#).skip(1).collect()
}

// ---------------------------------------------------------------------------------------------
// Structure, in pure Rust.

#[test]
fn the_svg_has_a_column_per_variable_and_a_row_per_event() {
    let trace = seed_trace();
    let page = trace.to_html();
    assert_eq!(count(&page, r#"<g class="col""#), expected_columns(&trace));
    assert_eq!(count(&page, r#"<g class="row""#), trace.events.len());
    // One lifeline per column, one drop cross per drop, one hollow circle per out-of-scope.
    assert_eq!(
        count(&page, r#"<line class="life"#),
        expected_columns(&trace)
    );
    assert_eq!(
        count(&page, r#"class="mark drop""#),
        trace.of_kind(EventKind::Dropped).count()
    );
    assert_eq!(
        count(&page, r#"class="mark gone""#),
        trace.of_kind(EventKind::OutOfScope).count()
    );
    assert_eq!(
        count(&page, r#"class="mark arrow move""#),
        trace.of_kind(EventKind::Move).count()
    );
    assert_eq!(count(&page, r#"class="mark arrow clone""#), 1);
    assert_eq!(
        count(&page, r#"class="mark arrow copy""#),
        trace.of_kind(EventKind::Copied).count()
    );
    // Nested call frame (foldable) and folded iterations are drawn.
    assert_eq!(count(&page, r#"<rect class="frame d"#), 2);
    assert_eq!(count(&page, r#"<text class="frame-toggle""#), 1);
    assert_eq!(count(&page, r#"class="mark folded""#), 1);
    // Self-contained: no external resource.
    for bad in ["src=\"http", "href=\"http", "<link", "@import", "url(http"] {
        assert!(
            !page.contains(bad),
            "page refers to an external resource: {bad}"
        );
    }
}

#[test]
fn a_lifeline_runs_from_bind_to_drop() {
    let trace = seed_trace();
    let page = trace.to_html();
    let row = |kind: EventKind| {
        trace
            .events
            .iter()
            .position(|e| e.var == "s3" && e.kind == kind)
            .unwrap()
    };
    let (bind, drop) = (row(EventKind::Bind), row(EventKind::Dropped));
    let line = page
        .split("<line")
        .find(|l| l.contains("class=\"life\"") && l.contains(&format!("data-r1=\"{bind}\"")))
        .expect("s3's lifeline");
    assert!(line.contains(&format!(r#"data-r2="{drop}""#)), "{line}");
    assert!(
        line.contains(&format!(r#"y2="{}""#, drop * 24 + 12)),
        "{line}"
    );
}

/// Line `line` (1-based) of this very file, as it is on disk.
fn file_line(line: u32) -> String {
    let text = std::fs::read_to_string(file!()).unwrap();
    text.lines().nth(line as usize - 1).unwrap().to_string()
}

#[test]
fn the_embedded_source_is_the_files_own_text() {
    let trace = seed_trace();
    let names: Vec<&str> = trace.sources.iter().map(|s| &*s.function).collect();
    assert_eq!(names, ["seed_story", "takes"]);
    for src in &trace.sources {
        assert_eq!(src.file, file!());
        for (j, line) in src.text.lines().enumerate() {
            assert_eq!(
                line,
                file_line(src.first_line + j as u32),
                "{}",
                src.function
            );
        }
        assert!(src.text.starts_with("fn "), "{}", src.text);
        assert!(src.text.ends_with("}\n"));
    }
    // The function's text starts on the line of its `fn_enter` and covers every event of it.
    let enter = trace.of_kind(EventKind::FnEnter).next().unwrap();
    assert_eq!(trace.sources[0].first_line, enter.line);
    // And it is in the JSON, for tools (SCHEMA.md: `sources`).
    let json: serde_json::Value = serde_json::from_str(&trace.to_json()).unwrap();
    assert_eq!(json["sources"][1]["function"], "takes");
    assert_eq!(json["sources"][1]["text"], trace.sources[1].text.as_ref());
}

#[test]
fn each_row_shows_the_code_of_its_line_beside_it() {
    let trace = seed_trace();
    let page = trace.to_html();
    let rows = rows(&page);
    assert_eq!(rows.len(), trace.events.len());
    let mut before = None;
    let mut with_code = 0;
    for (ev, row) in trace.events.iter().zip(&rows) {
        assert_eq!(attr(row, "data-line"), Some(ev.line.to_string()));
        let code = row
            .split(r#"<text class="code""#)
            .nth(1)
            .map(|c| unescape(&c[c.find('>').unwrap() + 1..c.find("</text>").unwrap()]));
        // The first row of each run of events on one line shows that line of the file.
        let first_of_run = before != Some((ev.depth, ev.line));
        if first_of_run {
            let shown = code.unwrap_or_else(|| panic!("no code on the row of {ev:?}"));
            let real = file_line(ev.line);
            let real = real.trim();
            assert!(
                real == shown
                    || (shown.ends_with('…') && real.starts_with(shown.trim_end_matches('…'))),
                "row L{}: {shown:?} is not {real:?}",
                ev.line
            );
            with_code += 1;
        } else {
            assert_eq!(code, None, "code repeated on a row of L{}", ev.line);
        }
        before = Some((ev.depth, ev.line));
    }
    assert!(with_code >= 10, "{with_code}");
    // The code panes hold every line of both functions, numbered as in the file.
    for src in &trace.sources {
        for j in 0..src.text.lines().count() as u32 {
            let line = src.first_line + j;
            assert!(
                page.contains(&format!(
                    r#"<span class="src-line" data-line="{line}"><span class="ln">{line}</span>"#
                )),
                "line {line}"
            );
        }
    }
    // The folded loop is marked on the loop's line.
    let folded = trace.of_kind(EventKind::Folded).next().unwrap();
    let pane_line = page
        .split(r#"<span class="src-line" data-line=""#)
        .find(|l| l.starts_with(&format!("{}\"", folded.line)))
        .unwrap();
    assert!(
        pane_line.contains(&format!("⟳ {} more times folded", folded.count.unwrap())),
        "{pane_line}"
    );
}

#[test]
fn without_embedded_source_the_page_says_so_once() {
    let mut trace = seed_trace();
    trace.sources.clear();
    let page = trace.to_html();
    assert_eq!(count(&page, r#"class="no-code""#), 1);
    assert_eq!(count(&page, r#"<text class="code""#), 0);
}

#[test]
fn the_heap_ledger_says_where_each_block_was_freed() {
    let traces = tour_traces();
    let ngc = &traces[4];
    let entries = trace_ownership::render::html::ledger::entries(ngc);
    let big = entries
        .iter()
        .find(|e| e.var == "big")
        .expect("big owned a block");
    assert_eq!(big.bytes, Some(1024));
    // Ground truth: the heap tracker's free of that block, and the line of `drop(big)` in the file.
    let freed = ngc
        .of_kind(EventKind::Dealloc)
        .find(|e| e.heap.and_then(|h| h.addr) == Some(big.addr))
        .unwrap();
    assert_eq!(big.freed_at, Some(freed.line));
    let text = std::fs::read_to_string("examples/tour/sections.rs").unwrap();
    let drop_line = text.lines().position(|l| l.contains("drop(big);")).unwrap() as u32 + 1;
    assert_eq!(big.freed_at, Some(drop_line));
    // Each of the three kept iterations' `line` owned 10 bytes, each freed.
    let lines: Vec<_> = entries.iter().filter(|e| e.var == "line").collect();
    assert_eq!(lines.len(), 3);
    assert!(lines
        .iter()
        .all(|e| e.bytes == Some(10) && e.freed_at.is_some()));
    // The move chain of the move/clone/copy section: s1's block went to s2.
    let mcc = trace_ownership::render::html::ledger::entries(&traces[2]);
    let s1 = mcc.iter().find(|e| e.var == "s1").unwrap();
    let move_line = text
        .lines()
        .position(|l| l.contains("let s2 = s1;"))
        .unwrap()
        + 1;
    assert_eq!(s1.then, [format!("moved to `s2` (L{move_line})")]);
    let page = ngc.to_html();
    assert!(page.contains(&format!(
        r#"data-var="big" data-addr="{}" data-freed="{drop_line}""#,
        big.addr
    )));
}

fn hostile_trace() -> Trace {
    let evil_fn = "f</script><img src=x onerror=alert(1)>";
    let evil_file = "src/\"quoted\" & <dir>.rs";
    let mut trace = Trace::new(evil_fn, evil_file);
    trace.thread = "t'<b>".into();
    let mut enter = Event::new(EventKind::FnEnter, evil_fn, 1, 1);
    enter.detail = Some(evil_file.into());
    let mut bind = Event::new(EventKind::Bind, "<script>alert('x')</script>", 2, 9);
    bind.ty = Some("Vec<&'a str>".into());
    let mut mv = Event::new(EventKind::Move, "<script>alert('x')</script>", 3, 9);
    mv.to = Some("\"><svg onload=alert(2)>".into());
    let exit = Event::new(EventKind::FnExit, evil_fn, 1, 1);
    trace.events = vec![enter, bind, mv, exit];
    for (i, e) in trace.events.iter_mut().enumerate() {
        e.seq = i as u64;
    }
    trace.sources = vec![Source {
        function: evil_fn.into(),
        file: evil_file.into(),
        first_line: 1,
        text: "fn f() { // </script><script>alert(3)</script>\n    let a = \"<b>&amp;</b>\";\n    b(a);\n}\n".into(),
    }];
    trace
}

#[test]
fn hostile_names_are_escaped_and_nothing_from_the_trace_runs() {
    let page = hostile_trace().to_html();
    for raw in [
        "<script>alert",
        "<img src=x",
        "<svg onload",
        "<b>",
        "\"quoted\"",
        "</script><script>",
    ] {
        assert!(!page.contains(raw), "unescaped `{raw}` in the page");
    }
    assert!(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(page.contains("Vec&lt;&amp;"));
    // The page's own three script elements (the trace's JSON, the rows' sources, the script).
    assert_eq!(count(&page, "<script"), 3);
    assert_eq!(count(&page, "</script>"), 3);
    assert!(page.contains("Content-Security-Policy\" content=\"default-src 'none';"));
}

// ---------------------------------------------------------------------------------------------
// A second model of the state at each step, written from the events (SCHEMA.md), to check what
// the page's script draws.

#[derive(Clone, Debug)]
struct Var {
    name: String,
    state: &'static str,
    borrows: Vec<String>,
    heap: Option<usize>,
    gone: bool,
}

/// What the page must show after events `0..=k`, as its replay log writes it: the state
/// panel's variables, the diagram's variable boxes, its owner arrows and its heap blocks.
#[derive(Debug, PartialEq)]
struct Shown {
    items: String,
    boxes: String,
    owns: String,
    blocks: String,
    /// Arrows from a reference held by a variable to the variable it borrows.
    refers: String,
}

fn expected_steps(trace: &Trace) -> Vec<Shown> {
    let mut frames: Vec<Vec<Var>> = Vec::new();
    let mut blocks: Vec<usize> = Vec::new();
    // `Rc`/`Arc` owner counts: the count an owner's bind reports, one less per owner dropped.
    let mut strong: HashMap<usize, usize> = HashMap::new();
    let mut sizes: HashMap<usize, usize> = HashMap::new();
    let mut out = Vec::new();
    for e in &trace.events {
        for f in frames.iter_mut() {
            f.retain(|v| !v.gone);
        }
        let h = e.heap.unwrap_or_default();
        let find = |frames: &mut Vec<Vec<Var>>, name: &str| -> Option<usize> {
            frames
                .last()?
                .iter()
                .rposition(|v| v.name == name && !v.gone)
        };
        let base = e.var.split('.').next().unwrap().to_string();
        let of = e.of.as_deref().unwrap_or(&e.var).to_string();
        match e.kind {
            EventKind::FnEnter => frames.push(Vec::new()),
            EventKind::FnExit => {
                frames.pop();
            }
            EventKind::Bind | EventKind::Assign => {
                let at = if e.kind == EventKind::Assign {
                    find(&mut frames, &e.var)
                } else {
                    None
                };
                if let Some(f) = frames.last_mut() {
                    let i = at.unwrap_or_else(|| {
                        f.push(Var {
                            name: e.var.to_string(),
                            state: "owner",
                            borrows: Vec::new(),
                            heap: None,
                            gone: false,
                        });
                        f.len() - 1
                    });
                    f[i].state = "owner";
                    // The block the value points into (an `Rc` points past its counts).
                    let block = h.addr.map(|a| {
                        blocks
                            .iter()
                            .copied()
                            .find(|b| *b <= a && a < b + sizes.get(b).copied().unwrap_or(0))
                            .unwrap_or(a)
                    });
                    f[i].heap = block;
                    if let (Some(a), Some(n)) = (block, h.strong) {
                        strong.insert(a, n);
                    }
                    if let Some(a) = block {
                        if !blocks.contains(&a) {
                            blocks.push(a);
                            sizes.insert(a, h.bytes.unwrap_or(0));
                        }
                    }
                }
            }
            EventKind::Move | EventKind::MaybeMove => {
                if let Some(i) = find(&mut frames, &base) {
                    frames.last_mut().unwrap()[i].state = match (e.kind, e.detail.as_deref()) {
                        (EventKind::MaybeMove, _) => "maybe-moved",
                        (_, Some("partial move")) => "partly-moved",
                        _ => "moved",
                    };
                }
            }
            EventKind::Borrowed | EventKind::BorrowedMut => {
                if let Some(i) = find(&mut frames, &of) {
                    let m = if e.kind == EventKind::BorrowedMut {
                        "m"
                    } else {
                        "s"
                    };
                    frames.last_mut().unwrap()[i]
                        .borrows
                        .push(format!("{m}:{}", e.to.as_deref().unwrap_or("?")));
                }
            }
            EventKind::BorrowEnd => {
                if let Some(i) = find(&mut frames, &of) {
                    let by = e.to.as_deref().unwrap_or("?");
                    let b = &mut frames.last_mut().unwrap()[i].borrows;
                    if let Some(j) = b.iter().position(|x| &x[2..] == by) {
                        b.remove(j);
                    }
                }
            }
            EventKind::Dropped | EventKind::OutOfScope => {
                if let Some(i) = find(&mut frames, &e.var) {
                    let v = &mut frames.last_mut().unwrap()[i];
                    if let (EventKind::Dropped, "owner", Some(a)) = (e.kind, v.state, v.heap) {
                        if blocks.contains(&a) {
                            if let Some(n) = strong.get_mut(&a).filter(|n| **n > 0) {
                                *n -= 1;
                            }
                        }
                    }
                    v.state = if e.kind == EventKind::Dropped {
                        "dropped"
                    } else {
                        "out-of-scope"
                    };
                    v.gone = true;
                }
            }
            EventKind::Alloc => {
                if let Some(a) = h.addr {
                    if !blocks.contains(&a) {
                        blocks.push(a);
                    }
                    sizes.insert(a, h.bytes.or(e.count.map(|c| c as usize)).unwrap_or(0));
                }
            }
            EventKind::Dealloc => {
                blocks.retain(|&b| Some(b) != h.addr);
                if let Some(a) = h.addr {
                    strong.remove(&a);
                }
            }
            EventKind::Realloc => {
                let old = e
                    .detail
                    .as_deref()
                    .and_then(|d| d.split("0x").nth(1))
                    .and_then(|x| usize::from_str_radix(x.trim(), 16).ok());
                if let (Some(old), Some(new)) = (old, h.addr) {
                    if old != new && blocks.contains(&old) {
                        blocks.retain(|&b| b != old);
                        for v in frames.iter_mut().flatten() {
                            if v.heap == Some(old) {
                                v.heap = Some(new);
                            }
                        }
                    }
                }
                if let Some(a) = h.addr {
                    if !blocks.contains(&a) {
                        blocks.push(a);
                    }
                    sizes.insert(a, h.bytes.or(e.count.map(|c| c as usize)).unwrap_or(0));
                }
            }
            _ => {}
        }
        if !trace.heap_tracker {
            blocks.retain(|b| {
                frames
                    .iter()
                    .flatten()
                    .any(|v| v.heap == Some(*b) && v.state == "owner" && !v.gone)
            });
        }
        let each = |f: &dyn Fn(usize, &Var) -> Option<String>| -> String {
            frames
                .iter()
                .enumerate()
                .flat_map(|(fi, vs)| vs.iter().filter_map(move |v| f(fi, v)))
                .collect::<Vec<_>>()
                .join(";")
        };
        out.push(Shown {
            items: each(&|fi, v| {
                let b = if v.borrows.is_empty() {
                    String::new()
                } else {
                    format!("[{}]", v.borrows.join(" "))
                };
                Some(format!("{fi}/{}={}{b}", v.name, v.state))
            }),
            boxes: each(&|fi, v| Some(format!("{fi}/{}={}", v.name, v.state))),
            owns: each(&|fi, v| {
                let a = v
                    .heap
                    .filter(|a| v.state == "owner" && blocks.contains(a))?;
                Some(format!("{fi}/{}>{a}", v.name))
            }),
            refers: each(&|fi, v| {
                let arrows: Vec<String> = v
                    .borrows
                    .iter()
                    .filter(|b| frames[fi].iter().any(|h| h.name == b[2..] && !h.gone))
                    .map(|b| {
                        let m = if b.starts_with("m:") { "=mut" } else { "" };
                        format!("{fi}/{}{m}>{}", &b[2..], v.name)
                    })
                    .collect();
                (!arrows.is_empty()).then(|| arrows.join(";"))
            }),
            blocks: blocks
                .iter()
                .map(|b| match strong.get(b) {
                    Some(n) => format!("{b}={n}"),
                    None => b.to_string(),
                })
                .collect::<Vec<_>>()
                .join(";"),
        });
    }
    out
}

#[test]
fn the_second_model_agrees_with_the_tours_known_story() {
    // Hand-stated checkpoints of the move/clone/copy section, so that the model the browser
    // is checked against is itself pinned to what Rust does there.
    let traces = tour_traces();
    let t = &traces[2];
    let steps = expected_steps(t);
    let at = |pred: &dyn Fn(&Event) -> bool| t.events.iter().position(pred).unwrap();
    let moved = at(&|e| e.kind == EventKind::Move && e.var == "s1");
    assert_eq!(steps[moved].items, "0/s1=moved");
    let cloned = at(&|e| e.kind == EventKind::Bind && e.var == "s3");
    assert_eq!(steps[cloned].items, "0/s1=moved;0/s2=owner;0/s3=owner");
    // Two blocks: s2's (s1's before) and the clone's.
    assert_eq!(steps[cloned].owns.split(';').count(), 2);
    let inside = at(&|e| e.kind == EventKind::Bind && e.var == "some_string");
    assert!(steps[inside].items.contains("0/s2=moved;"));
    assert!(steps[inside].items.ends_with("1/some_string=owner"));
    assert!(steps[inside].owns.contains("1/some_string>"));
    // After the last event nothing is left.
    assert_eq!(steps.last().unwrap().items, "");
    // The borrowing section: once `r2` is bound, `r1` and `r2` both point to `s`; `r3` alone
    // (mutably) once it is bound.
    let t = &traces[3];
    let steps = expected_steps(t);
    let at = |var: &str| {
        t.events
            .iter()
            .position(|e| e.kind == EventKind::Bind && e.var == var)
            .unwrap()
    };
    assert_eq!(steps[at("r2")].refers, "0/r1>s;0/r2>s");
    assert_eq!(steps[at("r3")].refers, "0/r3=mut>s");
}

// ---------------------------------------------------------------------------------------------
// A large trace, built by hand: 300 lines of code, 30 variables, a nested call.

fn large_trace() -> Trace {
    let file = "src/long.rs";
    let name = |j: usize| {
        if j.is_multiple_of(5) {
            format!("a_rather_long_variable_name_{j:02}")
        } else {
            format!("v{j:02}")
        }
    };
    let mut text = String::from("fn long_function() {\n");
    for l in 2..300 {
        text.push_str(&format!("    step_{l}(); // line {l}\n"));
    }
    text.push_str("}\n");
    let mut trace = Trace::new("long_function", file);
    trace.heap_tracker = false;
    let mut ev = Vec::new();
    let mut push = |e: Event| ev.push(e);
    let mut enter = Event::new(EventKind::FnEnter, "long_function", 1, 1);
    enter.detail = Some(file.into());
    push(enter);
    for j in 0..30usize {
        let mut b = Event::new(EventKind::Bind, name(j), 2 + j as u32, 9);
        b.ty = Some("alloc::string::String".into());
        b.size = Some(24);
        b.addr = Some(0x7ff0_0000 + j * 32);
        b.heap = Some(HeapFacts {
            addr: Some(0x5000_0000 + j * 64),
            bytes: Some(8 + j),
            strong: None,
            weak: None,
        });
        push(b);
    }
    for j in 0..30usize {
        let line = 40 + j as u32 * 2;
        let kind = if j.is_multiple_of(3) {
            EventKind::BorrowedMut
        } else {
            EventKind::Borrowed
        };
        let mut b = Event::new(kind, name(j), line, 5);
        b.of = Some(name(j).into());
        b.to = Some("show()".into());
        push(b);
        let mut end = Event::new(EventKind::BorrowEnd, name(j), line + 1, 5);
        end.of = Some(name(j).into());
        end.to = Some("show()".into());
        push(end);
    }
    let mut call = Event::new(EventKind::FnEnter, "helper", 200, 1);
    call.detail = Some(file.into());
    push(call);
    let mut p = Event::new(EventKind::Bind, "param", 201, 5);
    p.ty = Some("u64".into());
    p.size = Some(8);
    push(p);
    push(Event::new(EventKind::Dropped, "param", 203, 1));
    push(Event::new(EventKind::FnExit, "helper", 200, 1));
    let mut folded = Event::new(EventKind::Folded, "loop", 150, 5);
    folded.count = Some(7);
    push(folded);
    for j in 0..30usize {
        let line = 220 + j as u32;
        let (kind, to) = match j % 3 {
            0 => (EventKind::Move, "consume()"),
            1 => (EventKind::Copied, "peek()"),
            _ => (EventKind::Cloned, "keep"),
        };
        let mut m = Event::new(kind, name(j), line, 5);
        m.from = Some(name(j).into());
        m.to = Some(to.into());
        push(m);
    }
    for j in (0..30usize).rev() {
        let kind = if j.is_multiple_of(3) {
            EventKind::OutOfScope
        } else {
            EventKind::Dropped
        };
        push(Event::new(kind, name(j), 299, 1));
    }
    push(Event::new(EventKind::FnExit, "long_function", 1, 1));
    let mut depth = 0u32;
    for (i, e) in ev.iter_mut().enumerate() {
        e.seq = i as u64;
        if e.kind == EventKind::FnEnter {
            depth += 1;
        }
        e.depth = depth - 1;
        if e.kind == EventKind::FnExit {
            depth -= 1;
        }
    }
    trace.events = ev;
    trace.sources = vec![Source {
        function: "long_function".into(),
        file: file.into(),
        first_line: 1,
        text: text.into(),
    }];
    trace
}

#[test]
fn the_large_trace_is_what_it_claims() {
    let t = large_trace();
    assert_eq!(t.sources[0].text.lines().count(), 300);
    assert_eq!(expected_columns(&t), 31);
    assert_eq!(t.of_kind(EventKind::FnEnter).count(), 2);
    assert!(t.events.iter().any(|e| e.var == "param" && e.depth == 1));
    let page = t.to_html();
    // Long names are abbreviated in their heading, in full in its tooltip.
    assert!(page.contains("<title>a_rather_long_variable_name_05 (in long_function)</title>"));
    assert!(page.contains(">a_rat…me_05</text>"));
    assert!(page.contains(">a_rat…me_00</text>"));
}

// ---------------------------------------------------------------------------------------------
// In the browser.

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .map(|n| Path::new("/usr/bin").join(n))
        .find(|p| p.exists())
}

/// Whether the browser tests can run here (else: fail under CI, skip with a notice elsewhere).
fn have_chromium() -> bool {
    if chromium().is_some() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "Chromium is not installed (apt-get install chromium)"
    );
    eprintln!("skipped: Chromium is not installed (apt-get install chromium)");
    false
}

fn dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs Chromium on `url` with `args`; returns (stdout, console messages from its log).
fn browser(args: &[&str], url: &str, profile: &str) -> (String, Vec<String>) {
    let out = Command::new(chromium().unwrap())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir().join(format!("profile-{profile}")).display()
        ))
        .args(args)
        .arg(url)
        .output()
        .expect("chromium runs");
    let console = String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter(|l| l.contains("CONSOLE"))
        .map(str::to_string)
        .collect();
    (String::from_utf8_lossy(&out.stdout).into_owned(), console)
}

/// The page of `trace`, written as `name.html`; its `file://` URL.
fn write_page(trace: &Trace, name: &str) -> String {
    let page = dir().join(format!("{name}.html"));
    std::fs::write(&page, trace.to_html()).unwrap();
    format!("file://{}", page.display())
}

/// The DOM after the page's script ran on `url`, checked for errors and console messages.
fn dom(url: &str, name: &str) -> String {
    let (dom, console) = browser(&["--dump-dom", "--virtual-time-budget=3000"], url, name);
    assert_eq!(
        attr(&dom, "data-ready").as_deref(),
        Some("yes"),
        "{name}: the page's script did not finish:\n{dom:.2000}"
    );
    assert_eq!(attr(&dom, "data-errors"), None, "{name}: script errors");
    assert!(console.is_empty(), "{name}: console messages: {console:?}");
    dom
}

fn screenshot(url: &str, name: &str, extra: &[&str]) -> PathBuf {
    let shot = dir().join(format!("{name}.png"));
    let _ = std::fs::remove_file(&shot);
    let arg = format!("--screenshot={}", shot.display());
    let mut args = vec![
        arg.as_str(),
        "--window-size=1400,900",
        "--virtual-time-budget=3000",
    ];
    args.extend_from_slice(extra);
    browser(&args, url, name);
    assert!(
        shot.metadata().map(|m| m.len() > 10_000).unwrap_or(false),
        "{name}: no screenshot at {}",
        shot.display()
    );
    shot
}

/// The replay log: one line per step,
/// `step|items|boxes|owns|blocks|score|asking|future|refers`.
fn replay(dom: &str) -> Vec<Vec<String>> {
    let start = dom
        .find(r#"<div id="replay" hidden="">"#)
        .expect("replay log")
        + r#"<div id="replay" hidden="">"#.len();
    let log = &dom[start..start + dom[start..].find("</div>").unwrap()];
    log.lines()
        .map(|l| l.split('|').map(unescape).collect())
        .collect()
}

fn keys(k: &[&str]) -> String {
    format!("#keys={}", k.join(","))
}

/// Steps through every event with `j` and compares each step with the second model.
fn check_stepping(trace: &Trace, name: &str) {
    let url = write_page(trace, name);
    let n = trace.events.len();
    let dom = dom(&format!("{url}{}", keys(&vec!["j"; n - 1])), name);
    assert_eq!(attr(&dom, "data-rows"), Some(n.to_string()), "{name}");
    assert_eq!(
        attr(&dom, "data-columns"),
        Some(expected_columns(trace).to_string()),
        "{name}"
    );
    assert_eq!(
        attr(&dom, "data-head-overlaps").as_deref(),
        Some("0"),
        "{name}"
    );
    let calls =
        trace.of_kind(EventKind::FnEnter).count() + trace.of_kind(EventKind::FnExit).count();
    assert_eq!(
        attr(&dom, "data-marks"),
        Some((n - calls).to_string()),
        "{name}: one mark per event but a call's entry and exit"
    );
    let log = replay(&dom);
    let expected = expected_steps(trace);
    assert_eq!(log.len(), n, "{name}: one line per step");
    for (k, (line, want)) in log.iter().zip(&expected).enumerate() {
        assert_eq!(line[0], k.to_string(), "{name}: step");
        let got = Shown {
            items: line[1].clone(),
            boxes: line[2].clone(),
            owns: line[3].clone(),
            blocks: line[4].clone(),
            refers: line[8].clone(),
        };
        assert_eq!(&got, want, "{name}: at step {k} ({:?})", trace.events[k]);
    }
    // The other keys: End, ← and k back, Home, →.
    let dom2 = dom_of_keys(&url, name, &["End", "k", "ArrowLeft", "Home", "ArrowRight"]);
    let steps: Vec<String> = replay(&dom2).iter().map(|l| l[0].clone()).collect();
    let want: Vec<String> = [0, n - 1, n - 2, n - 3, 0, 1]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(steps, want, "{name}");
}

fn dom_of_keys(url: &str, name: &str, k: &[&str]) -> String {
    dom(&format!("{url}{}", keys(k)), name)
}

#[test]
fn stepping_shows_the_state_and_the_diagram_the_events_say() {
    if !have_chromium() {
        return;
    }
    check_stepping(&seed_trace(), "seed_story");
    for (i, trace) in tour_traces().iter().enumerate() {
        let name = format!("tour-{}", i + 1);
        check_stepping(trace, &name);
        // A screenshot of each page, stepped to its middle.
        let url = write_page(trace, &name);
        let mid = vec!["j"; trace.events.len() / 2];
        let shot = screenshot(&format!("{url}{}", keys(&mid)), &name, &[]);
        if i == 2 {
            // The move/clone/copy section inside `takes_ownership`: the README's picture.
            let at = trace
                .events
                .iter()
                .position(|e| e.var == "some_string" && e.kind == EventKind::Borrowed)
                .unwrap();
            screenshot(
                &format!("{url}{}", keys(&vec!["j"; at])),
                "stack-and-heap",
                &[],
            );
            screenshot(
                &format!("{url}{}", keys(&vec!["j"; at])),
                "stack-and-heap-dark",
                &[
                    "--blink-settings=preferredColorScheme=0",
                    "--force-dark-mode",
                ],
            );
        }
        let _ = shot;
    }
}

#[test]
fn an_rc_block_shows_its_owner_count_at_each_step() {
    if !have_chromium() {
        return;
    }
    let (n, trace) = trace_ownership::capture(shared_ownership);
    assert_eq!(n, 3);
    check_stepping(&trace, "rc");
    // Ground truth for the counts the diagram shows: `Rc::strong_count` was 3 before the drops
    // (the function returned it), and the model takes one off per owner dropped.
    let url = write_page(&trace, "rc");
    let log = replay(&dom(
        &format!("{url}{}", keys(&vec!["j"; trace.events.len() - 1])),
        "rc",
    ));
    let at = |kind: EventKind, var: &str| {
        trace
            .events
            .iter()
            .position(|e| e.kind == kind && e.var == var)
            .unwrap()
    };
    let shown = |k: usize| -> Vec<String> {
        log[k][4]
            .split(';')
            .filter_map(|b| b.split_once('=').map(|x| x.1.to_string()))
            .collect()
    };
    // Two heap blocks (the String's buffer and the Rc's shared block) and all three owners
    // point to the same one, the block the heap tracker saw allocated.
    let c = at(EventKind::Bind, "c");
    assert_eq!(log[c][4].split(';').count(), 2, "{:?}", log[c]);
    let owned: Vec<&str> = log[c][3]
        .split(';')
        .map(|o| o.split('>').nth(1).unwrap())
        .collect();
    assert_eq!(owned.len(), 3);
    assert!(owned.iter().all(|o| *o == owned[0]));
    assert!(trace.of_kind(EventKind::Alloc).any(|e| e
        .heap
        .and_then(|h| h.addr)
        .map(|a| a.to_string())
        .as_deref()
        == Some(owned[0])));
    assert_eq!(shown(at(EventKind::Bind, "c")), ["3"]);
    assert_eq!(shown(at(EventKind::Dropped, "a")), ["2"]);
    assert_eq!(shown(at(EventKind::Dropped, "b")), ["1"]);
    // The ledger: each owner's block is that allocation, freed when the last owner, `c`, was.
    let ledger = trace_ownership::render::html::ledger::entries(&trace);
    let freed = trace
        .of_kind(EventKind::Dealloc)
        .find(|e| {
            e.heap
                .and_then(|h| h.addr)
                .map(|a| a.to_string())
                .as_deref()
                == Some(owned[0])
        })
        .unwrap();
    assert_eq!(ledger.len(), 3);
    for e in &ledger {
        assert_eq!(e.addr.to_string(), owned[0], "{e:?}");
        assert_eq!(e.freed_at, Some(freed.line), "{e:?}");
    }
    assert_eq!(
        ledger.iter().map(|e| e.strong).collect::<Vec<_>>(),
        [Some(1), Some(2), Some(3)]
    );
    let dropped = |v| {
        format!(
            "owner dropped (L{})",
            trace.events[at(EventKind::Dropped, v)].line
        )
    };
    assert_eq!(ledger[0].then, [dropped("a")]);
    assert_eq!(ledger[2].then, [dropped("c")]);
    let k = at(EventKind::Bind, "c");
    screenshot(&format!("{url}{}", keys(&vec!["j"; k])), "rc", &[]);
}

#[test]
fn a_large_trace_steps_folds_and_filters() {
    if !have_chromium() {
        return;
    }
    let trace = large_trace();
    check_stepping(&trace, "large");
    let url = write_page(&trace, "large");
    // Folding the nested call keeps its entry row only.
    let folded = dom(&format!("{url}#fold=2"), "large-fold");
    assert_eq!(
        attr(&folded, "data-visible-rows"),
        Some((trace.events.len() - 3).to_string())
    );
    screenshot(&format!("{url}#fold=2"), "large-folded", &[]);
    // The filter keeps the rows about that variable, and every call's entry and exit.
    let v = "a_rather_long_variable_name_05";
    let about = trace
        .events
        .iter()
        .filter(|e| {
            matches!(e.kind, EventKind::FnEnter | EventKind::FnExit)
                || e.var == v
                || e.of.as_deref() == Some(v)
                || e.to.as_deref() == Some(v)
        })
        .count();
    let filtered = dom(&format!("{url}#only={v}"), "large-only");
    assert_eq!(
        attr(&filtered, "data-visible-rows"),
        Some(about.to_string())
    );
    screenshot(&format!("{url}#only={v}"), "large-filtered", &[]);
    screenshot(&url, "large", &[]);
}

#[test]
fn the_quiz_hides_the_next_event_and_scores_the_answers() {
    if !have_chromium() {
        return;
    }
    let trace = &tour_traces()[2];
    let url = format!("{}?quiz", write_page(trace, "quiz"));
    let question = |k: EventKind| {
        matches!(
            k,
            EventKind::Move
                | EventKind::Copied
                | EventKind::Cloned
                | EventKind::Borrowed
                | EventKind::BorrowedMut
                | EventKind::Dropped
                | EventKind::OutOfScope
        )
    };
    let choice = |k: EventKind| match k {
        EventKind::Move => 1,
        EventKind::Copied => 2,
        EventKind::Cloned => 3,
        EventKind::Borrowed => 4,
        EventKind::BorrowedMut => 5,
        EventKind::Dropped => 6,
        _ => 7,
    };
    let qs: Vec<usize> = (0..trace.events.len())
        .filter(|&i| question(trace.events[i].kind))
        .collect();
    let (q1, q2) = (qs[0], qs[1]);
    let right = choice(trace.events[q1].kind).to_string();
    let wrong = (choice(trace.events[q2].kind) % 7 + 1).to_string();
    // Step up to the first question (one more `j` asks it), answer it right; on to the second,
    // answer it wrong.
    let mut k: Vec<String> = vec!["j".into(); q1];
    k.push(right);
    k.extend(vec!["j".to_string(); q2 - q1]);
    k.push(wrong);
    k.push("End".into());
    let k: Vec<&str> = k.iter().map(String::as_str).collect();
    let dom = dom(&format!("{url}{}", keys(&k)), "quiz");
    assert_eq!(attr(&dom, "data-quiz").as_deref(), Some("on"));
    let log = replay(&dom);
    let n = trace.events.len();
    // Before asking: every row after the current one is hidden.
    assert_eq!(log[q1 - 1][0], (q1 - 1).to_string());
    assert_eq!(log[q1 - 1][7], (n - q1).to_string());
    // Asking about q1: the step stays before it, q1's row shows (its kind hidden), the rest not.
    assert_eq!(log[q1][0], (q1 - 1).to_string());
    assert_eq!(log[q1][6], q1.to_string());
    assert_eq!(log[q1][7], (n - q1 - 1).to_string());
    // Answered right: revealed, scored 1 of 1.
    assert_eq!(log[q1 + 1][0], q1.to_string());
    assert_eq!(log[q1 + 1][5], "1/1");
    // The wrong answer to q2: revealed, 1 of 2.
    let after_q2 = q1 + 1 + (q2 - q1) + 1;
    assert_eq!(log[after_q2][0], q2.to_string());
    assert_eq!(log[after_q2][5], "1/2");
    // End runs to the next question and stops there, still 1 of 2.
    let end = log.last().unwrap();
    assert_eq!(end[6], qs[2].to_string());
    assert_eq!(end[5], "1/2");
    // The headings of variables still to come are hidden too.
    let step: usize = end[0].parse().unwrap();
    let to_come = first_rows(trace)
        .iter()
        .filter(|&&r| r > step && r != qs[2])
        .count();
    assert!(to_come > 0);
    assert_eq!(count(&dom, r#"class="col future""#), to_come);
    // The verdict of the wrong answer says what it was, with the event's sentence.
    let upto_wrong = &k[..k.len() - 1];
    let dom = self::dom(&format!("{url}{}", keys(upto_wrong)), "quiz");
    let verdict = dom
        .split(r#"data-verdict="wrong">"#)
        .nth(1)
        .expect("a verdict");
    let sentence = trace_ownership::explain::sentence(&trace.events[q2]);
    assert!(
        unescape(&verdict[..verdict.find('<').unwrap()]).ends_with(&sentence),
        "{verdict}"
    );
    screenshot(&format!("{url}{}", keys(upto_wrong)), "quiz-answered", &[]);
    screenshot(
        &format!("{url}{}", keys(&vec!["j"; q1 + 1])),
        "quiz-asking",
        &[],
    );
}

#[test]
fn hostile_names_stay_text_in_the_browser() {
    if !have_chromium() {
        return;
    }
    let trace = hostile_trace();
    let url = write_page(&trace, "hostile");
    let dom = dom(&format!("{url}{}", keys(&["j", "j"])), "hostile");
    // Nothing from the trace became an element: the page's own three scripts, no image, no
    // second svg document beyond the page's own (head, body, diagram).
    assert_eq!(count(&dom, "<script"), 3);
    assert_eq!(count(&dom, "<img"), 0);
    assert_eq!(count(&dom, "<svg"), 3);
    // The state panel shows the names as text.
    assert!(
        dom.contains(r#"data-var="<script>alert('x')</script>""#)
            || dom.contains("data-var=\"&lt;script&gt;alert('x')&lt;/script&gt;\"")
    );
    let log = replay(&dom);
    assert_eq!(log[2][1], "0/<script>alert('x')</script>=moved");
    screenshot(&format!("{url}{}", keys(&["j", "j"])), "hostile", &[]);
}
