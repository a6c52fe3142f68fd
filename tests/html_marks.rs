//! The HTML picture, checked against what it draws from: the page's rows and marks counted
//! from the trace's JSON (parsed with serde_json, not through the renderer's own types), and a
//! move checked against the program's ground truth (a logging `Drop`), so that a wrong trace (a
//! move drawn as a copy) or a wrong drawing of a right trace fails here, in pure Rust, without a
//! browser. Every string the page takes from the program is hostile in one test.

mod common;
use common::{noisy, real_drops, reset, Noisy};
use trace_ownership::{trace_ownership, Event, EventKind, Source, Trace};

/// The `<g class="row" ...>` elements of a page, in order.
fn rows(page: &str) -> Vec<&str> {
    page.split(r#"<g class="row""#).skip(1).collect()
}

fn count(hay: &str, needle: &str) -> usize {
    hay.matches(needle).count()
}

#[trace_ownership]
fn consume(n: Noisy) -> usize {
    n.0.len()
}

#[trace_ownership]
fn every_kind() -> usize {
    let s = noisy("s");
    let t = s;
    let c = t.clone();
    let k = 5;
    let j = k;
    let r = &c;
    let mut m = noisy("m");
    let w = &mut m;
    w.0.push('!');
    let mut total = r.0.len() + j;
    for i in 0..6 {
        total += i;
    }
    total + consume(t)
}

/// Each event of the JSON has its row, in order, of its kind; each kind's mark is drawn as
/// often as the JSON has events of that kind.
#[test]
fn every_event_has_its_row_and_its_mark_as_the_json_counts_them() {
    let (_, trace) = trace_ownership::capture(every_kind);
    let json: serde_json::Value = serde_json::from_str(&trace.to_json()).expect("valid JSON");
    let kinds: Vec<String> = json["events"]
        .as_array()
        .expect("events")
        .iter()
        .map(|e| e["kind"].as_str().expect("kind").to_string())
        .collect();
    let of_kind = |k: &str| kinds.iter().filter(|x| *x == k).count();
    // The program has each of these at least once (else the counts below prove little).
    for k in [
        "bind",
        "move",
        "copy",
        "clone",
        "borrow",
        "borrow_mut",
        "borrow_end",
        "drop",
        "out_of_scope",
        "folded",
    ] {
        assert!(of_kind(k) > 0, "no `{k}` event in\n{trace}");
    }

    let page = trace.to_html();
    let rows = rows(&page);
    assert_eq!(rows.len(), kinds.len(), "one row per event");
    for (i, (row, kind)) in rows.iter().zip(&kinds).enumerate() {
        assert!(
            row.starts_with(&format!(
                r#" data-row="{i}" data-seq="{i}" data-kind="{kind}""#
            )),
            "row {i} is not the `{kind}` event: {}",
            &row[..row.len().min(120)]
        );
    }
    let marks = [
        ("move", r#"class="mark arrow move""#),
        ("copy", r#"class="mark arrow copy""#),
        ("clone", r#"class="mark arrow clone""#),
        ("maybe_move", r#"class="mark arrow maybe""#),
        ("drop", r#"class="mark drop""#),
        ("out_of_scope", r#"class="mark gone""#),
        ("borrow", r#"class="mark borrow-start""#),
        ("borrow_mut", r#"class="mark borrow-start mut""#),
        ("borrow_end", r#"class="mark borrow-end""#),
        ("folded", r#"class="mark folded""#),
    ];
    for (kind, mark) in marks {
        assert_eq!(
            count(&page, mark),
            of_kind(kind),
            "`{mark}` drawn as often as the JSON has `{kind}` events"
        );
    }
    assert_eq!(
        count(&page, r#"class="mark bind""#),
        of_kind("bind") + of_kind("assign")
    );
}

#[trace_ownership]
fn moves_into_a_call() {
    let s = noisy("s");
    consume(s);
    drop(noisy("after the call"));
}

/// `consume(s)` moves `s`: the program's own `Drop` log shows `s` dropped inside the call
/// (before the value made after it). The page draws that row as a move, never as a copy, and
/// the drop of `n` (the moved value) inside `consume`'s frame.
#[test]
fn a_move_the_drop_log_proves_is_drawn_as_a_move() {
    reset();
    let (_, trace) = trace_ownership::capture(moves_into_a_call);
    let real: Vec<String> = real_drops().into_iter().map(|(l, _)| l).collect();
    assert_eq!(
        real,
        ["s", "after the call"],
        "ground truth: `s` freed by the call"
    );
    let page = trace.to_html();
    let rows = rows(&page);
    let (i, mv) = trace
        .events
        .iter()
        .enumerate()
        .find(|(_, e)| e.var == "s" && e.kind != EventKind::Bind)
        .expect("what happened to `s`");
    assert_eq!(mv.kind, EventKind::Move, "{trace}");
    assert!(
        rows[i].contains(r#"class="mark arrow move""#),
        "{}",
        rows[i]
    );
    assert!(!page.contains(r#"class="mark arrow copy""#));
    let (j, _) = trace
        .events
        .iter()
        .enumerate()
        .find(|(_, e)| e.kind == EventKind::Dropped && e.var == "n")
        .expect("the moved value dropped in `consume`");
    let enter = trace
        .events
        .iter()
        .position(|e| e.kind == EventKind::FnEnter && e.var == "consume")
        .expect("consume's frame");
    let frame = |row: &str| {
        let key = r#"data-frame=""#;
        let at = row.find(key).expect("data-frame") + key.len();
        row[at..at + row[at..].find('"').unwrap()].to_string()
    };
    assert_eq!(
        frame(rows[j]),
        frame(rows[enter]),
        "the drop is in `consume`'s frame"
    );
    assert_ne!(frame(rows[j]), frame(rows[0]), "not in the caller's");
}

/// Every string the page takes from the program or the trace, hostile at once: function and
/// frame names (of a nested frame too, which gets a fold toggle), file, thread, variable,
/// `from`/`to`/`of`, type, detail and the embedded source. None of it may become markup.
#[test]
fn every_program_string_is_escaped_frame_names_included() {
    let evil = |tag: &str| format!("{tag}</script><img src=x onerror=alert('{tag}')>\"&");
    let mut trace = Trace::new(evil("outer"), evil("file"));
    trace.thread = evil("thread");
    let mut push = |kind, var: String, depth: u32, f: &dyn Fn(&mut Event)| {
        let mut e = Event::new(kind, var, 2, 5);
        e.depth = depth;
        f(&mut e);
        trace.events.push(e);
    };
    push(EventKind::FnEnter, evil("outer"), 0, &|_| {});
    push(EventKind::Bind, evil("var"), 0, &|e| {
        e.ty = Some(evil("type").into());
        e.detail = Some(evil("detail").into());
    });
    push(EventKind::Borrowed, evil("var"), 0, &|e| {
        e.of = Some(evil("var").into());
        e.to = Some(evil("holder").into());
    });
    push(EventKind::FnEnter, evil("inner"), 1, &|_| {});
    push(EventKind::Move, evil("var"), 1, &|e| {
        e.from = Some(evil("var").into());
        e.to = Some(evil("to").into());
    });
    push(EventKind::FnExit, evil("inner"), 1, &|_| {});
    push(EventKind::FnExit, evil("outer"), 0, &|_| {});
    for (i, e) in trace.events.iter_mut().enumerate() {
        e.seq = i as u64;
    }
    trace.sources = vec![Source {
        function: evil("outer").into(),
        file: evil("file").into(),
        first_line: 1,
        text: format!("fn f() {{\n    let x = \"{}\";\n}}\n", evil("source")).into(),
    }];
    let page = trace.to_html();
    for raw in ["<img", "</script><img", ")>\""] {
        assert!(!page.contains(raw), "unescaped `{raw}` in the page");
    }
    // The page's own script elements only.
    assert_eq!(count(&page, "<script"), count(&page, "</script>"));
    assert_eq!(
        count(&page, "<script"),
        3,
        "the page's three script elements"
    );
    // The nested frame's name is shown (its toggle and its frame's title), escaped.
    assert!(page.contains(r#"class="frame-toggle""#));
    assert!(page.contains("call of inner&lt;/script&gt;&lt;img"));
}

/// The value of attribute `name` in the element text `elem` (the first one).
fn attr<'p>(elem: &'p str, name: &str) -> &'p str {
    let key = format!(" {name}=\"");
    let at = elem
        .find(&key)
        .unwrap_or_else(|| panic!("no {name} in {elem}"))
        + key.len();
    &elem[at..at + elem[at..].find('"').expect("closing quote")]
}

/// (x, text) of each `<text class="{class}...` element of `svg`, the text unescaped.
fn texts(svg: &str, class: &str) -> Vec<(f64, String)> {
    svg.split(&format!(r#"<text class="{class}"#))
        .skip(1)
        .map(|t| {
            let x = attr(t, "x").parse().expect("x");
            let body = &t[t.find('>').unwrap() + 1..t.find("</text>").unwrap()];
            let text = body
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
            (x, text)
        })
        .collect()
}

/// The timeline's left part, read from the page: the line's code, then the event's kind, then
/// the variables' columns, side by side. Its text is set by the page's CSS in a monospace font
/// (`svg text { font: 12px ui-monospace, monospace }`), whose characters are about 0.6 em wide
/// (DejaVu Sans Mono, Liberation Mono, Menlo: 0.600-0.602 em). On every row the code ends
/// before the kind starts and the kind before the first column; no gap between them is as
/// wide as a column.
#[test]
fn code_kind_and_columns_sit_side_by_side_without_overlap_or_wide_gaps() {
    let (_, trace) = trace_ownership::capture(every_kind);
    let page = trace.to_html();
    let rule = "svg text { font: ";
    let at = page.find(rule).expect("the svg text rule") + rule.len();
    let size: f64 = page[at..at + page[at..].find("px").unwrap()]
        .parse()
        .unwrap();
    let css = &page[at..at + page[at..].find('}').unwrap()];
    assert!(css.contains("monospace"), "{css}");
    let advance = 0.602 * size;
    let width = |s: &str| s.chars().count() as f64 * advance;

    let body = &page[page.find(r#"<svg class="body""#).unwrap()..];
    let head = &page
        [page.find(r#"<svg class="head""#).unwrap()..page.find(r#"<svg class="body""#).unwrap()];
    // Column centres, from the headings; a column is as wide as the step between two.
    let centres: Vec<f64> = head
        .split(r#"<g class="col""#)
        .skip(1)
        .map(|g| {
            let t = &g[g.find("<text ").unwrap()..];
            attr(t, "x").parse().unwrap()
        })
        .collect();
    assert!(centres.len() >= 2, "{trace}");
    let column = centres[1] - centres[0];
    let first_column_left = centres[0] - column / 2.0;

    let code = texts(body, "code");
    let kinds = texts(body, "kind");
    assert_eq!(kinds.len(), trace.events.len());
    assert!(!code.is_empty());
    let kind_x = kinds[0].0;
    assert!(kinds.iter().all(|k| k.0 == kind_x), "one kind column");
    let code_end = code
        .iter()
        .map(|(x, text)| x + width(text))
        .fold(0.0, f64::max);
    let kind_end = kinds
        .iter()
        .map(|(x, text)| x + width(text))
        .fold(0.0, f64::max);
    assert!(
        code_end <= kind_x,
        "code (to {code_end}) overlaps the kinds (from {kind_x})"
    );
    assert!(
        kind_end <= first_column_left,
        "kinds (to {kind_end}) overlap the first column (from {first_column_left})"
    );
    assert!(
        kind_x - code_end < column,
        "a gap of {} between the code and the kinds",
        kind_x - code_end
    );
    assert!(
        first_column_left - kind_end < column,
        "a gap of {} between the kinds and the first column",
        first_column_left - kind_end
    );
}

/// A trace whose first events are inside a call whose entry it does not hold (a trace built by
/// hand, or read back from another tool's JSON): the page is drawn, each exit without its
/// entry closes no frame, and the events after it are outside any call.
#[test]
fn an_exit_without_its_entry_closes_no_frame() {
    let mut trace = Trace::new("outer".to_string(), "src/main.rs".to_string());
    for (i, (kind, var)) in [
        (EventKind::Bind, "x"),
        (EventKind::FnExit, "inner"),
        (EventKind::Dropped, "x"),
        (EventKind::FnExit, "outer"),
        (EventKind::Bind, "y"),
    ]
    .into_iter()
    .enumerate()
    {
        let mut e = Event::new(kind, var.to_string(), 2 + i as u32, 5);
        e.seq = i as u64;
        trace.events.push(e);
    }
    let page = trace.to_html();
    let rows = rows(&page);
    assert_eq!(rows.len(), 5);
    for row in rows {
        let row = format!(" {row}");
        assert_eq!(attr(&row, "data-frame"), "0", "{row}");
        assert_eq!(attr(&row, "data-path"), "", "{row}");
    }
}
