// Fixed twin of ../01-use-before-init.rs: Give `x` a value on every path before reading it.
// Run traced, it shows why the fix works.

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let x: i32 = 5;
    println!("{x}");
}
