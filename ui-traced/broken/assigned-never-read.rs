//! A value assigned and never read, and a variable only ever assigned: rustc's
//! `unused_assignments` and `unused_variables` must see the same program traced.
#![deny(warnings)]

// #[trace_ownership]
fn main() {
    let mut s = String::from("first");
    s = String::from("second");
}
