// Fixed twin of ../05-mutate-through-arc.rs: run it traced to see why the fix works.
// Rule: `Arc` shares ownership, so it only gives shared (read-only) access.
// Error: E0594
// Why: Several threads may hold the same `Arc`; letting one write through it would be a data race.
// Hint: Put the value in a `Mutex` (or an atomic) inside the `Arc`.
// Section: borrowing-and-references
// Output: 6
// Check: n borrowed by lock

use trace_ownership::trace_ownership;

use std::sync::{Arc, Mutex};

#[trace_ownership]
fn main() {
    let n = Arc::new(Mutex::new(5));
    *n.lock().unwrap() += 1;
    println!("{}", n.lock().unwrap());
}
