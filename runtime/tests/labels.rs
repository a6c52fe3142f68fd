//! One table of the macro's labels (issue 18): the words the macro writes into events that the
//! runtime reads back are the same in both tables, and each word the runtime writes is what
//! its events carry.

use trace_ownership_runtime::__private::labels;

/// The macro's own table, compiled from its source file.
#[path = "../../macros/src/labels.rs"]
mod macro_side;

#[test]
fn the_runtime_reads_the_words_the_macro_writes() {
    assert_eq!(macro_side::RETURN_VALUE, labels::RETURN_VALUE);
    assert_eq!(macro_side::CAPTURED, labels::CAPTURED);
    assert_eq!(macro_side::POINTEE, labels::POINTEE);
}

/// The two tables name no word twice with different meanings: a word the macro writes is not
/// also one of the runtime's own details.
#[test]
fn the_tables_do_not_overlap() {
    let runtime_own = [
        labels::PARAMETER,
        labels::PATTERN,
        labels::LOOP_VARIABLE,
        labels::CLOSURE_PARAMETER,
        labels::DECLARED,
        labels::METHOD_RECEIVER,
        labels::DROPPED_EARLY,
        labels::PARTIAL_MOVE,
        labels::REPLACED,
        labels::ENDED_WITH_CALL,
        labels::PARTIALLY_MOVED,
        labels::NEVER_GIVEN,
        labels::A_REFERENCE,
        labels::UNWINDING,
        labels::UNWINDING_FROM_PANIC,
    ];
    for word in [
        macro_side::RETURN_VALUE,
        macro_side::CAPTURED,
        macro_side::POINTEE,
    ] {
        assert!(!runtime_own.contains(&word), "{word:?} is in both tables");
    }
    let mut sorted = runtime_own.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(
        sorted.len(),
        runtime_own.len(),
        "a word twice in the runtime's table"
    );
}
