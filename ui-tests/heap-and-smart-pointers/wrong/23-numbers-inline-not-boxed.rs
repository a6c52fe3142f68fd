// Rule: A `Vec<u32>` stores its numbers side by side in one heap block; a `Box` per number adds one allocation each.
// Error: none
// Why: every `Box::new(i)` asks the heap for a separate 4-byte block, and the `Vec` of boxes holds
// Why: 100 pointers (800 bytes) besides: 101 allocations where one block of 400 bytes would do.
// Hint: Store the numbers themselves: `Vec<u32>`, `scores.push(i)`, and `.max()` on `scores.iter()`.
// Section: stack-vs-heap
// Output: best 99
// Check: heap peak at most 1500 bytes

// #[trace_ownership]
fn main() {
    let mut scores: Vec<Box<u32>> = Vec::with_capacity(100);
    for i in 0..100 {
        scores.push(Box::new(i));
    }
    let best = scores.iter().map(|s| **s).max().unwrap_or(0);
    println!("best {best}");
}
