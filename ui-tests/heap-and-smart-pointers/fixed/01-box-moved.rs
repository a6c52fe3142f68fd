// Fixed twin of ../01-box-moved.rs: run it traced to see why the fix works.
// Rule: A `Box` owns its heap value; moving the Box moves that ownership.
// Error: E0382
// Why: `let c = b;` moves the Box (only its pointer is copied); `b` is no longer valid.
// Hint: Use `c`, or clone the Box if two copies are needed.
// Section: stack-vs-heap
// Output: 5 5
// Check: b never moved

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let b = Box::new(5);
    let c = b.clone();
    println!("{b} {c}");
}
