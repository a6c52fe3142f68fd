// Fixed twin of ../03-return-str-of-local.rs: Return an owned `String`.
// Run traced, it shows why the fix works.

use trace_ownership::trace_ownership;

#[trace_ownership]
fn name() -> String {
    let s = String::from("Ferris");
    s
}

#[trace_ownership]
fn main() {
    println!("{}", name());
}
