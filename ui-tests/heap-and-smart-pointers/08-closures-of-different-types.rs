// Rule: Each closure has its own type and size; to keep different closures together, box them.
// Error: E0308
// Why: A `Vec` holds values of one type, and no two closures have the same type, even with the same signature.
// Hint: Keep each closure on the heap behind the same type: `Vec<Box<dyn Fn(i32) -> i32>>`, with `Box::new(...)` around each closure.
// Section: stack-vs-heap
// Output: 8
// Check: step called

// #[trace_ownership]
fn main() {
    let offset = 1;
    let factor = 2;
    let steps = vec![move |x: i32| x + offset, move |x: i32| x * factor];
    let mut n = 3;
    for step in &steps {
        n = step(n);
    }
    println!("{n}");
}
