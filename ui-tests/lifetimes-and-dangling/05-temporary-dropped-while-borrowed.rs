// Rule: A temporary value is dropped at the end of its statement.
// Error: E0716
// Why: `String::from("hi")` is a temporary freed at the `;`, but `s` borrows it afterwards.
// Hint: Bind the String to a variable first, then borrow it.
// Section: no-garbage-collector
// Output: hi
// Check: no clone
// #[trace_ownership]
fn main() {
    let s: &str = String::from("hi").as_str();
    println!("{s}");
}
