// Rule: Sharing through `Rc` needs `Rc::clone`, which adds an owner.
// Error: E0382
// Why: `let b = a;` moves the Rc instead of adding an owner, so `a` is gone.
// Hint: Write `let b = Rc::clone(&a);`.
// Section: ownership-and-memory
// Check: exactly 2 owners of a
use std::rc::Rc;

// #[trace_ownership]
fn main() {
    let a = Rc::new(String::from("shared"));
    let b = a;
    println!("{a} {b}");
}
