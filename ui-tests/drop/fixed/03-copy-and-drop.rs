// Fixed twin of ../03-copy-and-drop.rs: Remove `Copy` (keep `Clone`), or remove the `Drop` impl.
// Run traced, it shows why the fix works.

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
