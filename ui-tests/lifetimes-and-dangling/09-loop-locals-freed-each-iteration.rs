// Rule: A loop body's locals are freed at the end of each iteration.
// Error: E0597
// Why: `label` is dropped when its iteration ends, but `labels` keeps a reference to it: nothing keeps the String alive for the reference.
// Hint: Let the Vec own the Strings: make it a `Vec<String>` and `push(label)`.
// Section: no-garbage-collector
// Output: ["item 1", "item 2", "item 3"]
// Check: label moved into push
// Check: no clone

// #[trace_ownership]
fn main() {
    let mut labels: Vec<&String> = Vec::new();
    for i in 1..=3 {
        let label = format!("item {i}");
        labels.push(&label);
    }
    println!("{labels:?}");
}
