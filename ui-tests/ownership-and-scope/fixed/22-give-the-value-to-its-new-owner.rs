// Fixed twin of ../wrong/22-give-the-value-to-its-new-owner.rs: Move it into the struct: `User { name, visits: 0 }` (or `name: name`), no `.clone()`.
// Rule: Each value has a single owner; when the old owner is done with it, move it to the new one.
// Error: none
// Why: `name` is never used after the `User` is made, yet `name.clone()` copies its text so that
// Why: two owners exist for a moment, and the original is then dropped unused at the end of `main`.
// Hint: Move it into the struct: `User { name, visits: 0 }` (or `name: name`), no `.clone()`.
// Section: ownership-and-memory
// Output: ada has 1 visit
// Check: no clone of name

use trace_ownership::trace_ownership;

struct User {
    name: String,
    visits: u32,
}

#[trace_ownership]
fn main() {
    let name = String::from("ada");
    let mut user = User { name, visits: 0 };
    user.visits += 1;
    println!("{} has {} visit", user.name, user.visits);
}
