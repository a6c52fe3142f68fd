// Fixed twin of ../11-box-needs-deref.rs: run it traced to see why the fix works.
// Rule: A `Box` is a pointer to a value on the heap; `*b` reaches the value.
// Error: E0369
// Why: `b` is the Box (a pointer on the stack), not the number it points to: there is no `+` between a Box and an integer.
// Hint: Follow the pointer: `*b + 1`.
// Section: stack-vs-heap
// Output: 5 6
// Check: no clone
// Check: b never moved

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let b = Box::new(5);
    let n = *b + 1;
    println!("{b} {n}");
}
