// Fixed twin of ../wrong/25-share-without-copying-the-data.rs: Make `samples` an `Rc<Vec<u32>>` (`Rc::new(...)`, with `use std::rc::Rc;`) and give each
// Rule: `Rc::clone` adds an owner to the same heap value; `.clone()` of a `Vec` copies all its data.
// Error: none
// Why: `left` and `right` only read the samples, but each `samples.clone()` copies all 4000 bytes
// Why: into a new heap block: three copies of the same numbers. Shared ownership needs no copy:
// Why: an `Rc` counts its owners and frees the one value when the last owner is dropped.
// Hint: Make `samples` an `Rc<Vec<u32>>` (`Rc::new(...)`, with `use std::rc::Rc;`) and give each
// Hint: reader its own owner with `Rc::clone(&samples)`.
// Section: no-garbage-collector
// Output: left sees 1000 samples, right sees 999 last
// Check: heap peak at most 5100 bytes
// Check: exactly 3 owners of samples

use trace_ownership::trace_ownership;

use std::rc::Rc;

#[trace_ownership]
fn main() {
    let samples: Rc<Vec<u32>> = Rc::new((0..1000).collect());
    let left = Rc::clone(&samples);
    let right = Rc::clone(&samples);
    println!(
        "left sees {} samples, right sees {} last",
        left.len(),
        right[999]
    );
}
