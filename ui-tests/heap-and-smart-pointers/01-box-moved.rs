// Rule: A `Box` owns its heap value; moving the Box moves that ownership.
// Error: E0382
// Why: `let c = b;` moves the Box (only its pointer is copied); `b` is no longer valid.
// Hint: Use `c`, or clone the Box if two copies are needed.
// (`// #[trace_ownership]` marks where the traced copy of this exercise puts the attribute.)

// #[trace_ownership]
fn main() {
    let b = Box::new(5);
    let c = b;
    println!("{b} {c}");
}
