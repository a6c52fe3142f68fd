//! The page's heap ledger and its columns, with the heap tracker installed, checked against
//! the program's own ground truth: the addresses its values report (`as_ptr`), their
//! capacities, and the lines of its statements (`line!()`); and the page's columns and rows
//! against the trace's JSON (parsed with serde_json, not through the renderer's types), read
//! as text, without a browser.

mod common;
use common::attr;
use trace_ownership::trace_ownership;

#[global_allocator]
static HEAP: trace_ownership::HeapTracker = trace_ownership::HeapTracker::new();

/// What the program saw of its own values and lines.
struct Truth {
    a_addr: usize,
    b_addr: usize,
    b_grown: usize,
    b_bytes: usize,
    grow_line: u32,
    drop_a_line: u32,
    move_line: u32,
    drop_c_line: u32,
}

#[trace_ownership]
fn double(n: u64) -> u64 {
    n * 2
}

#[trace_ownership]
fn spelled(n: usize) -> usize {
    let word = String::from("spelled");
    word.len() + n
}

#[trace_ownership]
fn two_owners_and_a_move() -> Truth {
    let a = String::from("first block");
    let a_addr = a.as_ptr() as usize;
    let mut b: Vec<u64> = Vec::with_capacity(1);
    let b_addr = b.as_ptr() as usize;
    b.push(1);
    let grow_line = line!() + 1;
    b.push(2);
    let b_grown = b.as_ptr() as usize;
    let b_bytes = b.capacity() * std::mem::size_of::<u64>();
    let drop_a_line = line!() + 1;
    drop(a);
    let move_line = line!() + 1;
    let c = b;
    let mut total = 0;
    for i in 0..6 {
        total += double(i);
    }
    let _ = total;
    let _ = spelled(1);
    let drop_c_line = line!() + 1;
    drop(c);
    Truth {
        a_addr,
        b_addr,
        b_grown,
        b_bytes,
        grow_line,
        drop_a_line,
        move_line,
        drop_c_line,
    }
}

/// The ledger's rows as the page writes them: (`data-var`, `data-addr`, `data-freed`, the
/// text of each cell).
fn ledger_rows(page: &str) -> Vec<(String, String, String, Vec<String>)> {
    let section = &page[page
        .find(r#"<section id="ledger">"#)
        .expect("ledger section")..];
    section
        .split("<tr data-var=")
        .skip(1)
        .map(|tr| {
            let tr = &tr[..tr.find("</tr>").expect("row end")];
            let tr = format!(" data-var={tr}");
            let cells = tr
                .split("<td>")
                .skip(1)
                .map(|c| {
                    c.trim_end_matches("</td>")
                        .replace("<code>", "")
                        .replace("</code>", "")
                })
                .collect();
            (
                attr(&tr, "data-var").to_string(),
                attr(&tr, "data-addr").to_string(),
                attr(&tr, "data-freed").to_string(),
                cells,
            )
        })
        .collect()
}

/// Each owner of a heap block has its row, with the block's real address and size, what
/// became of it and the line the heap tracker saw it freed:
/// - `a` owned its 11 bytes until `drop(a)`; `b` growing meanwhile is not `a`'s;
/// - `b` owned 8 bytes (capacity 1), grew them on its second `push` to what its capacity
///   says, and moved the block to `c`; the block was freed where `c` was dropped, not where
///   `a`'s was;
/// - `c` owned the grown block from the move until `drop(c)`;
/// - `word`, in the call of `spelled`, is that function's; the owners after the call are the
///   caller's again.
#[test]
fn the_ledger_gives_each_owner_its_own_block_growth_and_free() {
    let (t, trace) = trace_ownership::capture(two_owners_and_a_move);
    assert!(trace.heap_tracker);
    let page = trace.to_html();
    let line_of = |needle: &str| {
        include_str!("html_heap.rs")
            .lines()
            .position(|l| l.trim() == needle)
            .unwrap_or_else(|| panic!("`{needle}` in this file")) as u32
            + 1
    };
    let (let_a, let_b) = (
        line_of(r#"let a = String::from("first block");"#),
        line_of("let mut b: Vec<u64> = Vec::with_capacity(1);"),
    );
    let expected = [
        (
            "a",
            t.a_addr,
            t.drop_a_line,
            vec![
                "a".to_string(),
                "two_owners_and_a_move".to_string(),
                format!("11 bytes at {:#x}", t.a_addr),
                format!("line {let_a}"),
                format!("owner dropped (L{})", t.drop_a_line),
                format!("at line {}", t.drop_a_line),
            ],
        ),
        (
            "b",
            t.b_addr,
            t.drop_c_line,
            vec![
                "b".to_string(),
                "two_owners_and_a_move".to_string(),
                format!("8 bytes at {:#x}", t.b_addr),
                format!("line {let_b}"),
                format!(
                    "grew to {} bytes (L{}); moved to `c` (L{})",
                    t.b_bytes, t.grow_line, t.move_line
                ),
                format!("at line {}", t.drop_c_line),
            ],
        ),
        (
            "c",
            t.b_grown,
            t.drop_c_line,
            vec![
                "c".to_string(),
                "two_owners_and_a_move".to_string(),
                format!("{} bytes at {:#x}", t.b_bytes, t.b_grown),
                format!("line {}", t.move_line),
                format!("owner dropped (L{})", t.drop_c_line),
                format!("at line {}", t.drop_c_line),
            ],
        ),
    ];
    let mut rows = ledger_rows(&page);
    // `word`, the one owner of `spelled`, bound after `c`: its row says it is `spelled`'s.
    let word = rows.pop().expect("a row for `word`");
    assert_eq!(word.0, "word", "{rows:?}\n{trace}");
    assert_eq!(word.3[1], "spelled", "{word:?}");
    assert!(
        word.3[2].starts_with("7 bytes at "),
        "\"spelled\": {word:?}"
    );
    assert_eq!(
        rows.len(),
        expected.len(),
        "one row per owner: {rows:?}\n{trace}"
    );
    for (row, (var, addr, freed, cells)) in rows.iter().zip(&expected) {
        assert_eq!(
            (row.0.as_str(), row.1.as_str(), row.2.as_str()),
            (*var, addr.to_string().as_str(), freed.to_string().as_str()),
            "{row:?}\n{trace}"
        );
        assert_eq!(&row.3, cells, "{trace}");
    }
    assert_eq!(
        t.b_bytes, 32,
        "capacity 1 grows to 4 u64s (std's growth rule)"
    );
}

const NO_COLUMN: [&str; 6] = [
    "fn_enter", "fn_exit", "folded", "alloc", "dealloc", "realloc",
];

/// A column per variable of each call, and nothing else: no column for a call's entry or exit
/// (their `var` is the function), a folded loop (`loop`) or the heap tracker's events. Each
/// row's `data-vars` (what the filter by variable reads) names the event's own variable only
/// if it is one, then what it borrows, where its value goes and where it came from; each row
/// is in the frame of the call it happened in, frames numbered in the order the calls began;
/// the heap tracker's events are marked on their rows.
#[test]
fn columns_are_variables_and_rows_name_only_variables() {
    let (_, trace) = trace_ownership::capture(two_owners_and_a_move);
    let json: serde_json::Value = serde_json::from_str(&trace.to_json()).expect("valid JSON");
    let events = json["events"].as_array().expect("events");
    let kinds: Vec<&str> = events.iter().map(|e| e["kind"].as_str().unwrap()).collect();
    for k in NO_COLUMN {
        assert!(kinds.contains(&k), "no `{k}` event in\n{trace}");
    }
    let page = trace.to_html();

    // Frames, from the JSON's calls: the n-th call begun is frame n.
    let (mut stack, mut begun) = (vec![0usize], 0);
    let mut frames = Vec::new();
    for k in &kinds {
        if *k == "fn_enter" {
            begun += 1;
            stack.push(begun);
        }
        frames.push(*stack.last().unwrap());
        if *k == "fn_exit" {
            stack.pop();
        }
    }
    assert!(
        begun >= 2,
        "the function and a call of `double` in it\n{trace}"
    );

    let rows: Vec<&str> = page.split(r#"<g class="row""#).skip(1).collect();
    assert_eq!(rows.len(), events.len());
    let mut columns: Vec<(usize, String)> = Vec::new();
    for (i, (row, e)) in rows.iter().zip(events).enumerate() {
        let kind = kinds[i];
        let mut vars: Vec<&str> = Vec::new();
        if !NO_COLUMN.contains(&kind) {
            let var = e["var"].as_str().unwrap();
            vars.push(var);
            if !columns.contains(&(frames[i], var.to_string())) {
                columns.push((frames[i], var.to_string()));
            }
        }
        for key in ["of", "to", "from"] {
            if let Some(x) = e[key].as_str() {
                if !vars.contains(&x) {
                    vars.push(x);
                }
            }
        }
        let row = format!(" {row}");
        assert_eq!(attr(&row, "data-kind"), kind);
        assert_eq!(attr(&row, "data-vars"), vars.join(" "), "row {i} ({kind})");
        assert_eq!(attr(&row, "data-frame"), frames[i].to_string(), "row {i}");
    }
    let head: Vec<(usize, String)> = page
        .split(r#"<g class="col""#)
        .skip(1)
        .map(|g| {
            let g = format!(" {g}");
            let frame = attr(&g, "data-frame").parse().unwrap();
            (frame, attr(&g, "data-name").to_string())
        })
        .collect();
    assert_eq!(head, columns, "one column per variable of each call");
    // Each heap event's row has the heap mark, and no other row has one.
    for (i, row) in rows.iter().enumerate() {
        let heap = ["alloc", "dealloc", "realloc"].contains(&kinds[i]);
        assert_eq!(
            row.matches(r#"class="mark heap""#).count(),
            usize::from(heap),
            "row {i} ({})",
            kinds[i]
        );
    }
    for name in ["two_owners_and_a_move", "double", "loop", "heap"] {
        assert!(!head.iter().any(|c| c.1 == name), "a column named `{name}`");
    }
}

/// What the second program saw of its own values and lines.
struct Seen {
    after_addr: usize,
    after_drop_line: u32,
    rc_ptr: usize,
    kept_line: u32,
}

#[trace_ownership]
fn made_in_a_call() -> usize {
    let inner = String::from("made in a call");
    inner.len()
}

#[trace_ownership]
fn owners_after_a_call() -> Seen {
    let n = made_in_a_call();
    let after = String::from("bound after the call");
    let after_addr = after.as_ptr() as usize;
    let shared = std::rc::Rc::new(n as u64);
    let rc_ptr = std::rc::Rc::as_ptr(&shared) as usize;
    let kept_line = line!() + 1;
    let kept = shared;
    let after_drop_line = line!() + 1;
    drop(after);
    drop(kept);
    Seen {
        after_addr,
        after_drop_line,
        rc_ptr,
        kept_line,
    }
}

/// An owner bound after a call returned, and an `Rc`:
/// - `after`, bound once `made_in_a_call` returned, is the caller's owner (not the finished
///   call's), of the block its `as_ptr()` gives; it is dropped by `drop(after)`, and `shared`
///   moving to `kept` in between is not `after`'s move;
/// - `shared` owns the `Rc`'s block: the one its `Rc::as_ptr()` points into, past the counts at
///   the block's start; the block moves on to `kept`. Ground truth: the program's own `as_ptr()`
///   values and `line!()`.
#[test]
fn an_owner_bound_after_a_call_is_the_callers_and_an_rc_owns_the_block_it_points_into() {
    let (t, trace) = trace_ownership::capture(owners_after_a_call);
    assert!(trace.heap_tracker);
    let rows = ledger_rows(&trace.to_html());
    let row = |var: &str| {
        rows.iter()
            .find(|r| r.0 == var)
            .unwrap_or_else(|| panic!("a row for `{var}`: {rows:?}\n{trace}"))
    };
    let after = row("after");
    assert_eq!(after.3[1], "owners_after_a_call", "the caller's: {after:?}");
    assert_eq!(after.1, t.after_addr.to_string(), "{after:?}");
    assert_eq!(
        after.3[4],
        format!("owner dropped (L{})", t.after_drop_line),
        "only `after`'s own drop is its fate, not `shared`'s move:\n{trace}"
    );
    assert_eq!(after.2, t.after_drop_line.to_string(), "{after:?}");
    let shared = row("shared");
    let start: usize = shared.1.parse().expect("an address");
    let bytes: usize = shared.3[2]
        .split(' ')
        .next()
        .and_then(|b| b.parse().ok())
        .unwrap_or_else(|| panic!("the block's bytes: {shared:?}"));
    assert!(
        start < t.rc_ptr && t.rc_ptr < start + bytes,
        "the block {start:#x} ({bytes} bytes) holds the value at {:#x}, past its counts:\n{trace}",
        t.rc_ptr
    );
    assert_eq!(
        shared.3[4],
        format!("moved to `kept` (L{})", t.kept_line),
        "{shared:?}"
    );
}
