// Fixed twin of ../01-thread-borrows-local.rs: Write `thread::spawn(move || ...)` to move `v` into the thread.
// Run traced, it shows why the fix works.

use trace_ownership::trace_ownership;

use std::thread;

#[trace_ownership]
fn main() {
    let v = vec![1, 2, 3];
    let h = thread::spawn(move || println!("{v:?}"));
    h.join().unwrap();
}
