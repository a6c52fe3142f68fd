// Fixed twin of ../05-mutate-through-arc.rs: Put the value in a `Mutex` (or an atomic) inside the `Arc`.
// Run traced, it shows why the fix works.

use trace_ownership::trace_ownership;

use std::sync::{Arc, Mutex};

#[trace_ownership]
fn main() {
    let n = Arc::new(Mutex::new(5));
    *n.lock().unwrap() += 1;
    println!("{}", n.lock().unwrap());
}
