// Fixed twin of ../06-lifetime-may-not-live-long-enough.rs: Return `x`, or give both parameters the same lifetime.
// Run traced, it shows why the fix works.

use trace_ownership::trace_ownership;

#[trace_ownership]
fn first<'a>(x: &'a str, y: &'a str) -> &'a str {
    if x.is_empty() { y } else { x }
}

#[trace_ownership]
fn main() {
    println!("{}", first("a", "b"));
}
