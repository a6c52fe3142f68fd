// Rule: A `&mut` lets you change a value, not take it away from its owner.
// Error: E0507
// Why: `job` is a `&mut Job`: the Vec still owns each `Job`, so `job.name` cannot be moved out, which would leave a hole in it.
// Hint: Swap an empty String in: `std::mem::take(&mut job.name)` moves the name out and leaves `String::new()` behind.
// Section: ownership-and-memory
// Output: ["a"] true
// Check: no clone

struct Job {
    name: String,
    done: bool,
}

// #[trace_ownership]
fn main() {
    let mut jobs = vec![Job { name: String::from("a"), done: false }];
    let mut names = Vec::new();
    for job in &mut jobs {
        names.push(job.name);
        job.done = true;
    }
    println!("{names:?} {}", jobs[0].done);
}
