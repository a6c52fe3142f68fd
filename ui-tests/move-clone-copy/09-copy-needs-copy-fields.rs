// Rule: Only types whose parts are all `Copy` can be `Copy`.
// Error: E0204
// Why: A String owns heap memory; copying its bits would make two owners of one buffer.
// Hint: Derive only `Clone` and call `.clone()` where a copy is needed.
// (`// #[trace_ownership]` marks where the traced copy of this exercise puts the attribute.)

#[derive(Clone, Copy)]
struct Tag {
    name: String,
}

// #[trace_ownership]
fn main() {
    let t = Tag { name: String::from("a") };
    let u = t;
    println!("{} {}", t.name, u.name);
}
