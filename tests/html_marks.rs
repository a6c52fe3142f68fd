//! The HTML picture, checked against what it draws from: the page's rows and marks counted
//! from the trace's JSON (parsed with serde_json, not through the renderer's own types), and a
//! move checked against the program's ground truth (a logging `Drop`), so that a wrong trace (a
//! move drawn as a copy) or a wrong drawing of a right trace fails here, in pure Rust, without a
//! browser. Every string the page takes from the program is hostile in one test.

mod common;
use common::{attr, noisy, real_drops, reset, Noisy};
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

/// Text as the page escaped it, read back.
fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// (x, text) of each `<text class="{class}...` element of `svg`, the text unescaped.
fn texts(svg: &str, class: &str) -> Vec<(f64, String)> {
    svg.split(&format!(r#"<text class="{class}"#))
        .skip(1)
        .map(|t| {
            let x = attr(t, "x").parse().expect("x");
            let body = &t[t.find('>').unwrap() + 1..t.find("</text>").unwrap()];
            (x, unescape(body))
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

#[trace_ownership]
fn long_names_and_a_shadow() -> usize {
    let item_number_01 = noisy("item 1");
    let item_number_02 = item_number_01.clone();
    let measure = &item_number_02;
    let mut total = measure.0.len();
    let s = noisy("a name of exactly forty-six characters at most!!");
    let s = s;
    let w = &mut total;
    *w += s.0.len();
    total + consume(item_number_02) + consume(item_number_01)
}

/// `(x, y)` of a row-local or page element's attributes `ax`, `ay`.
fn point(elem: &str, ax: &str, ay: &str) -> (f64, f64) {
    (
        attr(elem, ax).parse().expect(ax),
        attr(elem, ay).parse().expect(ay),
    )
}

/// The elements `<{tag} class="{class}...` of `svg`: the rest of each, up to its `>`.
fn elems(svg: &str, tag_class: &str) -> Vec<String> {
    svg.split(tag_class)
        .skip(1)
        .map(|e| e[..e.find('>').unwrap_or(e.len())].to_string())
        .collect()
}

/// Checks the drawing of `trace`'s timeline against the trace's JSON and this file's own text.
fn check_drawing(trace: &Trace) {
    let json: serde_json::Value = serde_json::from_str(&trace.to_json()).expect("valid JSON");
    let events = json["events"].as_array().expect("events");
    let n = events.len();
    let kind = |i: usize| events[i]["kind"].as_str().unwrap();
    let str_of = |i: usize, key: &str| events[i][key].as_str();
    let page = trace.to_html();
    let body_at = page.find(r#"<svg class="body""#).unwrap();
    let head = &page[page.find(r#"<svg class="head""#).unwrap()..body_at];
    let body = &page[body_at..page[body_at..].find("</svg>").unwrap() + body_at];
    let svg = format!(" {}", &body[..body.find('>').unwrap()]);
    let (width, height): (f64, f64) = point(&svg, "width", "height");

    // Rows, one per event, stacked from the top, each as high as the next.
    let rows = rows(&page);
    assert_eq!(rows.len(), n);
    let hits = elems(body, r#"<rect class="hit""#);
    let h: f64 = attr(&hits[0], "height").parse().unwrap();
    for (i, row) in rows.iter().enumerate() {
        let row = format!(" {row}");
        assert_eq!(
            attr(&row, "transform"),
            format!("translate(0,{})", i as f64 * h)
        );
        assert_eq!(attr(&hits[i], "height").parse::<f64>().unwrap(), h);
    }
    let row_y = |i: usize| i as f64 * h;
    let centre_y = |i: usize| i as f64 * h + h / 2.0;
    assert!(height >= n as f64 * h, "the last row inside the picture");
    assert!(
        height - n as f64 * h < h,
        "no empty row's room below the last"
    );

    // Frames, from the JSON's calls: the n-th call begun is frame n.
    let (mut stack, mut begun) = (vec![0usize], 0);
    let mut frames = Vec::new();
    let mut calls = Vec::new(); // (frame, first row, last row, depth)
    let mut open = Vec::new();
    for (i, e) in events.iter().enumerate() {
        if kind(i) == "fn_enter" {
            begun += 1;
            stack.push(begun);
            open.push((begun, i, e["depth"].as_u64().unwrap_or(0)));
        }
        frames.push(*stack.last().unwrap());
        if kind(i) == "fn_exit" {
            stack.pop();
            let (f, start, depth) = open.pop().unwrap();
            calls.push((f, start, i, depth));
        }
    }
    // Columns: each variable of each call, in the order first seen.
    let mut columns: Vec<(usize, String)> = Vec::new();
    let mut col_of = vec![None; n];
    for i in 0..n {
        if NO_COLUMN.contains(&kind(i)) {
            continue;
        }
        let key = (frames[i], str_of(i, "var").unwrap().to_string());
        let c = columns.iter().position(|k| *k == key).unwrap_or_else(|| {
            columns.push(key.clone());
            columns.len() - 1
        });
        col_of[i] = Some(c);
    }
    let heads: Vec<String> = elems(head, r#"<g class="col""#);
    assert_eq!(heads.len(), columns.len());
    let head_texts: Vec<(f64, String)> = head
        .split(r#"<g class="col""#)
        .skip(1)
        .map(|g| {
            let t = &g[g.find("<text ").unwrap()..];
            let x = attr(&format!(" {t}"), "x").parse().unwrap();
            (
                x,
                t[t.find('>').unwrap() + 1..t.find("</text>").unwrap()].to_string(),
            )
        })
        .collect();
    let centre = |c: usize| head_texts[c].0;
    let column = centre(1) - centre(0);
    for c in 1..columns.len() {
        assert_eq!(centre(c) - centre(c - 1), column, "columns side by side");
    }
    let right_of_columns = centre(columns.len() - 1) + column / 2.0;
    assert!(
        right_of_columns <= width,
        "the last column inside the picture"
    );
    assert!(
        width - right_of_columns <= 2.0 * column,
        "no wide empty room on the right"
    );

    // Headings: a name that fits (11 characters) whole; a longer one as its start and its end
    // around `…`, the start taking the odd character; two names never the same heading.
    for (c, (_, name)) in columns.iter().enumerate() {
        let shown = &head_texts[c].1;
        let chars: Vec<char> = name.chars().collect();
        let want = if chars.len() <= 11 {
            name.clone()
        } else {
            let start: String = chars[..5].iter().collect();
            let end: String = chars[chars.len() - 5..].iter().collect();
            format!("{start}…{end}")
        };
        assert_eq!(shown, &want, "heading of `{name}`");
        assert_eq!(attr(&heads[c], "data-name"), name);
        let first = col_of.iter().position(|x| *x == Some(c)).unwrap();
        assert_eq!(attr(&heads[c], "data-first"), first.to_string(), "`{name}`");
    }
    let mut shown: Vec<&String> = head_texts.iter().map(|t| &t.1).collect();
    let mut names: Vec<&String> = columns.iter().map(|c| &c.1).collect();
    shown.sort();
    shown.dedup();
    names.sort();
    names.dedup();
    assert_eq!(shown.len(), names.len(), "two names with one heading");

    // Lifelines: from a column's first event to its last, down its middle; a value moved away
    // (its last event `out_of_scope`) drawn as such.
    let lives = elems(body, r#"<line class="life"#);
    assert_eq!(lives.len(), columns.len());
    for (c, life) in lives.iter().enumerate() {
        let of_c: Vec<usize> = (0..n).filter(|&i| col_of[i] == Some(c)).collect();
        let (first, last) = (of_c[0], *of_c.last().unwrap());
        assert_eq!(attr(life, "data-col"), c.to_string());
        assert_eq!(
            (attr(life, "data-r1"), attr(life, "data-r2")),
            (first.to_string().as_str(), last.to_string().as_str())
        );
        assert_eq!(point(life, "x1", "y1"), (centre(c), centre_y(first)));
        assert_eq!(point(life, "x2", "y2"), (centre(c), centre_y(last)));
        let moved = life.starts_with(r#" moved""#);
        assert_eq!(moved, kind(last) == "out_of_scope", "{life}");
    }

    // Borrows: from each borrow to its end, beside the borrowed variable's lifeline.
    let mut pending = std::collections::HashMap::new();
    let mut want_borrows = Vec::new();
    for (i, col) in col_of.iter().enumerate() {
        let key = (
            str_of(i, "of").or(str_of(i, "var")).unwrap().to_string(),
            str_of(i, "to").unwrap_or("").to_string(),
        );
        match kind(i) {
            "borrow" | "borrow_mut" => {
                pending.insert(key, (i, kind(i) == "borrow_mut"));
            }
            "borrow_end" => {
                if let Some((start, mutable)) = pending.remove(&key) {
                    want_borrows.push((col.unwrap(), start, i, mutable));
                }
            }
            _ => {}
        }
    }
    assert!(want_borrows.iter().any(|b| b.3) && want_borrows.iter().any(|b| !b.3));
    let borrows = elems(body, r#"<line class="borrow"#);
    assert_eq!(borrows.len(), want_borrows.len());
    for (line, &(c, start, end, mutable)) in borrows.iter().zip(&want_borrows) {
        assert_eq!(line.starts_with(r#" mut""#), mutable, "{line}");
        assert_eq!(attr(line, "data-col"), c.to_string());
        assert_eq!(attr(line, "data-r1"), start.to_string());
        assert_eq!(attr(line, "data-r2"), end.to_string());
        let (x1, y1) = point(line, "x1", "y1");
        let (x2, y2) = point(line, "x2", "y2");
        assert_eq!((y1, y2, x1), (centre_y(start), centre_y(end), x2));
        assert!(
            centre(c) < x1 && x1 < centre(c) + column / 2.0,
            "beside `{c}`: {line}"
        );
    }

    // Calls: each a frame over its rows, inside its caller's, indented; a nested one has a
    // toggle on its first row, over the columns.
    let rects = elems(body, r#"<rect class="frame"#);
    calls.sort_by_key(|c| c.1);
    assert_eq!(rects.len(), calls.len());
    let mut toggles = elems(body, r#"<text class="frame-toggle""#).into_iter();
    let mut boxes: Vec<(usize, usize, f64, f64)> = Vec::new(); // (first, last, left, right)
    for (rect, &(f, start, end, depth)) in rects.iter().zip(&calls) {
        assert!(rect.starts_with(&format!(r#" d{}""#, depth % 3)), "{rect}");
        assert_eq!(attr(rect, "data-frame"), f.to_string());
        assert_eq!(attr(rect, "data-r1"), start.to_string());
        assert_eq!(attr(rect, "data-r2"), end.to_string());
        let (x, y) = point(rect, "x", "y");
        let (w, hh) = point(rect, "width", "height");
        assert_eq!((y, hh), (row_y(start), row_y(end) + h - row_y(start)));
        // A border (1 px, centred on the outline) wholly inside the picture; a nested frame's
        // apart from its caller's by at least the corners' radius, so both show.
        assert!(x >= 0.5 && x + w <= width - 0.5, "{rect}");
        let radius: f64 = attr(rect, "rx").parse().unwrap();
        if let Some(caller) = boxes.iter().rev().find(|b| b.0 < start && end < b.1) {
            assert!(
                caller.2 + radius <= x && x + w <= caller.3,
                "{rect} inside its caller's"
            );
        }
        boxes.push((start, end, x, x + w));
        if depth > 0 {
            let t = toggles.next().expect("a toggle for a nested call");
            assert_eq!(attr(&t, "data-frame"), f.to_string());
            assert_eq!(attr(&t, "data-r1"), start.to_string());
            let (tx, ty) = point(&t, "x", "y");
            assert!(row_y(start) < ty && ty <= row_y(start) + h, "{t}");
            assert!(tx >= centre(0) - column / 2.0, "{t}");
        }
    }
    assert!(toggles.next().is_none(), "a toggle for an outermost call");

    // Each row's code is its line's, as written in this file, cut with `…` past 46 characters;
    // each row's mark is in its row, on its column, and an arrow goes to where the value went.
    let file: Vec<&str> = include_str!("html_marks.rs").lines().collect();
    let mut shown_code = 0;
    for (i, row) in rows.iter().enumerate() {
        if let Some(t) = elems(row, r#"<text class="code""#).first() {
            let line = events[i]["line"].as_u64().unwrap() as usize;
            let text: String = file[line - 1].trim().chars().collect();
            let want = if text.chars().count() <= 46 {
                text
            } else {
                text.chars().take(45).chain(['…']).collect()
            };
            let at = row.find(r#"<text class="code""#).unwrap();
            let got = &row[at..];
            let got = &got[got.find('>').unwrap() + 1..got.find("</text>").unwrap()];
            let got = unescape(got);
            assert_eq!(got, want, "row {i}, line {line} ({t})");
            shown_code += 1;
        }
        for m in elems(row, r#"class="mark"#) {
            for (ax, ay) in [("cx", "cy"), ("x1", "y1"), ("x2", "y2"), ("x", "y")] {
                if m.contains(&format!(" {ay}=\"")) {
                    let (x, y) = point(&m, ax, ay);
                    assert!(
                        (0.0..=h).contains(&y) && (0.0..=width).contains(&x),
                        "row {i}: {m}"
                    );
                }
            }
            if m.starts_with(" bind\"") || m.starts_with(" gone\"") {
                assert_eq!(point(&m, "cx", "cy"), (centre(col_of[i].unwrap()), h / 2.0));
            }
            if m.starts_with(" arrow") {
                let from = col_of[i].unwrap();
                let to = str_of(i, "to").and_then(|to| {
                    columns
                        .iter()
                        .position(|k| k.0 == frames[i] && k.1 == to)
                        .filter(|&t| t != from)
                });
                let (x1, x2) = (point(&m, "x1", "y1").0, point(&m, "x2", "y2").0);
                assert_eq!(x1, centre(from), "{m}");
                match to {
                    Some(t) => {
                        assert_eq!(x2, centre(t), "row {i}: to its column: {m}");
                        assert!(!row.contains(r#"<text class="to""#), "row {i}");
                    }
                    None => {
                        assert!(x2 >= right_of_columns, "row {i}: right of the columns: {m}");
                        let label = elems(row, r#"<text class="to""#);
                        assert_eq!(label.len(), 1, "row {i}: the target named");
                        let (lx, _) = point(&label[0], "x", "y");
                        let to = str_of(i, "to").unwrap();
                        let end = lx + to.chars().count().min(20) as f64 * 0.602 * 12.0;
                        assert!(lx > x2 && end <= width + 1.0, "row {i}: {}", label[0]);
                    }
                }
            }
        }
    }
    assert!(shown_code > 0);
}

const NO_COLUMN: [&str; 6] = [
    "fn_enter", "fn_exit", "folded", "alloc", "dealloc", "realloc",
];

/// The timeline's drawing, element by element, against the JSON of the trace it draws and the
/// lines of this file: rows, columns and their headings, lifelines, borrows, call frames and
/// their toggles, each row's code and marks, arrows to where each value went (to a value's own
/// column when it is shadowed, `let s = s;`, the arrow goes right, to the name).
#[test]
fn the_drawing_follows_the_trace_row_by_row() {
    let (_, trace) = trace_ownership::capture(every_kind);
    check_drawing(&trace);
    let (_, trace) = trace_ownership::capture(long_names_and_a_shadow);
    let shadow = trace
        .events
        .iter()
        .find(|e| e.kind == EventKind::Move && e.var == "s" && e.to.as_deref() == Some("s"));
    assert!(shadow.is_some(), "`let s = s;` moves `s` into `s`\n{trace}");
    check_drawing(&trace);
}

/// The page's script reads the trace from the JSON embedded in the page: it is the trace's
/// JSON, value for value (`<`, `>` and `&` written as `\u` escapes, so that a hostile string
/// cannot end the `<script>` element).
#[test]
fn the_page_embeds_the_traces_own_json() {
    let (_, trace) = trace_ownership::capture(long_names_and_a_shadow);
    let mut trace = trace;
    trace.thread = "</script><b>&".into();
    let page = trace.to_html();
    let open = r#"<script type="application/json" id="trace-json">"#;
    let at = page.find(open).expect("the embedded JSON") + open.len();
    let embedded = &page[at..at + page[at..].find("</script>").unwrap()];
    assert!(!embedded.contains(['<', '>', '&']), "{embedded}");
    let embedded: serde_json::Value = serde_json::from_str(embedded).expect("valid JSON");
    let own: serde_json::Value = serde_json::from_str(&trace.to_json()).unwrap();
    assert_eq!(embedded, own);
    assert_eq!(embedded["thread"], "</script><b>&");
}

/// The code panes: each embedded source, line by line, numbered from its first line, its text
/// as embedded; the lines where loop iterations were folded say how many (the folded events'
/// counts on that line, from the JSON), and no other line says anything of folding.
#[test]
fn the_code_panes_number_each_line_and_say_where_iterations_were_folded() {
    let (_, trace) = trace_ownership::capture(every_kind);
    let json: serde_json::Value = serde_json::from_str(&trace.to_json()).expect("valid JSON");
    let page = trace.to_html();
    let sources = json["sources"].as_array().expect("sources");
    assert!(!sources.is_empty());
    let mut folded_lines = 0;
    for (k, src) in sources.iter().enumerate() {
        let open = format!(r#"<div class="src" data-src="{k}" data-fn=""#);
        let at = page.find(&open).unwrap_or_else(|| panic!("pane {k}"));
        let pane = &page[at..at + page[at..].find("</pre></div>").unwrap()];
        assert!(pane.contains(&format!(
            r#"data-fn="{}">"#,
            src["function"].as_str().unwrap()
        )));
        let first = src["first_line"].as_u64().unwrap();
        let lines: Vec<&str> = pane.split(r#"<span class="src-line""#).skip(1).collect();
        let text: Vec<&str> = src["text"].as_str().unwrap().lines().collect();
        assert_eq!(lines.len(), text.len(), "pane {k}");
        for (j, (line, want)) in lines.iter().zip(&text).enumerate() {
            let n = first + j as u64;
            let head = format!(r#" data-line="{n}"><span class="ln">{n}</span>"#);
            assert!(line.starts_with(&head), "{line}");
            let rest = &line[head.len()..];
            let (code, note) = match rest.find(r#"<span class="fold-note""#) {
                Some(i) => (&rest[..i], Some(&rest[i..])),
                None => (&rest[..rest.rfind("</span>").unwrap()], None),
            };
            assert_eq!(unescape(code), *want, "line {n}");
            let folded: u64 = json["events"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|e| e["kind"] == "folded" && e["line"].as_u64() == Some(n))
                .map(|e| e["count"].as_u64().unwrap())
                .sum();
            match note {
                Some(note) => {
                    assert!(folded > 0, "line {n}: a note, nothing folded there: {note}");
                    let times = if folded == 1 { "time" } else { "times" };
                    assert!(
                        note.contains(&format!("⟳ {folded} more {times} folded</span>")),
                        "line {n}: {note}"
                    );
                    folded_lines += 1;
                }
                None => assert_eq!(folded, 0, "line {n} says nothing of its folding"),
            }
        }
    }
    assert!(folded_lines > 0, "the loop's line says it was folded");
}
