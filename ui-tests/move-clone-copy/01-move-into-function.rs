// Rule: Passing a value to a function moves it (unless it is `Copy`).
// Error: E0382
// Why: `consume` takes ownership of the String; after the call `s` has no value.
// Hint: Let the function borrow instead: `fn consume(s: &String)` and call `consume(&s)`.
// Section: move-clone-copy
// Check: s borrowed by consume
// #[trace_ownership]
fn consume(s: String) -> usize {
    s.len()
}

// #[trace_ownership]
fn main() {
    let s = String::from("hello");
    let n = consume(s);
    println!("{n} {s}");
}
