// Fixed twin of ../01-missing-lifetime.rs: Name a lifetime: `fn longest<'a>(x: &'a str, y: &'a str) -> &'a str`.
// Run traced, it shows why the fix works.

use trace_ownership::trace_ownership;

#[trace_ownership]
fn longest<'a>(x: &'a str, y: &'a str) -> &'a str {
    if x.len() > y.len() { x } else { y }
}

#[trace_ownership]
fn main() {
    println!("{}", longest("ab", "c"));
}
