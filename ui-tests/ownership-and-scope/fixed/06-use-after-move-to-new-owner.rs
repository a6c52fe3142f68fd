// Fixed twin of ../06-use-after-move-to-new-owner.rs: Use `t`, or clone (`let t = s.clone();`) if both need a String.
// Run traced, it shows why the fix works.

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let s = String::from("hello");
    let t = s.clone();
    println!("{s} {t}");
}
