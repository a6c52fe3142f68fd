// Fixed twin of ../wrong/21-a-thread-should-own-its-data.rs: Move the original into the thread's closure: `let count = move || jobs.len();`, no `jobs_copy`.
// Rule: A `move` closure takes ownership of what it uses, so a spawned thread can own its data outright.
// Error: none
// Why: `jobs` is not used by `main` after the thread is spawned, yet the thread gets a clone: the
// Why: list is copied for the thread and the original sits unused in `main` until the end.
// Hint: Move the original into the thread's closure: `let count = move || jobs.len();`, no `jobs_copy`.
// Section: move-clone-copy
// Output: the worker counted 3 jobs
// Check: no clone of jobs
// Check: count moved into thread::spawn

use trace_ownership::trace_ownership;

use std::thread;

#[trace_ownership]
fn main() {
    let jobs = vec![String::from("a"), String::from("b"), String::from("c")];
    let count = move || jobs.len();
    let worker = thread::spawn(count);
    let n = worker.join().unwrap();
    println!("the worker counted {n} jobs");
}
