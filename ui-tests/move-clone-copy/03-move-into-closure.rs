// Rule: A `move` closure takes ownership of what it uses.
// Error: E0382
// Why: The closure now owns `s`; the function cannot use it afterwards.
// Hint: Clone the String for the closure, or use it only through the closure.
// (`// #[trace_ownership]` marks where the traced copy of this exercise puts the attribute.)

// #[trace_ownership]
fn main() {
    let s = String::from("hi");
    let f = move || s.len();
    println!("{} {s}", f());
}
