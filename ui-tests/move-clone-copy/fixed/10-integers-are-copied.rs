// Fixed twin of ../10-integers-are-copied.rs: Keep only `Copy` fields, or clone the pair.
// Run traced, it shows why the fix works.

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let n = 5;
    let m = n;
    let p = (1, String::from("one"));
    let q = p.clone();
    println!("{n} {m} {:?} {:?}", p, q);
}
