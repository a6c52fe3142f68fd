// Fixed twin of ../08-move-out-of-array.rs: run it traced to see why the fix works.
// Rule: Elements of an array of non-`Copy` values cannot be moved out by index.
// Error: E0508
// Why: The array owns its elements; moving one out by index would leave it partly empty.
// Hint: Borrow the element, or destructure the whole array.
// Section: move-clone-copy
// Output: x
// Check: no clone

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let a = [String::from("x"), String::from("y")];
    let first = &a[0];
    println!("{first}");
}
