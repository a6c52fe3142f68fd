// Fixed twin of ../wrong/23-copy-types-need-no-clone.rs: Drop the `.clone()`s: `let moved = point;` and `shift(point, 1.0)`.
// Rule: Simple types like integers and `(f64, f64)` are `Copy`: assigning or passing them copies the bits.
// Error: none
// Why: `point` is a pair of `f64`, a `Copy` type: `let moved = point;` already makes an independent
// Why: copy and `point` stays usable, so the `.clone()` calls only add noise.
// Hint: Drop the `.clone()`s: `let moved = point;` and `shift(point, 1.0)`.
// Section: move-clone-copy
// Output: (1.0, 2.0) (2.0, 2.0) (1.0, 2.0)
// Check: no clone

use trace_ownership::trace_ownership;

#[trace_ownership]
fn shift(p: (f64, f64), dx: f64) -> (f64, f64) {
    (p.0 + dx, p.1)
}

#[trace_ownership]
fn main() {
    let point = (1.0, 2.0);
    let moved = shift(point, 1.0);
    let kept = point;
    println!("{point:?} {moved:?} {kept:?}");
}
