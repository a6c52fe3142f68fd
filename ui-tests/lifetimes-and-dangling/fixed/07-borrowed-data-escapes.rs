// Fixed twin of ../07-borrowed-data-escapes.rs: run it traced to see why the fix works.
// Rule: A spawned thread may outlive the function, so it cannot hold the function's borrowed data.
// Error: E0521
// Why: `s` is borrowed only for the duration of the call; the thread could still run after it returns.
// Hint: Give the thread an owned copy: `let s = s.to_string();` before spawning.
// Section: borrowing-and-references
// Output: hi
// Check: greet_later called

use trace_ownership::trace_ownership;

#[trace_ownership]
fn greet_later(s: &str) {
    let s = s.to_string();
    let h = std::thread::spawn(move || println!("{s}"));
    h.join().unwrap();
}

#[trace_ownership]
fn main() {
    greet_later("hi");
}
