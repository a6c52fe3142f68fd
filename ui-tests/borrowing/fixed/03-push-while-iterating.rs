// Fixed twin of ../03-push-while-iterating.rs: Collect the new elements separately and add them after the loop.
// Run traced, it shows why the fix works.

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let mut v = vec![1, 2, 3];
    let extra: Vec<i32> = v.iter().copied().collect();
    v.extend(extra);
    println!("{v:?}");
}
