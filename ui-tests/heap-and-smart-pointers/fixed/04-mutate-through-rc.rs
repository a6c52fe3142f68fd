// Fixed twin of ../04-mutate-through-rc.rs: Use `Rc<RefCell<Vec<i32>>>` and `borrow_mut()`.
// Run traced, it shows why the fix works.

use trace_ownership::trace_ownership;

use std::cell::RefCell;
use std::rc::Rc;

#[trace_ownership]
fn main() {
    let v = Rc::new(RefCell::new(Vec::new()));
    v.borrow_mut().push(1);
    println!("{:?}", v.borrow());
}
