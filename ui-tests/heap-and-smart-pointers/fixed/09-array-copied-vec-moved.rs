// Fixed twin of ../09-array-copied-vec-moved.rs: run it traced to see why the fix works.
// Rule: An array of numbers lives on the stack and is copied; a `Vec` keeps its elements on the heap and is moved.
// Error: E0382
// Why: `let b = a;` copies only the Vec's pointer, length and capacity: the heap buffer gets a new owner, `b`, and `a` is no longer valid.
// Hint: Three numbers that never grow fit in an array on the stack: `let a = [1, 2, 3];` is `Copy`, so `let b = a;` copies it.
// Section: stack-vs-heap
// Output: [1, 2, 3] [1, 2, 3]
// Check: no clone
// Check: a never moved

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let a = [1, 2, 3];
    let b = a;
    println!("{a:?} {b:?}");
}
