// Fixed twin of ../03-move-out-of-rc.rs: Clone the value (`(*rc).clone()`), or use `Rc::try_unwrap`.
// Run traced, it shows why the fix works.

use trace_ownership::trace_ownership;

use std::rc::Rc;

#[trace_ownership]
fn main() {
    let rc = Rc::new(String::from("hi"));
    let s = (*rc).clone();
    println!("{s}");
}
