// Rule: A variable must be given a value before it is used.
// Error: E0381
// Why: Rust never reads memory that was not initialized: a declared-but-unassigned variable has no value to read.
// Hint: Give `x` a value on every path before reading it.
// (`// #[trace_ownership]` marks where the traced copy of this exercise puts the attribute.)

// #[trace_ownership]
fn main() {
    let x: i32;
    println!("{x}");
}
