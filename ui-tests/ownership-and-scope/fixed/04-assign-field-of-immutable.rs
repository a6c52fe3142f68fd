// Fixed twin of ../04-assign-field-of-immutable.rs: run it traced to see why the fix works.
// Rule: A struct owned by an immutable binding cannot have its fields changed.
// Error: E0594
// Why: Mutability belongs to the binding: without `mut`, the whole value, fields included, is read-only.
// Hint: Declare the owner `let mut p`.
// Section: ownership-and-memory
// Output: 2

use trace_ownership::trace_ownership;

struct Point {
    x: i32,
}

#[trace_ownership]
fn main() {
    let mut p = Point { x: 1 };
    p.x = 2;
    println!("{}", p.x);
}
