// Rule: A `&str` into a local String cannot outlive that String.
// Error: E0515
// Why: `as_str()` borrows `s`, which is dropped when the function returns.
// Hint: Return an owned `String`.
// Section: borrowing-and-references
// Output: Ferris
// Check: name called
// #[trace_ownership]
fn name<'a>() -> &'a str {
    let s = String::from("Ferris");
    s.as_str()
}

// #[trace_ownership]
fn main() {
    println!("{}", name());
}
