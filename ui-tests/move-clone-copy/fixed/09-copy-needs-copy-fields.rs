// Fixed twin of ../09-copy-needs-copy-fields.rs: Derive only `Clone` and call `.clone()` where a copy is needed.
// Run traced, it shows why the fix works.

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
