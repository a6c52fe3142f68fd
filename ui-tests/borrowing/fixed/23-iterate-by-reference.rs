// Fixed twin of ../wrong/23-iterate-by-reference.rs: Loop over a reference: `for name in &names` (each `name` is then a `&String`).
// Rule: `for x in &v` borrows the collection for the loop; afterwards it is still yours.
// Error: none
// Why: `for name in names.clone()` copies the whole `Vec` and every `String` in it, only so that the
// Why: loop can consume the copy and `names` stays usable after it. A loan to the loop is enough.
// Hint: Loop over a reference: `for name in &names` (each `name` is then a `&String`).
// Section: borrowing-and-references
// Output: hello ann
// Output: hello bo
// Output: 2 guests
// Check: no clone of names
// Check: names never moved

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let names = vec![String::from("ann"), String::from("bo")];
    for name in &names {
        println!("hello {name}");
    }
    println!("{} guests", names.len());
}
