// Rule: A string literal is a `&str` into the program's own bytes; a `String` owns a growable buffer on the heap.
// Error: E0308
// Why: `"Ferris"` is read-only text stored in the program, not a `String` with a heap buffer that `push_str` could grow.
// Hint: Make a `String` from it: `String::from("Ferris")`.
// Section: stack-vs-heap
// Output: Ferris the crab
// Check: name borrowed by push_str

// #[trace_ownership]
fn main() {
    let mut name: String = "Ferris";
    name.push_str(" the crab");
    println!("{name}");
}
