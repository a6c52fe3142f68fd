// Fixed twin of ../10-integers-are-copied.rs: run it traced to see why the fix works.
// Rule: Simple types like integers are copied; a `String` is moved.
// Error: E0382
// Why: This pair holds a String, so it is not `Copy`: `let q = p;` moves it.
// Hint: Keep only `Copy` fields, or clone the pair.
// Section: move-clone-copy
// Output: 5 5 (1, "one") (1, "one")

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let n = 5;
    let m = n;
    let p = (1, String::from("one"));
    let q = p.clone();
    println!("{n} {m} {:?} {:?}", p, q);
}
