// Fixed twin of ../wrong/22-move-it-when-you-are-done-with-it.rs: Give the original away: `average(scores)`.
// Rule: Passing a value moves it; when you do not need it afterwards, a move is all it takes.
// Error: none
// Why: `scores` is not used after `average(...)`, yet a clone is passed: the heap data is copied,
// Why: the copy is used and freed in `average`, and the original is freed unused at the end of `main`.
// Hint: Give the original away: `average(scores)`.
// Section: move-clone-copy
// Output: average 7
// Check: no clone of scores
// Check: scores moved into average

use trace_ownership::trace_ownership;

#[trace_ownership]
fn average(values: Vec<u32>) -> u32 {
    let n = values.len() as u32;
    values.iter().sum::<u32>() / n
}

#[trace_ownership]
fn main() {
    let scores = vec![6, 7, 8];
    let avg = average(scores);
    println!("average {avg}");
}
