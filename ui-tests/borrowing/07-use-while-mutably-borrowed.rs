// Rule: While a mutable borrow is in use, the value cannot be used any other way.
// Error: E0503
// Why: `r` may still change `x`, so reading `x` directly would race with it.
// Hint: Read through `r`, or end the mutable borrow first.
// Section: borrowing-and-references
// Output: 3
// #[trace_ownership]
fn main() {
    let mut x = 1;
    let r = &mut x;
    let y = x + 1;
    *r += 1;
    println!("{y}");
}
