// Fixed twin of ../06-use-after-move-to-new-owner.rs: run it traced to see why the fix works.
// Rule: Each value has a single owner.
// Error: E0382
// Why: `let t = s;` moves the String: `t` is now its only owner and `s` can no longer be used.
// Hint: Use `t`, or clone (`let t = s.clone();`) if both need a String.
// Section: ownership-and-memory
// Output: hello hello

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let s = String::from("hello");
    let t = s.clone();
    println!("{s} {t}");
}
