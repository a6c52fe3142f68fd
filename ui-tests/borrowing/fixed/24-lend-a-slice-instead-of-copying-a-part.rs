// Fixed twin of ../wrong/24-lend-a-slice-instead-of-copying-a-part.rs: Let `total` borrow a slice, `fn total(part: &[u32]) -> u32`, and call `total(&readings[..500])`.
// Rule: A slice `&v[a..b]` borrows part of a `Vec` in place: no copy, no allocation.
// Error: none
// Why: `.to_vec()` copies the first 500 readings into a new heap block just so that `total` can own
// Why: them for a moment; `total` only reads them, so it can borrow the part it needs.
// Hint: Let `total` borrow a slice, `fn total(part: &[u32]) -> u32`, and call `total(&readings[..500])`.
// Section: borrowing-and-references
// Output: first half 124750, all 499500
// Check: heap peak at most 5100 bytes
// Check: readings never moved

use trace_ownership::trace_ownership;

#[trace_ownership]
fn total(part: &[u32]) -> u32 {
    part.iter().sum()
}

#[trace_ownership]
fn main() {
    let readings: Vec<u32> = (0..1000).collect();
    let first_half = total(&readings[..500]);
    let all: u32 = readings.iter().sum();
    println!("first half {first_half}, all {all}");
}
