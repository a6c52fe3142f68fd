// Fixed twin of ../wrong/21-a-fixed-size-table-fits-on-the-stack.rs: Use an array: `let mut counts = [0u32; 100];` (indexing and `.iter()` work the same).
// Rule: A value whose size is known at compile time, like an array `[u32; 100]`, can live on the stack.
// Error: none
// Why: `counts` always has exactly 100 entries, yet `vec![0u32; 100]` asks the heap for 400 bytes
// Why: (a slower allocation, freed later). A `Vec` is for data whose size changes or is known only
// Why: at run time.
// Hint: Use an array: `let mut counts = [0u32; 100];` (indexing and `.iter()` work the same).
// Section: stack-vs-heap
// Output: 10 1000
// Check: heap peak at most 1100 bytes

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let mut counts = [0u32; 100];
    for i in 0..1000 {
        counts[i % 100] += 1;
    }
    let total: u32 = counts.iter().sum();
    println!("{} {total}", counts[0]);
}
