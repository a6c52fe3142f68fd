// Fixed twin of ../wrong/22-share-one-copy-between-threads-with-arc.rs: Make it `let table = Arc::new(...)` (`use std::sync::Arc;`) and give each thread
// Rule: `Arc::clone` gives another thread an owner of the same heap value; the last owner frees it.
// Error: none
// Why: each thread gets `table.clone()`: a full copy of the 4000-byte table per thread, where one
// Why: table shared by counted owners would do. There is no collector: `Arc` counts owners
// Why: (atomically, safe across threads) and frees the table when the count reaches zero.
// Hint: Make it `let table = Arc::new(...)` (`use std::sync::Arc;`) and give each thread
// Hint: `let mine = Arc::clone(&table);` before its `thread::spawn(move || ...)`.
// Section: no-garbage-collector
// Output: 0 + 800 + 1600 = 2400
// Check: heap peak at most 7000 bytes
// Check: at most 4 owners of table

use trace_ownership::trace_ownership;

use std::sync::Arc;
use std::thread;

#[trace_ownership]
fn main() {
    let table: Arc<Vec<u32>> = Arc::new((0..1000).collect());
    let mut workers = Vec::new();
    for id in 0..3 {
        let mine = Arc::clone(&table);
        workers.push(thread::spawn(move || mine[id * 400] * 2));
    }
    let parts: Vec<u32> = workers.into_iter().map(|w| w.join().unwrap()).collect();
    println!("{} + {} + {} = {}", parts[0], parts[1], parts[2], parts.iter().sum::<u32>());
}
