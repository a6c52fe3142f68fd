// Fixed twin of ../wrong/23-take-the-value-out-instead-of-cloning.rs: Move the lines out and leave an empty `Vec` behind in one step:
// Rule: `std::mem::take(&mut x)` moves the value out of `x` and leaves an empty one in its place.
// Error: none
// Why: `flush` needs the pending lines as its own `Vec` and must leave `pending` empty; cloning the
// Why: `Vec` copies every `String` in it (1100 bytes of text), and `clear()` then frees the
// Why: originals at once: all the text is copied only to throw the first copy away.
// Hint: Move the lines out and leave an empty `Vec` behind in one step:
// Hint: `let lines = std::mem::take(&mut log.pending);` (then no `clear()` is needed).
// Section: ownership-and-memory
// Output: sent 2 lines, 0 pending
// Check: heap peak at most 1300 bytes
// Check: log never moved

use trace_ownership::trace_ownership;

struct Log {
    pending: Vec<String>,
}

#[trace_ownership]
fn send(lines: Vec<String>) -> usize {
    lines.len()
}

#[trace_ownership]
fn flush(log: &mut Log) -> usize {
    let lines = std::mem::take(&mut log.pending);
    send(lines)
}

#[trace_ownership]
fn main() {
    let mut log = Log {
        pending: vec!["start ".repeat(100), "stop ".repeat(100)],
    };
    let sent = flush(&mut log);
    println!("sent {sent} lines, {} pending", log.pending.len());
}
