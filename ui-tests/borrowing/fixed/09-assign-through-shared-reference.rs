// Fixed twin of ../09-assign-through-shared-reference.rs: Take `&mut i32` and pass `&mut n`.
// Run traced, it shows why the fix works.

use trace_ownership::trace_ownership;

#[trace_ownership]
fn reset(x: &mut i32) {
    *x = 0;
}

#[trace_ownership]
fn main() {
    let mut n = 5;
    n += 1;
    reset(&mut n);
    println!("{n}");
}
