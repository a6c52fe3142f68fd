// Fixed twin of ../06-lifetime-may-not-live-long-enough.rs: run it traced to see why the fix works.
// Rule: A function must return references with the lifetime its signature promises.
// Error: (no code)
// Why: The signature promises a reference living as long as `'a` (tied to `x`), but `y` only lives for `'b`.
// Hint: Return `x`, or give both parameters the same lifetime.
// Section: borrowing-and-references
// Output: a
// Check: first called

use trace_ownership::trace_ownership;

#[trace_ownership]
fn first<'a>(x: &'a str, y: &'a str) -> &'a str {
    if x.is_empty() { y } else { x }
}

#[trace_ownership]
fn main() {
    println!("{}", first("a", "b"));
}
