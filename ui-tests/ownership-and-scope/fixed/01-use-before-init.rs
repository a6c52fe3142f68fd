// Fixed twin of ../01-use-before-init.rs: run it traced to see why the fix works.
// Rule: A variable must be given a value before it is used.
// Error: E0381
// Why: Rust never reads memory that was not initialized: a declared-but-unassigned variable has no value to read.
// Hint: Give `x` a value on every path before reading it.
// Section: ownership-and-memory
// Output: 5

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let x: i32 = 5;
    println!("{x}");
}
