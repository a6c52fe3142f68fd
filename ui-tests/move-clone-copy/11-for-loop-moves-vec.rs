// Rule: `for x in v` moves the Vec into the loop.
// Error: E0382
// Why: The loop calls `into_iter()`, which takes `v` by value and hands out its elements one by one; after the loop `v` is gone.
// Hint: Loop over a reference, so the loop only borrows `v`: `for s in &v`.
// Section: move-clone-copy
// Output: a
// Output: b
// Output: 2
// Check: v never moved
// Check: no clone

// #[trace_ownership]
fn main() {
    let v = vec![String::from("a"), String::from("b")];
    for s in v {
        println!("{s}");
    }
    println!("{}", v.len());
}
