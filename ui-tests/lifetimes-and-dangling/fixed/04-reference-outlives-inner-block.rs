// Fixed twin of ../04-reference-outlives-inner-block.rs: Declare `inner` in the same scope as its use.
// Run traced, it shows why the fix works.

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
