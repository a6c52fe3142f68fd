// Fixed twin of ../06-unsized-parameter.rs: run it traced to see why the fix works.
// Rule: A value kept on the stack must have a size known at compile time.
// Error: E0277
// Why: A parameter lives on the stack, and `str` is text of any length: the compiler cannot know how many bytes to keep for `text`.
// Hint: Take a reference, `text: &str` (a pointer and a length: always 16 bytes), and call `shout(&words[..2])`.
// Section: stack-vs-heap
// Output: HI
// Check: no clone
// Check: words never moved
// Check: shout called

use trace_ownership::trace_ownership;

#[trace_ownership]
fn shout(text: &str) -> String {
    text.to_uppercase()
}

#[trace_ownership]
fn main() {
    let words = String::from("hi there");
    println!("{}", shout(&words[..2]));
}
