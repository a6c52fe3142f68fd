//! What the macro knows of standard types by their names in the source. The runtime's
//! `types` module is the one source of this knowledge; the macro cannot depend on the runtime,
//! so it keeps this copy, which `runtime/tests/type_knowledge.rs` compiles and compares with the
//! runtime's list. This file holds only plain constants, so that the test can include it.

/// The types (by last path segment) whose heap block the runtime can report: a binding gets the
/// heap probe only when its written type, or its initializer's constructor, names one.
pub const HEAP_PROBED: &[&str] = &["String", "Vec", "Box", "Rc", "Arc"];
