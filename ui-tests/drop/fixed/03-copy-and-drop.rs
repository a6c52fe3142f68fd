// Fixed twin of ../03-copy-and-drop.rs: run it traced to see why the fix works.
// Rule: A type cannot be both `Copy` and have a destructor.
// Error: E0184
// Why: Copies are bit copies with no owner bookkeeping; each copy would run the destructor.
// Hint: Remove `Copy` (keep `Clone`), or remove the `Drop` impl.
// Section: no-garbage-collector
// Output: 1 1

use trace_ownership::trace_ownership;

#[derive(Clone)]
struct Handle(u32);

impl Drop for Handle {
    fn drop(&mut self) {}
}

#[trace_ownership]
fn main() {
    let h = Handle(1);
    let g = h.clone();
    println!("{} {}", h.0, g.0);
}
