// Rule: A spawned thread may outlive the function, so it cannot hold the function's borrowed data.
// Error: E0521
// Why: `s` is borrowed only for the duration of the call; the thread could still run after it returns.
// Hint: Give the thread an owned copy: `let s = s.to_string();` before spawning.
// (`// #[trace_ownership]` marks where the traced copy of this exercise puts the attribute.)

// #[trace_ownership]
fn greet_later(s: &str) {
    let h = std::thread::spawn(move || println!("{s}"));
    h.join().unwrap();
}

// #[trace_ownership]
fn main() {
    greet_later("hi");
}
