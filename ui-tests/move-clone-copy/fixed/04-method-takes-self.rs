// Fixed twin of ../04-method-takes-self.rs: run it traced to see why the fix works.
// Rule: A method that takes `self` consumes the value.
// Error: E0382
// Why: `into_bytes(self)` takes the String by value; `s` is moved into it.
// Hint: Use a borrowing method (`as_bytes()`), or clone first.
// Section: move-clone-copy
// Output: [104, 105] 2
// Check: s never moved
// Check: s borrowed by as_bytes

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let s = String::from("hi");
    let bytes = s.as_bytes().to_vec();
    println!("{bytes:?} {}", s.len());
}
