// Fixed twin of ../09-copy-needs-copy-fields.rs: run it traced to see why the fix works.
// Rule: Only types whose parts are all `Copy` can be `Copy`.
// Error: E0204
// Why: A String owns heap memory; copying its bits would make two owners of one buffer.
// Hint: Derive only `Clone` and call `.clone()` where a copy is needed.
// Section: move-clone-copy
// Output: a a

use trace_ownership::trace_ownership;

#[derive(Clone)]
struct Tag {
    name: String,
}

#[trace_ownership]
fn main() {
    let t = Tag { name: String::from("a") };
    let u = t.clone();
    println!("{} {}", t.name, u.name);
}
