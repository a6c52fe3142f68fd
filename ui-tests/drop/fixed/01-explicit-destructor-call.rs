// Fixed twin of ../01-explicit-destructor-call.rs: Use `drop(x)` (std::mem::drop), which takes ownership so it cannot be dropped again.
// Run traced, it shows why the fix works.

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
