// Fixed twin of ../03-mutate-without-mut.rs: Declare the owner `let mut s`.
// Run traced, it shows why the fix works.

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let mut s = String::from("hello");
    s.push_str(", world");
    println!("{s}");
}
