// Fixed twin of ../01-two-mutable-borrows.rs: Finish using the first before taking the second.
// Run traced, it shows why the fix works.

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let mut s = String::from("hi");
    let a = &mut s;
    a.push('!');
    let b = &mut s;
    b.push('?');
}
