// Fixed twin of ../03-return-str-of-local.rs: run it traced to see why the fix works.
// Rule: A `&str` into a local String cannot outlive that String.
// Error: E0515
// Why: `as_str()` borrows `s`, which is dropped when the function returns.
// Hint: Return an owned `String`.
// Section: borrowing-and-references
// Output: Ferris
// Check: name called

use trace_ownership::trace_ownership;

#[trace_ownership]
fn name() -> String {
    let s = String::from("Ferris");
    s
}

#[trace_ownership]
fn main() {
    println!("{}", name());
}
