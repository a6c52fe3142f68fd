// Rule: `Rc` counts owners without synchronization: it cannot cross threads.
// Error: E0277
// Why: Two threads updating the same non-atomic count could corrupt it (a data race), so `Rc` is not `Send`.
// Hint: Use `Arc` (atomic reference counting).
// (`// #[trace_ownership]` marks where the traced copy of this exercise puts the attribute.)

use std::rc::Rc;
use std::thread;

// #[trace_ownership]
fn main() {
    let shared = Rc::new(5);
    let h = thread::spawn(move || println!("{shared}"));
    h.join().unwrap();
}
