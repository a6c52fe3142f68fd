// Fixed twin of ../wrong/21-free-the-big-buffer-before-the-loop.rs: Free it yourself once the checksum is computed: `drop(buf);` before the loop.
// Rule: A value is freed when its owner goes out of scope; `drop(x)` frees it earlier, right where you say.
// Error: none
// Why: `buf` holds 1 MB on the heap but is only needed for the checksum; it stays alive through
// Why: the whole loop because its owner lives until the end of `main`, so each `work` runs with
// Why: an extra megabyte held for nothing. Rust has no garbage collector to notice it is unused.
// Hint: Free it yourself once the checksum is computed: `drop(buf);` before the loop.
// Section: no-garbage-collector
// Output: checksum 0
// Output: work 0: 1048576
// Output: work 1: 1048576
// Output: work 2: 1048576
// Check: buf freed before call work
// Check: heap peak at most 1100000 bytes

use trace_ownership::trace_ownership;

#[trace_ownership]
fn work(round: usize) -> usize {
    let scratch = vec![round as u8; 1 << 20];
    scratch.len()
}

#[trace_ownership]
fn main() {
    let buf = vec![0u8; 1 << 20];
    let checksum: u64 = buf.iter().map(|&b| u64::from(b)).sum();
    drop(buf);
    println!("checksum {checksum}");
    for round in 0..3 {
        println!("work {round}: {}", work(round));
    }
}
