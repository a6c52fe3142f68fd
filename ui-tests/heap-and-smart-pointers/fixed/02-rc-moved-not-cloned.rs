// Fixed twin of ../02-rc-moved-not-cloned.rs: Write `let b = Rc::clone(&a);`.
// Run traced, it shows why the fix works.

use trace_ownership::trace_ownership;

use std::rc::Rc;

#[trace_ownership]
fn main() {
    let a = Rc::new(String::from("shared"));
    let b = Rc::clone(&a);
    println!("{a} {b}");
}
