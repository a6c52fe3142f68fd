// Fixed twin of ../03-rc-sent-to-thread.rs: run it traced to see why the fix works.
// Rule: `Rc` counts owners without synchronization: it cannot cross threads.
// Error: E0277
// Why: Two threads updating the same non-atomic count could corrupt it (a data race), so `Rc` is not `Send`.
// Hint: Use `Arc` (atomic reference counting).
// Section: borrowing-and-references
// Output: 5
// Check: no clone

use trace_ownership::trace_ownership;

use std::sync::Arc;
use std::thread;

#[trace_ownership]
fn main() {
    let shared = Arc::new(5);
    let h = thread::spawn(move || println!("{shared}"));
    h.join().unwrap();
}
