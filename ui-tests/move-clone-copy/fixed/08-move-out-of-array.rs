// Fixed twin of ../08-move-out-of-array.rs: Borrow the element, or destructure the whole array.
// Run traced, it shows why the fix works.

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let a = [String::from("x"), String::from("y")];
    let first = &a[0];
    println!("{first}");
}
