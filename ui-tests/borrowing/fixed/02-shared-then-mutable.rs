// Fixed twin of ../02-shared-then-mutable.rs: run it traced to see why the fix works.
// Rule: While a shared borrow is in use, the value cannot be borrowed mutably.
// Error: E0502
// Why: `r` still reads `s` after the `push_str`; changing `s` under it could invalidate what `r` sees.
// Hint: Use `r` for the last time before changing `s`.
// Section: borrowing-and-references
// Output: hi
// Check: no clone
// Check: s borrowed by push_str

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let mut s = String::from("hi");
    let r = &s;
    println!("{r}");
    s.push_str("!");
}
