// Fixed twin of ../02-assign-twice-to-immutable.rs: run it traced to see why the fix works.
// Rule: Variables are immutable unless declared `mut`.
// Error: E0384
// Why: A `let` binding without `mut` promises its value never changes, so a second assignment is refused.
// Hint: Declare it `let mut x` if it must change, or shadow it with a new `let`.
// Section: ownership-and-memory
// Output: 5
// Output: 6

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let mut x = 5;
    println!("{x}");
    x = 6;
    println!("{x}");
}
