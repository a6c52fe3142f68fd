// Fixed twin of ../03-rc-sent-to-thread.rs: Use `Arc` (atomic reference counting).
// Run traced, it shows why the fix works.

use trace_ownership::trace_ownership;

use std::sync::Arc;
use std::thread;

#[trace_ownership]
fn main() {
    let shared = Arc::new(5);
    let h = thread::spawn(move || println!("{shared}"));
    h.join().unwrap();
}
