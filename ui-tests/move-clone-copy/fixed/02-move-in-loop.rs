// Fixed twin of ../02-move-in-loop.rs: Clone inside the loop, or let `consume` borrow.
// Run traced, it shows why the fix works.

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
