//! Closures (the Rust Book, chapter 13.1): a closure without `move` captures each outer
//! variable in the least way its body needs (by shared reference, by mutable reference, or by
//! value when the body consumes it), at its definition; what it captures by reference stays
//! borrowed until the closure's last use; each call of a closure held in a variable is shown.
//! Ground truth: a logging `Drop` (`tests/common`), and the compiler, which refuses the
//! listings' forbidden variants (`ui-tests/borrowing`, `ui-tests/move-clone-copy`).

mod common;
use common::{noisy, run_checked, story, Noisy};
use trace_ownership::{trace_ownership, EventKind, Trace};

fn position(trace: &Trace, pred: impl Fn(&trace_ownership::Event) -> bool) -> usize {
    trace
        .events
        .iter()
        .position(pred)
        .unwrap_or_else(|| panic!("no such event in\n{trace}"))
}

fn last_position(trace: &Trace, pred: impl Fn(&trace_ownership::Event) -> bool) -> usize {
    trace
        .events
        .iter()
        .rposition(pred)
        .unwrap_or_else(|| panic!("no such event in\n{trace}"))
}

#[trace_ownership]
fn captures_a_reference() -> usize {
    let names = vec![String::from("Ann"), String::from("Bo")];
    let first = &names[0];
    let greet = || first.len();
    let a = greet();
    let b = greet();
    a + b + names.len()
}

#[test]
fn a_captured_reference_keeps_its_borrow_until_the_closures_last_call() {
    let (r, trace) = trace_ownership::capture(captures_a_reference);
    assert_eq!(r, 8);
    // At the definition: `greet` borrows `first` (a shared capture), and is called twice.
    let capture = position(&trace, |e| {
        e.kind == EventKind::Borrowed
            && e.of.as_deref() == Some("first")
            && e.to.as_deref() == Some("greet")
    });
    assert_eq!(
        trace.events[capture].detail.as_deref(),
        Some("captured by a closure")
    );
    let calls: Vec<usize> = (0..trace.events.len())
        .filter(|&i| trace.events[i].kind == EventKind::Called)
        .collect();
    assert_eq!(calls.len(), 2, "{trace}");
    assert!(calls.iter().all(|&i| trace.events[i].var == "greet"));
    // The borrow of `names[0]` held by `first` lives on in `greet`: it ends after the last
    // call, not at the closure's definition (the compiler agrees: `names.clear()` between
    // the definition and a call is E0502).
    let names_end = position(&trace, |e| {
        e.kind == EventKind::BorrowEnd && e.of.as_deref() == Some("names[0]")
    });
    assert!(names_end > calls[1], "{trace}");
    let first_end = position(&trace, |e| {
        e.kind == EventKind::BorrowEnd && e.of.as_deref() == Some("first")
    });
    assert!(first_end > calls[1], "{trace}");
}

#[trace_ownership]
fn captures_mutably() -> Vec<i32> {
    let mut list = vec![1, 2, 3];
    let mut borrows_mutably = || list.push(7);
    borrows_mutably();
    println!("After calling closure: {list:?}");
    list
}

#[test]
fn a_closure_that_mutates_captures_by_mutable_reference_until_its_call() {
    let (r, trace) = trace_ownership::capture(captures_mutably);
    assert_eq!(r, [1, 2, 3, 7]);
    let s = story(&trace, &["borrow", "borrow_mut", "borrow_end", "call"]);
    assert_eq!(
        s,
        [
            "borrow_mut list",
            "call borrows_mutably",
            "borrow_end list",
            "borrow list",
            "borrow_end list",
        ],
        "{trace}"
    );
    assert_eq!(
        trace.events[position(&trace, |e| e.kind == EventKind::BorrowedMut)]
            .to
            .as_deref(),
        Some("borrows_mutably")
    );
}

#[trace_ownership]
fn captures_by_value() -> usize {
    let offset = 10;
    let owned = noisy("owned");
    let consume = || {
        let kept: Noisy = owned;
        kept.0.len() + offset
    };
    consume()
}

#[test]
fn a_closure_whose_body_consumes_a_value_captures_it_by_value() {
    let (r, trace, _, real) = run_checked(captures_by_value);
    assert_eq!(r, 15);
    // `owned` (not `Copy`) moves into the closure at its definition; `offset` (an `i32`, used
    // by value) is captured by shared reference.
    let s = story(&trace, &["move", "borrow"]);
    assert_eq!(s, ["move owned->consume", "borrow offset"], "{trace}");
    // The value was really dropped inside the call, where the closure's own `kept` dropped it.
    assert_eq!(real, ["owned"]);
    let call = position(&trace, |e| e.kind == EventKind::Called);
    let kept_drop = position(&trace, |e| e.kind == EventKind::Dropped && e.var == "kept");
    assert!(kept_drop > call);
    // Afterwards `owned` has nothing to drop; `consume` may have been used up by its call.
    let end = last_position(&trace, |e| e.var == "owned");
    assert_eq!(trace.events[end].kind, EventKind::OutOfScope);
}

#[trace_ownership]
fn calls_without_consuming() -> usize {
    let a = noisy("kept");
    let f = || a.0.len();
    f()
}

#[test]
fn calling_a_closure_that_moves_nothing_out_leaves_it_to_be_dropped() {
    let (r, trace, vars, real) = run_checked(calls_without_consuming);
    assert_eq!(r, 4);
    assert_eq!(real, ["kept"]);
    assert_eq!(vars, ["a"]);
    let f_end = last_position(&trace, |e| e.var == "f");
    assert_eq!(trace.events[f_end].kind, EventKind::Dropped, "{trace}");
}

#[trace_ownership]
fn calls_then_lends() -> usize {
    let label = noisy("label");
    let step = 3;
    let f = move || {
        let m = step;
        m + label.0.len()
    };
    let a = f();
    let r = &f;
    a + r()
}

#[test]
fn a_closure_the_program_uses_after_a_call_was_not_used_up_by_it() {
    // `f` owns `label` (a `move` closure) but only reads it: it is `Fn`, and its call moves
    // nothing out of it (the compiler accepts `&f` after the call). It is dropped, with
    // `label`, at the end of the function.
    let (r, trace, _, real) = run_checked(calls_then_lends);
    assert_eq!(r, 16);
    assert_eq!(real, ["label"]);
    let f_end = last_position(&trace, |e| e.var == "f");
    assert_eq!(trace.events[f_end].kind, EventKind::Dropped, "{trace}");
}

#[trace_ownership]
fn method_calls_on_captures() -> usize {
    let text = String::from("abc");
    let mut lens = Vec::new();
    let mut record = || {
        lens.push(text.len());
    };
    record();
    lens.len() + text.len()
}

#[test]
fn a_method_called_on_a_captured_variable_borrows_it_as_its_signature_says() {
    // Inside the closure, `lens.push(..)` borrows `lens` mutably (`Vec::push(&mut self)`)
    // and `text.len()` borrows `text` (`String::len(&self)`); neither is given away: the
    // program uses both after the call.
    let (r, trace) = trace_ownership::capture(method_calls_on_captures);
    assert_eq!(r, 4);
    let call = position(&trace, |e| e.kind == EventKind::Called);
    let inside: Vec<String> = story(&trace, &[])[call + 1..]
        .iter()
        .filter(|s| s.ends_with(" lens") || s.ends_with(" text"))
        .take(4)
        .cloned()
        .collect();
    assert_eq!(inside[..2], ["borrow_mut lens", "borrow text"], "{trace}");
    // Both borrows end within the statement (in the trace, both at its end).
    let mut ends = inside[2..].to_vec();
    ends.sort();
    assert_eq!(ends, ["borrow_end lens", "borrow_end text"], "{trace}");
}

#[trace_ownership]
fn typed_closure_parameters() -> (u32, (usize, usize), (usize, usize)) {
    let split = |(label, count): (Noisy, u32)| {
        let first = count;
        let second = count;
        label.0.len() as u32 + first + second
    };
    let keep = |s: String| {
        let t = s;
        (t.as_ptr() as usize, t.capacity())
    };
    let text = String::from("hh");
    let block = (text.as_ptr() as usize, text.capacity());
    (split((noisy("t"), 2)), keep(text), block)
}

#[test]
fn a_typed_closure_parameter_is_known_by_its_type_each_binding_by_its_own() {
    let (r, trace, _, real) = run_checked(typed_closure_parameters);
    let (sum, kept, block) = r;
    assert_eq!(sum, 5);
    assert_eq!(real, ["t"]);
    // `count` is the `u32` of the `(Noisy, u32)` pattern: `Copy`, so both lets copy it and it
    // is still there to drop at the closure's end (the tuple's type is not `count`'s).
    assert_eq!(
        story(&trace, &[])
            .into_iter()
            .filter(|s| s.split([' ', '-']).nth(1) == Some("count"))
            .collect::<Vec<_>>(),
        [
            "bind count",
            "copy count->first",
            "copy count->second",
            "drop count"
        ],
        "{trace}"
    );
    // `s: String` names its type: `s`, and `t` it moves into, show the heap block the
    // closure really received.
    assert_eq!(kept, block);
    for var in ["s", "t"] {
        let bind = trace
            .events
            .iter()
            .find(|e| e.kind == EventKind::Bind && e.var == var)
            .unwrap();
        let heap = bind
            .heap
            .unwrap_or_else(|| panic!("no heap facts for `{var}`\n{trace}"));
        assert_eq!(
            (heap.addr, heap.bytes),
            (Some(block.0), Some(block.1)),
            "`{var}`"
        );
    }
}

#[trace_ownership]
fn run_once(f: impl FnOnce() -> usize) -> usize {
    f()
}

#[test]
fn calling_an_fn_once_parameter_moves_it() {
    let n = noisy("inside");
    let (r, trace) = trace_ownership::capture(move || run_once(move || n.0.len()));
    assert_eq!(r, 6);
    let f_end = last_position(&trace, |e| e.var == "f");
    assert_eq!(trace.events[f_end].kind, EventKind::OutOfScope, "{trace}");
    assert_eq!(
        trace.events[f_end].detail.as_deref(),
        Some("moved to its call")
    );
}

#[trace_ownership]
fn captures_a_field_mutably() -> u32 {
    let mut pair = (0u32, 1u32);
    let mut bump = || {
        let r = &mut pair.0;
        *r += 1;
    };
    bump();
    pair.0 + pair.1
}

/// (Rust 2021 captures just `pair.0`; the trace names the variable whose field is captured.)
#[test]
fn a_closure_that_borrows_a_field_mutably_captures_its_variable_mutably() {
    let (r, trace) = trace_ownership::capture(captures_a_field_mutably);
    assert_eq!(r, 2);
    let capture = position(&trace, |e| {
        e.kind == EventKind::BorrowedMut && e.of.as_deref() == Some("pair")
    });
    assert_eq!(trace.events[capture].to.as_deref(), Some("bump"), "{trace}");
}

#[trace_ownership]
fn calls_a_closure_many_times(n: usize) -> usize {
    let label = |i: usize| {
        let item = noisy("item");
        item.0.len() + i
    };
    let mut total = 0;
    for i in 0..n {
        total += label(i);
    }
    total
}

/// Closure folding: the first calls of a closure are kept (as many as loop iterations are, 3 by
/// default), the rest counted in one `folded` event at the closure's definition, with the number
/// of calls and of events not shown. Ground truth: the logging `Drop` counts every call's
/// `item`, and the kept calls show how many events one call records.
#[test]
fn a_closure_called_many_times_keeps_its_first_calls_and_counts_the_rest() {
    common::reset();
    let (r, trace) = trace_ownership::capture(|| calls_a_closure_many_times(10));
    assert_eq!(r, (0..10).map(|i| 4 + i).sum::<usize>());
    assert_eq!(common::real_drops().len(), 10, "every call really ran");
    let kept_item_drops = trace
        .events
        .iter()
        .filter(|e| e.kind == EventKind::Dropped && e.var == "item")
        .count();
    let kept_item_binds = trace
        .events
        .iter()
        .filter(|e| e.kind == EventKind::Bind && e.var == "item")
        .count();
    assert_eq!((kept_item_binds, kept_item_drops), (3, 3), "{trace}");
    let folded: Vec<_> = trace
        .events
        .iter()
        .filter(|e| e.kind == EventKind::Folded && e.var == "closure")
        .collect();
    assert_eq!(folded.len(), 1, "{trace}");
    assert_eq!(folded[0].count, Some(7), "10 calls, 3 kept");
    // The events one kept call recorded: those on the closure's lines (from its definition to
    // the next statement), but for the definition's own `bind` and the folded event.
    let def = position(&trace, |e| e.kind == EventKind::Bind && e.var == "label");
    let next = position(&trace, |e| e.kind == EventKind::Bind && e.var == "total");
    let (first, after) = (trace.events[def].line, trace.events[next].line);
    let in_calls = trace
        .events
        .iter()
        .enumerate()
        .filter(|(i, e)| {
            *i != def && e.kind != EventKind::Folded && (first..after).contains(&e.line)
        })
        .count();
    assert_eq!(in_calls % 3, 0, "three kept calls alike:\n{trace}");
    let per_call = in_calls / 3;
    assert_eq!(
        folded[0].detail.as_deref(),
        Some(format!("calls; {} events not shown", 7 * per_call).as_str()),
        "{trace}"
    );
    // The loop around the calls folds the same way: 7 of its 10 iterations, each with as many
    // events as a kept one (from one `call` of `label` to the next).
    let calls: Vec<usize> = trace
        .events
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == EventKind::Called && e.var == "label")
        .map(|(i, _)| i)
        .collect();
    assert_eq!(calls.len(), 3, "{trace}");
    let per_iteration = calls[1] - calls[0];
    let loop_fold = trace
        .events
        .iter()
        .find(|e| e.kind == EventKind::Folded && e.var == "loop")
        .expect("the loop folds too");
    assert_eq!(loop_fold.count, Some(7));
    assert!(
        loop_fold
            .detail
            .as_deref()
            .unwrap_or("")
            .contains(&format!("{} events not shown", 7 * per_iteration)),
        "{trace}"
    );
    let text = trace.to_string();
    assert!(text.contains("7 more closure calls folded"), "{text}");
}

/// The events of `trace` that name `var`, as `story` spells them.
fn of_var(trace: &Trace, var: &str) -> Vec<String> {
    story(trace, &[])
        .into_iter()
        .filter(|s| s.split([' ', '-']).nth(1) == Some(var))
        .collect()
}

/// How a closure without `move` captures each variable its body uses, decided by rustc from
/// every use in the body: the tail of a block, a match arm, a nested closure's value and `x;`
/// take the value (a non-`Copy` one is moved into the closure); an assignment or `+=` takes
/// `&mut`; a comparison takes `&`. Ground truth: the logging `Drop` (a value captured by value
/// is dropped with the closure's call or the closure, not at its variable's scope end) and
/// rustc itself (each variable captured by reference is used again after the closure).
const LIMIT: usize = 2;

#[trace_ownership]
#[allow(path_statements, clippy::no_effect, clippy::redundant_closure_call)]
fn captures_of_every_kind() -> (usize, i32) {
    let tail = noisy("tail");
    let arm = noisy("arm");
    let nested = noisy("nested");
    let path = noisy("path");
    let left = noisy("l");
    let right = noisy("r");
    let mut set = 0;
    let mut added = 0;
    let n = 1;
    let guard = noisy("g");
    let by_tail = || {
        let k = 1;
        let _ = k;
        tail
    };
    let by_arm = || match n {
        1 => arm,
        _ => noisy("other"),
    };
    let by_nested = || {
        let inner = || nested;
        inner()
    };
    let by_path = || {
        path;
    };
    let mut assigns = || {
        set = 5;
        added += 2;
    };
    let same = || left == right;
    let by_guard = || match n {
        1 if (|| guard.0.is_empty())() => 0,
        _ => 1,
    };
    // A parameter named like a local, and a constant: neither is captured.
    let shadowing = |n: usize| n + LIMIT;
    assigns();
    by_path();
    let total = by_tail().0.len() + by_arm().0.len() + by_nested().0.len();
    (
        total + usize::from(same()) + by_guard() + shadowing(0),
        set + added + left.0.len() as i32 + right.0.len() as i32 + n + guard.0.len() as i32,
    )
}

#[test]
fn a_closure_captures_each_variable_as_its_body_uses_it() {
    common::reset();
    let (r, trace) = trace_ownership::capture(captures_of_every_kind);
    assert_eq!(r, (4 + 3 + 6 + 1 + 2, 5 + 2 + 1 + 1 + 1 + 1));
    for (var, closure) in [
        ("tail", "by_tail"),
        ("arm", "by_arm"),
        ("nested", "by_nested"),
        ("path", "by_path"),
    ] {
        assert_eq!(
            of_var(&trace, var)[..2],
            [format!("bind {var}"), format!("move {var}->{closure}")],
            "{trace}"
        );
    }
    for (var, by, kind) in [
        ("set", "assigns", EventKind::BorrowedMut),
        ("added", "assigns", EventKind::BorrowedMut),
        ("left", "same", EventKind::Borrowed),
        ("right", "same", EventKind::Borrowed),
        ("guard", "by_guard", EventKind::Borrowed),
    ] {
        let b = trace
            .events
            .iter()
            .find(|e| {
                matches!(e.kind, EventKind::Borrowed | EventKind::BorrowedMut) && e.var == var
            })
            .unwrap_or_else(|| panic!("no borrow of {var}\n{trace}"));
        assert_eq!(
            (b.kind, b.to.as_deref()),
            (kind, Some(by)),
            "{var}\n{trace}"
        );
    }
    assert!(
        !trace
            .events
            .iter()
            .any(|e| e.var == "LIMIT" || e.to.as_deref() == Some("shadowing")),
        "{trace}"
    );
    // Each value captured by value is dropped inside its closure's call (`path`, at `path;`)
    // or with the value the call returned: none at its variable's end.
    let real: Vec<String> = common::real_drops().into_iter().map(|(l, _)| l).collect();
    assert_eq!(real[0], "path", "{real:?}");
    for var in ["tail", "arm", "nested", "path"] {
        assert!(
            !story(&trace, &["drop"]).contains(&format!("drop {var}")),
            "{var}\n{trace}"
        );
    }
}

#[trace_ownership]
#[rustfmt::skip]
fn two_closures_in_one_column() -> usize {
    let a = |i: usize| { let item = noisy("a"); item.0.len() + i };
    let b = |i: usize| { let item = noisy("b"); item.0.len() + i };
    let mut total = a(0) + a(1);
    total += b(0) + b(1) + b(2);
    total += b(3) + b(4);
    total
}

/// Each closure is folded on its own calls: `a`, called twice, keeps both; `b`, written in the
/// same column on the next line and called five times, keeps three and folds two, with the
/// events of those two calls. Ground truth: the logging `Drop` (every call really ran) and
/// the kept calls of `b`, which show how many events one call records.
#[test]
fn two_closures_in_one_column_are_folded_each_on_its_own_calls() {
    common::reset();
    let (r, trace) = trace_ownership::capture(two_closures_in_one_column);
    assert_eq!(r, (1 + 2) + (1 + 2 + 3 + 4 + 5), "`a` adds 1, `b` 1 to `i`");
    let real: Vec<String> = common::real_drops().into_iter().map(|d| d.0).collect();
    assert_eq!(real, ["a", "a", "b", "b", "b", "b", "b"]);
    let def = |var: &str| position(&trace, |e| e.kind == EventKind::Bind && e.var == var);
    let (a_line, b_line) = (trace.events[def("a")].line, trace.events[def("b")].line);
    assert_eq!(b_line, a_line + 1);
    let kept_calls = |line: u32| {
        trace
            .events
            .iter()
            .filter(|e| e.kind == EventKind::Bind && e.var == "item" && e.line == line)
            .count()
    };
    assert_eq!((kept_calls(a_line), kept_calls(b_line)), (2, 3), "{trace}");
    let folded: Vec<_> = trace
        .events
        .iter()
        .filter(|e| e.kind == EventKind::Folded)
        .collect();
    assert_eq!(folded.len(), 1, "only `b` has calls folded:\n{trace}");
    assert_eq!((folded[0].line, folded[0].count), (b_line, Some(2)));
    // The events of one kept call of `b`: those on its line but its definition's `bind`.
    let on_b_line = trace
        .events
        .iter()
        .filter(|e| e.line == b_line && e.kind != EventKind::Folded)
        .count()
        - 1;
    assert_eq!(on_b_line % 3, 0, "three kept calls alike:\n{trace}");
    assert_eq!(
        folded[0].detail.as_deref(),
        Some(format!("calls; {} events not shown", 2 * (on_b_line / 3)).as_str()),
        "{trace}"
    );
}

/// Where `var` is bound in `trace`: the index of each `bind` event of it.
fn binds_of(trace: &Trace, var: &str) -> Vec<usize> {
    trace
        .events
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == EventKind::Bind && e.var == var)
        .map(|(i, _)| i)
        .collect()
}

#[trace_ownership]
fn two_loops_alike() -> usize {
    let mut total = 0;
    for i in 0..6 {
        let item = noisy("first");
        total += item.0.len() + i;
    }
    for i in 0..6 {
        let item = noisy("second");
        total += item.0.len() + i;
    }
    total
}

/// Two loops alike, one after the other: each folds its last 3 of 6 iterations and counts the
/// events of those iterations only, as many as 3 kept iterations record. Ground truth: the
/// logging `Drop` (every iteration ran) and the kept iterations (from one `bind i` to the next).
#[test]
fn each_folded_loop_counts_the_events_of_its_own_folded_iterations() {
    common::reset();
    let (r, trace) = trace_ownership::capture(two_loops_alike);
    assert_eq!(r, (6 * 5 + 15) + (6 * 6 + 15));
    assert_eq!(common::real_drops().len(), 12, "every iteration really ran");
    let binds = binds_of(&trace, "i");
    assert_eq!(binds.len(), 6, "3 kept iterations of each loop:\n{trace}");
    let per_iteration = binds[1] - binds[0];
    assert_eq!(binds[2] - binds[1], per_iteration);
    let folds: Vec<_> = trace
        .events
        .iter()
        .filter(|e| e.kind == EventKind::Folded && e.var == "loop")
        .collect();
    assert_eq!(folds.len(), 2, "{trace}");
    for fold in folds {
        assert_eq!(fold.count, Some(3));
        assert_eq!(
            fold.detail.as_deref(),
            Some(
                format!(
                    "iterations after the first 3; {} events not shown",
                    3 * per_iteration
                )
                .as_str()
            ),
            "{trace}"
        );
    }
}

#[trace_ownership]
fn guards_in_a_loop(cell: &std::cell::RefCell<Vec<u32>>) -> usize {
    let mut total = 0;
    for i in 0..7 {
        let guard = cell.borrow();
        total += guard.len() + i;
    }
    total
}

/// A folded iteration whose variable holds a borrow when its scope ends (a `Ref` guard) counts
/// the end of that borrow too: the folded events are as many as 4 kept iterations record,
/// the guard's drop and its borrow's end among them. Ground truth: `RefCell::try_borrow_mut`
/// succeeds after the loop (every guard was really dropped) and the kept iterations (from one
/// `bind i` to the next).
#[test]
fn a_folded_iteration_counts_the_borrow_its_guard_held() {
    let cell = std::cell::RefCell::new(vec![1, 2]);
    let (r, trace) = trace_ownership::capture(|| guards_in_a_loop(&cell));
    assert_eq!(r, 7 * 2 + 21);
    assert!(cell.try_borrow_mut().is_ok(), "every guard was dropped");
    let binds = binds_of(&trace, "i");
    assert_eq!(binds.len(), 3, "3 kept iterations:\n{trace}");
    let per_iteration = binds[1] - binds[0];
    assert_eq!(binds[2] - binds[1], per_iteration);
    let iteration = &trace.events[binds[0]..binds[1]];
    let guard_end = iteration
        .iter()
        .position(|e| e.kind == EventKind::Dropped && e.var == "guard")
        .expect("the guard is dropped in each iteration");
    assert!(
        iteration[guard_end..]
            .iter()
            .any(|e| e.kind == EventKind::BorrowEnd && e.var == "cell"),
        "the guard's borrow of cell ends as it is dropped:\n{trace}"
    );
    let fold = trace
        .events
        .iter()
        .find(|e| e.kind == EventKind::Folded && e.var == "loop")
        .expect("the loop folds");
    assert_eq!(fold.count, Some(4));
    assert_eq!(
        fold.detail.as_deref(),
        Some(
            format!(
                "iterations after the first 3; {} events not shown",
                4 * per_iteration
            )
            .as_str()
        ),
        "{trace}"
    );
}
