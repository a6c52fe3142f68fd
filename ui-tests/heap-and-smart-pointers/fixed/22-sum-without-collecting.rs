// Fixed twin of ../wrong/22-sum-without-collecting.rs: Sum the iterator directly: `let total: u64 = (1..=1000u64).map(|n| n * n).sum();`.
// Rule: An iterator hands out one value at a time; collecting them into a `Vec` puts them all on the heap.
// Error: none
// Why: `squares` stores 1000 numbers (8000 bytes on the heap) only to add them up once. Each
// Why: square can be added as it is made, one `u64` at a time on the stack.
// Hint: Sum the iterator directly: `let total: u64 = (1..=1000u64).map(|n| n * n).sum();`.
// Section: stack-vs-heap
// Output: sum of squares 333833500
// Check: heap peak at most 1100 bytes

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let total: u64 = (1..=1000u64).map(|n| n * n).sum();
    println!("sum of squares {total}");
}
