// Rule: `drop(x)` takes ownership and frees the value right there.
// Error: E0382
// Why: After `drop(s)`, the String is gone; `s` has no value.
// Hint: Drop it after its last use.
// Section: no-garbage-collector
// Output: hi
// #[trace_ownership]
fn main() {
    let s = String::from("hi");
    drop(s);
    println!("{s}");
}
