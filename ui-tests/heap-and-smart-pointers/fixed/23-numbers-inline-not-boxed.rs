// Fixed twin of ../wrong/23-numbers-inline-not-boxed.rs: Store the numbers themselves: `Vec<u32>`, `scores.push(i)`, and `.max()` on `scores.iter()`.
// Rule: A `Vec<u32>` stores its numbers side by side in one heap block; a `Box` per number adds one allocation each.
// Error: none
// Why: every `Box::new(i)` asks the heap for a separate 4-byte block, and the `Vec` of boxes holds
// Why: 100 pointers (800 bytes) besides: 101 allocations where one block of 400 bytes would do.
// Hint: Store the numbers themselves: `Vec<u32>`, `scores.push(i)`, and `.max()` on `scores.iter()`.
// Section: stack-vs-heap
// Output: best 99
// Check: heap peak at most 1500 bytes

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let mut scores: Vec<u32> = Vec::with_capacity(100);
    for i in 0..100 {
        scores.push(i);
    }
    let best = scores.iter().copied().max().unwrap_or(0);
    println!("best {best}");
}
