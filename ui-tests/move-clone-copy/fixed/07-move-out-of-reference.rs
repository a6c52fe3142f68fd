// Fixed twin of ../07-move-out-of-reference.rs: Clone it (`(*r).clone()`), or keep using the reference.
// Run traced, it shows why the fix works.

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let s = String::from("hi");
    let r = &s;
    let t = (*r).clone();
    println!("{t}");
}
