// Fixed twin of ../05-temporary-dropped-while-borrowed.rs: Bind the String to a variable first, then borrow it.
// Run traced, it shows why the fix works.

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let owned = String::from("hi");
    let s: &str = owned.as_str();
    println!("{s}");
}
