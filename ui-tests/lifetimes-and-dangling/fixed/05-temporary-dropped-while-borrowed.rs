// Fixed twin of ../05-temporary-dropped-while-borrowed.rs: run it traced to see why the fix works.
// Rule: A temporary value is dropped at the end of its statement.
// Error: E0716
// Why: `String::from("hi")` is a temporary freed at the `;`, but `s` borrows it afterwards.
// Hint: Bind the String to a variable first, then borrow it.
// Section: no-garbage-collector
// Output: hi
// Check: no clone

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let owned = String::from("hi");
    let s: &str = owned.as_str();
    println!("{s}");
}
