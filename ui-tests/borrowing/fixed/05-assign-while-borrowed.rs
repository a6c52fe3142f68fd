// Fixed twin of ../05-assign-while-borrowed.rs: Use `r` before assigning.
// Run traced, it shows why the fix works.

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let mut x = String::from("old");
    let r = &x;
    println!("{r}");
    x = String::from("new");
    println!("{x}");
}
