// Fixed twin of ../03-move-into-closure.rs: run it traced to see why the fix works.
// Rule: A `move` closure takes ownership of what it uses.
// Error: E0382
// Why: The closure now owns `s`; the function cannot use it afterwards.
// Hint: Clone the String for the closure, or use it only through the closure.
// Section: move-clone-copy
// Output: 2 hi
// Check: s never moved
// Check: f called

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let s = String::from("hi");
    let c = s.clone();
    let f = move || c.len();
    println!("{} {s}", f());
}
