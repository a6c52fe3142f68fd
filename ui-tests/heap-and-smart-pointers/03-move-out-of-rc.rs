// Rule: An `Rc` gives shared access: its value cannot be moved out.
// Error: E0507
// Why: Other owners may still use the value; moving it out would leave them with nothing.
// Hint: Clone the value (`(*rc).clone()`), or use `Rc::try_unwrap`.
// Section: stack-vs-heap
// Output: hi
// Check: rc never moved
use std::rc::Rc;
// #[trace_ownership]
fn main() {
    let rc = Rc::new(String::from("hi"));
    let s = *rc;
    println!("{s}");
}
