// Fixed twin of ../05-drop-while-borrowed.rs: run it traced to see why the fix works.
// Rule: A value cannot be dropped while it is borrowed.
// Error: E0505
// Why: `drop(s)` frees the String while `r` still refers to it.
// Hint: Use the reference before dropping.
// Section: no-garbage-collector
// Output: hi

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let s = String::from("hi");
    let r = &s;
    println!("{r}");
    drop(s);
}
