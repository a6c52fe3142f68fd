// Fixed twin of ../wrong/21-return-the-value-instead-of-a-clone.rs: Return the value itself: end `greeting` with `text` instead of `text.clone()`.
// Rule: Returning a local moves it out to the caller: nothing is copied and nothing is freed.
// Error: none
// Why: `greeting` builds `text` and returns `text.clone()`: a second heap copy of the same words is
// Why: made for the caller, then the original is dropped at the function's end. The function owns
// Why: `text` and does not need it any more, so it can simply give it away.
// Hint: Return the value itself: end `greeting` with `text` instead of `text.clone()`.
// Section: ownership-and-memory
// Output: hello, Ferris!
// Check: no clone of text

use trace_ownership::trace_ownership;

#[trace_ownership]
fn greeting(name: &str) -> String {
    let mut text = String::from("hello, ");
    text.push_str(name);
    text.push('!');
    text
}

#[trace_ownership]
fn main() {
    let message = greeting("Ferris");
    println!("{message}");
}
