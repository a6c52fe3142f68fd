// Fixed twin of ../04-reference-into-vec-across-push.rs: Copy the element out (`let first = v[0];`) or use the reference before pushing.
// Run traced, it shows why the fix works.

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let mut v = vec![1, 2, 3];
    let first = v[0];
    v.push(4);
    println!("{first}");
}
