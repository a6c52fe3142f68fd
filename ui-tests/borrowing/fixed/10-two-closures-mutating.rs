// Fixed twin of ../10-two-closures-mutating.rs: run it traced to see why the fix works.
// Rule: Each closure that changes a variable holds a mutable borrow of it.
// Error: E0499
// Why: Both closures borrow `count` mutably and both are used later: two `&mut` at once.
// Hint: Use one closure, or let the first finish before making the second.
// Section: borrowing-and-references
// Output: 0
// Check: inc called

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let mut count = 0;
    let mut inc = || count += 1;
    inc();
    let mut dec = || count -= 1;
    dec();
    println!("{count}");
}
