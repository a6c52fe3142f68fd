// Rule: `Rc` counts owners without synchronization: it cannot cross threads.
// Error: E0277
// Why: Two threads updating the same non-atomic count could corrupt it (a data race), so `Rc` is not `Send`.
// Hint: Use `Arc` (atomic reference counting).
// Section: borrowing-and-references
// Output: 5
// Check: no clone
use std::rc::Rc;
use std::thread;
// #[trace_ownership]
fn main() {
    let shared = Rc::new(5);
    let h = thread::spawn(move || println!("{shared}"));
    h.join().unwrap();
}
