// Fixed twin of ../08-if-let-moves.rs: run it traced to see why the fix works.
// Rule: A pattern that binds a value takes ownership of it, unless it matches through a reference.
// Error: E0382
// Why: `if let Some(s) = maybe` moves the String out of `maybe` into `s`, so `maybe` is partly moved and cannot be printed afterwards.
// Hint: Match on a reference, so `s` only borrows: `if let Some(s) = &maybe`.
// Section: ownership-and-memory
// Output: got hi
// Output: Some("hi")
// Check: maybe never moved
// Check: no clone

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let maybe: Option<String> = Some(String::from("hi"));
    if let Some(s) = &maybe {
        println!("got {s}");
    }
    println!("{maybe:?}");
}
