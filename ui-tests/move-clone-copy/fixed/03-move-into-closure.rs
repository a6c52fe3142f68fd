// Fixed twin of ../03-move-into-closure.rs: Clone the String for the closure, or use it only through the closure.
// Run traced, it shows why the fix works.

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let s = String::from("hi");
    let c = s.clone();
    let f = move || c.len();
    println!("{} {s}", f());
}
