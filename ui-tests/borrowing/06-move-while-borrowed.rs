// Rule: A value cannot be moved while it is borrowed.
// Error: E0505
// Why: Moving `s` into `t` would leave `r` pointing at a value that has moved away.
// Hint: Finish with the borrow first, or clone.
// (`// #[trace_ownership]` marks where the traced copy of this exercise puts the attribute.)

// #[trace_ownership]
fn main() {
    let s = String::from("hi");
    let r = &s;
    let t = s;
    println!("{r} {t}");
}
