// Rule: A returned reference must say which input it borrows from.
// Error: E0106
// Why: With two reference parameters, the compiler cannot guess whether the result borrows `x` or `y`.
// Hint: Name a lifetime: `fn longest<'a>(x: &'a str, y: &'a str) -> &'a str`.
// Section: borrowing-and-references
// Output: ab
// Check: longest called
// #[trace_ownership]
fn longest(x: &str, y: &str) -> &str {
    if x.len() > y.len() { x } else { y }
}

// #[trace_ownership]
fn main() {
    println!("{}", longest("ab", "c"));
}
