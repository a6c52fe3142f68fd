// Rule: `Rc` gives shared access only; use `RefCell` inside it to mutate.
// Error: E0596
// Why: `push` needs `&mut Vec`, but an `Rc` only lends `&Vec`.
// Hint: Use `Rc<RefCell<Vec<i32>>>` and `borrow_mut()`.
// Section: stack-vs-heap
// Output: [1]
// Check: v borrowed by borrow_mut
use std::rc::Rc;
// #[trace_ownership]
fn main() {
    let v = Rc::new(Vec::new());
    v.push(1);
    println!("{v:?}");
}
