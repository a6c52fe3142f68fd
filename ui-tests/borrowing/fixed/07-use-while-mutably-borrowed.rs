// Fixed twin of ../07-use-while-mutably-borrowed.rs: Read through `r`, or end the mutable borrow first.
// Run traced, it shows why the fix works.

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let mut x = 1;
    let r = &mut x;
    *r += 1;
    let y = x + 1;
    println!("{y}");
}
