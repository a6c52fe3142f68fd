// Fixed twin of ../07-use-while-mutably-borrowed.rs: run it traced to see why the fix works.
// Rule: While a mutable borrow is in use, the value cannot be used any other way.
// Error: E0503
// Why: `r` may still change `x`, so reading `x` directly would race with it.
// Hint: Read through `r`, or end the mutable borrow first.
// Section: borrowing-and-references
// Output: 3

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let mut x = 1;
    let r = &mut x;
    *r += 1;
    let y = x + 1;
    println!("{y}");
}
