// Rule: Moving a value into a thread gives the thread ownership.
// Error: E0382
// Why: `v` now belongs to the spawned thread; `main` cannot use it.
// Hint: Clone it for the thread, or get it back from `join()`.
// Section: move-clone-copy
// Output: 3 [1, 2, 3]
// Check: v never moved
use std::thread;
// #[trace_ownership]
fn main() {
    let v = vec![1, 2, 3];
    let h = thread::spawn(move || v.len());
    println!("{} {:?}", h.join().unwrap(), v);
}
