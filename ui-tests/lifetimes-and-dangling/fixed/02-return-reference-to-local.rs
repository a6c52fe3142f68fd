// Fixed twin of ../02-return-reference-to-local.rs: Return the String itself (move it out to the caller).
// Run traced, it shows why the fix works.

use trace_ownership::trace_ownership;

#[trace_ownership]
fn make() -> String {
    let s = String::from("hi");
    s
}

#[trace_ownership]
fn main() {
    println!("{}", make());
}
