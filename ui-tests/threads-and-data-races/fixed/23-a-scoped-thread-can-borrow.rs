// Fixed twin of ../wrong/23-a-scoped-thread-can-borrow.rs: Borrow it in the scoped thread: `s.spawn(|| text.len())`, no `copy`.
// Rule: Threads started in `thread::scope` end before the scope does, so they may borrow local data.
// Error: none
// Why: the thread only reads `text`, and `thread::scope` guarantees it ends before `text` is
// Why: dropped; cloning `text` for it copies the string to the heap for nothing.
// Hint: Borrow it in the scoped thread: `s.spawn(|| text.len())`, no `copy`.
// Section: borrowing-and-references
// Output: 11 bytes in "hello world"
// Check: no clone of text
// Check: text never moved
// Check: text borrowed by thread::scope

use trace_ownership::trace_ownership;

use std::thread;

#[trace_ownership]
fn main() {
    let text = String::from("hello world");
    let n = thread::scope(|s| s.spawn(|| text.len()).join().unwrap());
    println!("{n} bytes in {text:?}");
}
