// Rule: Variables are immutable unless declared `mut`.
// Error: E0384
// Why: A `let` binding without `mut` promises its value never changes, so a second assignment is refused.
// Hint: Declare it `let mut x` if it must change, or shadow it with a new `let`.
// Section: ownership-and-memory
// Output: 5
// Output: 6

// #[trace_ownership]
fn main() {
    let x = 5;
    println!("{x}");
    x = 6;
    println!("{x}");
}
