//! The words of events' `detail` and `to` fields (SCHEMA.md) that the runtime writes or reads,
//! in one table: `site` writes them, `explain` and the recorder match on them, by these names.
//! The macro's own words are in `macros/src/labels.rs`; those the runtime reads are repeated
//! here, and `tests/labels.rs` checks that the two tables agree.

// Written by the macro (the runtime reads them).

/// `to` of the move of a function's tail value out to its caller.
pub const RETURN_VALUE: &str = "return value";
/// `detail` of a variable's capture by a closure without `move`.
pub const CAPTURED: &str = "captured by a closure";
/// `detail` of a clone written `(*x).clone()`: the value `x` points to was cloned.
pub const POINTEE: &str = "the value it points to";

// Written by the runtime.

/// `detail` of the `bind` of a function parameter.
pub const PARAMETER: &str = "parameter";
/// `detail` of the `bind` of a variable of a `match` arm, `if let`, `while let`, `let ... else`.
pub const PATTERN: &str = "pattern";
/// `detail` of the `bind` of a `for` loop's variable.
pub const LOOP_VARIABLE: &str = "loop variable";
/// `detail` of the `bind` of a closure's parameter.
pub const CLOSURE_PARAMETER: &str = "closure parameter";
/// `detail` of a `bind` of a variable declared without a value (`let x;`).
pub const DECLARED: &str = "declared without a value";
/// `detail` of a move, copy or borrow of a method's receiver.
pub const METHOD_RECEIVER: &str = "method receiver";
/// `detail` of the drop of a value given to `drop()`.
pub const DROPPED_EARLY: &str = "dropped early by drop()";
/// `detail` of a move of one field out of a variable.
pub const PARTIAL_MOVE: &str = "partial move";
/// `detail` of the drop of a variable's old value when it is assigned a new one.
pub const REPLACED: &str = "old value replaced by assignment";
/// `detail` of a borrow's end that comes with the call it was given to.
pub const ENDED_WITH_CALL: &str = "ended with the call";
/// `detail` of the scope end of a variable that was partly moved out.
pub const PARTIALLY_MOVED: &str = "partially moved";
/// `detail` of the scope end of a variable never given a value.
pub const NEVER_GIVEN: &str = "never given a value";
/// `detail` of the scope end of a reference (nothing is dropped).
pub const A_REFERENCE: &str = "a reference";
/// Start of the `detail` of the scope end of a variable moved away: `moved to {to}`.
pub const MOVED_TO: &str = "moved to ";
/// Start of the `detail` of the scope end of a variable a method may have taken.
pub const MAY_HAVE_BEEN_TAKEN: &str = "may have been taken by ";
/// Part of a `detail` (after `; `) saying the scope was left early: `left early at line {n}`.
pub const LEFT_EARLY: &str = "left early at line ";
/// Start of the `detail` of a `realloc`: `from {bytes} bytes at {addr:#x}`, the old block.
pub const RESIZED_FROM: &str = "from ";
/// Between the old block's size and address in the `detail` of a `realloc`.
pub const BYTES_AT: &str = " bytes at ";
/// The `detail` of a function's exit while unwinding.
pub const UNWINDING: &str = "unwinding";
/// Part of a `detail` (after `; `, or alone) of an event recorded while unwinding.
pub const UNWINDING_FROM_PANIC: &str = "unwinding from a panic";
