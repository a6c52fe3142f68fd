// Rule: A function cannot return a reference to its own local: it is dropped when the function returns.
// Error: E0515
// Why: `s` is freed at the end of `make`; the returned reference would dangle.
// Hint: Return the String itself (move it out to the caller).
// Section: no-garbage-collector
// Output: hi
// Check: make called
// #[trace_ownership]
fn make<'a>() -> &'a String {
    let s = String::from("hi");
    &s
}

// #[trace_ownership]
fn main() {
    println!("{}", make());
}
