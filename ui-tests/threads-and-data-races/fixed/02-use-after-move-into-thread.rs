// Fixed twin of ../02-use-after-move-into-thread.rs: Clone it for the thread, or get it back from `join()`.
// Run traced, it shows why the fix works.

use trace_ownership::trace_ownership;

use std::thread;

#[trace_ownership]
fn main() {
    let v = vec![1, 2, 3];
    let for_thread = v.clone();
    let h = thread::spawn(move || for_thread.len());
    println!("{} {:?}", h.join().unwrap(), v);
}
