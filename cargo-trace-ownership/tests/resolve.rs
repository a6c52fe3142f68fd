//! The resolver, rule by rule, on traces written by hand against the recorded MIR of
//! `tests/fixtures/receivers.rs` (positions are that file's lines and columns).

use cargo_trace_ownership::facts::Facts;
use cargo_trace_ownership::resolve::{resolve, NoteKind, Resolution};
use trace_ownership_runtime::{Event, EventKind, Evidence, Trace};

fn facts() -> Facts {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/receivers.mir");
    Facts::from_mir(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn ev(kind: EventKind, var: &str, line: u32, col: u32) -> Event {
    Event::new(kind, var.to_string(), line, col)
}

fn with(mut e: Event, f: impl FnOnce(&mut Event)) -> Event {
    f(&mut e);
    e
}

/// A trace of `main` in `receivers.rs` with these events between its enter and exit.
fn trace(events: Vec<Event>) -> Trace {
    let mut t = Trace::new("main", "receivers.rs");
    t.events
        .push(with(ev(EventKind::FnEnter, "main", 32, 4), |e| {
            e.detail = Some("receivers.rs".into())
        }));
    t.events.extend(events);
    t.events.push(ev(EventKind::FnExit, "main", 32, 4));
    for (i, e) in t.events.iter_mut().enumerate() {
        e.seq = i as u64;
    }
    t
}

fn run(events: Vec<Event>) -> Resolution {
    resolve(&trace(events), &facts())
}

fn kinds(r: &Resolution) -> Vec<(&'static str, String, Option<String>, Option<&'static str>)> {
    r.trace
        .events
        .iter()
        .filter(|e| !matches!(e.kind, EventKind::FnEnter | EventKind::FnExit))
        .map(|e| {
            (
                e.kind.as_str(),
                e.var.to_string(),
                e.to.as_deref().or(e.detail.as_deref()).map(str::to_string),
                e.evidence.map(|x| x.as_str()),
            )
        })
        .collect()
}

fn s(x: &str) -> Option<String> {
    Some(x.to_string())
}

#[test]
fn a_receiver_known_only_as_a_reference_becomes_a_mutable_borrow() {
    // `c.bump();` recorded as "used by bump() through a reference (shared or mutable)".
    let r = run(vec![with(ev(EventKind::Borrowed, "c", 34, 5), |e| {
        e.to = Some("bump()".into());
        e.of = Some("c".into());
        e.evidence = Some(Evidence::UsedLater);
        e.detail = Some("method receiver".into());
    })]);
    assert_eq!(
        kinds(&r),
        vec![("borrow_mut", "c".into(), s("bump()"), Some("compiler"))]
    );
    assert_eq!(r.trace.events[1].detail, None);
    assert_eq!(r.notes_of(NoteKind::Resolved).count(), 1);
}

#[test]
fn a_convention_borrow_that_was_a_move_loses_its_end_and_its_drop() {
    // `let r = h.join().unwrap();` judged a borrow by `join`'s name; then `h` "dropped" at the
    // end of `main`.
    let r = run(vec![
        with(ev(EventKind::Borrowed, "h", 42, 13), |e| {
            e.to = Some("r".into());
            e.detail = Some("join()".into());
            e.evidence = Some(Evidence::Convention);
        }),
        with(ev(EventKind::BorrowEnd, "h", 42, 9), |e| {
            e.to = Some("r".into())
        }),
        with(ev(EventKind::Dropped, "h", 45, 1), |e| {
            e.needs_drop = Some(true)
        }),
    ]);
    assert_eq!(
        kinds(&r),
        vec![
            ("move", "h".into(), s("join()"), Some("compiler")),
            (
                "out_of_scope",
                "h".into(),
                s("moved to join()"),
                Some("compiler")
            ),
        ]
    );
    // Renumbered after the borrow end was removed.
    let seqs: Vec<u64> = r.trace.events.iter().map(|e| e.seq).collect();
    assert_eq!(seqs, (0..r.trace.events.len() as u64).collect::<Vec<_>>());
    assert_eq!(r.notes_of(NoteKind::Contradiction).count(), 0);
}

#[test]
fn a_maybe_move_that_was_a_copy_makes_the_scope_end_a_drop() {
    // `let d = norm(p);` with `Point: Copy`, which the macro could not see.
    let r = run(vec![
        with(ev(EventKind::MaybeMove, "p", 38, 18), |e| {
            e.to = Some("norm()".into());
            e.evidence = Some(Evidence::Unknown);
        }),
        with(ev(EventKind::OutOfScope, "p", 45, 1), |e| {
            e.detail = Some("may have been taken by norm()".into());
            e.evidence = Some(Evidence::Unknown);
            e.needs_drop = Some(false);
        }),
    ]);
    assert_eq!(
        kinds(&r),
        vec![
            ("copy", "p".into(), s("norm()"), Some("compiler")),
            ("drop", "p".into(), None, Some("compiler")),
        ]
    );
}

#[test]
fn a_maybe_move_that_was_a_move_stays_out_of_scope() {
    // `let label = c.finish();` with `fn finish(self)`.
    let r = run(vec![
        with(ev(EventKind::MaybeMove, "c", 43, 17), |e| {
            e.to = Some("finish()".into());
            e.evidence = Some(Evidence::Unknown);
            e.detail = Some("method receiver".into());
        }),
        with(ev(EventKind::OutOfScope, "c", 45, 1), |e| {
            e.detail = Some("may have been taken by finish()".into());
            e.evidence = Some(Evidence::Unknown);
            e.needs_drop = Some(true);
        }),
    ]);
    assert_eq!(
        kinds(&r),
        vec![
            ("move", "c".into(), s("finish()"), Some("compiler")),
            (
                "out_of_scope",
                "c".into(),
                s("moved to finish()"),
                Some("compiler")
            ),
        ]
    );
    assert_eq!(r.notes_of(NoteKind::Contradiction).count(), 0);
}

#[test]
fn a_hedge_with_no_fact_is_left_and_reported() {
    let e = with(ev(EventKind::MaybeMove, "c", 39, 1), |e| {
        e.to = Some("mystery()".into());
        e.evidence = Some(Evidence::Unknown);
    });
    let r = run(vec![e.clone()]);
    assert_eq!(r.trace.events[1].kind, EventKind::MaybeMove);
    assert_eq!(r.trace.events[1].evidence, Some(Evidence::Unknown));
    let notes: Vec<_> = r.notes_of(NoteKind::NoFact).collect();
    assert_eq!(notes.len(), 1);
    assert!(
        notes[0].text.contains("the MIR has no use of `c` here"),
        "{}",
        notes[0]
    );
}

#[test]
fn an_event_the_mir_contradicts_is_reported_never_merged() {
    // `let q = p;` recorded as a move (as if `Point` had drop code): the MIR says copy.
    let r = run(vec![with(ev(EventKind::Move, "p", 37, 13), |e| {
        e.to = Some("q".into());
        e.evidence = Some(Evidence::DropGlue);
    })]);
    assert_eq!(
        kinds(&r),
        vec![("move", "p".into(), s("q"), Some("drop_glue"))]
    );
    let notes: Vec<_> = r.notes_of(NoteKind::Contradiction).collect();
    assert_eq!(notes.len(), 1);
    assert!(
        notes[0].text.contains("the compiler's MIR says copy"),
        "{}",
        notes[0]
    );
}

#[test]
fn a_drop_where_the_mir_has_none_is_reported() {
    // `c` dropped at the end of `main`, though `finish` consumed it: the MIR drops `c` there
    // only while unwinding.
    let r = run(vec![with(ev(EventKind::Dropped, "c", 45, 1), |e| {
        e.needs_drop = Some(true)
    })]);
    let notes: Vec<_> = r.notes_of(NoteKind::Contradiction).collect();
    assert_eq!(notes.len(), 1, "{:?}", r.notes);
    assert!(notes[0].text.contains("no drop of it here"));
    // `label` is dropped there by the MIR too: nothing to report.
    let r = run(vec![with(ev(EventKind::Dropped, "label", 45, 1), |e| {
        e.needs_drop = Some(true)
    })]);
    assert_eq!(r.notes_of(NoteKind::Contradiction).count(), 0);
}

#[test]
fn facts_no_event_accounts_for_are_reported() {
    // Only `c` is bound and nothing else is recorded: its uses on other lines are listed.
    let r = run(vec![ev(EventKind::Bind, "c", 33, 13)]);
    let lines: Vec<u32> = r
        .notes_of(NoteKind::UnmatchedFact)
        .map(|n| n.pos.line)
        .collect();
    assert_eq!(lines, vec![34, 35, 43], "{:?}", r.notes);
}

#[test]
fn the_trace_given_is_not_changed() {
    let t = trace(vec![with(ev(EventKind::MaybeMove, "p", 38, 18), |e| {
        e.to = Some("norm()".into());
        e.evidence = Some(Evidence::Unknown);
    })]);
    let before = t.clone();
    let r = resolve(&t, &facts());
    assert_eq!(t, before);
    assert_ne!(r.trace, before);
}

#[test]
fn a_convention_move_that_was_a_borrow_makes_its_scope_end_a_drop() {
    // `let q = c.peek();` as if judged a move by the name (`peek` takes `&self`): the end the
    // run recorded, "moved to peek()", becomes the drop it is. Another move's end would not.
    let moved = |to: &str| {
        run(vec![
            with(ev(EventKind::Move, "c", 35, 16), |e| {
                e.to = Some("peek()".into());
                e.evidence = Some(Evidence::Convention);
            }),
            with(ev(EventKind::OutOfScope, "c", 45, 1), |e| {
                e.detail = Some(format!("moved to {to}").into())
            }),
        ])
    };
    assert_eq!(
        kinds(&moved("peek()"))[1],
        ("drop", "c".into(), None, Some("compiler"))
    );
    assert_eq!(
        kinds(&moved("finish()"))[1],
        ("out_of_scope", "c".into(), s("moved to finish()"), None)
    );
}

#[test]
fn a_new_value_after_a_move_is_dropped_at_the_end() {
    // `h` moved into `join()`, then given a new value: the drop at the end is the new value's.
    let r = run(vec![
        with(ev(EventKind::Borrowed, "h", 42, 13), |e| {
            e.to = Some("r".into());
            e.detail = Some("join()".into());
            e.evidence = Some(Evidence::Convention);
        }),
        ev(EventKind::Assign, "h", 44, 5),
        with(ev(EventKind::Dropped, "h", 45, 1), |e| {
            e.needs_drop = Some(true)
        }),
    ]);
    assert_eq!(kinds(&r)[2].0, "drop");
}

/// `..user1` and `..user2` (in `tests/fixtures/struct_update.rs`): the default trace cannot tell
/// whether the fields not written were moved or copied; the MIR moves `user1.username` (so
/// `user1` ends partly moved) and only copies `user2.active` (so `user2` is dropped whole).
#[test]
fn struct_update_syntax_is_decided_field_by_field() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/struct_update.mir"
    );
    let facts = Facts::from_mir(&std::fs::read_to_string(path).unwrap()).unwrap();
    let given = |var: &str, line: u32, to: &str| {
        with(ev(EventKind::MaybeMove, var, line, 11), |e| {
            e.to = Some(to.to_string().into());
            e.detail = Some("partial move".into());
            e.evidence = Some(Evidence::Unknown);
        })
    };
    let maybe_end = |var: &str, to: &str| {
        with(ev(EventKind::OutOfScope, var, 27, 1), |e| {
            e.detail = Some(format!("may have been taken by {to}").into());
            e.evidence = Some(Evidence::Unknown);
            e.needs_drop = Some(true);
        })
    };
    let mut t = Trace::new("main", "struct_update.rs");
    t.events = vec![
        with(ev(EventKind::FnEnter, "main", 11, 4), |e| {
            e.detail = Some("struct_update.rs".into())
        }),
        ev(EventKind::Bind, "user1", 12, 9),
        given(
            "the other fields of `user1`",
            19,
            "a new `User` (`..user1`)",
        ),
        ev(EventKind::Bind, "user2", 17, 9),
        given(
            "the other fields of `user2`",
            24,
            "a new `User` (`..user2`)",
        ),
        ev(EventKind::Bind, "flags", 21, 9),
        ev(EventKind::Dropped, "flags", 27, 1),
        maybe_end("user2", "a new `User` (`..user2`)"),
        maybe_end("user1", "a new `User` (`..user1`)"),
        ev(EventKind::FnExit, "main", 11, 4),
    ];
    let r = resolve(&t, &facts);
    let got: Vec<(&str, String, Option<String>, Option<&str>)> = r
        .trace
        .events
        .iter()
        .filter(|e| {
            !matches!(
                e.kind,
                EventKind::FnEnter | EventKind::FnExit | EventKind::Bind
            )
        })
        .map(|e| {
            (
                e.kind.as_str(),
                e.var.to_string(),
                e.detail.as_deref().map(str::to_string),
                e.evidence.map(|x| x.as_str()),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "move",
                "the other fields of `user1`".into(),
                s("partial move"),
                Some("compiler")
            ),
            (
                "copy",
                "the other fields of `user2`".into(),
                s("partial move"),
                Some("compiler")
            ),
            ("drop", "flags".into(), None, None),
            ("drop", "user2".into(), None, Some("compiler")),
            (
                "out_of_scope",
                "user1".into(),
                s("partially moved"),
                Some("compiler")
            ),
        ]
    );
    assert_eq!(r.notes_of(NoteKind::NoFact).count(), 0);
    assert_eq!(r.notes_of(NoteKind::Contradiction).count(), 0);
}
