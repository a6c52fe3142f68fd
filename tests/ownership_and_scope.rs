//! Seed: "Each value has a single owner; when the owner goes out of scope, Rust drops it."
//! Drops happen in reverse declaration order at the end of the block, on every way out.

mod common;
use common::*;
use trace_ownership::{trace_ownership, EventKind};

#[trace_ownership]
fn seed_example() {
    let s = String::from("hello"); // allocated on the heap
    let _len = s.len(); // s is valid here
} // s goes out of scope, memory is freed

#[test]
fn the_seeds_string_is_bound_then_dropped_at_scope_end() {
    let ((), trace, _, _) = run_checked(seed_example);
    let bind = trace.events.iter().find(|e| e.var == "s").unwrap();
    assert_eq!(bind.kind.as_str(), "bind");
    assert_eq!(bind.ty.as_deref(), Some("alloc::string::String"));
    assert_eq!(bind.size, Some(std::mem::size_of::<String>()));
    let drop = trace.events.iter().rev().find(|e| e.var == "s").unwrap();
    assert_eq!(drop.kind.as_str(), "drop");
    assert_eq!(drop.needs_drop, Some(true));
    // The drop happens at the closing brace of the function (line of `}` above).
    assert_eq!(drop.line, bind.line + 2);
    let text = trace.to_string();
    assert!(
        text.contains("`s` goes out of scope and is dropped: its heap buffer of text is freed"),
        "{text}"
    );
}

#[trace_ownership]
fn reverse_order() {
    let a = noisy("a");
    let b = noisy("b");
    {
        let c = noisy("c");
        let _ = &c;
    }
    let d = noisy("d");
    let _ = (&a, &b, &d);
}

#[test]
fn locals_drop_in_reverse_declaration_order_inner_block_first() {
    let ((), trace, vars, real) = run_checked(reverse_order);
    assert_eq!(vars, ["c", "d", "b", "a"]);
    assert_eq!(real, ["c", "d", "b", "a"]);
    assert_eq!(
        story(&trace, &["bind", "drop"]),
        ["bind a", "bind b", "bind c", "drop c", "bind d", "drop d", "drop b", "drop a"]
    );
}

#[trace_ownership]
fn shadowing() {
    let x = noisy("first");
    let x = noisy(&format!("{}-second", x.0));
    let _ = &x;
}

#[test]
fn shadowing_drops_nothing_until_scope_end_then_both() {
    let ((), trace, vars, real) = run_checked(shadowing);
    assert_eq!(real, ["first-second", "first"]);
    assert_eq!(vars, ["x", "x"]);
    assert_eq!(
        story(&trace, &["bind", "drop"]),
        ["bind x", "bind x", "drop x", "drop x"]
    );
}

#[trace_ownership]
fn early_return(stop: bool) -> u32 {
    let a = noisy("a");
    if stop {
        let b = noisy("b");
        let _ = &b;
        return 1;
    }
    let c = noisy("c");
    let _ = (&a, &c);
    2
}

#[test]
fn early_return_drops_what_is_in_scope_at_the_return() {
    let (r, trace, vars, _) = run_checked(|| early_return(true));
    assert_eq!(r, 1);
    assert_eq!(vars, ["b", "a"]);
    // Each drop is shown at its own scope's closing brace (where the compiler places it),
    // and says the scope was left early, at the `return` (line 80).
    let b_drop = trace
        .events
        .iter()
        .find(|e| e.var == "b" && e.kind.as_str() == "drop")
        .unwrap();
    let a_drop = trace
        .events
        .iter()
        .find(|e| e.var == "a" && e.kind.as_str() == "drop")
        .unwrap();
    assert_eq!((b_drop.line, a_drop.line), (81, 85), "{trace}");
    for d in [b_drop, a_drop] {
        assert_eq!(d.detail.as_deref(), Some("left early at line 80"));
        assert!(trace_ownership::explain::sentence(d)
            .ends_with("(the scope is left early, at line 80; it ends at this closing brace)"));
    }
    let (r, _, vars, _) = run_checked(|| early_return(false));
    assert_eq!(r, 2);
    assert_eq!(vars, ["c", "a"]);
}

#[trace_ownership]
fn question_mark(input: &str) -> Result<u32, std::num::ParseIntError> {
    let a = noisy("a");
    let n: u32 = input.parse()?;
    let b = noisy("b");
    let _ = (&a, &b);
    Ok(n)
}

#[test]
fn question_mark_exits_drop_what_is_in_scope() {
    let (r, trace, vars, _) = run_checked(|| question_mark("x"));
    assert!(r.is_err());
    assert_eq!(vars, ["a"]);
    // The drop is shown at the function's closing brace, left early by the `?`.
    let parse_line = trace
        .events
        .iter()
        .find(|e| e.kind.as_str() == "borrow" && e.var == "input")
        .unwrap()
        .line;
    let a_drop = trace
        .events
        .iter()
        .find(|e| e.var == "a" && e.kind.as_str() == "drop")
        .unwrap();
    assert_eq!(a_drop.line, parse_line + 4, "{trace}");
    assert_eq!(
        a_drop.detail.as_deref(),
        Some(format!("left early at line {parse_line}").as_str())
    );
    let (r, trace, vars, _) = run_checked(|| question_mark("7"));
    assert_eq!(r, Ok(7));
    assert_eq!(vars, ["b", "a"]);
    // No early exit: the drops happen at the closing brace, after the `?` line.
    let a_bind = trace
        .events
        .iter()
        .find(|e| e.var == "a" && e.kind.as_str() == "bind")
        .unwrap()
        .line;
    let a_drop = trace
        .events
        .iter()
        .find(|e| e.var == "a" && e.kind.as_str() == "drop")
        .unwrap();
    assert_eq!(a_drop.line, a_bind + 5);
}

#[trace_ownership]
fn labelled_break() -> u32 {
    let mut found = 0;
    'outer: for i in 0..3u32 {
        let row = noisy("row");
        for j in 0..3u32 {
            let cell = noisy("cell");
            let _ = (&row, &cell);
            if i == 1 && j == 1 {
                found = i * 10 + j;
                break 'outer;
            }
        }
    }
    found
}

#[test]
fn labelled_break_drops_inner_then_outer_iteration_values() {
    let (r, trace, vars, _) = run_checked(labelled_break);
    assert_eq!(r, 11);
    // Iteration i=0: three cells then the row; i=1: cell (j=0), then the break drops cell and row.
    assert_eq!(vars, ["cell", "cell", "cell", "row", "cell", "cell", "row"]);
    let folded = trace
        .events
        .iter()
        .filter(|e| e.kind.as_str() == "folded")
        .count();
    assert_eq!(folded, 0, "three iterations are kept by default");
}

#[trace_ownership]
fn loop_iterations(n: u32) -> u32 {
    let mut total = 0;
    for i in 0..n {
        let item = noisy("item");
        let _ = &item;
        total += i;
    }
    total
}

#[test]
fn each_iteration_drops_its_own_values() {
    let (r, _, vars, real) = run_checked(|| loop_iterations(3));
    assert_eq!(r, 3);
    assert_eq!(vars, ["item"; 3]);
    assert_eq!(real.len(), 3);
}

#[test]
fn long_loops_are_folded_and_counted() {
    reset();
    let (r, trace) = trace_ownership::capture(|| loop_iterations(1000));
    assert_eq!(r, (0..1000u32).sum::<u32>());
    assert_eq!(real_drops().len(), 1000, "every value really dropped");
    let folded: Vec<_> = trace
        .events
        .iter()
        .filter(|e| e.kind.as_str() == "folded")
        .collect();
    assert_eq!(folded.len(), 1);
    assert_eq!(folded[0].count, Some(997));
    // Bounded: the kept iterations plus a fixed overhead, not 1000 iterations' worth.
    assert!(trace.events.len() < 40, "{} events", trace.events.len());
    assert!(trace
        .to_string()
        .contains("997 more loop iterations folded"));
}

#[trace_ownership]
fn panics_midway() {
    let a = noisy("a");
    let b = noisy("b");
    let _ = (&a, &b);
    panic!("boom");
}

#[test]
fn a_panic_still_yields_the_trace_with_unwinding_drops() {
    let (r, trace, vars, real) = run_checked(|| std::panic::catch_unwind(panics_midway));
    assert!(r.is_err(), "the panic continues unchanged");
    assert_eq!(vars, ["b", "a"]);
    assert_eq!(real, ["b", "a"]);
    let drops: Vec<_> = trace
        .events
        .iter()
        .filter(|e| e.kind.as_str() == "drop")
        .collect();
    assert!(drops
        .iter()
        .all(|e| e.detail.as_deref().unwrap_or("").contains("unwinding")));
    let exit = trace.events.last().unwrap();
    assert_eq!(exit.kind.as_str(), "fn_exit");
    assert_eq!(exit.detail.as_deref(), Some("unwinding"));
}

#[trace_ownership]
fn question_mark_then_nothing(name: Noisy, check: Result<(), String>) -> Result<(), String> {
    let _kept = name;
    check?;
    Ok(())
}

/// A `?` that does not return leaves nothing behind: when it is the last statement that
/// records anything, the drops at the closing brace still happen there, not "left early".
/// Ground truth: the function's result says whether the `?` returned, the logging `Drop`
/// where `_kept` was dropped.
#[test]
fn a_question_mark_that_does_not_return_is_not_an_early_exit() {
    let (r, trace, vars, real) = run_checked(|| question_mark_then_nothing(noisy("n"), Ok(())));
    assert_eq!(r, Ok(()));
    assert_eq!(
        (vars, real),
        (vec!["_kept".to_string()], vec!["n".to_string()])
    );
    let early: Vec<String> = trace
        .events
        .iter()
        .filter(|e| {
            e.detail
                .as_deref()
                .is_some_and(|d| d.starts_with("left early"))
        })
        .map(|e| format!("{} {}", e.kind.as_str(), e.var))
        .collect();
    assert_eq!(early, Vec::<String>::new(), "{trace}");
    let kept_bind = trace
        .events
        .iter()
        .find(|e| e.kind == EventKind::Bind && e.var == "_kept")
        .unwrap()
        .line;
    let exit = trace
        .events
        .iter()
        .find(|e| e.kind == EventKind::FnExit)
        .unwrap();
    assert_eq!(
        exit.line,
        kept_bind - 1,
        "the call's end is shown at the function, not at the `?`"
    );
    // The same `?` returning: the drop says so.
    let (r, trace, _, _) =
        run_checked(|| question_mark_then_nothing(noisy("n"), Err("no".to_string())));
    assert!(r.is_err());
    let drop = trace
        .events
        .iter()
        .find(|e| e.kind == EventKind::Dropped && e.var == "_kept")
        .unwrap();
    assert_eq!(
        drop.detail.as_deref(),
        Some(format!("left early at line {}", kept_bind + 1).as_str())
    );
}

#[trace_ownership]
fn if_let_binding(inside: bool) -> usize {
    let maybe = if inside { Some(noisy("inside")) } else { None };
    let len = if let Some(n) = maybe { n.0.len() } else { 0 };
    len
}

#[test]
fn an_if_let_binding_takes_the_value_and_drops_it_at_the_end_of_its_block() {
    // `if let Some(n) = maybe` moves the `Noisy` out of `maybe` into `n`, which is dropped at
    // the `}` of the `if` block, before `len` is bound; `maybe` has nothing left to drop.
    let (r, trace, vars, real) = run_checked(|| if_let_binding(true));
    assert_eq!(r, 6);
    assert_eq!(vars, ["n"]);
    assert_eq!(real, ["inside"]);
    assert_eq!(
        story(&trace, &["bind", "drop"]),
        [
            "bind inside",
            "bind maybe",
            "bind n",
            "drop n",
            "bind len",
            "drop len",
            "drop inside"
        ]
    );
}

/// Unsafe only by its name: it reads nothing through a raw pointer.
unsafe fn unchecked_len(n: &Noisy) -> usize {
    n.0.len()
}

#[trace_ownership]
fn values_of_every_kind_of_block(rounds: u32) -> usize {
    let mut total = 0;
    let mut left = rounds;
    while left > 0 {
        let w = noisy("while");
        total += w.0.len();
        left -= 1;
    }
    let mut stack = vec![noisy("first"), noisy("second")];
    while let Some(popped) = stack.pop() {
        total += popped.0.len();
    }
    loop {
        let l = noisy("loop");
        total += l.0.len();
        left += 1;
        if left == 2 {
            break;
        }
    }
    let u = unsafe {
        let inner = noisy("unsafe");
        unchecked_len(&inner)
    };
    total + u
}

#[test]
fn a_while_a_while_let_a_loop_and_an_unsafe_block_each_drop_their_own_values() {
    // Each value declared in a block (or bound by `while let`) is dropped at that block's `}`,
    // once per iteration: `stack.pop()` hands out "second" first.
    let (r, trace, vars, real) = run_checked(|| values_of_every_kind_of_block(2));
    assert_eq!(r, 5 + 5 + 6 + 5 + 4 + 4 + 6);
    assert_eq!(
        real,
        ["while", "while", "second", "first", "loop", "loop", "unsafe"]
    );
    assert_eq!(vars, ["w", "w", "popped", "popped", "l", "l", "inner"]);
    // Each drop is reported at the closing brace of its own block.
    let drop_lines: Vec<u32> = trace
        .events
        .iter()
        .filter(|e| e.kind.as_str() == "drop" && vars.contains(&e.var.to_string()))
        .map(|e| e.line)
        .collect();
    let first = drop_lines[0];
    assert_eq!(
        drop_lines,
        [
            first,
            first,
            first + 4,
            first + 4,
            first + 12,
            first + 12,
            first + 16
        ]
    );
}

#[trace_ownership]
fn values_of_an_async_block() -> usize {
    let future = async {
        let inside = noisy("async");
        inside.0.len()
    };
    block_on(future)
}

#[test]
fn an_async_block_drops_its_own_values_when_it_runs() {
    // `inside` belongs to the async block: it is bound and dropped while the future is polled
    // (by `block_on`), at the block's `}`.
    let (r, trace, vars, real) = run_checked(values_of_an_async_block);
    assert_eq!(r, 5);
    assert_eq!(real, ["async"]);
    assert_eq!(vars, ["inside"]);
    let bind = trace
        .events
        .iter()
        .position(|e| e.kind.as_str() == "bind" && e.var == "inside");
    let drop = trace
        .events
        .iter()
        .position(|e| e.kind.as_str() == "drop" && e.var == "inside");
    assert!(bind < drop && bind.is_some(), "{trace}");
}

#[trace_ownership]
fn labelled_block_arm(o: Option<Noisy>, early: bool) -> usize {
    match o {
        Some(n) => 'arm: {
            if early {
                break 'arm 0;
            }
            n.0.len()
        }
        None => 0,
    }
}

#[test]
fn a_match_arms_binding_is_dropped_at_the_closing_brace_of_its_labelled_block() {
    for early in [false, true] {
        let (_, trace, vars, real) = run_checked(|| labelled_block_arm(Some(noisy("n")), early));
        assert_eq!((vars, real), (vec!["n".to_string()], vec!["n".to_string()]));
        let line_of = |kind: &str| {
            trace
                .events
                .iter()
                .find(|e| e.kind.as_str() == kind && e.var == "n")
                .unwrap()
                .line
        };
        // `Some(n) => 'arm: {` is the bind's line; the block's `}` is five lines below.
        assert_eq!(line_of("drop"), line_of("bind") + 5, "{trace}");
    }
}

fn add(total: &mut usize, n: usize) {
    *total += n;
}

/// Match arms whose bodies span lines, one of each shape: the binding `n` is dropped when the
/// arm's body ends, at its last line. (Not formatted by rustfmt, which would wrap some bodies in
/// blocks, and so change their shapes.)
#[trace_ownership]
#[allow(
    unused_unsafe,
    clippy::single_match,
    clippy::match_single_binding,
    clippy::never_loop
)]
#[rustfmt::skip]
fn arm_ends(k: u8) -> usize {
    let mut total = 0;
    match (k, Some(noisy("n"))) {
        (0, Some(n)) => unsafe {
            total += n.0.len();
        },
        (1, Some(n)) => loop {
            total += n.0.len();
            break;
        },
        (2, Some(n)) => while total == 0 {
            total += n.0.len();
        },
        (3, Some(n)) => for _ in 0..1 {
            total += n.0.len();
        },
        (4, Some(n)) => if total == 0 {
            total += n.0.len();
        },
        (5, Some(n)) => if total == 1 {
            total += 1;
        } else {
            total += n.0.len();
        },
        (6, Some(n)) => match total {
            _ => total += n.0.len(),
        },
        (7, Some(n)) => add(
            &mut total, n.0.len(),
        ),
        (8, Some(mut n)) => n.0.truncate(
            5,
        ),
        (9, Some(n)) => println!(
            "{}", n.0
        ),
        (10, Some(n)) => total = n.0.len(
        ),
        (11, Some(n)) => total += n.0.len() + usize::from(
            k,
        ) - 11,
        _ => {}
    }
    total
}

#[test]
fn a_match_arms_binding_is_dropped_at_the_end_of_its_body_whatever_its_shape() {
    for k in 0..=11u8 {
        let (_, trace, vars, real) = run_checked(|| arm_ends(k));
        assert_eq!(
            (&vars, &real),
            (&vec!["n".to_string()], &vec!["n".to_string()]),
            "{k}"
        );
        let line_of = |kind: &str| {
            trace
                .events
                .iter()
                .find(|e| e.kind.as_str() == kind && e.var == "n")
                .unwrap_or_else(|| panic!("{kind} of n for {k}\n{trace}"))
                .line
        };
        let extra = match k {
            1 => 3,
            5 => 4,
            10 => 1,
            _ => 2,
        };
        assert_eq!(line_of("drop"), line_of("bind") + extra, "arm {k}\n{trace}");
    }
}

fn unwinding_report(n: Noisy) -> usize {
    n.0.len()
}

#[trace_ownership]
fn given_to_a_function_named_like_a_note() -> usize {
    let s = noisy("abc");
    unwinding_report(s)
}

#[test]
fn a_name_that_contains_the_words_of_a_note_is_not_that_note() {
    // No panic happens: `s` is moved into `unwinding_report`, which drops it. The scope end's
    // detail names the function; the sentence must not take those words for "unwinding".
    let (n, trace, dropped, real) = run_checked(given_to_a_function_named_like_a_note);
    assert_eq!((n, dropped, real), (3, vec![], vec!["abc".to_string()]));
    let end = &trace.events[find(&trace, |e| e.kind == EventKind::OutOfScope && e.var == "s")];
    let detail = end
        .detail
        .as_ref()
        .expect("the scope end says where the value went");
    assert_eq!(&**detail, "moved to unwinding_report()");
    assert!(!detail.unwinding);
    let sentence = trace_ownership::explain::sentence(end);
    assert_eq!(
        sentence,
        "`s` goes out of scope: its value was moved to unwinding_report(), so nothing is dropped"
    );
}
