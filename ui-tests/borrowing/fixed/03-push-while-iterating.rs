// Fixed twin of ../03-push-while-iterating.rs: run it traced to see why the fix works.
// Rule: A collection cannot be changed while it is being iterated.
// Error: E0502
// Why: The loop holds a shared borrow of `v` for its whole duration; `push` needs a mutable one and may reallocate the buffer the iterator walks.
// Hint: Collect the new elements separately and add them after the loop.
// Section: borrowing-and-references
// Output: [1, 2, 3, 1, 2, 3]
// Check: no clone

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let mut v = vec![1, 2, 3];
    let extra: Vec<i32> = v.iter().copied().collect();
    v.extend(extra);
    println!("{v:?}");
}
