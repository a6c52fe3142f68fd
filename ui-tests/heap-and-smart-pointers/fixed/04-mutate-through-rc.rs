// Fixed twin of ../04-mutate-through-rc.rs: run it traced to see why the fix works.
// Rule: `Rc` gives shared access only; use `RefCell` inside it to mutate.
// Error: E0596
// Why: `push` needs `&mut Vec`, but an `Rc` only lends `&Vec`.
// Hint: Use `Rc<RefCell<Vec<i32>>>` and `borrow_mut()`.
// Section: stack-vs-heap
// Output: [1]
// Check: v borrowed by borrow_mut

use trace_ownership::trace_ownership;

use std::cell::RefCell;
use std::rc::Rc;

#[trace_ownership]
fn main() {
    let v = Rc::new(RefCell::new(Vec::new()));
    v.borrow_mut().push(1);
    println!("{:?}", v.borrow());
}
