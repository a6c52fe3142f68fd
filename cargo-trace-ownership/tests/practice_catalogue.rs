//! The built-in practice exercises, as the command sees them: every header parses, every
//! practice exercise has a fixed twin and something its fix must show, the order follows the
//! seed sections, and names are unique. The exercises themselves are checked by running them
//! (`tests/practice.rs`, and `practice check --all --solutions` in CI).

use cargo_trace_ownership::practice::exercise::{catalogue, find, Header, EMBEDDED, SECTIONS};

#[test]
fn every_header_parses_and_every_practice_exercise_is_complete() {
    let all = catalogue(EMBEDDED).unwrap_or_else(|e| panic!("{e}"));
    assert!(!all.is_empty());
    for e in &all {
        let h = &e.header;
        let at = format!("{}/{}", e.stored.topic, e.stored.stem);
        assert!(
            !h.rule.is_empty() && !h.why.is_empty() && !h.hint.is_empty(),
            "{at}: Rule, Why and Hint"
        );
        assert!(e.stored.twin.is_some(), "{at} has no fixed twin");
        if e.stored.compile_fail {
            assert!(e.stored.stderr.is_some(), "{at} has no .stderr");
            assert_ne!(
                h.error, "none",
                "{at}: a compile-fail exercise names its error"
            );
        } else {
            assert_eq!(
                h.error, "none",
                "{at}: a property exercise has `Error: none`"
            );
            assert!(
                !h.checks.is_empty() && !h.output.is_empty(),
                "{at}: a property exercise needs Check and Output lines"
            );
        }
        assert!(
            !h.checks.is_empty() || !h.output.is_empty(),
            "{at}: nothing its fix must show"
        );
    }
    // macro-misuse is about the tool: never a practice exercise.
    assert!(all.iter().all(|e| e.stored.topic != "macro-misuse"));
}

#[test]
fn the_order_follows_the_seed_sections_and_names_are_unique() {
    let all = catalogue(EMBEDDED).unwrap();
    let sections: Vec<usize> = all
        .iter()
        .map(|e| {
            SECTIONS
                .iter()
                .position(|s| Some(*s) == e.header.section.as_deref())
                .unwrap()
        })
        .collect();
    assert!(sections.windows(2).all(|w| w[0] <= w[1]), "{sections:?}");
    for e in &all {
        assert_eq!(find(&all, &e.name).unwrap().stored, e.stored);
        let stem = format!("{}/{}", e.stored.topic, e.stored.stem);
        assert_eq!(find(&all, &stem).unwrap().name, e.name);
    }
    assert!(find(&all, "no-such-exercise")
        .unwrap_err()
        .contains("no exercise named `no-such-exercise`"));
}

#[test]
fn header_mistakes_name_the_exercise_and_the_line() {
    let e = Header::parse("t/01-x", "// Rule: r\n// Section: garbage\n").unwrap_err();
    assert!(
        e.starts_with("exercise `t/01-x`, line 2: unknown section `garbage`"),
        "{e}"
    );
    let e = Header::parse("t/01-x", "// Rule: r\n// Error: none\n// Check: x moved\n").unwrap_err();
    assert!(
        e.starts_with("exercise `t/01-x`, line 3: unknown property `x moved`"),
        "{e}"
    );
    // The header ends at the first line that is not a `// ` comment.
    let h = Header::parse("t", "// Rule: r\nfn main() {}\n// Check: nonsense here\n").unwrap();
    assert!(h.checks.is_empty());
    // `Output:` keeps its spaces, after the one following the colon.
    let h = Header::parse("t", "// Output:   indented\n// Output:\n").unwrap();
    assert_eq!(h.output, ["  indented", ""]);
}
