// Fixed twin of ../01-explicit-destructor-call.rs: run it traced to see why the fix works.
// Rule: You never call `drop` as a method: Rust calls destructors itself.
// Error: E0040
// Why: Calling `Drop::drop` by hand would let the value be dropped twice (once more at scope end).
// Hint: Use `drop(x)` (std::mem::drop), which takes ownership so it cannot be dropped again.
// Section: no-garbage-collector
// Output: dropped

use trace_ownership::trace_ownership;

struct Noisy;

impl Drop for Noisy {
    fn drop(&mut self) {
        println!("dropped");
    }
}

#[trace_ownership]
fn main() {
    let n = Noisy;
    drop(n);
}
