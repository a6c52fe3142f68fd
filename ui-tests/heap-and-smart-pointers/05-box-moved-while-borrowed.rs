// Rule: A heap value cannot be moved away while borrowed.
// Error: E0505
// Why: `r` points into the Box's heap value; moving the Box into `consume` would free it under `r`.
// Hint: Use the reference first.
// Section: stack-vs-heap
// Output: 5
// Output: 5
// Check: b moved into consume
// #[trace_ownership]
fn consume(b: Box<i32>) -> i32 {
    *b
}
// #[trace_ownership]
fn main() {
    let b = Box::new(5);
    let r = &*b;
    let n = consume(b);
    println!("{r} {n}");
}
