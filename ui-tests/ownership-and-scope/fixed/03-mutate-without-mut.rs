// Fixed twin of ../03-mutate-without-mut.rs: run it traced to see why the fix works.
// Rule: Changing a value needs a mutable binding.
// Error: E0596
// Why: `push_str` takes `&mut self`; a variable declared without `mut` cannot lend itself mutably.
// Hint: Declare the owner `let mut s`.
// Section: ownership-and-memory
// Output: hello, world
// Check: s borrowed by push_str
// Check: no clone

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let mut s = String::from("hello");
    s.push_str(", world");
    println!("{s}");
}
