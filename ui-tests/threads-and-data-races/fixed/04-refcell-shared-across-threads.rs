// Fixed twin of ../04-refcell-shared-across-threads.rs: Use `Arc<Mutex<_>>`.
// Run traced, it shows why the fix works.

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
