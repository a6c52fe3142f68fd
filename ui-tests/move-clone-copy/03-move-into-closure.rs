// Rule: A `move` closure takes ownership of what it uses.
// Error: E0382
// Why: The closure now owns `s`; the function cannot use it afterwards.
// Hint: Clone the String for the closure, or use it only through the closure.
// Section: move-clone-copy
// Output: 2 hi
// Check: s never moved
// Check: f called
// #[trace_ownership]
fn main() {
    let s = String::from("hi");
    let f = move || s.len();
    println!("{} {s}", f());
}
