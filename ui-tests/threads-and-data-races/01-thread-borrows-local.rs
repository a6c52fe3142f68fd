// Rule: A spawned thread must own the data it uses (`move`).
// Error: E0373
// Why: The thread could outlive `main`'s stack frame, where `v` lives, so it cannot borrow `v`.
// Hint: Write `thread::spawn(move || ...)` to move `v` into the thread.
// Section: ownership-and-memory
// Output: [1, 2, 3]
// Check: no clone
use std::thread;
// #[trace_ownership]
fn main() {
    let v = vec![1, 2, 3];
    let h = thread::spawn(|| println!("{v:?}"));
    h.join().unwrap();
}
