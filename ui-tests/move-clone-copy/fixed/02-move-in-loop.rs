// Fixed twin of ../02-move-in-loop.rs: run it traced to see why the fix works.
// Rule: A value can be moved only once, and a loop body runs many times.
// Error: E0382
// Why: The first iteration moves `s` into `consume`; the second has nothing left to move.
// Hint: Clone inside the loop, or let `consume` borrow.
// Section: move-clone-copy
// Output: 2
// Output: 2
// Check: consume called

use trace_ownership::trace_ownership;

#[trace_ownership]
fn consume(s: String) -> usize {
    s.len()
}

#[trace_ownership]
fn main() {
    let s = String::from("hi");
    for _ in 0..2 {
        println!("{}", consume(s.clone()));
    }
}
