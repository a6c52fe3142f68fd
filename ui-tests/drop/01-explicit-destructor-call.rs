// Rule: You never call `drop` as a method: Rust calls destructors itself.
// Error: E0040
// Why: Calling `Drop::drop` by hand would let the value be dropped twice (once more at scope end).
// Hint: Use `drop(x)` (std::mem::drop), which takes ownership so it cannot be dropped again.
// Section: no-garbage-collector
// Output: dropped
struct Noisy;

impl Drop for Noisy {
    fn drop(&mut self) {
        println!("dropped");
    }
}

// #[trace_ownership]
fn main() {
    let n = Noisy;
    n.drop();
}
