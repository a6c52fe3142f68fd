// Fixed twin of ../10-literal-is-not-a-string.rs: run it traced to see why the fix works.
// Rule: A string literal is a `&str` into the program's own bytes; a `String` owns a growable buffer on the heap.
// Error: E0308
// Why: `"Ferris"` is read-only text stored in the program, not a `String` with a heap buffer that `push_str` could grow.
// Hint: Make a `String` from it: `String::from("Ferris")`.
// Section: stack-vs-heap
// Output: Ferris the crab
// Check: name borrowed by push_str

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let mut name: String = String::from("Ferris");
    name.push_str(" the crab");
    println!("{name}");
}
