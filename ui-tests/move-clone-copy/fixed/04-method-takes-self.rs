// Fixed twin of ../04-method-takes-self.rs: Use a borrowing method (`as_bytes()`), or clone first.
// Run traced, it shows why the fix works.

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let s = String::from("hi");
    let bytes = s.as_bytes().to_vec();
    println!("{bytes:?} {}", s.len());
}
