// Fixed twin of ../06-move-out-of-vec-index.rs: Borrow it (`&v[0]`), clone it, or take it with `v.remove(0)`.
// Run traced, it shows why the fix works.

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let v = vec![String::from("a"), String::from("b")];
    let first = &v[0];
    println!("{first} {}", v.len());
}
