// Fixed twin of ../08-mutate-through-shared-reference.rs: run it traced to see why the fix works.
// Rule: Immutable references (`&T`): read-only access.
// Error: E0596
// Why: `v` is a shared reference; `push` needs `&mut`.
// Hint: Take `&mut Vec<i32>` as the parameter.
// Section: borrowing-and-references
// Output: [0, 1]
// Check: v borrowed by add

use trace_ownership::trace_ownership;

#[trace_ownership]
fn add(v: &mut Vec<i32>) {
    v.push(1);
}

#[trace_ownership]
fn main() {
    let mut v = Vec::new();
    v.push(0);
    add(&mut v);
    println!("{v:?}");
}
