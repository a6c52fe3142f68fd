// Rule: A reference cannot outlive the value it points to.
// Error: E0597
// Why: `inner` is dropped at the end of its block, but `longest` is used after it.
// Hint: Declare `inner` in the same scope as its use.
// Section: borrowing-and-references
// Output: long string
// Check: no clone
// #[trace_ownership]
fn main() {
    let outer = String::from("long string");
    let longest;
    {
        let inner = String::from("xyz");
        longest = if outer.len() > inner.len() { outer.as_str() } else { inner.as_str() };
    }
    println!("{longest}");
}
