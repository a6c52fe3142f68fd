// Rule: Mutable references (`&mut T`): write access, but only one at a time.
// Error: E0499
// Why: Two live `&mut` to the same value could make conflicting writes; Rust allows only one.
// Hint: Finish using the first before taking the second.
// Section: borrowing-and-references
// Check: no clone
// Check: s never moved
// #[trace_ownership]
fn main() {
    let mut s = String::from("hi");
    let a = &mut s;
    let b = &mut s;
    a.push('!');
    b.push('?');
}
