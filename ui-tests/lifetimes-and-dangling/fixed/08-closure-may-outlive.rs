// Fixed twin of ../08-closure-may-outlive.rs: Make it a `move` closure so it owns `x`.
// Run traced, it shows why the fix works.

use trace_ownership::trace_ownership;

#[trace_ownership]
fn make_adder() -> impl Fn(i32) -> i32 {
    let x = 5;
    move |y| x + y
}

#[trace_ownership]
fn main() {
    println!("{}", make_adder()(1));
}
