// Fixed twin of ../07-borrowed-data-escapes.rs: Give the thread an owned copy: `let s = s.to_string();` before spawning.
// Run traced, it shows why the fix works.

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
