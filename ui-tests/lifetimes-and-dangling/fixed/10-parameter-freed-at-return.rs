// Fixed twin of ../10-parameter-freed-at-return.rs: run it traced to see why the fix works.
// Rule: A parameter taken by value is freed when the function returns: you cannot return a borrow of it.
// Error: E0515
// Why: `first_word` owns `text`, so `text` is dropped when the function ends, and the returned `&str` would point into freed memory.
// Hint: Borrow the text instead of taking it: `fn first_word(text: &str) -> &str`, called as `first_word(&text)`.
// Section: no-garbage-collector
// Output: hello
// Check: text borrowed by first_word
// Check: text never moved
// Check: no clone

use trace_ownership::trace_ownership;

#[trace_ownership]
fn first_word(text: &str) -> &str {
    text.split(' ').next().unwrap_or("")
}

#[trace_ownership]
fn main() {
    let text = String::from("hello world");
    println!("{}", first_word(&text));
}
