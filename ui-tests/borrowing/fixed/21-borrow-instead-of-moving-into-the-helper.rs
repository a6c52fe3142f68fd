// Fixed twin of ../wrong/21-borrow-instead-of-moving-into-the-helper.rs: Let `show` borrow: `fn show(title: &str)`, call `show(&title)`, and keep `title` as it is.
// Rule: Borrowing lets a function use a value without taking ownership: `&T` lends it, read-only.
// Error: none
// Why: `show` takes the `String` by value only to print it, so it must hand it back for `main` to
// Why: keep using it: ownership goes into the call and comes back out, where a loan would do.
// Hint: Let `show` borrow: `fn show(title: &str)`, call `show(&title)`, and keep `title` as it is.
// Section: borrowing-and-references
// Output: [Rust]
// Output: Rust has 4 letters
// Check: title never moved
// Check: title borrowed by show

use trace_ownership::trace_ownership;

#[trace_ownership]
fn show(title: &str) {
    println!("[{title}]");
}

#[trace_ownership]
fn main() {
    let title = String::from("Rust");
    show(&title);
    println!("{title} has {} letters", title.len());
}
