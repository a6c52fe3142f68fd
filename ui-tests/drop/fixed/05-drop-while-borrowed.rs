// Fixed twin of ../05-drop-while-borrowed.rs: Use the reference before dropping.
// Run traced, it shows why the fix works.

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let s = String::from("hi");
    let r = &s;
    println!("{r}");
    drop(s);
}
