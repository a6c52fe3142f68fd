// Rule: A value cannot be moved while it is borrowed.
// Error: E0505
// Why: Moving `s` into `t` would leave `r` pointing at a value that has moved away.
// Hint: Finish with the borrow first: use `r` for the last time before moving `s`.
// Section: borrowing-and-references
// Output: hi
// Output: hi
// Check: no clone
// #[trace_ownership]
fn main() {
    let s = String::from("hi");
    let r = &s;
    let t = s;
    println!("{r} {t}");
}
