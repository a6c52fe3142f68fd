// Rule: A closure kept for later must own what it uses.
// Error: E0597
// Why: The closure borrows `name`, but `name` is freed at the end of its block while `greeters` keeps the closure for later.
// Hint: Make it a `move` closure, so it owns `name`: `Box::new(move || ...)`.
// Section: no-garbage-collector
// Output: hello Ferris
// Check: no clone

// #[trace_ownership]
fn main() {
    let mut greeters: Vec<Box<dyn Fn()>> = Vec::new();
    {
        let name = String::from("Ferris");
        greeters.push(Box::new(|| println!("hello {name}")));
    }
    for greet in &greeters {
        greet();
    }
}
