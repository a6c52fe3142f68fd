// Fixed twin of ../05-partial-move.rs: Clone the field, or borrow it: `let n = &p.name;`.
// Run traced, it shows why the fix works.

use trace_ownership::trace_ownership;

#[derive(Debug)]
struct Person {
    name: String,
    age: u32,
}

#[trace_ownership]
fn main() {
    let p = Person { name: String::from("Ferris"), age: 7 };
    let n = &p.name;
    println!("{n} {:?}", p);
}
