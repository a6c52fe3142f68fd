// Fixed twin of ../01-box-moved.rs: Use `c`, or clone the Box if two copies are needed.
// Run traced, it shows why the fix works.

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let b = Box::new(5);
    let c = b.clone();
    println!("{b} {c}");
}
