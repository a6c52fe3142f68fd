// Rule: Changing a value needs a mutable binding.
// Error: E0596
// Why: `push_str` takes `&mut self`; a variable declared without `mut` cannot lend itself mutably.
// Hint: Declare the owner `let mut s`.
// (`// #[trace_ownership]` marks where the traced copy of this exercise puts the attribute.)

// #[trace_ownership]
fn main() {
    let s = String::from("hello");
    s.push_str(", world");
    println!("{s}");
}
