// Fixed twin of ../04-refcell-shared-across-threads.rs: run it traced to see why the fix works.
// Rule: `RefCell` checks borrows at run time for one thread only.
// Error: E0277
// Why: Its borrow counter is not atomic, so `RefCell` is not `Sync`, and an `Arc<RefCell<_>>` cannot be shared across threads.
// Hint: Use `Arc<Mutex<_>>`.
// Section: borrowing-and-references
// Output: 1
// Check: exactly 2 owners of shared

use trace_ownership::trace_ownership;

use std::sync::{Arc, Mutex};
use std::thread;

#[trace_ownership]
fn main() {
    let shared = Arc::new(Mutex::new(0));
    let c = Arc::clone(&shared);
    let h = thread::spawn(move || *c.lock().unwrap() += 1);
    h.join().unwrap();
    println!("{}", shared.lock().unwrap());
}
