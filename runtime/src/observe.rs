//! Facts about a value taken as it flows into a binding, for variables the program never reads
//! again: reading such a variable afterwards would silence rustc's `unused_variables` warning, so
//! generated code instead passes the initializer through [`pass`] (`let s = pass(init);`), which
//! notes the value's facts on its way, and the binding's slot picks them up right after.
//!
//! The address is not known this way (the value is somewhere else while it passes), so it is
//! left out; the type, its size and its heap block are exact.

use crate::event::HeapFacts;
use crate::facts::{facts_of, Facts};
use crate::recorder;
use std::cell::Cell;

thread_local! {
    /// What the last [`pass`] on this thread saw, until a slot takes it.
    static PASSED: Cell<Option<(Facts, Option<HeapFacts>)>> = const { Cell::new(None) };
}

/// Returns `v`, noting its facts (while a trace records) for the binding it goes into.
///
/// ```
/// use trace_ownership_runtime::__private::pass;
/// let s = pass(String::from("hi"));
/// assert_eq!(s, "hi");
/// ```
#[inline]
pub fn pass<T>(v: T) -> T {
    if recorder::active() {
        note(facts_of(&v), None);
    }
    v
}

/// Like [`pass`], with the heap block `heap` finds in the value (generated code gives it a
/// [`crate::facts::HeapProbe`] where the value's outer type is known from the source).
#[inline]
pub fn pass_heap<T>(v: T, heap: impl FnOnce(&T) -> Option<HeapFacts>) -> T {
    if recorder::active() {
        let h = heap(&v);
        note(facts_of(&v), h);
    }
    v
}

#[cold]
fn note(mut facts: Facts, heap: Option<HeapFacts>) {
    // The value's address while it passes is not where the variable will keep it.
    facts.addr = 0;
    let _ = PASSED.try_with(|p| p.set(Some((facts, heap))));
}

/// The facts the last [`pass`] noted, taken.
pub(crate) fn take() -> Option<(Facts, Option<HeapFacts>)> {
    PASSED.try_with(|p| p.take()).ok().flatten()
}
