// Rule: A function must return references with the lifetime its signature promises.
// Error: (no code)
// Why: The signature promises a reference living as long as `'a` (tied to `x`), but `y` only lives for `'b`.
// Hint: Return `x`, or give both parameters the same lifetime.
// Section: borrowing-and-references
// Output: a
// Check: first called
// #[trace_ownership]
fn first<'a, 'b>(x: &'a str, y: &'b str) -> &'a str {
    if x.is_empty() { y } else { x }
}

// #[trace_ownership]
fn main() {
    println!("{}", first("a", "b"));
}
