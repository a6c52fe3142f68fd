// Fixed twin of ../09-assign-through-shared-reference.rs: run it traced to see why the fix works.
// Rule: You cannot assign through a shared reference.
// Error: E0594
// Why: `&i32` gives read-only access to the value it points to.
// Hint: Take `&mut i32` and pass `&mut n`.
// Section: borrowing-and-references
// Output: 0
// Check: n borrowed by reset

use trace_ownership::trace_ownership;

#[trace_ownership]
fn reset(x: &mut i32) {
    *x = 0;
}

#[trace_ownership]
fn main() {
    let mut n = 5;
    n += 1;
    reset(&mut n);
    println!("{n}");
}
