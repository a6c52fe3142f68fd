// Fixed twin of ../05-assign-while-borrowed.rs: run it traced to see why the fix works.
// Rule: A value cannot be overwritten while it is borrowed.
// Error: E0506
// Why: `r` still refers to the old value; assigning would drop it under the reference.
// Hint: Use `r` before assigning.
// Section: borrowing-and-references
// Output: old
// Output: new
// Check: no clone

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let mut x = String::from("old");
    let r = &x;
    println!("{r}");
    x = String::from("new");
    println!("{x}");
}
