// Fixed twin of ../08-closures-of-different-types.rs: run it traced to see why the fix works.
// Rule: Each closure has its own type and size; to keep different closures together, box them.
// Error: E0308
// Why: A `Vec` holds values of one type, and no two closures have the same type, even with the same signature.
// Hint: Keep each closure on the heap behind the same type: `Vec<Box<dyn Fn(i32) -> i32>>`, with `Box::new(...)` around each closure.
// Section: stack-vs-heap
// Output: 8
// Check: step called

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let offset = 1;
    let factor = 2;
    let steps: Vec<Box<dyn Fn(i32) -> i32>> =
        vec![Box::new(move |x| x + offset), Box::new(move |x| x * factor)];
    let mut n = 3;
    for step in &steps {
        n = step(n);
    }
    println!("{n}");
}
