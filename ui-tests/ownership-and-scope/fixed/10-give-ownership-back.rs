// Fixed twin of ../10-give-ownership-back.rs: run it traced to see why the fix works.
// Rule: A function that takes ownership can give it back as its return value.
// Error: E0382
// Why: `add_bang(s)` moves `s` into the function; it returns the changed String, but the program throws it away, so `s` has no value afterwards.
// Hint: Keep what it returns: `let s = add_bang(s);`.
// Section: ownership-and-memory
// Output: hi!
// Check: s moved into add_bang
// Check: no clone

use trace_ownership::trace_ownership;

#[trace_ownership]
fn add_bang(mut s: String) -> String {
    s.push('!');
    s
}

#[trace_ownership]
fn main() {
    let s = String::from("hi");
    let s = add_bang(s);
    println!("{s}");
}
