// Fixed twin of ../07-move-out-of-reference.rs: run it traced to see why the fix works.
// Rule: Borrowing does not give ownership: you cannot move out of a reference.
// Error: E0507
// Why: `*r` is the String that `s` owns; taking it by value through the reference would steal it.
// Hint: Clone it (`(*r).clone()`), or keep using the reference.
// Section: move-clone-copy
// Output: hi
// Check: s never moved

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let s = String::from("hi");
    let r = &s;
    let t = (*r).clone();
    println!("{t}");
}
