//! The words the macro writes into events' `to` and `detail` fields (SCHEMA.md) that the runtime
//! reads back, in one table. The runtime's table (`runtime/src/labels.rs`) repeats them, since
//! the macro cannot depend on the runtime; `runtime/tests/labels.rs` compiles this file and
//! checks that the two agree. This file holds only plain constants, so that the test can
//! include it.

/// `to` of the move of a function's tail value out to its caller.
pub const RETURN_VALUE: &str = "return value";
/// `detail` of a variable's capture by a closure without `move`.
pub const CAPTURED: &str = "captured by a closure";
/// `detail` of a clone written `(*x).clone()`: the value `x` points to was cloned.
pub const POINTEE: &str = "the value it points to";
