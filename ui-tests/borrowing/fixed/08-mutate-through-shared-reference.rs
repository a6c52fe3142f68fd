// Fixed twin of ../08-mutate-through-shared-reference.rs: Take `&mut Vec<i32>` as the parameter.
// Run traced, it shows why the fix works.

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
