// Fixed twin of ../11-boxed-closure-borrows-local.rs: run it traced to see why the fix works.
// Rule: A closure kept for later must own what it uses.
// Error: E0597
// Why: The closure borrows `name`, but `name` is freed at the end of its block while `greeters` keeps the closure for later.
// Hint: Make it a `move` closure, so it owns `name`: `Box::new(move || ...)`.
// Section: no-garbage-collector
// Output: hello Ferris
// Check: no clone

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let mut greeters: Vec<Box<dyn Fn()>> = Vec::new();
    {
        let name = String::from("Ferris");
        greeters.push(Box::new(move || println!("hello {name}")));
    }
    for greet in &greeters {
        greet();
    }
}
