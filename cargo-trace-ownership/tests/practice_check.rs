//! The `Check:` properties of practice exercises, evaluated on hand-built traces (one scenario
//! each: the property holds, then fails with its one sentence naming the trace line) and on
//! real traces recorded from the fixture exercises (`tests/fixtures/practice/traces/`, written
//! by `practice check` runs of `tests/fixtures/practice/exercises/`: `*.wrong.jsonl` from the
//! exercise as shipped, `*.fixed.jsonl` from its fixed twin).

use cargo_trace_ownership::practice::check::{evaluate, parse, Property};
use trace_ownership_runtime::{Event, EventKind, HeapFacts, Trace};

fn trace(events: Vec<Event>) -> Vec<Trace> {
    let mut t = Trace::new("main", "src/main.rs");
    for (i, mut e) in events.into_iter().enumerate() {
        e.seq = i as u64;
        t.events.push(e);
    }
    t.heap_tracker = true;
    vec![t]
}

fn ev(kind: EventKind, var: &str, line: u32) -> Event {
    Event::new(kind, var.to_string(), line, 5)
}
fn from_to(kind: EventKind, from: &str, to: &str, line: u32) -> Event {
    let mut e = ev(kind, from, line);
    e.from = Some(from.to_string().into());
    e.to = Some(to.to_string().into());
    e
}
fn lend(of: &str, to: &str, line: u32) -> Event {
    let mut e = ev(EventKind::Borrowed, of, line);
    e.of = Some(of.to_string().into());
    e.to = Some(to.to_string().into());
    e
}
fn heap(mut e: Event, addr: usize, bytes: Option<usize>, strong: Option<usize>) -> Event {
    e.heap = Some(HeapFacts {
        addr: Some(addr),
        bytes,
        strong,
        weak: None,
    });
    e
}
fn block(kind: EventKind, addr: usize, bytes: u64, line: u32) -> Event {
    let mut e = heap(ev(kind, "heap", line), addr, Some(bytes as usize), None);
    e.count = Some(bytes);
    e
}
fn check(p: &str, t: &[Trace]) -> Result<(), String> {
    evaluate(&parse(p).unwrap(), t)
}

#[test]
fn no_clone_holds_without_clones_and_names_the_clone() {
    let ok = trace(vec![ev(EventKind::Bind, "s", 2), lend("s", "len()", 3)]);
    assert_eq!(check("no clone", &ok), Ok(()));
    let bad = trace(vec![
        ev(EventKind::Bind, "s", 2),
        from_to(EventKind::Cloned, "s", "t", 7),
    ]);
    assert_eq!(
        check("no clone", &bad).unwrap_err(),
        "`s` was cloned at line 7 (trace: `7  clone  s -> t`): this exercise asks you not to clone anything."
    );
}

#[test]
fn no_clone_of_x_looks_only_at_x() {
    let t = trace(vec![
        from_to(EventKind::Cloned, "a", "b", 4),
        from_to(EventKind::Cloned, "s", "t", 7),
    ]);
    assert_eq!(check("no clone of z", &t), Ok(()));
    assert_eq!(
        check("no clone of s", &t).unwrap_err(),
        "`s` was cloned at line 7 (trace: `7  clone  s -> t`): this exercise asks you not to clone `s`."
    );
}

#[test]
fn never_moved_needs_a_binding_and_no_move() {
    let kept = trace(vec![ev(EventKind::Bind, "v", 2), lend("v", "total()", 3)]);
    assert_eq!(check("v never moved", &kept), Ok(()));
    let moved = trace(vec![
        ev(EventKind::Bind, "v", 2),
        from_to(EventKind::Move, "v", "total()", 3),
    ]);
    assert!(check("v never moved", &moved)
        .unwrap_err()
        .starts_with("`v` was moved at line 3 (trace: `3  move  v -> total()`)"));
    let partly = trace(vec![ev(EventKind::Bind, "p", 2), {
        let mut e = from_to(EventKind::Move, "p.name", "n", 4);
        e.var = "p.name".into();
        e
    }]);
    assert!(check("p never moved", &partly)
        .unwrap_err()
        .contains("line 4"));
    let unseen = trace(vec![
        ev(EventKind::Bind, "v", 2),
        from_to(EventKind::MaybeMove, "v", "f()", 5),
    ]);
    assert!(check("v never moved", &unseen)
        .unwrap_err()
        .contains("the trace cannot tell whether `v` was moved"));
    assert!(check("w never moved", &kept)
        .unwrap_err()
        .contains("never shows `w` being bound"));
}

#[test]
fn moved_into_a_call_or_a_closure_given_to_it() {
    let call = trace(vec![from_to(EventKind::Move, "s", "consume()", 4)]);
    assert_eq!(check("s moved into consume", &call), Ok(()));
    assert!(check("s moved into keep", &call).unwrap_err().starts_with(
        "`s` is moved at line 4 (trace: `4  move  s -> consume()`), but never into `keep`"
    ));
    let mut t = trace(vec![from_to(EventKind::Move, "v", "a `move` closure", 3)]);
    t[0].sources.push(trace_ownership_runtime::Source {
        function: "main".into(),
        file: "src/main.rs".into(),
        first_line: 1,
        text: "fn main() {\n    let v = vec![1];\n    let h = thread::spawn(move || v.len());\n}\n"
            .into(),
    });
    assert_eq!(check("v moved into thread::spawn", &t), Ok(()));
    assert!(check("v moved into rayon::scope", &t).is_err());
    let none = trace(vec![ev(EventKind::Bind, "v", 2)]);
    assert!(check("v moved into f", &none)
        .unwrap_err()
        .contains("shows no move of `v`"));
}

#[test]
fn borrowed_by_a_call_and_what_else_it_says() {
    let lent = trace(vec![lend("s", "look()", 5)]);
    assert_eq!(check("s borrowed by look", &lent), Ok(()));
    let cloned = trace(vec![from_to(EventKind::Cloned, "s", "look()", 5)]);
    assert_eq!(
        check("s borrowed by look", &cloned).unwrap_err(),
        "`s` was cloned for `look` at line 5 (trace: `5  clone  s -> look()`): this exercise asks you to lend `s` to `look` (`&s`), not to give it a copy."
    );
    let moved = trace(vec![from_to(EventKind::Move, "s", "look()", 5)]);
    assert!(check("s borrowed by look", &moved)
        .unwrap_err()
        .starts_with("`s` was moved into `look` at line 5"));
    let never = trace(vec![ev(EventKind::Bind, "s", 2)]);
    assert!(check("s borrowed by look", &never)
        .unwrap_err()
        .starts_with("`look` is never called"));
}

#[test]
fn dropped_before_compares_the_first_drops() {
    let t = trace(vec![
        ev(EventKind::Dropped, "a", 6),
        ev(EventKind::Dropped, "b", 9),
    ]);
    assert_eq!(check("a dropped before b", &t), Ok(()));
    assert_eq!(
        check("b dropped before a", &t).unwrap_err(),
        "`a` is dropped at line 6 (trace: `6  drop  a`) before `b` (line 9): this exercise asks that `b` is dropped first."
    );
    let mut gone = ev(EventKind::OutOfScope, "c", 9);
    gone.detail = Some("moved to keep()".into());
    let t = trace(vec![ev(EventKind::Dropped, "a", 6), gone]);
    assert_eq!(
        check("c dropped before a", &t).unwrap_err(),
        "`c` is never dropped: it leaves its scope at line 9 without a value (trace: `9  out_of_scope  c`, moved to keep())."
    );
}

#[test]
fn dropped_before_call_uses_the_first_call() {
    let t = trace(vec![
        ev(EventKind::Dropped, "a", 6),
        ev(EventKind::FnEnter, "finish", 2),
        ev(EventKind::Dropped, "b", 9),
    ]);
    assert_eq!(check("a dropped before call finish", &t), Ok(()));
    assert_eq!(
        check("b dropped before call finish", &t).unwrap_err(),
        "`b` is dropped only at line 9 (trace: `9  drop  b`), after `finish` runs (trace: `2  fn_enter  finish`): this exercise asks that `b` is dropped before that call."
    );
    assert!(check("a dropped before call start", &t)
        .unwrap_err()
        .starts_with("`start` is never called"));
}

#[test]
fn freed_before_call_follows_the_block_x_owns() {
    let owner = |line| heap(ev(EventKind::Bind, "big", line), 4096, Some(100), None);
    let early = trace(vec![
        block(EventKind::Alloc, 4096, 100, 2),
        owner(2),
        block(EventKind::Dealloc, 4096, 100, 3),
        from_to(EventKind::Copied, "i", "work()", 5),
    ]);
    assert_eq!(check("big freed before call work", &early), Ok(()));
    let late = trace(vec![
        block(EventKind::Alloc, 4096, 100, 2),
        owner(2),
        from_to(EventKind::Copied, "i", "work()", 5),
        block(EventKind::Dealloc, 4096, 100, 8),
    ]);
    assert_eq!(
        check("big freed before call work", &late).unwrap_err(),
        "`big`'s heap memory is freed only at line 8 (trace: `8  dealloc  100 bytes`), after `work` is called at line 5 (trace: `5  copy  i -> work()`): this exercise asks you to free it before that call."
    );
    // Forgotten (`mem::forget`): dropped by no one, never freed.
    let leaked = trace(vec![
        block(EventKind::Alloc, 4096, 100, 2),
        owner(2),
        from_to(EventKind::Copied, "i", "work()", 5),
    ]);
    assert!(check("big freed before call work", &leaked)
        .unwrap_err()
        .starts_with(
        "`big`'s heap memory (seen at line 2, trace: `2  bind  big`) is never freed during the run"
    ));
    // A block freed at the same address before `big` owned it is not `big`'s.
    let reused = trace(vec![
        block(EventKind::Alloc, 4096, 100, 1),
        block(EventKind::Dealloc, 4096, 100, 1),
        block(EventKind::Alloc, 4096, 100, 2),
        owner(2),
        from_to(EventKind::Copied, "i", "work()", 5),
        block(EventKind::Dealloc, 4096, 100, 8),
    ]);
    assert!(check("big freed before call work", &reused)
        .unwrap_err()
        .contains("line 8"));
    let mut no_tracker = early.clone();
    no_tracker[0].heap_tracker = false;
    assert!(check("big freed before call work", &no_tracker)
        .unwrap_err()
        .contains("needs the heap tracker"));
}

#[test]
fn heap_peak_counts_live_bytes() {
    let mut grow = block(EventKind::Realloc, 300, 64, 4);
    grow.detail = Some("from 16 bytes at 0x64".into());
    let t = trace(vec![
        block(EventKind::Alloc, 100, 16, 2),
        block(EventKind::Alloc, 200, 32, 3),
        grow,
        block(EventKind::Dealloc, 200, 32, 5),
        block(EventKind::Alloc, 400, 8, 6),
    ]);
    // Live: 16, 48, 96 (16 grown to 64), 64, 72.
    assert_eq!(check("heap peak at most 96 bytes", &t), Ok(()));
    assert_eq!(
        check("heap peak at most 95 bytes", &t).unwrap_err(),
        "96 heap bytes are live at line 4 (trace: `4  realloc  64 bytes`): this exercise allows at most 95."
    );
}

#[test]
fn owners_are_the_largest_strong_count_of_x_s_value() {
    let t = trace(vec![
        heap(ev(EventKind::Bind, "a", 2), 77, None, Some(1)),
        from_to(EventKind::Cloned, "a", "b", 3),
        heap(ev(EventKind::Bind, "b", 3), 77, None, Some(2)),
        heap(ev(EventKind::Bind, "other", 4), 99, None, Some(5)),
    ]);
    assert_eq!(check("exactly 2 owners of a", &t), Ok(()));
    assert_eq!(check("at most 2 owners of a", &t), Ok(()));
    assert_eq!(check("at most 3 owners of a", &t), Ok(()));
    assert_eq!(
        check("at most 1 owners of a", &t).unwrap_err(),
        "the value `a` owns has 2 owners at line 3 (trace: `3  bind  b`): this exercise allows at most 1."
    );
    assert_eq!(
        check("exactly 3 owners of a", &t).unwrap_err(),
        "the value `a` owns never has more than 2 owners (most at line 3, trace: `3  bind  b`): this exercise asks for exactly 3."
    );
    assert!(check("exactly 1 owners of z", &t)
        .unwrap_err()
        .contains("never shows what `z` owns"));
}

#[test]
fn called_sees_traced_calls_and_call_targets() {
    let t = trace(vec![
        ev(EventKind::FnEnter, "finish", 2),
        lend("v", "total()", 4),
    ]);
    assert_eq!(check("finish called", &t), Ok(()));
    assert_eq!(check("total called", &t), Ok(()));
    assert_eq!(
        check("start called", &t).unwrap_err(),
        "the trace shows no call of `start`: this exercise asks you to call it."
    );
}

#[test]
fn the_grammar_is_closed() {
    for (text, p) in [
        ("no clone", Property::NoClone),
        (
            "v moved into thread::spawn",
            Property::MovedInto("v".into(), "thread::spawn".into()),
        ),
        (
            "a dropped before call f",
            Property::DroppedBeforeCall("a".into(), "f".into()),
        ),
        (
            "exactly 2 owners of a",
            Property::ExactlyOwners(2, "a".into()),
        ),
    ] {
        assert_eq!(parse(text), Ok(p.clone()));
        assert_eq!(p.to_string(), text);
    }
    for bad in [
        "",
        "no clones",
        "s still usable",
        "heap peak at most many bytes",
        "a dropped",
    ] {
        assert!(
            parse(bad)
                .unwrap_err()
                .starts_with(&format!("unknown property `{bad}`")),
            "{bad}"
        );
    }
}

fn recorded(name: &str) -> Vec<Trace> {
    let path = format!(
        "{}/tests/fixtures/practice/traces/{name}.jsonl",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn real_traces_of_a_buffer_kept_through_the_loop_and_freed_before_it() {
    let wrong = recorded("free-before-loop.wrong");
    let fixed = recorded("free-before-loop.fixed");
    assert!(wrong[0].heap_tracker && fixed[0].heap_tracker);
    assert_eq!(check("big freed before call work", &fixed), Ok(()));
    let e = check("big freed before call work", &wrong).unwrap_err();
    assert!(e.starts_with("`big`'s heap memory is freed only at line 23 (trace: `23  dealloc  4096 bytes`), after `work` is called at line 20"), "{e}");
    assert_eq!(check("work called", &wrong), Ok(()));
    assert_eq!(check("no clone", &fixed), Ok(()));
}

#[test]
fn real_traces_of_shared_ownership_and_a_thread() {
    let rc = recorded("rc-owners.fixed");
    assert_eq!(check("exactly 2 owners of a", &rc), Ok(()));
    assert!(check("exactly 3 owners of a", &rc).is_err());
    let thread = recorded("move-into-thread.fixed");
    assert_eq!(check("v moved into thread::spawn", &thread), Ok(()));
    assert_eq!(check("no clone of v", &thread), Ok(()));
    assert!(check("v never moved", &thread)
        .unwrap_err()
        .starts_with("`v` was moved at line 10 (trace: `10  move  v -> a `move` closure`)"));
}
