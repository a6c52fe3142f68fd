// Fixed twin of ../04-reference-into-vec-across-push.rs: run it traced to see why the fix works.
// Rule: A reference into a Vec cannot be kept across a change to the Vec.
// Error: E0502
// Why: `push` may move the elements to a bigger buffer, leaving `first` pointing at freed memory.
// Hint: Copy the element out (`let first = v[0];`) or use the reference before pushing.
// Section: borrowing-and-references
// Output: 1
// Check: no clone

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let mut v = vec![1, 2, 3];
    let first = v[0];
    v.push(4);
    println!("{first}");
}
