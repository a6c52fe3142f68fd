// Fixed twin of ../02-shared-then-mutable.rs: Use `r` for the last time before changing `s`.
// Run traced, it shows why the fix works.

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let mut s = String::from("hi");
    let r = &s;
    println!("{r}");
    s.push_str("!");
}
