// Fixed twin of ../07-struct-owns-its-field.rs: run it traced to see why the fix works.
// Rule: Putting a value into a struct makes the struct its owner.
// Error: E0382
// Why: `Person { name: title }` moves the String into `p`: `title` no longer owns anything.
// Hint: Read it through its new owner: `p.name`.
// Section: ownership-and-memory
// Output: Ferris is 6
// Check: no clone

use trace_ownership::trace_ownership;

struct Person {
    name: String,
}

#[trace_ownership]
fn main() {
    let title = String::from("Ferris");
    let p = Person { name: title };
    println!("{} is {}", p.name, p.name.len());
}
