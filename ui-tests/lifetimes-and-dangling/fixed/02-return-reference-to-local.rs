// Fixed twin of ../02-return-reference-to-local.rs: run it traced to see why the fix works.
// Rule: A function cannot return a reference to its own local: it is dropped when the function returns.
// Error: E0515
// Why: `s` is freed at the end of `make`; the returned reference would dangle.
// Hint: Return the String itself (move it out to the caller).
// Section: no-garbage-collector
// Output: hi
// Check: make called

use trace_ownership::trace_ownership;

#[trace_ownership]
fn make() -> String {
    let s = String::from("hi");
    s
}

#[trace_ownership]
fn main() {
    println!("{}", make());
}
