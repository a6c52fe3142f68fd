// Rule: You cannot move a value out of a collection by indexing it.
// Error: E0507
// Why: Indexing gives a place inside the Vec; moving out would leave a hole the Vec still owns.
// Hint: Borrow it (`&v[0]`), clone it, or take it with `v.remove(0)`.
// Section: move-clone-copy
// Output: a 2
// Check: v never moved
// #[trace_ownership]
fn main() {
    let v = vec![String::from("a"), String::from("b")];
    let first = v[0];
    println!("{first} {}", v.len());
}
