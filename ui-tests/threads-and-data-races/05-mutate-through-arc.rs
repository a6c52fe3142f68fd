// Rule: `Arc` shares ownership, so it only gives shared (read-only) access.
// Error: E0594
// Why: Several threads may hold the same `Arc`; letting one write through it would be a data race.
// Hint: Put the value in a `Mutex` (or an atomic) inside the `Arc`.
// Section: borrowing-and-references
// Output: 6
// Check: n borrowed by lock
use std::sync::Arc;
// #[trace_ownership]
fn main() {
    let n = Arc::new(5);
    *n += 1;
    println!("{n}");
}
