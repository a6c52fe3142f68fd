// Fixed twin of ../06-move-while-borrowed.rs: Finish with the borrow first, or clone.
// Run traced, it shows why the fix works.

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let s = String::from("hi");
    let r = &s;
    println!("{r}");
    let t = s;
    println!("{t}");
}
