// Rule: Moving a field out of a struct leaves the struct partially moved.
// Error: E0382
// Why: `p.name` was moved into `n`, so `p` as a whole can no longer be used.
// Hint: Clone the field, or borrow it: `let n = &p.name;`.
// Section: move-clone-copy
// Output: Ferris Person { name: "Ferris", age: 7 }
// Check: p never moved
#[derive(Debug)]
struct Person {
    name: String,
    age: u32,
}
// #[trace_ownership]
fn main() {
    let p = Person { name: String::from("Ferris"), age: 7 };
    let n = p.name;
    println!("{n} {:?}", p);
}
