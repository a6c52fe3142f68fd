// Rule: `RefCell` checks borrows at run time for one thread only.
// Error: E0277
// Why: Its borrow counter is not atomic, so `RefCell` is not `Sync`, and an `Arc<RefCell<_>>` cannot be shared across threads.
// Hint: Use `Arc<Mutex<_>>`.
// Section: borrowing-and-references
// Output: 1
// Check: exactly 2 owners of shared
use std::cell::RefCell;
use std::sync::Arc;
use std::thread;
// #[trace_ownership]
fn main() {
    let shared = Arc::new(RefCell::new(0));
    let c = Arc::clone(&shared);
    let h = thread::spawn(move || *c.borrow_mut() += 1);
    h.join().unwrap();
}
