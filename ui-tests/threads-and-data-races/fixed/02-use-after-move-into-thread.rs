// Fixed twin of ../02-use-after-move-into-thread.rs: run it traced to see why the fix works.
// Rule: Moving a value into a thread gives the thread ownership.
// Error: E0382
// Why: `v` now belongs to the spawned thread; `main` cannot use it.
// Hint: Clone it for the thread, or get it back from `join()`.
// Section: move-clone-copy
// Output: 3 [1, 2, 3]
// Check: v never moved

use trace_ownership::trace_ownership;

use std::thread;

#[trace_ownership]
fn main() {
    let v = vec![1, 2, 3];
    let for_thread = v.clone();
    let h = thread::spawn(move || for_thread.len());
    println!("{} {:?}", h.join().unwrap(), v);
}
