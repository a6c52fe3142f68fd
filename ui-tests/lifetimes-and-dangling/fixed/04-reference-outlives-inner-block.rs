// Fixed twin of ../04-reference-outlives-inner-block.rs: run it traced to see why the fix works.
// Rule: A reference cannot outlive the value it points to.
// Error: E0597
// Why: `inner` is dropped at the end of its block, but `longest` is used after it.
// Hint: Declare `inner` in the same scope as its use.
// Section: borrowing-and-references
// Output: long string
// Check: no clone

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let outer = String::from("long string");
    let longest;
    let inner = String::from("xyz");
    {
        longest = if outer.len() > inner.len() { outer.as_str() } else { inner.as_str() };
    }
    println!("{longest}");
}
