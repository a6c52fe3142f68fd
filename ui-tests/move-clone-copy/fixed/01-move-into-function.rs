// Fixed twin of ../01-move-into-function.rs: Let the function borrow instead: `fn consume(s: &String)` and call `consume(&s)`.
// Run traced, it shows why the fix works.

use trace_ownership::trace_ownership;

#[trace_ownership]
fn consume(s: &String) -> usize {
    s.len()
}

#[trace_ownership]
fn main() {
    let s = String::from("hello");
    let n = consume(&s);
    println!("{n} {s}");
}
