// Rule: A type cannot contain itself directly: keep the inner one on the heap, in a `Box`.
// Error: E0072
// Why: A `Node` holds a whole `List`, which can hold another `Node`, and so on: its size would be infinite. A `Box` is one pointer, so its size is known.
// Hint: Write `Node(i32, Box<List>)` and build the list with `Box::new(...)`.
// Section: stack-vs-heap
// Output: 3
// Check: sum called

enum List {
    Node(i32, List),
    End,
}

// #[trace_ownership]
fn sum(list: &List) -> i32 {
    match list {
        List::Node(n, rest) => n + sum(rest),
        List::End => 0,
    }
}

// #[trace_ownership]
fn main() {
    let list = List::Node(1, List::Node(2, List::End));
    println!("{}", sum(&list));
}
